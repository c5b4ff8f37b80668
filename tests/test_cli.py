"""The command line: Vietnamese output, exit codes, and no traceback for anything a user does."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import generator.commands.pipeline
from generator.cli import main
from tests.support import FIXTURES, ROOT, plan_data, read_only, write_plan


def test_build_writes_every_plan_of_plans_by_default(capsys: pytest.CaptureFixture[str]):
    write_plan(Path("plans/2024-a.yaml"), plan_data())
    write_plan(Path("plans/2024-b.yaml"), plan_data())
    assert main(["build"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(" (")[0] for line in out] == ["Đã tạo build/2024-a.docx", "Đã tạo build/2024-b.docx"]
    assert all(line.endswith(" giây)") and "," in line for line in out)  # Vietnamese decimal comma


def test_build_names_the_failing_plan_and_exits_1(capsys: pytest.CaptureFixture[str]):
    write_plan(Path("plans/2024-a.yaml"), plan_data())
    write_plan(Path("plans/2024-b.yaml"), plan_data(year="2O24"))
    assert main(["build", "--out", "ra"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("Đã tạo ra/2024-a.docx")
    warnings = [line for line in captured.err.splitlines() if line.startswith("  ")]  # 2024-a's, shown below
    assert len(warnings) == 5 and warnings[0].endswith("cảnh báo cần xem lại (tệp vẫn được tạo):")
    assert [line for line in captured.err.splitlines() if not line.startswith("  ")] == [
        "plans/2024-b.yaml:10:7: year: năm phải là một số, ví dụ 2025; “2O24” không phải là số "
        "(có chữ O hoặc chữ l gõ nhầm thay cho số 0 hoặc số 1?).",
        "Chưa tạo được tệp cho plans/2024-b.yaml (1 lỗi); tệp cũ, nếu có, vẫn giữ nguyên.",
        "Có 1/2 kế hoạch lỗi: plans/2024-b.yaml.",
    ]


def test_build_shows_the_first_warnings_and_points_to_check_for_the_rest(capsys: pytest.CaptureFixture[str]):
    """A plan with warnings is built, and the author is told: the count, three of them, where the rest are."""
    plan = Path("plans/2025-x.yaml")
    plan.parent.mkdir()
    clean = (FIXTURES / "lint_plans" / "clean.yaml").read_text(encoding="utf-8")  # 62 lines, no warning
    plan.write_text(clean + "# XEM LẠI: một\n# XEM LẠI: hai\n", encoding="utf-8")
    assert main(["build", "plans/2025-x.yaml"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Đã tạo build/2025-x.docx")
    err = captured.err.splitlines()
    assert err[0] == "  2 cảnh báo cần xem lại (tệp vẫn được tạo):"
    places = [line.split(": cảnh báo [")[0] for line in err[1:3]]
    assert places == ["  plans/2025-x.yaml:63:1", "  plans/2025-x.yaml:64:1"]
    assert err[3] == "  Xem cách sửa: kehoach check plans/2025-x.yaml"


def test_build_changed_skips_what_is_up_to_date(capsys: pytest.CaptureFixture[str]):
    write_plan(Path("plans/x.yaml"), plan_data())
    assert main(["build", "--changed"]) == 0
    capsys.readouterr()
    assert main(["build", "--changed"]) == 0
    assert capsys.readouterr().out == "Không đổi: build/x.docx\n"


def test_build_without_plans_says_so(capsys: pytest.CaptureFixture[str]):
    assert main(["build"]) == 1
    assert capsys.readouterr().err == "Không có kế hoạch nào: thư mục plans/ chưa có tệp .yaml.\n"


def test_check_reports_valid_and_invalid_plans(capsys: pytest.CaptureFixture[str]):
    good = Path("good.yaml")
    good.write_text((FIXTURES / "lint_plans" / "clean.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = write_plan(Path("bad.yaml"), plan_data(date="30/02/2024"))
    assert main(["check", str(good), str(bad)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "good.yaml: hợp lệ.\n"
    assert captured.err == (
        "bad.yaml:9:7: date: ngày 30/02/2024 không tồn tại: tháng 2 năm 2024 chỉ có 29 ngày.\nbad.yaml: 1 lỗi.\n"
    )
    assert not Path("build").exists()  # check writes nothing


def test_a_symbolic_link_that_points_to_itself_is_explained(capsys: pytest.CaptureFixture[str]):
    write_plan(Path("plans/x.yaml"), plan_data())
    for name in ("vong.yaml", "vong.docx", "ra"):
        Path(name).symlink_to(name)  # Python 3.11 and 3.12 raise RuntimeError when resolving these
    assert main(["check", "vong.yaml", "vong.docx"]) == 1
    assert main(["build", "plans/x.yaml", "--out", "ra"]) == 1
    assert main(["new", "plans/x.yaml", "--year", "2025", "--out", "vong.yaml", "--dry-run"]) == 0
    err = capsys.readouterr().err.splitlines()
    loop = "đường dẫn có liên kết (symlink) trỏ vòng về chính nó"
    assert err[0] == f"vong.yaml: {loop}. Hãy mở đúng tệp gốc."
    assert err[2] == f"vong.docx: {loop}. Hãy mở đúng tệp gốc."
    assert err[3] == f"không ghi được vào ra: {loop}."
    assert not any("nội bộ" in line for line in err)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], "kehoach: lỗi: thiếu tham số bắt buộc: LỆNH"),
        (
            ["buid"],
            "kehoach: lỗi: tham số LỆNH: lựa chọn 'buid' không có "
            "(chọn một trong: 'build', 'check', 'new', 'import', 'diff', 'preview', 'schema'",
        ),
        (["check"], "kehoach check: lỗi: thiếu tham số bắt buộc: TỆP"),
        (["build", "--bogus"], "kehoach: lỗi: không hiểu tham số: --bogus"),
    ],
)
def test_usage_errors_are_vietnamese_and_exit_2(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Cách dùng: kehoach")
    assert expected in err


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]):
    assert main(["build", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Cách dùng: kehoach build")
    assert "tham số:" in out and "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out


def test_a_bug_is_reported_in_vietnamese_with_the_details_in_a_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    def broken(*args: object, **kwargs: object) -> None:
        message = "boom"
        raise RuntimeError(message)

    monkeypatch.setattr(generator.commands.pipeline, "build_many", broken)
    write_plan(Path("plans/x.yaml"), plan_data())
    assert main(["build"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("Lỗi nội bộ của kehoach (không phải lỗi trong kế hoạch của bạn).")
    assert "Traceback" not in err
    log = Path(err.split("ghi vào ")[1].split(";")[0])
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")
    log.unlink()


def test_ctrl_c_stops_quietly(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(generator.commands.pipeline, "build_many", interrupted)
    write_plan(Path("plans/x.yaml"), plan_data())
    assert main(["build"]) == 130
    assert capsys.readouterr().err == "Đã dừng theo yêu cầu.\n"


def test_python_dash_m_and_the_console_script_run_the_same_command(tmp_path: Path):
    plan = FIXTURES / "lint_plans" / "clean.yaml"
    module = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(plan)], capture_output=True, text=True, check=False
    )
    script = Path(sys.executable).parent / "kehoach"
    console = subprocess.run([str(script), "check", str(plan)], capture_output=True, text=True, check=False)
    assert module.returncode == console.returncode == 0
    assert module.stdout == console.stdout and module.stdout.endswith("hợp lệ.\n")


def test_the_committed_schema_is_what_the_tool_exports(capsys: pytest.CaptureFixture[str]):
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == (ROOT / "schema" / "kehoach-plan-1.schema.json").read_text(encoding="utf-8")


# --- hostile input: every attack ends in a message ----------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["schema", "--out", "/dev/null"], ["new", "PLAN", "--year", "2025", "--out", "/dev/full", "--force"]],
    ids=["schema --out /dev/null", "new --out /dev/full --force"],
)
def test_a_device_given_as_output_is_refused_and_stays_a_device(argv: list[str], capsys: pytest.CaptureFixture[str]):
    plan = write_plan(Path("plans/2024-x.yaml"), plan_data())
    target = Path(argv[argv.index("--out") + 1])
    before = target.stat()
    assert main([str(plan) if a == "PLAN" else a for a in argv]) == 1
    assert "đó không phải là một tệp thường" in capsys.readouterr().err
    after = target.stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_new_with_a_year_outside_the_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]):
    plan = write_plan(Path("plans/2024-x.yaml"), plan_data())
    assert main(["new", str(plan), "--year", "2101", "--dry-run"]) == 2
    assert capsys.readouterr().err.endswith(
        "kehoach new: lỗi: tham số --year: “2101” không phải là năm hợp lệ (từ 2000 đến 2100), ví dụ 2026\n"
    )


FIXTURES_CLEAN = yaml.safe_load((FIXTURES / "lint_plans" / "clean.yaml").read_text(encoding="utf-8"))


def test_build_changed_pdf_into_a_read_only_folder_is_explained(capsys: pytest.CaptureFixture[str]):
    """The DOCX is up to date, so only the PDF's scratch folder meets the read-only disk."""
    write_plan(Path("plans/x.yaml"), FIXTURES_CLEAN)
    assert main(["build", "--out", "ra", "plans/x.yaml"]) == 0
    capsys.readouterr()
    with read_only(Path("ra")):
        assert main(["build", "--changed", "--pdf", "--out", "ra", "plans/x.yaml"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("không ghi được vào ra: không có quyền ghi (hoặc ổ đĩa chỉ đọc)"), err
    assert "Lỗi nội bộ" not in err


def test_a_five_thousand_digit_number_is_told_in_vietnamese(capsys: pytest.CaptureFixture[str]):
    plan = write_plan(Path("plans/x.yaml"), plan_data(number="N"))
    plan.write_text(plan.read_text(encoding="utf-8").replace("number: N", "number: " + "9" * 5000), encoding="utf-8")
    assert main(["check", str(plan)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "plans/x.yaml:8:9: number: số văn bản quá dài (5000 chữ số); hãy kiểm tra lại, ví dụ 05 hoặc 125."
    )


def test_the_version_is_the_package_version(capsys: pytest.CaptureFixture[str]):
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"kehoach {declared}\n"
