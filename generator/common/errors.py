"""What the user is told: problems located in a file, and the exceptions that carry them."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    """How serious a problem is; a warning never stops a build unless ``--strict`` is given."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    key_path: str  # e.g. ``parts[0].sections[2].items[3]``; empty for the whole file
    message: str  # Vietnamese, says what is wrong and how to fix it
    severity: Severity = Severity.ERROR
    rule: str = ""  # a warning's code, to waive it: "# kehoach: bỏ qua <rule> - <lý do>"

    def render(self) -> str:
        """``file:line:col: key.path: message`` as editors and users read it."""
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        prefix = ""
        if self.severity is not Severity.ERROR:
            prefix = f"cảnh báo [{self.rule}]: " if self.rule else "cảnh báo: "
        key = f"{self.key_path}: " if self.key_path else ""
        return f"{where}: {prefix}{key}{self.message}"


class GeneratorError(Exception):
    """A failure caused by the user's input or environment, explained in Vietnamese.

    The CLI prints ``str(error)`` and exits with status 1; nothing else is shown.
    """


class PlanError(GeneratorError):
    """A plan file (or a DOCX given to ``check``) has one or more errors."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.render() for p in problems))


class TemplateError(GeneratorError):
    """The DOCX template itself is broken: syntax, unknown variable, tag split by Word."""


class OutputError(GeneratorError):
    """A file could not be written (permissions, full disk, path outside the output folder)."""


def unreadable(path: Path, exc: OSError, *, kind: str, example: str) -> PlanError:
    """The error for an input file the system would not let us read, in the user's words.

    ``kind`` names what the file should be ("tệp kế hoạch .yaml"), ``example`` a typical path.
    """
    if isinstance(exc, FileNotFoundError):
        msg = f"không tìm thấy tệp này. Hãy kiểm tra lại tên và thư mục (ví dụ {example})."
    elif isinstance(exc, IsADirectoryError):
        msg = f"đây là một thư mục, không phải {kind}."
    elif isinstance(exc, PermissionError):
        msg = "không có quyền đọc tệp này."
    elif exc.errno == errno.ELOOP:
        msg = "đường dẫn có liên kết (symlink) trỏ vòng về chính nó. Hãy mở đúng tệp gốc."
    else:  # the system's own wording is English; its number is what a technician needs
        msg = f"không đọc được tệp này (lỗi hệ thống số {exc.errno})."
    return PlanError([Problem(display_path(path), 0, 0, "", msg)])


def display_path(path: Path) -> str:
    """The path as the user typed it or relative to the current folder when possible."""
    try:
        # abspath, not resolve: no symlink is followed (a looping one must not crash a message)
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd()))  # noqa: PTH100
    except ValueError:
        return str(path)
