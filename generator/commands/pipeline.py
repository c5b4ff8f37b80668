"""Build plans into DOCX files: load, validate, render, write; one failing plan never stops the rest."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.common.emphasis import plain
from generator.common.errors import GeneratorError, OutputError, PlanError, Problem, display_path
from generator.common.fileio import output_path, write_bytes_atomic
from generator.common.version import VERSION
from generator.render.provenance import TEMPLATE_PATH, stored_source

# Validation, the lint and docxtpl are imported when a plan is built: deciding that
# documents are up to date, as `make build` does on every run, needs none of them.
if TYPE_CHECKING:
    from generator.plan.schema import Plan

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
    warnings: list[Problem] = field(default_factory=list)  # built all the same (without --strict)
    error: str | None = None  # a failure that is not a plan problem (template, disk)

    @property
    def ok(self) -> bool:
        """Whether the plan was built or was already up to date."""
        return not self.problems and self.error is None


def document_properties(plan: Plan) -> dict[str, Any]:
    """Core properties of the DOCX (File → Properties in Word)."""
    date = plan.date.as_date() or dt.date(plan.date.year, plan.date.month or 1, 1)
    return {
        "title": plain(f"{plan.document.type} {plan.title}").replace("\n", " "),
        "subject": f"Kế hoạch cải cách hành chính năm {plan.year}",
        "author": plain(plan.agency.full_name),
        "keywords": "cải cách hành chính; CCHC",
        "date": dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC),
    }


def render_plan(plan: Plan, *, draft: bool = False, template: Path = TEMPLATE_PATH, source: str = "") -> bytes:
    """The DOCX bytes of a validated plan; ``source`` is the digest stored to tell it is up to date."""
    from generator.render.context import build_context
    from generator.render.engine import render_docx

    properties = {**document_properties(plan), "source": source}
    return render_docx(build_context(plan, draft=draft), properties, template)


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
    out, _ = _build(plan_path, out_dir, draft=draft, template=template, strict=strict)
    return out


def _build(plan_path: Path, out_dir: Path, *, draft: bool, template: Path, strict: bool) -> tuple[Path, list[Problem]]:
    from generator.check.lint import lint_plan
    from generator.plan.validate import load_plan

    out = output_for(plan_path, out_dir, draft=draft)
    loaded = load_plan(plan_path)
    warnings = lint_plan(loaded)
    if strict and warnings:
        raise PlanError(warnings)
    data = render_plan(loaded.plan, draft=draft, template=template, source=source_digest(plan_path, template, draft))
    write_bytes_atomic(out, data)
    return out, warnings


@functools.cache
def _code_digest() -> str:
    """The tool's own source: a changed module makes every document out of date."""
    digest = hashlib.sha256(VERSION.encode())
    for module in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(module.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


def source_digest(plan_path: Path, template: Path, draft: bool) -> str:
    """What a document is built from: the plan's bytes, the template's, the tool's code, draft or not.

    Stored in the DOCX, so that "up to date" is decided by content, never by modification
    times (a copy from a backup or an archive keeps its old time).
    """
    digest = hashlib.sha256()
    for part in (plan_path.read_bytes(), template.read_bytes(), _code_digest().encode(), b"draft" if draft else b""):
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()


def is_up_to_date(plan_path: Path, out: Path, template: Path, *, draft: bool = False) -> bool:
    """Whether ``out`` was built from exactly this plan, template and tool."""
    stored = stored_source(out)
    if stored is None:
        return False
    try:
        return stored == source_digest(plan_path, template, draft)
    except OSError:
        return False


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
    plans = list(plans)
    clashes = _same_output(plans)
    results = []
    for plan_path in plans:
        result = BuildResult(plan_path)
        started = time.perf_counter()
        try:
            if plan_path in clashes:
                raise OutputError(clashes[plan_path])
            out = output_for(plan_path, out_dir, draft=draft)
            if only_changed and is_up_to_date(plan_path, out, template, draft=draft):
                if strict:  # the file may have been built without --strict: its plan is still checked
                    _refuse_warnings(plan_path)
                result.output, result.skipped = out, True
            else:
                result.output, result.warnings = _build(
                    plan_path, out_dir, draft=draft, template=template, strict=strict
                )
        except PlanError as exc:
            result.problems = exc.problems
        except GeneratorError as exc:
            result.error = str(exc)
        result.seconds = time.perf_counter() - started
        report(result)
        results.append(result)
    return results


def _refuse_warnings(plan_path: Path) -> None:
    from generator.check.lint import lint_plan
    from generator.plan.validate import load_plan

    warnings = lint_plan(load_plan(plan_path))
    if warnings:
        raise PlanError(warnings)


def _same_output(plans: list[Path]) -> dict[Path, str]:
    """Plans of one build whose documents would overwrite each other, with the explanation."""
    by_name: dict[str, list[Path]] = {}
    for plan in plans:
        by_name.setdefault(plan.stem.casefold(), []).append(plan)  # Windows and macOS ignore case
    clashes = {}
    for same in by_name.values():
        if len({str(p.resolve()) for p in same}) > 1:
            names = " và ".join(display_path(p) for p in same)
            msg = (
                f"{names} cùng tên tệp nên sẽ ghi đè cùng một tệp kết quả; "
                "hãy đổi tên một tệp, hoặc tạo từng tệp vào thư mục khác bằng --out."
            )
            clashes.update(dict.fromkeys(same, msg))
    return clashes


def find_plans(folder: Path = Path("plans")) -> list[Path]:
    """The plans of a folder, in name order; hidden files (``.x.yaml``, ``._x.yaml``) are never plans."""
    return sorted(p for p in folder.glob("*.yaml") if p.is_file() and not p.name.startswith("."))
