"""Find the parts of an administrative document in any DOCX: header, title, body, Nơi nhận, signer.

Works from text and geometry, never from our style names, so that documents typed by hand are
read too: a header may be a table or tab-separated paragraphs ("UBND TỈNH X⇥CỘNG HÒA…"); a
part that cannot be found is ``None`` and the check reports it as not found.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from generator.common.nd30 import DOCUMENT_TYPES, NATIONAL_TITLES
from generator.common.units import mm
from generator.docx.read import DocxReader, Para, Run, Section, Table, w

_DOCUMENT_TYPE_NAMES = {name.upper() for name in DOCUMENT_TYPES}
_MOTTO = re.compile(r"^Độc\s+lập\s*\S?\s*Tự\s+do\s*\S?\s*Hạnh\s+phúc$", re.IGNORECASE)
_DATE_LINE = re.compile(r",\s*ngày\b.*\bnăm\s+\d{4}\s*$")
_NUMBER_LINE = re.compile(r"^Số\b")
_DEFAULT_CELL_MARGIN = 108  # twips, Word's default left and right cell margin


def _cell_margin(margins: etree._Element | None, *tags: str) -> int:
    """A table's cell margin in twips, from the first of ``tags`` it sets (``start`` is the newer name)."""
    for tag in tags:
        found = margins.find(w(tag)) if margins is not None else None
        if found is not None and found.get(w("w")):
            return int(found.get(w("w"), "0"))
    return _DEFAULT_CELL_MARGIN


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@dataclass
class Segment:
    """A paragraph, or the part of a paragraph between tabs, with its runs."""

    para: Para
    text: str
    runs: list[Run]
    whole: bool  # the segment is its whole paragraph

    def visible(self) -> list[Run]:
        return [r for r in self.runs if r.text.strip()]

    @property
    def bold(self) -> bool:
        return bool(self.visible()) and all(r.bold for r in self.visible())

    @property
    def italic(self) -> bool:
        return bool(self.visible()) and all(r.italic for r in self.visible())

    @property
    def sizes(self) -> set[float]:
        return {r.size for r in self.visible() if r.size is not None}

    @property
    def caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)


def segments(para: Para) -> list[Segment]:
    """A paragraph split at its tabs, each piece with the runs (cut at tabs too) that make it."""
    pieces: list[Segment] = []
    current_text = ""
    current_runs: list[Run] = []
    for run in para.runs:
        parts = run.text.split("\t")
        for index, part in enumerate(parts):
            if index:
                pieces.append(Segment(para, current_text, current_runs, False))
                current_text, current_runs = "", []
            if part:
                current_text += part
                current_runs.append(Run(part, run.font, run.size, run.bold, run.italic, run.caps))
    pieces.append(Segment(para, current_text, current_runs, False))
    pieces = [p for p in pieces if p.text.strip()]
    for piece in pieces:
        piece.text = _normal(piece.text)
    if len(pieces) == 1:
        pieces[0].whole = True
    return pieces


@dataclass
class Anatomy:
    """Where each part of the document is (``None`` when not found)."""

    reader: DocxReader
    national: Segment | None = None
    motto: Segment | None = None
    parent: Segment | None = None
    agency: Segment | None = None
    number: Segment | None = None
    date: Segment | None = None
    doc_type: Para | None = None
    title: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    recipients_heading: Para | None = None
    recipients: list[Para] = field(default_factory=list)
    signer: list[Para] = field(default_factory=list)
    body_sections: list[Section] = field(default_factory=list)
    appendix_sections: list[Section] = field(default_factory=list)

    def container_mm(self, element: etree._Element) -> float:
        """The width a paragraph can use: its table cell's text width, or the page's."""
        cell = next((a for a in element.iterancestors(w("tc"))), None)
        if cell is not None:
            width = cell.find(f"{w('tcPr')}/{w('tcW')}")
            table = next(cell.iterancestors(w("tbl")))
            margins = table.find(f"{w('tblPr')}/{w('tblCellMar')}")
            left, right = _cell_margin(margins, "start", "left"), _cell_margin(margins, "end", "right")
            if width is not None and width.get(w("w")) and width.get(w("type"), "dxa") == "dxa":
                return mm(int(width.get(w("w"), "0")) - left - right)
        section = self.body_sections[0] if self.body_sections else self.reader.sections[0]
        return mm(section.width - section.left - section.right)

    def rule_after(self, segment: Segment | Para | None) -> Para | str | None:
        """The rule drawn under a line: its own bottom border or the next, empty, bordered paragraph.

        Returns the bordered paragraph, "shape" when the next paragraph holds a drawing (which we
        cannot measure), or None.
        """
        if segment is None:
            return None
        para = segment.para if isinstance(segment, Segment) else segment
        if para.border_bottom:
            return para
        following = para.element.getnext()
        while following is not None and following.tag == w("p"):
            if following.find(f".//{w('drawing')}") is not None or following.find(f".//{w('pict')}") is not None:
                return "shape"
            nxt = self.reader.para(following)
            if nxt.text.strip():
                return None
            if nxt.border_bottom:
                return nxt
            following = following.getnext()
        return None


def read_anatomy(reader: DocxReader) -> Anatomy:
    """Locate every part of the document."""
    anatomy = Anatomy(reader)
    paragraphs = reader.paragraphs
    type_index = next(
        (i for i, p in enumerate(paragraphs) if _normal(p.text).upper() in _DOCUMENT_TYPE_NAMES and p.text.strip()),
        None,
    )
    header = paragraphs[:type_index] if type_index is not None else paragraphs[:12]
    _header(anatomy, header)
    if type_index is not None:
        anatomy.doc_type = paragraphs[type_index]
        for para in paragraphs[type_index + 1 :]:
            if not para.text.strip():
                if anatomy.title:
                    break
                continue
            if para.align != "center" or _in_table(para):
                break
            anatomy.title.append(para)
    _closing_part(anatomy)
    _body(anatomy)
    return anatomy


def _in_table(para: Para) -> bool:
    return next(para.element.iterancestors(w("tc")), None) is not None


def _header(anatomy: Anatomy, header: list[Para]) -> None:
    pieces = [piece for para in header for piece in segments(para)]
    capitals: list[Segment] = []
    for piece in pieces:
        text = piece.text
        if anatomy.national is None and (text in NATIONAL_TITLES or text.upper().startswith("CỘNG HÒA")):
            anatomy.national = piece
        elif anatomy.motto is None and _MOTTO.match(text):
            anatomy.motto = piece
        elif anatomy.number is None and _NUMBER_LINE.match(text):
            anatomy.number = piece
        elif anatomy.date is None and _DATE_LINE.search(text):
            anatomy.date = piece
        elif piece.caps and anatomy.number is None:
            capitals.append(piece)
    if capitals:
        anatomy.agency = capitals[-1]
        anatomy.parent = capitals[-2] if len(capitals) > 1 else None


def _closing_part(anatomy: Anatomy) -> None:
    reader = anatomy.reader
    heading = next((p for p in reader.paragraphs if _normal(p.text).startswith("Nơi nhận")), None)
    anatomy.recipients_heading = heading
    sections = reader.sections
    if heading is None:
        anatomy.body_sections = sections[:1]
        anatomy.appendix_sections = sections[1:]
        return
    cell = next(heading.element.iterancestors(w("tc")), None)
    if cell is not None:
        cell_paragraphs = [reader.para(p) for p in cell.iter(w("p"))]
        after = cell_paragraphs[[p.element for p in cell_paragraphs].index(heading.element) + 1 :]
        anatomy.recipients = [p for p in after if p.text.strip()]
        row = cell.getparent()
        for other in row.findall(w("tc")) if row is not None else []:
            if other is not cell:
                anatomy.signer += [reader.para(p) for p in other.iter(w("p")) if "".join(p.itertext()).strip()]
    else:
        index = reader.paragraphs.index(heading)
        for para in reader.paragraphs[index + 1 :]:
            if not para.text.strip().startswith("-"):
                break
            anatomy.recipients.append(para)
    holder = next(i for i, s in enumerate(sections) if _holds(s, heading))
    anatomy.body_sections = sections[: holder + 1]
    anatomy.appendix_sections = sections[holder + 1 :]


def _holds(section: Section, para: Para) -> bool:
    for item in section.items:
        if isinstance(item, Para) and item.element is para.element:
            return True
        if isinstance(item, Table) and any(a is item.element for a in para.element.iterancestors(w("tbl"))):
            return True
    return False


def _body(anatomy: Anatomy) -> None:
    """Top-level text paragraphs between the trích yếu and the Nơi nhận block."""
    items = [item for section in anatomy.body_sections for item in section.items]
    start = 0
    last_title = anatomy.title[-1] if anatomy.title else anatomy.doc_type
    if last_title is not None:
        start = next(
            (i + 1 for i, item in enumerate(items) if isinstance(item, Para) and item.element is last_title.element), 0
        )
    for item in items[start:]:
        if isinstance(item, Table):
            if anatomy.body:
                break  # the Nơi nhận and signature table closes the body
            continue
        if anatomy.recipients_heading is not None and item.element is anatomy.recipients_heading.element:
            break
        if item.text.strip():
            anatomy.body.append(item)
