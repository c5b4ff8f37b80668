"""The DOCX template: rebuilt from code exactly, in step with the context, broken ones explained."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate

from generator.commands.pipeline import render_plan
from generator.common.errors import TemplateError
from generator.plan.validate import load_plan
from generator.render.context import build_context
from generator.render.engine import make_env
from generator.render.provenance import TEMPLATE_PATH
from generator.render.template_builder import build_template
from tests.support import FIXTURES


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


def test_committed_template_is_what_the_builder_makes():
    """Run ``make template`` after changing generator/render/template_builder.py or its styles."""
    assert parts(TEMPLATE_PATH.read_bytes()) == parts(build_template())


def test_template_uses_exactly_the_variables_the_context_provides():
    template = DocxTemplate(str(TEMPLATE_PATH))
    used = template.get_undeclared_template_variables(jinja_env=make_env())
    context = build_context(load_plan(FIXTURES / "valid_minimal.yaml").plan)
    assert used == set(context)


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """The template with one piece of document.xml replaced."""
    source = zipfile.ZipFile(TEMPLATE_PATH)
    target_path = tmp_path / "broken.docx"
    with zipfile.ZipFile(target_path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                text = data.decode()
                assert old in text
                data = text.replace(old, new, 1).encode()
            target.writestr(name, data)
    return target_path


def render_with(template: Path) -> None:
    render_plan(load_plan(FIXTURES / "valid_minimal.yaml").plan, template=template)


def test_an_unclosed_tag_is_named(tmp_path: Path):
    template = broken_copy(tmp_path, "{%p endfor %}", "{%p endfor")
    with pytest.raises(TemplateError) as caught:
        render_with(template)
    assert str(caught.value).startswith("broken.docx: thẻ bị tách hoặc gõ sai ở thân văn bản, đoạn “{%p endfor”.")


def test_a_jinja_syntax_error_names_the_template_and_the_place(tmp_path: Path):
    template = broken_copy(tmp_path, "{%p if loop.first %}", "{%p if loop.first loop %}")
    with pytest.raises(TemplateError) as caught:
        render_with(template)
    message = str(caught.value)
    assert message.startswith("broken.docx: mẫu văn bản có lỗi cú pháp Jinja (thẻ viết sai): gần đoạn “")
    assert "loop.first loop" in message


def test_an_unknown_variable_is_named(tmp_path: Path):
    template = broken_copy(tmp_path, "{{ doc_type }}", "{{ doc_typ }}")
    with pytest.raises(TemplateError) as caught:
        render_with(template)
    assert "dùng biến “doc_typ” không có trong kế hoạch" in str(caught.value)


def test_a_tag_split_across_paragraphs_by_word_is_named(tmp_path: Path):
    template = broken_copy(tmp_path, "{{ title }}</w:t>", "{{ ti</w:t></w:r></w:p><w:p><w:r><w:t>tle }}</w:t>")
    with pytest.raises(TemplateError) as caught:
        render_with(template)
    message = str(caught.value)
    assert "thẻ bị tách hoặc gõ sai ở thân văn bản" in message and "“{{ ti”" in message


def test_a_tag_split_across_runs_is_repaired_as_docxtpl_does(tmp_path: Path):
    template = broken_copy(
        tmp_path, "{{ title }}</w:t>", "{{ ti</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>tle }}</w:t>"
    )
    data = render_plan(load_plan(FIXTURES / "valid_minimal.yaml").plan, template=template)
    assert "Cải cách hành chính năm 2024" in parts(data)["word/document.xml"]


def test_a_file_that_is_not_a_docx_is_explained(tmp_path: Path):
    template = tmp_path / "mau.docx"
    template.write_text("không phải docx")
    with pytest.raises(TemplateError, match=re.escape("mau.docx: không mở được tệp mẫu DOCX")):
        render_with(template)


def test_the_template_carries_no_python_docx_baggage():
    names = set(parts(TEMPLATE_PATH.read_bytes()))
    assert not any(n.startswith(("customXml", "docProps/thumbnail")) or "stylesWithEffects" in n for n in names)
    assert len(parts(TEMPLATE_PATH.read_bytes())["word/styles.xml"]) < 40_000
