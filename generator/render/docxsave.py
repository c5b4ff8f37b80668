"""Serialise a python-docx document to bytes, the same bytes for the same content.

python-docx stamps every zip member with the current time, so two builds of an unchanged plan
would differ. Its package writer takes any "physical writer" object, so we hand it one that
uses a fixed date instead of rewriting the archive afterwards (which cost a second compression).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.pkgwriter import PackageWriter

# The day Nghị định 30/2020/NĐ-CP was signed: as good a fixed date as any, and a true one.
ZIP_DATE = (2020, 3, 5, 0, 0, 0)


class _FixedDateZip:
    """The physical-writer interface of python-docx (``write``, ``close``) over a zip file."""

    def __init__(self, stream: io.BytesIO, main_substitutions: dict[bytes, bytes]) -> None:
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)
        self._substitutions = main_substitutions

    def write(self, pack_uri: Any, blob: bytes) -> None:
        if pack_uri == "/word/document.xml":
            for marker, replacement in self._substitutions.items():
                if blob.count(marker) != 1:
                    msg = f"marker {marker!r} found {blob.count(marker)} times in the document part"
                    raise RuntimeError(msg)
                blob = blob.replace(marker, replacement)
        info = zipfile.ZipInfo(pack_uri.membername, ZIP_DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def docx_bytes(document: DocxDocument, *, main_substitutions: dict[bytes, bytes] | None = None) -> bytes:
    """The document as a DOCX file, deterministic for equal content.

    ``main_substitutions``: byte strings of the main document part replaced as it is written
    (each must occur exactly once), for content inserted as finished XML.
    """
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buffer = io.BytesIO()
    writer = _FixedDateZip(buffer, main_substitutions or {})
    # The steps of PackageWriter.write, with our writer instead of a time-stamping one.
    steps: Any = PackageWriter  # its helpers are untyped and typed for its own writer class
    steps._write_content_types_stream(writer, package.parts)
    steps._write_pkg_rels(writer, package.rels)
    steps._write_parts(writer, package.parts)
    writer.close()
    return buffer.getvalue()
