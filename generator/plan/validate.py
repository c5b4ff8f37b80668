"""Load a plan file into a validated :class:`Plan`, or report every problem with its place."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.common.errors import PlanError, Problem
from generator.common.vnformat import grouped
from generator.plan.model import ErrorDetail, ValidationFailed
from generator.plan.rules import check_plan
from generator.plan.schema import Plan
from generator.plan.schema_errors import translate
from generator.plan.yamlload import LoadedYaml, load_yaml_file, load_yaml_text


@dataclass(frozen=True)
class LoadedPlan:
    """A valid plan together with the file it came from (for lint messages)."""

    path: Path
    source: LoadedYaml
    plan: Plan


def load_plan(path: Path, *, spans: bool = False) -> LoadedPlan:
    """Read, parse and validate a plan file.

    Raises:
        PlanError: with every problem found; shape errors (phase 1) are all reported
            together, and the cross-field rules (phase 2) run when the shape is valid.

    ``spans``: also record where each scalar sits in the text (for ``kehoach new``).
    """
    return LoadedPlan(path, *_validated(load_yaml_file(path, spans=spans)))


def load_plan_text(text: str, shown: str = "<plan>") -> LoadedPlan:
    """Validate plan text (tests and tools); ``shown`` names it in messages."""
    return LoadedPlan(Path(shown), *_validated(load_yaml_text(text, shown)))


def _validated(source: LoadedYaml) -> tuple[LoadedYaml, Plan]:
    if not isinstance(source.data, dict):
        msg = (
            "một kế hoạch phải là một nhóm khóa (schema, agency, title…), "
            "không phải một danh sách hay một đoạn văn bản."
        )
        raise PlanError([Problem(source.file, 1, 1, "", msg)])
    try:
        plan = Plan.model_validate(source.data)
    except ValidationFailed as exc:
        errors = _without_explained_missing(exc.errors())
        shown, hidden = _first_of_each_kind(errors)
        problems = [translate(error, Plan, source) for error in shown]
        problems += _summaries(hidden, problems, shown)
        # A value the loader already rejected (an alias, a duplicate) needs no second message.
        taken = {p.key_path for p in source.problems}
        problems = [p for p in problems if p.key_path not in taken]
        raise PlanError(_sorted([*source.problems, *problems])) from None
    problems = [*source.problems, *check_plan(plan, source)]
    if problems:
        raise PlanError(_sorted(problems))
    return source, plan


# Past this many errors of one kind (470,000 unknown keys were once pasted), the rest are
# counted in one line: the author fixes the first ones and runs again.
SHOWN_PER_KIND = 20


def _first_of_each_kind(errors: list[ErrorDetail]) -> tuple[list[ErrorDetail], dict[str, int]]:
    shown: list[ErrorDetail] = []
    hidden: dict[str, int] = {}
    seen = Counter[str]()
    for error in errors:
        seen[error["type"]] += 1
        if seen[error["type"]] <= SHOWN_PER_KIND:
            shown.append(error)
        else:
            hidden[error["type"]] = hidden.get(error["type"], 0) + 1
    return shown, hidden


def _summaries(hidden: dict[str, int], problems: list[Problem], shown: list[ErrorDetail]) -> list[Problem]:
    out = []
    for kind, count in hidden.items():
        last = next(p for p, e in zip(reversed(problems), reversed(shown), strict=True) if e["type"] == kind)
        msg = f"còn {grouped(count)} lỗi cùng loại với lỗi trên ở phần sau của tệp; hãy sửa các lỗi này rồi chạy lại."
        out.append(Problem(last.file, last.line, last.column, "", msg))
    return out


def _without_explained_missing(errors: list[ErrorDetail]) -> list[ErrorDetail]:
    """Drop "missing key" when a misspelt key next to it says "did you mean …?" already."""
    extras: dict[tuple[Any, ...], list[str]] = {}
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            extras.setdefault(tuple(error["loc"][:-1]), []).append(str(error["loc"][-1]))
    kept = []
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc:
            typos = extras.get(loc[:-1], [])
            if difflib.get_close_matches(str(loc[-1]), typos, n=1, cutoff=0.6):
                continue
        kept.append(error)
    return kept


def _sorted(problems: list[Problem]) -> list[Problem]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.line, p.column))
