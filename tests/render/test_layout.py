"""Every layout rule of Nghị định 30/2020/NĐ-CP the core issue lists, measured on generated DOCX.

Figures come from ND30 Phụ lục I (see ../shared/nd30.md); each test measures one rule on the
real plans in plans/ and, where a rule depends on data, on a small plan made for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest

from generator.common.units import mm, twips
from generator.docx.read import DocxReader, Para, Table
from generator.render.layout import MOTTO, NATIONAL_TITLE
from tests.support import plan_data

PLAN_NAMES = ["2024-hoa-binh", "2021-thanh-hoa", "2023-ba-ria-vung-tau"]


def styled(reader: DocxReader, style_id: str) -> list[Para]:
    return [p for p in reader.paragraphs if p.style_id == style_id]


def one(reader: DocxReader, style_id: str) -> Para:
    found = styled(reader, style_id)
    assert len(found) == 1, f"{style_id}: {len(found)} paragraphs"
    return found[0]


def header_table(reader: DocxReader) -> Table:
    table = reader.items[0]
    assert isinstance(table, Table), "page 1 must open with the national header table"
    return table


def signature_table(reader: DocxReader) -> Table:
    tables = [t for t in reader.sections[0].items if isinstance(t, Table)]
    return tables[-1]


def rule_length_mm(paragraph: Para, container_mm: float) -> float:
    assert paragraph.border_bottom, "a rule is a bottom border"
    return container_mm - mm(paragraph.left + paragraph.right)


@pytest.fixture(params=PLAN_NAMES)
def doc(request: pytest.FixtureRequest, readers: dict[str, DocxReader]) -> DocxReader:
    return readers[request.param]


# --- page ----------------------------------------------------------------------------------


def test_plan_pages_are_a4_portrait_with_nd30_margins(doc: DocxReader):
    body = doc.sections[0]
    assert (body.width, body.height) == (twips(210), twips(297))
    assert twips(20) <= body.top <= twips(25)
    assert twips(20) <= body.bottom <= twips(25)
    assert twips(30) <= body.left <= twips(35)
    assert twips(15) <= body.right <= twips(20)


def test_every_visible_run_is_times_new_roman(doc: DocxReader):
    fonts = {font for p in doc.paragraphs for font in p.fonts}
    header_fonts = {
        f for s in doc.sections for h in (s.default_header, s.first_header) if h for p in h.paragraphs for f in p.fonts
    }
    assert fonts | header_fonts == {"Times New Roman"}


def test_body_has_one_size_and_the_header_the_matching_13_14_set(doc: DocxReader):
    body_styles = ("KhBody", "KhPart", "KhSection", "KhSubsection", "KhPoint", "KhItem", "KhClosing")
    sizes = {size for p in doc.paragraphs if p.style_id in body_styles for size in p.sizes}
    assert sizes == {14.0}
    assert one(doc, "KhNationalTitle").sizes == {13.0}
    assert one(doc, "KhMotto").sizes == {14.0}
    assert one(doc, "KhPlaceDate").sizes == {14.0}


# --- header block (ô 1-4) -----------------------------------------------------------------


def test_header_is_a_borderless_two_column_table(doc: DocxReader):
    table = header_table(doc)
    assert not table.has_borders
    assert table.fixed
    assert len(table.grid) == 2
    assert [len(row.cells) for row in table.rows] == [2, 2]


def test_parent_agency_is_capitals_not_bold_and_the_agency_capitals_bold(doc: DocxReader):
    parent, agency = one(doc, "KhParentAgency"), one(doc, "KhAgency")
    assert parent.text == parent.text.upper() and not parent.bold
    assert agency.text == agency.text.upper() and agency.bold
    assert parent.align == agency.align == "center"
    left_cell = header_table(doc).rows[0].cells[0]
    assert parent.element in [p.element for p in left_cell.paragraphs]


# Widths from the font files (tests/common/test_metrics.py), not from the code that draws the rules.
SO_Y_TE_13_BOLD = 17.84
MOTTO_14_BOLD = 60.46
TITLE = "Cải cách hành chính tỉnh Hòa Bình năm 2024"
TITLE_14_BOLD = 96.06


def test_agency_rule_is_a_third_to_a_half_of_its_line(render: Callable[..., DocxReader]):
    doc = render(plan_data())  # agency "SỞ Y TẾ"
    left = header_table(doc).rows[0].cells[0]
    rules = [p for p in left.paragraphs if p.border_bottom]
    assert len(rules) == 1
    assert one(doc, "KhAgency").text == "SỞ Y TẾ"
    inner = mm(header_table(doc).grid[0]) - 2 * 1.905
    assert SO_Y_TE_13_BOLD / 3 <= rule_length_mm(rules[0], inner) <= SO_Y_TE_13_BOLD / 2


def test_national_title_and_motto_are_exact_bold_and_centred(doc: DocxReader):
    title, motto = one(doc, "KhNationalTitle"), one(doc, "KhMotto")
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" == NATIONAL_TITLE
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" == MOTTO  # ASCII hyphens with spaces
    assert title.bold and motto.bold
    assert title.align == motto.align == "center"


def test_motto_rule_is_as_long_as_the_motto(doc: DocxReader):
    right = header_table(doc).rows[0].cells[1]
    rules = [p for p in right.paragraphs if p.border_bottom]
    assert len(rules) == 1
    inner = mm(header_table(doc).grid[1]) - 2 * 1.905
    assert rule_length_mm(rules[0], inner) == pytest.approx(MOTTO_14_BOLD, abs=0.5)


def test_number_and_date_share_the_second_row(doc: DocxReader):
    number_cell, date_cell = header_table(doc).rows[1].cells
    assert number_cell.text.startswith("Số: ")
    assert re.fullmatch(r".+, ngày .+ tháng .+ năm \d{4}", date_cell.text)


@pytest.mark.parametrize(
    ("number", "expected"),
    [("5", "Số: 05/KH-SYT"), ("05", "Số: 05/KH-SYT"), ("12", "Số: 12/KH-SYT"), ("125", "Số: 125/KH-SYT")],
)
def test_numbers_below_ten_are_zero_padded(render: Callable[..., DocxReader], number: str, expected: str):
    number_para = one(render(plan_data(number=number)), "KhNumber")
    assert number_para.text == expected
    assert number_para.sizes == {13.0} and not number_para.bold


def test_a_draft_number_is_left_blank_before_the_slash(render: Callable[..., DocxReader]):
    text = one(render(plan_data(number="")), "KhNumber").text
    assert re.fullmatch(r"Số: {3,}/KH-SYT", text)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("05/01/2024", "Hòa Bình, ngày 05 tháng 01 năm 2024"),
        ("3/2/2024", "Hòa Bình, ngày 03 tháng 02 năm 2024"),
        ("15/8/2024", "Hòa Bình, ngày 15 tháng 8 năm 2024"),
        ("31/12/2024", "Hòa Bình, ngày 31 tháng 12 năm 2024"),
        ("2024-10-09", "Hòa Bình, ngày 09 tháng 10 năm 2024"),
    ],
)
def test_date_line_is_italic_and_pads_only_days_1_9_and_months_1_2(
    render: Callable[..., DocxReader], date: str, expected: str
):
    line = one(render(plan_data(date=date)), "KhPlaceDate")
    assert line.text == expected
    assert line.italic and not line.bold and line.align == "center"


def test_a_draft_date_leaves_the_day_blank(render: Callable[..., DocxReader]):
    text = one(render(plan_data(date="01/2024")), "KhPlaceDate").text
    assert re.fullmatch(r"Hòa Bình, ngày {3,}tháng 01 năm 2024", text)


# --- tên loại, trích yếu -------------------------------------------------------------------


def test_document_type_and_title_are_bold_centred_with_a_rule(doc: DocxReader):
    kind, title = one(doc, "KhDocType"), one(doc, "KhTitle")
    assert kind.text == "KẾ HOẠCH" and kind.bold and kind.align == "center"
    assert title.bold and title.align == "center"
    assert title.text[0].isupper() and not title.text.isupper()  # sentence case


def test_the_title_rule_is_a_third_to_a_half_of_the_printed_title(render: Callable[..., DocxReader]):
    doc = render(plan_data(title=TITLE))  # one line at 14 pt bold
    assert one(doc, "KhTitle").text == TITLE
    assert TITLE_14_BOLD / 3 <= rule_length_mm(one(doc, "KhTitleRule"), 165) <= TITLE_14_BOLD / 2


# --- body ----------------------------------------------------------------------------------


def test_body_paragraphs_are_justified_indented_spaced_as_the_readme_says(doc: DocxReader):
    """README: căn đều hai lề, thụt đầu dòng 1,27 cm, cách đoạn trên 6 pt, giãn dòng đơn."""
    body = [p for p in doc.paragraphs if p.style_id in ("KhBody", "KhPart", "KhSection", "KhItem", "KhClosing")]
    assert len([p for p in body if p.text]) > 20
    for p in body:
        if p.text:
            assert p.align == "both", p.text
            assert p.first_line == 720, p.text  # 1,27 cm
            assert (p.before, p.after) == (120, 0), p.text  # 6 pt above
            assert (p.line_rule, p.line) == ("auto", 240), p.text  # single


def test_part_headings_are_roman_bold_capitals_in_sequence(doc: DocxReader):
    parts = styled(doc, "KhPart")
    numerals = [p.text.split(".")[0] for p in parts]
    assert numerals == ["I", "II", "III", "IV", "V", "VI"][: len(parts)]
    for p in parts:
        assert p.bold and p.text == p.text.upper()


def test_every_numbered_section_starts_bold(doc: DocxReader):
    """Numbered ⇒ bold (the label and the title), not the reverse."""
    sections = styled(doc, "KhSection")
    assert sections, "every plan has numbered sections"
    for p in sections:
        assert re.match(r"\d+\. \S", p.text), p.text
        assert p.runs[0].bold and p.runs[0].text.startswith(p.text.split(" ")[0]), p.text


def test_text_ends_with_the_closing_mark(doc: DocxReader):
    closing = one(doc, "KhClosing")
    assert closing.text.endswith("./.")
    assert not closing.text.endswith("../.")


# --- Nơi nhận and signature -----------------------------------------------------------------


def test_signature_block_is_a_borderless_table_kept_on_one_page(doc: DocxReader):
    table = signature_table(doc)
    assert not table.has_borders
    assert all(row.cant_split for row in table.rows)
    left, right = table.rows[0].cells
    assert left.paragraphs[0].text == "Nơi nhận:"
    assert right.paragraphs[0].text  # the first signer line sits level with "Nơi nhận:"


def test_recipients_heading_and_lines_follow_nd30(doc: DocxReader):
    left = signature_table(doc).rows[0].cells[0]
    heading, *lines = left.paragraphs
    assert heading.sizes == {12.0} and heading.bold and heading.italic
    assert all(line.sizes == {11.0} and not line.bold for line in lines)
    assert all(re.fullmatch(r"- .+;", line.text) for line in lines[:-1])
    assert re.fullmatch(r"- Lưu: VT, [A-ZĐ]+\.", lines[-1].text)


def test_signer_lines_are_bold_capitals_and_the_name_bold(doc: DocxReader):
    right = signature_table(doc).rows[0].cells[1]
    *titles, name = [p for p in right.paragraphs if p.text]
    assert all(t.bold and t.text == t.text.upper() for t in titles)
    assert name.bold and name.text != name.text.upper()
    assert titles[0].sizes == name.sizes == {14.0}


def test_a_deputy_signs_with_kt_on_its_own_line(render: Callable[..., DocxReader]):
    signer = {"authority": "KT", "titles": ["Giám đốc", "Phó Giám đốc"], "name": "Trần Văn Bình"}
    right = signature_table(render(plan_data(signer=signer))).rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Bình"]


# --- page numbers --------------------------------------------------------------------------


def test_page_numbers_are_centred_at_the_top_and_absent_on_page_one(doc: DocxReader):
    body = doc.sections[0]
    assert body.title_page
    assert body.default_header is not None and body.default_header.has_page_field
    number = next(p for p in body.default_header.paragraphs if p.element.find(".//{*}instrText") is not None)
    assert number.align == "center"
    assert {r.size for r in number.runs} == {14.0}
    assert body.first_header is not None and not body.first_header.has_page_field
    assert body.first_header.text == ""


def test_a_draft_shows_the_mark_on_page_one_and_blanks_number_and_day(render: Callable[..., DocxReader]):
    draft = render(plan_data(), draft=True)
    assert draft.sections[0].first_header is not None
    assert draft.sections[0].first_header.text == "DỰ THẢO"
    assert re.fullmatch(r"Số: +/KH-SYT", one(draft, "KhNumber").text)
    assert re.fullmatch(r"Hòa Bình, ngày +tháng 01 năm 2024", one(draft, "KhPlaceDate").text)


# --- characters ----------------------------------------------------------------------------


def test_text_is_nfc_without_control_characters(doc: DocxReader):
    for name, xml in doc.part_texts().items():
        assert unicodedata.is_normalized("NFC", xml), name
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml), name


def test_keep_with_next_is_on_headings_only(render: Callable[..., DocxReader]):
    """Numbered paragraphs without a title are body text: they must not keep with the next one."""
    text = "Thực hiện nghiêm túc các nhiệm vụ cải cách hành chính theo kế hoạch của tỉnh. " * 4
    sections = [{"text": f"{text}({i})"} for i in range(6)] + [{"title": "Mục có tiêu đề", "items": ["Ý."]}]
    doc = render(plan_data(parts=[{"heading": "Nội dung", "sections": sections}]))
    untitled = [p for p in doc.paragraphs if re.match(r"\d+\. Thực hiện", p.text)]
    assert len(untitled) == 6 and not any(p.keep_next for p in untitled)
    assert all(not p.runs[0].bold for p in untitled)
    heading = next(p for p in doc.paragraphs if p.text.startswith("7. Mục có tiêu đề"))
    part = next(p for p in doc.paragraphs if p.text.startswith("I. NỘI DUNG"))
    assert heading.keep_next and part.keep_next


def test_points_under_a_section_print_as_lettered_paragraphs(render: Callable[..., DocxReader]):
    written = [{"title": "Rà soát", "items": ["Rà soát."]}, {"text": "Công khai."}]
    section = {"title": "Thủ tục hành chính", "points": written}
    doc = render(plan_data(parts=[{"heading": "Nội dung", "sections": [section]}]))
    points = styled(doc, "KhPoint")
    assert [p.text for p in points] == ["a) Rà soát", "b) Công khai."]
    assert not any(r.bold for p in points for r in p.runs)  # ND30: a), b) are not bold
    index = doc.paragraphs.index(points[0])
    assert doc.paragraphs[index + 1].text == "- Rà soát."


@pytest.mark.parametrize("own_line", [False, True], ids=["inline", "own line"])
def test_a_unit_prints_inline_or_on_its_own_italic_line_as_the_section_chooses(
    render: Callable[..., DocxReader], own_line: bool
):
    section = {
        "kind": "objectives", "units_on_own_line": own_line,
        "items": [{"text": "Rà soát thủ tục.", "note": "Phòng Nghiệp vụ Y chủ trì thực hiện."}],
        "targets": [{"text": "100% hồ sơ đúng hạn", "units": ["Văn phòng Sở"]}],
    }  # fmt: skip
    doc = render(plan_data(parts=[{"heading": "Mục tiêu", "sections": [section]}]))
    notes = styled(doc, "KhNote")
    texts = [p.text for p in doc.paragraphs]
    item = texts.index("- Rà soát thủ tục.")
    assert texts[item + 1] == "Phòng Nghiệp vụ Y chủ trì thực hiện."  # the item's note, always its own line
    if own_line:
        assert texts[item + 2 : item + 4] == ["1.1. 100% hồ sơ đúng hạn", "Đơn vị thực hiện: Văn phòng Sở."]
        assert len(notes) == 2
    else:
        assert texts[item + 2] == "1.1. 100% hồ sơ đúng hạn (Đơn vị thực hiện: Văn phòng Sở)"
        assert len(notes) == 1
    assert all(p.italic and not p.bold and p.align == "both" for p in notes)
