"""A whole document read back into a plan: frame, body, appendices, and what to review.

The document is cut where ND30 fixes its parts: the header (a table or paragraphs) up to the tên
loại, the trích yếu, the opening paragraphs up to the first part, the body up to the closing
paragraph ("./."), Nơi nhận and the signature, then each appendix ("Phụ lục", its title, the
"(Kèm theo …)" line, its table).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Any

from generator.common.numbering import from_roman
from generator.importer.appendix import TableReader, read_columns
from generator.importer.body import BodyReader, Comments, Path
from generator.importer.head import (
    NATIONAL,
    Header,
    full_name_from,
    header_from_grid,
    is_doc_type,
    read_header_lines,
    recipients_from_lines,
    signer_from_lines,
    split_header_line,
)
from generator.importer.labels import PART, SECTION, level
from generator.importer.source import Block, Grid, Line
from generator.plan.areas import plain as folded

_ENDING = re.compile(r"\s*\.?/\.\s*$")
_APPENDIX_LABEL = re.compile(r"^ph[ụu] l[ụu]c(?:\s+[IVXLC\d]+)?\.?$", re.IGNORECASE)
_LABEL_AND_TITLE = re.compile(r"^ph[ụu] l[ụu]c(?:\s+[IVXLC\d]+)?\s*[.:–-]\s*(?P<title>\S.+)$", re.IGNORECASE)
_ATTACHED = re.compile(r"^\(\s*kèm theo", re.IGNORECASE)
_DRAFT = re.compile(r"^d[ựu] th[ảa]o$", re.IGNORECASE)


class NotAPlan(ValueError):
    """The document is not a plan the importer can read: the message says why, in Vietnamese."""


@dataclass
class Imported:
    """The plan as data, the review comments by key path, and what was recognised."""

    data: dict[str, Any]
    comments: Comments
    recognised: list[str] = field(default_factory=list)


def read_plan(blocks: list[Block]) -> Imported:
    """The plan a document holds.

    Raises:
        NotAPlan: when no tên loại, no trích yếu or no body is found.
    """
    comments: Comments = {}
    header = Header()
    position = _header(blocks, header)
    if position >= len(blocks):
        msg = "không thấy tên loại văn bản (ví dụ “KẾ HOẠCH”) sau phần đầu: tệp này không giống một kế hoạch."
        raise NotAPlan(msg)
    doc_type = blocks[position]
    assert isinstance(doc_type, Line)
    position += 1
    title_lines, position = _title(blocks, position, bold=True)
    if not title_lines:  # a trích yếu typed without bold: the centred lines under the tên loại
        title_lines, position = _title(blocks, position, bold=False)
        comments.setdefault(("title",), []).append(
            "trích yếu trong văn bản gốc không in đậm; đã lấy các dòng căn giữa."
        )
    if not title_lines:
        msg = "không thấy trích yếu (dòng in đậm dưới tên loại văn bản): tệp này không giống một kế hoạch."
        raise NotAPlan(msg)
    body_end, signature = _signature(blocks, position)
    body = blocks[position:body_end]
    lines = [line for block in body for line in _as_lines(block)]
    has_roman = any(level(line.label) == PART for line in lines)
    start = next(
        (i for i, line in enumerate(lines) if level(line.label) in ((PART,) if has_roman else (SECTION,))), None
    )
    if start is None:
        msg = "không thấy phần nào đánh số (I., II. hoặc 1., 2.) trong thân văn bản: tệp này không giống một kế hoạch."
        raise NotAPlan(msg)
    opening = [line.text for line in lines[:start]]
    closing_index = next((i for i in range(len(lines) - 1, start - 1, -1) if _ENDING.search(lines[i].plain)), None)
    closing = ""
    if closing_index is not None:
        closing = _ENDING.sub("", lines[closing_index].text).rstrip()
        lines = lines[:closing_index]
    else:
        comments.setdefault(("closing",), []).append("không thấy đoạn kết thúc bằng “./.”: hãy viết đoạn kết.")
    parts = BodyReader(comments, has_roman).read(lines[start:])

    data: dict[str, Any] = {"schema": 1}
    texts = [*opening, closing, *(line.text for line in lines)]
    appendices, attached = _appendices(blocks[signature.end if signature else body_end :], comments)
    _agency(data, header, texts + attached, comments)
    data["document"] = {"type": doc_type.plain.capitalize(), "code": header.kind_code}
    data["number"] = header.number
    data["date"] = _date(header)
    title = " ".join(title_lines)
    data["year"] = _year(title, header, comments)
    data["title"] = title
    if opening:
        data["opening"] = opening
    data["parts"] = parts
    areas = {s.get("area") for part in parts for s in part.get("sections", []) if s.get("kind") == "area"}
    if len(areas) < 3:  # a plan about the PCI, PAPI, SIPAS scores, not about the seven areas
        data["thematic"] = True
        comments.setdefault(("thematic",), []).append(
            "văn bản không chia theo bảy lĩnh vực cải cách: đã ghi là kế hoạch chuyên đề; bỏ dòng này nếu không phải."
        )
    data["closing"] = closing or "Trên đây là Kế hoạch"
    recipients, archive = recipients_from_lines(signature.recipients if signature else [])
    data["recipients"] = recipients or ["Như trên"]
    if not recipients:
        comments.setdefault(("recipients",), []).append("không thấy danh sách Nơi nhận: đã ghi tạm “Như trên”.")
    if archive:
        data["archive"] = archive
    signer, others = signer_from_lines(signature.signer if signature else [])
    if others:
        comments.setdefault(("signer",), []).extend(f"dòng “{o}” trong khối chữ ký chưa được đặt chỗ." for o in others)
    data["signer"] = signer
    if appendices:
        data["appendices"] = appendices
        _link_references(data, comments)
    elif _has_reference(data["parts"]):  # the body points to an appendix this file does not hold
        data["appendices"] = [{"title": "Phụ lục", "issued_separately": True}]
        comments.setdefault(("appendices", 0), []).append(
            "văn bản chỉ dẫn tới phụ lục nhưng tệp không có bảng phụ lục: đã ghi là phụ lục ban hành riêng; "
            "hãy đặt đúng tên phụ lục, hoặc chép bảng vào đây."
        )
    return Imported(data, comments, _recognised(data, header))


def _title(blocks: list[Block], position: int, *, bold: bool) -> tuple[list[str], int]:
    """The trích yếu's lines from ``position``: centred (and bold, when asked), without a label."""
    lines: list[str] = []
    while position < len(blocks):
        block = blocks[position]
        if not (isinstance(block, Line) and block.centered and not block.label and (block.bold or not bold)):
            break
        lines.append(block.broken or block.text)
        position += 1
    return lines, position


def _as_lines(block: Block) -> list[Line]:
    """A body paragraph as itself; a table in the body as one paragraph per row ("a | b | c"), so
    that no word is lost: the plan format has no table in the body."""
    if isinstance(block, Line):
        return [block]
    lines = []
    for row in block.rows:
        text = " | ".join(cell.text.replace("\n", " ") for cell in row if cell.merge != "continue" and cell.text)
        if text:
            lines.append(Line("", text, text, False, False, "", False, block.landscape, from_table=True))
    return lines


def _header(blocks: list[Block], header: Header) -> int:
    """Read the header; return the index of the tên loại line."""
    lines: list[tuple[str, bool]] = []
    for index, block in enumerate(blocks[:40]):
        if isinstance(block, Grid):
            if index < 6:
                header_from_grid(block, header)
            continue
        first, _, rest = block.broken.partition("\n")
        if rest and block.bold and is_doc_type(replace(block, plain=first.strip())):
            # "KẾ HOẠCH<Shift+Enter>Cải cách hành chính năm 2025" typed as one paragraph
            blocks[index : index + 1] = [
                replace(block, plain=first.strip(), text=first.strip(), broken=first.strip()),
                replace(block, plain=" ".join(rest.split()), text=" ".join(rest.split()), broken=rest.strip()),
            ]
            block = blocks[index]
        assert isinstance(block, Line)
        if is_doc_type(block):
            read_header_lines(lines, header)
            return index
        if not _DRAFT.match(block.plain):
            lines += split_header_line(block)
    return len(blocks)


@dataclass
class _Signature:
    end: int
    recipients: list[str]
    signer: list[str]


def _signature(blocks: list[Block], start: int) -> tuple[int, _Signature | None]:
    """Where the body ends and the signature block (Nơi nhận beside the signer) is."""
    for index in range(start, len(blocks)):
        block = blocks[index]
        if isinstance(block, Grid) and block.rows and folded(block.rows[0][0].text).startswith("noi nhan"):
            left = [t for row in block.rows for t in row[0].text.split("\n")]
            right = [t for row in block.rows for cell in row[1:] for t in cell.text.split("\n")]
            return index, _Signature(index + 1, left, right)
        if isinstance(block, Line) and folded(block.plain).startswith("noi nhan"):
            return index, _paragraph_signature(blocks, index)
    return len(blocks), None


def _paragraph_signature(blocks: list[Block], index: int) -> _Signature:
    """Nơi nhận and the signer typed as paragraphs, the two columns apart by tabs or spaces."""
    left: list[str] = []
    right: list[str] = []
    end = index
    while end < len(blocks) and isinstance(blocks[end], Line):
        line = blocks[end]
        assert isinstance(line, Line)
        if _APPENDIX_LABEL.match(line.plain) or (line.landscape and end > index):
            break
        for piece in line.pieces or [line.plain]:  # cut at tabs, wide gaps and Shift+Enter
            if piece.startswith(("-", "–", "+")) or folded(piece).startswith(("noi nhan", "luu")):
                left.append(piece)
            else:
                right.append(piece)
        end += 1
    return _Signature(end, left, right)


def _appendices(blocks: list[Block], comments: Comments) -> tuple[list[dict[str, Any]], list[str]]:
    appendices: list[dict[str, Any]] = []
    attached: list[str] = []
    current: dict[str, Any] | None = None
    titles: list[str] = []
    for block in blocks:
        if isinstance(block, Line):
            if _APPENDIX_LABEL.match(block.plain):
                current, titles = None, []
            elif (joined := _LABEL_AND_TITLE.match(block.plain)) is not None:  # "PHỤ LỤC I. NHIỆM VỤ …"
                current, titles = None, [joined.group("title")]
            elif _ATTACHED.match(block.plain):
                attached.append(block.plain)
            elif block.bold or block.plain.upper() == block.plain:
                titles.append(block.plain)
            else:
                comments.setdefault(("appendices",), []).append(
                    f"đoạn “{block.plain[:80]}” ở phần phụ lục chưa đặt chỗ."
                )
            continue
        if any(NATIONAL.search(cell.text) for row in block.rows[:3] for cell in row):
            continue  # the appendix typed as its own document, with its own national header: furniture
        notes: list[str] = []
        columns, heads = read_columns(block, notes)
        groups = TableReader(columns, notes).read(block, heads)
        current = {"title": " ".join(titles) or "Phụ lục", "columns": columns, "groups": groups}
        appendices.append(current)
        if notes:
            comments[("appendices", len(appendices) - 1)] = notes
        titles = []
    if len(appendices) > 1:
        for index, appendix in enumerate(appendices, 1):
            appendix["id"] = f"phu-luc-{index}"
    return appendices, attached


def _agency(data: dict[str, Any], header: Header, texts: list[str], comments: Comments) -> None:
    name = " ".join(header.name) or "CƠ QUAN"
    parent = " ".join(header.parent)
    agency: dict[str, Any] = {}
    if parent:
        agency["parent"] = parent
    agency["name"] = name
    full = next((m for t in texts if (m := _from_attached(t))), None) or full_name_from(texts, name, parent)
    if not full:
        full = name.capitalize()
        comments.setdefault(("agency", "full_name"), []).append("tên đầy đủ của cơ quan đoán từ tên in hoa; hãy sửa.")
    agency["full_name"] = full
    agency["code"] = header.agency_code or "SO"
    agency["place"] = header.place or "…"
    if not header.agency_code:
        comments.setdefault(("agency", "code"), []).append("không đọc được ký hiệu cơ quan ở dòng “Số: …/KH-…”.")
    if not header.place:
        comments.setdefault(("agency", "place"), []).append("không đọc được địa danh ở dòng ngày tháng.")
    data["agency"] = agency


def _from_attached(text: str) -> str | None:
    match = re.search(r"\bcủa\s+(?P<name>[^()]+?)\s*\)\s*$", text)
    return match.group("name") if match and _ATTACHED.match(text) else None


def _date(header: Header) -> str:
    if header.year is None:
        return ""
    if header.day and header.month:
        return f"{header.day:02d}/{header.month:02d}/{header.year}"
    if header.month:
        return f"{header.month:02d}/{header.year}"
    return str(header.year)


def _year(title: str, header: Header, comments: Comments) -> int:
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", title)]
    if years:
        return years[0]
    comments.setdefault(("year",), []).append("trích yếu không ghi năm: năm kế hoạch đoán từ ngày ban hành.")
    if header.year is None:
        return dt.date.today().year
    return header.year + (1 if (header.month or 1) >= 10 else 0)


def _references(node: Any) -> list[dict[str, Any]]:
    """The appendix references among the parts, in order."""
    if isinstance(node, dict):
        found = [node] if "appendix_ref" in node else []
        return found + [ref for value in node.values() for ref in _references(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _references(value)]
    return []


def _has_reference(parts: list[dict[str, Any]]) -> bool:
    return bool(_references(parts))


def _link_references(data: dict[str, Any], comments: Comments) -> None:
    """Each "(Chi tiết tại Phụ lục …)" paragraph points to its appendix; one is added if none."""
    refs = _references(data["parts"])
    appendices = data["appendices"]
    for ref in refs:
        text = ref["appendix_ref"]["text"]
        numbers = re.findall(r"ph[ụu] l[ụu]c\s+([IVXLC]+|\d+)", text, re.IGNORECASE)
        if len(appendices) > 1:
            index = _index(numbers[0]) if numbers else 1
            ref["appendix_ref"]["appendix"] = appendices[min(max(index, 1), len(appendices)) - 1]["id"]
    for appendix in appendices:
        if not any(ref["appendix_ref"].get("appendix") in (None, appendix.get("id")) for ref in refs):
            last = data["parts"][-1]
            last.setdefault("items", []).append(
                {"appendix_ref": {"appendix": appendix["id"]} if "id" in appendix else None}
            )
            where: Path = ("parts", len(data["parts"]) - 1)
            comments.setdefault(where, []).append(
                "thân văn bản không chỉ dẫn tới phụ lục: đã thêm lời dẫn ở cuối phần này."
            )


def _index(text: str) -> int:
    return int(text) if text.isdigit() else (from_roman(text) or 1)


def _recognised(data: dict[str, Any], header: Header) -> list[str]:
    sections = sum(len(part.get("sections", [])) for part in data["parts"])
    rows = sum(
        len(g.get("rows", [])) + sum(len(s.get("rows", [])) for s in g.get("groups", []))
        for a in data.get("appendices", []) for g in a.get("groups", [])
    )  # fmt: skip
    return [
        f"Phần đầu: {data['agency']['name']}, số {header.number or '(để trống)'}, ngày {data['date'] or '(không rõ)'}",
        f"Trích yếu: {data['title']}",
        f"Nội dung: {len(data.get('opening', []))} đoạn mở đầu, {len(data['parts'])} phần, {sections} mục",
        f"Nơi nhận: {len(data['recipients'])} nơi; người ký: {data['signer']['name']}",
        f"Phụ lục: {len(data.get('appendices', []))} bảng, {rows} nhiệm vụ",
    ]
