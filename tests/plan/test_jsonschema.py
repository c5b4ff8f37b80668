"""The exported JSON Schema: complete, Vietnamese, and pointed to by every plan."""

from __future__ import annotations

import json
import re
from typing import Any

from generator.plan.jsonschema import SCHEMA_FILE, plan_schema
from tests.support import PLANS, ROOT

VIETNAMESE = re.compile("[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.IGNORECASE)


def properties(node: Any) -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            found.append((name, sub))
        for value in node.values():
            found.extend(properties(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(properties(value))
    return found


def test_every_key_has_a_vietnamese_description():
    fields = properties(plan_schema())
    assert len(fields) > 60
    for name, schema in fields:
        assert VIETNAMESE.search(schema.get("description", "")), name


def test_no_english_titles_leak_into_the_editor():
    text = json.dumps(plan_schema())
    assert '"title": "Full Name"' not in text and "The issuing agency" not in text


def test_unknown_keys_are_refused_by_the_schema_too():
    schema = plan_schema()
    assert schema["additionalProperties"] is False
    assert all(d.get("additionalProperties") is False for d in schema["$defs"].values() if "properties" in d)


def test_every_plan_points_editors_to_the_schema():
    for plan in PLANS.glob("*.yaml"):
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../{SCHEMA_FILE}", plan.name
    assert (ROOT / SCHEMA_FILE).exists()
