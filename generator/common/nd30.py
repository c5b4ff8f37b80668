"""What Nghị định 30/2020/NĐ-CP (Phụ lục I) allows: the ranges the DOCX check measures against.

:mod:`generator.render.layout` is our choice inside these ranges; this module is the law's side.
Clause references are to Phụ lục I unless stated; see ../shared/nd30.md for sources.
"""

from __future__ import annotations

# Page (I.1-I.3), in mm.
A4 = (210.0, 297.0)
PAGE_TOLERANCE_MM = 1.0
MARGINS_MM = {"top": (20.0, 25.0), "bottom": (20.0, 25.0), "left": (30.0, 35.0), "right": (15.0, 20.0)}
MARGIN_TOLERANCE_MM = 0.3  # rounding between mm and twips

FONT = "Times New Roman"  # I.4

# Sizes in points.
NATIONAL_TITLE_SIZES = (12.0, 13.0)  # II.1.a
MOTTO_SIZES = (13.0, 14.0)  # II.1.b; paired: 12 with 13, 13 with 14 (footnote of Mục V)
AGENCY_SIZES = (12.0, 13.0)  # II.2.b
NUMBER_SIZE = 13.0  # II.3.c
DATE_SIZES = (13.0, 14.0)  # II.4.c
TITLE_SIZES = (13.0, 14.0)  # II.5.b
BODY_SIZES = (13.0, 14.0)  # II.6.e
PAGE_NUMBER_SIZES = (13.0, 14.0)  # I.7
RECIPIENTS_HEADING_SIZE = 12.0  # II.9.d
RECIPIENT_SIZE = 11.0

# Body paragraphs (II.6.e), in twips.
FIRST_LINE_INDENTS = (567, 720)  # 1 cm or 1.27 cm
INDENT_TOLERANCE = 15
MIN_PARAGRAPH_SPACING = 120  # 6 pt between paragraphs
LINE_SPACING_AUTO = (240, 360)  # single to 1.5 lines

# Rules under the agency name and the trích yếu: 1/3 to 1/2 of the line above (II.2.b, II.5.b);
# under the Tiêu ngữ: as long as its line (II.1.b).
RULE_FRACTION = (1 / 3, 1 / 2)
RULE_TOLERANCE_MM = 1.5  # line widths are computed from font metrics, not measured

NATIONAL_TITLES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
MOTTO = "Độc lập - Tự do - Hạnh phúc"
AUTHORITIES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")

# ND30 Phụ lục III, Mục I: tên loại văn bản hành chính and their abbreviations.
DOCUMENT_TYPES = {
    "nghị quyết": "NQ", "quyết định": "QĐ", "chỉ thị": "CT", "quy chế": "QC", "quy định": "QyĐ",
    "thông cáo": "TC", "thông báo": "TB", "hướng dẫn": "HD", "chương trình": "CTr", "kế hoạch": "KH",
    "phương án": "PA", "đề án": "ĐA", "dự án": "DA", "báo cáo": "BC", "biên bản": "BB", "tờ trình": "TTr",
    "hợp đồng": "HĐ", "công điện": "CĐ", "bản ghi nhớ": "BGN", "bản thỏa thuận": "BTT", "giấy ủy quyền": "GUQ",
    "giấy mời": "GM", "giấy giới thiệu": "GGT", "giấy nghỉ phép": "GNP", "phiếu gửi": "PG", "phiếu chuyển": "PC",
    "phiếu báo": "PB",
}  # fmt: skip

CLAUSES = {
    "page": "Phụ lục I, I.1-I.3",
    "font": "Phụ lục I, I.4",
    "national_title": "Phụ lục I, II.1.a",
    "motto": "Phụ lục I, II.1.b và chú thích Mục V",
    "motto_rule": "Phụ lục I, II.1.b",
    "agency": "Phụ lục I, II.2",
    "agency_rule": "Phụ lục I, II.2.b",
    "number": "Phụ lục I, II.3",
    "date": "Phụ lục I, II.4",
    "title": "Phụ lục I, II.5",
    "title_rule": "Phụ lục I, II.5.b",
    "body": "Phụ lục I, II.6.e",
    "headings": "Phụ lục I, II.6.đ",
    "closing": "Phụ lục III, Mẫu 1.4 (kết thúc bằng “./.”)",
    "recipients": "Phụ lục I, II.9.d",
    "signer": "Phụ lục I, II.7",
    "page_numbers": "Phụ lục I, I.7",
    "appendix_pages": "Phụ lục I, III.1.đ",
    "appendix_head": "Phụ lục I, III.1.b-c",
    "appendix_pointer": "Phụ lục I, III.1.a",
    "characters": "Phụ lục I, I.4 (Unicode TCVN 6909:2001)",
}
