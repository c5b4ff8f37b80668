"""The body of a plan read back: parts, sections of each kind, subsections, points, items, notes.

Lines arrive in document order with their labels; each label's level says where the line goes
(see :mod:`generator.importer.labels`). A section's kind comes from its title: objectives,
requirements, one of the seven reform areas (by the words provinces use), funding, a unit's
duties. What is read with doubt is kept, and a review comment says so.
"""

from __future__ import annotations

import re
from typing import Any

from generator.importer.labels import DEEP, ITEM, PART, POINT, SECTION, SUB, SUBITEM, level
from generator.importer.source import Line
from generator.plan.areas import AREA_TITLES, area_of
from generator.plan.areas import plain as folded

Path = tuple[str | int, ...]
Comments = dict[Path, list[str]]

_UNITS = re.compile(r"\((?:Đơn vị|Cơ quan) (?:thực hiện|chủ trì|phụ trách)\s*:\s*(?P<units>[^()]+)\)\s*\.?$")
_UNITS_LINE = re.compile(r"^(?:Đơn vị|Cơ quan) (?:thực hiện|chủ trì|phụ trách)\s*:\s*(?P<units>.+?)\.?$")
_UNIT_TITLE = re.compile(
    r"^(?:Văn phòng|Phòng|Thanh tra|Chánh|Giám đốc|Phó Giám đốc|Lãnh đạo|Trung tâm|Các phòng|Các đơn vị|Các cơ quan|"
    r"Thủ trưởng|Trưởng|Chi cục|Ban|Bệnh viện|"
    r"Sở|Cục|Vụ|Hội đồng|Ủy ban|UBND|Đơn vị)\b"
)
_REFERENCE = re.compile(r"^\(.*\bph[ụu] l[ụu]c\b.*\)\.?$", re.IGNORECASE)
_KINDS = (("muc tieu", "objectives"), ("muc dich", "objectives"), ("yeu cau", "requirements"), ("kinh phi", "funding"))
_DEFAULT_TITLES = {"objectives": "Mục tiêu", "requirements": "Yêu cầu", "funding": "Kinh phí thực hiện"}


class BodyReader:
    """Builds ``parts`` from the body's lines, with review comments by key path."""

    def __init__(self, comments: Comments, has_roman: bool) -> None:
        self.parts: list[dict[str, Any]] = []
        self.comments = comments
        self.shift = not has_roman  # no "I." parts: "1." lines are the parts, "1.1." the sections
        self.part: dict[str, Any] | None = None
        self.section: dict[str, Any] | None = None
        self.sub: dict[str, Any] | None = None
        self.point: dict[str, Any] | None = None
        self.item: dict[str, Any] | None = None  # the last bullet, for its sub-items and note
        self.target: dict[str, Any] | None = None
        self.tables: set[int] = set()  # the containers already told to have had a table

    def read(self, lines: list[Line]) -> list[dict[str, Any]]:
        for line in lines:
            self.add(line)
        return self.parts

    def _level(self, line: Line) -> str:
        found = level(line.label)
        if self.shift:
            found = {SECTION: PART, SUB: SECTION, DEEP: SUB}.get(found, found)
        return found

    def add(self, line: Line) -> None:
        kind = self._level(line)
        if kind == PART:
            self._part(line.plain if line.bold else line.text)
        elif kind == SECTION:
            self._section(line)
        elif kind == SUB:
            self._sub(line)
        elif kind == POINT:
            self._point(line)
        elif kind == SUBITEM and self.item is not None:
            self.item.setdefault("sub", []).append(line.text)
        elif kind in (ITEM, SUBITEM, DEEP):
            self._bullet(line.text)
        else:
            self._plain(line)

    # --- levels ------------------------------------------------------------------------------

    def _container(self) -> dict[str, Any]:
        if self.point is not None:
            return self.point
        if self.sub is not None:
            return self.sub
        if self.section is not None:
            return self.section
        if self.part is None:
            self._part("")
        assert self.part is not None
        return self.part

    def _part(self, heading: str) -> None:
        self.part = {"heading": heading or "Nội dung", "items": [], "sections": []}
        self.parts.append(self.part)
        if not heading:
            self.comments.setdefault(("parts", len(self.parts) - 1), []).append(
                "phần này không có tiêu đề “I., II.” trong văn bản gốc; hãy đặt tiêu đề đúng."
            )
        self.section = self.sub = self.point = self.item = self.target = None

    def _section(self, line: Line) -> None:
        if self.part is None:
            self._part("")
        assert self.part is not None
        title, text = _title_and_text(line)
        section: dict[str, Any] = {"kind": "text"}
        if title:
            section.update(_kind_of(title, has_text=bool(text)))
            if section.get("kind") == "text" and not text and _ends_with_colon(line):
                section = {"kind": "unit", "unit": title}  # "2. Các đơn vị có trách nhiệm:" heads a list
        if text:
            section["text"] = text
        section.update(items=[], targets=[], points=[], subsections=[])
        self.part["sections"].append(section)
        self.section, self.sub, self.point, self.item, self.target = section, None, None, None, None

    def _sub(self, line: Line) -> None:
        if self.section is None:
            self._section(Line("", "", "", False, False, "", False, line.landscape))
        assert self.section is not None
        title, text = _title_and_text(line)
        if self.section["kind"] == "objectives" and not title:  # "2.1. 100% hồ sơ…": a target
            self._target(line.text)
            return
        sub: dict[str, Any] = {"items": [], "points": []}
        if title:
            sub["title"] = title
        if text:
            sub["text"] = text
        self.section["subsections"].append(sub)
        self.sub, self.point, self.item, self.target = sub, None, None, None

    def _target(self, text: str) -> None:
        assert self.section is not None
        target: dict[str, Any] = {"text": text}
        match = _UNITS.search(text)
        if match:
            target["text"] = text[: match.start()].rstrip()
            target["units"] = [u.strip() for u in match.group("units").split(";") if u.strip()]
        self.section["targets"].append(target)
        self.target, self.item = target, None

    def _point(self, line: Line) -> None:
        owner = self.sub if self.sub is not None else self.section
        if owner is None:
            self._section(Line("", "", "", False, False, "", False, line.landscape))
            owner = self.section
        assert owner is not None
        if ": " in line.text and not line.text.endswith(":"):
            title, text = line.text.split(": ", 1)
            point: dict[str, Any] = {"title": title, "text": text}
        else:
            point = {"title": line.text.rstrip(":")}
        point["items"] = []
        owner["points"].append(point)
        self.point, self.item, self.target = point, None, None

    def _bullet(self, text: str) -> None:
        container = self._container()
        if (
            self.section is not None
            and self.section["kind"] == "objectives"
            and self.point is None
            and self.sub is None
        ):
            match = _UNITS.search(text)
            if match:  # "- 100% hồ sơ … (Đơn vị thực hiện: …)": an unnumbered target
                self.section["targets_numbered"] = False
                self._target(text)
                return
        bullet: dict[str, Any] = {"text": text}
        container["items"].append(bullet)
        self.item, self.target = bullet, None

    def _plain(self, line: Line) -> None:
        if self.target is not None and line.italic:
            units = _UNITS_LINE.match(line.plain)
            if units and self.section is not None:
                self.target["units"] = [u.strip() for u in units.group("units").split(";") if u.strip()]
                self.section["units_on_own_line"] = True
            else:
                self.target["note"] = line.text
            return
        if self.item is not None and line.italic and "note" not in self.item:
            self.item["note"] = line.text
            return
        container = self._container()
        if line.from_table:
            if id(container) not in self.tables:
                self.tables.add(id(container))
                self.comments.setdefault(("parts", len(self.parts) - 1), []).append(
                    "văn bản gốc có một bảng trong phần này: mỗi hàng đã chép thành một đoạn (các ô cách nhau bằng "
                    "“|”); hãy sửa lại thành các ý."
                )
            container["items"].append({"paragraph": line.text})
            self.item = self.target = None
            return
        if _REFERENCE.match(line.plain):
            container["items"].append({"appendix_ref": {"text": line.plain}})
        else:
            container["items"].append({"paragraph": line.text})
        self.item = self.target = None


def _ends_with_colon(line: Line) -> bool:
    return line.plain.rstrip().endswith(":")


def _title_and_text(line: Line) -> tuple[str, str]:
    """A numbered heading's title (its bold words, without a final colon) and the text after it."""
    if line.bold:
        return line.plain.rstrip(" :"), ""
    head = line.head
    if head and line.text.startswith(head):
        return head.rstrip(" :"), line.text[len(head) :].lstrip(" :")
    return "", line.text


def _kind_of(title: str, *, has_text: bool) -> dict[str, Any]:
    """A section's kind from its title, with the title kept when it is not the usual one."""
    key = folded(title)
    for words, kind in _KINDS:
        if key.startswith(words) and len(key) <= len(words) + 25:
            return {"kind": kind} if title == _DEFAULT_TITLES[kind] else {"kind": kind, "title": title}
    area = area_of(title)
    if area is not None and len(key) <= 90:
        return {"kind": "area", "area": area} if title == AREA_TITLES[area] else {
            "kind": "area", "area": area, "title": title,
        }  # fmt: skip
    if _UNIT_TITLE.match(title) and len(title.split()) <= 12:
        return {"kind": "unit", "unit": title}
    return {"title": title}
