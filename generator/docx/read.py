"""Read any DOCX back as the reader sees it: text with its effective formatting, tables, sections.

Used by ``kehoach check`` on documents it did not write (headers typed as paragraphs, styles
named in Vietnamese, theme fonts) and by the tests on the ones it did. Formatting is resolved
the way Word does for what we measure: direct properties over the character style over the
paragraph style chain over the document defaults; theme fonts are looked up in the theme.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

from lxml import etree

from generator.docx.model import (
    W_R,
    A,
    Cell,
    Para,
    R,
    Row,
    Run,
    Section,
    Story,
    Table,
    field_codes,
    is_on,
    paragraph_text,
    run_text,
    toggle,
    w,
)
from generator.docx.package import Package
from generator.docx.revisions import accept_all, has_revisions

_W_RPR = w("rPr")

__all__ = ["Cell", "DocxReader", "Para", "Row", "Run", "Section", "Story", "Table", "paragraph_text", "w"]


def _direct_key(properties: etree._Element | None) -> bytes:
    """What a ``w:pPr`` or ``w:rPr`` says, as a cache key; a bare style reference says nothing more."""
    if properties is None or (len(properties) == 1 and properties[0].tag == _PSTYLE):
        return b""
    return etree.tostring(properties)


# The paragraph style is in the key already; an rStyle changes the run, so it stays in the bytes.
_PSTYLE = w("pStyle")
_W_PPR, _W_SECTPR, _W_VAL = w("pPr"), w("sectPr"), w("val")


def _first(element: etree._Element, tag: str) -> etree._Element | None:
    """The properties child (``w:pPr``, ``w:rPr``), which the schema puts first; searched if not."""
    if len(element) and element[0].tag == tag:
        return element[0]
    return element.find(tag)


class DocxReader:
    """Parse a DOCX once; expose its body, tables and sections with effective formatting.

    Raises:
        ValueError: when the file is not a readable DOCX (not a zip, no document part).
        OSError: when the file cannot be opened at all (missing, a folder, no permission).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.package = Package(path)
        self.main = self.package.main
        try:
            self.document = self.package.xml(self.main)
        except (KeyError, etree.XMLSyntaxError) as exc:
            msg = f"document part unreadable: {exc}"
            raise ValueError(msg) from None
        if has_revisions(self.document):
            accept_all(self.document)  # a reader signs the accepted text
        self.rels = self.package.rels(self.main)
        self._layer_cache: dict[tuple[str | None, str], list[etree._Element]] = {}
        self._names: dict[str | None, str | None] = {}
        self._para_cache: dict[tuple[str | None, bytes], dict[str, Any]] = {}
        self._run_cache: dict[tuple[str | None, bytes], tuple[str | None, float | None, bool, bool, bool]] = {}
        self.styles = self._load_styles()
        self.theme_fonts = self._theme_fonts()

    # --- styles ----------------------------------------------------------------------------

    def _load_styles(self) -> dict[str, etree._Element]:
        name = self.package.part_by_type("/styles")
        self.defaults_rpr: etree._Element | None = None
        self.defaults_ppr: etree._Element | None = None
        self.default_paragraph_style: str | None = None
        if not name or name not in self.package.names:
            return {}
        root = self.package.xml(name)
        self.defaults_rpr = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        self.defaults_ppr = root.find(f"{w('docDefaults')}/{w('pPrDefault')}/{w('pPr')}")
        styles = {}
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"), "")
            styles[style_id] = style
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                self.default_paragraph_style = style_id
        return styles

    def _theme_fonts(self) -> dict[str, str]:
        name = self.package.part_by_type("/theme")
        if not name or name not in self.package.names:
            return {}
        root = self.package.xml(name)
        fonts = {}
        for kind in ("major", "minor"):
            latin = root.find(f".//{{{A}}}{kind}Font/{{{A}}}latin")
            if latin is not None:
                fonts[kind] = latin.get("typeface", "")
        return fonts

    def style_name(self, style_id: str | None) -> str | None:
        """The display name of a style."""
        if style_id not in self._names:
            style = self.styles.get(style_id or "")
            name = style.find(w("name")) if style is not None else None
            self._names[style_id] = name.get(w("val")) if name is not None else None
        return self._names[style_id]

    def _chain(self, style_id: str | None) -> list[etree._Element]:
        """A style and its ancestors, most general first."""
        chain: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.insert(0, style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return chain

    def _style_layers(self, style_id: str | None, tag: str) -> list[etree._Element]:
        """The ``w:pPr`` or ``w:rPr`` of a style and its ancestors, most general first (cached:
        an appendix has thousands of paragraphs of two or three styles)."""
        key = (style_id, tag)
        if key not in self._layer_cache:
            found = (style.find(w(tag)) for style in self._chain(style_id))
            self._layer_cache[key] = [element for element in found if element is not None]
        return self._layer_cache[key]

    def _ppr_layers(self, ppr: etree._Element | None, style_id: str | None) -> list[etree._Element]:
        layers = [self.defaults_ppr] if self.defaults_ppr is not None else []
        layers += self._style_layers(style_id, "pPr")
        if ppr is not None:
            layers.append(ppr)
        return layers

    def _rpr_layers(self, para_style: str | None, rpr: etree._Element | None) -> list[etree._Element]:
        layers = [self.defaults_rpr] if self.defaults_rpr is not None else []
        layers += self._style_layers(para_style, "rPr")
        if rpr is not None:
            run_style = rpr.find(w("rStyle"))
            if run_style is not None:
                layers += self._style_layers(run_style.get(w("val")), "rPr")
            layers.append(rpr)
        return layers

    # --- paragraphs ------------------------------------------------------------------------

    def para(self, element: etree._Element) -> Para:
        """A ``w:p`` element with its effective formatting."""
        ppr = _first(element, _W_PPR)
        style_id, section_end = self.default_paragraph_style, None
        if ppr is not None:
            for child in ppr:  # one pass for the two children read here
                if child.tag == _PSTYLE:
                    style_id = child.get(_W_VAL)
                elif child.tag == _W_SECTPR:
                    section_end = child
        # Resolved once per distinct style and direct formatting: a 3,000-row appendix has
        # 18,000 cell paragraphs written the same two or three ways.
        key = (style_id, _direct_key(ppr))
        if key not in self._para_cache:
            self._para_cache[key] = self._para_format(ppr, style_id)
        runs = []
        for run in element.iter(W_R):  # the paragraph's text is its runs' texts joined
            text = run_text(run)
            if text:
                runs.append(self._run(style_id, _first(run, _W_RPR), text))
        return Para(
            element=element,
            text="".join(run.text for run in runs),
            style_id=style_id,
            style_name=self.style_name(style_id),
            **self._para_cache[key],
            section_end=section_end,
            runs=runs,
        )

    def _para_format(self, ppr: etree._Element | None, style_id: str | None) -> dict[str, Any]:
        layers = self._ppr_layers(ppr, style_id)

        def last(tag: str) -> etree._Element | None:
            found = None
            for layer in layers:
                child = layer.find(w(tag))
                if child is not None:
                    found = child
            return found

        def attr(tag: str, name: str, default: int = 0) -> int:
            value: int = default
            for layer in layers:
                child = layer.find(w(tag))
                if child is not None and child.get(w(name)) is not None:
                    value = int(float(child.get(w(name), "0")))
            return value

        jc = last("jc")
        align = jc.get(w("val"), "left") if jc is not None else "left"
        align = {"start": "left", "end": "right", "distribute": "both"}.get(align, align)
        first = 0
        for layer in layers:  # a later firstLine cancels an earlier hanging and vice versa
            ind = layer.find(w("ind"))
            if ind is not None and ind.get(w("hanging")) is not None:
                first = -int(ind.get(w("hanging"), "0"))
            elif ind is not None and ind.get(w("firstLine")) is not None:
                first = int(ind.get(w("firstLine"), "0"))
        spacing_rule = "auto"
        for layer in layers:
            child = layer.find(w("spacing"))
            if child is not None and child.get(w("lineRule")):
                spacing_rule = child.get(w("lineRule"), "auto")
        border = last("pBdr")
        bottom = border.find(w("bottom")) if border is not None else None
        outline = last("outlineLvl")
        return {
            "align": align,
            "first_line": first,
            "left": attr("ind", "left", 0) or attr("ind", "start", 0),
            "right": attr("ind", "right", 0) or attr("ind", "end", 0),
            "before": attr("spacing", "before", 0),
            "after": attr("spacing", "after", 0),
            "line": attr("spacing", "line", 240),
            "line_rule": spacing_rule,
            "keep_next": bool(is_on(last("keepNext"))),
            "border_bottom": bottom is not None and bottom.get(w("val")) not in ("nil", "none"),
            "outline": int(outline.get(w("val"), "9")) if outline is not None else None,
        }

    def _run(self, para_style: str | None, rpr: etree._Element | None, text: str) -> Run:
        key = (para_style, _direct_key(rpr))
        if key not in self._run_cache:
            self._run_cache[key] = self._run_format(para_style, rpr)
        return Run(text, *self._run_cache[key])

    def _run_format(
        self, para_style: str | None, rpr: etree._Element | None
    ) -> tuple[str | None, float | None, bool, bool, bool]:
        font = None
        size = None
        bold = italic = caps = False
        for layer in self._rpr_layers(para_style, rpr):
            fonts = layer.find(w("rFonts"))
            if fonts is not None:
                theme = fonts.get(w("asciiTheme"))
                if fonts.get(w("ascii")):
                    font = fonts.get(w("ascii"))
                elif theme:
                    font = self.theme_fonts.get("major" if theme.startswith("major") else "minor", font)
            sz = layer.find(w("sz"))
            if sz is not None and sz.get(w("val")):
                size = int(sz.get(w("val"), "0")) / 2
            bold = toggle(layer, "b", bold)
            italic = toggle(layer, "i", italic)
            caps = toggle(layer, "caps", caps)
        return font, size, bold, italic, caps

    # --- tables ----------------------------------------------------------------------------

    def table(self, element: etree._Element) -> Table:
        """A ``w:tbl`` element with its rows, cells and properties."""
        tbl_pr = element.find(w("tblPr"))
        grid = [int(c.get(w("w"), "0")) for c in element.iter(w("gridCol"))]
        width_el = tbl_pr.find(w("tblW")) if tbl_pr is not None else None
        layout = tbl_pr.find(w("tblLayout")) if tbl_pr is not None else None
        borders = tbl_pr.find(w("tblBorders")) if tbl_pr is not None else None
        has_borders = borders is not None and any(b.get(w("val")) not in ("nil", "none") for b in borders)
        if borders is None and tbl_pr is not None and tbl_pr.find(w("tblStyle")) is not None:
            has_borders = True  # a table style (e.g. "Table Grid") usually draws borders
        rows = []
        # Clark names built once per table, not once per cell (a 3,000-row table has 18,000 cells).
        tr_, tr_pr_, tc_, tc_pr_, tc_w_, span_, merge_, p_ = (
            w(name) for name in ("tr", "trPr", "tc", "tcPr", "tcW", "gridSpan", "vMerge", "p")
        )
        val, width_attr = w("val"), w("w")
        for tr in element.findall(tr_):
            tr_pr = tr.find(tr_pr_)
            cells = []
            for tc in tr.findall(tc_):
                tc_pr = tc.find(tc_pr_)
                width = span_el = merge_el = None
                if tc_pr is not None:
                    width = tc_pr.find(tc_w_)
                    span_el = tc_pr.find(span_)
                    merge_el = tc_pr.find(merge_)
                merge = None
                if merge_el is not None:
                    merge = merge_el.get(val, "continue")
                cells.append(
                    Cell(
                        tc,
                        int(width.get(width_attr, "0")) if width is not None and width.get(width_attr) else None,
                        int(span_el.get(val, "1")) if span_el is not None else 1,
                        merge,
                        [self.para(p) for p in tc.iter(p_)],
                    )
                )
            rows.append(
                Row(
                    cells,
                    header=tr_pr is not None and bool(is_on(tr_pr.find(w("tblHeader")))),
                    cant_split=tr_pr is not None and bool(is_on(tr_pr.find(w("cantSplit")))),
                )
            )
        return Table(
            element,
            rows,
            grid,
            int(width_el.get(w("w"), "0")) if width_el is not None and width_el.get(w("w")) else None,
            layout is not None and layout.get(w("type")) == "fixed",
            has_borders,
        )

    # --- body and sections -----------------------------------------------------------------

    @cached_property
    def body(self) -> etree._Element:
        """The ``w:body`` element."""
        body = self.document.find(w("body"))
        if body is None:
            msg = "document has no body"
            raise ValueError(msg)
        return body

    @cached_property
    def items(self) -> list[Para | Table]:
        """Top-level paragraphs and tables of the body, in order."""
        out: list[Para | Table] = []
        for child in self.body:
            if child.tag == w("p"):
                out.append(self.para(child))
            elif child.tag == w("tbl"):
                out.append(self.table(child))
            elif child.tag == w("sdt"):
                content = child.find(w("sdtContent"))
                for inner in content if content is not None else []:
                    if inner.tag == w("p"):
                        out.append(self.para(inner))
                    elif inner.tag == w("tbl"):
                        out.append(self.table(inner))
        return out

    @cached_property
    def paragraphs(self) -> list[Para]:
        """Every paragraph of the body in order, those inside tables included."""
        out: list[Para] = []
        for item in self.items:
            if isinstance(item, Para):
                out.append(item)
            else:
                out.extend(p for row in item.rows for cell in row.cells for p in cell.paragraphs)
        return out

    @cached_property
    def tables(self) -> list[Table]:
        """Top-level tables of the body."""
        return [item for item in self.items if isinstance(item, Table)]

    @cached_property
    def sections(self) -> list[Section]:
        """Sections in order, each with the body items it holds and the headers it shows."""
        sections: list[Section] = []
        pending: list[Para | Table] = []
        previous: Section | None = None
        for item in self.items:
            pending.append(item)
            if isinstance(item, Para) and item.section_end is not None:
                previous = self._section(item.section_end, pending, previous)
                sections.append(previous)
                pending = []
        final = self.body.find(w("sectPr"))
        if final is not None or pending or not sections:
            sections.append(self._section(final, pending, previous))
        return sections

    def _section(self, sect_pr: etree._Element | None, items: list[Para | Table], previous: Section | None) -> Section:
        sect_pr = sect_pr if sect_pr is not None else etree.Element(w("sectPr"))
        size = sect_pr.find(w("pgSz"))
        margins = sect_pr.find(w("pgMar"))
        numbering = sect_pr.find(w("pgNumType"))

        def number(element: etree._Element | None, name: str, default: int) -> int:
            if element is None or element.get(w(name)) is None:
                return default
            return int(float(element.get(w(name), "0")))

        headers: dict[str, Story | None] = {}
        for ref in sect_pr.findall(w("headerReference")):
            part = self.rels.get(ref.get(f"{{{R}}}id", ""))
            if part and part in self.package.names:
                headers[ref.get(w("type"), "default")] = self._story(part)
        default = headers.get("default", previous.default_header if previous else None)
        first = headers.get("first", previous.first_header if previous else None)
        return Section(
            element=sect_pr,
            width=number(size, "w", 12240),
            height=number(size, "h", 15840),
            top=number(margins, "top", 1440),
            bottom=number(margins, "bottom", 1440),
            left=number(margins, "left", 1440),
            right=number(margins, "right", 1440),
            header_distance=number(margins, "header", 720),
            title_page=bool(is_on(sect_pr.find(w("titlePg")))),
            page_start=number(numbering, "start", 0) or None if numbering is not None else None,
            default_header=default,
            first_header=first,
            items=list(items),
        )

    def _story(self, part: str) -> Story:
        root = self.package.xml(part)
        paragraphs = [self.para(p) for p in root.iter(w("p"))]
        return Story(paragraphs, "PAGE" in field_codes(root))

    def part_texts(self) -> dict[str, str]:
        """Every referenced XML part's text content, for character-level checks (NFC, control codes)."""
        out = {}
        for name in self.package.referenced_xml_parts():
            if name.startswith(("word/", "docProps/")):
                try:
                    out[name] = self.package.read(name).decode("utf-8")
                except UnicodeDecodeError:
                    out[name] = ""
        return out
