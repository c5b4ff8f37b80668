"""The one place that writes files: atomically, inside the folder it was given, explained on failure."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

from generator.common.errors import OutputError, display_path

TEMP_PREFIX = ".kehoach-tmp-"
SCRATCH_PREFIX = ".kehoach-pdf-"
# Beyond this age a temporary is stale whoever wrote it: no build or conversion runs a day.
_STALE_SECONDS = 24 * 3600


def cache_folder() -> Path:
    """The user's own cache folder for kehoach (LibreOffice profiles, compiled templates)."""
    if os.name == "nt":  # pragma: no cover - Windows
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "kehoach"


def _machine_name() -> str:
    """This machine's name, without importing socket (start-up time)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    return os.environ.get("COMPUTERNAME", "")  # pragma: no cover - Windows


# Temporaries are named <prefix><host>-<pid>-<random>: a sweep can then tell a file whose
# writer has died on this machine from one another process (or machine) is writing now.
_HOST = hashlib.sha1(_machine_name().encode("utf-8", "replace")).hexdigest()[:6]


def temp_prefix(prefix: str = TEMP_PREFIX) -> str:
    """The name start of this process's temporaries: prefix, host and process id."""
    return f"{prefix}{_HOST}-{os.getpid()}-"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed
    over the target. A build that fails or is killed midway leaves the previous file intact.

    Raises:
        OutputError: when the folder cannot be created or written (permissions, full disk…).
    """
    folder = path.parent
    refuse_special(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(), suffix=path.suffix, dir=folder)
    except OSError as exc:
        raise OutputError(_explain(exc, folder)) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file readable by its owner only; give it the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        temp.chmod(0o666 & ~umask)
        temp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OutputError(_explain(exc, path)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (see :func:`write_bytes_atomic`)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def temp_folder(folder: Path, prefix: str = SCRATCH_PREFIX) -> Path:
    """A new scratch folder inside ``folder`` (created if needed), named so a sweep can tell it stale.

    Raises:
        OutputError: when the folder cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(folder)
        return Path(tempfile.mkdtemp(prefix=temp_prefix(prefix), dir=folder))
    except OSError as exc:
        raise OutputError(_explain(exc, folder)) from None


def refuse_special(path: Path) -> None:
    """Refuse an output that exists and is not a regular file (a folder, a device, a pipe).

    The atomic rename would otherwise replace it: as root, ``--out /dev/null`` would turn the
    device into an ordinary file.

    Raises:
        OutputError: naming what the path is and what to do instead.
    """
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):  # not there yet; a bad folder is told when created
        return
    except OSError as exc:
        raise OutputError(_explain(exc, path)) from None
    if stat.S_ISREG(mode):
        return
    shown = display_path(path)
    if stat.S_ISDIR(mode):
        msg = (
            f"không ghi được {shown}: đã có một thư mục trùng tên. Hãy đổi tên hoặc xóa thư mục đó, "
            "hoặc chọn tên tệp khác bằng --out."
        )
    else:
        msg = f"không ghi được {shown}: đó không phải là một tệp thường (thiết bị hay ống dẫn). Hãy chọn tệp khác."
    raise OutputError(msg)


def remove_stale_temporaries(folder: Path) -> None:
    """Delete the temporary files and PDF scratch folders that a killed run left in ``folder``.

    Only provably stale ones: written on this machine by a process that no longer runs, or
    older than a day. Another run's files in flight are left alone.
    """
    if not folder.is_dir():
        return
    for prefix in (TEMP_PREFIX, SCRATCH_PREFIX):
        for leftover in folder.glob(prefix + "*"):
            if _is_stale(leftover, prefix):
                with contextlib.suppress(OSError):
                    if leftover.is_dir() and not leftover.is_symlink():
                        shutil.rmtree(leftover)
                    else:
                        leftover.unlink()


def _is_stale(path: Path, prefix: str) -> bool:
    try:
        age = time.time() - path.lstat().st_mtime
    except OSError:
        return False
    if age > _STALE_SECONDS:
        return True
    host, _, rest = path.name[len(prefix) :].partition("-")
    pid = rest.partition("-")[0]
    return host == _HOST and pid.isdigit() and not _process_alive(int(pid))


def _process_alive(pid: int) -> bool:
    """Whether a process runs on this machine; where that cannot be known safely, assume so."""
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return True
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def real_path(path: Path) -> Path:
    """``path.resolve()``, with a symbolic link that points back to itself raised as OSError (ELOOP).

    Python 3.11 and 3.12 raise RuntimeError there, which would otherwise reach the user as a crash.
    """
    try:
        return path.resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, "symlink loop", str(path)) from None


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name the same file; a path that cannot be resolved names none."""
    try:
        return real_path(first) == real_path(second)
    except OSError:
        return False


def output_path(out_dir: Path, name: str, suffix: str) -> Path:
    """``out_dir/<name><suffix>``, refusing any name that would land outside ``out_dir``.

    Raises:
        OutputError: for names such as ``../../x`` or absolute paths.
    """
    try:
        candidate = real_path(out_dir / f"{name}{suffix}")
        root = real_path(out_dir)
    except OSError as exc:
        raise OutputError(_explain(exc, out_dir)) from None
    if not name or name.startswith(".") or candidate.parent != root:
        msg = (
            f"tên “{name}” không dùng được làm tên tệp kết quả: tệp phải nằm ngay trong thư mục "
            f"{display_path(out_dir)}/. Hãy đặt tên tệp kế hoạch chỉ gồm chữ, số và dấu gạch ngang."
        )
        raise OutputError(msg)
    return candidate


def _explain(exc: OSError, path: Path) -> str:
    shown = display_path(path)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        if path.suffix.lower() in (".docx", ".pdf") and path.is_file():
            return (
                f"không ghi được vào {shown}: tệp đang mở trong Word (hoặc chương trình khác), "
                "hoặc không có quyền ghi. Hãy đóng tệp rồi chạy lại, hoặc chọn thư mục khác bằng --out."
            )
        return f"không ghi được vào {shown}: không có quyền ghi (hoặc ổ đĩa chỉ đọc). Hãy chọn thư mục khác bằng --out."
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"không ghi được vào {shown}: ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi chạy lại."
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"không ghi được vào {shown}: một phần của đường dẫn là tệp, không phải thư mục."
    if exc.errno == errno.ENOENT:
        return f"không ghi được vào {shown}: không tạo được thư mục này. Hãy chọn thư mục khác bằng --out."
    if exc.errno in (errno.EISDIR, errno.EBUSY):
        return (
            f"không ghi được vào {shown}: đã có một thư mục trùng tên. Hãy đổi tên hoặc xóa thư mục đó, "
            "hoặc chọn tên tệp khác bằng --out."
        )
    if exc.errno == errno.ELOOP:
        return f"không ghi được vào {shown}: đường dẫn có liên kết (symlink) trỏ vòng về chính nó."
    if exc.errno == errno.ENAMETOOLONG:
        return f"không ghi được vào {shown}: tên tệp quá dài."
    # The system's own wording is English; its number is what a technician needs.
    return f"không ghi được vào {shown} (lỗi hệ thống số {exc.errno})."
