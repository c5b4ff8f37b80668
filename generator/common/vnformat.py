"""Numbers, sizes and durations written the Vietnamese way (decimal comma), through babel."""

from __future__ import annotations

from babel.numbers import format_decimal

LOCALE = "vi_VN"


def decimal(value: float, digits: int = 2) -> str:
    """``0.1234`` → ``0,12``."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return format_decimal(value, format=pattern, locale=LOCALE)


def seconds(value: float) -> str:
    """A duration for progress lines: ``0,21 giây``."""
    return f"{decimal(value, 2)} giây"


def megabytes(size: int) -> str:
    """A file size: ``50,0 MB``."""
    return f"{decimal(size / (1024 * 1024), 1)} MB"


def grouped(value: int) -> str:
    """A whole number with thousands grouped: ``200.000``."""
    return decimal(value, 0)
