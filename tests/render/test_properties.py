"""Any text in any text field gives a correct document or an error naming the key; never worse.

Hypothesis puts arbitrary Unicode (markup characters, Jinja syntax, docxtpl's escape sequences,
control characters, bidi and zero-width marks, emoji, decomposed letters, very long paragraphs)
into one text field of a plan that fills every text field of the schema, builds it, and checks
that either the DOCX opens and shows the text as cleaned, or validation names that field.
"""

from __future__ import annotations

import copy
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.commands.pipeline import build_plan
from generator.common.errors import PlanError
from generator.docx.read import DocxReader
from generator.plan.jsonschema import plan_schema
from generator.plan.model import Model
from generator.plan.schema import Plan
from tests.support import plan_data

REF_TEXT = "Chi tiết tại Phụ lục I kèm theo"

# A plan that uses every text field of the schema at least once.
FULL: dict[str, Any] = plan_data(
    agency={
        "parent": "UBND TỈNH HÒA BÌNH", "name": "SỞ Y TẾ", "full_name": "Sở Y tế tỉnh Hòa Bình",
        "code": "SYT", "place": "Hòa Bình",
    },
    document={"type": "Kế hoạch", "code": "KH"},
    opening=["Thực hiện Kế hoạch số 244/KH-UBND."],
    parts=[
        {
            "heading": "Mục tiêu, yêu cầu",
            "items": ["Ý chung.", {"paragraph": "Đoạn văn."}],
            "sections": [
                {
                    "kind": "objectives", "title": "Mục tiêu cụ thể", "text": "Phấn đấu.",
                    "items": [{"text": "Ý có con.", "note": "Văn phòng Sở chủ trì.", "sub": ["Ý con."]}],
                    "targets": [{"text": "100% hồ sơ đúng hạn.", "units": ["Văn phòng Sở"], "note": "Ghi chú."}],
                    "subsections": [
                        {"title": "Chỉ số", "text": "Nâng cao.", "items": ["Ý mục con."],
                         "points": [{"title": "Điểm", "text": "Nội dung điểm.", "items": ["Ý điểm."]}]},
                    ],
                },
                {"kind": "area", "area": "procedures", "title": "Cải cách TTHC", "text": "Trọng tâm.",
                 "items": [{"appendix_ref": {"appendix": "a", "text": REF_TEXT}}]},
                {"kind": "requirements", "title": "Yêu cầu", "text": "Nghiêm túc.", "items": ["Đúng hạn."]},
                {"title": "Mục tự do", "text": "Nội dung tự do.", "items": ["Ý tự do."]},
                {"kind": "unit", "unit": "Văn phòng Sở", "text": "Đôn đốc.", "items": ["Báo cáo."]},
                {"kind": "funding", "title": "Kinh phí", "text": "Ngân sách.",
                 "items": [{"appendix_ref": {"appendix": "b"}}]},
            ],
        }
    ],
    closing="Trên đây là Kế hoạch.",
    recipients=["UBND tỉnh (b/c)", {"name": "Sở Nội vụ", "purpose": "tổng hợp"}],
    archive="VT, TCHC",
    signer={"authority": "KT.", "titles": ["Giám đốc", "Phó Giám đốc"], "name": "Nguyễn Văn An"},
    appendices=[
        {
            "id": "a", "title": "Nhiệm vụ trọng tâm",
            "columns": [
                {"field": "number", "heading": "TT"}, {"field": "task", "heading": "Nhiệm vụ"},
                {"field": "product", "heading": "Sản phẩm"},
                {"field": "lead", "heading": "Chủ trì", "band": "Phân công"},
                {"field": "partners", "heading": "Phối hợp", "band": "Phân công"},
                {"field": "deadline", "heading": "Thời gian"}, {"field": "note", "heading": "Ghi chú"},
                {"field": "status", "heading": "Tình trạng"},
            ],
            "groups": [
                {"title": "Chỉ số PAR INDEX", "label": "2", "rows": [
                    {"task": "Rà soát.", "product": "Báo cáo.", "lead": ["Văn phòng Sở"], "partners": ["Các phòng"],
                     "deadline": "Quý II/2024", "note": "Ghi chú.", "number": "1.7.2", "status": "Đang làm."},
                    {"task": "Kiểm tra.", "lines": [
                        {"product": "Kế hoạch kiểm tra.", "lead": ["Thanh tra Sở"], "partners": ["Phòng Tổ chức"],
                         "deadline": "Quý I/2024", "note": "Lần một.", "status": "Xong."},
                        {"product": "Báo cáo kiểm tra.", "deadline": "Quý IV/2024"},
                    ]},
                ], "groups": [{"title": "Công tác chỉ đạo", "label": "4", "rows": [{"task": "Ban hành kế hoạch."}]}]},
            ],
        },
        {"id": "b", "title": "Phụ lục ban hành riêng", "issued_separately": True},
    ],
    units=["Văn phòng Sở"],
)  # fmt: skip

# Keys whose values are not free text (numbers, dates, choices, identifiers, abbreviations).
NOT_TEXT = {"schema", "number", "date", "year", "kind", "area", "marker", "layout", "id", "appendix", "field", "code",
            "authority", "issued_separately", "targets_numbered", "width", "merge"}  # fmt: skip
# Fields that are valid but not printed: the title of an appendix issued as its own file.
NOT_PRINTED = {"appendices[1].title", "units[0]"}  # the list of the Sở's units is for the checks only
# Fields printed in capitals: headings, agency lines, signer titles, group rows of the common layout.
UPPER = re.compile(
    r"^(agency\.(parent|name)|document\.type|parts\[\d+\]\.heading|signer\.titles\[\d+\]"
    r"|appendices\[\d+\]\.title|appendices\[\d+\]\.groups\[\d+\]\.title)$"
)


def text_paths(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every path to a text value of the plan."""
    if isinstance(node, dict):
        return [p for key, value in node.items() if key not in NOT_TEXT for p in text_paths(value, (*path, key))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in text_paths(value, (*path, index))]
    return [path] if isinstance(node, str) else []


PATHS = text_paths(FULL)


def shown(path: tuple[str | int, ...]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out


def set_at(data: dict[str, Any], path: tuple[str | int, ...], value: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def expected_text(value: str) -> str:
    """The cleaning rule, written independently of generator.common.text: NFC; CR and VT become line
    breaks; what XML 1.0 cannot carry, DEL, C1 controls and the bidi embeddings, overrides and
    isolates (U+202A-U+202E, U+2066-U+2069) are removed; ends trimmed."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    allowed = ((0x20, 0x7E), (0xA0, 0x2029), (0x202F, 0x2065), (0x206A, 0xD7FF), (0xE000, 0xFFFD), (0x10000, 0x10FFFF))
    kept = "".join(ch for ch in value if ch in "\t\n" or any(low <= ord(ch) <= high for low, high in allowed))
    return unicodedata.normalize("NFC", kept).strip()


def document_text(path: Path) -> str:
    reader = DocxReader(path)
    return "\n".join(p.text for p in reader.paragraphs)


def test_the_full_plan_covers_every_text_field_of_the_schema():
    plan = Plan.model_validate(FULL)
    used: set[tuple[str, str]] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Model):
            for field in type(node).model_fields.values():
                value, key = getattr(node, field.name), field.key
                if isinstance(value, str) or (isinstance(value, list) and value and isinstance(value[0], str)):
                    used.add((type(node).__name__, key))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(plan)
    schema = plan_schema()
    declared = set()
    for model, definition in [("Plan", schema), *schema["$defs"].items()]:
        for key, prop in definition.get("properties", {}).items():
            if key in NOT_TEXT:
                continue
            options = prop.get("anyOf", [prop])
            items = [o.get("items", {}) for o in options if o.get("type") == "array"]
            if any(o.get("type") == "string" for o in options + items):
                declared.add((model, key))
    assert declared - used == set()


nasty = st.sampled_from([
    "&", "<", ">", "<w:t>", "</w:t></w:r><w:r><w:b/><w:t>", '"', "'",
    "{{ x }}", "{{ 7*7 }}", "{% if %}", "{%p for x in y %}", "{#", "#}", "{_{", "}_}", "{_%", "%_}",
    "\\", "\t", "\n", "\r\n", "\x00", "\x07", "\x0b", "\x0c", "\x1f", "\x7f", "\x85",
    "\u200b", "\u200e", "\u202e", "\u2066", "\ufeff", "\ufffe",
    "😀", "👩‍👩‍👧", "e\u0301", "a\u0306\u0301", "Hòa Bình", "   ",
])  # fmt: skip
texts = st.lists(st.one_of(nasty, st.text(min_size=0, max_size=12)), min_size=1, max_size=8).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(PATHS) - 1), value=texts)
def test_any_text_in_any_field_gives_the_text_or_an_error_naming_the_key(tmp_path: Path, index: int, value: str):
    path = PATHS[index]
    plan_file = tmp_path / "plan.yaml"
    # Every star escaped ("\\*", the documented way to print one): the text must come out as typed,
    # never as *emphasis* (that feature has its own tests).
    dumped = yaml.safe_dump(set_at(FULL, path, value.replace("*", "\\*")), allow_unicode=True)
    plan_file.write_text(dumped, encoding="utf-8")
    # The oracle is what the file says, read by PyYAML's own loader: the dumper may write a
    # character (NEL, U+0085) that YAML reads as a line break rather than as itself.
    written: Any = yaml.safe_load(dumped)
    for step in path:
        written = written[step]
    written = written.replace("\\*", "*") if isinstance(written, str) else written
    try:
        out = build_plan(plan_file, tmp_path / "out")
    except PlanError as error:
        keys = [p.key_path for p in error.problems]
        assert any(k == shown(path) or k.startswith(shown(path)) for k in keys), keys
        return
    with zipfile.ZipFile(out) as archive:  # every part is well-formed XML
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
    docx.Document(str(out))
    expected = expected_text(written)
    assume(expected and shown(path) not in NOT_PRINTED)  # an empty value is an error or an omitted optional field
    text = document_text(out)
    if UPPER.match(shown(path)):
        expected, text = expected.upper(), text.upper()
    if shown(path) == "closing":
        expected = re.sub(r"[\s./;,:]*$", "", expected)
    if shown(path).startswith("recipients") or shown(path) == "archive":
        expected = re.sub(r"[;.,\s]+$", "", expected)
    assert expected in text


LONG = "Cải cách hành chính " * 500


@pytest.mark.parametrize("value", [LONG, LONG + "\n" + LONG])
def test_a_ten_thousand_character_paragraph_is_kept_whole(tmp_path: Path, value: str):
    data = set_at(FULL, ("parts", 0, "items", 0), value)
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = document_text(build_plan(plan_file, tmp_path / "out"))
    assert "- " + value.strip() in text


# --- valid values must build, each in its own place --------------------------------------------

_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
_ALNUM = st.sampled_from(_LETTERS + _LETTERS.upper() + "0123456789")
_INNER = st.sampled_from(_LETTERS + _LETTERS.upper() + "0123456789 ,;()-/%")
valid_texts = st.tuples(_ALNUM, st.text(_INNER, max_size=30), _ALNUM).map(lambda t: " ".join("".join(t).split()))
MARKER = "qqqq"  # lower case: a place that prints it in capitals shows "QQQQ"


def paragraph_texts(path: Path) -> list[str]:
    """Every paragraph of the body (cells included), in order, as printed; read with lxml only."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    out = []
    for paragraph in root.iter(f"{w}p"):
        pieces = []
        for node in paragraph.iter(f"{w}t", f"{w}tab", f"{w}br"):
            pieces.append(node.text or "" if node.tag == f"{w}t" else ("\t" if node.tag == f"{w}tab" else "\n"))
        out.append("".join(pieces))
    return out


def _valid_for(path: tuple[str | int, ...], value: str) -> str:
    """A field with a rule of its own gets what the rule asks for around the value."""
    if shown(path).endswith("appendix_ref.text"):  # must name the "Phụ lục" it points to
        return f"Chi tiết tại Phụ lục I {value}"  # the appendix it points to, by its number
    return value


def _places(tmp_path: Path, path: tuple[str | int, ...]) -> dict[int, str]:
    """Where the field prints: the paragraphs that hold a marker put in it, and their whole text."""
    plan_file = tmp_path / "marker.yaml"
    plan_file.write_text(
        yaml.safe_dump(set_at(FULL, path, _valid_for(path, MARKER)), allow_unicode=True), encoding="utf-8"
    )
    texts = paragraph_texts(build_plan(plan_file, tmp_path / "marker"))
    return {i: text for i, text in enumerate(texts) if MARKER in text or MARKER.upper() in text}


PRINTED = [p for p in PATHS if shown(p) not in NOT_PRINTED]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(PRINTED) - 1), value=valid_texts)
def test_any_valid_text_builds_and_prints_in_its_own_place(tmp_path: Path, index: int, value: str):
    """A validator that refused valid text, or a renderer that put it elsewhere, fails here: the
    value must build and replace the marker in exactly the paragraphs where the marker printed."""
    path = PRINTED[index]
    places = _places(tmp_path, path)
    assert places, f"{shown(path)} prints nowhere"
    plan_file = tmp_path / "plan.yaml"
    text = yaml.safe_dump(set_at(FULL, path, _valid_for(path, value)), allow_unicode=True)
    plan_file.write_text(text, encoding="utf-8")
    texts = paragraph_texts(build_plan(plan_file, tmp_path / "out"))  # must not raise: the value is valid
    for where, template in places.items():
        expected = template.replace(MARKER, value).replace(MARKER.upper(), value.upper())
        assert texts[where] == expected, shown(path)
