"""Emphasis in the built DOCX: italic and bold runs where the plan marks them, no stars left."""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from generator.cli import main
from tests.ooxml import order_findings, word_findings
from tests.support import PLANS, write_plan


def _plan() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PLANS / "2021-thanh-hoa.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data["title"] = "Cải cách hành chính năm 2021 (*điều chỉnh*)"
    section = data["parts"][1]["sections"][0]
    section["title"] = "Cải cách **thể chế** pháp luật"
    section["items"][0] = "Rà soát văn bản (*nếu có*), giá trị 5 \\* 3 và ***rất quan trọng***."
    data["closing"] = "Trên đây là Kế hoạch (*sau khi có hướng dẫn của Trung ương*)"
    row = data["appendices"][0]["groups"][0]["rows"][0]
    row["task"] = "Quản lý văn bản đi (*theo thể thức*)"
    row["deadline"] = "**Thường xuyên**"
    return data


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("emphasis")
    plan = write_plan(folder / "nhan-manh.yaml", _plan())
    assert main(["build", str(plan), "--out", str(folder)]) == 0
    return folder / "nhan-manh.docx"


def _runs(paragraph: Any) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) of each run with text, as python-docx reads the direct formatting."""
    return [(r.text, bool(r.bold), bool(r.italic)) for r in paragraph.runs if r.text]


def _paragraph(document: Any, needle: str) -> Any:
    cells = [p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return next(p for p in [*document.paragraphs, *cells] if needle in p.text)


def test_items_carry_italic_bold_and_literal_star_runs(built: Path) -> None:
    paragraph = _paragraph(docx.Document(str(built)), "Rà soát văn bản")
    assert _runs(paragraph) == [
        ("- Rà soát văn bản (", False, False),
        ("nếu có", False, True),
        ("), giá trị 5 * 3 và ", False, False),
        ("rất quan trọng", True, True),
        (".", False, False),
    ]


def test_a_heading_keeps_its_bold_around_the_marked_words(built: Path) -> None:
    paragraph = _paragraph(docx.Document(str(built)), "Cải cách thể chế pháp luật")
    assert paragraph.text.startswith("1. Cải cách thể chế pháp luật")
    assert [bold for _, bold, _ in _runs(paragraph)] == [True, True, True]


def test_title_closing_and_appendix_cells(built: Path) -> None:
    document = docx.Document(str(built))
    assert ("điều chỉnh", False, True) in _runs(_paragraph(document, "(điều chỉnh)"))
    assert ("sau khi có hướng dẫn của Trung ương", False, True) in _runs(_paragraph(document, "Trên đây"))
    assert _paragraph(document, "Trên đây").text.endswith("Trung ương)./.")
    assert ("theo thể thức", False, True) in _runs(_paragraph(document, "Quản lý văn bản đi"))
    assert _runs(_paragraph(document, "Thường xuyên"))[0] == ("Thường xuyên", True, False)
    assert document.core_properties.title == "Kế hoạch Cải cách hành chính năm 2021 (điều chỉnh)"


def test_no_mark_reaches_the_document_and_word_accepts_the_runs(built: Path) -> None:
    with zipfile.ZipFile(built) as package:
        xml = package.read("word/document.xml").decode()
    assert xml.count("*") == 1  # the escaped one: "5 * 3"
    assert word_findings(built) == [] and order_findings(built) == []
    assert main(["check", str(built)]) == 0
