"""Move the years of one text to a new plan year, and say what must be looked at by a person.

What moves (by the gap between the two years): the plan year, the year before it and the
year after it, wherever they are dates, months, quarters, parts of a year or "năm 2024".
What never moves: citations of documents, standards, programme periods, target years, other
numbers. What is flagged and left as it is: a date that would not exist, a period or target
the new year has passed, the opening's citation of last year's provincial plan, and any year
whose meaning the tool cannot tell.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from generator.plan.years import Kind, Occurrence, find_years


@dataclass(frozen=True)
class Change:
    """One expression moved: its span in the old text, before and after."""

    kind: Kind
    start: int
    end: int
    before: str
    after: str
    year_spans: tuple[tuple[int, int], ...]  # the digits replaced, in the old text


@dataclass(frozen=True)
class Flag:
    """One expression left as it is for a person to decide."""

    group: str
    start: int
    reason: str


GROUP_OPENING = "Văn bản dẫn ở đoạn mở đầu"
GROUP_PASSED = "Giai đoạn, mốc thời gian đã qua"
GROUP_NO_SUCH_DATE = "Ngày không có trong năm mới"
GROUP_UNKNOWN = "Năm chưa rõ ý nghĩa"


def shift_text(
    text: str, old_year: int, new_year: int, *, opening: bool = False
) -> tuple[str, list[Change], list[Flag]]:
    """The text for the new year, what changed and what a person must review.

    ``opening``: the text is an opening "Thực hiện / Căn cứ" paragraph, whose citation of
    last year's documents will be replaced by next year's.
    """
    gap = new_year - old_year
    window = {old_year - 1, old_year, old_year + 1}
    changes: list[Change] = []
    flags: list[Flag] = []
    kept_until = -1  # the end of a flagged citation's clause: kept verbatim as a whole
    for found in find_years(text):
        snippet = text[found.start : found.end]
        if found.start < kept_until:
            continue
        if found.kind in (Kind.CITATION, Kind.STANDARD):
            if opening and found.kind is Kind.CITATION and any(y in window for y in found.years):
                flags.append(Flag(GROUP_OPENING, found.start, _opening_reason(snippet, new_year)))
                # The author replaces the whole citation ("…ngày 20 tháng 12 năm 2021, về … năm 2022"):
                # moving a year in its subject would only make it look right and be wrong.
                kept_until = _citation_end(text, found.end)
            continue
        if found.kind is Kind.PERIOD:
            first, last = found.years[0], found.years[-1]
            if not first <= new_year <= last:
                flags.append(
                    Flag(GROUP_PASSED, found.start, f"giai đoạn {first}-{last} không còn chứa năm {new_year}.")
                )
            continue
        if found.kind is Kind.TARGET:
            if found.year < new_year:
                flags.append(Flag(GROUP_PASSED, found.start, f"mốc “{snippet}” đã qua so với năm {new_year}."))
            continue
        if found.kind is Kind.BARE or found.year not in window:
            why = f"không rõ {found.year} trong “{snippet}” là năm nào; công cụ để nguyên."
            flags.append(Flag(GROUP_UNKNOWN, found.start, why))
            continue
        if not _exists(found, gap):
            moved = found.year + gap
            why = f"“{snippet}” sang năm {moved} thành ngày {found.day:02d}/{found.month:02d}/{moved}, không có thật."
            flags.append(Flag(GROUP_NO_SUCH_DATE, found.start, why))
            continue
        changes.append(_moved(text, found, gap))
    return _apply(text, changes), changes, flags


# A comma followed by one of these continues the cited document's description, not the plan's.
_CONTINUATION = re.compile(r",\s*(?:về|của|do|ngày|tại|theo|ban hành)\b[^,;.\n]*", re.IGNORECASE)


def _citation_end(text: str, end: int) -> int:
    while match := _CONTINUATION.match(text, end):
        end = match.end()
    return end


def _opening_reason(snippet: str, new_year: int) -> str:
    cited = snippet.split(" của ")[0].split(" về ")[0].strip(" ,")
    return f"đoạn mở đầu dẫn “{cited}”: kế hoạch năm {new_year} sẽ dẫn văn bản mới, hãy thay số và ngày."


def _exists(found: Occurrence, gap: int) -> bool:
    if found.kind is not Kind.DATE or found.day is None or found.month is None:
        return True
    if not 1 <= found.month <= 12:
        return False
    return found.day <= calendar.monthrange(found.year + gap, found.month)[1]


def _moved(text: str, found: Occurrence, gap: int) -> Change:
    before = text[found.start : found.end]
    after = before
    for (start, end), year in zip(reversed(found.year_spans), reversed(found.years), strict=True):
        after = after[: start - found.start] + str(year + gap) + after[end - found.start :]
    return Change(found.kind, found.start, found.end, before, after, found.year_spans)


def _apply(text: str, changes: list[Change]) -> str:
    out = text
    for change in sorted(changes, key=lambda c: c.start, reverse=True):
        out = out[: change.start] + change.after + out[change.end :]
    return out
