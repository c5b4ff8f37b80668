"""Building plans: outputs, failures that do not stop the others, only what changed, determinism."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx

from generator.commands.pipeline import build_many, build_plan, is_up_to_date
from generator.render.template_builder import TEMPLATE_PATH
from tests.support import FIXTURES, plan_data, write_plan


def xml_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


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
    assert results[1].problems[0].message.startswith("thiếu khóa bắt buộc “title”")
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["a-good.docx", "c-good.docx"]


def test_only_changed_plans_are_rebuilt(tmp_path: Path):
    plan = write_plan(tmp_path / "plan.yaml", plan_data())
    out = tmp_path / "build"
    (first,) = build_many([plan], out, only_changed=True)
    (second,) = build_many([plan], out, only_changed=True)
    assert not first.skipped and second.skipped
    later = (first.output or plan).stat().st_mtime_ns + 1_000_000_000
    os.utime(plan, ns=(later, later))  # the author saved the plan again
    (third,) = build_many([plan], out, only_changed=True)
    assert not third.skipped


def test_a_newer_template_makes_every_output_stale(tmp_path: Path):
    plan = write_plan(tmp_path / "plan.yaml", plan_data())
    template = tmp_path / "template.docx"
    template.write_bytes(TEMPLATE_PATH.read_bytes())
    out = build_plan(plan, tmp_path / "build", template=template)
    assert is_up_to_date(plan, out, template)
    later = out.stat().st_mtime_ns + 1_000_000_000
    os.utime(template, ns=(later, later))
    assert not is_up_to_date(plan, out, template)


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
