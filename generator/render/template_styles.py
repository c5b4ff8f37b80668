"""Paragraph styles of the template: every font size, indent and spacing of the document.

Styles rather than direct formatting, so that a secretariat can adjust the look in Word
(Home → Styles) without touching code, and so that the DOCX checker can find the parts of a
document by style name.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree

from generator.common.units import twips
from generator.render.layout import BODY_FIRST_LINE, BODY_LINE, BODY_SPACE_BEFORE, FONT, SIGNATURE_GAP, SIZES
from generator.render.ooxml import W_NS, el


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: its ID (ASCII, as docxtpl needs) and its properties."""

    style_id: str
    name: str
    size: int
    bold: bool = False
    italic: bool = False
    align: str = "both"  # both = justified
    first_line: int = 0
    left: int = 0
    hanging: int = 0
    before: int = 0
    after: int = 0
    line: int = BODY_LINE
    keep_next: bool = False
    outline: int | None = None
    caps: bool = False


def _body(style_id: str, name: str, **kwargs: object) -> StyleSpec:
    defaults: dict[str, object] = {
        "size": SIZES.body, "first_line": BODY_FIRST_LINE, "before": BODY_SPACE_BEFORE,
    }  # fmt: skip
    defaults.update(kwargs)
    return StyleSpec(style_id, name, **defaults)  # type: ignore[arg-type]


STYLES: tuple[StyleSpec, ...] = (
    # The body: justified, first-line indent 1.27 cm, 6 pt before, single spacing (ND30 II.6.e).
    _body("KhBody", "KH Đoạn văn"),
    _body("KhPart", "KH Phần (I.)", bold=True, keep_next=True, outline=0),
    _body("KhSection", "KH Mục (1.)", keep_next=True, outline=1),
    _body("KhSubsection", "KH Mục con (1.1.)", outline=2),
    _body("KhPoint", "KH Điểm (a)"),
    _body("KhItem", "KH Ý (-, +)"),
    # A note on its own line under an item or target (the unit in charge): italic body text.
    _body("KhNote", "KH Ghi chú (nghiêng)", italic=True),
    _body("KhClosing", "KH Đoạn kết", keep_next=True),
    # The national header (ô 1-4).
    StyleSpec("KhParentAgency", "KH Cơ quan chủ quản", SIZES.parent_agency, align="center"),
    StyleSpec("KhAgency", "KH Cơ quan ban hành", SIZES.agency, bold=True, align="center"),
    StyleSpec("KhNationalTitle", "KH Quốc hiệu", SIZES.national_title, bold=True, align="center"),
    StyleSpec("KhMotto", "KH Tiêu ngữ", SIZES.motto, bold=True, align="center"),
    StyleSpec("KhNumber", "KH Số ký hiệu", SIZES.number, align="center", before=160),
    StyleSpec("KhPlaceDate", "KH Địa danh ngày", SIZES.place_date, italic=True, align="center", before=160),
    StyleSpec("KhRule", "KH Đường kẻ", 2, align="center", line=240),
    StyleSpec("KhTitleRule", "KH Đường kẻ trích yếu", 2, align="center", after=240),
    StyleSpec("KhDocType", "KH Tên loại", SIZES.doc_type, bold=True, align="center", before=360),
    StyleSpec("KhTitle", "KH Trích yếu", SIZES.title, bold=True, align="center"),
    # Nơi nhận and the signature (ô 7, 9b).
    StyleSpec("KhRecipientsHeading", "KH Nơi nhận", SIZES.recipients_heading, bold=True, italic=True, align="left"),
    StyleSpec("KhRecipient", "KH Nơi nhận dòng", SIZES.recipients, align="left", left=170, hanging=170),
    StyleSpec("KhSigner", "KH Chức vụ người ký", SIZES.signer, bold=True, align="center"),
    StyleSpec("KhSignerName", "KH Họ tên người ký", SIZES.signer, bold=True, align="center", before=twips(SIGNATURE_GAP)),
    StyleSpec("KhSpacer", "KH Dòng trống", SIZES.body, align="left", keep_next=True),
    # Page header and the draft mark.
    StyleSpec("KhPageNumber", "KH Số trang", SIZES.page_number, align="center"),
    StyleSpec("KhDraftMark", "KH Dự thảo", SIZES.draft_mark, bold=True, align="right"),
    # Appendices (ND30 Phụ lục I, III.1; Mẫu 2.1).
    StyleSpec("KhBreak", "KH Ngắt phần", 1, align="left"),
    StyleSpec("KhAppendixLabel", "KH Phụ lục số", SIZES.appendix_label, bold=True, align="center"),
    StyleSpec("KhAppendixTitle", "KH Phụ lục tiêu đề", SIZES.appendix_title, bold=True, align="center"),
    StyleSpec("KhAppendixAttached", "KH Phụ lục kèm theo", SIZES.appendix_attached, italic=True, align="center"),
    StyleSpec("KhAppendixRule", "KH Đường kẻ phụ lục", 2, align="center", after=200),
    StyleSpec("KhTable", "KH Bảng", SIZES.table, align="left", before=40, after=40),
    StyleSpec("KhTableCenter", "KH Bảng giữa", SIZES.table, align="center", before=40, after=40),
    StyleSpec("KhTableHead", "KH Bảng tiêu đề", SIZES.table, bold=True, align="center", before=40, after=40),
    StyleSpec("KhTableGroup", "KH Bảng nhóm", SIZES.table, bold=True, align="left", before=40, after=40, keep_next=True),
    # A vertically merged group cell repeats on every row of its group: no "keep with next"
    # there, or Word would try to keep the whole group on one page.
    StyleSpec("KhTableMerged", "KH Bảng cột nhóm", SIZES.table, bold=True, align="left", before=40, after=40),
)  # fmt: skip


def _rfonts() -> etree._Element:
    return el("w:rFonts", {"w:ascii": FONT, "w:hAnsi": FONT, "w:cs": FONT, "w:eastAsia": FONT})


def set_document_defaults(document: DocxDocument) -> None:
    """Times New Roman 14 everywhere, Vietnamese proofing, no spacing unless a style says so."""
    styles = document.styles.element
    old = styles.find(qn("w:docDefaults"))
    if old is not None:
        styles.remove(old)
    defaults = el(
        "w:docDefaults",
        {},
        el(
            "w:rPrDefault",
            {},
            el(
                "w:rPr",
                {},
                _rfonts(),
                el("w:sz", {"w:val": SIZES.body * 2}),
                el("w:szCs", {"w:val": SIZES.body * 2}),
                el("w:lang", {"w:val": "vi-VN", "w:eastAsia": "vi-VN", "w:bidi": "ar-SA"}),
            ),
        ),
        el(
            "w:pPrDefault",
            {},
            el(
                "w:pPr",
                {},
                el(
                    "w:spacing",
                    {"w:before": 0, "w:after": 0, "w:line": BODY_LINE, "w:lineRule": "auto"},
                ),
            ),
        ),
    )
    styles.insert(0, defaults)
    # Word's built-in "Normal" must not bring back a theme font or other spacing.
    normal = document.styles["Normal"].element
    for child in list(normal):
        if child.tag in (qn("w:pPr"), qn("w:rPr")):
            normal.remove(child)
    normal.append(el("w:rPr", {}, _rfonts(), el("w:sz", {"w:val": SIZES.body * 2})))


def add_styles(document: DocxDocument) -> None:
    """Create every paragraph style of :data:`STYLES` in the document."""
    for spec in STYLES:
        style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        element = style.element
        element.set(qn("w:styleId"), spec.style_id)
        element.set(qn("w:customStyle"), "1")
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        for child in list(element):
            if child.tag in (qn("w:pPr"), qn("w:rPr")):
                element.remove(child)
        element.append(_ppr(spec))
        element.append(_rpr(spec))


def _ppr(spec: StyleSpec) -> etree._Element:
    ppr = el("w:pPr")
    if spec.keep_next:
        ppr.append(el("w:keepNext"))
    ppr.append(
        el(
            "w:spacing",
            {
                "w:before": spec.before,
                "w:after": spec.after,
                "w:line": spec.line,
                "w:lineRule": "auto",
            },
        )
    )
    ind: dict[str, str | int] = {"w:left": spec.left, "w:right": 0}
    if spec.hanging:
        ind["w:hanging"] = spec.hanging
    else:
        ind["w:firstLine"] = spec.first_line
    ppr.append(el("w:ind", ind))
    ppr.append(el("w:jc", {"w:val": spec.align}))
    if spec.outline is not None:
        ppr.append(el("w:outlineLvl", {"w:val": spec.outline}))
    return ppr


def _rpr(spec: StyleSpec) -> etree._Element:
    rpr = el("w:rPr", {}, _rfonts())
    if spec.bold:
        rpr.extend([el("w:b"), el("w:bCs")])
    if spec.italic:
        rpr.extend([el("w:i"), el("w:iCs")])
    if spec.caps:
        rpr.append(el("w:caps"))
    rpr.extend([el("w:sz", {"w:val": spec.size * 2}), el("w:szCs", {"w:val": spec.size * 2})])
    return rpr


STYLE_BY_ID = {spec.style_id: spec for spec in STYLES}

__all__ = ["STYLES", "STYLE_BY_ID", "W_NS", "StyleSpec", "add_styles", "set_document_defaults"]
