"""The corpus of broken plans: each gives exactly the Vietnamese message a user should see.

Every ``tests/fixtures/bad_plans/<scenario>.yaml`` is checked through the real command line,
from a folder where it sits as ``plans/<scenario>.yaml``; its standard error must equal
``<scenario>.expected`` and the exit status must be 1. To review a change of wording, run
``pytest tests/test_bad_plans.py --update-expected`` and read the diff.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from generator.cli import main

from .conftest import FIXTURES

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
        expected_file.write_text(err, encoding="utf-8")
    assert status == 1
    assert out == ""
    assert "Traceback" not in err
    assert err == expected_file.read_text(encoding="utf-8")
    assert elapsed < 1.0, f"{scenario} took {elapsed:.2f} s"
