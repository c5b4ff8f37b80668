"""Tracked changes (``w:ins``, ``w:del``): the document as it reads once every change is accepted.

``kehoach diff`` writes redlines, and people send back documents edited with Track Changes on;
``check`` judges the text a reader will sign, which is the accepted one.
"""

from __future__ import annotations

from lxml import etree

from generator.docx.model import w


def has_revisions(document: etree._Element) -> bool:
    """Whether the part holds any insertion or deletion mark."""
    return next(document.iter(w("ins"), w("del")), None) is not None


def accept_all(document: etree._Element) -> None:
    """Accept every insertion and deletion in place (rows, paragraphs, runs)."""
    for row in list(document.iter(w("tr"))):
        if _marked(row.find(w("trPr")), "del"):
            _remove(row)
    for deleted in list(document.iter(w("del"))):
        parent = deleted.getparent()
        if parent is not None and parent.tag not in (w("rPr"), w("trPr")):
            _remove(deleted)
    for paragraph in list(document.iter(w("p"))):
        if _marked(_mark_properties(paragraph), "del"):
            _join_with_next(paragraph)
    for inserted in list(document.iter(w("ins"))):
        parent = inserted.getparent()
        if parent is not None and parent.tag in (w("rPr"), w("trPr")):
            parent.remove(inserted)
        else:
            _unwrap(inserted)


def _marked(properties: etree._Element | None, kind: str) -> bool:
    return properties is not None and properties.find(w(kind)) is not None


def _mark_properties(paragraph: etree._Element) -> etree._Element | None:
    """The run properties of a paragraph's mark (``w:pPr/w:rPr``), where its revision is kept."""
    ppr = paragraph.find(w("pPr"))
    return ppr.find(w("rPr")) if ppr is not None else None


def _join_with_next(paragraph: etree._Element) -> None:
    """A deleted paragraph mark: what is left of the paragraph joins the next one."""
    content = [child for child in paragraph if child.tag != w("pPr")]
    following = paragraph.getnext()
    if content and following is not None and following.tag == w("p"):
        anchor = following.find(w("pPr"))
        position = 0 if anchor is None else following.index(anchor) + 1
        for offset, child in enumerate(content):
            following.insert(position + offset, child)
        _remove(paragraph)
    elif not content and _removable(paragraph):
        _remove(paragraph)
    else:  # the last paragraph of a cell or of the body stays, without its mark's revision
        marks = _mark_properties(paragraph)
        if marks is not None:
            for mark in marks.findall(w("del")):
                marks.remove(mark)


def _removable(paragraph: etree._Element) -> bool:
    """A cell must keep a paragraph; the body keeps the one that ends a section."""
    parent = paragraph.getparent()
    if parent is None:
        return False
    if parent.tag == w("tc"):
        return len(parent.findall(w("p"))) > 1
    ppr = paragraph.find(w("pPr"))
    return ppr is None or ppr.find(w("sectPr")) is None


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    position = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(position + offset, child)
    _remove(element)


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)
