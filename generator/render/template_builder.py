"""Build ``templates/kehoach.docx``, the docxtpl template every plan is rendered through.

The template is generated rather than drawn in Word so that its row, section and field
properties are explicit and reviewable, and tags are never split across runs. Open the result
in Word to see (and restyle) it; run ``make template`` to regenerate it after changing this file.
Rules for tag paragraphs (docxtpl): a ``{%p %}`` paragraph holds only its tag; section-break
paragraphs hold no tag; every table cell keeps one static paragraph.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any, cast

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.section import _BaseHeaderFooter as BaseStoryPart
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from generator.common.metrics import text_width_mm
from generator.common.units import twips
from generator.render.docxsave import docx_bytes
from generator.render.layout import (
    CELL_MARGIN,
    HEADER_COLUMNS,
    HEADER_OVERHANG,
    LANDSCAPE,
    MOTTO,
    NATIONAL_TITLE,
    PORTRAIT,
    SIGNATURE_COLUMNS,
    SIZES,
)
from generator.render.ooxml import W_NS, add_page_field, appendix_section, el, rpr_xml, rule_paragraph_xml, set_page
from generator.render.provenance import TEMPLATE_PATH
from generator.render.template_styles import STYLE_BY_ID, add_styles, set_document_defaults


def build_template() -> bytes:
    """The template as DOCX bytes (deterministic)."""
    document = docx.Document()
    set_document_defaults(document)
    add_styles(document)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _page_setup(document)
    _national_header(document)
    _title(document)
    _body(document)
    _signature(document)
    _appendices(document)
    _clear_properties(document)
    return docx_bytes(document)


def write_template(path: Path = TEMPLATE_PATH) -> None:
    """Write the template file (used by ``make template``)."""
    from generator.common.fileio import write_bytes_atomic

    write_bytes_atomic(path, build_template())


# --- pieces ---------------------------------------------------------------------------------


def _para(container: DocxDocument | _Cell | BaseStoryPart, style: str, text: str = "") -> Paragraph:
    paragraph = container.add_paragraph(style=STYLE_BY_ID[style].name)
    if text:
        paragraph.add_run(text)
    return paragraph


def _tag(container: DocxDocument | _Cell | BaseStoryPart, tag: str) -> None:
    """A paragraph holding only a docxtpl paragraph tag such as ``{%p for x in xs %}``."""
    _para(container, "KhBody", tag)


def _node(element: Any) -> etree._Element:
    """python-docx types its elements so that they only accept children of their own class."""
    return cast(etree._Element, element)


def _raw(cell: _Cell, xml: str) -> None:
    _node(cell._tc).append(etree.fromstring(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>')[0])


def _page_setup(document: DocxDocument) -> None:
    section = document.sections[0]
    set_page(section._sectPr, PORTRAIT, restart_numbering=False)
    # Page numbers: centred at the top, none on page 1 (ND30 Phụ lục I, I.7).
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.style = STYLE_BY_ID["KhPageNumber"].name
    add_page_field(number._p, rpr_xml(size=SIZES.page_number))
    # Page 1 carries no number; a draft shows a boxed "DỰ THẢO" there instead.
    first = section.first_page_header
    tag = first.paragraphs[0]
    tag.style = STYLE_BY_ID["KhBody"].name
    tag.add_run("{%p if draft %}")
    mark = _para(first, "KhDraftMark", "DỰ THẢO")
    border = el("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        border.append(el(f"w:{side}", {"w:val": "single", "w:sz": 8, "w:space": 2, "w:color": "000000"}))
    _node(mark._p.get_or_add_pPr()).insert(1, border)
    _tag(first, "{%p endif %}")
    _para(first, "KhPageNumber")  # a header keeps one static paragraph


def _table(document: DocxDocument, widths_mm: tuple[float, ...], rows: int, overhang: float = 0.0) -> Table:
    """A borderless, fixed-layout table; ``overhang`` mm into each margin."""
    table: Table = document.add_table(rows=rows, cols=len(widths_mm))
    tbl_pr = _node(table._tbl.tblPr)
    # Written whole, in the order of CT_TblPr (ECMA-376 §17.4.60): python-docx's own tblW and
    # style are replaced, not added to; Word refuses a second tblW or one out of order.
    for child in list(tbl_pr):
        tbl_pr.remove(child)
    tbl_pr.append(el("w:tblW", {"w:w": sum(twips(w) for w in widths_mm), "w:type": "dxa"}))
    if overhang:
        tbl_pr.append(el("w:tblInd", {"w:w": -twips(overhang), "w:type": "dxa"}))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", {"w:val": "nil"}))
    tbl_pr.append(borders)
    tbl_pr.append(el("w:tblLayout", {"w:type": "fixed"}))
    margins = el("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(el(f"w:{side}", {"w:w": twips(CELL_MARGIN), "w:type": "dxa"}))
    tbl_pr.append(margins)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(twips(width)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = twips(width) * 635  # EMU
            for paragraph in list(cell.paragraphs):
                paragraph._p.getparent().remove(paragraph._p)
    return table


def _national_header(document: DocxDocument) -> None:
    table = _table(document, HEADER_COLUMNS, rows=2, overhang=HEADER_OVERHANG)
    left, right = table.rows[0].cells
    _tag(left, "{%p if header.parent %}")
    _para(left, "KhParentAgency", "{{ header.parent }}")
    _tag(left, "{%p endif %}")
    _para(left, "KhAgency", "{{ header.agency }}")
    _para(left, "KhRule", "{{p header.agency_rule }}")
    _para(right, "KhNationalTitle", NATIONAL_TITLE)
    _para(right, "KhMotto", MOTTO)
    # ND30 Phụ lục I, II.1.b: a solid rule as long as the Tiêu ngữ line.
    inner = twips(HEADER_COLUMNS[1] - 2 * CELL_MARGIN)
    _raw(
        right,
        rule_paragraph_xml("KhRule", inner, twips(text_width_mm(MOTTO, SIZES.motto, bold=True))),
    )
    number, date = table.rows[1].cells
    _para(number, "KhNumber", "{{ header.number_line }}")
    _para(date, "KhPlaceDate", "{{ header.date_line }}")


def _title(document: DocxDocument) -> None:
    _para(document, "KhDocType", "{{ doc_type }}")
    _para(document, "KhTitle", "{{ title }}")
    _para(document, "KhTitleRule", "{{p title_rule }}")


def _body(document: DocxDocument) -> None:
    _tag(document, "{%p for text in opening %}")
    _para(document, "KhBody", "{{ text }}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p for b in blocks %}")
    branches = (
        ("part", "KhPart"),
        ("section", "KhSection"),
        ("subsection", "KhSubsection"),
        ("point", "KhPoint"),
        ("item", "KhItem"),
        ("note", "KhNote"),
    )
    for index, (kind, style) in enumerate(branches):
        _tag(document, f'{{%p {"if" if index == 0 else "elif"} b.kind == "{kind}" %}}')
        paragraph = _para(document, style)
        head = paragraph.add_run("{{ b.head }}")
        head.bold = kind in ("part", "section", "subsection")
        head.italic = kind == "subsection"
        paragraph.add_run("{{ b.text }}")
    _tag(document, "{%p else %}")
    _para(document, "KhBody", "{{ b.text }}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _para(document, "KhClosing", "{{ closing }}")
    _para(document, "KhSpacer")


def _signature(document: DocxDocument) -> None:
    table = _table(document, SIGNATURE_COLUMNS, rows=1)
    row_pr = table.rows[0]._tr.get_or_add_trPr()
    _node(row_pr).append(el("w:cantSplit"))  # Nơi nhận and the signature stay on one page
    left, right = table.rows[0].cells
    _para(left, "KhRecipientsHeading", "Nơi nhận:")
    _tag(left, "{%p for line in recipients %}")
    _para(left, "KhRecipient", "{{ line }}")
    _tag(left, "{%p endfor %}")
    _tag(right, "{%p for line in signer.lines %}")
    _para(right, "KhSigner", "{{ line }}")
    _tag(right, "{%p endfor %}")
    _para(right, "KhSignerName", "{{ signer.name }}")


def _appendices(document: DocxDocument) -> None:
    """One landscape section per appendix, after the signature.

    The break before appendix 1 ends the plan's (portrait) section; the break before appendix
    k ends appendix k-1's (landscape) section. The document's last section properties stay
    portrait here, so a plan without appendices is exactly the template; the renderer turns
    them landscape when appendices follow (docxtpl tags cannot change a section).
    """
    body_sect_pr = document.sections[0]._sectPr
    _tag(document, "{%p for a in appendices %}")
    _tag(document, "{%p if loop.first %}")
    _break(document, copy.deepcopy(body_sect_pr))
    _tag(document, "{%p else %}")
    _break(document, appendix_section(body_sect_pr, LANDSCAPE))
    _tag(document, "{%p endif %}")
    _para(document, "KhAppendixLabel", "{{ a.label }}")
    _para(document, "KhAppendixTitle", "{{ a.title }}")
    _para(document, "KhAppendixAttached", "{{ a.attached }}")
    _para(document, "KhAppendixRule", "{{p a.rule }}")
    _para(document, "KhBody", "{{p a.table }}")
    _para(document, "KhBreak")  # a table cannot end a section: Word wants a paragraph after it
    _tag(document, "{%p endfor %}")
    # add_paragraph inserts before the body's sectPr, so it stays last.


def _break(document: DocxDocument, sect_pr: etree._Element) -> None:
    paragraph = _para(document, "KhBreak")
    _node(paragraph._p.get_or_add_pPr()).append(sect_pr)


_KEPT_BUILT_IN_STYLES = {
    "Normal",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
    "Header",
    "Footer",
}


def _prune_styles(document: DocxDocument) -> None:
    """Keep only the styles the template uses: python-docx's blank document brings 160 of them
    and 800 KB of XML that every build would otherwise load and compress again."""
    styles = document.styles.element
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    for style in styles.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"), "")
        if style_id not in _KEPT_BUILT_IN_STYLES and not style_id.startswith("Kh"):
            styles.remove(style)
    # A kept style may link to a pruned one (Header → HeaderChar): Word reports the dangling
    # reference as an error, so every reference must name a style that is still there.
    kept = {style.get(qn("w:styleId")) for style in styles.findall(qn("w:style"))}
    for style in styles.findall(qn("w:style")):
        for reference in style.findall(qn("w:link")) + style.findall(qn("w:basedOn")) + style.findall(qn("w:next")):
            if reference.get(qn("w:val")) not in kept:
                style.remove(reference)


def _clear_properties(document: DocxDocument) -> None:
    # python-docx's blank document carries a thumbnail of itself and a bibliography part;
    # a file manager would show that picture as the preview of every plan.
    package = document.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]
    # The numbering part too: the tool writes its labels as text, and the blank document's list
    # definitions point at the list styles the pruning removes.
    for key, rel in list(document.part.rels.items()):
        if rel.reltype.endswith(("/customXml", "/stylesWithEffects", "/numbering")):
            del document.part.rels[key]
    _prune_styles(document)
    # python-docx's settings say zoom "bestFit" without the percentage the schema requires.
    for zoom in document.settings.element.findall(qn("w:zoom")):
        zoom.set(qn("w:percent"), "100")
    props = document.core_properties
    props.author = ""
    props.title = ""
    props.subject = ""
    props.comments = ""
    props.keywords = ""
    props.last_modified_by = ""
    props.category = ""
    props.revision = 1
    fixed = dt.datetime(2020, 3, 5, tzinfo=dt.UTC)
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed


if __name__ == "__main__":  # pragma: no cover - `make template`
    write_template()
    print(f"Đã tạo {TEMPLATE_PATH.relative_to(Path.cwd())}")
