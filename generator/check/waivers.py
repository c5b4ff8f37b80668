"""Waivers of lint warnings written in the plan, as linters' noqa: ``# kehoach: bỏ qua <mã> - <lý do>``
on the warning's line or the line above it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.common.errors import Problem, Severity
from generator.plan.validate import LoadedPlan

_WAIVER = re.compile(r"#\s*kehoach\s*:\s*bỏ qua\s+([a-z-]+)\s*(?:[-–—:]\s*(.*?))?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Waived:
    """A warning the author waived in the plan, with the reason given."""

    warning: Problem
    reason: str


def _lines(loaded: LoadedPlan) -> list[tuple[int, str, str]]:
    try:
        lines = loaded.path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    for number, line in enumerate(lines, 1):
        match = _WAIVER.search(line)
        if match:
            out.append((number, match.group(1).lower(), (match.group(2) or "").strip()))
    return out


def declared(loaded: LoadedPlan, codes: set[str]) -> dict[tuple[int, str], str]:
    """The valid waivers of a plan: (line, rule code) → reason."""
    return {(number, rule): reason for number, rule, reason in _lines(loaded) if reason and rule in codes}


def malformed(loaded: LoadedPlan, codes: set[str]) -> list[Problem]:
    """A waiver naming no rule, or without a reason, is itself a warning ``[bo-qua]``."""
    bad = []
    for number, rule, reason in _lines(loaded):
        if rule not in codes:
            message = f"“bỏ qua {rule}”: không có cảnh báo mã “{rule}”; các mã: {', '.join(sorted(codes))}."
        elif not reason:
            message = f"“bỏ qua {rule}” cần ghi lý do, ví dụ “# kehoach: bỏ qua {rule} - đã thống nhất với Sở Nội vụ”."
        else:
            continue
        bad.append(Problem(loaded.source.file, number, 1, "", message, Severity.WARNING, "bo-qua"))
    return bad
