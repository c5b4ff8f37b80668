"""Which values of a plan are prose: the texts the lint reads and ``kehoach new`` rewrites."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.plan.yamlload import KeyPath

# Keys whose values are not prose (numbers, dates, choices, identifiers, abbreviations).
NOT_TEXT = frozenset(
    {"schema", "number", "date", "year", "kind", "area", "marker", "layout", "id", "appendix", "field",
     "code", "authority", "issued_separately", "targets_numbered", "width"}
)  # fmt: skip
REVIEW_MARKER = "XEM LẠI"


def iter_texts(data: Any, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    """Every prose value of a plan's data with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in NOT_TEXT:
                yield from iter_texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from iter_texts(value, (*path, index))
    elif isinstance(data, str):
        yield path, data
