"""What a document is built from: the template file, and the digest stored in the DOCX to tell
that it is up to date. Kept apart from the renderer so that "is it up to date?" imports nothing
heavy (a ``build --changed`` of unchanged plans stays quick)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "templates" / "kehoach.docx"

# A custom document property (File → Properties → Custom in Word): what the file was built from.
CUSTOM_PART = "/docProps/custom.xml"
_SOURCE_NAME = "kehoach-nguon"
_CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>'
    "</Properties>"
)
_STORED = re.compile(rb'name="' + _SOURCE_NAME.encode() + rb'"><vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>')


def source_property_xml(source: str) -> bytes:
    """The custom-properties part holding the source digest."""
    return (_CUSTOM_XML % (_SOURCE_NAME, source)).encode("utf-8")


def stored_source(docx: Path) -> str | None:
    """The source digest a document was built with, or None (not ours, unreadable, older tool)."""
    try:
        with zipfile.ZipFile(docx) as archive:
            info = archive.getinfo(CUSTOM_PART.lstrip("/"))
            if info.file_size > 4096:
                return None
            match = _STORED.search(archive.read(info))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    return match.group(1).decode() if match else None
