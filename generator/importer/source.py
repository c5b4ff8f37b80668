"""A DOCX as the importer reads it: paragraphs as lines (label apart, emphasis as marks), tables as grids.

Furniture is dropped here: empty paragraphs, page and section breaks, soft line breaks and tabs
(read as spaces), runs of spaces, direct formatting other than bold and italic, headers and
footers. Labels, typed ("1.", "a)", "-") or Word's automatic numbering, are set apart: the tool
prints its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.common.emphasis import plain
from generator.common.text import carriable
from generator.docx.model import Para, Table
from generator.docx.numbering import ListLabels
from generator.docx.read import DocxReader

# A typed label at the start of a paragraph: "II.", "1.", "1.2", "2.1.3.", "a)", "b.", "-", "+", "•".
_TYPED_LABEL = re.compile(
    r"^(?P<label>(?:[IVXLC]+\.)|(?:\d{1,3}(?:\.\d{1,3})+\.?)|(?:\d{1,3}\.)|(?:[a-zđ][).])(?=\s)|[-–—+•·▪►○●✓*])\s*"
)
_SPACES = re.compile(r"\s+")
# A soft line break (Shift+Enter) held while spaces are normalised: a trích yếu keeps its lines.
_BREAK = "\ue001"
_RULE_TYPED = re.compile(r"[_\-–—=.…*\s]{3,}")
_COLUMNS = re.compile(r"\t+| {3,}|\n")
_STAR = "*"


@dataclass
class Line:
    """One paragraph with text: its label, its text, and how it is set."""

    label: str  # "" when none
    text: str  # without the label, spaces normalised, literal stars escaped, emphasis as marks
    plain: str  # the same without marks: what headings and rules are recognised from
    bold: bool  # every character bold
    italic: bool  # every character italic
    head: str  # the leading bold words (a section's title before its text), without the label
    centered: bool
    landscape: bool  # in a landscape section (an appendix)
    numbered: bool = False  # the label came from Word's automatic numbering
    broken: str = ""  # the text with its soft line breaks kept as "\n" (a trích yếu's lines)
    pieces: list[str] = field(default_factory=list)  # the text cut at tabs and wide gaps
    from_table: bool = False  # a row of a table in the body, its cells joined by " | "


@dataclass
class Cell:
    text: str  # paragraphs joined with "\n", marks kept
    span: int
    merge: str | None  # restart | continue | None
    bold: bool


@dataclass
class Grid:
    """A table: its rows of cells, how many heading rows repeat, its column widths."""

    rows: list[list[Cell]]
    header_rows: int
    widths: list[int]
    landscape: bool


Block = Line | Grid


def read_blocks(reader: DocxReader) -> list[Block]:
    """The body in document order, tables nested no further than one level (text kept)."""
    labels = ListLabels(reader.package, reader.styles)
    blocks: list[Block] = []
    for section in reader.sections:
        for item in section.items:
            if isinstance(item, Para):
                line = _line(item, labels, section.landscape)
                if line is not None:
                    blocks += _split_at_breaks(line)
            else:
                blocks.append(_grid(item, labels, section.landscape))
    return blocks


def _pieces(text: str) -> list[str]:
    """The text cut at tabs, wide gaps and line breaks: the columns of a line typed without a table."""
    return [_SPACES.sub(" ", piece).strip() for piece in _COLUMNS.split(text) if piece.strip()]


def _split_at_breaks(line: Line) -> list[Line]:
    """Items typed one per line with Shift+Enter in one paragraph ("- A↵- B") as paragraphs of their own.

    Only when a later line starts with a label: a trích yếu or an address kept on several lines
    by Shift+Enter stays one paragraph.
    """
    segments = line.broken.split("\n")
    if len(segments) < 2 or not any(_TYPED_LABEL.match(seg.strip()) for seg in segments[1:]):
        return [line]
    first = segments[0].strip()
    typed_first = f"{line.label} {first}" if line.label and not line.numbered else first
    out = [replace(line, text=first, plain=plain(first), broken=first, pieces=_pieces(typed_first))]
    for segment in segments[1:]:
        segment = segment.strip()
        typed = _TYPED_LABEL.match(segment)
        label = typed.group("label") if typed else ""
        text = segment[typed.end() :] if typed else segment
        out.append(
            replace(line, label=label, text=text, plain=plain(text), broken=text, head="", numbered=False,
                    pieces=_pieces(segment))
        )  # fmt: skip
    return out


def _line(para: Para, labels: ListLabels, landscape: bool) -> Line | None:
    automatic = labels.label(para.element, para.style_id)
    for run in para.runs:  # the text of a plan: NFC, without control characters (as a plan file's)
        run.text = carriable(run.text)
    typed_text = "".join(run.text for run in para.runs)
    # A line typed with its two columns apart ("UBND TỈNH X<tab><tab>CỘNG HÒA…"): the pieces.
    pieces = _pieces(typed_text)
    runs = [(run.text.replace("\t", " ").replace("\n", _BREAK), run.bold, run.italic) for run in para.runs]
    raw = "".join(text for text, _, _ in runs)
    if not raw.strip() or (not automatic and _RULE_TYPED.fullmatch(raw.strip())):
        return None  # empty, or a rule typed as "________": furniture
    stripped = raw.lstrip()
    typed = None if automatic else _TYPED_LABEL.match(stripped)
    label = automatic or (typed.group("label") if typed else "")
    cut = len(raw) - len(stripped) + (typed.end() if typed else 0)
    visible = [r for r in runs if r[0].strip()]
    bold = all(b for _, b, _ in visible)
    italic = all(i for _, _, i in visible)
    marked, head = _marks(runs, cut, bold, italic)
    broken = marked.replace(f" {_BREAK} ", "\n").replace(f"{_BREAK} ", "\n").replace(f" {_BREAK}", "\n")
    return Line(
        label=label,
        text=_unbreak(marked),
        plain=_unbreak(_SPACES.sub(" ", raw[cut:]).strip()),
        broken=broken.replace(_BREAK, "\n").strip(),
        bold=bold,
        italic=italic,
        head=_unbreak(head),
        centered=para.align == "center",
        landscape=landscape,
        numbered=bool(automatic),
        pieces=pieces,
    )


def _unbreak(text: str) -> str:
    return _SPACES.sub(" ", text.replace(_BREAK, " ")).strip()


def _marks(runs: list[tuple[str, bool, bool]], cut: int, bold: bool, italic: bool) -> tuple[str, str]:
    """The text from ``cut`` on, with ``*…*``/``**…**`` around runs set apart from the paragraph,
    and the leading bold words (a title). A paragraph wholly bold or italic gets no marks."""
    groups: list[tuple[str, bool, bool]] = []  # runs of one formatting joined
    position = 0
    for text, run_bold, run_italic in runs:
        start, position = position, position + len(text)
        if position <= cut:
            continue
        piece = text[max(0, cut - start) :]
        if groups and (not piece.strip() or groups[-1][1:] == (run_bold, run_italic)):
            groups[-1] = (groups[-1][0] + piece, groups[-1][1], groups[-1][2])
        else:
            groups.append((piece, run_bold, run_italic))
    head_groups = 0
    while head_groups < len(groups) and groups[head_groups][1]:
        head_groups += 1
    head = "".join(g[0] for g in groups[:head_groups])
    out = []
    for index, (text, run_bold, run_italic) in enumerate(groups):
        escaped = text.replace(_STAR, "\\" + _STAR)
        mark = ("**" if run_bold and not bold and index >= head_groups else "") + (
            "*" if run_italic and not italic else ""
        )
        if mark and escaped.strip():
            lead, core, tail = _split_space(escaped)
            out.append(f"{lead}{mark}{core}{mark[::-1]}{tail}")
        else:
            out.append(escaped)
    return _SPACES.sub(" ", "".join(out)).strip(), _SPACES.sub(" ", head).strip()


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    return text[: len(text) - len(text.lstrip())], core, text[len(text.rstrip()) :]


def _grid(table: Table, labels: ListLabels, landscape: bool) -> Grid:
    rows: list[list[Cell]] = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            cell_lines = [ln for p in cell.paragraphs if (ln := _line(p, labels, landscape)) is not None]
            text = "\n".join(_with_label(ln) for ln in cell_lines)
            bold = bool(cell_lines) and all(ln.bold for ln in cell_lines)
            cells.append(Cell(text, cell.span, cell.vmerge, bold))
        rows.append(cells)
    header_rows = 0
    while header_rows < len(table.rows) and table.rows[header_rows].header:
        header_rows += 1
    return Grid(rows, header_rows, list(table.grid), landscape)


def _with_label(line: Line) -> str:
    """A cell's paragraph as printed: in a table a label is part of the text ("1. Rà soát")."""
    text = line.broken or line.text  # a cell's lines typed with Shift+Enter stay lines
    return f"{line.label} {text}".strip() if line.label else text
