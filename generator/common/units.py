"""Lengths as OOXML counts them (twentieths of a point) and as ND30 states them (millimetres)."""

from __future__ import annotations

TWIPS_PER_MM = 1440 / 25.4


def twips(mm: float) -> int:
    """Millimetres → twentieths of a point, as OOXML measures lengths."""
    return round(mm * TWIPS_PER_MM)


def mm(value_twips: float) -> float:
    """Twentieths of a point → millimetres."""
    return value_twips / TWIPS_PER_MM
