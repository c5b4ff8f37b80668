"""The plan's issue date: parsed from what authors type, written as ND30 requires."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from babel.dates import format_date

# What the văn thư fills in by hand on a draft: with the spaces around it, about 9 mm at 14 pt,
# room to write two digits while the longest place names still keep the date on one line.
BLANK = " " * 5
_LOCALE = "vi_VN"

_FULL = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{4})")
_YEAR = re.compile(r"\d{4}")
_SPOKEN = re.compile(r"(?:ngày\s*(\d{1,2})?\s*)?(?:tháng\s*(\d{1,2})?\s*)?năm\s*(\d{4})", re.IGNORECASE)

FORMS = "“05/01/2024” (đủ ngày), “01/2024” (dự thảo: chưa có ngày) hoặc “2024” (chỉ có năm)"


@dataclass(frozen=True)
class PlanDate:
    """A date whose day, or day and month, may still be blank in a draft."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PlanDate:
        """Read ``05/01/2024``, ``2024-01-05``, ``01/2024``, ``2024`` or ``ngày 05 tháng 01 năm 2024``.

        Raises:
            ValueError: with a Vietnamese message saying what form is expected, or which
                part of the date does not exist.
        """
        value = " ".join(text.split())
        day: int | None
        month: int | None
        if match := _ISO.fullmatch(value):
            year, month, day = (int(g) for g in match.groups())
        elif match := _FULL.fullmatch(value):
            day, month, year = (int(g) for g in match.groups())
        elif match := _MONTH_YEAR.fullmatch(value):
            day, month, year = None, int(match.group(1)), int(match.group(2))
        elif _YEAR.fullmatch(value):
            day, month, year = None, None, int(value)
        elif match := _SPOKEN.fullmatch(value):
            day = int(match.group(1)) if match.group(1) else None
            month = int(match.group(2)) if match.group(2) else None
            year = int(match.group(3))
        else:
            msg = f"không đọc được ngày “{text}”. Hãy viết theo dạng {FORMS}."
            raise ValueError(msg)
        return cls.checked(year, month, day)

    @classmethod
    def checked(cls, year: int, month: int | None, day: int | None) -> PlanDate:
        """Build a date, refusing one that does not exist (30/02, tháng 13)."""
        if not 1900 <= year <= 2200:
            msg = f"năm {year} không hợp lệ; hãy viết năm bằng 4 chữ số, ví dụ 2025."
            raise ValueError(msg)
        if month is not None and not 1 <= month <= 12:
            msg = f"tháng {month} không tồn tại; tháng phải từ 1 đến 12."
            raise ValueError(msg)
        if day is not None:
            if month is None:
                msg = "có ngày nhưng thiếu tháng."
                raise ValueError(msg)
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                msg = f"ngày {day:02d}/{month:02d}/{year} không tồn tại: tháng {month} năm {year} chỉ có {last} ngày."
                raise ValueError(msg)
        return cls(year, month, day)

    @property
    def complete(self) -> bool:
        """Whether day and month are both known."""
        return self.day is not None and self.month is not None

    def as_date(self) -> dt.date | None:
        """The date, when complete."""
        if self.day is None or self.month is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def words(self) -> str:
        """``ngày 05 tháng 01 năm 2024``, with blanks for what a draft leaves out.

        ND30 Phụ lục I, II.4.b: days 1-9 and months 1-2 take a leading zero, others do not.
        """
        day = format_date(self.as_date(), "dd", locale=_LOCALE) if self.complete else BLANK
        month = BLANK
        if self.month is not None:
            pattern = "MM" if self.month <= 2 else "M"
            month = format_date(dt.date(self.year, self.month, 1), pattern, locale=_LOCALE)
        return f"ngày {day} tháng {month} năm {self.year}"

    def as_yaml(self) -> str:
        """How the date is written back into a plan file (``05/01/2024``, ``01/2024``, ``2024``)."""
        if self.day is not None and self.month is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        if self.month is not None:
            return f"{self.month:02d}/{self.year}"
        return str(self.year)

    def blanked(self) -> PlanDate:
        """The same date with day and month left for the văn thư, as on a draft."""
        return PlanDate(self.year)
