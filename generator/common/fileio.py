"""The one place that writes files: atomically, inside the folder it was given, explained on failure."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from generator.common.errors import OutputError, display_path

_TEMP_PREFIX = ".kehoach-tmp-"


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed to disk, then renamed
    over the target. A build that fails or is killed midway leaves the previous file intact.

    Raises:
        OutputError: when the folder cannot be created or written (permissions, full disk…).
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=path.suffix, dir=folder)
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


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary files a killed build left behind in ``folder``."""
    if not folder.is_dir():
        return
    for leftover in folder.glob(_TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            leftover.unlink()


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
        return f"không ghi được vào {shown}: không có quyền ghi (hoặc ổ đĩa chỉ đọc). Hãy chọn thư mục khác bằng --out."
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"không ghi được vào {shown}: ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi chạy lại."
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return f"không ghi được vào {shown}: một phần của đường dẫn là tệp, không phải thư mục."
    if exc.errno == errno.ENOENT:
        return f"không ghi được vào {shown}: không tạo được thư mục này. Hãy chọn thư mục khác bằng --out."
    if exc.errno in (errno.EISDIR, errno.EBUSY):
        example = display_path(path / "ten-tep")
        return f"không ghi được vào {shown}: đó là một thư mục. Hãy đặt tên tệp, ví dụ {example}."
    if exc.errno == errno.ELOOP:
        return f"không ghi được vào {shown}: đường dẫn có liên kết (symlink) trỏ vòng về chính nó."
    if exc.errno == errno.ENAMETOOLONG:
        return f"không ghi được vào {shown}: tên tệp quá dài."
    # The system's own wording is English; its number is what a technician needs.
    return f"không ghi được vào {shown} (lỗi hệ thống số {exc.errno})."
