"""The YAML loader: values as text, positions, and every way a file can be unreadable."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from generator.common.errors import PlanError, Severity
from generator.plan.yamlload import MAX_BYTES, Mark, load_yaml_file, load_yaml_text


def messages(error: PlanError) -> list[str]:
    return [p.render() for p in error.problems]


def test_every_scalar_is_text_so_numbers_and_words_keep_their_form():
    loaded = load_yaml_text("number: 05\nflag: no\ndate: 2024-02-30\nempty:\nnull_word: ~\n", "x.yaml")
    assert loaded.data == {
        "number": "05",
        "flag": "no",
        "date": "2024-02-30",
        "empty": None,
        "null_word": None,
    }


def test_quoted_empty_string_is_text_not_null():
    assert load_yaml_text('a: ""\n', "x.yaml").data == {"a": ""}


def test_positions_of_keys_and_values_are_one_based():
    loaded = load_yaml_text("top:\n  items:\n    - first\n    - second\n", "x.yaml")
    assert loaded.key_marks[("top", "items")] == Mark(2, 3)
    assert loaded.value_marks[("top", "items", 1)] == Mark(4, 7)
    # An absent path falls back to its closest parent.
    assert loaded.mark_for(("top", "items", 9, "text")) == Mark(3, 5)


def test_duplicate_keys_are_reported_with_both_lines_and_the_first_value_kept():
    loaded = load_yaml_text("title: A\nyear: 2024\ntitle: B\n", "x.yaml")
    assert loaded.data["title"] == "A"
    assert [p.render() for p in loaded.problems] == [
        "x.yaml:3:1: title: khóa “title” bị lặp lại (đã có ở dòng 1). "
        "Mỗi khóa chỉ được viết một lần: hãy gộp hai phần hoặc xóa một phần."
    ]


def test_aliases_and_anchors_are_refused_so_expansion_bombs_cannot_grow():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    loaded = load_yaml_text(bomb, "bomb.yaml")
    messages = [p.message for p in loaded.problems]
    assert any("neo YAML" in m for m in messages) and any("bí danh (*tên)" in m for m in messages)
    # Nothing was expanded: each alias became an empty slot.
    assert loaded.data["c"] == [None] * 9


def test_foreign_tags_are_refused():
    loaded = load_yaml_text("a: !!python/object:os.system echo\n", "x.yaml")
    assert "thẻ YAML" in loaded.problems[0].message


def test_tab_indentation_is_named():
    with pytest.raises(PlanError) as caught:
        load_yaml_text("agency:\n\tname: SỞ Y TẾ\n", "x.yaml")
    assert messages(caught.value)[0].startswith("x.yaml:2:1: lỗi cú pháp YAML: có ký tự Tab.")


def test_a_line_ending_with_a_colon_is_explained():
    with pytest.raises(PlanError) as caught:
        load_yaml_text("opening:\n  - Thực hiện kế hoạch, như\n    sau:\n", "x.yaml")
    assert "kết thúc bằng dấu hai chấm" in caught.value.problems[0].message
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (3, 8)


def test_unclosed_quote_is_explained():
    with pytest.raises(PlanError) as caught:
        load_yaml_text('title: "Cải cách\n', "x.yaml")
    assert "dấu nháy chưa được đóng" in caught.value.problems[0].message


def test_raw_control_characters_are_removed_with_a_warning():
    loaded = load_yaml_text("title: Cải\x07 cách\x0bhành chính\n", "x.yaml")
    assert loaded.data["title"] == "Cải cách hành chính"
    assert [n.severity for n in loaded.notes] == [Severity.WARNING, Severity.WARNING]
    assert loaded.notes[0].message.startswith("đã bỏ một ký tự điều khiển vô hình (U+0007)")


def test_empty_and_comment_only_files_say_so():
    for text in ("", "# chỉ có chú thích\n"):
        with pytest.raises(PlanError) as caught:
            load_yaml_text(text, "x.yaml")
        assert caught.value.problems[0].message.startswith("tệp trống.")


def test_two_documents_in_one_file_are_refused():
    with pytest.raises(PlanError) as caught:
        load_yaml_text("a: 1\n---\nb: 2\n", "x.yaml")
    assert "nhiều hơn một tài liệu" in caught.value.problems[0].message


@pytest.mark.parametrize("depth", [100, 5_000, 100_000])
def test_pathological_nesting_is_refused_without_crashing(depth: int):
    """Refused by the tool's own limit (64) or, deeper, by libyaml's scanner (1,000 on some builds): one message."""
    with pytest.raises(PlanError) as caught:
        load_yaml_text("a: " + "[" * depth, "x.yaml")
    (problem,) = caught.value.problems
    assert problem.message == "cấu trúc lồng nhau quá sâu (hơn 64 cấp); kế hoạch không cần sâu như vậy."
    assert problem.line == 1


def test_utf16_with_bom_is_named(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(codecs.BOM_UTF16_LE + "title: Kế hoạch\n".encode("utf-16-le"))
    with pytest.raises(PlanError) as caught:
        load_yaml_file(path)
    assert "UTF-16" in caught.value.problems[0].message


def windows_1258(text: str) -> bytes:
    """Text as Vietnamese Windows saves it: base letters precomposed, tone marks combining."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tone)
    return "".join(out).encode("cp1258")


def test_windows_1258_is_named_with_the_first_bad_byte(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(windows_1258("schema: 1\ntitle: Cải cách hành chính\n"))
    with pytest.raises(PlanError) as caught:
        load_yaml_file(path)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (2, 10)
    assert "Windows-1258" in problem.message


def test_utf8_bom_is_accepted(tmp_path: Path):
    path = tmp_path / "plan.yaml"
    path.write_bytes(codecs.BOM_UTF8 + "title: Kế hoạch\n".encode())
    assert load_yaml_file(path).data == {"title": "Kế hoạch"}


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(PlanError) as caught:
        load_yaml_file(path)
    assert caught.value.problems[0].message.startswith("tệp quá lớn (50,0 MB)")
    assert MAX_BYTES < 50 * 1024 * 1024


def test_missing_file_and_folder_are_explained(tmp_path: Path):
    with pytest.raises(PlanError) as caught:
        load_yaml_file(tmp_path / "khong-co.yaml")
    assert caught.value.problems[0].message.startswith("không tìm thấy tệp này")
    with pytest.raises(PlanError) as caught:
        load_yaml_file(tmp_path)
    assert caught.value.problems[0].message.startswith("đây là một thư mục")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_positions_are_the_lines_an_editor_shows(separator: str, newline: str):
    """YAML breaks lines at LS, PS and NEL; Notepad and VS Code do not, nor do the messages."""
    lines = ["schema: 1", f'title: "Cải cách{separator}hành chính"', "agency:", "  plase: Hòa Bình", "  bad: [unclosed"]
    text = newline.join(lines) + newline
    with pytest.raises(PlanError) as caught:
        load_yaml_text(text, "x.yaml")
    with pytest.raises(PlanError) as baseline:  # the same file with a plain space instead
        load_yaml_text(text.replace(separator, " "), "x.yaml")
    where = [(p.line, p.column) for p in caught.value.problems if p.severity.value == "lỗi"]
    assert where == [(p.line, p.column) for p in baseline.value.problems]
    assert where[-1][0] >= 5  # at or after the unclosed bracket of line 5, never a line early or late
    plain = newline.join(lines[:4]) + newline
    loaded = load_yaml_text(plain, "x.yaml")
    assert loaded.mark_for(("agency", "plase"), key=True) == Mark(4, 3)
