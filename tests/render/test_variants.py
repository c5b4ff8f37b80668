"""The example plan that uses every variant real plans need builds clean, for Word and for ND30."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from generator.cli import main
from tests.ooxml import order_findings, reference_findings, word_findings
from tests.support import FIXTURES

EXAMPLE = FIXTURES / "variants" / "2025-moi-tinh-nang.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("variants")
    assert main(["build", "--strict", str(EXAMPLE), "--out", str(out)]) == 0
    return out / f"{EXAMPLE.stem}.docx"


def test_the_example_passes_the_strict_check_with_its_one_waiver(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "đã bỏ qua [thoi-han]" in out and "(1 cảnh báo đã bỏ qua)" in out


def test_the_built_example_passes_nd30_and_word(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(built)]) == 0
    assert "KHÔNG ĐẠT" not in capsys.readouterr().out
    assert word_findings(built) == [] and order_findings(built) == [] and reference_findings(built) == []


def test_every_variant_reaches_the_document(built: Path) -> None:
    document = docx.Document(str(built))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    # the long title whole in the document, clipped only in the file's Title property
    assert "những năm tiếp theo" in text and len(document.core_properties.title) <= 255
    assert "Đơn vị thực hiện: Phòng Cải cách hành chính." in text  # units on their own line
    assert "(Chỉ tiêu điều chỉnh sau khi có kết quả năm 2024)" in text  # a target's note, marks read
    assert "Văn phòng Sở chủ trì thực hiện." in text  # an item's note line
    assert "a) Về công tác chỉ đạo, điều hành" in text and "b) Về cải cách thủ tục hành chính" in text
    assert "2. Mục chỉ có nội dung" in text  # a numbered section without a title
    assert "Dấu * trong văn bản được gõ là “*”." in text
    assert "*" not in text.replace("Dấu * trong văn bản được gõ là “*”.", "")
    assert {"2", "4", "6"} <= set(cells) and "CHỈ SỐ PAR INDEX" in cells
    assert "Ghi chú: các nhiệm vụ dưới đây thực hiện theo Kế hoạch của tỉnh" in cells
