"""The schema's validation errors, located in the YAML file and told in Vietnamese."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from generator.common.errors import Problem
from generator.plan.areas import AREA_MEANINGS
from generator.plan.model import ErrorDetail, Model, Tag
from generator.plan.yamlload import KeyPath, LoadedYaml, format_path


@dataclass(frozen=True)
class _Node:
    """What the schema expects at one place: a model, a list, a tagged union or a leaf."""

    model: type[Model] | None = None
    item: Any = None  # the annotation of list items
    tagged: dict[str, Any] | None = None  # tag -> annotation, for discriminated unions
    literals: tuple[Any, ...] = ()


def _node(annotation: Any) -> _Node:
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _node(typing.get_args(annotation)[0])
    if origin is list:
        return _Node(item=typing.get_args(annotation)[0])
    if origin is Literal:
        return _Node(literals=typing.get_args(annotation))
    if origin in (Union, types.UnionType):
        options = typing.get_args(annotation)
        tags = {}
        for option in options:
            for meta in getattr(option, "__metadata__", ()):
                if isinstance(meta, Tag):
                    tags[meta.tag] = option
        if tags:
            return _Node(tagged=tags)
        real = [o for o in options if o is not type(None)]
        if len(real) == 1:
            return _node(real[0])
        return _Node()
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return _Node(model=annotation)
    return _Node()


def _field_names(model: type[Model]) -> list[str]:
    return [info.key for info in model.model_fields.values()]


def _field_annotation(model: type[Model], key: str) -> Any:
    for info in model.model_fields.values():
        if key == info.key:
            return info.annotation
    return None


@dataclass
class _Located:
    path: KeyPath  # the path in the YAML data (union tags removed)
    parent: _Node  # what the schema expects at the last step's container
    here: _Node  # what the schema expects at the path


def _locate(root: type[Model], loc: tuple[int | str, ...]) -> _Located:
    node = _Node(model=root)
    parent = node
    path: list[str | int] = []
    for step in loc:
        if node.tagged is not None and isinstance(step, str) and step in node.tagged:
            node = _node(node.tagged[step])  # a union tag: not a key in the file
            continue
        parent = node
        path.append(step)
        if node.model is not None and isinstance(step, str):
            node = _node(_field_annotation(node.model, step))
        elif node.item is not None and isinstance(step, int):
            node = _node(node.item)
        else:
            node = _Node()
    return _Located(tuple(path), parent, node)


def _kind_of(value: Any) -> str:
    if value is None:
        return "để trống"
    if isinstance(value, list):
        return "một danh sách"
    if isinstance(value, dict):
        return "một nhóm khóa"
    return f"“{_short(str(value))}”"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Có phải ý bạn là “{close[0]}”?" if close else ""


def _choices(values: typing.Iterable[Any]) -> str:
    return ", ".join(f"“{v}”" for v in values)


def _colon_trap(value: Any) -> bool:
    """A sentence that ended with ":" on its line: YAML read it as a key with no value."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key, inner = next(iter(value.items()))
    return inner is None and isinstance(key, str) and " " in key.strip()


_CURLY_OPEN = ("“", "‘", "«")


def _curly_trap(value: Any) -> bool:
    """A sentence pasted from Word inside curly quotes, with a ":" in it: YAML read a key and a value."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    key = next(iter(value))
    return isinstance(key, str) and key.lstrip().startswith(_CURLY_OPEN)


CURLY_TRAP = (
    "đoạn văn nằm trong dấu nháy cong “…” (thường do chép từ Word): YAML không coi đó là dấu nháy nên hiểu phần "
    'trước dấu hai chấm là tên một khóa. Hãy thay hai dấu nháy cong bằng dấu nháy kép thẳng "…" của bàn phím.'
)
COLON_TRAP = (
    "đoạn văn này kết thúc bằng dấu hai chấm (ví dụ “… như sau:”) nên YAML hiểu nó là tên một "
    'khóa. Hãy đặt cả đoạn văn trong dấu nháy kép "…".'
)


def translate(error: ErrorDetail, root: type[Model], source: LoadedYaml) -> Problem:
    """One validation error as a problem at the right line, in Vietnamese."""
    located = _locate(root, tuple(error["loc"]))
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    path = located.path
    key_mark = False

    if kind == "missing":
        key = path[-1] if path else ""
        message = f"thiếu khóa bắt buộc “{key}”. Hãy thêm dòng “{key}: …” vào nhóm này."
        if len(path) == 1:  # the whole file is its group: say so, the position is only its first key
            message = (
                f"tệp thiếu khóa bắt buộc “{key}” ở cấp ngoài cùng. "
                f"Hãy thêm dòng “{key}: …” sát lề trái (không thụt lề)."
            )
        line, column = _line_col(source, path[:-1])  # the key is absent: point at its group
        return Problem(source.file, line, column, _path_text(path), message)
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else ""
        allowed = _field_names(located.parent.model) if located.parent.model else []
        message = f"khóa “{key}” không có trong định dạng kế hoạch.{_suggest(key, allowed)}"
        if allowed and not _suggest(key, allowed):
            message += f" Các khóa được dùng ở đây: {_choices(allowed)}."
        key_mark = True
    elif kind in ("string_type", "item_shape") and _curly_trap(value):
        message = CURLY_TRAP
    elif kind in ("string_type", "item_shape") and _colon_trap(value):
        message = COLON_TRAP
    elif kind in ("string_type", "string_too_short"):
        message = (
            "không được để trống."
            if value in (None, "") or kind == "string_too_short"
            else f"cần một đoạn văn bản, nhưng ở đây là {_kind_of(value)}."
        )
    elif kind == "list_type":
        message = f"cần một danh sách (mỗi mục một dòng bắt đầu bằng “- ”), nhưng ở đây là {_kind_of(value)}."
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"cần một nhóm khóa (các dòng “tên: giá trị” thụt vào bên dưới), nhưng ở đây là {_kind_of(value)}."
    elif kind == "too_short":
        message = f"cần ít nhất {ctx.get('min_length', 1)} mục."
    elif kind == "literal_error":
        options = [str(v) for v in located.here.literals]
        if set(options) == set(AREA_MEANINGS):  # the codes alone mean nothing to the author
            listed = ", ".join(f"“{key}” ({AREA_MEANINGS[key]})" for key in options)
            message = (
                f"giá trị {_kind_of(value)} không phải một lĩnh vực; chọn một trong: {listed}, "
                f"hoặc viết tên lĩnh vực, ví dụ “Chính quyền số”.{_suggest(str(value), options)}"
            )
        else:
            message = (
                f"giá trị {_kind_of(value)} không hợp lệ; chọn một trong: {_choices(options)}."
                f"{_suggest(str(value), options)}"
            )
    elif kind == "union_tag_invalid":
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        tag = str(ctx.get("tag", ""))
        message = f"loại mục (kind) “{tag}” không có; chọn một trong: {_choices(tags)}.{_suggest(tag, tags)}"
    elif kind == "union_tag_not_found":
        message = "“kind” phải là một từ, ví dụ “area” hoặc “unit”."
    elif kind == "item_shape":
        message = (
            "mục này không đúng dạng. Hãy viết một đoạn văn bản, hoặc một nhóm có một trong các "
            "khóa: text (kèm sub), paragraph, appendix_ref."
        )
    elif kind in ("bool_parsing", "bool_type"):
        message = f"cần true (có) hoặc false (không), nhưng ở đây là {_kind_of(value)}."
    elif kind in ("float_parsing", "float_type", "greater_than"):
        message = f"cần một số dương, ví dụ 12 hoặc 2.5; ở đây là {_kind_of(value)}."
    elif kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^[a-z0-9]"):
            message = (
                f"{_kind_of(value)} không dùng được làm id: chỉ dùng chữ thường không dấu, chữ số "
                "và dấu gạch ngang, ví dụ “nhiem-vu”."
            )
        else:
            message = (
                f"{_kind_of(value)} không phải chữ viết tắt hợp lệ: chỉ dùng chữ in hoa và chữ số, "
                "nối các nhóm bằng “-”, ví dụ “SYT” hoặc “TCHC”."
            )
    elif kind == "string_too_long":
        message = f"quá dài (tối đa {ctx.get('max_length')} ký tự)."
    elif kind == "value_error" and "error" in ctx:
        message = str(ctx["error"])
    elif kind.startswith(("not_a_number", "year_", "date_", "schema_", "number_")):
        message = error["msg"]
    else:
        message = f"giá trị {_kind_of(value)} không hợp lệ ở đây."
    line, column = _line_col(source, path, key=key_mark)
    return Problem(source.file, line, column, _path_text(path), message)


def _path_text(path: KeyPath) -> str:
    return format_path(path)


def _line_col(source: LoadedYaml, path: KeyPath, *, key: bool = False) -> tuple[int, int]:
    mark = source.mark_for(path, key=key)
    return mark.line, mark.column
