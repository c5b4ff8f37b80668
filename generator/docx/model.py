"""The document as the checker and the tests see it: paragraphs, runs, tables, sections."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"


@functools.cache
def w(tag: str) -> str:
    """``w("p")`` → the Clark name of ``w:p``."""
    return f"{{{W}}}{tag}"


def is_on(element: etree._Element | None) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``) as True/False, None when absent."""
    if element is None:
        return None
    return element.get(w("val"), "true") not in ("0", "false", "off", "none")


@dataclass(slots=True)
class Run:
    """A run of text with its effective formatting."""

    text: str
    font: str | None
    size: float | None  # points
    bold: bool
    italic: bool
    caps: bool


@dataclass(slots=True)
class Para:
    """A paragraph with its effective formatting."""

    element: etree._Element
    text: str
    style_id: str | None
    style_name: str | None
    align: str  # left | center | right | both
    first_line: int  # twips; negative for a hanging indent
    left: int
    right: int
    before: int
    after: int
    line: int
    line_rule: str
    keep_next: bool
    border_bottom: bool
    outline: int | None
    runs: list[Run] = field(default_factory=list)
    section_end: etree._Element | None = None  # the sectPr ending a section at this paragraph

    def visible_runs(self) -> list[Run]:
        """Runs that carry visible text."""
        return [r for r in self.runs if r.text.strip()]

    @property
    def bold(self) -> bool:
        """Every visible run is bold."""
        runs = self.visible_runs()
        return bool(runs) and all(r.bold for r in runs)

    @property
    def italic(self) -> bool:
        """Every visible run is italic."""
        runs = self.visible_runs()
        return bool(runs) and all(r.italic for r in runs)

    @property
    def sizes(self) -> set[float]:
        """Sizes of the visible runs."""
        return {r.size for r in self.visible_runs() if r.size is not None}

    @property
    def fonts(self) -> set[str]:
        """Fonts of the visible runs."""
        return {r.font for r in self.visible_runs() if r.font}


@dataclass(slots=True)
class Cell:
    """A table cell."""

    element: etree._Element
    width: int | None
    span: int
    vmerge: str | None  # restart | continue | None
    paragraphs: list[Para]

    @property
    def text(self) -> str:
        """All the cell's text, paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(slots=True)
class Row:
    """A table row."""

    cells: list[Cell]
    header: bool
    cant_split: bool


@dataclass(slots=True)
class Table:
    """A table with the properties we measure."""

    element: etree._Element
    rows: list[Row]
    grid: list[int]
    width: int | None
    fixed: bool
    has_borders: bool


@dataclass(slots=True)
class Story:
    """A header part as shown on the page."""

    paragraphs: list[Para]
    has_page_field: bool

    @property
    def text(self) -> str:
        """The header's text."""
        return "\n".join(p.text for p in self.paragraphs).strip()


@dataclass(slots=True)
class Section:
    """One section: page set-up, numbering and the headers it shows."""

    element: etree._Element
    width: int
    height: int
    top: int
    bottom: int
    left: int
    right: int
    header_distance: int
    title_page: bool
    page_start: int | None
    default_header: Story | None
    first_header: Story | None
    items: list[Para | Table] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        """Wider than tall."""
        return self.width > self.height


def toggle(layer: etree._Element, tag: str, current: bool) -> bool:
    value = is_on(layer.find(w(tag)))
    return current if value is None else value


# Names met on every run of every paragraph: built once (a 3,000-row table has 30,000 runs).
W_R, _W_T, _W_TAB, _W_BREAKS = w("r"), w("t"), w("tab"), (w("br"), w("cr"))


def run_text(run: etree._Element) -> str:
    out = []
    for node in run:
        tag = node.tag
        if tag == _W_T:
            out.append(node.text or "")
        elif tag == _W_TAB:
            out.append("\t")
        elif tag in _W_BREAKS:
            out.append("\n")
    return "".join(out)


def paragraph_text(element: etree._Element) -> str:
    """The text of a ``w:p``: runs joined, tabs and line breaks kept, field codes left out."""
    return "".join(run_text(run) for run in element.iter(W_R))


def normalise_part_name(path: str) -> str:
    parts: list[str] = []
    for piece in path.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def field_codes(root: etree._Element) -> list[str]:
    """The code of every field in a part ("PAGE", "NUMPAGES", "DATE"…), upper case.

    A complex field's instruction may be split over several runs between its begin and
    separate marks; a simple field carries it in an attribute. Only the first word is the code:
    "NUMPAGES" is not "PAGE", however the text is searched.
    """
    codes: list[str] = []
    instruction: list[str] | None = None
    for element in root.iter(w("fldChar"), w("instrText"), w("fldSimple")):
        if element.tag == w("fldSimple"):
            codes.append(_code(element.get(w("instr"), "")))
        elif element.tag == w("instrText"):
            if instruction is not None:
                instruction.append(element.text or "")
        elif element.get(w("fldCharType")) == "begin":
            instruction = []
        elif element.get(w("fldCharType")) in ("separate", "end") and instruction is not None:
            codes.append(_code("".join(instruction)))
            instruction = None
    return codes


def _code(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper().lstrip("\\") if words else ""
