"""Word opens every kind of DOCX the tool writes without offering to repair it.

Each kind is validated by openxml-audit (the Open XML SDK's rules and the ISO/IEC 29500 schemas)
and by the ECMA-376 child sequences of tests/ooxml.py. LibreOffice forgives what Word refuses,
so the LibreOffice tests cannot stand in for these.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.pipeline import build_plan
from generator.common.errors import PlanError
from generator.render.provenance import TEMPLATE_PATH
from generator.render.template_builder import build_template
from tests.ooxml import order_findings, reference_findings, word_findings
from tests.render.test_properties import FULL, PATHS, set_at
from tests.support import PLANS, plan_data, write_plan


def row(task: str) -> dict[str, Any]:
    return {"task": task, "lead": ["Văn phòng Sở"], "partners": ["Các phòng"], "deadline": "Quý II/2024"}


def appendix_plan(appendix: dict[str, Any]) -> dict[str, Any]:
    items: list[Any] = ["Ý thứ nhất.", {"appendix_ref": None}]
    return plan_data(parts=[{"heading": "Nội dung", "items": items}], appendices=[appendix])


NESTED = [
    {"title": "Chỉ số PAR INDEX", "rows": [row("Rà soát")], "groups": [
        {"title": "Công tác chỉ đạo", "rows": [row("Ban hành kế hoạch"), row("Kiểm tra")]},
        {"area": "procedures", "rows": [row("Công khai thủ tục")]},
    ]},
    {"area": "digital_government", "rows": [row("Số hóa hồ sơ")]},
]  # fmt: skip

KINDS: dict[str, dict[str, Any]] = {
    "every field, chosen columns with a two-level heading": FULL,
    "appendix, common layout, sub-groups": appendix_plan({"title": "Nhiệm vụ", "groups": NESTED}),
    "appendix, Thanh Hóa layout, merged group column": appendix_plan(
        {"title": "Nhiệm vụ", "layout": "thanh-hoa", "groups": NESTED}
    ),
    "appendix, two-level heading with a tall merged heading": appendix_plan(
        {
            "title": "Nhiệm vụ",
            "groups": NESTED,
            "columns": [
                {"field": "task", "heading": "Nội dung", "width": 8},
                {"field": "lead", "heading": "Chủ trì", "band": "PHÂN CÔNG THỰC HIỆN", "width": 3},
                {"field": "partners", "heading": "Phối hợp", "band": "PHÂN CÔNG THỰC HIỆN", "width": 3},
                {"field": "deadline", "heading": "Thời gian hoàn thành", "width": 1.1},
            ],
        }
    ),
    "appendix without rows": appendix_plan({"title": "Chưa có", "groups": [{"area": "procedures", "rows": []}]}),
    "minimal plan": plan_data(),
}


def assert_word_opens(path: Path) -> None:
    assert word_findings(path) == []
    assert order_findings(path) == []
    assert reference_findings(path) == []


def test_the_template_itself(tmp_path: Path):
    assert_word_opens(TEMPLATE_PATH)
    rebuilt = tmp_path / "kehoach.docx"
    rebuilt.write_bytes(build_template())
    assert_word_opens(rebuilt)


@pytest.mark.parametrize("draft", [False, True], ids=["issued", "draft"])
@pytest.mark.parametrize("plan", sorted(p.name for p in PLANS.glob("*.yaml")))
def test_every_plan_of_plans_issued_and_draft(tmp_path: Path, plan: str, draft: bool):
    assert_word_opens(build_plan(PLANS / plan, tmp_path, draft=draft))


@pytest.mark.parametrize("kind", KINDS)
def test_every_layout_and_feature(tmp_path: Path, kind: str):
    assert_word_opens(build_plan(write_plan(tmp_path / "plan.yaml", KINDS[kind]), tmp_path / "out"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(PATHS) - 1), value=st.text(min_size=1, max_size=40))
def test_a_sample_of_any_text_in_any_field(tmp_path: Path, index: int, value: str):
    """The property tests' inputs (any Unicode in any text field), each build validated."""
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(yaml.safe_dump(set_at(FULL, PATHS[index], value), allow_unicode=True), encoding="utf-8")
    try:
        out = build_plan(plan_file, tmp_path / "out")
    except PlanError:
        return  # refused with a message: nothing written, nothing for Word to open
    assert_word_opens(out)


def test_the_checks_find_what_word_refuses(tmp_path: Path):
    """The two oracles are not vacuous: the faults Word reported in version 1 are found."""
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(TEMPLATE_PATH) as original, zipfile.ZipFile(broken, "w") as out:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "word/document.xml":  # a second tblW after tblLayout, as v1 wrote
                data = data.replace(
                    b'<w:tblLayout w:type="fixed"/>', b'<w:tblLayout w:type="fixed"/><w:tblW w:w="0" w:type="auto"/>', 1
                )
            if item.filename == "word/styles.xml":  # a link to a style that is not there
                data = data.replace(b"<w:qFormat/>", b'<w:link w:val="Gone"/><w:qFormat/>', 1)
            if item.filename == "word/settings.xml":  # python-docx's zoom, as v1 kept it
                data = data.replace(b' w:percent="100"', b"")
            out.writestr(item, data)
    assert any("tblW" in finding for finding in word_findings(broken))
    assert any("Gone" in finding for finding in word_findings(broken))
    assert any("tblPr" in finding for finding in order_findings(broken))
    assert any("Gone" in finding for finding in reference_findings(broken))
    assert any("zoom" in finding for finding in reference_findings(broken))
