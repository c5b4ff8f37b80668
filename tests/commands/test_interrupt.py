"""A build killed while writing never damages the previous document."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx

from generator.commands.pipeline import build_plan
from tests.support import ROOT, plan_data, write_plan

# Run a build in a child process that stops for good in the middle of writing its output:
# the new bytes are in the temporary file, the rename has not happened.
_STALLED_BUILD = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
def stall(fd):
    print("writing", flush=True)
    time.sleep(120)
os.fsync = stall
from generator.commands.pipeline import build_plan
build_plan(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def title_of(path: Path) -> str:
    return str(docx.Document(str(path)).core_properties.title)


def test_sigkill_while_writing_leaves_the_old_document_untouched(tmp_path: Path):
    out_dir = tmp_path / "build"
    plan = write_plan(tmp_path / "ke-hoach.yaml", plan_data(title="Bản cũ"))
    out = build_plan(plan, out_dir)
    before = out.read_bytes()

    write_plan(plan, plan_data(title="Bản mới"))
    script = _STALLED_BUILD.format(root=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", script, str(plan), str(out_dir)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline() == "writing\n"
    leftovers = list(out_dir.glob(".kehoach-tmp-*"))
    assert len(leftovers) == 1 and leftovers[0].stat().st_size > 0  # the new bytes were being written
    child.send_signal(signal.SIGKILL)
    child.wait()

    assert out.read_bytes() == before
    assert title_of(out) == "Kế hoạch Bản cũ"
    # The next build finishes the job and removes what the killed one left behind.
    build_plan(plan, out_dir)
    assert title_of(out) == "Kế hoạch Bản mới"


# A build whose write is slow enough to be caught in the middle: the bytes are in the temporary
# file for a while before the rename, as on a slow network share.
_SLOW_WRITE = """
import os, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
real_fsync = os.fsync
def slow(fd):
    time.sleep(0.6)
    real_fsync(fd)
os.fsync = slow
from generator.commands.pipeline import build_plan
build_plan(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_builds_killed_at_random_moments_leave_one_whole_document(tmp_path: Path):
    """Two plans with the same name write the same output in turn; whenever a build is killed,
    the output is one of the two complete documents, never a mixture or a broken file. Kills
    are counted by where they landed: at least some must land while the file is being written."""
    parts = [{"heading": "Nội dung", "items": [f"Ý thứ {i}." for i in range(200)]}]
    plans = []
    for title in ("Bản A", "Bản B"):
        folder = tmp_path / title.replace(" ", "")
        plans.append(write_plan(folder / "ke-hoach.yaml", plan_data(title=title, parts=parts)))
    out_dir = tmp_path / "build"
    target = out_dir / "ke-hoach.docx"
    build_plan(plans[0], out_dir)
    script = _SLOW_WRITE.format(root=str(ROOT))
    chooser = random.Random(20241122)
    landed_mid_write = 0
    for attempt in range(10):
        child = subprocess.Popen([sys.executable, "-c", script, str(plans[attempt % 2]), str(out_dir)])
        time.sleep(chooser.uniform(0.2, 2.0))
        writing = any(out_dir.glob(".kehoach-tmp-*"))  # the new bytes are on disk, not yet renamed
        child.send_signal(signal.SIGKILL)
        child.wait()
        landed_mid_write += writing
        assert title_of(target) in ("Kế hoạch Bản A", "Kế hoạch Bản B")
        with zipfile.ZipFile(target) as archive:
            assert archive.testzip() is None
    assert landed_mid_write >= 3, f"only {landed_mid_write} of 10 kills landed while writing"
    if writing:  # the last kill landed mid-write: its leftover stays until the next build sweeps it
        assert any(out_dir.glob(".kehoach-tmp-*"))
    build_plan(plans[1], out_dir)
    assert title_of(target) == "Kế hoạch Bản B"
    assert sorted(p.name for p in out_dir.iterdir()) == ["ke-hoach.docx"]  # swept: its writer is dead
