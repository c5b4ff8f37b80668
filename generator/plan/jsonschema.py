"""The plan format as JSON Schema, so editors (VS Code's YAML extension) complete and explain keys."""

from __future__ import annotations

import json
from typing import Any

from generator.common.emphasis import HELP
from generator.plan.schema import Plan

SCHEMA_FILE = "schema/kehoach-plan-1.schema.json"
SCHEMA_ID = "https://kehoach.local/schema/kehoach-plan-1.schema.json"


def _vietnamese_only(node: Any) -> Any:
    """Drop what pydantic derives from English identifiers and docstrings.

    Property titles ("Full Name") and model docstrings would show next to the Vietnamese
    descriptions in the editor; the field descriptions are what the author should read.
    """
    if isinstance(node, dict):
        cleaned = {}
        for key, value in node.items():
            if key == "title":  # the keyword, not a property called "title"
                continue
            if key in ("properties", "$defs"):  # maps of names to schemas: keep every name
                cleaned[key] = {name: _vietnamese_only(sub) for name, sub in value.items()}
            else:
                cleaned[key] = _vietnamese_only(value)
        if "properties" in cleaned:  # a model: its docstring is for developers
            cleaned.pop("description", None)
        return cleaned
    if isinstance(node, list):
        return [_vietnamese_only(value) for value in node]
    return node


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of plan format version 1, with Vietnamese descriptions."""
    schema: dict[str, Any] = _vietnamese_only(Plan.model_json_schema(by_alias=True, mode="validation"))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Kế hoạch cải cách hành chính (kehoach, định dạng 1)"
    schema["description"] = f"Một kế hoạch viết bằng YAML; chạy “make build” để tạo tệp DOCX đúng Nghị định 30. {HELP}"
    return schema


def schema_json() -> str:
    """The schema as stable, readable JSON text."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
