"""The exported JSON Schema: complete, Vietnamese, and pointed to by every plan."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import yaml

from generator.plan.jsonschema import SCHEMA_FILE, plan_schema
from tests.support import FIXTURES, PLANS, ROOT

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


# An independent reader of the exported schema: the jsonschema library, on the plans as an editor
# sees them (YAML 1.1 through PyYAML, so years are numbers and dates are text).
def _editor_view(path: Any) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _schema_errors(data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(plan_schema())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_the_schema_accepts_every_plan_the_tool_accepts():
    plans = [*PLANS.glob("*.yaml"), *(FIXTURES / "variants").glob("*.yaml"), FIXTURES / "valid_minimal.yaml"]
    assert len(plans) >= 5
    for plan in plans:
        assert _schema_errors(_editor_view(plan)) == [], plan.name


@pytest.mark.parametrize(
    ("scenario", "where"),
    [
        ("unknown-key-typo", "Additional properties"),
        ("missing-required-keys", "is a required property"),
        ("list-instead-of-text", "is not of type 'string'"),
        ("string-instead-of-list", "is not of type 'array'"),
        ("item-wrong-shape", "is not valid under any of the given schemas"),
    ],
)
def test_the_schema_refuses_what_the_tool_refuses(scenario: str, where: str):
    errors = _schema_errors(_editor_view(FIXTURES / "bad_plans" / f"{scenario}.yaml"))
    assert any(where in error for error in errors), errors


def test_a_section_is_told_apart_by_its_kind_in_the_schema_too():
    data = _editor_view(PLANS / "2024-hoa-binh.yaml")
    data["parts"][0]["sections"][0]["kind"] = "area"  # an area section needs its area key
    assert any("is not valid under any of the given schemas" in e for e in _schema_errors(data))
