"""Writing files: atomic, confined to the output folder, explained when the disk says no."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.common.errors import OutputError
from generator.common.fileio import (
    SCRATCH_PREFIX,
    output_path,
    remove_stale_temporaries,
    temp_prefix,
    write_bytes_atomic,
)
from tests.support import read_only


def test_write_replaces_the_file_with_normal_permissions(tmp_path: Path):
    target = tmp_path / "out" / "a.docx"
    write_bytes_atomic(target, b"old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & stat.S_IRGRP and mode & stat.S_IRUSR
    assert [p.name for p in target.parent.iterdir()] == ["a.docx"]


def test_a_failure_while_writing_keeps_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OutputError, match="ổ đĩa đã đầy"):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_a_read_only_folder_is_explained(tmp_path: Path):
    """For real: a read-only mount when root (CI), permissions otherwise."""
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder), pytest.raises(OutputError, match="không có quyền ghi"):
        write_bytes_atomic(folder / "a.docx", b"x")
    assert list(folder.iterdir()) == []


def test_a_refused_folder_is_explained_even_for_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refused)
    with pytest.raises(OutputError) as caught:
        write_bytes_atomic(tmp_path / "build" / "a.docx", b"x")
    assert str(caught.value).endswith("không có quyền ghi (hoặc ổ đĩa chỉ đọc). Hãy chọn thư mục khác bằng --out.")


def test_a_folder_that_is_a_file_is_explained(tmp_path: Path):
    (tmp_path / "build").write_text("tệp, không phải thư mục")
    with pytest.raises(OutputError, match=r"^không ghi được vào build: một phần của đường dẫn là tệp, không phải"):
        write_bytes_atomic(tmp_path / "build" / "a.docx", b"x")


def test_a_target_that_is_a_folder_is_explained(tmp_path: Path):
    (tmp_path / "schema.json").mkdir()
    with pytest.raises(OutputError) as caught:
        write_bytes_atomic(tmp_path / "schema.json", b"{}")
    assert str(caught.value) == (
        "không ghi được schema.json: đã có một thư mục trùng tên. Hãy đổi tên hoặc xóa thư mục đó, "
        "hoặc chọn tên tệp khác bằng --out."
    )
    assert (tmp_path / "schema.json").is_dir()
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_a_folder_that_cannot_be_created_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def missing(self: Path, *args: object, **kwargs: object) -> None:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(Path, "mkdir", missing)  # as /proc refuses a new folder
    with pytest.raises(OutputError) as caught:
        write_bytes_atomic(tmp_path / "build" / "a.docx", b"x")
    assert str(caught.value) == (
        "không ghi được vào build: không tạo được thư mục này. Hãy chọn thư mục khác bằng --out."
    )


@pytest.mark.parametrize("name", ["../../x", "..", "", ".hidden", "a/b"])
def test_output_names_cannot_leave_the_output_folder(tmp_path: Path, name: str):
    with pytest.raises(OutputError, match="không dùng được làm tên tệp kết quả"):
        output_path(tmp_path / "build", name, ".docx")


def test_a_plain_name_stays_inside(tmp_path: Path):
    assert (
        output_path(tmp_path / "build", "2025-hoa-binh", ".docx")
        == (tmp_path / "build" / "2025-hoa-binh.docx").resolve()
    )


def test_temporaries_of_a_dead_writer_or_a_day_old_are_removed_others_kept(tmp_path: Path):
    """A killed build's file goes; a file another live build is writing stays (issue: 20 builds at once)."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)  # that process has exited: its pid is free
    mine = temp_prefix()
    host = mine[len(".kehoach-tmp-") :].split("-")[0]
    (tmp_path / f".kehoach-tmp-{host}-{dead_pid}-abc.docx").write_bytes(b"half")
    (tmp_path / f"{temp_prefix(SCRATCH_PREFIX).replace(str(os.getpid()), str(dead_pid))}xyz").mkdir()
    in_flight = tmp_path / f"{mine}def.docx"
    in_flight.write_bytes(b"being written")
    other_machine = tmp_path / f".kehoach-tmp-zzzzzz-{dead_pid}-ghi.docx"
    other_machine.write_bytes(b"maybe being written elsewhere")
    old = tmp_path / ".kehoach-tmp-zzzzzz-1-old.docx"
    old.write_bytes(b"left last week")
    week_ago = time.time() - 7 * 24 * 3600
    os.utime(old, (week_ago, week_ago))
    (tmp_path / "keep.docx").write_bytes(b"whole")
    remove_stale_temporaries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["keep.docx", in_flight.name, other_machine.name])


@pytest.mark.parametrize("special", ["fifo", "device"])
def test_an_output_that_is_not_a_regular_file_is_refused_and_left_alone(tmp_path: Path, special: str):
    if special == "fifo":
        target = tmp_path / "pipe.docx"
        os.mkfifo(target)
    else:
        target = Path("/dev/null")
    before = target.stat()
    with pytest.raises(OutputError, match="không phải là một tệp thường"):
        write_bytes_atomic(target, b"x")
    after = target.stat()
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino


def test_a_document_held_open_by_word_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Windows refuses to replace a file Word has open (a sharing violation, EACCES)."""
    target = tmp_path / "2025-hoa-binh.docx"
    target.write_bytes(b"old")

    def locked(self: Path, other: Path) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file")

    monkeypatch.setattr(Path, "replace", locked)
    with pytest.raises(OutputError) as caught:
        write_bytes_atomic(target, b"new")
    assert "tệp đang mở trong Word (hoặc chương trình khác)" in str(caught.value)
    assert "Hãy đóng tệp rồi chạy lại" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["2025-hoa-binh.docx"]
