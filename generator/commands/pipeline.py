"""Build plans into DOCX files: load, validate, render, write; one failing plan never stops the rest."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.check.lint import lint_plan
from generator.common.errors import GeneratorError, PlanError, Problem
from generator.common.fileio import output_path, remove_stale_temporaries, write_bytes_atomic
from generator.plan.schema import Plan
from generator.plan.validate import LoadedPlan, load_plan
from generator.render.context import build_context
from generator.render.engine import render_docx
from generator.render.template_builder import TEMPLATE_PATH

PACKAGE_DIR = Path(__file__).resolve().parents[1]
DRAFT_SUFFIX = "-du-thao"


@dataclass
class BuildResult:
    """What happened to one plan."""

    plan: Path
    output: Path | None = None
    seconds: float = 0.0
    skipped: bool = False  # already up to date
    problems: list[Problem] = field(default_factory=list)
    error: str | None = None  # a failure that is not a plan problem (template, disk)

    @property
    def ok(self) -> bool:
        """Whether the plan was built or was already up to date."""
        return not self.problems and self.error is None


def document_properties(plan: Plan) -> dict[str, Any]:
    """Core properties of the DOCX (File → Properties in Word)."""
    date = plan.date.as_date() or dt.date(plan.date.year, plan.date.month or 1, 1)
    return {
        "title": f"{plan.document.type} {plan.title}".replace("\n", " "),
        "subject": f"Kế hoạch cải cách hành chính năm {plan.year}",
        "author": plan.agency.full_name,
        "keywords": "cải cách hành chính; CCHC",
        "date": dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC),
    }


def render_plan(plan: Plan, *, draft: bool = False, template: Path = TEMPLATE_PATH) -> bytes:
    """The DOCX bytes of a validated plan."""
    return render_docx(build_context(plan, draft=draft), document_properties(plan), template)


def output_for(plan_path: Path, out_dir: Path, *, draft: bool = False) -> Path:
    """``build/<plan name>.docx`` (``…-du-thao.docx`` for a draft)."""
    return output_path(out_dir, plan_path.stem + (DRAFT_SUFFIX if draft else ""), ".docx")


def build_plan(
    plan_path: Path, out_dir: Path, *, draft: bool = False, template: Path = TEMPLATE_PATH, strict: bool = False
) -> Path:
    """Build one plan; return the DOCX written. ``strict``: a plan with warnings is not built.

    Raises:
        GeneratorError: a plan, template or output problem, already explained.
    """
    out = output_for(plan_path, out_dir, draft=draft)
    loaded = load_plan(plan_path)
    if strict:
        _refuse_warnings(loaded)
    data = render_plan(loaded.plan, draft=draft, template=template)
    write_bytes_atomic(out, data)
    return out


def _refuse_warnings(loaded: LoadedPlan) -> None:
    warnings = lint_plan(loaded)
    if warnings:
        raise PlanError(warnings)


def is_up_to_date(plan_path: Path, out: Path, template: Path) -> bool:
    """Whether ``out`` is newer than the plan, the template and every module of the tool."""
    try:
        built = out.stat().st_mtime_ns
    except OSError:
        return False
    inputs = [plan_path, template, *PACKAGE_DIR.rglob("*.py")]
    return all(path.stat().st_mtime_ns <= built for path in inputs if path.exists())


def build_many(
    plans: Iterable[Path],
    out_dir: Path,
    *,
    only_changed: bool = False,
    draft: bool = False,
    template: Path = TEMPLATE_PATH,
    strict: bool = False,
    report: Callable[[BuildResult], None] = lambda result: None,
) -> list[BuildResult]:
    """Build every plan, continuing after failures; ``report`` is called after each one."""
    remove_stale_temporaries(out_dir)
    results = []
    for plan_path in plans:
        result = BuildResult(plan_path)
        started = time.perf_counter()
        try:
            out = output_for(plan_path, out_dir, draft=draft)
            if only_changed and is_up_to_date(plan_path, out, template):
                if strict:  # the file may have been built without --strict: its plan is still checked
                    _refuse_warnings(load_plan(plan_path))
                result.output, result.skipped = out, True
            else:
                result.output = build_plan(plan_path, out_dir, draft=draft, template=template, strict=strict)
        except PlanError as exc:
            result.problems = exc.problems
        except GeneratorError as exc:
            result.error = str(exc)
        result.seconds = time.perf_counter() - started
        report(result)
        results.append(result)
    return results


def find_plans(folder: Path = Path("plans")) -> list[Path]:
    """The plans of a folder, in name order."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())
