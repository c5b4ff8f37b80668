"""A build killed while writing never damages the previous document."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import yaml

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


def test_builds_killed_at_random_moments_leave_one_whole_document(tmp_path: Path):
    """Two plans with the same name write the same output in turn; whenever a build is killed,
    the output is one of the two complete documents, never a mixture or a broken file."""
    rows = [{"task": f"Nhiệm vụ {i}", "lead": "Văn phòng Sở", "deadline": "Quý II/2024"} for i in range(1500)]
    appendix = [{"title": "Nhiệm vụ", "groups": [{"area": "procedures", "rows": rows}]}]
    parts = [{"heading": "Nội dung", "items": ["Ý.", {"appendix_ref": None}]}]
    plans = []
    for title in ("Bản A", "Bản B"):
        folder = tmp_path / title.replace(" ", "")
        plans.append(write_plan(folder / "ke-hoach.yaml", plan_data(title=title, parts=parts, appendices=appendix)))
    out_dir = tmp_path / "build"
    build_plan(plans[0], out_dir)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    chooser = random.Random(20241122)
    for attempt in range(6):
        plan = plans[attempt % 2]
        command = [sys.executable, "-m", "generator", "build", str(plan), "--out", str(out_dir)]
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chooser.uniform(0.3, 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert title_of(out_dir / "ke-hoach.docx") in ("Kế hoạch Bản A", "Kế hoạch Bản B")
    assert yaml.safe_load((plans[0]).read_text(encoding="utf-8"))["title"] == "Bản A"
