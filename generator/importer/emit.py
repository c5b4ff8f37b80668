"""The imported plan written as a person would write it: keys in the usual order, one value a line,
comments at the top saying where it came from, ``# XEM LẠI: …`` above each place to review."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.importer.body import Comments, Path
from generator.plan.prose import REVIEW_MARKER as REVIEW_MARK

_EMPTY: tuple[Any, ...] = ([], {}, None, "")


def tidy(node: Any, key: str = "") -> Any:
    """Drop empty lists and defaults the format fills in (``kind: text``), recursively; an item
    that is only its text is written as the text."""
    if isinstance(node, list) and key in ("items", "sub"):
        node = [item["text"] if isinstance(item, dict) and set(item) == {"text"} else item for item in node]
    if isinstance(node, dict):
        out = {}
        for name, value in node.items():
            value = tidy(value, name)
            if name == "kind" and value == "text":
                continue
            if name in ("number", "appendix_ref") or value not in _EMPTY:
                out[name] = value
        return out
    if isinstance(node, list):
        return [tidy(value) for value in node]
    return node


def unique_areas(parts: list[dict[str, Any]], comments: Comments) -> None:
    """A reform area may have one section: a second one keeps its title as an ordinary section."""
    seen: set[str] = set()
    for p, part in enumerate(parts):
        for s, section in enumerate(part.get("sections", [])):
            if section.get("kind") != "area":
                continue
            if section["area"] in seen:
                section.setdefault("title", section.pop("area"))
                section.pop("area", None)
                section["kind"] = "text"
                comments.setdefault(("parts", p, "sections", s), []).append(
                    "mục này thuộc một lĩnh vực đã có mục khác: đã ghi thành mục thường."
                )
            else:
                seen.add(section["area"])


# Text YAML reads back as the same string when written plain: it starts with a letter (or an
# opening bracket, as "(Chi tiết …)" does), has no ": " or " #" inside, does not end in ":",
# and holds nothing but printable characters. Anything else goes through PyYAML's emitter, which
# costs a tenth of a millisecond per value (half the time of a 3,000-row import).
_PLAIN = re.compile(r"[^\W\d_][^\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]*")
_WORDS_YAML_READS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def _plain_safe(text: str) -> bool:
    return (
        _PLAIN.fullmatch(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith((":", " "))
        and text.casefold() not in _WORDS_YAML_READS
    )


def scalar(value: Any) -> str:
    """One value as YAML text: plain when safe, quoted otherwise; never folded over lines."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and _plain_safe(value):
        return value
    # PyYAML writes NEL and the Unicode line separators raw, then reads them back as line breaks:
    # double quotes make it write them as escapes.
    style = '"' if isinstance(value, str) and any(ch in value for ch in "\x85\u2028\u2029") else None
    text = yaml.safe_dump(value, allow_unicode=True, width=1_000_000, default_flow_style=True, default_style=style)
    return text.removesuffix("\n...\n").rstrip("\n")


def plan_yaml(data: dict[str, Any], comments: Comments, head: list[str]) -> str:
    """The YAML text of a plan, with the head comments and the review comments."""
    out = [f"# {line}" if line else "#" for line in head]
    _mapping(data, 0, (), comments, out)
    for path, texts in comments.items():
        if not _placed(path, data):
            out += [f"# {REVIEW_MARK}: {text}" for text in texts]
    return "\n".join(out) + "\n"


def _placed(path: Path, data: Any) -> bool:
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    return True


def _comment(path: Path, indent: int, comments: Comments, out: list[str]) -> None:
    for text in comments.get(path, []):
        out.append(" " * indent + f"# {REVIEW_MARK}: {text}")


def _mapping(data: dict[str, Any], indent: int, path: Path, comments: Comments, out: list[str]) -> None:
    pad = " " * indent
    for key, value in data.items():
        here = (*path, key)
        _comment(here, indent, comments, out)
        if isinstance(value, dict):
            out.append(f"{pad}{key}:" if value else f"{pad}{key}: {{}}")
            _mapping(value, indent + 2, here, comments, out)
        elif isinstance(value, list):
            if value and all(isinstance(v, str) for v in value) and key in ("titles", "lead", "partners", "units"):
                out.append(f"{pad}{key}: [{', '.join(scalar(v) for v in value)}]")
                continue
            out.append(f"{pad}{key}:" if value else f"{pad}{key}: []")
            _sequence(value, indent + 2, here, comments, out)
        else:
            text = scalar(value)
            out.append(f"{pad}{key}: {text}" if text else f"{pad}{key}:")


def _sequence(items: list[Any], indent: int, path: Path, comments: Comments, out: list[str]) -> None:
    pad = " " * indent
    for index, value in enumerate(items):
        here = (*path, index)
        _comment(here, indent, comments, out)
        if isinstance(value, dict):
            if not value:
                out.append(f"{pad}- {{}}")
                continue
            lines: list[str] = []
            _mapping(value, indent + 2, here, comments, lines)
            first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
            lines[first] = pad + "- " + lines[first][indent + 2 :]
            out += lines
        elif isinstance(value, list):
            out.append(f"{pad}-")
            _sequence(value, indent + 2, here, comments, out)
        else:
            out.append(f"{pad}- {scalar(value)}")
