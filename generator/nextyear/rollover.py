"""``kehoach new``: next year's plan from last year's, edited in place, with a report.

The new file is the old one with only some characters changed: the number blanked, the date
and the plan year moved, the years of the text moved as :mod:`generator.nextyear.yearshift` decides,
last year's statuses cleared, and a ``# XEM LẠI: …`` comment after each place a person must
decide. Everything else (comments, key order, quoting, line breaks, blank lines) stays byte for
byte: a YAML round-trip library would re-wrap every long paragraph (ruamel.yaml changes 200 to
350 lines of an unchanged plan), which is why the file is edited, not written out again.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.common.errors import GeneratorError, PlanError, display_path
from generator.common.fileio import same_file, write_text_atomic
from generator.nextyear.yearshift import Change, shift_text
from generator.plan.lines import LineIndex, line_break
from generator.plan.prose import NOT_TEXT, REVIEW_MARKER
from generator.plan.validate import load_plan, load_plan_text
from generator.plan.yamlload import KeyPath, ScalarSpan, format_path

_FOUR_DIGITS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
GROUP_NUMBER = "Số và ngày văn bản"
GROUP_YEAR = "Năm kế hoạch"
GROUP_TEXT_YEAR = "Năm trong nội dung"
GROUP_DATES = "Ngày, tháng, quý, thời hạn"
GROUP_STATUS = "Tình trạng năm trước"
GROUP_MANUAL = "Không tự sửa được"


@dataclass(frozen=True)
class Line:
    """One line of the report: where (line of the new file, key path) and what."""

    group: str
    line: int
    key_path: str
    text: str


@dataclass
class NextYear:
    """The new plan's text and the report of what changed and what to review."""

    source: Path
    output: Path
    old_year: int
    new_year: int
    text: str = ""
    bom: bool = False  # the source began with a UTF-8 byte-order mark (Notepad's "UTF-8 with BOM")
    changes: list[Line] = field(default_factory=list)
    flags: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    replacement: str
    group: str
    key_path: str
    description: str
    is_flag: bool = False


def default_output(source: Path, old_year: int, new_year: int) -> Path:
    """``plans/2024-hoa-binh.yaml`` → ``plans/2025-hoa-binh.yaml`` (the year in the name moved)."""
    old, new = str(old_year), str(new_year)
    stem = source.stem.replace(old, new, 1) if old in source.stem else f"{source.stem}-{new}"
    return source.with_name(stem + source.suffix)


def next_year(source: Path, new_year: int, output: Path | None = None) -> NextYear:
    """Prepare next year's plan (nothing is written).

    Raises:
        PlanError: the source plan has errors.
        GeneratorError: the new year is not after the plan's year.
    """
    loaded = load_plan(source, spans=True)
    plan, spans, text = loaded.plan, loaded.source.spans, loaded.source.text
    if new_year <= plan.year:
        msg = f"năm mới ({new_year}) phải sau năm của kế hoạch nguồn ({plan.year})."
        raise GeneratorError(msg)
    target = output or default_output(source, plan.year, new_year)
    if same_file(target, source):
        msg = "tệp kế hoạch mới không được trùng tệp nguồn; hãy chọn tên khác bằng --out."
        raise GeneratorError(msg)
    result = NextYear(source, target, plan.year, new_year, bom=_has_bom(source))
    edits: list[_Edit] = []
    gap = new_year - plan.year
    number = spans.get(("number",))
    if number is not None and number.value.strip():
        edits.append(
            _Edit(
                *_inside(text, number, ""), GROUP_NUMBER, "number", f"“{number.value}” → để trống (số cấp sau khi ký)"
            )
        )
    date = spans.get(("date",))
    if date is not None:
        moved = str(plan.date.year + gap)
        edits.append(
            _Edit(
                *_inside(text, date, moved), GROUP_NUMBER, "date", f"“{date.value}” → “{moved}” (để trống ngày, tháng)"
            )
        )
    year = spans.get(("year",))
    if year is not None:
        edits.append(_Edit(*_inside(text, year, str(new_year)), GROUP_YEAR, "year", f"{plan.year} → {new_year}"))
    for path, span in spans.items():
        shown = format_path(path)
        if path[-1] == "status" and path[0] == "appendices" and span.value.strip():
            edits.append(_Edit(*_inside(text, span, ""), GROUP_STATUS, shown, f"“{span.value}” → để trống"))
        elif _is_text(path):
            edits += _text_edits(text, path, span, plan.year, new_year)
    result.text, located = _apply(text, edits)
    for edit, line in located:
        entry = Line(edit.group, line, edit.key_path, edit.description)
        (result.flags if edit.is_flag else result.changes).append(entry)
    _check_result(result)
    return result


@functools.lru_cache(maxsize=2)
def _lines(text: str) -> LineIndex:
    """The line index of the source, built once for all the edits made to it."""
    return LineIndex(text)


def _has_bom(source: Path) -> bool:
    with source.open("rb") as handle:
        return handle.read(3) == codecs.BOM_UTF8


def _is_text(path: KeyPath) -> bool:
    keys = [step for step in path if isinstance(step, str)]
    return (
        bool(keys) and keys[-1] not in NOT_TEXT and keys[-1] != "status" and keys[0] not in ("number", "date", "year")
    )


def _inside(text: str, span: ScalarSpan, value: str) -> tuple[int, int, str]:
    """Replace a scalar's content, keeping its quotes, the column of a comment after it, and no
    trailing space when it is emptied at the end of its line."""
    start, end = (span.start + 1, span.end - 1) if span.style in ("'", '"') else (span.start, span.end)
    rest = text[span.end : _lines(text).line_end(text, span.end)] if span.end < len(text) else ""
    if rest.strip().startswith("#"):  # an aligned comment stays where it was
        return start, end, value.ljust(end - start)
    if not value and not rest.strip() and not span.style:
        while start > 0 and text[start - 1] == " ":
            start -= 1
    return start, end, value


def _text_edits(text: str, path: KeyPath, span: ScalarSpan, old_year: int, new_year: int) -> list[_Edit]:
    shown = format_path(path)
    _, changes, flags = shift_text(span.value, old_year, new_year, opening=path[0] == "opening")
    edits: list[_Edit] = []
    if changes:
        source = text[span.start : span.end]
        in_value = [m.span() for m in _FOUR_DIGITS.finditer(span.value)]
        in_source = [m.span() for m in _FOUR_DIGITS.finditer(source)]
        digits = [span.value[a:b] for a, b in in_value]
        if digits != [source[a:b] for a, b in in_source]:
            # Escapes in a quoted text hide the years' places: leave it to the author.
            why = "đoạn văn viết bằng ký tự thoát (\\...), công cụ không sửa năm trong đó; hãy sửa tay."
            return [_comment(text, span, GROUP_MANUAL, shown, why)]
        place = dict(zip(in_value, in_source, strict=True))
        for change in changes:
            edits += _year_edits(change, place, span.start, shown, new_year - old_year)
    edits += [_comment(text, span, flag.group, shown, flag.reason) for flag in flags]
    return edits


def _year_edits(
    change: Change, place: dict[tuple[int, int], tuple[int, int]], offset: int, shown: str, gap: int
) -> list[_Edit]:
    group = GROUP_TEXT_YEAR if change.before.casefold().startswith("năm") else GROUP_DATES
    edits = []
    for index, year_span in enumerate(change.year_spans):
        start, end = place[year_span]
        year = int(change.before[year_span[0] - change.start : year_span[1] - change.start])
        description = f"“{change.before}” → “{change.after}”" if index == 0 else ""
        edits.append(_Edit(offset + start, offset + end, str(year + gap), group, shown, description))
    return edits


def _comment(text: str, span: ScalarSpan, group: str, shown: str, reason: str) -> _Edit:
    """A ``# XEM LẠI`` comment: after the scalar on its last line, or on its own line above it
    when something follows the scalar on that line (flow style) or the scalar is a block."""
    lines = _lines(text)
    line_end = lines.line_end(text, span.end)
    rest = text[span.end : line_end].strip()
    note = f"{REVIEW_MARKER}: {reason}"
    if span.style not in ("|", ">") and (not rest or rest.startswith("#")):
        return _Edit(line_end, line_end, f"  # {note}", group, shown, reason, is_flag=True)
    line_start = lines.starts[lines.position(span.start)[0] - 1]
    indent = len(text[line_start:]) - len(text[line_start:].lstrip(" "))
    own_line = " " * indent + f"# {note}" + line_break(text)
    return _Edit(line_start, line_start, own_line, group, shown, reason, is_flag=True)


def _apply(text: str, edits: list[_Edit]) -> tuple[str, list[tuple[_Edit, int]]]:
    """The edited text, and each edit with the line it lands on in the new text."""
    ordered = sorted(edits, key=lambda e: (e.start, e.end))
    pieces: list[str] = []
    landed: list[tuple[_Edit, int]] = []
    cursor = 0
    length = 0
    for edit in ordered:
        kept = text[cursor : edit.start]
        pieces.append(kept)
        length += len(kept)
        if edit.description:  # the second year of an expression is reported with the first
            landed.append((edit, length))
        pieces.append(edit.replacement)
        length += len(edit.replacement)
        cursor = max(cursor, edit.end)
    pieces.append(text[cursor:])
    new_text = "".join(pieces)
    lines = LineIndex(new_text)
    return new_text, [(edit, lines.position(index)[0]) for edit, index in landed]


def _check_result(result: NextYear) -> None:
    """The new plan must load and validate; anything else is a bug of this module."""
    try:
        loaded = load_plan_text(result.text, display_path(result.output))
    except PlanError as exc:  # pragma: no cover - a bug, reported as one
        msg = f"kế hoạch mới không hợp lệ do lỗi của công cụ: {exc}"
        raise RuntimeError(msg) from None
    if loaded.plan.year != result.new_year:  # pragma: no cover
        msg = "the new plan's year did not move"
        raise RuntimeError(msg)


def write(result: NextYear, *, force: bool, reports: Path = Path("build", "bao-cao")) -> Path:
    """Write the new plan, and its report into ``reports`` (plans/ holds plans only); return the report's path.

    Raises:
        GeneratorError: the new plan exists and ``force`` was not given.
    """
    if result.output.exists() and not force:
        msg = (
            f"{display_path(result.output)} đã có. Không ghi đè để khỏi mất nội dung: hãy chọn tên khác "
            "bằng --out, hoặc thêm --force (với make: FORCE=1) nếu thật sự muốn thay tệp đó."
        )
        raise GeneratorError(msg)
    report = reports / f"{result.output.stem}.md"
    write_text_atomic(result.output, ("\ufeff" if result.bom else "") + result.text)
    write_text_atomic(report, report_markdown(result))
    return report


def _grouped(lines: list[Line]) -> dict[str, list[Line]]:
    groups: dict[str, list[Line]] = {}
    for line in sorted(lines, key=lambda entry: entry.line):
        groups.setdefault(line.group, []).append(line)
    return groups


def report_text(result: NextYear) -> str:
    """The report as the command prints it."""
    out = [f"Kế hoạch năm {result.new_year} từ {display_path(result.source)} → {display_path(result.output)}", ""]
    out.append(f"Đã thay đổi {len(result.changes)} chỗ:")
    for group, lines in _grouped(result.changes).items():
        out.append(f"  {group} ({len(lines)}):")
        out += [f"    dòng {entry.line}, {entry.key_path}: {entry.text}" for entry in lines]
    out.append("")
    out.append(f"Cần xem lại {len(result.flags)} chỗ (đã ghi chú “# {REVIEW_MARKER}” trong tệp mới):")
    for group, lines in _grouped(result.flags).items():
        out.append(f"  {group} ({len(lines)}):")
        out += [f"    dòng {entry.line}, {entry.key_path}: {entry.text}" for entry in lines]
    return "\n".join(out)


def report_markdown(result: NextYear) -> str:
    """The report kept next to the new plan."""
    out = [
        f"# Kế hoạch năm {result.new_year}: những gì kehoach new đã làm",
        "",
        f"Tạo từ `{display_path(result.source)}` (năm {result.old_year}) thành `{display_path(result.output)}`.",
        "",
        f"## Đã thay đổi ({len(result.changes)})",
    ]
    for group, lines in _grouped(result.changes).items():
        out += ["", f"### {group} ({len(lines)})", "", "| Dòng | Khóa | Thay đổi |", "|---|---|---|"]
        out += [f"| {entry.line} | `{entry.key_path}` | {entry.text} |" for entry in lines]
    out += ["", f"## Cần xem lại ({len(result.flags)})", ""]
    out.append(f"Mỗi chỗ dưới đây có chú thích `# {REVIEW_MARKER}` trong tệp; sửa xong thì xóa chú thích.")
    for group, lines in _grouped(result.flags).items():
        out += ["", f"### {group} ({len(lines)})", "", "| Dòng | Khóa | Lý do |", "|---|---|---|"]
        out += [f"| {entry.line} | `{entry.key_path}` | {entry.text} |" for entry in lines]
    return "\n".join(out) + "\n"
