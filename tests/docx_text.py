"""Reading generated documents back: text and word multisets, for comparisons with the seeds."""

from __future__ import annotations

import unicodedata
from collections import Counter
from pathlib import Path

import docx
from docx.oxml.ns import qn


def paragraph_text(p_element) -> str:
    """The text of a ``w:p`` as Word shows it: runs joined, tabs and breaks kept."""
    out = []
    for node in p_element.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:tab"):
            out.append("\t")
        else:
            out.append("\n")
    return "".join(out)


def body_paragraphs(path: Path) -> list[str]:
    """Every paragraph of the body in document order, tables included (headers excluded)."""
    document = docx.Document(str(path))
    return [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]


def words(text: str) -> Counter[str]:
    """NFC, case-folded words with punctuation dropped (punctuation separates words)."""
    text = unicodedata.normalize("NFC", text).casefold()
    kept = "".join(ch if unicodedata.category(ch)[0] in "LN" else " " for ch in text)
    return Counter(kept.split())


def f1(produced: Counter[str], expected: Counter[str]) -> tuple[float, float, float]:
    """Precision, recall and F1 of two word multisets."""
    common = sum((produced & expected).values())
    precision = common / max(1, sum(produced.values()))
    recall = common / max(1, sum(expected.values()))
    score = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, score
