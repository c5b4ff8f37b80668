"""The seven areas written as provinces write them: titles and short forms are their codes."""

from __future__ import annotations

import pytest

from generator.plan.areas import area_of
from generator.plan.validate import load_plan_text
from tests.support import plan_data, write_plan


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Chính quyền số", "digital_government"),
        ("Xây dựng, phát triển Chính quyền điện tử, Chính quyền số", "digital_government"),
        ("Hiện đại hóa hành chính", "digital_government"),
        ("Cải cách TTHC", "procedures"),
        ("Cải cách thủ tục hành chính", "procedures"),
        ("Cải cách thể chế", "institutions"),
        ("Cải cách tổ chức bộ máy hành chính nhà nước", "apparatus"),
        ("Xây dựng và nâng cao chất lượng đội ngũ CBCC, viên chức", "civil_service"),
        ("Cải cách chế độ công vụ", "civil_service"),
        ("Cải cách tài chính công", "public_finance"),
        ("Công tác chỉ đạo, điều hành", "direction"),
        ("chinh quyen so", "digital_government"),  # typed without diacritics
    ],
)
def test_a_title_or_short_form_is_accepted_as_the_area(written: str, code: str, tmp_path):
    assert area_of(written) == code
    data = plan_data(parts=[{"heading": "Nội dung", "sections": [{"kind": "area", "area": written, "items": ["Ý."]}]}])
    plan = load_plan_text(write_plan(tmp_path / "p.yaml", data).read_text(encoding="utf-8")).plan
    assert plan.parts[0].sections[0].area == code  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["Mục tiêu", "Yêu cầu", "Tổ chức thực hiện", "Kinh phí thực hiện"])
def test_other_headings_name_no_area(text: str):
    assert area_of(text) is None
