"""PDF and page pictures through a real office suite: LibreOffice (headless) and poppler's pdftoppm.

Neither is needed to build DOCX files; only ``--pdf`` and ``preview`` use them, and say how to
install them when they are missing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue

from generator.common.errors import GeneratorError, OutputError, display_path
from generator.common.fileio import cache_folder, temp_folder

INSTALL = (
    "sudo apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils "
    "(Windows: cài LibreOffice từ libreoffice.org, đường dẫn mặc định được tự tìm)"
)
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


def _usual_places() -> list[Path]:
    """Where the LibreOffice installers put the program when it is not on PATH (Windows, macOS)."""
    places = []
    for variable in ("PROGRAMFILES", "PROGRAMFILES(X86)", "PROGRAMW6432"):
        if os.environ.get(variable):
            places.append(Path(os.environ[variable]) / "LibreOffice" / "program" / "soffice.exe")
    places.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    return places


_NO_PDF = "chưa cài LibreOffice nên không tạo được PDF (tệp DOCX vẫn tạo được bằng make build). "
_NO_DOC = (
    "chưa cài LibreOffice nên không đọc được tệp .doc (Word 97-2003). Cách nhanh nhất: mở tệp bằng Word, "
    "chọn File → Save As → Word Document (.docx), rồi nhập tệp .docx đó. Hoặc cài LibreOffice. "
)


def soffice(*, purpose: str = _NO_PDF) -> str:
    """The LibreOffice program, or a Vietnamese explanation of how to install it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        found = next((str(place) for place in _usual_places() if place.is_file()), None)
    if found is None:
        msg = (
            f"{purpose}Cài bằng lệnh: {INSTALL}\n"
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


# Seconds allowed per document before LibreOffice is taken for hung (``--pdf-timeout``).
DEFAULT_TIMEOUT = _SECONDS_PER_DOCUMENT


def to_pdf(
    documents: Sequence[Path],
    report: Callable[[Converted], None] = lambda converted: None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> list[Converted]:
    """Convert DOCX files to PDF next to them, in one LibreOffice run, atomically.

    ``report`` is called as each document is done (conversion takes seconds each);
    ``timeout`` is the time allowed per document, whatever LibreOffice prints or does not.

    Raises:
        ToolMissing: LibreOffice is not installed.
        GeneratorError: LibreOffice failed or stopped answering (it is stopped, nothing is left).
    """
    if not documents:
        return []
    program = soffice()
    results: list[Converted] = []
    by_folder: dict[Path, list[Path]] = {}
    for document in documents:
        by_folder.setdefault(document.resolve().parent, []).append(document.resolve())
    for folder, group in by_folder.items():
        results += _convert_group(program, folder, group, report, timeout)
    return results


def _conversion(program: str, profile: Path, target: str, folder: Path, documents: Sequence[Path]) -> list[str]:
    """The LibreOffice command converting ``documents`` to ``target`` into ``folder``."""
    return [
        program,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(folder),
        *map(str, documents),
    ]


def _convert_group(
    program: str, folder: Path, documents: list[Path], report: Callable[[Converted], None], timeout: float
) -> list[Converted]:
    with lo_profile() as profile, _scratch(folder) as scratch:
        command = _conversion(program, profile, "pdf", scratch, documents)
        mover = _Mover(folder, scratch, report)
        lines: list[str] = []

        def on_line(line: str) -> None:
            # LibreOffice announces each document just before writing its PDF, so an
            # announcement (or the end of the run) means the previous document is finished.
            lines.append(line)
            match = _CONVERTED.match(line.strip())
            if match:
                mover.finish_current()
                mover.start(Path(match.group("source")).resolve())

        run_bounded(command, on_line, timeout * len(documents), env={**os.environ, "HOME": str(profile)})
        mover.finish_current()
        missing = [d for d in documents if d not in {c.docx for c in mover.written}]
        if missing:
            names = ", ".join(display_path(d) for d in missing)
            detail = "".join(lines[-5:]).strip()
            msg = f"LibreOffice không chuyển được sang PDF: {names}." + (
                f" LibreOffice báo: {detail}" if detail else ""
            )
            raise GeneratorError(msg)
        return mover.written


def doc_to_docx(document: Path, folder: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """A Word 97-2003 document (.doc) converted by LibreOffice into ``folder``; its path.

    Raises:
        ToolMissing: LibreOffice is not installed.
        GeneratorError: LibreOffice could not read the file or stopped answering.
    """
    program = soffice(purpose=_NO_DOC)
    with lo_profile() as profile:
        command = _conversion(program, profile, "docx:MS Word 2007 XML", folder, [document.resolve()])
        lines: list[str] = []
        run_bounded(command, lines.append, timeout, env={**os.environ, "HOME": str(profile)})
    converted = folder / f"{document.stem}.docx"
    if not converted.is_file():
        detail = "".join(lines[-3:]).strip()
        msg = f"LibreOffice không đọc được {display_path(document)} (tệp .doc hỏng hoặc có mật khẩu?)." + (
            f" LibreOffice báo: {detail}" if detail else ""
        )
        raise GeneratorError(msg)
    return converted


def run_bounded(command: list[str], on_line: Callable[[str], None], seconds: float, env: dict[str, str]) -> None:
    """Run a program, passing each output line to ``on_line``, for at most ``seconds``.

    The deadline holds whether the program prints or hangs silently: its output is read in a
    thread and the wait has a timeout. On expiry or Ctrl-C the program's whole process group is
    killed (LibreOffice starts a child ``soffice.bin``), so nothing keeps running.

    Raises:
        GeneratorError: the program could not start, or ran out of time.
        KeyboardInterrupt: re-raised after the program is stopped.
    """
    group = {"start_new_session": True} if os.name == "posix" else {"creationflags": _NEW_GROUP}
    try:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            text=True, encoding="utf-8", errors="replace", env=env, **group,
        )  # fmt: skip
    except OSError as exc:
        msg = f"không chạy được LibreOffice ({exc.strerror or exc})."
        raise GeneratorError(msg) from None
    queue: Queue[str | None] = Queue()
    reader = threading.Thread(target=_pump, args=(process, queue), daemon=True)
    reader.start()
    deadline = time.monotonic() + seconds
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                msg = (
                    f"LibreOffice không trả lời sau {seconds:.0f} giây nên đã bị dừng; hãy đóng các cửa sổ "
                    "LibreOffice đang mở rồi chạy lại (hoặc cho thêm thời gian bằng --pdf-timeout)."
                )
                raise GeneratorError(msg)
            try:
                line = queue.get(timeout=min(remaining, 0.5))
            except Empty:
                continue
            if line is None:
                break
            on_line(line)
        process.wait(timeout=max(1.0, deadline - time.monotonic()))
    except BaseException:
        _kill_group(process)
        raise
    finally:
        reader.join(timeout=5)


_NEW_GROUP = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)


def _pump(process: subprocess.Popen[str], queue: Queue[str | None]) -> None:
    assert process.stdout is not None
    try:
        for line in process.stdout:
            queue.put(line)
    finally:
        queue.put(None)


def _kill_group(process: subprocess.Popen[str]) -> None:
    """Stop a program and every process it started, and wait for them."""
    if process.poll() is None or os.name == "posix":
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)  # its own session: the group id is its pid
        else:  # pragma: no cover - Windows: taskkill ends the whole tree
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, timeout=30)
            with contextlib.suppress(OSError):
                process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)


@contextlib.contextmanager
def lo_profile() -> Iterator[Path]:
    """A LibreOffice user profile this run has to itself.

    A profile kept in the user's cache folder is about 0.2 s faster to start than a new one;
    two LibreOffice processes must never share one, so each run takes the first of a few
    profiles it can lock, and a fresh temporary one when all are busy or locking is impossible.
    """
    cache = cache_folder()
    for slot in range(4):
        folder = cache / f"libreoffice-{slot}"
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            with _locked(folder / ".khoa") as locked:
                if locked:
                    yield folder
                    return
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as fresh:
        yield Path(fresh)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[bool]:
    """An exclusive, non-blocking lock on a file, held while the block runs; False when taken."""
    with path.open("a+b") as handle:
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True  # the lock ends when the file is closed, also if the process dies


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
    path = temp_folder(folder)
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
    scratch = temp_folder(target.parent)
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
