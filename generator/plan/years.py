"""Find every year in a plan's text and say what it is: a citation, a period, a deadline…

Shared by the lint (a year that is neither this year nor last is probably a leftover) and by
``kehoach new`` (which years move with the plan and which must never change). Patterns are
tried in order; a later one never takes text an earlier one claimed, so the year inside
"Nghị định số 90/2020/NĐ-CP ngày 13/8/2020" is a citation, never a date to move.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import Enum

# The plan years the format accepts.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class Kind(Enum):
    """What a year in the text is part of."""

    CITATION = "trích dẫn văn bản"  # 90/2020/NĐ-CP, Kế hoạch số 244/KH-UBND ngày 25/12/2023 …
    STANDARD = "tiêu chuẩn"  # ISO 9001:2015
    PERIOD = "giai đoạn"  # giai đoạn 2021-2025
    TARGET = "mốc mục tiêu"  # đến năm 2025
    DATE = "ngày"  # 15/10/2024, ngày 05 tháng 01 năm 2024
    PART_OF_YEAR = "kỳ trong năm"  # 6 tháng đầu năm 2024
    QUARTER = "quý"  # Quý II, III/2024
    MONTH = "tháng"  # Tháng 12/2024, tháng 01 năm 2024
    YEAR = "năm"  # năm 2024
    BARE = "số có dạng năm"  # 2024 alone: the tool cannot tell what it is

    @property
    def movable(self) -> bool:
        """Whether a new plan moves this kind of year (when it is near the plan year)."""
        return self in _MOVABLE


_MOVABLE = frozenset({Kind.DATE, Kind.PART_OF_YEAR, Kind.QUARTER, Kind.MONTH, Kind.YEAR})


@dataclass(frozen=True)
class Occurrence:
    """One expression holding a year."""

    kind: Kind
    start: int  # the expression's span in the text
    end: int
    years: tuple[int, ...]  # every year in it, in order (two for a period)
    year_spans: tuple[tuple[int, int], ...]  # where each year's four digits are
    day: int | None = None  # for a date
    month: int | None = None

    @property
    def year(self) -> int:
        """The (last) year of the expression: a period's end, a date's year."""
        return self.years[-1]


_YEAR = r"(?:19|20)\d{2}"
# A document number and ký hiệu: 244/KH-UBND, 90/2020/NĐ-CP, 1085/QĐ-TTg, 28-KL/TW, 2610/SNV-CCHC.
_DOC_NUMBER = r"\b\d{1,5}(?:/" + _YEAR + r")?(?:-[A-ZĐ]{1,6})?/[A-ZĐ][A-Za-zĐđ0-9&]*(?:[-/][A-ZĐ0-9][A-Za-zĐđ0-9&]*)*"
_SHORT_DATE = r"\d{1,2}/\d{1,2}/" + _YEAR
_LONG_DATE = r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+" + _YEAR
# The cited document's issuer and subject run to the next comma, semicolon or full stop.
_CITATION_TAIL = r"(?:\s+(?:của|về|do)\b[^,;.\n]*)?"
_ROMAN = r"[IVX]+"

_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (
        Kind.CITATION,
        re.compile(
            _DOC_NUMBER + r"(?:\s*,?\s*ngày\s+(?:" + _SHORT_DATE + "|" + r"\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+" + _YEAR
            + r"))?" + _CITATION_TAIL
        ),
    ),
    (Kind.STANDARD, re.compile(r"\b(?:TCVN\s+)?(?:ISO(?:/IEC)?\s+)?\d{3,5}:\s?" + _YEAR + r"\b")),
    (Kind.PERIOD, re.compile(r"\b(" + _YEAR + r")\s*[-–—]\s*(" + _YEAR + r")\b")),
    (Kind.TARGET, re.compile(r"\b(?:đến|tới|trước)\s+(?:hết\s+|cuối\s+)?năm\s+(" + _YEAR + r")\b", re.IGNORECASE)),
    (Kind.DATE, re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(" + _YEAR + r")\b", re.IGNORECASE)),
    (Kind.DATE, re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(" + _YEAR + r")(?![\d/])")),
    # 15.12.2024 and 15-12-2024, as some provinces write dates.
    (Kind.DATE, re.compile(r"(?<![\d.\-])(\d{1,2})([.\-])(\d{1,2})\2(" + _YEAR + r")(?!\d|[.\-]\d)")),
    (Kind.PART_OF_YEAR, re.compile(r"\b\d{1,2}\s+tháng\s+(?:đầu|cuối)\s+năm\s+(" + _YEAR + r")\b", re.IGNORECASE)),
    (
        Kind.QUARTER,
        re.compile(
            r"\bquý\s+" + _ROMAN + r"(?:\s*(?:,|và|-)\s*(?:quý\s+)?" + _ROMAN + r")*"
            r"\s*(?:/\s*|năm\s+)(" + _YEAR + r")\b",
            re.IGNORECASE,
        ),
    ),
    (Kind.QUARTER, re.compile(r"\bQ\.?\s*(?:[1-4]|" + _ROMAN + r")\s*/\s*(" + _YEAR + r")\b")),  # Q4/2024, QIV/2024
    (Kind.MONTH, re.compile(r"\btháng\s+\d{1,2}\s*(?:/\s*|năm\s+)(" + _YEAR + r")\b", re.IGNORECASE)),
    (Kind.MONTH, re.compile(r"\bT\.?\s*(?:0?[1-9]|1[0-2])\s*/\s*(" + _YEAR + r")\b")),  # T12/2024
    (Kind.MONTH, re.compile(r"(?<![\d/.])(?:0?[1-9]|1[0-2])/(" + _YEAR + r")(?![\d/])")),  # trước 12/2024
    (Kind.YEAR, re.compile(r"\bnăm\s+(" + _YEAR + r")\b", re.IGNORECASE)),
    # Whatever else holds a year: never moved, always flagged, never left silently.
    (Kind.BARE, re.compile(r"(?<!\d)(" + _YEAR + r")(?!\d)")),
)  # fmt: skip
_FOUR_DIGITS = re.compile(r"(?<!\d)" + _YEAR + r"(?!\d)")


@functools.cache
def find_years(text: str) -> tuple[Occurrence, ...]:
    """Every expression with a year in ``text``, in order, each classified once.

    Cached without a bound: the lint's rules each walk every text of the plan in turn, and a
    bounded cache smaller than the plan (5,000 bullets) missed on every call of every rule.
    Most texts hold no year at all and are answered by one search.
    """
    if not _FOUR_DIGITS.search(text):
        return ()
    claimed: list[tuple[int, int]] = []
    found: list[Occurrence] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < c_end and c_start < end for c_start, c_end in claimed):
                continue
            claimed.append((start, end))
            spans = tuple(m.span() for m in _FOUR_DIGITS.finditer(text, start, end))
            if not spans:
                continue
            day = month = None
            if kind is Kind.DATE:
                day, month = (int(g) for g in [g for g in match.groups() if g and g.isdigit()][:2])
            years = tuple(int(text[a:b]) for a, b in spans)
            found.append(Occurrence(kind, start, end, years, spans, day, month))
    return tuple(sorted(found, key=lambda o: o.start))
