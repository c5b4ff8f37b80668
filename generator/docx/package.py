"""A DOCX as a package: the zip, its parts by name, relationships, and the main document part."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree

from generator.docx.model import PKG_R, normalise_part_name


class Package:
    """The parts of one DOCX file, read on demand.

    Raises:
        ValueError: when the file is not a zip.
        OSError: when the file cannot be opened at all (missing, a folder, no permission).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
            self.names = frozenset(self.zip.namelist())
        except zipfile.BadZipFile as exc:
            msg = f"not a DOCX file: {exc}"
            raise ValueError(msg) from None
        self.main = self._main_part()

    def read(self, name: str) -> bytes:
        """The bytes of one part."""
        return self.zip.read(name)

    def xml(self, name: str) -> etree._Element:
        """One part parsed as XML, with entities and network access off."""
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        return etree.fromstring(self.read(name), parser)

    def _main_part(self) -> str:
        if "_rels/.rels" in self.names:
            for rel in self.xml("_rels/.rels").iter(f"{{{PKG_R}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    return rel.get("Target", "word/document.xml").lstrip("/")
        return "word/document.xml"

    def rels(self, part: str) -> dict[str, str]:
        """The internal relationships of a part: id → part name."""
        path = PurePosixPath(part)
        rels_name = str(path.parent / "_rels" / (path.name + ".rels"))
        if rels_name not in self.names:
            return {}
        out = {}
        for rel in self.xml(rels_name).iter(f"{{{PKG_R}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            resolved = target.lstrip("/") if target.startswith("/") else str(path.parent / target)
            out[rel.get("Id", "")] = normalise_part_name(resolved)
        return out

    def part_by_type(self, suffix: str) -> str | None:
        """The part the main document relates to with a type ending in ``suffix`` (``/styles``)."""
        path = PurePosixPath(self.main)
        rels_name = str(path.parent / "_rels" / (path.name + ".rels"))
        if rels_name not in self.names:
            return None
        for rel in self.xml(rels_name).iter(f"{{{PKG_R}}}Relationship"):
            if rel.get("Type", "").endswith(suffix):
                return normalise_part_name(str(path.parent / rel.get("Target", "")))
        return None
