"""A DOCX as a package: the zip, its parts by name, relationships, and the main document part.

A DOCX given to ``check`` or ``import`` may be hostile: a part that inflates from a megabyte to
a gigabyte, a directory that lies about sizes, a thousand parts nobody references. Sizes and
compression ratios are checked from the zip directory before anything is inflated, every read
is bounded whatever the directory says, and only the parts the document references are read.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from lxml import etree

from generator.common.vnformat import megabytes
from generator.docx.model import PKG_R, normalise_part_name

# A 10,000-row appendix makes a 13 MB document.xml; parsing costs about 25 bytes of memory per
# byte of XML, so these keep a check or an import under about 600 MB.
MAX_FILE_BYTES = 100 * 1024 * 1024  # the .docx itself (pictures included)
MAX_PART_BYTES = 20 * 1024 * 1024  # one XML part, inflated
MAX_TOTAL_BYTES = 40 * 1024 * 1024  # every part read, inflated
MAX_RATIO = 100  # inflated / compressed, for parts over 1 MB: XML compresses 10-30 times
MAX_PARTS = 10_000


# The signature of an OLE compound file: Word 97-2003 documents and encrypted DOCX files.
_OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")


class DocxRefused(ValueError):
    """A DOCX beyond the limits: the message says which, in Vietnamese."""


class Package:
    """The parts of one DOCX file, read on demand.

    Raises:
        ValueError: when the file is not a zip.
        OSError: when the file cannot be opened at all (missing, a folder, no permission).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _refuse(f"tệp quá lớn ({megabytes(size)}; giới hạn {megabytes(MAX_FILE_BYTES)})")
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            with path.open("rb") as handle:
                if handle.read(8) == _OLE_MAGIC:  # a password-protected DOCX, or a .doc
                    _refuse("đây là tệp Word có đặt mật khẩu, hoặc tệp .doc (Word 97-2003). Hãy mở bằng Word, "
                            "bỏ mật khẩu và lưu lại dạng .docx")  # fmt: skip
            msg = f"not a DOCX file: {exc}"
            raise ValueError(msg) from None
        infos = self.zip.infolist()
        if len(infos) > MAX_PARTS:
            _refuse(f"tệp có {len(infos)} phần, quá nhiều cho một văn bản (giới hạn {MAX_PARTS})")
        self.infos = {info.filename: info for info in infos}
        self.names = frozenset(self.infos)
        self.counted: set[str] = set()
        self.read_total = 0
        self.main = self._main_part()

    def read(self, name: str) -> bytes:
        """The bytes of one part, refused beyond the limits before and while inflating.

        Raises:
            DocxRefused: the part (or all parts read so far) is too large or too compressed.
            KeyError: no such part.
        """
        info = self.infos[name]
        if info.flag_bits & 0x1:
            _refuse("tệp được đặt mật khẩu (mã hóa); hãy mở bằng Word, bỏ mật khẩu rồi lưu lại")
        if info.file_size > MAX_PART_BYTES:
            _refuse(f"phần {name} quá lớn ({megabytes(info.file_size)}; giới hạn {megabytes(MAX_PART_BYTES)})")
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            _refuse(f"phần {name} nén bất thường (gấp {info.file_size // max(info.compress_size, 1)} lần): "
                    "có thể là tệp độc hại (zip bomb)")  # fmt: skip
        try:
            with self.zip.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)  # the directory may lie about the size
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            msg = f"part {name} unreadable: {exc}"
            raise ValueError(msg) from None
        if len(data) > MAX_PART_BYTES:
            _refuse(f"phần {name} quá lớn (hơn {megabytes(MAX_PART_BYTES)})")
        if name not in self.counted:  # a part read twice costs its size once
            self.counted.add(name)
            self.read_total += len(data)
        if self.read_total > MAX_TOTAL_BYTES:
            _refuse(f"các phần của tệp cộng lại quá lớn (hơn {megabytes(MAX_TOTAL_BYTES)})")
        return data

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

    def referenced_xml_parts(self) -> list[str]:
        """The XML parts reachable by relationships from the package: what a reader would open.

        A part nobody references (however large) is never read.
        """
        found: list[str] = []
        queue = [str(PurePosixPath(target)) for target in self._package_targets()]
        while queue:
            name = queue.pop(0)
            if name in found or name not in self.names or not name.endswith(".xml"):
                continue
            found.append(name)
            queue += [target for target in self.rels(name).values() if target not in found]
        return found

    def _package_targets(self) -> list[str]:
        if "_rels/.rels" not in self.names:
            return [self.main]
        targets = [self.main]
        for rel in self.xml("_rels/.rels").iter(f"{{{PKG_R}}}Relationship"):
            if rel.get("TargetMode") != "External":
                targets.append(normalise_part_name(rel.get("Target", "").lstrip("/")))
        return targets

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


def _refuse(reason: str) -> None:
    msg = f"không đọc tệp DOCX này: {reason}."
    raise DocxRefused(msg)


def replace_part(data: bytes, name: str, blob: bytes) -> bytes:
    """A DOCX (given as bytes) with one part's content replaced, every other member as it was.

    For documents this tool wrote itself (the redline starts from a build): members keep their
    order, dates and compression.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, blob if info.filename == name else source.read(info))
    return buffer.getvalue()
