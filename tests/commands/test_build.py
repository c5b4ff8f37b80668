"""Building plans: outputs, failures that do not stop the others, only what changed, determinism."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx

from generator.commands.pipeline import build_many, build_plan, find_plans, is_up_to_date
from generator.render.provenance import TEMPLATE_PATH
from tests.support import FIXTURES, plan_data, write_plan


def xml_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )


def test_output_is_named_after_the_plan(tmp_path: Path):
    plan = write_plan(tmp_path / "plans" / "2025-hoa-binh.yaml", plan_data())
    assert build_plan(plan, tmp_path / "build") == (tmp_path / "build" / "2025-hoa-binh.docx").resolve()
    assert build_plan(plan, tmp_path / "build", draft=True).name == "2025-hoa-binh-du-thao.docx"


def test_builds_are_deterministic(tmp_path: Path):
    plan = write_plan(tmp_path / "plan.yaml", plan_data())
    first = xml_parts(build_plan(plan, tmp_path / "a"))
    second = xml_parts(build_plan(plan, tmp_path / "b"))
    assert first == second


def test_document_properties_describe_the_plan(tmp_path: Path):
    props = docx.Document(str(build_plan(write_plan(tmp_path / "p.yaml", plan_data()), tmp_path))).core_properties
    assert props.title == "Kế hoạch Cải cách hành chính năm 2024"
    assert props.author == "Sở Y tế tỉnh Hòa Bình"
    assert props.language == "vi-VN"
    assert (props.created.year, props.created.month, props.created.day) == (2024, 1, 5)


def test_a_failing_plan_does_not_stop_the_others(tmp_path: Path):
    good = write_plan(tmp_path / "a-good.yaml", plan_data())
    bad = write_plan(tmp_path / "b-bad.yaml", plan_data(title=None))
    also_good = write_plan(tmp_path / "c-good.yaml", plan_data())
    results = build_many([good, bad, also_good], tmp_path / "build")
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].problems[0].message.startswith("tệp thiếu khóa bắt buộc “title”")
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["a-good.docx", "c-good.docx"]


def test_only_changed_plans_are_rebuilt_decided_by_content_not_time(tmp_path: Path):
    plan = write_plan(tmp_path / "plan.yaml", plan_data())
    out = tmp_path / "build"
    (first,) = build_many([plan], out, only_changed=True)
    (second,) = build_many([plan], out, only_changed=True)
    assert not first.skipped and second.skipped
    later = (first.output or plan).stat().st_mtime_ns + 1_000_000_000
    os.utime(plan, ns=(later, later))  # saved again without a change
    (third,) = build_many([plan], out, only_changed=True)
    assert third.skipped
    # A copy restored from a backup: other content, but an older time than the document.
    write_plan(plan, plan_data(signer={"titles": ["GIÁM ĐỐC"], "name": "Trần Thị Bình"}))
    earlier = (first.output or plan).stat().st_mtime_ns - 10_000_000_000
    os.utime(plan, ns=(earlier, earlier))
    (fourth,) = build_many([plan], out, only_changed=True)
    assert not fourth.skipped
    assert "Trần Thị Bình" in docx_text(out / "plan.docx")


def test_a_changed_template_makes_the_output_stale_an_older_copy_of_it_does_not(tmp_path: Path):
    plan = write_plan(tmp_path / "plan.yaml", plan_data())
    template = tmp_path / "template.docx"
    template.write_bytes(TEMPLATE_PATH.read_bytes())
    out = build_plan(plan, tmp_path / "build", template=template)
    assert is_up_to_date(plan, out, template)
    later = out.stat().st_mtime_ns + 1_000_000_000
    os.utime(template, ns=(later, later))
    assert is_up_to_date(plan, out, template)
    template.write_bytes(TEMPLATE_PATH.read_bytes() + b"\0")  # other bytes
    assert not is_up_to_date(plan, out, template)
    assert not is_up_to_date(plan, out, TEMPLATE_PATH, draft=True)  # a draft is another document


def test_hidden_files_in_plans_are_never_plans(tmp_path: Path):
    folder = tmp_path / "plans"
    write_plan(folder / "2025-hoa-binh.yaml", plan_data())
    (folder / ".kehoach-tmp-abc123-99999-x.yaml").write_bytes(b"")  # left by a killed `new`
    (folder / "._2025-hoa-binh.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X")  # a copy from a Mac
    assert [p.name for p in find_plans(folder)] == ["2025-hoa-binh.yaml"]


def test_two_plans_with_one_name_from_two_folders_are_refused_not_overwritten(tmp_path: Path):
    first = write_plan(tmp_path / "a" / "plan.yaml", plan_data())
    second = write_plan(tmp_path / "b" / "plan.yaml", plan_data(title="Cải cách hành chính khác"))
    other = write_plan(tmp_path / "other.yaml", plan_data())
    results = build_many([first, second, other], tmp_path / "build")
    assert [r.ok for r in results] == [False, False, True]
    assert results[0].error == (
        "a/plan.yaml và b/plan.yaml cùng tên tệp nên sẽ ghi đè cùng một tệp kết quả; "
        "hãy đổi tên một tệp, hoặc tạo từng tệp vào thư mục khác bằng --out."
    )
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["other.docx"]


def test_a_failed_build_keeps_the_previous_document(tmp_path: Path):
    plan = write_plan(tmp_path / "plan.yaml", plan_data())
    out = build_plan(plan, tmp_path / "build")
    before = xml_parts(out)
    write_plan(plan, plan_data(year="2O25"))
    (result,) = build_many([plan], tmp_path / "build")
    assert not result.ok
    assert xml_parts(out) == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["plan.docx"]


def test_the_valid_fixture_builds(tmp_path: Path):
    assert build_plan(FIXTURES / "valid_minimal.yaml", tmp_path).exists()


def test_strict_checks_a_plan_even_when_its_document_is_up_to_date(tmp_path: Path):
    plan = tmp_path / "plan.yaml"
    plan.write_text((FIXTURES / "lint_plans" / "todo-left.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "build"
    (first,) = build_many([plan], out, only_changed=True)  # built without --strict: the warning is allowed
    assert first.ok and not first.skipped
    (second,) = build_many([plan], out, only_changed=True, strict=True)
    assert not second.ok
    assert [p.severity.value for p in second.problems] == ["cảnh báo"]
    assert "TODO" in second.problems[0].message
