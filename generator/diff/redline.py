"""Two documents, one redline: this year's document with every difference from last year's tracked.

The body is walked as the reader sees it: paragraphs and tables aligned by their text, rows of a
table by their cells, paragraphs of a cell likewise. Kept elements are this year's, edited ones
have their words marked, removed ones are last year's copies marked deleted, added ones this
year's marked inserted. Accepting every change gives this year's text, rejecting every change
last year's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from generator.diff.align import align, alike
from generator.diff.marks import Marks, deleted_copy, highest_id
from generator.diff.words import diff_paragraph, key_text
from generator.docx.model import w

# Where a count goes: the paragraph styles that open a part of the document.
_OPENING = "Đầu văn bản"
_ENDING = "Kết thúc, nơi nhận, chữ ký"


@dataclass
class Tally:
    """The changes in one part of the document."""

    part: str
    added: int = 0  # paragraphs (items, headings) added
    removed: int = 0
    rows_added: int = 0  # table rows
    rows_removed: int = 0
    edited: int = 0  # places inside kept paragraphs where words changed

    @property
    def changed(self) -> bool:
        return any((self.added, self.removed, self.rows_added, self.rows_removed, self.edited))

    def count(self, kind: str, *, row: bool = False) -> None:
        """One paragraph (or table row) inserted ("ins") or deleted ("del")."""
        if row:
            self.rows_added += kind == "ins"
            self.rows_removed += kind == "del"
        else:
            self.added += kind == "ins"
            self.removed += kind == "del"

    def sentence(self) -> str:
        """``Phần II: 3 ý thêm, 1 ý bỏ, 12 chỗ sửa``."""
        counts = [
            (self.added, "ý thêm"),
            (self.removed, "ý bỏ"),
            (self.rows_added, "dòng thêm"),
            (self.rows_removed, "dòng bỏ"),
            (self.edited, "chỗ sửa"),
        ]
        return f"{self.part}: " + ", ".join(f"{count} {what}" for count, what in counts if count)

    def as_json(self) -> dict[str, int | str]:
        return {
            "part": self.part,
            "added": self.added,
            "removed": self.removed,
            "rows_added": self.rows_added,
            "rows_removed": self.rows_removed,
            "edited": self.edited,
        }


@dataclass
class Comparison:
    """The redline's main document part and the changes counted by part."""

    document: etree._Element
    tallies: list[Tally] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(tally.changed for tally in self.tallies)


def compare(old: etree._Element, new: etree._Element, when: dt.datetime) -> Comparison:
    """Mark in ``new`` (a ``w:document``, changed in place) every difference from ``old``."""
    walker = _Walker(Marks(when, highest_id(new) + 1))
    old_body, new_body = old.find(w("body")), new.find(w("body"))
    if old_body is None or new_body is None:
        msg = "a document without a body"
        raise ValueError(msg)
    walker.body(old_body, new_body)
    return Comparison(new, [t for t in walker.tallies if t.changed])


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{w('pPr')}/{w('pStyle')}")
    return style.get(w("val"), "") if style is not None else ""


# Keys align elements; their words are compared afterwards. Numbers are left out of the keys so
# that a plan whose every year moved on ("năm 2025" → "năm 2026") still aligns element by element.
_DIGITS = re.compile(r"\d+")


def _identity(text: str) -> str:
    return _DIGITS.sub("#", text)


def _key(element: etree._Element) -> str:
    if element.tag == w("p"):
        return f"p:{_style(element)}:{_identity(key_text(element))}"
    if element.tag == w("tbl"):
        columns = element.findall(f"{w('tblGrid')}/{w('gridCol')}")
        return f"tbl:{len(columns)}"
    return f"other:{etree.tostring(element)!r}"


def _row_shape(row: etree._Element) -> tuple[str, ...]:
    return tuple(
        span.get(w("val"), "1") if (span := cell.find(f"{w('tcPr')}/{w('gridSpan')}")) is not None else "1"
        for cell in row.findall(w("tc"))
    )


def _row_key(row: etree._Element) -> str:
    """A row is known by its longest cell (the task): a deadline or a unit edited is the same row."""
    cells = ["\x1e".join(key_text(p) for p in cell.iter(w("p"))) for cell in row.findall(w("tc"))]
    return _identity(max(cells, key=len, default=""))


class _Walker:
    def __init__(self, marks: Marks) -> None:
        self.marks = marks
        self.tallies = [Tally(_OPENING)]

    @property
    def tally(self) -> Tally:
        return self.tallies[-1]

    def _enter(self, paragraph: etree._Element) -> None:
        """Start counting for a new part when a paragraph opens one."""
        style = _style(paragraph)
        text = "".join(paragraph.itertext()).strip()
        if style == "KhPart":
            self.tallies.append(Tally("Phần " + text.split(".", 1)[0].strip()))
        elif style == "KhClosing":
            self.tallies.append(Tally(_ENDING))
        elif style == "KhAppendixLabel":
            self.tallies.append(Tally(text or "Phụ lục"))

    def body(self, old: etree._Element, new: etree._Element) -> None:
        olds = [c for c in old if c.tag != w("sectPr")]
        news = [c for c in new if c.tag != w("sectPr")]
        _place(new, self._sequence(olds, news), None)

    def _sequence(self, olds: list[etree._Element], news: list[etree._Element]) -> list[etree._Element]:
        """The merged children of a container (the body, a cell), changes marked and counted."""
        old_keys, new_keys = [_key(e) for e in olds], [_key(e) for e in news]

        def kindred(i: int, j: int) -> bool:
            first, second = olds[i], news[j]
            if first.tag != second.tag:
                return False
            # a table with the same columns is the same table edited
            return first.tag != w("tbl") or old_keys[i] == new_keys[j]

        def same(i: int, j: int) -> bool:
            return kindred(i, j) and (olds[i].tag == w("tbl") or alike(old_keys[i], new_keys[j]))

        out: list[etree._Element] = []
        for i, j in align(old_keys, new_keys, same, kindred):
            if j is None:
                assert i is not None  # align never pairs two absences
                element = deleted_copy(olds[i])
                self._whole(element, "del")
            else:
                element = news[j]
                if i is None:
                    self._whole(element, "ins")
                else:
                    self._edited(olds[i], element)
            if out and out[-1].tag == w("tbl") and element.tag == w("tbl"):
                out.append(self._separator())  # Word would join two tables that touch
            out.append(element)
        return out

    def _separator(self) -> etree._Element:
        paragraph = etree.Element(w("p"))
        self.marks.paragraph_mark(paragraph, "del")
        return paragraph

    def _whole(self, element: etree._Element, kind: str) -> None:
        """A paragraph or table that only one year has: all of it inserted ("ins") or deleted ("del")."""
        if element.tag == w("p"):
            self._enter(element)
            self.marks.paragraph(element, kind)
            self.tally.count(kind)
        elif element.tag == w("tbl"):
            for row in element.findall(w("tr")):
                self._whole_row(row, kind)

    def _whole_row(self, row: etree._Element, kind: str) -> None:
        self.marks.row(row, kind)
        self.tally.count(kind, row=True)

    def _edited(self, old: etree._Element, new: etree._Element) -> None:
        if new.tag == w("p"):
            self._enter(new)
            self.tally.edited += diff_paragraph(old, new, self.marks)
        elif new.tag == w("tbl"):
            self._table(old, new)

    def _table(self, old: etree._Element, new: etree._Element) -> None:
        old_rows, new_rows = old.findall(w("tr")), new.findall(w("tr"))
        old_keys, new_keys = [_row_key(r) for r in old_rows], [_row_key(r) for r in new_rows]

        def kindred(i: int, j: int) -> bool:
            return _row_shape(old_rows[i]) == _row_shape(new_rows[j])

        def same(i: int, j: int) -> bool:
            return kindred(i, j) and alike(old_keys[i], new_keys[j])

        merged: list[etree._Element] = []
        for i, j in align(old_keys, new_keys, same, kindred):
            if j is None:
                assert i is not None
                row = deleted_copy(old_rows[i])
                self._whole_row(row, "del")
                merged.append(row)
                continue
            row = new_rows[j]
            if i is None:
                self._whole_row(row, "ins")
            elif _row_shape(old_rows[i]) != _row_shape(row):  # cells split or joined: the row replaced
                removed = deleted_copy(old_rows[i])
                self._whole_row(removed, "del")
                self._whole_row(row, "ins")
                merged.append(removed)
            else:
                for old_cell, new_cell in zip(old_rows[i].findall(w("tc")), row.findall(w("tc")), strict=True):
                    if etree.tostring(old_cell) != etree.tostring(new_cell):  # most cells: unchanged
                        self._cell(old_cell, new_cell)
            merged.append(row)
        _place(new, merged, new.find(w("tblGrid")))

    def _cell(self, old: etree._Element, new: etree._Element) -> None:
        olds = [c for c in old if c.tag in (w("p"), w("tbl"))]
        news = [c for c in new if c.tag in (w("p"), w("tbl"))]
        _place(new, self._sequence(olds, news), new.find(w("tcPr")))


def _place(container: etree._Element, merged: list[etree._Element], first: etree._Element | None) -> None:
    """Put the deleted copies among this year's children, which stay where they are.

    Taking a 3,000-row table out of its document and putting it back costs lxml seconds of
    bookkeeping; inserting the few new elements costs nothing. ``first``: the element the
    content follows (``w:tblGrid`` in a table, ``w:tcPr`` in a cell), None for the body.
    """
    previous = first
    for element in merged:
        if element.getparent() is container:
            previous = element
        elif previous is None:
            container.insert(0, element)
            previous = element
        else:
            previous.addnext(element)
            previous = element
