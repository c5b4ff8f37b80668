"""Text widths, checked against figures obtained without the code under test.

The oracle: the advance widths of Liberation Serif 2.1 (metric-compatible with Times New
Roman) read from the font files by fontTools, summed and scaled (size / unitsPerEm, 25.4/72 mm
a point). The same figures are published in the project's reference notes on ND30 (§12),
computed there with a separate TTF reader. They are pinned here so that the test needs neither
the fonts nor fontTools.
"""

from __future__ import annotations

import pytest

from generator.common.metrics import text_width_mm, widest_line_mm

# (text, size in pt, bold, italic) → width in mm.
PUBLISHED = [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False, 95.67),
    ("Độc lập - Tự do - Hạnh phúc", 14, True, False, 60.46),
    ("Độc lập - Tự do - Hạnh phúc", 13, True, False, 56.14),
    ("ỦY BAN NHÂN DÂN", 13, True, False, 43.19),
    ("SỞ Y TẾ", 13, True, False, 17.84),
    ("UBND TỈNH HÒA BÌNH", 13, False, False, 48.53),
    ("Hòa Bình, ngày 05 tháng 01 năm 2024", 14, False, True, 76.82),
    ("Cải cách hành chính tỉnh Hòa Bình năm 2024", 14, True, False, 96.06),
    ("Cải cách hành chính năm 2024", 14, True, False, 64.90),
    ("TM. ỦY BAN NHÂN DÂN", 14, True, False, 56.93),
]


@pytest.mark.parametrize(("text", "size", "bold", "italic", "width"), PUBLISHED, ids=[p[0][:24] for p in PUBLISHED])
def test_widths_agree_with_the_font_files(text: str, size: int, bold: bool, italic: bool, width: float):
    assert text_width_mm(text, size, bold=bold, italic=italic) == pytest.approx(width, abs=0.05)


def test_a_text_with_line_breaks_is_as_wide_as_its_widest_line():
    assert widest_line_mm("SỞ Y TẾ\nỦY BAN NHÂN DÂN", 13, bold=True) == pytest.approx(43.19, abs=0.05)
