"""The reader finds a paragraph's and a run's properties wherever a hand-edited file puts them."""

from __future__ import annotations

from pathlib import Path

import docx
from lxml import etree

from generator.docx.read import DocxReader


def _document(path: Path, *, properties_last: bool) -> Path:
    document = docx.Document()
    paragraph = document.add_paragraph(style="Heading 1")
    run = paragraph.add_run("Tiêu đề")
    run.bold = True
    if properties_last:  # the schema puts them first; some tools write them after the content
        elements: list[etree._Element] = [paragraph._p, run._r]
        for element in elements:
            element.append(element[0])  # moves the properties child to the end
    document.save(str(path))
    return path


def test_properties_are_read_first_or_last(tmp_path: Path):
    read = []
    for last in (False, True):
        reader = DocxReader(_document(tmp_path / f"{last}.docx", properties_last=last))
        para = next(p for p in reader.paragraphs if p.text)
        read.append((para.text, para.style_id, [(r.text, r.bold) for r in para.runs]))
    assert read[0] == read[1] == ("Tiêu đề", "Heading1", [("Tiêu đề", True)])
