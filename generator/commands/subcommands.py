"""One function per ``kehoach`` subcommand: run the core, tell the user what happened in Vietnamese.

Each takes the parsed arguments and returns the exit status; failures the user can fix are
raised as :class:`~generator.errors.GeneratorError` and printed by the CLI.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from generator.common.errors import PlanError, Severity, display_path
from generator.common.fileio import write_bytes_atomic, write_text_atomic
from generator.common.vnformat import seconds

# Each command imports what it needs when it runs: checking a DOCX needs neither the plan
# schema nor docxtpl, and --help needs nothing (start-up was 0.44 s of imports for every command).
if TYPE_CHECKING:
    from generator.commands.pipeline import BuildResult
    from generator.pdf import Converted

OK, PROBLEM = 0, 1
# Reports of new and import: beside the documents, so that plans/ holds plans only.
REPORTS = Path("build", "bao-cao")


def _say(text: str) -> None:
    print(text, flush=True)


def _warn(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# How many warnings a build shows before pointing to ``kehoach check`` for the rest.
_WARNINGS_SHOWN = 3


def _report_build(result: BuildResult) -> None:
    shown = display_path(result.output) if result.output else display_path(result.plan)
    if result.ok:
        _say(f"Không đổi: {shown}" if result.skipped else f"Đã tạo {shown} ({seconds(result.seconds)})")
        if result.warnings:
            _report_warnings(result)
        return
    for problem in result.problems:
        _warn(problem.render())
    if result.error:
        _warn(result.error)
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    why = f"{errors} lỗi" if errors else (f"{len(result.problems)} cảnh báo, --strict" if result.problems else "lỗi")
    _warn(f"Chưa tạo được tệp cho {display_path(result.plan)} ({why}); tệp cũ, nếu có, vẫn giữ nguyên.")


def _report_warnings(result: BuildResult) -> None:
    count = len(result.warnings)
    _warn(f"  {count} cảnh báo cần xem lại (tệp vẫn được tạo):")
    for warning in result.warnings[:_WARNINGS_SHOWN]:
        _warn(f"  {warning.render()}")
    rest = f"{count - _WARNINGS_SHOWN} cảnh báo còn lại và " if count > _WARNINGS_SHOWN else ""
    _warn(f"  Xem {rest}cách sửa: kehoach check {display_path(result.plan)}")


def _report_pdf(converted: Converted) -> None:
    _say(f"Đã tạo {display_path(converted.pdf)} ({seconds(converted.seconds)})")


def build(args: argparse.Namespace) -> int:
    """``kehoach build``: DOCX for every plan (and PDF with ``--pdf``)."""
    from generator.commands import pipeline
    from generator.render.provenance import TEMPLATE_PATH

    plans = list(args.plans) or pipeline.find_plans()
    if not plans:
        _warn("Không có kế hoạch nào: thư mục plans/ chưa có tệp .yaml.")
        return PROBLEM
    results = pipeline.build_many(
        plans,
        args.out,
        only_changed=args.changed,
        draft=args.draft,
        template=args.template or TEMPLATE_PATH,
        strict=args.strict,
        report=_report_build,
    )
    failed = [r for r in results if not r.ok]
    if args.pdf:
        documents = [r.output for r in results if r.ok and r.output is not None]
        if args.changed:  # a PDF older than its DOCX is out of date too
            documents = [d for d in documents if _stale(d.with_suffix(".pdf"), d)]
        if documents:
            from generator.pdf import to_pdf

            _say(f"Đang chuyển {len(documents)} tệp sang PDF bằng LibreOffice (vài giây mỗi tệp)…")
            to_pdf(documents, report=_report_pdf, timeout=args.pdf_timeout)
    if failed:
        names = ", ".join(display_path(r.plan) for r in failed)
        _warn(f"Có {len(failed)}/{len(results)} kế hoạch lỗi: {names}.")
        return PROBLEM
    return OK


def _stale(target: Path, source: Path) -> bool:
    return not target.exists() or target.stat().st_mtime_ns < source.stat().st_mtime_ns


def check(args: argparse.Namespace) -> int:
    """``kehoach check``: plans (errors, warnings) or DOCX files (Nghị định 30), writing nothing."""
    status = OK
    if any(path.suffix.lower() != ".docx" for path in args.paths):
        from generator.check.lint import lint_report
        from generator.plan.validate import load_plan
    for path in args.paths:
        if path.suffix.lower() == ".docx":
            status = max(status, _check_docx(path, as_json=args.json))
            continue
        try:
            loaded = load_plan(path)
        except PlanError as exc:
            for problem in exc.problems:
                _warn(problem.render())
            _warn(f"{display_path(path)}: {len(exc.problems)} lỗi.")
            status = PROBLEM
            continue
        warnings, waived = lint_report(loaded)
        for warning in warnings:
            _warn(warning.render())
        for entry in waived:  # listed, so that a waiver stays visible to whoever reviews the plan
            rule = entry.warning.rule
            text = entry.warning.render().replace(f"cảnh báo [{rule}]", f"đã bỏ qua [{rule}]")
            _say(f"{text} (lý do: {entry.reason})")
        if not warnings:
            _say(f"{display_path(path)}: hợp lệ." + (f" ({len(waived)} cảnh báo đã bỏ qua)" if waived else ""))
        elif args.strict:
            _warn(f"{display_path(path)}: {len(warnings)} cảnh báo (--strict: coi là lỗi).")
            status = PROBLEM
        else:
            _say(f"{display_path(path)}: hợp lệ, {len(warnings)} cảnh báo.")
    return status


def _check_docx(path: Path, *, as_json: bool) -> int:
    from generator.check.docx_check import check_docx, report_json, report_text

    try:
        findings = check_docx(path)
    except PlanError as exc:  # an unreadable file does not stop the others from being checked
        for problem in exc.problems:
            _warn(problem.render())
        return PROBLEM
    _say(report_json(path, findings) if as_json else report_text(path, findings))
    return PROBLEM if any(f.failed for f in findings) else OK


def preview(args: argparse.Namespace) -> int:
    """``kehoach preview``: PNG pictures of the pages, in build/preview/<plan>/, for each plan."""
    from generator.commands.pipeline import build_plan
    from generator.pdf import page_images, to_pdf

    documents = [build_plan(plan, args.out, draft=args.draft) for plan in args.plans]
    for document in documents:
        _say(f"Đã tạo {display_path(document)}")
    with tempfile.TemporaryDirectory(prefix="kehoach-xem-") as folder:
        copies = [Path(folder) / document.name for document in documents]
        for document, copy in zip(documents, copies, strict=True):
            write_bytes_atomic(copy, document.read_bytes())
        _say("Đang chuyển sang PDF bằng LibreOffice…")
        converted = to_pdf(copies, timeout=args.pdf_timeout)
        for pdf in converted:
            target = args.out / "preview" / pdf.docx.stem
            pages = page_images(pdf.pdf, target, dpi=args.dpi)
            _say(f"Đã tạo {len(pages)} ảnh trang trong {display_path(target)}/")
    return OK


def new(args: argparse.Namespace) -> int:
    """``kehoach new``: next year's plan from this year's, with a report of changes and reviews."""
    from generator.nextyear.rollover import next_year, write
    from generator.nextyear.rollover import report_text as next_year_report

    result = next_year(args.source, args.year, args.out)
    if not args.dry_run and result.output.exists() and not args.force:
        write(result, force=False)  # raises the explanation; nothing is written
    _say(next_year_report(result))
    _say("")
    if args.dry_run:
        _say("Chạy thử (--dry-run): chưa ghi tệp nào.")
        return OK
    report = write(result, force=args.force, reports=REPORTS)
    _say(f"Đã ghi {display_path(result.output)} và báo cáo {display_path(report)}.")
    _say(f"Tiếp theo: sửa {len(result.flags)} chỗ cần xem lại, xóa chú thích “# XEM LẠI”, rồi chạy make build.")
    return OK


def import_(args: argparse.Namespace) -> int:
    """``kehoach import``: last year's Word document as a plan file, with a report."""
    from generator.commands.importing import import_document, summary_lines

    result = import_document(args.source, args.out, force=args.force, timeout=args.pdf_timeout, dry_run=args.dry_run)
    for line in summary_lines(result):
        _say(line)
    if result.problems:
        for problem in result.problems:
            _warn(problem.render())
        _warn(f"Tệp mới còn {len(result.problems)} lỗi: hãy sửa theo các dòng trên rồi chạy kehoach check.")
    if args.dry_run:
        _say("Chạy thử (--dry-run): chưa ghi tệp nào.")
        return OK
    _say(f"Đã ghi {display_path(result.output)} và báo cáo {display_path(result.report)}.")
    _say(f"Tiếp theo: kehoach check {display_path(result.output)}, sửa các chỗ cần xem lại, rồi make build.")
    return PROBLEM if result.problems else OK


def diff(args: argparse.Namespace) -> int:
    """``kehoach diff``: this year's document with every change from last year tracked."""
    from generator.commands.redline import redline

    result = redline(args.old, args.new, args.out)
    if args.json:
        _say(result.as_json())
        return OK
    for line in result.summary():
        _say(line)
    _say(f"Đã ghi {display_path(result.output)}: mở bằng Word, thẻ Review (Xem lại) để duyệt từng thay đổi.")
    return OK


def schema(args: argparse.Namespace) -> int:
    """``kehoach schema``: the JSON Schema of the plan format."""
    from generator.plan.jsonschema import schema_json

    text = schema_json()
    if args.out:
        write_text_atomic(args.out, text)
        _say(f"Đã ghi {display_path(args.out)}")
    else:
        sys.stdout.write(text)
    return OK
