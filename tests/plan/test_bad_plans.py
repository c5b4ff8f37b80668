"""The corpus of broken plans: each gives exactly the Vietnamese message a user should see.

Every ``tests/fixtures/bad_plans/<scenario>.yaml`` is checked through the real command line,
from a folder where it sits as ``plans/<scenario>.yaml``; its standard error must equal
``<scenario>.expected`` and the exit status must be 1. To review a change of wording, run
``pytest tests/plan/test_bad_plans.py --update-expected`` and read the diff.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from tests.support import FIXTURES, ROOT, plan_data

BAD = FIXTURES / "bad_plans"
SCENARIOS = sorted(p.stem for p in BAD.glob("*.yaml"))


def test_the_corpus_covers_the_issue_list():
    wanted = {
        "syntax-tab-indent", "syntax-colon-end-of-line", "syntax-unclosed-quote", "duplicate-key",
        "string-instead-of-list", "number-with-letters", "date-does-not-exist", "year-with-letter-o",
        "unknown-key-typo", "missing-required-keys", "empty-file", "saved-as-windows-1258",
        "saved-as-utf16", "alias-bomb",
    }  # fmt: skip
    assert wanted <= set(SCENARIOS)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_bad_plan_gives_the_expected_message(
    scenario: str, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
):
    plans = Path("plans")
    plans.mkdir()
    shutil.copy(BAD / f"{scenario}.yaml", plans / f"{scenario}.yaml")
    started = time.perf_counter()
    status = main(["check", f"plans/{scenario}.yaml"])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    expected_file = BAD / f"{scenario}.expected"
    if request.config.getoption("--update-expected"):
        # Snapshots are reviewed as text a person expects; CI never writes them.
        assert not os.environ.get("CI"), "--update-expected is refused under CI"
        expected_file.write_text(err, encoding="utf-8")
    assert status == 1
    assert out == ""
    assert "Traceback" not in err
    assert err == expected_file.read_text(encoding="utf-8")
    assert elapsed < 1.0, f"{scenario} took {elapsed:.2f} s"


def test_a_50_mb_file_is_refused_quickly_with_bounded_memory(tmp_path: Path):
    """Measured in a child process: its peak memory and run time, through the real command."""
    plans = tmp_path / "plans"
    plans.mkdir()
    with (plans / "huge.yaml").open("wb") as handle:
        handle.write(b"schema: 1\ntitle: " + b"x" * 1024 + b"\n")
        handle.truncate(50 * 1024 * 1024)
    # Peak memory from /proc's VmHWM: ru_maxrss can carry the forking parent's size across exec.
    probe = (
        "import re, sys, time; from pathlib import Path; from generator.cli import main; t = time.perf_counter(); "
        "code = main(['check', 'plans/huge.yaml']); "
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1); "
        "print(round(time.perf_counter() - t, 3), hwm, code)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    seconds, peak_kb, code = done.stdout.split()
    assert code == "1"
    assert float(seconds) < 1.0
    assert int(peak_kb) < 200 * 1024  # the file is never read into memory
    assert done.stderr == (
        "plans/huge.yaml:1:1: tệp quá lớn (50,0 MB); một kế hoạch, kể cả phụ lục hàng nghìn dòng, "
        "chỉ khoảng 1 MB (giới hạn 4,0 MB). Hãy kiểm tra đúng tệp chưa.\nplans/huge.yaml: 1 lỗi.\n"
    )


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return "k" + out


# Each a plan that fits in the 4 MB limit, written as compactly as YAML allows.
HUGE = {
    "items-300k": ({"parts": None}, "parts:\n- heading: N\n  items: [" + ", ".join(["a"] * 300_000) + "]\n"),
    "rows-200k": ({}, "appendices:\n- title: P\n  groups:\n  - title: G\n    rows: ["
                  + ", ".join(["{task: a}"] * 200_000) + "]\n"),
    "keys-470k": ({}, "".join(f"{_base36(i)}:\n" for i in range(470_000))),
    "items-30k": ({"parts": None}, "parts:\n- heading: N\n  items: [" + ", ".join(["a"] * 30_000) + "]\n"),
    "keys-60k": ({}, "".join(f"{_base36(i)}:\n" for i in range(60_000))),
}  # fmt: skip


@pytest.mark.parametrize(
    ("scenario", "said"),
    [
        ("items-300k", "kế hoạch có hơn 150.000 khóa và giá trị"),
        ("rows-200k", "kế hoạch có hơn 150.000 khóa và giá trị"),
        ("keys-470k", "kế hoạch có hơn 150.000 khóa và giá trị"),
        ("items-30k", "kế hoạch có 30.000 ý, quá giới hạn 20.000"),
        ("keys-60k", "còn 59.980 lỗi cùng loại với lỗi trên ở phần sau của tệp"),
    ],
)
def test_a_plan_too_large_to_be_real_is_refused_quickly_with_a_short_message(tmp_path: Path, scenario: str, said: str):
    """The 4 MB limit alone did not bound the cost: 300,000 items took 108 s and 1 GB, 470,000
    unknown keys printed 164 MB of messages. Measured in a child process, through the real command."""
    changes, tail = HUGE[scenario]
    text = yaml.safe_dump(plan_data(**changes), allow_unicode=True) + tail
    assert len(text.encode()) <= 4 * 1024 * 1024
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "lon.yaml").write_text(text, encoding="utf-8")
    probe = (
        "import time; from generator.cli import main; t = time.perf_counter(); "
        "code = main(['check', 'plans/lon.yaml']); print(round(time.perf_counter() - t, 3), code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    seconds, code = done.stdout.split()
    assert code == "1", done.stderr[-500:]
    assert float(seconds) <= 2.0, f"{scenario}: {seconds} s"
    assert said in done.stderr, done.stderr[-500:]
    assert len(done.stderr) < 10_000  # the first errors of a kind, then a count
