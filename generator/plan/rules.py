"""Rules that span several fields of a plan, checked once its shape is valid."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from generator.common.errors import Problem
from generator.common.numbering import roman
from generator.common.vnformat import grouped
from generator.plan.appendix_schema import MERGEABLE, SAME_AS_ABOVE, Appendix, Row
from generator.plan.schema import AppendixRef, Bullet, Item, Plan, RefItem, UnitSection
from generator.plan.yamlload import KeyPath, LoadedYaml, format_path


def iter_items(plan: Plan) -> Iterator[tuple[KeyPath, Item]]:
    """Every item of the body with its path, sub-items included, in document order."""

    def walk(items: list[Item], path: KeyPath) -> Iterator[tuple[KeyPath, Item]]:
        for index, item in enumerate(items):
            here = (*path, index)
            yield here, item
            if isinstance(item, Bullet):
                yield from walk(item.sub, (*here, "sub"))

    for p, part in enumerate(plan.parts):
        yield from walk(part.items, ("parts", p, "items"))
        for s, section in enumerate(part.sections):
            base: KeyPath = ("parts", p, "sections", s)
            yield from walk(section.items, (*base, "items"))
            for q, point in enumerate(section.points):
                yield from walk(point.items, (*base, "points", q, "items"))
            for u, sub in enumerate(section.subsections):
                yield from walk(sub.items, (*base, "subsections", u, "items"))
                for q, point in enumerate(sub.points):
                    yield from walk(point.items, (*base, "subsections", u, "points", q, "items"))


def iter_refs(plan: Plan) -> Iterator[tuple[KeyPath, AppendixRef]]:
    """Every appendix reference of the body with its path."""
    for path, item in iter_items(plan):
        if isinstance(item, RefItem):
            yield path, item.appendix_ref or AppendixRef()


def is_printed(appendix: Appendix) -> bool:
    """Whether an appendix exists for the reader: printed here or issued as its own file."""
    return appendix.issued_separately or any(g.rows or any(s.rows for s in g.groups) for g in appendix.groups)


def numbered_appendices(plan: Plan) -> list[tuple[str, Appendix]]:
    """The appendices that exist, each with its label: "Phụ lục", or "Phụ lục I", "Phụ lục II"…

    ND30 Phụ lục I, III.1.a: a single appendix is just "Phụ lục"; two or more take Roman numerals.
    An empty appendix is left out (it prints nothing), so it takes no number either.
    """
    existing = [a for a in plan.appendices if is_printed(a)]
    if len(existing) == 1:
        return [("Phụ lục", existing[0])]
    return [(f"Phụ lục {roman(i)}", a) for i, a in enumerate(existing, 1)]


# Real plans have a few hundred items and at most a few thousand appendix rows. Beyond these
# a build would take minutes; the limits keep every plan under half a minute.
MAX_ITEMS = 20_000
MAX_ROWS = 20_000


def check_plan(plan: Plan, source: LoadedYaml) -> list[Problem]:
    """All cross-field problems of a plan whose shape is already valid."""
    problems: list[Problem] = _size(plan, source)
    if problems:
        return problems
    problems += _areas(plan, source)
    problems += _appendix_refs(plan, source)
    problems += _appendices(plan, source)
    problems += _sections(plan, source)
    problems += _signer(plan, source)
    return problems


def _size(plan: Plan, source: LoadedYaml) -> list[Problem]:
    problems = []
    items = sum(1 for _ in iter_items(plan))
    if items > MAX_ITEMS:
        msg = (
            f"kế hoạch có {grouped(items)} ý, quá giới hạn {grouped(MAX_ITEMS)} (một kế hoạch thật có vài trăm ý); "
            "hãy kiểm tra đúng tệp chưa."
        )
        problems.append(source.problem(("parts",), msg))
    rows = sum(len(g.rows) + sum(len(s.rows) for s in g.groups) for a in plan.appendices for g in a.groups)
    if rows > MAX_ROWS:
        msg = (
            f"các phụ lục có {grouped(rows)} dòng, quá giới hạn {grouped(MAX_ROWS)}; "
            "hãy tách bớt thành phụ lục ban hành riêng (issued_separately)."
        )
        problems.append(source.problem(("appendices",), msg))
    return problems


def _areas(plan: Plan, source: LoadedYaml) -> list[Problem]:
    problems = []
    seen: dict[str, KeyPath] = {}
    for p, part in enumerate(plan.parts):
        for s, section in enumerate(part.sections):
            area = getattr(section, "area", None)
            if area is None:
                continue
            path: KeyPath = ("parts", p, "sections", s, "area")
            if area in seen:
                first = source.mark_for(seen[area]).line
                msg = f"lĩnh vực “{area}” đã có ở dòng {first}; mỗi lĩnh vực chỉ viết một lần. Hãy gộp hai mục làm một."
                problems.append(source.problem(path, msg))
            else:
                seen[area] = path
    return problems


def _appendix_refs(plan: Plan, source: LoadedYaml) -> list[Problem]:
    problems = []
    labels = {id(a): label for label, a in numbered_appendices(plan)}
    ids = [a.id for a in plan.appendices if a.id]
    referenced: set[int] = set()
    for path, ref in iter_refs(plan):
        target = _target(plan, ref)
        if not plan.appendices:
            msg = "kế hoạch chưa có phụ lục nào (khóa appendices) để chỉ dẫn tới; hãy thêm phụ lục hoặc bỏ chỉ dẫn."
            problems.append(source.problem(path, msg))
            continue
        if ref.appendix is None and len(plan.appendices) > 1:
            msg = f"kế hoạch có nhiều phụ lục: hãy ghi rõ “appendix: <id>”, một trong: {', '.join(ids)}."
            problems.append(source.problem(path, msg))
            continue
        if target is None:
            close = difflib.get_close_matches(ref.appendix or "", ids, n=1)
            hint = f" Có phải ý bạn là “{close[0]}”?" if close else f" Các id có: {', '.join(ids)}."
            msg = f"không có phụ lục nào có id “{ref.appendix}”.{hint}"
            problems.append(source.problem((*path, "appendix_ref", "appendix"), msg))
            continue
        referenced.add(id(target))
        label = labels.get(id(target))
        if ref.text is not None:
            text_path = (*path, "appendix_ref", "text")
            if "phụ lục" not in ref.text.casefold():
                msg = "lời dẫn phải nêu rõ “Phụ lục”, ví dụ “Chi tiết tại Phụ lục kèm theo”."
                problems.append(source.problem(text_path, msg))
            elif label and label != "Phụ lục" and label.casefold() not in ref.text.casefold():
                msg = f"kế hoạch có nhiều phụ lục: lời dẫn phải nêu “{label}”."
                problems.append(source.problem(text_path, msg))
    for index, appendix in enumerate(plan.appendices):
        if is_printed(appendix) and id(appendix) not in referenced:
            msg = (
                "thân văn bản chưa chỉ dẫn tới phụ lục này (Nghị định 30: văn bản có phụ lục phải có "
                "chỉ dẫn về phụ lục). Hãy thêm một mục “- appendix_ref:” ở chỗ cần dẫn."
            )
            problems.append(source.problem(("appendices", index), msg))
    return problems


def _target(plan: Plan, ref: AppendixRef) -> Appendix | None:
    if ref.appendix is None:
        return plan.appendices[0] if len(plan.appendices) == 1 else None
    return next((a for a in plan.appendices if a.id == ref.appendix), None)


def _appendices(plan: Plan, source: LoadedYaml) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for a, appendix in enumerate(plan.appendices):
        path: KeyPath = ("appendices", a)
        if len(plan.appendices) > 1 and appendix.id is None:
            msg = "kế hoạch có nhiều phụ lục: mỗi phụ lục cần một “id” để thân văn bản chỉ dẫn tới."
            problems.append(source.problem(path, msg))
        if appendix.id is not None:
            if appendix.id in seen:
                msg = f"id “{appendix.id}” đã dùng cho phụ lục thứ {seen[appendix.id] + 1}."
                problems.append(source.problem((*path, "id"), msg))
            seen.setdefault(appendix.id, a)
        for g, group in enumerate(appendix.groups):
            if group.area is None and group.title is None:
                msg = "nhóm cần “area” (một lĩnh vực) hoặc “title” (tiêu đề tự đặt)."
                problems.append(source.problem((*path, "groups", g), msg))
            for s, sub in enumerate(group.groups):
                if sub.area is None and sub.title is None:
                    msg = "nhóm con cần “area” hoặc “title”."
                    problems.append(source.problem((*path, "groups", g, "groups", s), msg))
            sections = [((*path, "groups", g, "rows"), group.rows)]
            sections += [((*path, "groups", g, "groups", s, "rows"), sub.rows) for s, sub in enumerate(group.groups)]
            for where, rows in sections:
                problems += _same_as_above(rows, where, source)
        if appendix.columns is not None:
            problems += _columns(appendix, (*path, "columns"), source)
    return problems


def _same_as_above(rows: list[Row], path: KeyPath, source: LoadedYaml) -> list[Problem]:
    """ "^" needs one cell above it in the same group: not on a group's first row, not under a
    task printed over several lines in that column, not inside ``lines``."""
    problems = []
    for r, row in enumerate(rows):
        for field in MERGEABLE:
            values = row.values(field)
            if SAME_AS_ABOVE in values and len(values) > 1:
                msg = f"“{SAME_AS_ABOVE}” (như ô trên) không dùng trong “lines”: hãy ghi rõ giá trị của dòng này."
                problems.append(source.problem((*path, r, "lines"), msg))
            elif values == [SAME_AS_ABOVE] and (r == 0 or len(rows[r - 1].values(field)) != 1):
                where = "dòng đầu của nhóm" if r == 0 else "dòng dưới một nhiệm vụ in nhiều dòng ở cột này"
                msg = f"“{SAME_AS_ABOVE}” (như ô trên) ở {where}: không có một ô ngay trên để gộp; hãy ghi rõ giá trị."
                problems.append(source.problem((*path, r, field), msg))
    return problems


def _columns(appendix: Appendix, path: KeyPath, source: LoadedYaml) -> list[Problem]:
    problems = []
    columns = appendix.columns or []
    fields = [c.field for c in columns]
    if "task" not in fields:
        problems.append(source.problem(path, "bảng cần có cột “task” (nhiệm vụ)."))
    for i, name in enumerate(fields):
        if name in fields[:i]:
            problems.append(source.problem((*path, i, "field"), f"cột “{name}” xuất hiện hai lần."))
    if "group" in fields and fields[0] != "group":
        msg = "cột “group” (nhóm nhiệm vụ gộp dọc) phải là cột đầu tiên."
        problems.append(source.problem((*path, fields.index("group"), "field"), msg))
    bands_closed: set[str] = set()
    previous: str | None = None
    for i, column in enumerate(columns):
        if column.band != previous and previous is not None:
            bands_closed.add(previous)
        if column.band is not None and column.band in bands_closed:
            msg = f"các cột chung tiêu đề “{column.band}” phải đứng liền nhau."
            problems.append(source.problem((*path, i, "band"), msg))
        previous = column.band
    return problems


def _sections(plan: Plan, source: LoadedYaml) -> list[Problem]:
    problems = []
    for p, part in enumerate(plan.parts):
        if not part.items and not part.sections:
            msg = "phần này chưa có nội dung: hãy thêm “items” (các ý) hoặc “sections” (các mục 1., 2.…)."
            problems.append(source.problem(("parts", p), msg))
        for s, section in enumerate(part.sections):
            empty = not (section.text or section.items or section.subsections)
            targets = getattr(section, "targets", [])
            titled = isinstance(section, UnitSection) or section.title or section.kind != "text"
            if empty and not targets and not titled:
                msg = "mục này trống: hãy thêm “title”, “text” hoặc “items”."
                problems.append(source.problem(("parts", p, "sections", s), msg))
    return problems


def _signer(plan: Plan, source: LoadedYaml) -> list[Problem]:
    signer = plan.signer
    if signer.authority in ("KT.", "TM.", "TL.", "TUQ.") and len(signer.titles) < 2:
        example = "[GIÁM ĐỐC, PHÓ GIÁM ĐỐC]" if signer.authority == "KT." else "[ỦY BAN NHÂN DÂN, CHỦ TỊCH]"
        msg = (
            f"ký “{signer.authority}” cần ít nhất hai dòng chức vụ: dòng đầu đứng sau "
            f"“{signer.authority}”, dòng sau là chức vụ của người ký, ví dụ {example}."
        )
        return [source.problem(("signer", "titles"), msg)]
    return []


__all__ = [
    "check_plan",
    "format_path",
    "is_printed",
    "iter_items",
    "iter_refs",
    "numbered_appendices",
]
