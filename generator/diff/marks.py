"""The revision marks of a redline: ``w:ins`` and ``w:del`` with one author, one date, unique ids."""

from __future__ import annotations

import copy
import datetime as dt
import itertools

from lxml import etree

from generator.docx.model import W, w

AUTHOR = "kehoach"
_TEXT_WHEN_DELETED = {w("t"): w("delText"), w("instrText"): w("delInstrText")}


class Marks:
    """Makes revision elements; ``first_id`` above every id already used in the document."""

    def __init__(self, when: dt.datetime, first_id: int) -> None:
        self.date = when.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._ids = itertools.count(first_id)

    def element(self, kind: str) -> etree._Element:
        """An empty ``w:ins`` or ``w:del``."""
        mark = etree.Element(w(kind))
        mark.set(w("id"), str(next(self._ids)))
        mark.set(w("author"), AUTHOR)
        mark.set(w("date"), self.date)
        return mark

    def wrap(self, kind: str, runs: list[etree._Element]) -> etree._Element:
        """Runs inside one ``w:ins`` or ``w:del`` (their text turned into deleted text for a deletion)."""
        mark = self.element(kind)
        for run in runs:
            if kind == "del":
                as_deleted(run)
            mark.append(run)
        return mark

    def paragraph(self, paragraph: etree._Element, kind: str) -> None:
        """Insert or delete a whole paragraph: its runs and its mark."""
        for run in [child for child in paragraph if child.tag == w("r")]:
            position = paragraph.index(run)
            paragraph.remove(run)
            paragraph.insert(position, self.wrap(kind, [run]))
        _merge_neighbours(paragraph)
        self.paragraph_mark(paragraph, kind)

    def paragraph_mark(self, paragraph: etree._Element, kind: str) -> None:
        ppr = paragraph.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            paragraph.insert(0, ppr)
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            # CT_PPr: the mark's run properties come after every paragraph property, before
            # the section properties and the change record.
            tail = next((c for c in ppr if c.tag in (w("sectPr"), w("pPrChange"))), None)
            if tail is None:
                ppr.append(rpr)
            else:
                tail.addprevious(rpr)
        rpr.insert(0, self.element(kind))  # CT_ParaRPr: the revision marks come first

    def row(self, row: etree._Element, kind: str) -> None:
        """Insert or delete a table row: the row's mark and every paragraph in its cells."""
        trpr = row.find(w("trPr"))
        if trpr is None:
            trpr = etree.Element(w("trPr"))
            exceptions = row.find(w("tblPrEx"))
            row.insert(0 if exceptions is None else 1, trpr)
        change = trpr.find(w("trPrChange"))
        if change is None:
            trpr.append(self.element(kind))
        else:
            change.addprevious(self.element(kind))
        for paragraph in row.iter(w("p")):
            for run in [child for child in paragraph if child.tag == w("r")]:
                position = paragraph.index(run)
                paragraph.remove(run)
                paragraph.insert(position, self.wrap(kind, [run]))
            _merge_neighbours(paragraph)


def as_deleted(run: etree._Element) -> None:
    """A run's text as deleted text (``w:delText``), as WordprocessingML requires inside ``w:del``."""
    for node in run:
        if node.tag in _TEXT_WHEN_DELETED:
            node.tag = _TEXT_WHEN_DELETED[node.tag]


def _merge_neighbours(paragraph: etree._Element) -> None:
    """Adjacent marks of one kind, author and date become one (a change listed once in Word)."""
    previous: etree._Element | None = None
    for child in list(paragraph):
        if previous is not None and _same_mark(previous, child):
            for run in list(child):
                previous.append(run)
            paragraph.remove(child)
        else:
            previous = child


def _same_mark(first: etree._Element, second: etree._Element) -> bool:
    return first.tag == second.tag and first.tag in (w("ins"), w("del"))


def deleted_copy(element: etree._Element) -> etree._Element:
    """A copy of last year's element to stand, deleted, in this year's document.

    Its section break is left out: the sections are this year's, whatever is rejected.
    """
    twin = copy.deepcopy(element)
    for section in twin.iter(w("sectPr")):
        parent = section.getparent()
        if parent is not None and parent.tag == w("pPr"):
            parent.remove(section)
    return twin


def highest_id(document: etree._Element) -> int:
    """The largest ``w:id`` in use (bookmarks, comments, revisions), 0 when none."""
    ids = document.xpath("//@w:id", namespaces={"w": W})
    return max((int(value) for value in ids if str(value).isdigit()), default=0)
