"""The appendix task table: landscape sections, numbering, head, grid, merges, layouts, references."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.common.errors import PlanError
from generator.common.units import twips
from generator.docx.read import DocxReader, Para, Table
from generator.plan.dates import BLANK
from generator.render.layout import LANDSCAPE
from tests.support import plan_data


def row(task: str, **more: Any) -> dict[str, Any]:
    return {"task": task, "lead": "Văn phòng Sở", "deadline": "Quý II/2024", **more}


def with_appendices(*appendices: dict[str, Any], refs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The minimal plan with appendices and, by default, one reference per appendix."""
    items: list[Any] = ["Ý thứ nhất."]
    if refs is None:
        refs = [{"appendix_ref": {"appendix": a["id"]} if len(appendices) > 1 else None} for a in appendices]
    items += refs
    return plan_data(parts=[{"heading": "Nội dung", "items": items}], appendices=list(appendices))


def appendix_tables(reader: DocxReader) -> list[Table]:
    return [item for s in reader.sections[1:] for item in s.items if isinstance(item, Table)]


def texts(reader: DocxReader, section: int) -> list[str]:
    return [item.text for item in reader.sections[section].items if isinstance(item, Para) and item.text]


THANH_HOA = "2021-thanh-hoa"


# --- sections and page numbers ---------------------------------------------------------------


def test_the_appendix_is_a_landscape_a4_section_after_the_signature(readers: dict[str, DocxReader]):
    doc = readers[THANH_HOA]
    assert len(doc.sections) == 2, "no stray section after the appendix"
    body, appendix = doc.sections
    assert not body.landscape and appendix.landscape
    assert (appendix.width, appendix.height) == (twips(297), twips(210))
    assert twips(20) <= appendix.top <= twips(25) and twips(20) <= appendix.bottom <= twips(25)
    assert twips(30) <= appendix.left <= twips(35) and twips(15) <= appendix.right <= twips(20)
    body_tables = [t for t in body.items if isinstance(t, Table)]
    assert len(body_tables) == 2  # the national header and the signature block stay in the body


def test_appendix_pages_restart_at_one_and_hide_the_number_on_their_first_page(readers: dict[str, DocxReader]):
    appendix = readers[THANH_HOA].sections[1]
    assert appendix.page_start == 1
    assert appendix.title_page
    assert appendix.default_header is not None and appendix.default_header.has_page_field
    assert appendix.first_header is not None and not appendix.first_header.has_page_field


def test_a_plan_without_appendix_has_one_portrait_section(readers: dict[str, DocxReader]):
    doc = readers["2024-hoa-binh"]  # its appendix is issued separately
    assert len(doc.sections) == 1 and not doc.sections[0].landscape
    assert not appendix_tables(doc)


def test_an_empty_appendix_prints_no_section_table_or_page(render: Callable[..., DocxReader]):
    empty = {"title": "Phụ lục chưa có nhiệm vụ", "groups": [{"area": "procedures", "rows": []}]}
    doc = render(plan_data(appendices=[empty]))
    assert len(doc.sections) == 1 and not doc.sections[0].landscape
    assert len(doc.tables) == 2
    assert not any("PHỤ LỤC CHƯA CÓ" in p.text for p in doc.paragraphs)


# --- the head --------------------------------------------------------------------------------


def test_appendix_head_names_title_and_the_plan_it_belongs_to(readers: dict[str, DocxReader]):
    head = [p for p in readers[THANH_HOA].sections[1].items if isinstance(p, Para) and (p.text or p.border_bottom)]
    label, title, attached, rule = head[:4]
    assert label.text == "Phụ lục" and label.bold and label.align == "center" and label.sizes == {14.0}
    assert title.text == "KẾ HOẠCH TRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM CẢI CÁCH HÀNH CHÍNH NĂM 2021"
    assert title.bold and title.align == "center"
    assert attached.italic and attached.align == "center" and not attached.bold
    assert attached.text == (
        f"(Kèm theo Kế hoạch số {BLANK}/KH-SYT ngày {BLANK} tháng 12 năm 2020 của Sở Y tế tỉnh Thanh Hóa)"
    )
    assert rule.border_bottom and not rule.text


def test_the_attached_line_is_filled_from_number_date_and_agency(render: Callable[..., DocxReader]):
    doc = render(with_appendices({"title": "Nhiệm vụ", "groups": [{"area": "procedures", "rows": [row("Rà soát")]}]}))
    assert "(Kèm theo Kế hoạch số 05/KH-SYT ngày 05 tháng 01 năm 2024 của Sở Y tế tỉnh Hòa Bình)" in texts(doc, 1)


def test_several_appendices_take_roman_numbers_and_restart_pages_each(render: Callable[..., DocxReader]):
    first = {"id": "a", "title": "Nhiệm vụ", "groups": [{"area": "procedures", "rows": [row("Rà soát")]}]}
    second = {"id": "b", "title": "Chỉ số", "groups": [{"title": "PAR INDEX", "rows": [row("Cải thiện")]}]}
    doc = render(with_appendices(first, second))
    assert len(doc.sections) == 3
    assert [s.landscape for s in doc.sections] == [False, True, True]
    assert [s.page_start for s in doc.sections[1:]] == [1, 1]
    assert texts(doc, 1)[0] == "Phụ lục I" and texts(doc, 2)[0] == "Phụ lục II"
    body = [p.text for p in doc.sections[0].items if isinstance(p, Para)]
    assert "(Chi tiết tại Phụ lục I kèm theo)" in body and "(Chi tiết tại Phụ lục II kèm theo)" in body


# --- the reference in the body -----------------------------------------------------------------


def test_the_reference_is_printed_where_the_author_puts_it(readers: dict[str, DocxReader]):
    body = [p.text for p in readers[THANH_HOA].sections[0].items if isinstance(p, Para)]
    index = body.index("(Theo phụ lục đính kèm)")
    assert body[index - 1] == "III. KẾ HOẠCH TRIỂN KHAI CÁC NHIỆM VỤ TRỌNG TÂM"


def test_an_appendix_without_a_reference_is_an_error(render: Callable[..., DocxReader]):
    appendix = {"title": "Nhiệm vụ", "groups": [{"area": "procedures", "rows": [row("Rà soát")]}]}
    with pytest.raises(PlanError) as caught:
        render(with_appendices(appendix, refs=[]))
    assert "chưa chỉ dẫn tới phụ lục này" in caught.value.problems[0].message


# --- the table ---------------------------------------------------------------------------------


def test_table_is_fixed_with_grid_widths_filling_the_landscape_text_width(readers: dict[str, DocxReader]):
    (table,) = appendix_tables(readers[THANH_HOA])
    assert table.fixed
    assert sum(table.grid) == twips(LANDSCAPE.text_width) == table.width
    for table_row in table.rows:
        column = 0
        for cell in table_row.cells:
            assert cell.width == sum(table.grid[column : column + cell.span])
            column += cell.span
        assert column == len(table.grid)


def test_heading_row_repeats_and_no_row_splits(readers: dict[str, DocxReader]):
    (table,) = appendix_tables(readers[THANH_HOA])
    assert [r.header for r in table.rows[:2]] == [True, False]
    assert all(r.cant_split for r in table.rows)
    heading = [c.text for c in table.rows[0].cells]
    assert heading == [
        "Nhiệm vụ chung", "Nhiệm vụ cụ thể", "Sản phẩm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện",
    ]  # fmt: skip
    assert all(p.bold for c in table.rows[0].cells for p in c.paragraphs if p.text)


def test_thanh_hoa_layout_merges_the_group_column_vertically(readers: dict[str, DocxReader]):
    (table,) = appendix_tables(readers[THANH_HOA])
    first = [r.cells[0] for r in table.rows[1:]]
    starts = [c.text for c in first if c.vmerge == "restart"]
    assert starts == [
        "I. Cải cách thể chế",
        "II. Cải cách thủ tục hành chính",
        "III. Cải cách tổ chức bộ máy",
        "IV. Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức",
        "V. Cải cách tài chính công",
        "VI. Xây dựng và phát triển chính quyền điện tử",
        "VII. Công tác chỉ đạo, điều hành, tuyên truyền về CCHC",
    ]
    assert sum(c.vmerge == "continue" for c in first) == 32 - 7
    assert all(c.text == "" for c in first if c.vmerge == "continue")
    tasks = [r.cells[1].text for r in table.rows[1:7]]
    assert [t.split(".")[0] for t in tasks] == ["1", "2", "3", "4", "5", "1"]  # numbered within each group


def test_table_text_is_12_point(readers: dict[str, DocxReader]):
    (table,) = appendix_tables(readers[THANH_HOA])
    sizes = {s for r in table.rows for c in r.cells for p in c.paragraphs for s in p.sizes}
    assert sizes == {12.0}


def test_common_layout_uses_group_heading_rows_and_numbers_rows_per_group(render: Callable[..., DocxReader]):
    appendix = {
        "title": "Nhiệm vụ trọng tâm năm 2024",
        "groups": [
            {"area": "institutions", "rows": [row("Rà soát văn bản"), row("Theo dõi thi hành pháp luật")]},
            {"area": "procedures", "rows": [row("Công bố thủ tục", number="1.7.2")]},
        ],
    }
    (table,) = appendix_tables(render(with_appendices(appendix)))
    assert [c.text for c in table.rows[0].cells] == [
        "TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Kết quả/Sản phẩm", "Thời gian hoàn thành",
    ]  # fmt: skip
    group = table.rows[1]
    assert [c.text for c in group.cells] == ["I", "CẢI CÁCH THỂ CHẾ"] and group.cells[1].span == 5
    assert all(p.bold for c in group.cells for p in c.paragraphs)
    assert [table.rows[i].cells[0].text for i in (2, 3)] == ["1", "2"]
    assert [c.text for c in table.rows[4].cells] == ["II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"]
    assert table.rows[5].cells[0].text == "1.7.2"  # the author's own number is kept
    assert table.rows[5].cells[4].text == "" and table.rows[5].cells[5].text == "Quý II/2024"


def test_columns_can_be_chosen_with_a_two_level_heading(render: Callable[..., DocxReader]):
    appendix = {
        "title": "Nhiệm vụ",
        "columns": [
            {"field": "number", "width": 1},
            {"field": "task", "heading": "Nội dung", "width": 6},
            {"field": "lead", "heading": "Chủ trì", "band": "PHÂN CÔNG THỰC HIỆN", "width": 2},
            {"field": "partners", "heading": "Phối hợp", "band": "PHÂN CÔNG THỰC HIỆN", "width": 3},
            {"field": "deadline", "width": 2},
        ],
        "groups": [
            {"title": "Chỉ số PAR INDEX", "rows": [row("Cải thiện chỉ số", partners=["Thanh tra Sở", "Các phòng"])]}
        ],
    }
    (table,) = appendix_tables(render(with_appendices(appendix)))
    top, bottom = table.rows[:2]
    assert top.header and bottom.header
    assert [(c.text, c.span, c.vmerge) for c in top.cells] == [
        ("TT", 1, "restart"), ("Nội dung", 1, "restart"), ("PHÂN CÔNG THỰC HIỆN", 2, None), ("Thời gian", 1, "restart"),
    ]  # fmt: skip
    assert [(c.text, c.vmerge) for c in bottom.cells] == [
        ("", "continue"), ("", "continue"), ("Chủ trì", None), ("Phối hợp", None), ("", "continue"),
    ]  # fmt: skip
    assert sum(table.grid) == twips(LANDSCAPE.text_width)
    assert table.grid[1] == pytest.approx(6 * table.grid[0], abs=6)  # relative widths honoured
    assert table.rows[3].cells[3].text == "Thanh tra Sở; Các phòng"


def test_groups_nest_one_level_with_numbered_subgroups(render: Callable[..., DocxReader]):
    appendix = {
        "title": "Nhiệm vụ nâng cao các chỉ số",
        "layout": "thanh-hoa",
        "groups": [
            {
                "title": "Chỉ số PAR INDEX",
                "groups": [
                    {"title": "Công tác chỉ đạo điều hành", "rows": [row("Ban hành kế hoạch"), row("Kiểm tra")]},
                    {"area": "procedures", "rows": [row("Công khai thủ tục")]},
                ],
            }
        ],
    }
    (table,) = appendix_tables(render(with_appendices(appendix)))
    rows = table.rows[1:]
    assert rows[0].cells[0].text == "I. Chỉ số PAR INDEX" and rows[0].cells[0].vmerge == "restart"
    assert rows[0].cells[1].text == "1. Công tác chỉ đạo điều hành" and rows[0].cells[1].span == 5
    assert [r.cells[1].text for r in rows[1:3]] == ["1. Ban hành kế hoạch", "2. Kiểm tra"]
    assert rows[3].cells[1].text == "2. Cải cách thủ tục hành chính"
    assert rows[4].cells[1].text == "1. Công khai thủ tục"
    assert all(r.cells[0].vmerge == "continue" for r in rows[1:])


def test_the_page_number_field_is_exactly_page(readers: dict[str, DocxReader]):
    """Checked in the DOCX itself, without LibreOffice: a NUMPAGES field would print the page count."""
    import zipfile

    from lxml import etree

    from generator.docx.model import field_codes

    for name in ("2021-thanh-hoa", "2024-hoa-binh"):
        with zipfile.ZipFile(readers[name].path) as archive:
            headers = [n for n in archive.namelist() if n.startswith("word/header")]
            codes = [field_codes(etree.fromstring(archive.read(n))) for n in headers]
        assert sorted(codes) == [[], ["PAGE"]]  # the first-page header has none, the other exactly PAGE


@pytest.mark.parametrize(("width", "tall"), [(1.1, True), (3, False)])
def test_the_second_heading_row_makes_room_for_a_tall_merged_heading(
    render: Callable[..., DocxReader], width: float, tall: bool
):
    """“Thời gian hoàn thành” in a narrow column needs four lines; two heading rows give two."""
    columns = [
        {"field": "task", "heading": "Nội dung", "width": 8},
        {"field": "lead", "heading": "Chủ trì", "band": "PHÂN CÔNG THỰC HIỆN", "width": 3},
        {"field": "partners", "heading": "Phối hợp", "band": "PHÂN CÔNG THỰC HIỆN", "width": 3},
        {"field": "deadline", "heading": "Thời gian hoàn thành", "width": width},
    ]  # the band, over 6 of 15.1 parts of 252 mm (100 mm), is one line
    appendix = {"title": "Nhiệm vụ", "columns": columns, "groups": [{"title": "Nhóm", "rows": [row("Rà soát")]}]}
    (table,) = appendix_tables(render(with_appendices(appendix)))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    second = table.element.findall(f"{w}tr")[1]
    height = second.find(f"{w}trPr/{w}trHeight")
    if not tall:
        assert height is None
        return
    assert height is not None and height.get(f"{w}hRule") == "atLeast"
    # Four lines of 12 pt (1.15 em each, 276 twips) and 80 twips of spacing, less the first row's
    # one line and spacing: 3 × 276 = 828 twips at least.
    assert int(height.get(f"{w}val", "0")) >= 828


def test_groups_take_their_own_labels_and_rows_can_go_unnumbered(render: Callable[..., DocxReader]):
    """A plan that numbers its sub-groups after an external scoring list writes those numbers;
    a row without a number is a stated choice (number: none) and does not advance the count."""
    appendix = {
        "title": "Nâng cao các chỉ số",
        "groups": [
            {"title": "Chỉ số PAR INDEX", "label": "2", "groups": [
                {"title": "Công tác chỉ đạo", "label": "4", "rows": [
                    row("Ban hành kế hoạch"), row("Ghi chú chung", number="none"), row("Kiểm tra"),
                ]},
                {"title": "Thủ tục hành chính", "label": "6", "rows": [row("Công khai")]},
            ]},
            {"title": "Chỉ số SIPAS", "rows": [row("Khảo sát")]},
        ],
    }  # fmt: skip
    (table,) = appendix_tables(render(with_appendices(appendix)))
    body = [[c.text for c in r.cells][:2] for r in table.rows[1:]]
    assert body == [
        ["2", "CHỈ SỐ PAR INDEX"],
        ["4", "Công tác chỉ đạo"],
        ["1", "Ban hành kế hoạch"],
        ["", "Ghi chú chung"],
        ["2", "Kiểm tra"],
        ["6", "Thủ tục hành chính"],
        ["1", "Công khai"],
        ["II", "CHỈ SỐ SIPAS"],  # automatic numbering of groups goes on by position
        ["1", "Khảo sát"],
    ]


# --- cells merged down the rows ----------------------------------------------------------------


def _column(table: Table, index: int) -> list[tuple[str, str | None]]:
    """(text, vMerge) of one column's cells, task rows only (not headings, not group rows)."""
    rows = [r for r in table.rows if not r.header and all(c.span == 1 for c in r.cells)]
    return [(r.cells[index].text, r.cells[index].vmerge) for r in rows]


def test_a_declared_merge_joins_equal_neighbours_down_a_column(render: Callable[..., DocxReader]):
    appendix = {
        "title": "Nhiệm vụ",
        "merge": ["lead"],
        "groups": [{"title": "Nhóm", "rows": [
            row("Một"), row("Hai"), row("Ba", lead="Thanh tra Sở"), row("Bốn"), row("Năm", lead="Thanh tra Sở"),
        ]}],
    }  # fmt: skip
    (table,) = appendix_tables(render(with_appendices(appendix)))
    lead = [c.field for c in _columns_of(appendix)].index("lead")
    # worked out by hand: rows 1-2 share "Văn phòng Sở"; 3, 4, 5 each differ from the row above
    assert _column(table, lead) == [
        ("Văn phòng Sở", "restart"), ("", "continue"), ("Thanh tra Sở", None), ("Văn phòng Sở", None),
        ("Thanh tra Sở", None),
    ]  # fmt: skip
    deadline = [c.field for c in _columns_of(appendix)].index("deadline")
    assert all(merge is None for _, merge in _column(table, deadline))  # not declared: never merged


def _columns_of(appendix: dict[str, Any]) -> list[Any]:
    from generator.plan.appendix_schema import Appendix
    from generator.render.appendix_table import columns_for

    return columns_for(Appendix.model_validate(appendix))


def test_same_as_above_merges_one_cell_and_a_group_may_turn_merging_off(render: Callable[..., DocxReader]):
    appendix = {
        "title": "Nhiệm vụ",
        "merge": ["lead"],
        "groups": [
            {"title": "Nhóm một", "rows": [row("Một", deadline="Quý I"), row("Hai", deadline="^"), row("Ba")]},
            {"title": "Nhóm hai", "merge": [], "rows": [row("Bốn"), row("Năm")]},
        ],
    }
    (table,) = appendix_tables(render(with_appendices(appendix)))
    fields = [c.field for c in _columns_of(appendix)]
    deadline, lead = _column(table, fields.index("deadline")), _column(table, fields.index("lead"))
    # task rows: Một, Hai, Ba (group one), Bốn, Năm (group two)
    assert deadline[:3] == [("Quý I", "restart"), ("", "continue"), ("Quý II/2024", None)]
    assert lead[:3] == [("Văn phòng Sở", "restart"), ("", "continue"), ("", "continue")]
    assert lead[3:] == [("Văn phòng Sở", None), ("Văn phòng Sở", None)]


def test_a_task_over_several_lines_spans_its_number_task_and_shared_cells(render: Callable[..., DocxReader]):
    lines = [{"product": "Kế hoạch", "deadline": "Quý I"}, {"product": "Báo cáo", "deadline": "Quý IV"}]
    appendix = {"title": "Nhiệm vụ", "groups": [{"title": "Nhóm", "rows": [row("Một", lines=lines), row("Hai")]}]}
    (table,) = appendix_tables(render(with_appendices(appendix)))
    fields = [c.field for c in _columns_of(appendix)]
    body = [r for r in table.rows if not r.header][1:]  # after the group heading
    assert len(body) == 3
    assert [(r.cells[fields.index("number")].text, r.cells[fields.index("number")].vmerge) for r in body] == [
        ("1", "restart"), ("", "continue"), ("2", None),
    ]  # fmt: skip
    assert [r.cells[fields.index("task")].vmerge for r in body] == ["restart", "continue", None]
    assert [r.cells[fields.index("product")].text for r in body][:2] == ["Kế hoạch", "Báo cáo"]
    assert [r.cells[fields.index("deadline")].text for r in body] == ["Quý I", "Quý IV", "Quý II/2024"]
    assert [(r.cells[fields.index("lead")].text, r.cells[fields.index("lead")].vmerge) for r in body[:2]] == [
        ("Văn phòng Sở", "restart"), ("", "continue"),
    ]  # fmt: skip


def test_same_as_above_without_a_cell_above_is_an_error(tmp_path: Any):
    from generator.plan.validate import load_plan
    from tests.support import write_plan

    appendix = {"title": "Nhiệm vụ", "groups": [{"title": "Nhóm", "rows": [row("Một", deadline="^")]}]}
    plan = write_plan(tmp_path / "x.yaml", with_appendices(appendix))
    with pytest.raises(PlanError) as caught:
        load_plan(plan)
    (problem,) = caught.value.problems
    assert problem.key_path == "appendices[0].groups[0].rows[0].deadline"
    assert "dòng đầu của nhóm" in problem.message and problem.line > 0


def test_sub_group_heading_rows_keep_with_the_next_row_in_both_layouts(
    readers: dict[str, DocxReader], render: Callable[..., DocxReader]
):
    for layout in ("common", "thanh-hoa"):
        appendix = {"title": "Nhiệm vụ", "layout": layout, "groups": [
            {"title": "Nhóm", "groups": [{"title": "Con", "rows": [row("Một"), row("Hai", number="none")]}]},
        ]}  # fmt: skip
        (table,) = appendix_tables(render(with_appendices(appendix)))
        heading = next(r for r in table.rows if any(c.text.endswith("Con") for c in r.cells))
        assert all(p.keep_next for c in heading.cells for p in c.paragraphs), layout
        tasks = [c.text for r in table.rows for c in r.cells if "Hai" in c.text]
        assert tasks and all(not t.startswith(".") for t in tasks), layout  # "none" prints no stray "."
