"""From a validated plan to the values the template prints: numbered, punctuated, escaped.

All numbering (I., 1., 1.1., a), "-", "+") and all punctuation ND30 fixes (the "./." ending,
";" after each recipient, "." after the Lưu line) is produced here, never typed by the author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.common.emphasis import has_marks, plain
from generator.common.metrics import printed_width_mm, text_width_mm
from generator.common.numbering import letter, roman
from generator.common.text import for_template, upper_vi
from generator.common.units import twips
from generator.plan.dates import BLANK, PlanDate
from generator.plan.rules import numbered_appendices
from generator.plan.schema import (
    AREA_TITLES,
    AppendixRef,
    AreaSection,
    Bullet,
    Item,
    Paragraph,
    Plan,
    Point,
    Recipient,
    RefItem,
    Section,
    UnitSection,
)
from generator.render.appendix_table import table_xml
from generator.render.layout import CELL_MARGIN, HEADER_COLUMNS, PORTRAIT, RULE_FRACTION, SIZES
from generator.render.ooxml import rule_paragraph_xml, spliced_runs

DEFAULT_TITLES = {
    "objectives": "Mục tiêu",
    "requirements": "Yêu cầu",
    "funding": "Kinh phí thực hiện",
}
_SUB_MARKER = {"-": "+", "+": "-", "none": "-"}
_BOLD_HEADS = ("part", "section", "subsection")
_TRAILING_PUNCTUATION = re.compile(r"[;.,\s]+$")


@dataclass(frozen=True)
class Block:
    """One paragraph of the body: its kind (template branch), bold head and plain text."""

    kind: str  # part | section | subsection | point | item | note | para
    head: Any = ""
    text: Any = ""


def build_context(plan: Plan, *, draft: bool = False) -> dict[str, Any]:
    """Everything ``templates/kehoach.docx`` needs, for one plan."""
    date = without_day(plan.date) if draft else plan.date
    number = None if draft else plan.number
    labels = {id(a): label for label, a in numbered_appendices(plan)}
    builder = _BodyBuilder(plan, labels)
    return {
        "draft": draft,
        "header": _header(plan, number, date),
        "doc_type": _value(upper_vi(plan.document.type)),
        "title": _value(plan.title),
        "title_rule": _rule("KhTitleRule", PORTRAIT.text_width, _printed_title(plan.title)),
        "opening": [_value(text) for text in plan.opening],
        "blocks": builder.blocks(),
        "closing": _value(closing_text(plan.closing)),
        "recipients": [_value(line) for line in recipient_lines(plan)],
        "signer": {
            "lines": [_value(line) for line in signer_lines(plan)],
            "name": _value(plan.signer.name),
        },
        "appendices": [
            _appendix(plan, label, appendix, number, date)
            for label, appendix in numbered_appendices(plan)
            if not appendix.issued_separately
        ],
    }


def _value(text: str, *, bold: bool = False, italic: bool = False) -> str | Markup:
    """A text for the template: escaped by Jinja, or, when it holds ``*nghiêng*`` or ``**đậm**``
    marks, as finished runs (read in Python, never by Jinja). ``bold``/``italic``: the template
    run's own emphasis, which the runs keep."""
    if has_marks(text):
        return Markup(spliced_runs(text, bold=bold, italic=italic))
    return for_template(text)


def without_day(date: PlanDate) -> PlanDate:
    """A draft's date: the day is left for the văn thư, month and year stay."""
    return PlanDate(date.year, date.month)


def number_text(plan: Plan, number: int | None) -> str:
    """``05/KH-SYT``; a blank before the slash while the number is not given (ND30 II.3)."""
    digits = f"{number:02d}" if number is not None else BLANK
    return f"{digits}/{plan.document.code}-{plan.agency.code}"


def _header(plan: Plan, number: int | None, date: PlanDate) -> dict[str, Any]:
    inner = HEADER_COLUMNS[0] - 2 * CELL_MARGIN
    agency = upper_vi(plan.agency.name)
    return {
        "parent": _value(upper_vi(plan.agency.parent)) if plan.agency.parent else None,
        "agency": _value(agency),
        "agency_rule": _rule("KhRule", inner, printed_width_mm(plain(agency), SIZES.agency, inner, bold=True)),
        "number_line": _value(f"Số: {number_text(plan, number)}"),
        "date_line": _value(f"{plan.agency.place}, {date.words()}"),
    }


def _printed_title(title: str) -> float:
    return printed_width_mm(plain(title), SIZES.title, PORTRAIT.text_width, bold=True)


def _rule(style: str, container_mm: float, line_mm: float) -> Markup:
    """A rule under a text, ``RULE_FRACTION`` of its longest printed line (ND30: 1/3 to 1/2)."""
    length = min(line_mm, container_mm) * RULE_FRACTION
    return Markup(rule_paragraph_xml(style, twips(container_mm), twips(length)))


def closing_text(text: str) -> str:
    """The closing paragraph ending with "./." whatever the author typed at its end."""
    return re.sub(r"[\s./;,:]*$", "", text) + "./."


def recipient_lines(plan: Plan) -> list[str]:
    """``- UBND tỉnh (b/c);`` … ``- Lưu: VT, TCHC.`` (ND30 Phụ lục I, II.9.d)."""
    names = []
    for entry in plan.recipients:
        if isinstance(entry, Recipient):
            purpose = entry.purpose.strip("() ") if entry.purpose else ""
            names.append(f"{entry.name} ({purpose})" if purpose else entry.name)
        else:
            names.append(entry)
    if plan.archive:
        archive = re.sub(r"^\s*Lưu\s*:?\s*", "", plan.archive, flags=re.IGNORECASE)
        names.append(f"Lưu: {archive}")
    lines = ["- " + _TRAILING_PUNCTUATION.sub("", name) + ";" for name in names]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def signer_lines(plan: Plan) -> list[str]:
    """``KT. GIÁM ĐỐC`` / ``PHÓ GIÁM ĐỐC``: the authority on the first title line (ND30 II.7)."""
    titles = [upper_vi(t) for t in plan.signer.titles]
    if plan.signer.authority:
        titles[0] = f"{plan.signer.authority} {titles[0]}"
    return titles


def area_titles(plan: Plan) -> dict[str, str]:
    """The title of each reform area as this plan prints it (its override or the usual one)."""
    titles = dict(AREA_TITLES)
    for part in plan.parts:
        for section in part.sections:
            if isinstance(section, AreaSection) and section.title:
                titles[section.area] = section.title
    return titles


def _appendix(plan: Plan, label: str, appendix: Any, number: int | None, date: PlanDate) -> dict[str, Any]:
    attached = (
        f"(Kèm theo {plan.document.type} số {number_text(plan, number)} {date.words()} của {plan.agency.full_name})"
    )
    line = text_width_mm(plain(attached), SIZES.appendix_attached, italic=True)
    return {
        "label": _value(label),
        "title": _value(upper_vi(appendix.title)),
        "attached": _value(attached),
        "rule": _rule("KhAppendixRule", PORTRAIT.text_width, min(line, 150.0)),
        "table": Markup(table_xml(appendix, area_titles(plan))),
    }


class _BodyBuilder:
    """Numbers and flattens the parts into blocks, in document order."""

    def __init__(self, plan: Plan, labels: dict[int, str]) -> None:
        self.plan = plan
        self.labels = labels
        self.areas = area_titles(plan)
        self.out: list[Block] = []

    def blocks(self) -> list[Block]:
        default = self.plan.layout.marker
        for index, part in enumerate(self.plan.parts, 1):
            self._add("part", f"{roman(index)}. {upper_vi(part.heading)}")
            self._items(part.items, part.marker or default)
            for number, section in enumerate(part.sections, 1):
                self._section(number, section, default)
        return self.out

    def _add(self, kind: str, head: str = "", text: str = "") -> None:
        bold, italic = kind in _BOLD_HEADS, kind == "subsection"  # as the template's head run
        self.out.append(Block(kind, _value(head, bold=bold, italic=italic), _value(text)))

    def _titled(self, kind: str, label: str, title: str | None, text: str | None, colon: bool = False) -> None:
        if title:
            head = f"{label} {title}" + (":" if colon or text else "")
            self._add(kind, head, f" {text}" if text else "")
        else:  # ND30: a numbered paragraph without a title is not bold; it is body text, not a
            # heading, so it does not keep with the next paragraph (a part of such paragraphs
            # would become one block that cannot split, and pages would end lines early).
            self._add("para" if kind == "section" else kind, "", f"{label} {text or ''}".rstrip())

    def _section(self, number: int, section: Section, default: str) -> None:
        label = f"{number}."
        if isinstance(section, UnitSection):
            self._titled("section", label, section.unit, section.text, colon=True)
        else:
            title = section.title
            if isinstance(section, AreaSection):
                title = title or self.areas[section.area]
            title = title or DEFAULT_TITLES.get(section.kind)
            self._titled("section", label, title, section.text)
        marker = section.marker or default
        self._items(section.items, marker)
        counter = 0
        own_line = getattr(section, "units_on_own_line", False)
        for target in getattr(section, "targets", []):
            units = f"Đơn vị thực hiện: {'; '.join(target.units)}" if target.units else ""
            inline = f" ({units})" if units and not own_line else ""
            if getattr(section, "targets_numbered", True):
                counter += 1
                self._add("item", "", f"{number}.{counter}. {target.text}{inline}")
            else:
                self._item(f"{target.text}{inline}", marker)
            if units and own_line:
                self._add("note", "", f"{units}.")
            if target.note:
                self._add("note", "", target.note)
        self._points(section.points, marker)
        for sub in section.subsections:
            counter += 1
            self._titled("subsection", f"{number}.{counter}.", sub.title, sub.text)
            self._items(sub.items, marker)
            self._points(sub.points, marker)

    def _points(self, points: list[Point], marker: str) -> None:
        for index, point in enumerate(points, 1):
            self._titled("point", f"{letter(index)})", point.title, point.text)
            self._items(point.items, marker)

    def _item(self, text: str, marker: str) -> None:
        if marker == "none":
            self._add("para", "", text)
        else:
            self._add("item", "", f"{marker} {text}")

    def _items(self, items: list[Item], marker: str) -> None:
        for item in items:
            if isinstance(item, str):
                self._item(item, marker)
            elif isinstance(item, Bullet):
                self._item(item.text, marker)
                if item.note:
                    self._add("note", "", item.note)
                self._items(item.sub, _SUB_MARKER[marker])
            elif isinstance(item, Paragraph):
                self._add("para", "", item.paragraph)
            elif isinstance(item, RefItem):
                self._add("para", "", self._reference(item.appendix_ref or AppendixRef()))

    def _reference(self, ref: AppendixRef) -> str:
        if ref.text:
            text = ref.text.strip()
            return text if text.startswith("(") else f"({text})"
        target = next((a for a in self.plan.appendices if ref.appendix in (None, a.id)), None)
        label = self.labels.get(id(target), "Phụ lục")
        return f"(Chi tiết tại {label} kèm theo)"
