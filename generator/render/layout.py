"""The document's geometry and type sizes: one profile inside Nghị định 30/2020/NĐ-CP's ranges.

Every number the template builder writes and the DOCX checker expects comes from here. The
ranges ND30 allows are in :mod:`generator.common.nd30`; this is our choice within them (the
"recommended default profile" of ``../shared/nd30.md`` §9b).
"""

from __future__ import annotations

from dataclasses import dataclass

FONT = "Times New Roman"


@dataclass(frozen=True)
class Page:
    """One page set-up (size, orientation, margins in mm)."""

    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    header: float = 10.0  # distance from the page edge to the page-number line

    @property
    def landscape(self) -> bool:
        """Whether the page is wider than tall."""
        return self.width > self.height

    @property
    def text_width(self) -> float:
        """Width between the margins, in mm."""
        return self.width - self.left - self.right


# A4 portrait for the plan; margins T20/B20/L30/R15: the common provincial choice (165 mm text).
PORTRAIT = Page(210, 297, top=20, bottom=20, left=30, right=15)
# A4 landscape for an appendix, inside the same ND30 ranges (252 mm of text width).
LANDSCAPE = Page(297, 210, top=20, bottom=20, left=30, right=15)


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points: the 13/14 set of ND30 Phụ lục I, Mục V (sizes move together)."""

    national_title: int = 13  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    motto: int = 14  # Độc lập - Tự do - Hạnh phúc
    parent_agency: int = 13
    agency: int = 13
    number: int = 13  # Số: 05/KH-SYT
    place_date: int = 14
    doc_type: int = 14  # KẾ HOẠCH
    title: int = 14  # trích yếu
    body: int = 14
    signer: int = 14
    recipients_heading: int = 12  # Nơi nhận:
    recipients: int = 11
    page_number: int = 14
    appendix_label: int = 14  # Phụ lục II
    appendix_title: int = 14
    appendix_attached: int = 14  # (Kèm theo Kế hoạch số …)
    table: int = 12
    draft_mark: int = 13


SIZES = Sizes()

# Body paragraphs: justified, first-line indent 1.27 cm, 6 pt before, single line spacing.
BODY_FIRST_LINE = 720
BODY_SPACE_BEFORE = 120
BODY_LINE = 240  # "auto" line spacing in 240ths: 240 = single, 360 = 1.5 lines

# Two-column tables: the national header and the Nơi nhận / signature block, in mm.
# The header is wider than the 165 mm text area and overhangs both margins by 5.5 mm, as the
# Government's own Mẫu 1.4 does (167.5 mm): the right cell must hold the 13 pt Quốc hiệu
# (95.7 mm) and a 14 pt date line such as "Thành phố Hồ Chí Minh, ngày 25 tháng 12 năm 2025"
# (106 mm) on one line.
HEADER_COLUMNS = (61.0, 115.0)
HEADER_OVERHANG = 5.5
SIGNATURE_COLUMNS = (72.0, 93.0)  # the signer centred at about 72 % of the text width
CELL_MARGIN = 1.905  # Word's default left and right cell margin, in mm
SIGNATURE_GAP = 28.0  # room for the signature and seal between title and name (25-35 mm)

# Short rules (ND30: under the agency name and the trích yếu, 1/3 to 1/2 of the line above).
RULE_FRACTION = 0.4
RULE_WIDTH_EIGHTHS = 6  # border width in eighths of a point (0.75 pt)

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
