"""Small WordprocessingML builders shared by the template builder and the renderer.

python-docx has no API for fields, paragraph borders, row properties or page-number restarts,
so these are written as XML. Element order inside ``w:pPr``, ``w:rPr``, ``w:sectPr`` and
``w:tcPr`` follows the schema: Word refuses files that put them in another order.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from generator.common.emphasis import has_marks, spans
from generator.common.text import xml_text
from generator.common.units import twips
from generator.render.layout import FONT, Page

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def el(tag: str, attrs: dict[str, str | int] | None = None, *children: etree._Element) -> etree._Element:
    """``el("w:jc", {"w:val": "center"})`` → an OxmlElement."""
    element = OxmlElement(tag)
    for name, value in (attrs or {}).items():
        element.set(qn(name), str(value))
    for child in children:
        element.append(child)
    return element


# --- paragraph and run properties as XML strings (for generated content) -------------------


def rpr_xml(*, size: int | None = None, bold: bool = False, italic: bool = False) -> str:
    """A ``w:rPr`` with the project font; sizes in points."""
    parts = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if size is not None:
        parts.append(f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def text_content(text: str) -> str:
    """A run's content: ``w:t`` pieces, with its line breaks and tabs as Word writes them.

    Written here, not by docxtpl: tables are inserted after docxtpl renders, and runs made for
    emphasis are markup, which docxtpl's pass that turns "\n" into ``<w:br/>`` never sees.
    """
    out = []
    for line_index, line in enumerate(text.split("\n")):
        if line_index:
            out.append("<w:br/>")
        for tab_index, piece in enumerate(line.split("\t")):
            if tab_index:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{xml_text(piece)}</w:t>')
    return "".join(out)


def _emphasis(bold: bool, italic: bool) -> str:
    inner = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def runs_xml(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """The runs of a text, its ``*nghiêng*`` and ``**đậm**`` spans as italic and bold runs.

    ``bold``/``italic``: the emphasis the whole text already has (a heading's bold run).
    """
    pieces = spans(text) if has_marks(text) else [None]
    out = []
    for span in pieces:
        content = text_content(text if span is None else span.text)
        if not content:
            continue
        emphasis = _emphasis(bold or bool(span and span.bold), italic or bool(span and span.italic))
        out.append(f"<w:r>{emphasis}{content}</w:r>")
    return "".join(out)


def spliced_runs(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """Runs to stand inside a template run's ``<w:t>``: it is closed, the runs follow, and a run
    like it (same bold and italic, empty) is opened again for the template's closing tags."""
    reopen = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + "</w:rPr>"
    reopen = reopen if (bold or italic) else ""
    return f'</w:t></w:r>{runs_xml(text, bold=bold, italic=italic)}<w:r>{reopen}<w:t xml:space="preserve">'


def rule_paragraph_xml(style: str, container_twips: int, rule_twips: int) -> str:
    """An empty paragraph whose bottom border is a centred rule ``rule_twips`` long.

    The border runs between the paragraph's indents, so the indents centre it in the container.
    A border on an empty paragraph is what Word users draw too: it stays editable.
    """
    side = max(0, (container_twips - rule_twips) // 2)
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>'
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'
        f'<w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/><w:jc w:val="center"/>'
        "</w:pPr></w:p>"
    )


# --- sections ----------------------------------------------------------------------------


def set_page(sect_pr: etree._Element, page: Page, *, restart_numbering: bool) -> None:
    """Write page size, orientation, margins and numbering into a ``w:sectPr`` in place.

    Used by the template builder for the plan's section and by the renderer to turn the last
    section into a landscape appendix, so both always agree.
    """
    for tag in ("w:pgSz", "w:pgMar", "w:pgNumType", "w:titlePg"):
        for old in sect_pr.findall(qn(tag)):
            sect_pr.remove(old)
    size = el("w:pgSz", {"w:w": twips(page.width), "w:h": twips(page.height)})
    if page.landscape:
        size.set(qn("w:orient"), "landscape")
    margins = el(
        "w:pgMar",
        {
            "w:top": twips(page.top),
            "w:right": twips(page.right),
            "w:bottom": twips(page.bottom),
            "w:left": twips(page.left),
            "w:header": twips(page.header),
            "w:footer": twips(page.header),
            "w:gutter": 0,
        },
    )
    for child in (size, margins):
        _insert_in_order(sect_pr, child)
    if restart_numbering:
        _insert_in_order(sect_pr, el("w:pgNumType", {"w:start": 1}))
    # titlePg: the first page of the section shows the (empty) first-page header, i.e. no number.
    _insert_in_order(sect_pr, el("w:titlePg"))


# The children of w:sectPr in the order the schema (CT_SectPr) requires.
_SECT_PR_ORDER = tuple(
    qn(f"w:{name}")
    for name in (
        "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
        "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
        "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
    )
)  # fmt: skip


def _insert_in_order(sect_pr: etree._Element, child: etree._Element) -> None:
    """Insert ``child`` before the first existing element the schema puts after it."""
    rank = _SECT_PR_ORDER.index(child.tag)
    for index, existing in enumerate(sect_pr):
        if existing.tag in _SECT_PR_ORDER and _SECT_PR_ORDER.index(existing.tag) > rank:
            sect_pr.insert(index, child)
            return
    sect_pr.append(child)


def appendix_section(body_sect_pr: etree._Element, page: Page) -> etree._Element:
    """A copy of the plan's section properties turned into an appendix section.

    Same header parts (so the page number stays centred at the top and page 1 stays bare),
    landscape, and numbering restarting at 1 as ND30 Phụ lục I, III.1.đ requires.
    """
    sect_pr = copy.deepcopy(body_sect_pr)
    set_page(sect_pr, page, restart_numbering=True)
    sect_pr.set(qn("w:rsidR"), sect_pr.get(qn("w:rsidR"), "00000000"))
    return sect_pr


def add_page_field(paragraph_element: etree._Element, rpr: str) -> None:
    """Append a ``{ PAGE }`` complex field to a paragraph (``w:p``) element."""
    run_props = etree.fromstring(f'<w:r xmlns:w="{W_NS}">{rpr}</w:r>')[0]

    def run(*children: etree._Element) -> None:
        r = el("w:r")
        r.append(copy.deepcopy(run_props))
        for child in children:
            r.append(child)
        paragraph_element.append(r)

    run(el("w:fldChar", {"w:fldCharType": "begin"}))
    instr = el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    run(instr)
    run(el("w:fldChar", {"w:fldCharType": "separate"}))
    cached = el("w:t")
    cached.text = "2"  # Word and LibreOffice recompute the field when the page is laid out.
    run(cached)
    run(el("w:fldChar", {"w:fldCharType": "end"}))
