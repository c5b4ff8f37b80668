"""The plan writer's values read back by PyYAML (the oracle) as exactly what was written."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.importer.emit import plan_yaml, scalar


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=30))
def test_any_text_is_written_so_that_yaml_reads_it_back(text: str) -> None:
    assert yaml.safe_load(f"k: {scalar(text)}")["k"] == text


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=4))
def test_lists_and_review_comments_read_back(items: list[str]) -> None:
    data = {"title": items[0], "parts": [{"heading": h, "items": items} for h in items]}
    text = plan_yaml(data, {("parts", 0, "items", 0): ["xem lại đây"]}, ["đầu tệp"])
    assert yaml.safe_load(text) == data
    assert text.startswith("# đầu tệp\n") and "# XEM LẠI: xem lại đây" in text
