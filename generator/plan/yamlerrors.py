"""What the author is told when a plan file cannot be read: its encoding, or its YAML syntax."""

from __future__ import annotations

import codecs
import re

import yaml

from generator.common.errors import PlanError, Problem
from generator.plan.lines import LineIndex


def decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 (with or without BOM); name the encoding when it is something else."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise PlanError([Problem(shown, 1, 1, "", _resave("UTF-32"))])
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PlanError([Problem(shown, 1, 1, "", _resave("UTF-16 (Unicode của Notepad cũ)"))])
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif len(raw) >= 4 and raw.count(0) * 3 >= len(raw):
        # UTF-16 without a byte-order mark: every other byte of Latin text is zero.
        raise PlanError([Problem(shown, 1, 1, "", _resave("UTF-16 (Unicode của Notepad cũ)"))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_legacy_encoding(raw)
        msg = _resave(guess)
        raise PlanError([Problem(shown, line, column, "", msg)]) from None


_WINDOWS_1258_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ]|[A-Za-z][\u0300\u0301\u0303\u0309\u0323]")


def _guess_legacy_encoding(raw: bytes) -> str | None:
    # Windows-1258 is what Vietnamese Windows saves as "ANSI": letters such as ă, ơ are single
    # bytes and tone marks follow their letter as combining characters. It decodes almost any
    # byte string, so name it only when the result looks like Vietnamese written that way.
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError:
        return None
    if _WINDOWS_1258_LETTERS.search(text):
        return "Windows-1258 (bảng mã ANSI của Windows tiếng Việt)"
    return None


def _resave(encoding: str | None) -> str:
    named = f"bằng mã {encoding}, không phải UTF-8" if encoding else "bằng một bảng mã cũ, không phải UTF-8"
    return (
        f"tệp được lưu {named}. Hãy mở tệp trong trình soạn thảo "
        "(ví dụ Notepad hoặc VS Code), chọn Lưu thành… với mã hóa UTF-8, rồi chạy lại."
    )


# Raw control characters YAML refuses to read. Text pasted from Word or a PDF carries them
# (a vertical tab is Word's manual line break); removing them keeps the plan readable.

_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "dấu hai chấm “:” nằm ở chỗ không được phép. Nếu đoạn văn có “: ”, hãy đặt cả đoạn "
        'trong dấu nháy kép "…"; nếu không, hãy kiểm tra thụt lề của dòng này.',
    ),
    (
        "could not find expected ':'",
        "thiếu dấu hai chấm sau tên khóa, hoặc một dòng văn bản bị xuống dòng mà không thụt lề.",
    ),
    (
        "found unexpected end of stream",
        "tệp kết thúc khi một dấu nháy chưa được đóng. Hãy tìm dấu nháy mở bị thiếu dấu đóng.",
    ),
    (
        "found unknown escape character",
        "trong dấu nháy kép, dấu “\\” phải đi cùng một ký tự hợp lệ. Hãy viết “\\\\” hoặc dùng dấu nháy đơn.",
    ),
    (
        "did not find expected key",
        "thụt lề không khớp với các dòng phía trên. Các khóa cùng cấp phải thẳng cột.",
    ),
    (
        "did not find expected '-' indicator",
        "thụt lề không khớp: các mục của một danh sách phải cùng bắt đầu bằng “- ” thẳng cột.",
    ),
    (
        "expected <block end>",
        "thụt lề không khớp với các dòng phía trên. Các khóa cùng cấp phải thẳng cột.",
    ),
    (
        "found character that cannot start any token",
        'có ký tự không được đứng đầu một giá trị (ví dụ “@”, “`” hoặc “%”). Hãy đặt cả đoạn trong dấu nháy kép "…".',
    ),
    (
        "did not find expected ',' or ']'",
        "thiếu dấu “]” đóng danh sách viết trên một dòng. Nếu đoạn văn bắt đầu bằng “[”, "
        'hãy đặt cả đoạn trong dấu nháy kép "…".',
    ),
    (
        "did not find expected ',' or '}'",
        "thiếu dấu “}” đóng nhóm viết trên một dòng. Nếu đoạn văn bắt đầu bằng “{”, "
        'hãy đặt cả đoạn trong dấu nháy kép "…".',
    ),
    (
        "did not find expected node content",
        "thiếu giá trị: có dấu “[”, “{” hay “,” không đúng chỗ. Nếu đoạn văn bắt đầu bằng "
        '“[” hay “{”, hãy đặt cả đoạn trong dấu nháy kép "…".',
    ),
)
_TAB_HINT = (
    "có ký tự Tab. YAML chỉ cho phép thụt lề bằng dấu cách: hãy thay mỗi Tab bằng dấu cách "
    "(trong VS Code: “Convert Indentation to Spaces”)."
)
TAB_MESSAGE = f"lỗi cú pháp YAML: {_TAB_HINT}"
_COLON_HINT = (
    "dòng này kết thúc bằng dấu hai chấm (ví dụ “… như sau:”) nên YAML hiểu là một khóa mới. "
    'Hãy đặt cả đoạn văn trong dấu nháy kép "…".'
)


_STAR_HINT = (
    "giá trị bắt đầu bằng dấu “*” (chữ nghiêng *…*, chữ đậm **…**) mà YAML hiểu là một tham chiếu. "
    'Hãy đặt cả đoạn văn trong dấu nháy kép, ví dụ: - "*nếu có* thì báo cáo".'
)
_STARTS_WITH_STAR = re.compile(r"^\s*(?:-\s+|[^\s:#\"'][^:#]*:\s+)\*")


def syntax_problem(exc: yaml.MarkedYAMLError, shown: str, text: str, lines: LineIndex) -> Problem:
    """Translate a libyaml syntax error into a located Vietnamese problem."""
    mark = exc.problem_mark or exc.context_mark
    line, column = lines.position(mark.index) if mark else (0, 0)
    start = lines.starts[line - 1] if line else 0
    source = text[start : lines.line_end(text, start)] if line else ""
    here = source[column - 1 : column] if column else ""
    problem = f"{exc.problem or ''} {exc.context or ''}"
    hint = None
    if here == "\t" or "\t" in source[: len(source) - len(source.lstrip())]:
        hint = _TAB_HINT
    elif _STARTS_WITH_STAR.match(source) or "alias" in problem:
        hint = _STAR_HINT
    elif "mapping values" in problem and here == ":" and not source[column:].strip():
        hint = _COLON_HINT
    else:
        hint = next((said for needle, said in _SYNTAX_HINTS if needle in problem), None)
    if hint is None:
        hint = (
            "cú pháp không hợp lệ ở đây. Hãy kiểm tra thụt lề (chỉ dùng dấu cách), dấu hai chấm sau "
            'mỗi khóa và dấu nháy: đoạn văn có ký tự đặc biệt thì đặt trong dấu nháy kép "…".'
        )
    return Problem(shown, line, column, "", f"lỗi cú pháp YAML: {hint}")
