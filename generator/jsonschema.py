"""The plan format as JSON Schema, for editors (VS Code's YAML extension) to complete and explain keys."""

from __future__ import annotations

import json
from typing import Any

from .schema import Plan

SCHEMA_ID = "https://kehoach.local/schema/kehoach-plan-1.schema.json"


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of plan format version 1, with Vietnamese descriptions."""
    schema = Plan.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Kế hoạch cải cách hành chính (kehoach, định dạng 1)"
    return schema


def schema_json() -> str:
    """The schema as stable, readable JSON text."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
