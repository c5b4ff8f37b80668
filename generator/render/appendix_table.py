"""The appendix task table as WordprocessingML: columns, grouped rows, merges, repeated heading.

Generated as XML rather than with docxtpl's ``{%tc %}``/``{% vm %}`` tags because each plan
chooses its columns, widths and two-level heading: docxtpl rebuilds ``tblGrid`` but not the
cell widths (issues #179, #523), cannot merge a column by an outer loop (#535), and its tags
cannot set ``gridSpan`` and ``vMerge`` together. The text goes through :func:`~generator.render.ooxml.runs_xml`, so no
value can break out of its cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.common.emphasis import plain
from generator.common.metrics import printed_lines_mm
from generator.common.numbering import roman
from generator.common.text import upper_vi
from generator.common.units import mm, twips
from generator.plan.appendix_schema import MERGEABLE, SAME_AS_ABOVE, Appendix, Column, Group, Row, SubGroup
from generator.render.layout import CELL_MARGIN, LANDSCAPE, SIZES
from generator.render.ooxml import runs_xml

# The two ready layouts of the issue, with (field, heading, relative width).
PRESETS: dict[str, tuple[tuple[str, str, float], ...]] = {
    "common": (
        ("number", "TT", 5),
        ("task", "Nhiệm vụ", 36),
        ("lead", "Chủ trì", 15),
        ("partners", "Phối hợp", 17),
        ("product", "Kết quả/Sản phẩm", 16),
        ("deadline", "Thời gian hoàn thành", 11),
    ),
    "thanh-hoa": (
        ("group", "Nhiệm vụ chung", 11),
        ("task", "Nhiệm vụ cụ thể", 31),
        ("product", "Sản phẩm", 16),
        ("lead", "Cơ quan chủ trì", 14),
        ("partners", "Cơ quan phối hợp", 17),
        ("deadline", "Thời gian thực hiện", 11),
    ),
}
DEFAULT_HEADINGS = {
    "number": "TT", "group": "Nhóm nhiệm vụ", "task": "Nhiệm vụ", "product": "Sản phẩm",
    "lead": "Chủ trì", "partners": "Phối hợp", "deadline": "Thời gian", "note": "Ghi chú", "status": "Tình trạng",
}  # fmt: skip
DEFAULT_WIDTHS = {
    "number": 5, "group": 12, "task": 34, "product": 16, "lead": 15, "partners": 17,
    "deadline": 11, "note": 10, "status": 10,
}  # fmt: skip
_CENTRED = {"number", "deadline"}
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


@dataclass(frozen=True)
class TableColumn:
    """A column as printed: field, heading, band and width in twips."""

    field: str
    heading: str
    band: str | None
    width: int


def columns_for(appendix: Appendix) -> list[TableColumn]:
    """The appendix's columns with widths scaled to fill the landscape text width exactly."""
    chosen: list[tuple[str, str, float, str | None]]
    if appendix.columns:
        chosen = [
            (
                c.field,
                c.heading or DEFAULT_HEADINGS[c.field],
                c.width or DEFAULT_WIDTHS[c.field],
                c.band,
            )
            for c in appendix.columns
        ]
    else:
        chosen = [(f, h, w, None) for f, h, w in PRESETS[appendix.layout]]
    total = twips(LANDSCAPE.text_width)
    weight = sum(w for _, _, w, _ in chosen)
    widths = [int(total * w / weight) for _, _, w, _ in chosen]
    widths[-1] += total - sum(widths)  # rounding goes to the last column; the sum is exact
    return [TableColumn(f, h, b, w) for (f, h, _, b), w in zip(chosen, widths, strict=True)]


def _cell(
    text: str, width: int, style: str = "KhTable", *, span: int = 1, merge: str | None = None, keep_next: bool = False
) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge:
        props += f'<w:vMerge w:val="{merge}"/>'
    props += '<w:vAlign w:val="center"/>' if style == "KhTableHead" else ""
    run = runs_xml(text) if text else ""
    keep = "<w:keepNext/>" if keep_next else ""
    paragraph = f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}</w:pPr>{run}</w:p>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraph}</w:tc>"


def _row(cells: list[str], *, header: bool = False, at_least: int | None = None) -> str:
    # CT_TrPr's children may come in any order; this one is Word's own.
    props = "<w:cantSplit/>" + (f'<w:trHeight w:val="{at_least}" w:hRule="atLeast"/>' if at_least else "")
    props += "<w:tblHeader/>" if header else ""
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def _heading_rows(columns: list[TableColumn]) -> list[str]:
    if not any(c.band for c in columns):
        return [_row([_cell(c.heading, c.width, "KhTableHead") for c in columns], header=True)]
    top: list[str] = []
    bottom: list[str] = []
    index = 0
    while index < len(columns):
        column = columns[index]
        if column.band is None:
            top.append(_cell(column.heading, column.width, "KhTableHead", merge="restart"))
            bottom.append(_cell("", column.width, "KhTableHead", merge="continue"))
            index += 1
            continue
        run = list(columns[index:])
        run = run[: next((i for i, c in enumerate(run) if c.band != column.band), len(run))]
        top.append(_cell(column.band, sum(c.width for c in run), "KhTableHead", span=len(run)))
        bottom.extend(_cell(c.heading, c.width, "KhTableHead") for c in run)
        index += len(run)
    return [_row(top, header=True), _row(bottom, header=True, at_least=_merged_heading_room(columns))]


# Single line spacing of Times New Roman / Liberation Serif: 1.15 em; the heading paragraphs add
# 2 pt before and after (KhTableHead).
_LINE_TWIPS_PER_PT = 1.15 * 20
_HEAD_SPACING_TWIPS = 80


def _lines(text: str, width_twips: int) -> int:
    return len(printed_lines_mm(plain(text), SIZES.table, mm(width_twips) - 2 * CELL_MARGIN, bold=True))


def _merged_heading_room(columns: list[TableColumn]) -> int | None:
    """The height the second heading row needs so that a heading merged over both rows fits.

    A merged heading of three lines over two rows of one line each was clipped where
    LibreOffice repeats the heading rows on later pages: the second row is given at least the
    height the merged text needs beyond the first row.
    """
    merged = [_lines(c.heading, c.width) for c in columns if c.band is None]
    if not merged:
        return None
    band_lines = max(_lines(c.band or "", sum(o.width for o in columns if o.band == c.band)) for c in columns if c.band)
    line = SIZES.table * _LINE_TWIPS_PER_PT
    needed = max(merged) * line + _HEAD_SPACING_TWIPS
    first_row = band_lines * line + _HEAD_SPACING_TWIPS
    return round(needed - first_row) if needed - first_row > line + _HEAD_SPACING_TWIPS else None


# ``number: none``: a row printed without a number.
UNNUMBERED = "none"


def _group_title(group: Group | SubGroup, areas: dict[str, str]) -> str:
    if group.title:
        return group.title
    return areas[group.area] if group.area else ""


def _sections(group: Group) -> Iterator[tuple[SubGroup | None, list[Row]]]:
    """A group's direct rows, then each sub-group with its rows."""
    if group.rows:
        yield None, group.rows
    for sub in group.groups:
        yield sub, sub.rows


def table_xml(appendix: Appendix, areas: dict[str, str]) -> str:
    """The whole ``<w:tbl>`` of an appendix."""
    return _TableWriter(columns_for(appendix), areas, list(appendix.merge)).write(appendix)


class _TableWriter:
    """Writes the rows of one table; keeps the state of the group being written."""

    def __init__(self, columns: list[TableColumn], areas: dict[str, str], merge: list[str]) -> None:
        self.columns = columns
        self.merge = merge
        self.areas = areas
        fields = [c.field for c in columns]
        self.merged = fields[0] == "group"  # Thanh Hóa: the group named in a merged first column
        self.numbered_column = "number" in fields
        self.group_label = ""
        self.group_rows = 0  # rows written so far in the current group

    def write(self, appendix: Appendix) -> str:
        sides = ("top", "left", "bottom", "right", "insideH", "insideV")
        borders = "".join(_BORDER.format(side) for side in sides)
        margins = '<w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        parts = [
            "<w:tbl><w:tblPr>",
            f'<w:tblW w:w="{sum(c.width for c in self.columns)}" w:type="dxa"/>',
            f"<w:tblBorders>{borders}</w:tblBorders>",
            '<w:tblLayout w:type="fixed"/>',
            f"<w:tblCellMar>{margins}</w:tblCellMar>",
            "</w:tblPr><w:tblGrid>",
            *(f'<w:gridCol w:w="{c.width}"/>' for c in self.columns),
            "</w:tblGrid>",
            *_heading_rows(self.columns),
        ]
        groups = [g for g in appendix.groups if any(rows for _, rows in _sections(g))]
        for index, group in enumerate(groups, 1):
            parts.extend(self._group(index, group))
        parts.append("</w:tbl>")
        return "".join(parts)

    def _group(self, index: int, group: Group) -> Iterator[str]:
        title = _group_title(group, self.areas)
        label = group.label or roman(index)
        self.group_label = f"{label}. {title}"
        self.group_rows = 0
        if not self.merged:
            yield _group_row(self.columns, label, upper_vi(title), self.numbered_column)
        sub_number = 0
        for sub, rows in _sections(group):
            if sub is not None:
                sub_number += 1
                yield self._subgroup_row(sub.label or str(sub_number), _group_title(sub, self.areas))
            merged = set(self.merge if group.merge is None else group.merge)
            if sub is not None and sub.merge is not None:
                merged = set(sub.merge)
            number = 0
            for row, merges in zip(rows, _merges(rows, merged), strict=True):
                if row.number and row.number.casefold() == UNNUMBERED:
                    yield self._task_rows("", row, merges)  # stated: no number, and the count goes on
                    continue
                number += 1
                yield self._task_rows(row.number or str(number), row, merges)

    def _group_cell(self, *, keep_next: bool = False) -> str:
        """The merged first cell: the group's name on its first row, a continuation after."""
        first = self.group_rows == 0
        self.group_rows += 1
        label = self.group_label if first else ""
        merge = "restart" if first else "continue"
        return _cell(label, self.columns[0].width, "KhTableMerged", merge=merge, keep_next=keep_next)

    def _subgroup_row(self, number: str, title: str) -> str:
        if not self.merged:
            return _group_row(self.columns, number, title, self.numbered_column)
        rest = self.columns[1:]
        width = sum(c.width for c in rest)
        heading = _cell(f"{number}. {title}", width, "KhTableGroup", span=len(rest))
        # A heading row stays with the task under it: Word keeps a row with the next when every
        # paragraph in it keeps with the next, the merged group cell's included.
        return _row([self._group_cell(keep_next=True), heading])

    def _task_rows(self, label: str, row: Row, merges: dict[str, str | None]) -> str:
        """The table rows of one task: one, or one per line of ``lines`` with the rest merged down."""
        count = max(1, len(row.lines))
        trs = []
        for line in range(count):
            cells = []
            for column in self.columns:
                field = column.field
                if field == "group":
                    cells.append(self._group_cell())
                    continue
                if field == "number":
                    values, style = [label], "KhTableCenter"
                elif field == "task":
                    values = [row.task if self.numbered_column or not label else f"{label}. {row.task}"]
                    style = "KhTable"
                else:
                    values = row.values(field)
                    style = "KhTableCenter" if field in _CENTRED else "KhTable"
                if len(values) > 1:  # one value per line
                    cells.append(_cell(values[line], column.width, style))
                    continue
                merge = merges.get(field)
                if count > 1:  # one value over every line of the task
                    merge = "continue" if line or merge == "continue" else "restart"
                text = "" if merge == "continue" else values[0]
                cells.append(_cell(text, column.width, style, merge=merge))
            trs.append(_row(cells))
        return "".join(trs)


def _merges(rows: list[Row], merged: set[str]) -> list[dict[str, str | None]]:
    """For each row, the columns merged with the row above ("continue") or below ("restart").

    A column merges when it is declared in ``merge`` and two consecutive rows hold the same
    text, or when a row writes "^" (the same as above). A value set per line of a task never
    merges with its neighbours.
    """
    columns = sorted(merged | {f for row in rows for f in MERGEABLE if row.values(f) == [SAME_AS_ABOVE]})
    states: list[dict[str, str | None]] = [dict.fromkeys(columns) for _ in rows]
    for field in columns:
        previous: str | None = None
        for index, row in enumerate(rows):
            values = row.values(field)
            if len(values) != 1:
                previous = None
                continue
            value = values[0]
            joins = previous is not None and (
                value == SAME_AS_ABOVE or (field in merged and value and value == previous)
            )
            if joins:
                states[index][field] = "continue"
                if states[index - 1][field] is None:
                    states[index - 1][field] = "restart"
            else:
                previous = value
    return states


def _group_row(columns: list[TableColumn], label: str, title: str, numbered_column: bool) -> str:
    """A full-width group heading row: "I | CẢI CÁCH THỂ CHẾ" or "I. CẢI CÁCH THỂ CHẾ"."""
    if numbered_column and columns[0].field == "number":
        rest = columns[1:]
        return _row(
            [
                _cell(label, columns[0].width, "KhTableGroup"),
                _cell(title, sum(c.width for c in rest), "KhTableGroup", span=len(rest)),
            ]
        )
    text = f"{label}. {title}"
    return _row([_cell(text, sum(c.width for c in columns), "KhTableGroup", span=len(columns))])


__all__ = ["PRESETS", "Column", "columns_for", "table_xml"]
