"""Plan lint: one fixture plan per warning, each giving exactly its warning; --strict fails it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.check.lint import lint_plan
from generator.cli import main
from generator.nextyear.rollover import next_year
from generator.plan.validate import load_plan_text
from tests.support import FIXTURES, PLANS

LINT = FIXTURES / "lint_plans"
SCENARIOS = sorted(p.stem for p in LINT.glob("*.yaml") if p.stem != "clean")


def run_check(scenario: str, *options: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    Path("plans").mkdir(exist_ok=True)
    shutil.copy(LINT / f"{scenario}.yaml", f"plans/{scenario}.yaml")
    status = main(["check", *options, f"plans/{scenario}.yaml"])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_fixtures_cover_every_kind_of_warning_the_issue_lists():
    wanted = {
        "stray-year", "deadline-outside-plan-year", "deadline-before-issue-date", "review-marker-left",
        "todo-left", "placeholder-left", "duplicate-recipient", "archive-line-missing", "unit-name-typo",
        "area-left-empty", "row-without-lead-or-deadline", "decomposed-unicode", "pasted-from-tcvn3",
        "pasted-from-vni", "document-code-not-in-nd30",
    }  # fmt: skip
    assert wanted <= set(SCENARIOS)


def test_the_clean_base_has_no_warning(capsys: pytest.CaptureFixture[str]):
    assert run_check("clean", "--strict", capsys=capsys) == (0, "plans/clean.yaml: hợp lệ.\n", "")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_each_fixture_gives_exactly_its_warning(
    scenario: str, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
):
    status, out, err = run_check(scenario, capsys=capsys)
    expected = LINT / f"{scenario}.expected"
    if request.config.getoption("--update-expected"):
        expected.write_text(err, encoding="utf-8")
    assert status == 0
    assert out == f"plans/{scenario}.yaml: hợp lệ, 1 cảnh báo.\n"
    assert err == expected.read_text(encoding="utf-8")
    assert len(err.splitlines()) == 1 and ": cảnh báo: " in err


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_strict_makes_warnings_errors(scenario: str, capsys: pytest.CaptureFixture[str]):
    status, out, err = run_check(scenario, "--strict", capsys=capsys)
    assert status == 1 and out == ""
    assert err.endswith(f"plans/{scenario}.yaml: 1 cảnh báo (--strict: coi là lỗi).\n")


def test_the_real_plans_pass_the_strict_check(capsys: pytest.CaptureFixture[str]):
    plans = sorted(str(p) for p in PLANS.glob("*.yaml"))
    assert main(["check", "--strict", *plans]) == 0
    assert capsys.readouterr().err == ""


def test_a_new_plan_whose_review_markers_were_deleted_unfixed_still_warns(tmp_path: Path):
    """The safety net is in the text, not only in the # XEM LẠI comments ``new`` writes."""
    result = next_year(PLANS / "2024-hoa-binh.yaml", 2026)
    assert result.flags  # new flagged the opening and the passed period…
    unfixed = re.sub(r"\s*# XEM LẠI:[^\n]*", "", result.text)  # …and the author deleted the comments only
    assert "XEM LẠI" not in unfixed
    warnings = [p.message for p in lint_plan(load_plan_text(unfixed, "plans/2026-hoa-binh.yaml"))]
    assert any(m.startswith("đoạn mở đầu dẫn “244/KH-UBND ngày 25/12/2023”") for m in warnings), warnings
    assert any(m.startswith("giai đoạn “2022-2025” đã kết thúc trước năm kế hoạch 2026") for m in warnings), warnings
