"""The ``kehoach`` command: parse arguments, call a command, map failures to exit codes.

Exit codes: 0 success, 1 a problem in the user's files (or a failed check), 2 a usage error,
3 an internal error of the tool (a bug: the traceback goes to a log file, not the screen).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator import __version__
from generator.cli_text import vietnamese_argparse
from generator.common.errors import GeneratorError
from generator.plan.years import FIRST_YEAR, LAST_YEAR

EXIT_PROBLEM, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 1, 2, 3, 130


def _seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = -1.0
    if not 0 < value <= 86_400:
        msg = f"“{text}” không phải là số giây hợp lệ (từ 1 đến 86400)"
        raise argparse.ArgumentTypeError(msg)
    return value


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR):
        msg = f"“{text}” không phải là năm hợp lệ (từ {FIRST_YEAR} đến {LAST_YEAR}), ví dụ 2026"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


# LibreOffice's time per document before it is taken for hung; the same as generator.pdf's default
# (not imported from there: the PDF machinery is loaded only when a PDF is asked for).
DEFAULT_TIMEOUT = 240
_PDF_TIMEOUT = ("--pdf-timeout",)
_PDF_TIMEOUT_OPTIONS: dict[str, Any] = {
    "type": _seconds,
    "default": DEFAULT_TIMEOUT,
    "metavar": "GIÂY",
    "help": f"thời gian chờ LibreOffice cho mỗi tệp, quá thì dừng (mặc định {DEFAULT_TIMEOUT} giây)",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kehoach",
        description="Soạn Kế hoạch cải cách hành chính bằng YAML, xuất DOCX đúng Nghị định 30/2020/NĐ-CP.",
    )
    parser.add_argument("--version", action="version", version=f"kehoach {__version__}", help="in số phiên bản")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", title="các lệnh")
    sub.required = True

    build = sub.add_parser(
        "build", help="tạo tệp DOCX từ kế hoạch YAML", description="Tạo build/<tên>.docx từ kế hoạch."
    )
    build.add_argument("plans", nargs="*", type=Path, metavar="KẾ_HOẠCH", help="tệp .yaml (mặc định: plans/*.yaml)")
    build.add_argument("--out", type=Path, default=Path("build"), metavar="THƯ_MỤC", help="thư mục kết quả (build)")
    build.add_argument("--changed", action="store_true", help="chỉ tạo lại kế hoạch có thay đổi")
    build.add_argument("--draft", action="store_true", help="bản dự thảo: “DỰ THẢO” ở trang 1, để trống số và ngày")
    build.add_argument("--pdf", action="store_true", help="tạo thêm tệp PDF cạnh mỗi DOCX (cần LibreOffice)")
    build.add_argument("--strict", action="store_true", help="kế hoạch còn cảnh báo thì không tạo tệp")
    build.add_argument(*_PDF_TIMEOUT, **_PDF_TIMEOUT_OPTIONS)
    build.add_argument("--template", type=Path, metavar="MẪU", help="tệp mẫu DOCX khác (mặc định của công cụ)")

    check = sub.add_parser("check", help="kiểm tra kế hoạch YAML, không tạo tệp", description="Kiểm tra kế hoạch.")
    check.add_argument("paths", nargs="+", type=Path, metavar="TỆP", help="tệp kế hoạch .yaml hoặc văn bản .docx")
    check.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi (thoát với mã 1)")
    check.add_argument("--json", action="store_true", help="in kết quả kiểm tra DOCX dạng JSON")

    new = sub.add_parser("new", help="tạo kế hoạch năm sau từ kế hoạch năm nay", description="Kế hoạch năm sau.")
    new.add_argument("source", type=Path, metavar="KẾ_HOẠCH", help="kế hoạch năm nay (.yaml), không bị sửa")
    new.add_argument("--year", type=_year, required=True, metavar="NĂM", help="năm của kế hoạch mới, ví dụ 2025")
    new.add_argument("--out", type=Path, metavar="TỆP", help="tệp mới (mặc định: đổi năm trong tên tệp nguồn)")
    new.add_argument("--force", action="store_true", help="ghi đè tệp mới nếu đã có")
    new.add_argument("--dry-run", action="store_true", help="chỉ in báo cáo, không ghi tệp nào")

    imp = sub.add_parser(
        "import",
        help="đọc kế hoạch năm trước từ tệp Word (.docx, .doc) thành tệp YAML",
        description="Năm đầu dùng công cụ: đọc tệp Word của kế hoạch năm trước thành plans/<năm>-<địa danh>.yaml.",
    )
    imp.add_argument("source", type=Path, metavar="VĂN_BẢN", help="tệp Word .docx (hoặc .doc, cần LibreOffice)")
    imp.add_argument("--out", type=Path, metavar="TỆP", help="tệp kế hoạch mới (mặc định plans/<năm>-<địa danh>.yaml)")
    imp.add_argument("--force", action="store_true", help="ghi đè tệp kế hoạch nếu đã có")
    imp.add_argument("--dry-run", action="store_true", help="chỉ in những gì đọc được, không ghi tệp nào")
    imp.add_argument(
        "--timeout",
        dest="pdf_timeout",
        **{**_PDF_TIMEOUT_OPTIONS, "help": f"thời gian chờ LibreOffice đọc tệp .doc (mặc định {DEFAULT_TIMEOUT} giây)"},
    )

    diff = sub.add_parser(
        "diff",
        help="so sánh hai kế hoạch, ghi DOCX có đánh dấu thay đổi (Track Changes)",
        description="Tạo văn bản của kế hoạch MỚI, mọi chỗ khác kế hoạch CŨ được đánh dấu như Track Changes của Word.",
    )
    diff.add_argument("old", type=Path, metavar="CŨ", help="kế hoạch năm trước (.yaml)")
    diff.add_argument("new", type=Path, metavar="MỚI", help="kế hoạch năm nay (.yaml)")
    diff.add_argument("--out", type=Path, metavar="TỆP", help="tệp DOCX kết quả (mặc định build/<MỚI>-thay-doi.docx)")
    diff.add_argument("--json", action="store_true", help="in tóm tắt thay đổi dạng JSON")

    preview = sub.add_parser("preview", help="tạo ảnh các trang (cần LibreOffice)", description="Ảnh PNG từng trang.")
    preview.add_argument("plans", nargs="+", type=Path, metavar="KẾ_HOẠCH", help="một hay nhiều tệp .yaml")
    preview.add_argument("--out", type=Path, default=Path("build"), metavar="THƯ_MỤC", help="thư mục kết quả (build)")
    preview.add_argument("--dpi", type=int, default=80, metavar="DPI", help="độ phân giải ảnh (mặc định 80)")
    preview.add_argument("--draft", action="store_true", help="ảnh của bản dự thảo")
    preview.add_argument(*_PDF_TIMEOUT, **_PDF_TIMEOUT_OPTIONS)

    schema = sub.add_parser("schema", help="xuất JSON Schema của định dạng", description="In JSON Schema.")
    schema.add_argument("--out", type=Path, metavar="TỆP", help="ghi vào tệp thay vì in ra màn hình")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting.

    The commands are imported here, not at the top, so that ``--help`` and a usage error do not
    pay for every library, and so that Ctrl-C at any moment ends in "Đã dừng", not a traceback.
    """
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `kehoach … | head`: the reader has what it wanted
        _silence_stdout()
        return 0


def _run(argv: Sequence[str] | None) -> int:
    with vietnamese_argparse():
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse: -h/--version (0) or a usage error (2)
            return int(exc.code or 0)
    try:
        from generator.commands import subcommands

        command = {"import": "import_"}.get(args.command, args.command)  # "import" is a Python keyword
        return int(getattr(subcommands, command)(args))
    except GeneratorError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEM
    except (KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception:  # a bug: say so in Vietnamese, keep the traceback in a file
        return _internal_error()


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
