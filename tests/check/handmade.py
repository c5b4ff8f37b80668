"""A Kế hoạch typed by hand in Word, rebuilt with python-docx: not our template, not our styles.

Header in a table made by hand, rules drawn as paragraph borders, numbering typed in the text,
a style named in Vietnamese, direct formatting, a simple PAGE field. ``handmade()`` gives a
correct document; each keyword breaks one ND30 rule.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm, Pt

MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _run(paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False, font: str = "Times New Roman"):
    run = paragraph.add_run(text)
    run.font.name = font
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return run


def _line(cell_or_doc, text: str, size: float, **style):
    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(0)
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, size, **style)
    return paragraph


def _rule(cell_or_doc, container_mm: float, length_mm: float) -> None:
    """An empty paragraph whose bottom border is centred and ``length_mm`` long."""
    paragraph = cell_or_doc.add_paragraph()
    side = (container_mm - length_mm) / 2
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>'
    ))  # fmt: skip


def handmade(
    path: Path,
    *,
    left_margin_mm: float = 30,
    month: str = "01",
    number: str = "05",
    motto: str = MOTTO,
    first_page_number: bool = False,
    recipient_line: str = "- Sở Nội vụ;",
    romans: tuple[str, ...] = ("I", "II", "III"),
    body_font: str = "Times New Roman",
) -> Path:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    body_style = document.styles.add_style("Nội dung văn bản", WD_STYLE_TYPE.PARAGRAPH)
    body_style.base_style = normal
    body_style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body_style.paragraph_format.first_line_indent = Cm(1)
    body_style.paragraph_format.space_before = Pt(6)
    body_style.paragraph_format.line_spacing = 1.15

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(left_margin_mm), Mm(20)
    section.different_first_page_header_footer = not first_page_number
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header._p.append(parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" '
        'w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:t>2</w:t></w:r></w:fldSimple>'
    ))  # fmt: skip

    table = document.add_table(rows=2, cols=2)
    widths = (Mm(62), Mm(103))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
            cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    left, right = table.rows[0].cells
    _line(left, "UBND TỈNH HÒA BÌNH", 13)
    _line(left, "SỞ Y TẾ", 13, bold=True)
    agency_line = 17.84  # "SỞ Y TẾ" at 13 pt bold, from the font file (tests/common/test_metrics.py)
    _rule(left, 62 - 2 * 1.905, agency_line * 0.45)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    _line(right, motto, 14, bold=True)
    _rule(right, 103 - 2 * 1.905, 60.46)  # the Tiêu ngữ at 14 pt bold, from the font file
    _line(table.rows[1].cells[0], f"Số: {number}/KH-SYT", 13)
    _line(table.rows[1].cells[1], f"Hòa Bình, ngày 15 tháng {month} năm 2024", 14, italic=True)

    document.add_paragraph()
    _line(document, "KẾ HOẠCH", 14, bold=True)
    _line(document, "Cải cách hành chính năm 2024", 14, bold=True)
    _rule(document, 210 - left_margin_mm - 20, 64.90 * 0.4)  # 2/5 of the title at 14 pt bold, from the font file

    def body(text: str, *, bold: bool = False) -> None:
        paragraph = document.add_paragraph(style="Nội dung văn bản")
        _run(paragraph, text, 14, bold=bold, font=body_font)

    body("Thực hiện Kế hoạch số 244/KH-UBND ngày 25/12/2023 của Ủy ban nhân dân tỉnh, Sở Y tế xây dựng kế hoạch.")
    headings = ["MỤC TIÊU, YÊU CẦU", "NỘI DUNG", "TỔ CHỨC THỰC HIỆN", "KINH PHÍ"]
    for numeral, heading in zip(romans, headings, strict=False):
        body(f"{numeral}. {heading}", bold=True)
        body("1. Mục tiêu chung", bold=True)
        body("- Tiếp tục cải cách thủ tục hành chính.")
        body("2. Yêu cầu", bold=True)
        body("- Xác định cải cách hành chính là nhiệm vụ trọng tâm.")
    body("Các phòng, đơn vị triển khai thực hiện kế hoạch này./.")

    signature = document.add_table(rows=1, cols=2)
    cells = signature.rows[0].cells
    for cell in cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    heading = cells[0].add_paragraph()
    _run(heading, "Nơi nhận:", 12, bold=True, italic=True)
    for text in ("- UBND tỉnh (b/c);", recipient_line, "- Lưu: VT, TCHC."):
        _run(cells[0].add_paragraph(), text, 11)
    for text in ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"):
        _line(cells[1], text, 14, bold=True)
    _line(cells[1], "", 14)
    _line(cells[1], "Nguyễn Văn An", 14, bold=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
