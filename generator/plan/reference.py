"""The plan format reference of the README, written from the schema's own field descriptions."""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal, Union

from generator.common.emphasis import HELP
from generator.plan.appendix_schema import Appendix, Column, Group, Row, RowLine, SubGroup
from generator.plan.model import FieldInfo, Model
from generator.plan.schema import (
    Agency,
    AppendixRef,
    AreaSection,
    Bullet,
    DocumentKind,
    FundingSection,
    Layout,
    ObjectivesSection,
    Paragraph,
    Part,
    Plan,
    Point,
    Recipient,
    RefItem,
    RequirementsSection,
    Signer,
    Subsection,
    Target,
    TextSection,
    UnitSection,
)

BEGIN = "<!-- BEGIN: tham chiếu định dạng (sinh bởi `make readme`, đừng sửa tay) -->"
END = "<!-- END: tham chiếu định dạng -->"

# (heading, model) in the order an author meets them in a plan file.
SECTIONS: tuple[tuple[str, type[Model]], ...] = (
    ("Kế hoạch (cấp ngoài cùng)", Plan),
    ("`agency`: cơ quan ban hành", Agency),
    ("`document`: tên loại văn bản", DocumentKind),
    ("`layout`: tùy chọn trình bày", Layout),
    ("`parts[]`: phần I., II., III.", Part),
    ("Mục `kind: text` (mặc định)", TextSection),
    ("Mục `kind: objectives`", ObjectivesSection),
    ("`targets[]`: chỉ tiêu cụ thể", Target),
    ("Mục `kind: requirements`", RequirementsSection),
    ("Mục `kind: area`: một lĩnh vực cải cách", AreaSection),
    ("Mục `kind: unit`: nhiệm vụ của một đơn vị", UnitSection),
    ("Mục `kind: funding`", FundingSection),
    ("`subsections[]`: mục con 1.1., 1.2.", Subsection),
    ("`points[]`: điểm a), b)", Point),
    ("Ý có ý con (trong `items`)", Bullet),
    ("Đoạn văn thường (trong `items`)", Paragraph),
    ("Chỉ dẫn phụ lục (trong `items`)", RefItem),
    ("`appendix_ref`", AppendixRef),
    ("`recipients[]`: một nơi nhận kèm mục đích", Recipient),
    ("`signer`: người ký", Signer),
    ("`appendices[]`: phụ lục", Appendix),
    ("`columns[]`: cột của bảng phụ lục", Column),
    ("`groups[]`: nhóm nhiệm vụ", Group),
    ("`groups[].groups[]`: nhóm con", SubGroup),
    ("`rows[]`: một nhiệm vụ", Row),
    ("`rows[].lines[]`: một dòng của nhiệm vụ in trên nhiều dòng", RowLine),
)


def _type_name(annotation: Any) -> str:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin is Literal:
        return " \\| ".join(f"`{value}`" for value in typing.get_args(annotation))
    if origin is list:
        return f"danh sách ({_type_name(typing.get_args(annotation)[0])})"
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " hoặc ".join(dict.fromkeys(_type_name(a) for a in options))
    if annotation in (str,):
        return "văn bản"
    if annotation in (int,):
        return "số"
    if annotation is bool:
        return "`true` \\| `false`"
    if annotation is float:
        return "số"
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return "nhóm khóa"
    return "văn bản"


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "bắt buộc"
    default = info.default
    if default is None or default in ([], ()):
        return ""
    if isinstance(default, Model) or info.default_factory is not None:
        return ""
    if isinstance(default, bool):
        return f"mặc định `{str(default).lower()}`"
    return f"mặc định `{default}`"


def reference_markdown() -> str:
    """The Markdown tables of every key, one table per block of the plan."""
    lines = [BEGIN, "", HELP.replace("*", "\\*"), ""]
    for heading, model in SECTIONS:
        lines += [f"#### {heading}", "", "| Khóa | Kiểu | Bắt buộc / mặc định | Ý nghĩa |", "|---|---|---|---|"]
        for info in model.model_fields.values():
            key = info.key
            kind = _type_name(info.annotation)
            note = _default(info)
            meaning = (info.description or "").replace("|", "\\|")
            lines.append(f"| `{key}` | {kind} | {note} | {meaning} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def with_reference(readme: str) -> str:
    """The README text with its reference block replaced by the current one."""
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    return readme[:start] + reference_markdown() + readme[end:]
