"""``kehoach new``: what moves, what stays, what is flagged; the file edited, never rewritten."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.check.lint import lint_plan
from generator.cli import main
from generator.commands.pipeline import build_plan
from generator.common.errors import GeneratorError, PlanError
from generator.nextyear.rollover import default_output, next_year, write
from generator.nextyear.yearshift import GROUP_NO_SUCH_DATE, GROUP_OPENING, GROUP_PASSED, GROUP_UNKNOWN, shift_text
from generator.plan.validate import load_plan, load_plan_text
from tests.support import FIXTURES, PLANS

CORPUS: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "nextyear_corpus.yaml").read_text(encoding="utf-8"))
GROUPS = {
    "opening": GROUP_OPENING,
    "passed": GROUP_PASSED,
    "no-such-date": GROUP_NO_SUCH_DATE,
    "unknown": GROUP_UNKNOWN,
}


@pytest.mark.parametrize("case", CORPUS, ids=[c["text"][:40] for c in CORPUS])
@pytest.mark.parametrize("jump", [1, 3])
def test_corpus_sentence_moves_stays_and_flags_as_expected(case: dict[str, Any], jump: int):
    out, _, flags = shift_text(case["text"], case["year"], case["year"] + jump, opening=case.get("opening", False))
    assert out == case[f"plus{jump}"]
    assert sorted(f.group for f in flags) == sorted(GROUPS[g] for g in case.get(f"flags{jump}", []))


def test_the_corpus_has_cases_that_move_and_stay_for_every_class():
    moved = [c for c in CORPUS if c["plus1"] != c["text"]]
    kept = [c for c in CORPUS if c["plus1"] == c["text"]]
    texts = " ".join(c["text"] for c in moved)
    forms = (
        "năm 2024", "năm 2022", "Kế hoạch cải cách hành chính năm 2025", "15/10/2024", "trước ngày 31/12/2024",
        "Quý I/2021", "Quý II, III/2021", "Tháng 12/2021", "tháng 01/2024", "6 tháng đầu năm 2024",
    )  # fmt: skip
    for form in forms:
        assert form in texts, form
    stays = " ".join(c["text"] for c in kept)
    for form in ("Nghị định số 90/2020/NĐ-CP ngày 13/8/2020", "Quyết định số 468/QĐ-TTg ngày 27/3/2021",
                 "giai đoạn 2021-2030", "giai đoạn 2022-2025", "ISO 9001:2015", "100%"):  # fmt: skip
        assert form in stays, form
    assert {g for c in CORPUS for g in c.get("flags3", [])} == set(GROUPS)
    assert sum(len(c.get("flags3", [])) for c in CORPUS) > sum(len(c.get("flags1", [])) for c in CORPUS)


def copy_plan(name: str, folder: Path) -> Path:
    target = folder / f"{name}.yaml"
    shutil.copy(PLANS / f"{name}.yaml", target)
    return target


@pytest.mark.parametrize("name", sorted(p.stem for p in PLANS.glob("*.yaml")))
@pytest.mark.parametrize("jump", [1, 3])
def test_round_trip_builds_and_differs_only_where_the_report_says(name: str, jump: int, tmp_path: Path):
    source = copy_plan(name, tmp_path)
    before = source.read_bytes()
    old = load_plan(source).plan.year
    result = next_year(source, old + jump)
    assert main(["new", str(source), "--year", str(old + jump)]) == 0
    assert source.read_bytes() == before  # the source is never modified
    new_text = result.output.read_text(encoding="utf-8")
    assert new_text == result.text
    build_plan(result.output, tmp_path / "build")  # the new plan builds

    reported = {line.line for line in result.changes} | {line.line for line in result.flags}
    old_lines, new_lines = before.decode("utf-8").splitlines(), new_text.splitlines()
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        assert op in ("replace", "insert"), (op, old_lines[a1:a2])  # nothing is ever deleted
        for number in range(b1 + 1, b2 + 1):
            assert number in reported, (number, new_lines[number - 1])
        if op == "insert":
            assert all(line.lstrip().startswith("# XEM LẠI:") for line in new_lines[b1:b2])

    loaded = load_plan(result.output)
    assert loaded.plan.year == old + jump and loaded.plan.number is None
    assert loaded.plan.date.day is None and loaded.plan.date.month is None
    markers = [w for w in lint_plan(loaded) if "XEM LẠI" in w.message]
    assert len(markers) == len({line.line for line in result.flags})


def test_comments_and_key_order_survive(tmp_path: Path):
    source = copy_plan("2021-thanh-hoa", tmp_path)
    result = next_year(source, 2022)
    comments = [line for line in source.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#")]
    new_comments = [line for line in result.text.splitlines() if line.lstrip().startswith("#")]
    assert new_comments == comments  # no full-line review comment needed in this plan
    old_keys = list(yaml.safe_load(source.read_text(encoding="utf-8")))
    assert list(yaml.safe_load(result.text)) == old_keys


def test_a_second_new_without_force_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    source = copy_plan("2024-hoa-binh", tmp_path)
    assert main(["new", str(source), "--year", "2025"]) == 0
    output, report = tmp_path / "2025-hoa-binh.yaml", tmp_path / "build" / "bao-cao" / "2025-hoa-binh.md"
    output.write_text(output.read_text(encoding="utf-8") + "# tác giả đã sửa\n", encoding="utf-8")
    saved = (output.read_bytes(), report.read_bytes(), output.stat().st_mtime_ns)
    capsys.readouterr()
    assert main(["new", str(source), "--year", "2025"]) == 1
    assert "2025-hoa-binh.yaml đã có. Không ghi đè" in capsys.readouterr().err
    assert (output.read_bytes(), report.read_bytes(), output.stat().st_mtime_ns) == saved
    assert main(["new", str(source), "--year", "2025", "--force"]) == 0
    assert "# tác giả đã sửa" not in output.read_text(encoding="utf-8")


def test_dry_run_prints_the_report_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    source = copy_plan("2024-hoa-binh", tmp_path)
    assert main(["new", str(source), "--year", "2025", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Đã thay đổi 12 chỗ:" in out and "Cần xem lại 1 chỗ" in out
    assert "dòng 220, parts[2].sections[0].text: “15/10/2024” → “15/10/2025”" in out
    assert out.rstrip().endswith("Chạy thử (--dry-run): chưa ghi tệp nào.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-hoa-binh.yaml"]


def test_the_markdown_report_is_kept_beside_the_build_not_among_the_plans(tmp_path: Path):
    (tmp_path / "plans").mkdir()
    source = copy_plan("2023-ba-ria-vung-tau", tmp_path / "plans")
    assert main(["new", str(source), "--year", "2026"]) == 0
    plans = sorted(p.name for p in (tmp_path / "plans").iterdir())
    assert plans == ["2023-ba-ria-vung-tau.yaml", "2026-ba-ria-vung-tau.yaml"]
    report = (tmp_path / "build" / "bao-cao" / "2026-ba-ria-vung-tau.md").read_text(encoding="utf-8")
    assert report.startswith("# Kế hoạch năm 2026: những gì kehoach new đã làm")
    assert "| 20 | `year` | 2023 → 2026 |" in report
    assert "mốc “đến năm 2025” đã qua so với năm 2026." in report


def clean_plan_with(folder: Path, name: str, old: str, new: str) -> Path:
    """The lint fixture without warnings, with one line changed, saved as ``name``."""
    text = (FIXTURES / "lint_plans" / "clean.yaml").read_text(encoding="utf-8")
    assert old in text
    source = folder / name
    source.write_text(text.replace(old, new), encoding="utf-8")
    return source


def test_number_is_blanked_and_status_cleared(tmp_path: Path):
    row_deadline = "            deadline: Quý II/2024"
    source = clean_plan_with(
        tmp_path, "ke-hoach-2024.yaml", row_deadline, row_deadline + "\n            status: Đã xong"
    )
    result = next_year(source, 2025)
    assert result.output.name == "ke-hoach-2025.yaml"
    assert "\nnumber:\n" in result.text  # emptied: no trailing space left behind
    assert "\n            status:\n" in result.text
    plan = load_plan_text(result.text).plan
    assert plan.number is None and plan.appendices[0].groups[0].rows[0].status is None
    assert plan.appendices[0].groups[0].rows[0].deadline == "Quý II/2025"


def test_quoted_text_with_escapes_is_flagged_for_manual_change(tmp_path: Path):
    item = "          - Thực hiện tự chủ tài chính."
    source = clean_plan_with(tmp_path, "2024.yaml", item, '          - "Thực hiện tự chủ tài chính năm \\u0032024."')
    result = next_year(source, 2025)
    assert any("ký tự thoát" in flag.text for flag in result.flags)
    assert '"Thực hiện tự chủ tài chính năm \\u0032024."  # XEM LẠI:' in result.text


@pytest.mark.parametrize(
    ("year", "message"),
    [(2024, "năm mới (2024) phải sau năm của kế hoạch nguồn (2024)."), (2023, "năm mới (2023) phải sau")],
)
def test_the_new_year_must_come_after(tmp_path: Path, year: int, message: str):
    with pytest.raises(GeneratorError, match=message.replace("(", r"\(").replace(")", r"\)")):
        next_year(copy_plan("2024-hoa-binh", tmp_path), year)


def test_the_output_cannot_be_the_source_and_a_broken_source_is_reported(tmp_path: Path):
    source = copy_plan("2024-hoa-binh", tmp_path)
    with pytest.raises(GeneratorError, match="không được trùng tệp nguồn"):
        next_year(source, 2025, source)
    broken = tmp_path / "2024-hong.yaml"
    broken.write_text("schema: 1\ntitle: [\n", encoding="utf-8")
    with pytest.raises(PlanError):
        next_year(broken, 2025)


def test_default_output_names():
    assert default_output(Path("plans/2024-hoa-binh.yaml"), 2024, 2025) == Path("plans/2025-hoa-binh.yaml")
    assert default_output(Path("plans/ke-hoach.yaml"), 2024, 2025) == Path("plans/ke-hoach-2025.yaml")


def test_an_aligned_comment_after_a_changed_value_keeps_its_column(tmp_path: Path):
    text = (FIXTURES / "lint_plans" / "clean.yaml").read_text(encoding="utf-8")
    number_line = next(line for line in text.splitlines() if line.startswith("number:"))
    date_line = next(line for line in text.splitlines() if line.startswith("date:"))
    text = text.replace(number_line, number_line.ljust(24) + "# số văn bản").replace(
        date_line, date_line.ljust(24) + "# ngày ban hành"
    )
    source = tmp_path / "2024-x.yaml"
    source.write_text(text, encoding="utf-8")
    result = next_year(source, 2025)
    lines = result.text.splitlines()
    assert next(line for line in lines if line.startswith("number:")) == "number:".ljust(24) + "# số văn bản"
    assert next(line for line in lines if line.startswith("date:")).index("#") == 24


@pytest.mark.parametrize("bom", [False, True], ids=["no BOM", "BOM"])
@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_line_ends_and_bom_are_kept_byte_for_byte_and_lines_reported_right(tmp_path: Path, newline: str, bom: bool):
    """A file saved by Notepad (CRLF, maybe a BOM) or an old Mac (CR): only the years differ."""
    plain = (PLANS / "2024-hoa-binh.yaml").read_text(encoding="utf-8")
    source = tmp_path / "2024-hoa-binh.yaml"
    source.write_bytes((b"\xef\xbb\xbf" if bom else b"") + plain.replace("\n", newline).encode("utf-8"))
    expected = next_year(PLANS / "2024-hoa-binh.yaml", 2025)  # the same plan with LF line ends
    result = next_year(source, 2025)
    write(result, force=False)
    written = result.output.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") == bom
    body = written.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    assert "\n" not in body.replace("\r\n", "") if newline == "\r\n" else "\n" not in body
    assert body.replace(newline, "\n") == expected.text  # the same edits, nothing else
    assert [(c.line, c.key_path) for c in result.changes] == [(c.line, c.key_path) for c in expected.changes]
    assert [(f.line, f.key_path) for f in result.flags] == [(f.line, f.key_path) for f in expected.flags]
    flagged = body.split(newline)[result.flags[0].line - 1]
    assert "# XEM LẠI" in flagged
