"""PDF and page pictures through a real office suite: LibreOffice (headless) and poppler's pdftoppm.

Neither is needed to build DOCX files; only ``--pdf`` and ``preview`` use them, and say how to
install them when they are missing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.common.errors import GeneratorError, OutputError, display_path
from generator.common.fileio import SCRATCH_PREFIX, temp_prefix

INSTALL = "sudo apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils"
# About 2 s per ordinary plan; a 3,000-row appendix with merged cells takes minutes.
_SECONDS_PER_DOCUMENT = 240
_CONVERTED = re.compile(r"^convert (?P<source>.+?) -> (?P<target>.+?) using filter")


class ToolMissing(GeneratorError):
    """LibreOffice or poppler is not installed."""


@dataclass(frozen=True)
class Converted:
    """One PDF written, and how long its conversion took."""

    docx: Path
    pdf: Path
    seconds: float


def soffice() -> str:
    """The LibreOffice program, or a Vietnamese explanation of how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        msg = (
            "chưa cài LibreOffice nên không tạo được PDF (tệp DOCX vẫn tạo được bằng make build). "
            f"Cài bằng lệnh: {INSTALL}\n"
            "(cần gói fonts-liberation2 vì phông Liberation cũ thiếu chữ tiếng Việt; "
            "poppler-utils để tạo ảnh trang)."
        )
        raise ToolMissing(msg)
    return found


def pdftoppm() -> str:
    """poppler's pdftoppm, or how to install it."""
    found = shutil.which("pdftoppm")
    if found is None:
        msg = f"chưa cài poppler-utils nên không tạo được ảnh trang. Cài bằng lệnh: {INSTALL}"
        raise ToolMissing(msg)
    return found


def to_pdf(documents: Sequence[Path], report: Callable[[Converted], None] = lambda converted: None) -> list[Converted]:
    """Convert DOCX files to PDF next to them, in one LibreOffice run, atomically.

    ``report`` is called as each document is done (conversion takes seconds each).

    Raises:
        ToolMissing: LibreOffice is not installed.
        GeneratorError: LibreOffice failed or stopped answering.
    """
    if not documents:
        return []
    program = soffice()
    results: list[Converted] = []
    by_folder: dict[Path, list[Path]] = {}
    for document in documents:
        by_folder.setdefault(document.resolve().parent, []).append(document.resolve())
    for folder, group in by_folder.items():
        results += _convert_group(program, folder, group, report)
    return results


def _convert_group(
    program: str, folder: Path, documents: list[Path], report: Callable[[Converted], None]
) -> list[Converted]:
    # A private profile per run: two LibreOffice processes sharing one profile fail or hang.
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as profile, _scratch(folder) as scratch:
        command = [
            program,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(scratch),
            *map(str, documents),
        ]
        env = {**os.environ, "HOME": profile}  # keep LibreOffice away from the user's own settings
        try:
            process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        except OSError as exc:
            msg = f"không chạy được LibreOffice ({exc.strerror or exc})."
            raise GeneratorError(msg) from None
        mover = _Mover(folder, scratch, report)
        deadline = time.perf_counter() + _SECONDS_PER_DOCUMENT * len(documents)
        output: list[str] = []
        assert process.stdout is not None
        # LibreOffice announces each document just before writing its PDF, so an announcement
        # (or the end of the run) means the previous document is finished.
        for line in process.stdout:
            output.append(line)
            match = _CONVERTED.match(line.strip())
            if match:
                mover.finish_current()
                mover.start(Path(match.group("source")).resolve())
            if time.perf_counter() > deadline:
                process.kill()
                msg = (
                    "LibreOffice không trả lời (quá thời gian chờ); "
                    "hãy đóng các cửa sổ LibreOffice đang mở rồi chạy lại."
                )
                raise GeneratorError(msg)
        process.wait()
        mover.finish_current()
        missing = [d for d in documents if d not in {c.docx for c in mover.written}]
        if missing:
            names = ", ".join(display_path(d) for d in missing)
            detail = "".join(output[-5:]).strip()
            msg = f"LibreOffice không chuyển được sang PDF: {names}." + (
                f" LibreOffice báo: {detail}" if detail else ""
            )
            raise GeneratorError(msg)
        return mover.written


class _Mover:
    """Moves each finished PDF from the scratch folder to its place, and reports it."""

    def __init__(self, folder: Path, scratch: Path, report: Callable[[Converted], None]) -> None:
        self.folder = folder
        self.scratch = scratch
        self.report = report
        self.current: Path | None = None
        self.since = time.perf_counter()  # the first document also pays for LibreOffice's start
        self.written: list[Converted] = []

    def start(self, source: Path) -> None:
        self.current = source

    def finish_current(self) -> None:
        if self.current is None:
            return
        produced = self.scratch / f"{self.current.stem}.pdf"
        if produced.is_file() and produced.stat().st_size > 0:
            target = self.folder / produced.name
            try:
                produced.replace(target)
            except OSError as exc:
                msg = f"không ghi được {display_path(target)} ({exc.strerror})."
                raise OutputError(msg) from None
            now = time.perf_counter()
            converted = Converted(self.current, target, now - self.since)
            self.since = now
            self.written.append(converted)
            self.report(converted)
        self.current = None


@contextlib.contextmanager
def _scratch(folder: Path) -> Iterator[Path]:
    """A temporary folder next to the outputs, so that moving a PDF into place is a rename."""
    folder.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix=temp_prefix(SCRATCH_PREFIX), dir=folder))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def page_images(pdf: Path, target: Path, dpi: int = 80) -> list[Path]:
    """PNG pictures of every page of a PDF, ``trang-01.png`` …, replacing ``target``'s pictures.

    Raises:
        ToolMissing: pdftoppm is not installed.
        GeneratorError: pdftoppm failed.
    """
    program = pdftoppm()
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        done = subprocess.run(
            [program, "-r", str(dpi), "-png", str(pdf), str(scratch / "trang")],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        if done.returncode != 0:
            msg = f"pdftoppm không tạo được ảnh từ {display_path(pdf)}: {done.stderr.strip()}"
            raise GeneratorError(msg)
        # pdftoppm numbers pages with as many digits as the last page needs: trang-1 or trang-01.
        pages = sorted(scratch.glob("trang-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        for page in pages:
            page.rename(scratch / f"trang-{int(page.stem.split('-')[-1]):02d}.png")
        if target.exists():
            shutil.rmtree(target)
        scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return sorted(target.glob("trang-*.png"))
