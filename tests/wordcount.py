"""Word multisets of documents and seed texts, compared by F1."""

from __future__ import annotations

import unicodedata
from collections import Counter


def words(text: str) -> Counter[str]:
    """NFC, case-folded words; punctuation separates words and is dropped."""
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
