"""What a paragraph's label says about its place: part, section, subsection, point, item, sub-item."""

from __future__ import annotations

import re

from generator.common.numbering import from_roman

PART, SECTION, SUB, DEEP, POINT, ITEM, SUBITEM, PLAIN = (
    "part", "section", "sub", "deep", "point", "item", "subitem", "plain",
)  # fmt: skip

_ARABIC = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")


def level(label: str) -> str:
    """The level a label stands for: "II." part, "2." section, "2.1." sub, "a)" point, "-" item…"""
    if not label:
        return PLAIN
    if label in ("+",):
        return SUBITEM
    if label in ("-", "–", "—", "•", "·", "▪", "►", "○", "●", "✓", "*"):
        return ITEM
    if re.fullmatch(r"[a-zđ][).]", label):
        return POINT
    if label.endswith(".") and from_roman(label[:-1]) is not None:
        return PART
    if _ARABIC.fullmatch(label):
        depth = len([piece for piece in label.rstrip(".").split(".") if piece])
        return {1: SECTION, 2: SUB}.get(depth, DEEP)
    return PLAIN


def number_of(label: str) -> int | None:
    """The last number of an arabic or Roman label ("2.3." → 3, "IV." → 4), None otherwise."""
    text = label.rstrip(".)")
    last = text.split(".")[-1] if text else ""
    if last.isdigit():
        return int(last)
    return from_roman(last) if last else None
