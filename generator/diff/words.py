"""The difference inside one paragraph, word by word: this year's runs, last year's words marked.

A paragraph is read as tokens: each word with the space after it, and each non-text piece of a
run (a tab, a line break), together with its run's formatting, so that a word made bold counts
as changed. The tokens are compared as sequences (see align), and the runs are rewritten from the result.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from generator.diff.align import opcodes
from generator.diff.marks import Marks
from generator.docx.model import w

_WORDS = re.compile(r"\S+\s*|\s+")
# Labels the tool prints before a heading or an item: "II.", "3.", "1.2.", "2.1.3.", "b)".
_LABEL = re.compile(r"(?:[IVXLCDM]+|\d+(?:\.\d+)*)\.|[a-zđ]{1,2}\)")
# A cell holding only a row's number ("12", "1.3", "II") is a label too.
_NUMBER_CELL = re.compile(r"(?:[IVXLCDM]+|\d+(?:\.\d+)*)\.?")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Token:
    """A word (with its trailing space) or a non-text run child, with its run's properties."""

    key: tuple[bytes, str]
    text: str | None
    node: etree._Element | None
    properties: etree._Element | None


def tokens(paragraph: etree._Element) -> list[Token]:
    """The tokens of a paragraph's runs, in order."""
    out: list[Token] = []
    for run in paragraph.findall(w("r")):
        properties = run.find(w("rPr"))
        style = etree.tostring(properties) if properties is not None else b""
        for node in run:
            if node is properties:
                continue
            if node.tag == w("t"):
                out.extend(Token((style, piece), piece, None, properties) for piece in _WORDS.findall(node.text or ""))
            else:
                out.append(Token((style, etree.tostring(node).decode()), None, node, properties))
    return out


def label_split(items: list[Token]) -> tuple[list[Token], list[Token]]:
    """The leading label token (if the paragraph starts with one) and the rest."""
    if items and items[0].text is not None:
        word = items[0].text.strip()
        if _LABEL.fullmatch(word) or (len(items) == 1 and _NUMBER_CELL.fullmatch(word)):
            return items[:1], items[1:]
    return [], items


_LEADING_LABEL = re.compile(rf"^\s*(?:{_LABEL.pattern})\s+")


def key_text(paragraph: etree._Element) -> str:
    """A paragraph's text without its label: what aligning paragraphs compares.

    The same split as :func:`label_split`, on the text alone: it runs for every paragraph of
    both documents, where building tokens would cost seconds at 3,000 rows.
    """
    text = "".join(paragraph.itertext(w("t"))).strip()
    if _NUMBER_CELL.fullmatch(text):
        return ""
    return _LEADING_LABEL.sub("", text, count=1)


_Piece = tuple[str, Token]  # (equal | ins | del, token)


def diff_paragraph(old: etree._Element, new: etree._Element, marks: Marks) -> int:
    """Mark in ``new`` the words that differ from ``old``; return the number of places changed.

    A label that differs is marked on its own and not counted: it moved because something
    before it was added or removed.
    """
    if _runs_xml(old) == _runs_xml(new):  # most paragraphs: unchanged, decided without tokens
        return 0
    old_tokens, new_tokens = tokens(old), tokens(new)
    if [t.key for t in old_tokens] == [t.key for t in new_tokens]:
        return 0
    old_label, old_rest = label_split(old_tokens)
    new_label, new_rest = label_split(new_tokens)
    pieces: list[_Piece] = []
    if old_label and new_label:
        # A label that moved because something before it came or went: tracked on the number
        # alone, so that "Reject all" gives last year's numbering back, but never counted.
        _compare(old_label, new_label, pieces)
    else:
        old_rest, new_rest = old_tokens, new_tokens
    places = _compare(old_rest, new_rest, pieces)
    _rewrite(new, pieces, marks)
    return places


def _runs_xml(paragraph: etree._Element) -> list[bytes]:
    return [etree.tostring(run) for run in paragraph.findall(w("r"))]


def _compare(old: list[Token], new: list[Token], pieces: list[_Piece]) -> int:
    places = 0
    for tag, i1, i2, j1, j2 in opcodes([t.key for t in old], [t.key for t in new]):
        if tag == "equal":
            pieces.extend(("equal", token) for token in new[j1:j2])
            continue
        places += 1
        pieces.extend(("del", token) for token in old[i1:i2])
        pieces.extend(("ins", token) for token in new[j1:j2])
    return places


def _rewrite(paragraph: etree._Element, pieces: list[_Piece], marks: Marks) -> None:
    """Replace the paragraph's runs with runs rebuilt from the pieces, wrapped in their marks."""
    for child in list(paragraph):
        if child.tag == w("r") or child.tag in (w("ins"), w("del")):
            paragraph.remove(child)
    groups: list[tuple[str, list[etree._Element]]] = []
    run_key: tuple[str, bytes] | None = None
    text: etree._Element | None = None
    for status, token in pieces:
        key = (status, token.key[0])
        if key != run_key:
            run = etree.Element(w("r"))
            if token.properties is not None:
                run.append(copy.deepcopy(token.properties))
            if groups and groups[-1][0] == status:
                groups[-1][1].append(run)
            else:
                groups.append((status, [run]))
            run_key, text = key, None
        run = groups[-1][1][-1]
        if token.node is not None:
            run.append(copy.deepcopy(token.node))
            text = None
            continue
        if text is None:
            text = etree.SubElement(run, w("t"))
            text.set(_SPACE, "preserve")
            text.text = ""
        text.text = (text.text or "") + (token.text or "")
    for status, runs in groups:
        paragraph.extend(runs if status == "equal" else [marks.wrap(status, runs)])
