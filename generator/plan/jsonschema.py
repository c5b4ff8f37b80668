"""The plan format as JSON Schema, so editors (VS Code's YAML extension) complete and explain keys."""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal, Union

from generator.common.emphasis import HELP
from generator.plan.model import Constraints, FieldInfo, JsonSchema, Model, marker, unpack
from generator.plan.schema import Plan

SCHEMA_FILE = "schema/kehoach-plan-1.schema.json"
SCHEMA_ID = "https://kehoach.local/schema/kehoach-plan-1.schema.json"


def _schema(annotation: Any, defs: dict[str, Any], info: FieldInfo | None = None) -> dict[str, Any]:
    """The JSON Schema of one annotation; models go to ``defs`` and are referenced."""
    annotation, meta = unpack(annotation)
    override = marker(meta, JsonSchema)
    if override is not None:
        return dict(override.schema)
    origin = typing.get_origin(annotation)
    bounds = marker(meta, Constraints) or Constraints()
    if origin in (Union, types.UnionType):
        options = [o for o in typing.get_args(annotation) if o is not type(None)]
        schemas = [_schema(o, defs, info) for o in options]
        if len(options) < len(typing.get_args(annotation)):
            return {"anyOf": [*schemas, {"type": "null"}]}
        return {"oneOf": schemas}
    if origin is list:
        out: dict[str, Any] = {"type": "array", "items": _schema(typing.get_args(annotation)[0], defs)}
        if info is not None and info.min_length is not None:
            out["minItems"] = info.min_length
        return out
    if origin is Literal:
        values = list(typing.get_args(annotation))
        return {"const": values[0], "type": "string"} if len(values) == 1 else {"enum": values, "type": "string"}
    if annotation is str:
        out = {"type": "string"}
        for key, value in (("minLength", bounds.min_length), ("maxLength", bounds.max_length),
                           ("pattern", bounds.pattern)):  # fmt: skip
            if value is not None:
                out[key] = value
        return out
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is float:
        return {"type": "number"} if bounds.gt is None else {"type": "number", "exclusiveMinimum": bounds.gt}
    if isinstance(annotation, type) and issubclass(annotation, Model):
        name = annotation.__name__
        if name not in defs:
            defs[name] = {}  # taken before its fields are walked: a model may contain itself
            defs[name] = _model_schema(annotation, defs)
        return {"$ref": f"#/$defs/{name}"}
    msg = f"no JSON Schema for {annotation!r}"
    raise TypeError(msg)


def _model_schema(model: type[Model], defs: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for info in model.model_fields.values():
        schema = _schema(info.annotation, defs, info)
        if info.description:
            schema["description"] = info.description
        if not info.is_required() and info.default_factory is None:
            schema["default"] = info.default
        properties[info.key] = schema
    required = [info.key for info in model.model_fields.values() if info.is_required()]
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of plan format version 1, with Vietnamese descriptions."""
    defs: dict[str, Any] = {}
    body = _model_schema(Plan, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Kế hoạch cải cách hành chính (kehoach, định dạng 1)",
        "description": f"Một kế hoạch viết bằng YAML; chạy “make build” để tạo tệp DOCX đúng Nghị định 30. {HELP}",
        **body,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    """The schema as stable, readable JSON text."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
