"""An appendix task table read back: columns by their heading, groups, sub-groups, rows, merges.

Heading rows are those Word repeats on every page (or the first row, two when a band spans
columns above a second heading row). Each column is mapped to a field by the words of its
heading; a heading no field matches goes to a free field with its own heading, so its text is
kept. Rows that span the table are group or sub-group headings; a group column merged down the
rows (``w:vMerge``) names the group; a cell merged with the one above is written "^"; a task
whose number and task cells are merged over several rows becomes a task with ``lines``.
"""

from __future__ import annotations

import re
from typing import Any

from generator.common.numbering import from_roman, roman
from generator.importer.labels import number_of
from generator.importer.source import Cell, Grid
from generator.plan.areas import area_of
from generator.plan.areas import plain as folded

# Heading words of each field, tried in order (without diacritics).
_FIELDS: tuple[tuple[str, str], ...] = (
    ("number", r"^(?:s[o]? ?tt|tt|stt|so thu tu)$"),
    ("group", r"nhiem vu chung|linh vuc|nhom nhiem vu"),
    ("task", r"nhiem vu|noi dung|cong viec|hoat dong|ten nhiem vu"),
    ("product", r"san pham|ket qua|hinh thuc"),
    ("lead", r"chu tri|thuc hien$|don vi thuc hien|co quan thuc hien"),
    ("partners", r"phoi hop"),
    ("deadline", r"thoi gian|thoi han|tien do|hoan thanh"),
    ("note", r"ghi chu"),
    ("status", r"tinh trang|ket qua thuc hien|danh gia"),
)
_SPARE = ("note", "status", "product")
_LABEL = re.compile(r"^(?P<label>[IVXLC]+|\d{1,3}(?:\.\d{1,3})*|[a-zđ])[.)]\s+(?P<rest>.+)$", re.DOTALL)
_SAME_AS_ABOVE = "^"


def _positions(row: list[Cell]) -> list[tuple[int, Cell]]:
    """Each cell with the grid column it starts at."""
    out, column = [], 0
    for cell in row:
        out.append((column, cell))
        column += max(1, cell.span)
    return out


def read_columns(grid: Grid, comments: list[str]) -> tuple[list[dict[str, Any]], int]:
    """The ``columns`` of the appendix and the number of heading rows."""
    count = len(grid.widths) or max(sum(max(1, c.span) for c in row) for row in grid.rows)
    heads = grid.header_rows or (2 if grid.rows and any(c.span > 1 for c in grid.rows[0]) else 1)
    headings = [""] * count
    bands: list[str | None] = [None] * count
    for depth, row in enumerate(grid.rows[:heads]):
        for column, cell in _positions(row):
            if cell.merge == "continue":
                continue
            if cell.span > 1 and depth < heads - 1:
                for k in range(column, min(count, column + cell.span)):
                    bands[k] = cell.text.replace("\n", " ")
            else:
                for k in range(column, min(count, column + max(1, cell.span))):
                    headings[k] = cell.text.replace("\n", " ")
    total = sum(grid.widths) or count
    columns: list[dict[str, Any]] = []
    used: set[str] = set()
    for index, heading in enumerate(headings):
        field = _field_of(heading, used, index)
        if field is None:
            field = next((f for f in _SPARE if f not in used), None)
            if field is None:
                comments.append(f"cột “{heading}” không có chỗ trong định dạng: nội dung của cột bị bỏ, hãy xem lại.")
                continue
            comments.append(f"cột “{heading}” không quen: đã ghi vào trường {field} (giữ tên cột), hãy xem lại.")
        used.add(field)
        width = grid.widths[index] if index < len(grid.widths) else 1
        entry: dict[str, Any] = {"field": field, "heading": heading or field, "width": round(100 * width / total, 1)}
        if bands[index]:
            entry["band"] = bands[index]
        columns.append(entry)
    if "task" not in used and columns:
        fallback = next(c for c in columns if c["field"] not in ("number", "group"))
        comments.append(f"không thấy cột nhiệm vụ: đã coi cột “{fallback['heading']}” là cột nhiệm vụ.")
        fallback["field"] = "task"
    return columns, heads


def _field_of(heading: str, used: set[str], index: int) -> str | None:
    text = folded(heading)
    for field, words in _FIELDS:
        if field in used or not re.search(words, text):
            continue
        if field == "group" and index != 0:
            continue
        return field
    return None


class TableReader:
    """Turns the body rows of one table into groups of rows."""

    def __init__(self, columns: list[dict[str, Any]], comments: list[str]) -> None:
        self.fields = [c["field"] for c in columns]
        self.comments = comments
        self.groups: list[dict[str, Any]] = []
        self.group: dict[str, Any] | None = None
        self.rows: list[dict[str, Any]] | None = None  # the rows being filled (a group's or a sub-group's)
        self.counter = 0  # the automatic number of the last numbered row of the current rows
        self.last_text: dict[str, str] = {}  # each column's last written text, for merged cells

    def read(self, grid: Grid, heads: int) -> list[dict[str, Any]]:
        for row in grid.rows[heads:]:
            self._row(row)
        return [g for g in self.groups if g.get("rows") or g.get("groups")]

    def _values(self, row: list[Cell]) -> dict[str, Cell]:
        return {self.fields[column]: cell for column, cell in _positions(row) if column < len(self.fields)}

    def _row(self, row: list[Cell]) -> None:
        width = len(self.fields)
        spanning = [cell for _, cell in _positions(row) if cell.span >= max(2, width - 2)]
        values = self._values(row)
        group_cell = values.get("group")
        if group_cell is not None and group_cell.merge != "continue" and group_cell.text:
            label, title = _split_label(group_cell.text.replace("\n", " "))
            self._new_group(title, label=label)
        if spanning:
            number = values.get("number")
            if number is not None and number is not spanning[0] and number.text.strip():
                self._heading(number.text.strip().rstrip("."), spanning[0].text.replace("\n", " ").strip())
            else:
                self._heading(*_split_label(spanning[0].text.replace("\n", " ")))
            return
        if self._plain_heading(values):
            return
        if all(not cell.text.strip() for cell in values.values()) and not any(
            cell.merge == "continue" for cell in values.values()
        ):
            return
        task_cell = values.get("task")
        if task_cell is not None and task_cell.merge == "continue" and self.rows:
            self._line(self.rows[-1], values)
            return
        self._task(values)

    def _plain_heading(self, values: dict[str, Cell]) -> bool:
        """A heading typed in unmerged cells: "II" in the number column, or a task in bold capitals,
        and nothing else on the row. Read as a heading row; True when it was one."""
        task = values.get("task")
        if task is None or not task.text.strip() or task.merge == "continue":
            return False
        if any(cell.text.strip() for field, cell in values.items() if field not in ("number", "task", "group")):
            return False
        number = values.get("number")
        label = number.text.strip().rstrip(".") if number is not None else ""
        roman_label = bool(label) and not label.isdigit() and from_roman(label) is not None
        if not (roman_label or (task.bold and task.text.upper() == task.text)):
            return False
        if number is not None and label:
            self._heading(label, task.text.replace("\n", " ").strip())
        else:
            self._heading(*_split_label(task.text.replace("\n", " ")))
        return True

    def _new_group(self, title: str, *, label: str = "", label_given: bool = True) -> None:
        group: dict[str, Any] = {"title": title, "rows": [], "groups": []}
        index = len(self.groups) + 1
        if label and label != roman(index) and label_given:
            group["label"] = label
        area = area_of(title)
        if area is not None:
            group["area"] = area
        self.groups.append(group)
        self.group, self.rows, self.counter = group, group["rows"], 0

    def _heading(self, label: str, title: str) -> None:
        is_group = (label and from_roman(label) is not None and not label.isdigit()) or (
            not label and title.upper() == title
        )
        if is_group or self.group is None:
            self._new_group(title, label=label)
            return
        sub: dict[str, Any] = {"title": title, "rows": []}
        position = len(self.group["groups"]) + 1
        if label and label != str(position):
            sub["label"] = label
        self.group["groups"].append(sub)
        self.rows, self.counter = sub["rows"], 0

    def _task(self, values: dict[str, Cell]) -> None:
        if self.group is None:
            self._new_group("Nhiệm vụ", label_given=False)
            self.comments.append("bảng không có hàng tên nhóm: đã đặt các nhiệm vụ vào nhóm “Nhiệm vụ”.")
        assert self.rows is not None
        task_text = values["task"].text if "task" in values else ""
        number_cell = values.get("number")
        number = number_cell.text.strip() if number_cell is not None else ""
        if number_cell is None:
            match = _LABEL.match(task_text)
            if match and match.group("label").isdigit():
                number, task_text = match.group("label"), match.group("rest")
        row: dict[str, Any] = {"task": task_text or "…"}
        if not number:
            row["number"] = "none"
        elif number_of(number) != self.counter + 1 or not number.replace(".", "").isdigit():
            row["number"] = number
            self.counter += 1
        else:
            self.counter += 1
        for field, cell in values.items():
            if field in ("task", "number", "group"):
                continue
            if cell.merge == "continue" and self.rows and "lines" not in self.rows[-1]:
                row[field] = _SAME_AS_ABOVE
            elif cell.merge == "continue" and self.last_text.get(field):
                row[field] = self.last_text[field]  # merged across a heading row: the text again
                self.comments.append(f"ô “{self.last_text[field][:40]}” gộp qua hàng tên nhóm: đã chép lại ở nhóm mới.")
            elif cell.text:
                row[field] = cell.text
        self._remember(values)
        self.rows.append(row)

    def _line(self, row: dict[str, Any], values: dict[str, Cell]) -> None:
        """A row continuing the task above: its own cells become a line of that task; the cells
        merged with the task's first row stay the task's."""
        own = [f for f, c in values.items() if f not in ("task", "number", "group") and c.merge != "continue"]
        if "lines" not in row:
            row["lines"] = [{f: row.pop(f) for f in own if f in row}]
        row["lines"].append({f: values[f].text for f in own if values[f].text})
        self._remember(values)

    def _remember(self, values: dict[str, Cell]) -> None:
        for field, cell in values.items():
            if cell.merge != "continue":
                self.last_text[field] = cell.text


def _split_label(text: str) -> tuple[str, str]:
    match = _LABEL.match(text.strip())
    if match:
        return match.group("label"), match.group("rest").strip()
    return "", text.strip()
