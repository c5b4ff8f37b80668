"""Plan lint: one fixture plan per warning, each giving exactly its warning; --strict fails it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.check.lint import lint_plan
from generator.cli import main
from generator.nextyear.rollover import next_year
from generator.plan.validate import load_plan, load_plan_text
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
    assert len(err.splitlines()) == 1 and ": cảnh báo [" in err


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


def _with_rows(*leads: str, units: list[str] | None = None) -> str:
    text = (LINT / "clean.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    rows = data["appendices"][0]["groups"][0]["rows"]
    data["appendices"][0]["groups"][0]["rows"] = [
        {**rows[0], "task": f"Nhiệm vụ {i}", "lead": lead} for i, lead in enumerate(leads)
    ]
    if units is not None:
        data["units"] = units
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _unit_warnings(text: str, folder: Path) -> list[str]:
    plan = folder / "plans" / "2024-x.yaml"
    plan.parent.mkdir(exist_ok=True)
    plan.write_text(text, encoding="utf-8")
    return [p.message for p in lint_plan(load_plan(plan)) if "đơn vị “" in p.message]


def test_two_real_units_that_differ_by_a_word_are_not_a_typo(tmp_path: Path):
    """Every Sở Y tế has both; --strict refused to build because of this."""
    assert _unit_warnings(_with_rows("Phòng Nghiệp vụ Dược", "Văn phòng Sở", "Phòng Nghiệp vụ Y"), tmp_path) == []


def test_a_list_of_units_in_the_plan_catches_typos_against_it(tmp_path: Path):
    units = ["Văn phòng Sở", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Thanh tra Sở"]
    text = _with_rows(
        "Phòng Nghiệp vụ Duợc", "Phòng Nghiệp vụ Dược", "Thanh tra sở", "Trung tâm Y tế huyện", units=units
    )
    assert _unit_warnings(text, tmp_path) == [
        "đơn vị “Phòng Nghiệp vụ Duợc” không có trong danh sách đơn vị và gần giống “Phòng Nghiệp vụ Dược”: "
        "có thể gõ nhầm."
    ]


def test_a_shared_list_beside_the_plans_is_read(tmp_path: Path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "don-vi.txt").write_text(
        "# Các đơn vị của Sở Y tế\nVăn phòng Sở\nPhòng Nghiệp vụ Dược\nPhòng Nghiệp vụ Y  # hai phòng khác nhau\n",
        encoding="utf-8",
    )
    text = _with_rows("Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dươc")
    assert _unit_warnings(text, tmp_path) == [
        "đơn vị “Phòng Nghiệp vụ Dươc” không có trong danh sách đơn vị và gần giống “Phòng Nghiệp vụ Dược”: "
        "có thể gõ nhầm."
    ]


def test_a_long_task_is_quoted_up_to_a_word_and_an_ellipsis(tmp_path: Path):
    task = "Rà soát, đánh giá, đơn giản hóa thủ tục hành chính và quy định liên quan đến hoạt động kinh doanh"
    data = yaml.safe_load((LINT / "clean.yaml").read_text(encoding="utf-8"))
    data["appendices"][0]["groups"][0]["rows"] = [{"task": task}]
    plan = tmp_path / "plans" / "2024-x.yaml"
    plan.parent.mkdir()
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    messages = [p.message for p in lint_plan(load_plan(plan)) if p.message.startswith("nhiệm vụ")]
    # The first 60 characters end inside "định"; the cut goes back to the word before it.
    expected = "nhiệm vụ “Rà soát, đánh giá, đơn giản hóa thủ tục hành chính và quy…” chưa có chủ trì và thời hạn."
    assert messages == [expected]


def test_one_warning_is_waived_with_a_reason_and_listed(capsys: pytest.CaptureFixture[str]):
    """As linters' noqa: on the warning's line, with a reason; --strict honours it, check lists it."""
    text = (LINT / "unit-name-typo.yaml").read_text(encoding="utf-8")
    line = "            partners: Phòng TCCB"
    assert line in text
    waived = text.replace(line, line + "  # kehoach: bỏ qua don-vi - tên viết tắt Sở vẫn dùng trong văn bản")
    Path("plans").mkdir()
    Path("plans/x.yaml").write_text(waived, encoding="utf-8")
    assert main(["check", "--strict", "plans/x.yaml"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        "plans/x.yaml:61:23: đã bỏ qua [don-vi]: appendices[0].groups[0].rows[0].partners: đơn vị “Phòng TCCB” chỉ "
        "xuất hiện ở đây và gần giống “Phòng Tổ chức cán bộ”: có thể gõ nhầm. "
        "(lý do: tên viết tắt Sở vẫn dùng trong văn bản)\n"
        "plans/x.yaml: hợp lệ. (1 cảnh báo đã bỏ qua)\n"
    )
    without_reason = text.replace(line, line + "  # kehoach: bỏ qua don-vi")
    Path("plans/x.yaml").write_text(without_reason, encoding="utf-8")
    assert main(["check", "--strict", "plans/x.yaml"]) == 1
    err = capsys.readouterr().err
    assert "cảnh báo [don-vi]" in err  # not waived
    assert "cảnh báo [bo-qua]: “bỏ qua don-vi” cần ghi lý do" in err


def test_a_thematic_plan_is_not_asked_for_the_seven_areas(tmp_path: Path):
    data = yaml.safe_load((LINT / "clean.yaml").read_text(encoding="utf-8"))
    sections = data["parts"][0]["sections"]
    data["parts"][0]["sections"] = [s for s in sections if s.get("area") in (None, "procedures", "digital_government")]
    plan = tmp_path / "plans" / "2024-chi-so.yaml"
    plan.parent.mkdir()
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rules = [p.rule for p in lint_plan(load_plan(plan))]
    assert rules.count("linh-vuc") == 5  # five areas missing
    data["thematic"] = True
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert [p.rule for p in lint_plan(load_plan(plan))] == []


def test_a_task_over_several_lines_is_checked_line_by_line(tmp_path: Path):
    data = yaml.safe_load((LINT / "clean.yaml").read_text(encoding="utf-8"))
    lines = [{"product": "Kế hoạch", "deadline": "Quý I/2024"}, {"product": "Báo cáo", "deadline": "Quý IV/2023"}]
    data["appendices"][0]["groups"][0]["rows"] = [{"task": "Kiểm tra", "lead": "Văn phòng Sở", "lines": lines}]
    plan = tmp_path / "plans" / "2024-x.yaml"
    plan.parent.mkdir()
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    warnings = lint_plan(load_plan(plan))
    assert not [p for p in warnings if p.message.startswith("nhiệm vụ")]  # its deadlines are in the lines
    (stale,) = [p for p in warnings if p.rule == "thoi-han"]
    assert stale.key_path == "appendices[0].groups[0].rows[0].lines[1].deadline"


def test_an_area_made_of_points_is_not_empty(tmp_path: Path):
    data = yaml.safe_load((LINT / "clean.yaml").read_text(encoding="utf-8"))
    area = next(s for part in data["parts"] for s in part.get("sections", []) if s.get("kind") == "area")
    area.pop("items", None)
    area.pop("subsections", None)
    area.pop("text", None)
    area["points"] = [{"title": "Kiểm soát thủ tục hành chính", "items": ["Công khai thủ tục hành chính."]}]
    plan = tmp_path / "plans" / "2024-x.yaml"
    plan.parent.mkdir()
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert not [p for p in lint_plan(load_plan(plan)) if "chưa có nội dung" in p.message]
