"""What the tool generates, never the author: numbering, markers, punctuation, default titles."""

from __future__ import annotations

from typing import Any

import pytest

from generator.plan.schema import Plan
from generator.render.context import Block, build_context, closing_text, recipient_lines, signer_lines
from tests.support import plan_data


def plan(**changes: Any) -> Plan:
    return Plan.model_validate(plan_data(**changes))


def blocks(**changes: Any) -> list[tuple[str, str, str]]:
    return [(b.kind, str(b.head), str(b.text)) for b in build_context(plan(**changes))["blocks"]]


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Trên đây là kế hoạch", "Trên đây là kế hoạch./."),
        ("Trên đây là kế hoạch.", "Trên đây là kế hoạch./."),
        ("Trên đây là kế hoạch./", "Trên đây là kế hoạch./."),
        ("Trên đây là kế hoạch./.", "Trên đây là kế hoạch./."),
        ("Trên đây là kế hoạch; ", "Trên đây là kế hoạch./."),
    ],
)
def test_the_closing_always_ends_with_the_nd30_mark(typed: str, printed: str):
    assert closing_text(typed) == printed


def test_recipients_get_dashes_semicolons_and_the_archive_line_last():
    recipients = ["UBND tỉnh (b/c);", {"name": "Sở Nội vụ", "purpose": "(tổng hợp)"}, "Các phòng thuộc Sở."]
    lines = recipient_lines(plan(recipients=recipients, archive="Lưu: VT, TCHC."))
    assert lines == [
        "- UBND tỉnh (b/c);",
        "- Sở Nội vụ (tổng hợp);",
        "- Các phòng thuộc Sở;",
        "- Lưu: VT, TCHC.",
    ]


def test_without_an_archive_line_the_last_recipient_ends_with_a_full_stop():
    assert recipient_lines(plan(archive=None)) == ["- UBND tỉnh (b/c);", "- Sở Nội vụ."]


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        ({"titles": ["Giám đốc"], "name": "A"}, ["GIÁM ĐỐC"]),
        ({"authority": "kt", "titles": ["Giám đốc", "Phó Giám đốc"], "name": "A"}, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        (
            {"authority": "TM.", "titles": ["Ủy ban nhân dân", "KT. Chủ tịch", "Phó Chủ tịch"], "name": "A"},
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        ({"authority": "Q", "titles": ["Giám đốc"], "name": "A"}, ["Q. GIÁM ĐỐC"]),
    ],
)
def test_signer_lines_put_the_authority_on_the_first_line(signer: dict[str, Any], lines: list[str]):
    assert signer_lines(plan(signer=signer)) == lines


def test_parts_are_roman_and_sections_arabic_with_default_titles():
    parts = [
        {
            "heading": "mục tiêu, yêu cầu",
            "sections": [{"kind": "objectives", "items": ["a"]}, {"kind": "requirements", "items": ["b"]}],
        },
        {"heading": "Nội dung", "sections": [{"kind": "area", "area": "civil_service", "items": ["c"]}]},
        {"heading": "Kinh phí", "sections": [{"kind": "funding", "text": "Từ ngân sách."}]},
    ]
    assert blocks(parts=parts) == [
        ("part", "I. MỤC TIÊU, YÊU CẦU", ""),
        ("section", "1. Mục tiêu", ""),
        ("item", "", "- a"),
        ("section", "2. Yêu cầu", ""),
        ("item", "", "- b"),
        ("part", "II. NỘI DUNG", ""),
        ("section", "1. Cải cách chế độ công vụ", ""),
        ("item", "", "- c"),
        ("part", "III. KINH PHÍ", ""),
        ("section", "1. Kinh phí thực hiện:", " Từ ngân sách."),
    ]


def test_an_area_title_can_be_overridden_per_plan():
    parts = [
        {
            "heading": "Nội dung",
            "sections": [{"kind": "area", "area": "civil_service", "title": "Xây dựng đội ngũ CBCC", "items": ["x"]}],
        }
    ]
    assert blocks(parts=parts)[1] == ("section", "1. Xây dựng đội ngũ CBCC", "")


def test_targets_are_numbered_under_their_section_and_subsections_continue():
    section = {
        "kind": "objectives",
        "title": "Mục tiêu cụ thể",
        "items": ["Phấn đấu:"],
        "targets": [
            {"text": "100% hồ sơ đúng hạn", "units": ["Văn phòng Sở", "Thanh tra Sở"]},
            {"text": "90% hài lòng"},
        ],
        "subsections": [{"title": "Chỉ số", "points": [{"title": f"Điểm {i}"} for i in range(1, 6)]}],
    }
    parts = [
        {"heading": "Mục tiêu", "sections": [{"kind": "text", "title": "Mục tiêu chung", "items": ["x"]}, section]}
    ]
    assert blocks(parts=parts)[3:] == [
        ("section", "2. Mục tiêu cụ thể", ""),
        ("item", "", "- Phấn đấu:"),
        ("item", "", "2.1. 100% hồ sơ đúng hạn (Đơn vị thực hiện: Văn phòng Sở; Thanh tra Sở)"),
        ("item", "", "2.2. 90% hài lòng"),
        ("subsection", "2.3. Chỉ số", ""),
        ("point", "a) Điểm 1", ""),
        ("point", "b) Điểm 2", ""),
        ("point", "c) Điểm 3", ""),
        ("point", "d) Điểm 4", ""),
        ("point", "đ) Điểm 5", ""),
    ]


def test_markers_nest_and_none_prints_plain_paragraphs():
    items = ["một", {"text": "hai", "sub": ["hai a", {"text": "hai b", "sub": ["sâu"]}]}, {"paragraph": "đoạn"}]
    parts = [
        {"heading": "A", "items": items},
        {"heading": "B", "marker": "none", "items": ["ba", {"text": "bốn", "sub": ["bốn a"]}]},
    ]
    assert blocks(parts=parts) == [
        ("part", "I. A", ""),
        ("item", "", "- một"),
        ("item", "", "- hai"),
        ("item", "", "+ hai a"),
        ("item", "", "+ hai b"),
        ("item", "", "- sâu"),
        ("para", "", "đoạn"),
        ("part", "II. B", ""),
        ("para", "", "ba"),
        ("para", "", "bốn"),
        ("item", "", "- bốn a"),
    ]


def test_unit_sections_end_the_unit_with_a_colon_and_untitled_sections_are_not_bold():
    sections = [
        {"kind": "unit", "unit": "Văn phòng Sở", "items": ["Đôn đốc"]},
        {"kind": "unit", "unit": "Trung tâm Kiểm soát bệnh tật", "text": "Đăng tải tin."},
        {"text": "Các phòng căn cứ kế hoạch này tổ chức thực hiện."},
    ]
    assert blocks(parts=[{"heading": "Tổ chức thực hiện", "sections": sections}])[1:] == [
        ("section", "1. Văn phòng Sở:", ""),
        ("item", "", "- Đôn đốc"),
        ("section", "2. Trung tâm Kiểm soát bệnh tật:", " Đăng tải tin."),
        ("para", "", "3. Các phòng căn cứ kế hoạch này tổ chức thực hiện."),
    ]


def test_appendix_references_have_a_default_wording_and_keep_the_authors():
    appendix = {"title": "Nhiệm vụ", "issued_separately": True}
    refs = [
        {"appendix_ref": None},
        {"appendix_ref": {"text": "Có Phụ lục kèm theo"}},
        {"appendix_ref": {"text": "(Theo phụ lục)"}},
    ]
    printed = blocks(parts=[{"heading": "A", "items": refs}], appendices=[appendix])[1:]
    assert printed == [
        ("para", "", "(Chi tiết tại Phụ lục kèm theo)"),
        ("para", "", "(Có Phụ lục kèm theo)"),
        ("para", "", "(Theo phụ lục)"),
    ]


def test_blocks_are_values_not_templates():
    block = Block("para", "", "{{ 7*7 }} {% if 1 %}")
    assert block.text == "{{ 7*7 }} {% if 1 %}"


def test_points_can_stand_directly_under_a_numbered_section():
    """a), b), c) under "1." itself, each with its own items, without a 1.1. subsection."""
    data = plan_data(parts=[{"heading": "Nội dung", "sections": [{
        "title": "Cải cách thủ tục hành chính", "items": ["Ý chung."],
        "points": [{"title": "Rà soát", "items": ["Rà soát quy trình."]}, {"text": "Công khai thủ tục."}],
    }]}])  # fmt: skip
    blocks = [(b.kind, str(b.head), str(b.text)) for b in build_context(Plan.model_validate(data))["blocks"]]
    assert blocks[1:] == [
        ("section", "1. Cải cách thủ tục hành chính", ""),
        ("item", "", "- Ý chung."),
        ("point", "a) Rà soát", ""),
        ("item", "", "- Rà soát quy trình."),
        ("point", "", "b) Công khai thủ tục."),
    ]


def test_unnumbered_targets_take_the_marker_and_their_notes_follow():
    data = plan_data(parts=[{"heading": "Mục tiêu", "sections": [{
        "kind": "objectives", "targets_numbered": False, "marker": "+",
        "targets": [{"text": "100% hồ sơ đúng hạn", "units": ["Văn phòng Sở"], "note": "Hằng quý báo cáo."}],
        "subsections": [{"title": "Chỉ số", "items": ["Nâng cao."]}],
    }]}])  # fmt: skip
    blocks = [(b.kind, str(b.head), str(b.text)) for b in build_context(Plan.model_validate(data))["blocks"]]
    assert blocks[2:] == [
        ("item", "", "+ 100% hồ sơ đúng hạn (Đơn vị thực hiện: Văn phòng Sở)"),
        ("note", "", "Hằng quý báo cáo."),
        ("subsection", "1.1. Chỉ số", ""),
        ("item", "", "+ Nâng cao."),
    ]
