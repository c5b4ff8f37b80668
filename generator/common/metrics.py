"""How wide a line of Times New Roman text is, to size the rules ND30 draws under text."""

from __future__ import annotations

import unicodedata
from functools import cache

from generator.common.metrics_data import CHARSET, UNITS_PER_EM, WIDTHS

_POINT_MM = 25.4 / 72


@cache
def _table(style: str) -> dict[str, int]:
    return dict(zip(CHARSET, WIDTHS[style], strict=True))


def _style(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bold_italic"
    if bold:
        return "bold"
    return "italic" if italic else "regular"


def text_width_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of one line of text in millimetres (no kerning, as Word sets body text).

    Characters outside the table (rare symbols, emoji) count as the width of "n", which is
    close enough for sizing a rule.
    """
    table = _table(_style(bold, italic))
    fallback = table["n"]
    units = 0
    for char in unicodedata.normalize("NFC", text):
        if unicodedata.combining(char):
            continue
        units += table.get(char, fallback)
    return units / UNITS_PER_EM * size_pt * _POINT_MM


def widest_line_mm(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of the longest line of a text that may contain line breaks."""
    return max(
        (text_width_mm(line, size_pt, bold=bold, italic=italic) for line in text.split("\n")),
        default=0.0,
    )


def printed_lines_mm(
    text: str, size_pt: float, width_mm: float, *, bold: bool = False, italic: bool = False
) -> list[float]:
    """The width of each line as printed in a column ``width_mm`` wide: explicit line breaks,
    then words wrapped greedily as Word wraps them (a word wider than the column stands alone)."""
    space = text_width_mm(" ", size_pt, bold=bold, italic=italic)
    lines: list[float] = []
    for line in text.split("\n"):
        current = 0.0
        for word in line.split():
            word_mm = text_width_mm(word, size_pt, bold=bold, italic=italic)
            if current and current + space + word_mm > width_mm:
                lines.append(current)
                current = word_mm
            else:
                current = current + space + word_mm if current else word_mm
        lines.append(current)
    return lines


def printed_width_mm(text: str, size_pt: float, width_mm: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of the longest line as printed in a column ``width_mm`` wide."""
    return max(printed_lines_mm(text, size_pt, width_mm, bold=bold, italic=italic))
