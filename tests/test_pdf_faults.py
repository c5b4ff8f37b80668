"""LibreOffice that hangs, Ctrl-C in the middle, pipes closed early: real processes, a fake ``soffice``.

The fake is a shell script put first on PATH. It starts a child (as LibreOffice starts
``soffice.bin``), records both process ids, then hangs without printing anything.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT, plan_data, write_plan

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the fake soffice is a shell script")

FAKE_SOFFICE = """#!/bin/sh
sleep 600 &
echo $$ $! > "{pids}"
while :; do sleep 1; done
"""


def fake_soffice(folder: Path) -> tuple[dict[str, str], Path]:
    """A PATH on which ``soffice`` hangs silently, and the file where it writes its pids."""
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    pids = folder / "soffice.pids"
    script = bin_dir / "soffice"
    script.write_text(FAKE_SOFFICE.format(pids=pids), encoding="utf-8")
    script.chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(ROOT)}
    env["XDG_CACHE_HOME"] = str(folder / "cache")
    return env, pids


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child not yet reaped by its parent is a zombie: dead for our purpose.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "State:\tZ" in status.read_text())


def kehoach(*args: str, env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def wait_for(path: Path, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not (path.exists() and path.read_text().strip()):
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_a_silently_hanging_libreoffice_is_stopped_at_the_deadline(tmp_path: Path):
    env, pids = fake_soffice(tmp_path)
    write_plan(tmp_path / "plans" / "x.yaml", plan_data())
    started = time.monotonic()
    child = kehoach("build", "--pdf", "--pdf-timeout", "2", "plans/x.yaml", env=env, cwd=tmp_path)
    _, err = child.communicate(timeout=60)
    elapsed = time.monotonic() - started
    assert child.returncode == 1
    assert "LibreOffice không trả lời sau 2 giây nên đã bị dừng" in err
    assert elapsed < 15
    soffice_pid, grandchild_pid = map(int, pids.read_text().split())
    assert not alive(soffice_pid) and not alive(grandchild_pid)  # the whole process group
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["x.docx"]  # no scratch folder left


def test_ctrl_c_during_pdf_stops_libreoffice_cleans_up_and_exits_130(tmp_path: Path):
    env, pids = fake_soffice(tmp_path)
    write_plan(tmp_path / "plans" / "x.yaml", plan_data())
    child = kehoach("build", "--pdf", "plans/x.yaml", env=env, cwd=tmp_path)
    wait_for(pids)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 130
    assert err.endswith("Đã dừng theo yêu cầu.\n") and "Traceback" not in err
    soffice_pid, grandchild_pid = map(int, pids.read_text().split())
    assert not alive(soffice_pid) and not alive(grandchild_pid)
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["x.docx"]


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.5])
def test_ctrl_c_in_the_first_half_second_never_shows_a_traceback(tmp_path: Path, delay: float):
    write_plan(tmp_path / "plans" / "x.yaml", plan_data())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = kehoach("build", "plans/x.yaml", env=env, cwd=tmp_path)
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    assert "Traceback" not in err
    # Stopped (130, or the default SIGINT death before Python set its handler) or already done (0).
    assert child.returncode in (0, 130, -signal.SIGINT), err


@pytest.mark.parametrize(
    "args",
    [["new", "PLAN", "--year", "2025", "--dry-run"], ["check", "--json", "DOCX"], ["schema"]],
    ids=["new --dry-run", "check --json", "schema"],
)
def test_a_reader_that_closes_the_pipe_early_gets_a_quiet_exit(tmp_path: Path, args: list[str]):
    """``kehoach … | head -c 20``: no traceback, no internal error (exit 3)."""
    plan = write_plan(tmp_path / "2024-x.yaml", plan_data())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if "DOCX" in args:
        subprocess.run([sys.executable, "-m", "generator", "build", str(plan), "--out", "b"], env=env, cwd=tmp_path)
    argv = [{"PLAN": str(plan), "DOCX": "b/2024-x.docx"}.get(a, a) for a in args]
    child = subprocess.Popen(
        [sys.executable, "-m", "generator", *argv],
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(20)
    child.stdout.close()  # as `head -c 20` does
    err = child.stderr.read().decode()
    child.wait(timeout=60)
    assert "Traceback" not in err and "Lỗi nội bộ" not in err
    assert child.returncode in (0, 1)
