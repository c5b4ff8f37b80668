"""Plans typed by people in Word, rebuilt with python-docx: direct formatting, no template styles.

``typed_plan``: header and signature in tables, numbering typed in the text ("I.", "1.", "1.1.",
"a)", "-", "+"), italic words inside sentences, and a landscape appendix whose table has a
two-level heading, a group column merged down the rows and a unit merged over two rows.
``automatic_plan``: header as paragraphs split by tabs, Word's automatic numbering (Roman parts,
decimal sections, lettered points, dash bullets) from numbering.xml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
# Every body text of the fixtures, so that a test can count the words a reader sees.
INTRO = ("Căn cứ Kế hoạch số 120/KH-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh Nghệ An về cải cách "
         "hành chính năm 2025, Sở Tư pháp xây dựng Kế hoạch cải cách hành chính năm 2025 như sau:")  # fmt: skip


def _run(paragraph: Any, text: str, size: float = 14, *, bold: bool = False, italic: bool = False) -> Any:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return run


def _para(container: Any, text: str = "", *, size: float = 14, bold: bool = False, italic: bool = False,
          center: bool = False) -> Any:  # fmt: skip
    paragraph = container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(3)
    if text:
        _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _empty_cells(table: Any) -> None:
    for row in table.rows:
        for cell in row.cells:
            for paragraph in list(cell.paragraphs):
                paragraph._p.getparent().remove(paragraph._p)


def _document() -> Any:
    document = docx.Document()
    document.styles["Normal"].font.name = FONT
    document.styles["Normal"].font.size = Pt(14)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    return document


def _header_table(document: Any) -> None:
    table = document.add_table(rows=2, cols=2)
    _empty_cells(table)
    left, right = table.rows[0].cells
    _para(left, "UBND TỈNH NGHỆ AN", size=13, center=True)
    _para(left, "SỞ TƯ PHÁP", size=13, bold=True, center=True)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True, center=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, center=True)
    _para(table.rows[1].cells[0], "Số: 15/KH-STP", size=13, center=True)
    _para(table.rows[1].cells[1], "Nghệ An, ngày 08 tháng 01 năm 2025", italic=True, center=True)


def _title(document: Any) -> None:
    _para(document, "KẾ HOẠCH", bold=True, center=True)
    _para(document, "Cải cách hành chính năm 2025", bold=True, center=True)
    _para(document, INTRO)


def _signature(document: Any) -> None:
    table = document.add_table(rows=1, cols=2)
    _empty_cells(table)
    left, right = table.rows[0].cells
    heading = left.add_paragraph()
    _run(heading, "Nơi nhận:", 12, bold=True, italic=True)
    for text in ("- UBND tỉnh (b/c);", "- Sở Nội vụ;", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."):
        _run(left.add_paragraph(), text, 11)
    for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"):
        _para(right, text, bold=True, center=True)
    _para(right, "", center=True)
    _para(right, "Hoàng Thị Mai", bold=True, center=True)


def _merge(cell: Any, value: str) -> None:
    cell._tc.get_or_add_tcPr().append(parse_xml(f'<w:vMerge {nsdecls("w")} w:val="{value}"/>'))


def _appendix(document: Any, *, own_header: bool = False) -> None:
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    if own_header:  # some Sở print the appendix like a document of its own
        _header_table(document)
    _para(document, "Phụ lục", bold=True, center=True)
    _para(document, "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025", bold=True, center=True)
    _para(document, "(Kèm theo Kế hoạch số 15/KH-STP ngày 08 tháng 01 năm 2025 của Sở Tư pháp tỉnh Nghệ An)",
          italic=True, center=True)  # fmt: skip
    rows = [
        ("Cải cách thể chế", "Rà soát văn bản quy phạm pháp luật do tỉnh ban hành", "Phòng Xây dựng văn bản",
         "Các phòng thuộc Sở", "Quý II/2025"),
        ("", "Kiểm tra văn bản quy phạm pháp luật", "Phòng Xây dựng văn bản", "Thanh tra Sở", "Quý III/2025"),
        ("Cải cách thủ tục hành chính", "Công khai thủ tục hành chính trên Cổng dịch vụ công", "Văn phòng Sở",
         "Phòng Hành chính tư pháp", "Thường xuyên"),
        ("", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Văn phòng Sở", "Trung tâm Trợ giúp pháp lý",
         "Tháng 6/2025"),
    ]  # fmt: skip
    table = document.add_table(rows=2 + len(rows), cols=5)
    table.style = document.styles["Table Grid"]
    head_top, head_bottom = table.rows[0].cells, table.rows[1].cells
    for index, text in ((0, "Lĩnh vực"), (1, "Nhiệm vụ"), (4, "Thời gian hoàn thành")):
        _para(head_top[index], text, size=12, bold=True, center=True)
        _merge(head_top[index], "restart")
        _merge(head_bottom[index], "continue")
    band = head_top[2].merge(head_top[3])
    _para(band, "Phân công thực hiện", size=12, bold=True, center=True)
    _para(head_bottom[2], "Chủ trì", size=12, bold=True, center=True)
    _para(head_bottom[3], "Phối hợp", size=12, bold=True, center=True)
    for offset, values in enumerate(rows):
        cells = table.rows[2 + offset].cells
        for index, text in enumerate(values):
            if text:
                _para(cells[index], text, size=12)
        _merge(cells[0], "restart" if values[0] else "continue")
    lead = table.rows[4].cells[2], table.rows[5].cells[2]  # "Văn phòng Sở" typed once, merged over two rows
    for paragraph in list(lead[1].paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    lead[1].add_paragraph()
    _merge(lead[0], "restart")
    _merge(lead[1], "continue")
    widths = (Mm(40), Mm(85), Mm(45), Mm(45), Mm(30))  # Word writes every cell's width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    band.width = widths[2] + widths[3]
    document.add_paragraph()  # Word always ends a document with a paragraph, never with a table


def typed_plan(path: Path, *, appendix_header: bool = False) -> Path:
    """Numbering typed in the text, header and signature in tables, a landscape appendix (with its
    own national header when ``appendix_header``)."""
    document = _document()
    _header_table(document)
    _title(document)
    _para(document, "I. MỤC ĐÍCH, YÊU CẦU", bold=True)
    _para(document, "1. Mục đích", bold=True)
    _para(document, "- Nâng cao chất lượng thể chế, thủ tục hành chính thuộc lĩnh vực tư pháp.")
    _para(document, "- Nâng cao Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của Sở.")
    _para(document, "2. Yêu cầu", bold=True)
    paragraph = _para(document, "- Các phòng xây dựng kế hoạch của phòng ")
    _run(paragraph, "(nếu có)", italic=True)
    _run(paragraph, " và báo cáo kết quả đúng hạn.")
    _para(document, "II. NHIỆM VỤ TRỌNG TÂM", bold=True)
    _para(document, "1. Cải cách thể chế", bold=True)
    _para(document, "- Rà soát, hệ thống hóa văn bản quy phạm pháp luật.")
    _para(document, "+ Văn bản do Hội đồng nhân dân tỉnh ban hành.")
    _para(document, "+ Văn bản do Ủy ban nhân dân tỉnh ban hành.")
    _para(document, "2. Cải cách thủ tục hành chính", bold=True)
    _para(document, "a) Kiểm soát thủ tục hành chính")
    _para(document, "- Công khai đầy đủ thủ tục hành chính.")
    _para(document, "b) Thực hiện cơ chế một cửa")
    _para(document, "- Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích.")
    _para(document, "(Chi tiết tại Phụ lục kèm theo)")
    _para(document, "III. TỔ CHỨC THỰC HIỆN", bold=True)
    paragraph = _para(document, "")
    _run(paragraph, "1. Văn phòng Sở:", bold=True)
    _run(paragraph, " theo dõi, đôn đốc, tổng hợp báo cáo kết quả thực hiện Kế hoạch.")
    _para(document, "Trong quá trình thực hiện, nếu có vướng mắc, các phòng báo cáo Giám đốc Sở để xem xét./.")
    _signature(document)
    _appendix(document, own_header=appendix_header)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


_NUMBERING = """<w:abstractNum {ns} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>"""
_BULLETS = """<w:abstractNum {ns} w:abstractNumId="91">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
</w:abstractNum>"""


def _numbered(document: Any, text: str, num_id: int, level: int, *, bold: bool = False) -> None:
    paragraph = _para(document, text, bold=bold)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))  # fmt: skip


def automatic_plan(path: Path) -> Path:
    """Word's automatic numbering and bullets; the header typed as paragraphs split by tabs."""
    document = _document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for xml in (_NUMBERING, _BULLETS):
        element = parse_xml(xml.format(ns=nsdecls("w")))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
    for num_id, abstract in ((90, 90), (91, 91)):
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/></w:num>'
        ))  # fmt: skip
    top = _para(document, "", center=False)
    _run(top, "UBND TỈNH NGHỆ AN\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13)
    second = _para(document, "")
    _run(second, "SỞ TƯ PHÁP", 13, bold=True)
    _run(second, "\t\t\tĐộc lập - Tự do - Hạnh phúc", 14, bold=True)
    third = _para(document, "")
    _run(third, "Số: 15/KH-STP\t\t", 13)
    _run(third, "Nghệ An, ngày 08 tháng 01 năm 2025", 14, italic=True)
    _title(document)
    _numbered(document, "MỤC ĐÍCH, YÊU CẦU", 90, 0, bold=True)
    _numbered(document, "Mục đích", 90, 1, bold=True)
    _numbered(document, "Nâng cao chất lượng thể chế, thủ tục hành chính thuộc lĩnh vực tư pháp.", 91, 0)
    _numbered(document, "Yêu cầu", 90, 1, bold=True)
    _numbered(document, "Các phòng xây dựng kế hoạch của phòng và báo cáo kết quả đúng hạn.", 91, 0)
    _numbered(document, "NHIỆM VỤ TRỌNG TÂM", 90, 0, bold=True)
    _numbered(document, "Cải cách thủ tục hành chính", 90, 1, bold=True)
    _numbered(document, "Kiểm soát thủ tục hành chính", 90, 2)
    _numbered(document, "Công khai đầy đủ thủ tục hành chính.", 91, 0)
    _numbered(document, "Thực hiện cơ chế một cửa", 90, 2)
    _numbered(document, "Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích.", 91, 0)
    _numbered(document, "Cải cách chế độ công vụ", 90, 1, bold=True)
    _numbered(document, "Đánh giá, xếp loại công chức theo kết quả thực hiện nhiệm vụ.", 91, 0)
    _numbered(document, "TỔ CHỨC THỰC HIỆN", 90, 0, bold=True)
    _para(document, "Văn phòng Sở theo dõi, đôn đốc, tổng hợp báo cáo kết quả thực hiện Kế hoạch.")
    _para(document, "Trong quá trình thực hiện, nếu có vướng mắc, các phòng báo cáo Giám đốc Sở để xem xét./.")
    _signature(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def varied_plan(path: Path) -> Path:
    """The less tidy habits: tên loại and trích yếu in one paragraph (Shift+Enter), two items in
    one paragraph (Shift+Enter), a table in the body, Nơi nhận and the signer typed as paragraphs
    split by tabs with the recipients in one paragraph, "PHỤ LỤC I. TITLE" on one line, a task
    table whose group rows are typed in unmerged cells ("I" and a bold title in capitals) and whose
    columns include two the format does not name ("Ghi chú", "Kinh phí")."""
    document = _document()
    _header_table(document)
    title = _para(document, "", center=True)
    _run(title, "KẾ HOẠCH\nCải cách hành chính năm 2025", bold=True)
    _para(document, "_______________", bold=True, center=True)  # the rule under the trích yếu, typed
    _para(document, INTRO)
    _para(document, "I. MỤC TIÊU", bold=True)
    _para(document, "- Nâng cao Chỉ số cải cách hành chính của Sở.")
    table = document.add_table(rows=3, cols=2)
    table.style = document.styles["Table Grid"]
    for row, (name, value) in zip(table.rows, [("Chỉ tiêu", "Năm 2025"), ("Hồ sơ đúng hạn", "100%"),
                                               ("Hồ sơ trực tuyến", "80%")], strict=True):  # fmt: skip
        row.cells[0].text, row.cells[1].text = name, value
    _para(document, "II. NHIỆM VỤ", bold=True)
    _para(document, "1. Cải cách thủ tục hành chính", bold=True)
    two_items = "- Công khai đầy đủ thủ tục hành chính.\n- Cập nhật thủ tục hành chính mới."  # Shift+Enter
    _para(document, two_items)
    _para(document, "(Chi tiết tại Phụ lục I kèm theo)")
    _para(document, "Trong quá trình thực hiện, nếu có vướng mắc, các phòng báo cáo Giám đốc Sở để xem xét./.")
    heading = _para(document, "")
    _run(heading, "Nơi nhận:", 12, bold=True, italic=True)
    _run(heading, "\t\t\t\tGIÁM ĐỐC", bold=True)
    recipients = _para(document, "")
    _run(recipients, "- UBND tỉnh (b/c);\n- Sở Nội vụ;\n- Lưu: VT, VP.", 11)
    _para(document, "\t\t\t\t\tNguyễn Văn Hùng", bold=True)
    section = document.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    _para(document, "PHỤ LỤC I. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025", bold=True, center=True)
    rows = [
        ("TT", "Nội dung công việc", "Đơn vị chủ trì", "Thời hạn", "Ghi chú", "Kinh phí (triệu đồng)"),
        ("I", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH", "", "", "", ""),
        ("1", "Công khai thủ tục hành chính", "Văn phòng Sở", "Quý I/2025", "Trên Cổng dịch vụ công", "15"),
        ("2", "Rà soát thủ tục hành chính", "Văn phòng Sở", "Quý III/2025", "", "20"),
        ("II", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", "", "", "", ""),
        ("1", "Đánh giá, xếp loại công chức", "Phòng Tổ chức", "Tháng 12/2025", "", ""),
    ]
    appendix = document.add_table(rows=len(rows), cols=6)
    appendix.style = document.styles["Table Grid"]
    for row, values in zip(appendix.rows, rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            if text:
                _para(cell, text, size=12, bold=values[0] in ("TT", "I", "II"), center=False)
    document.add_paragraph()
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
