"""The ``kehoach`` command: parse arguments, call the core, print in Vietnamese, return an exit code.

Exit codes: 0 success, 1 a problem in the user's files (or a failed check), 2 a usage error,
3 an internal error of the tool (a bug: the traceback goes to a log file, not the screen).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .build import BuildResult, build_many, find_plans
from .cli_text import vietnamese_argparse
from .errors import GeneratorError, PlanError, display_path
from .template_builder import TEMPLATE_PATH
from .validate import load_plan
from .vnformat import seconds

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kehoach",
        description="Soạn Kế hoạch cải cách hành chính bằng YAML, xuất DOCX đúng Nghị định 30/2020/NĐ-CP.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"kehoach {__version__}",
        help="in số phiên bản rồi thoát",
    )
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh")
    commands.required = True

    build = commands.add_parser(
        "build",
        help="tạo tệp DOCX từ kế hoạch YAML",
        description="Tạo build/<tên>.docx từ mỗi kế hoạch (mặc định: mọi tệp plans/*.yaml).",
    )
    build.add_argument("plans", nargs="*", type=Path, metavar="KẾ_HOẠCH", help="tệp .yaml (mặc định: plans/*.yaml)")
    build.add_argument(
        "--out",
        type=Path,
        default=Path("build"),
        metavar="THƯ_MỤC",
        help="thư mục ghi kết quả (mặc định: build)",
    )
    build.add_argument(
        "--changed",
        action="store_true",
        help="chỉ tạo lại kế hoạch có thay đổi (kế hoạch, mẫu hoặc công cụ)",
    )
    build.add_argument(
        "--draft",
        action="store_true",
        help="bản dự thảo: in “DỰ THẢO” ở trang 1, để trống số và ngày (tệp …-du-thao.docx)",
    )
    build.add_argument(
        "--template",
        type=Path,
        default=TEMPLATE_PATH,
        metavar="MẪU",
        help="tệp mẫu DOCX (mặc định: templates/kehoach.docx)",
    )

    check = commands.add_parser(
        "check",
        help="kiểm tra kế hoạch YAML, không tạo tệp",
        description="Kiểm tra kế hoạch: báo mọi lỗi cùng lúc, kèm dòng và khóa.",
    )
    check.add_argument("paths", nargs="+", type=Path, metavar="TỆP", help="tệp kế hoạch .yaml")

    schema = commands.add_parser(
        "schema",
        help="xuất JSON Schema của định dạng kế hoạch",
        description="In JSON Schema (để VS Code gợi ý khóa và giải thích bằng tiếng Việt).",
    )
    schema.add_argument("--out", type=Path, metavar="TỆP", help="ghi vào tệp thay vì in ra màn hình")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    with vietnamese_argparse():
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse: -h/--version (0) or a usage error (2)
            return int(exc.code or 0)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "check":
            return _check(args)
        if args.command == "schema":
            return _schema(args)
    except GeneratorError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except Exception:  # a bug: say so in Vietnamese, keep the traceback in a file
        return _internal_error()
    return EXIT_USAGE


def _internal_error() -> int:
    details = traceback.format_exc()
    if os.environ.get("KEHOACH_DEBUG"):
        print(details, file=sys.stderr)
    handle, name = tempfile.mkstemp(prefix="kehoach-loi-", suffix=".log")
    with os.fdopen(handle, "w", encoding="utf-8") as log:
        log.write(details)
    print(
        "Lỗi nội bộ của kehoach (không phải lỗi trong kế hoạch của bạn). "
        f"Chi tiết kỹ thuật đã ghi vào {name}; hãy gửi tệp này cùng tệp kế hoạch cho người phụ trách công cụ.",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def print_problems(error: PlanError, stream: TextIO) -> None:
    """Every problem, one per line, as ``file:line:col: key: message``."""
    for problem in error.problems:
        print(problem.render(), file=stream)


def _build(args: argparse.Namespace) -> int:
    plans = list(args.plans) or find_plans()
    if not plans:
        print("Không có kế hoạch nào: thư mục plans/ chưa có tệp .yaml.", file=sys.stderr)
        return EXIT_PROBLEM

    def report(result: BuildResult) -> None:
        shown = display_path(result.output) if result.output else display_path(result.plan)
        if result.skipped:
            print(f"Không đổi: {shown}")
        elif result.ok:
            print(f"Đã tạo {shown} ({seconds(result.seconds)})")
        else:
            for problem in result.problems:
                print(problem.render(), file=sys.stderr)
            if result.error:
                print(result.error, file=sys.stderr)
            count = len(result.problems)
            why = f"{count} lỗi" if count else "lỗi"
            print(
                f"Chưa tạo được tệp cho {display_path(result.plan)} ({why}); tệp cũ, nếu có, vẫn giữ nguyên.",
                file=sys.stderr,
            )

    results = build_many(
        plans,
        args.out,
        only_changed=args.changed,
        draft=args.draft,
        template=args.template,
        report=report,
    )
    failed = [r for r in results if not r.ok]
    if failed:
        names = ", ".join(display_path(r.plan) for r in failed)
        print(f"Có {len(failed)}/{len(results)} kế hoạch lỗi: {names}.", file=sys.stderr)
        return EXIT_PROBLEM
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for path in args.paths:
        try:
            load_plan(path)
        except PlanError as exc:
            print_problems(exc, sys.stderr)
            print(f"{display_path(path)}: {len(exc.problems)} lỗi.", file=sys.stderr)
            status = EXIT_PROBLEM
            continue
        print(f"{display_path(path)}: hợp lệ.")
    return status


def _schema(args: argparse.Namespace) -> int:
    from .jsonschema import schema_json

    text = schema_json()
    if args.out:
        from .fileio import write_text_atomic

        write_text_atomic(args.out, text)
        print(f"Đã ghi {display_path(args.out)}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
