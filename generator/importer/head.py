"""The frame of a plan read back: header, tên loại and trích yếu, Nơi nhận and the signature."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from generator.importer.source import Grid, Line
from generator.plan.areas import plain as folded

NATIONAL = re.compile(r"c[ộo]ng h[òo]a x[ãa] h[ộo]i|đ[ộo]c l[ậa]p\s*-\s*t[ựu] do", re.IGNORECASE)
_NUMBER = re.compile(
    r"^S[ốo]\s*:?\s*(?P<number>\d*)[\s.…_]*/\s*(?P<kind>[A-ZĐ]+)\s*-\s*(?P<agency>[A-ZĐ0-9&]+(?:-[A-ZĐ0-9&]+)*)"
)
_DATE = re.compile(
    r"^(?P<place>[^,]{2,40}),\s*ngày\s*(?P<day>\d{1,2})?[\s.…_]*tháng\s*(?P<month>\d{1,2})?[\s.…_]*năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_AUTHORITY = re.compile(r"^(KT|TM|TL|TUQ|Q)\.\s*", re.IGNORECASE)
DOC_TYPES = ("KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO", "CÔNG VĂN", "THÔNG BÁO", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "PHƯƠNG ÁN")


@dataclass
class Header:
    """What the header gave: agency lines, number and code, place and date."""

    parent: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    number: int | None = None
    kind_code: str = "KH"
    agency_code: str = ""
    place: str = ""
    day: int | None = None
    month: int | None = None
    year: int | None = None
    found: bool = False


def read_header_lines(lines: list[tuple[str, bool]], header: Header) -> None:
    """Read header lines (text, bold) of the left and right columns, in any order."""
    agency: list[tuple[str, bool]] = []
    for text, bold in lines:
        text = text.strip()
        if not text or NATIONAL.search(text):
            header.found = header.found or bool(NATIONAL.search(text))
            continue
        number = _NUMBER.match(text)
        date = _DATE.match(text)
        if number:
            header.number = int(number.group("number")) if number.group("number") else None
            header.kind_code, header.agency_code = number.group("kind"), number.group("agency")
        elif date:
            header.place = date.group("place").strip()
            header.day = int(date.group("day")) if date.group("day") else None
            header.month = int(date.group("month")) if date.group("month") else None
            header.year = int(date.group("year"))
        elif text.upper() == text and any(ch.isalpha() for ch in text) and len(text) <= 80:
            agency.append((text, bold))
    bold_lines = [t for t, b in agency if b]
    if bold_lines and len(bold_lines) < len(agency):
        header.name = bold_lines
        header.parent = [t for t, b in agency if not b]
    elif agency:
        header.name = [agency[-1][0]]
        header.parent = [t for t, _ in agency[:-1]]


def header_from_grid(grid: Grid, header: Header) -> None:
    """A header typed as a two-column table: left column first, then right."""
    columns: list[list[tuple[str, bool]]] = [[], []]
    for row in grid.rows:
        for index, cell in enumerate(row[:2]):
            columns[index] += [(text, cell.bold) for text in cell.text.split("\n")]
    read_header_lines(columns[0] + columns[1], header)


def split_header_line(line: Line) -> list[tuple[str, bool]]:
    """A header typed as paragraphs: "UBND TỈNH X<tab>CỘNG HÒA…" holds both columns."""
    return [(piece, line.bold) for piece in line.pieces or [line.plain]]


def is_doc_type(line: Line) -> bool:
    return line.plain.upper() in DOC_TYPES or (line.bold and line.centered and line.plain == "KẾ HOẠCH")


def signer_from_lines(lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """The signature block: authority, title lines (capitals), the name (the last line).

    Returns the signer and the lines that were neither (a "(Đã ký)", a seal note) for review.
    """
    lines = [line.strip() for line in lines if line.strip()]
    authority = _AUTHORITY.match(lines[0]) if lines else None
    signer: dict[str, Any] = {"authority": authority.group(1).upper() + "."} if authority else {}
    signer.update(titles=[], name=lines[-1] if lines else "")
    others: list[str] = []
    for text in lines[:-1]:
        if authority and not signer["titles"]:
            text = text[authority.end() :]
        if text.upper() == text:
            signer["titles"].append(text)
        else:
            others.append(text)
    if not signer["titles"]:
        signer["titles"] = ["GIÁM ĐỐC"]
        others.append("(không thấy chức vụ người ký: đã ghi tạm GIÁM ĐỐC)")
    return signer, others


def recipients_from_lines(lines: list[str]) -> tuple[list[str], str | None]:
    """Nơi nhận without its heading and punctuation; the "Lưu" line apart (the archive)."""
    recipients: list[str] = []
    archive = None
    for raw in lines:
        text = re.sub(r"^[-–—+•]\s*", "", raw.strip())
        text = re.sub(r"[;.,\s]+$", "", text)
        if not text or folded(text).startswith("noi nhan"):
            continue
        if folded(text).startswith("luu"):
            archive = re.sub(r"^lưu\s*:?\s*", "", text, flags=re.IGNORECASE).strip()
            continue
        recipients.append(text)
    return recipients, archive


def full_name_from(texts: list[str], name: str, parent: str) -> str | None:
    """The agency's name as the document writes it in sentences ("Sở Y tế tỉnh Thanh Hóa")."""
    pattern = re.escape(name).replace("\\ ", r"\s+")
    place = re.sub(r"^(?:UBND|ỦY BAN NHÂN DÂN)\s+", "", parent, flags=re.IGNORECASE)
    for text in texts:
        match = re.search(rf"\b{pattern}(?:\s+{re.escape(place)})?", text, re.IGNORECASE) if place else None
        match = match or re.search(rf"\b{pattern}\b", text, re.IGNORECASE)
        if match and match.group(0) != match.group(0).upper():
            return match.group(0)
    return None
