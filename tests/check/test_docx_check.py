"""The DOCX check against Nghị định 30: hand-made documents, each breaking one rule, and ours."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from generator.check.docx_check import Status, check_docx
from generator.cli import main
from generator.common.errors import PlanError
from tests.check.handmade import handmade


def failing(path: Path) -> set[str]:
    return {f.rule for f in check_docx(path) if f.failed}


def test_a_correct_hand_made_document_passes(tmp_path: Path):
    findings = check_docx(handmade(tmp_path / "dung.docx"))
    assert {f.status for f in findings} <= {Status.PASS, Status.NOT_APPLICABLE}
    assert len([f for f in findings if f.status is Status.PASS]) == 23


@pytest.mark.parametrize(
    ("breaks", "rule", "said"),
    [
        ({"left_margin_mm": 20}, "trang.le", "lề trái 20,0 mm, cần 30,0 mm–35,0 mm"),
        ({"month": "08"}, "dia-danh-ngay", "“tháng 08”: tháng 3 đến 12 không có số 0 đứng trước"),
        ({"number": "5"}, "so-ky-hieu", "số 5 dưới 10 phải có số 0 đứng trước (05)"),
        ({"motto": "Độc lập – Tự do – Hạnh phúc"}, "tieu-ngu", "dùng dấu “–” thay cho gạch nối “-”"),
        ({"first_page_number": True}, "so-trang", "trang 1 có số trang"),
        ({"recipient_line": "- Sở Nội vụ"}, "noi-nhan", "“- Sở Nội vụ” phải kết thúc bằng “;”"),
        (
            {"romans": ("I", "II", "III", "III")},
            "noi-dung.danh-so",
            "“III.” đứng ở chỗ của “IV.” (thứ tự: I, II, III, III)",
        ),
        ({"body_font": "Arial"}, "chu.phong", "có chữ phông Arial"),
    ],
)
def test_a_document_breaking_one_rule_fails_exactly_that_rule(
    tmp_path: Path, breaks: dict[str, Any], rule: str, said: str
):
    path = handmade(tmp_path / "sai.docx", **breaks)
    assert failing(path) == {rule}
    (finding,) = [f for f in check_docx(path) if f.rule == rule]
    assert said in finding.measured
    assert finding.clause.startswith("Phụ lục")


@pytest.mark.parametrize("name", ["2021-thanh-hoa", "2023-ba-ria-vung-tau", "2024-hoa-binh"])
def test_every_built_plan_passes(name: str, built: dict[str, Path]):
    findings = check_docx(built[name])
    assert [f"{f.rule}: {f.measured}" for f in findings if f.failed] == []
    assert not any(f.status is Status.UNMEASURED for f in findings)


def test_a_draft_passes_too(built: dict[str, Path], tmp_path: Path):
    from generator.commands.pipeline import build_plan
    from tests.support import PLANS

    draft = build_plan(PLANS / "2021-thanh-hoa.yaml", tmp_path, draft=True)
    assert failing(draft) == set()


def test_a_header_of_tab_separated_paragraphs_is_read(tmp_path: Path):
    document = docx.Document()
    lines = (
        "UBND TỈNH HÒA BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ Y TẾ\tĐộc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-SYT\tHòa Bình, ngày 05 tháng 01 năm 2024",
        "KẾ HOẠCH",
        "Về cải cách hành chính",
    )
    for text in lines:
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path = tmp_path / "tab.docx"
    document.save(str(path))
    findings = {f.rule: f for f in check_docx(path)}
    assert findings["quoc-hieu"].status is Status.FAIL  # found, but not bold
    assert "không in đậm" in findings["quoc-hieu"].measured
    assert findings["so-ky-hieu"].status is Status.FAIL and "13 pt" in findings["so-ky-hieu"].measured
    assert findings["dia-danh-ngay"].measured.startswith("không in nghiêng")  # the same line as Số: fine
    assert findings["noi-nhan"].status is Status.MISSING


def test_an_empty_document_gives_not_found_not_a_crash(tmp_path: Path):
    path = tmp_path / "trong.docx"
    docx.Document().save(str(path))
    statuses = {f.rule: f.status for f in check_docx(path)}
    assert statuses["quoc-hieu"] is Status.MISSING and statuses["noi-dung"] is Status.MISSING
    assert statuses["trang.kho-giay"] is Status.FAIL  # python-docx's blank document is US Letter
    numbering = next(f for f in check_docx(path) if f.rule == "noi-dung.danh-so")
    assert numbering.clause == "Phụ lục I, II.6.đ"  # the clause on numbering, as when there is a body


def test_a_file_that_is_not_a_docx_is_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "gia.docx"
    path.write_text("không phải docx")
    with pytest.raises(PlanError):
        check_docx(path)
    assert main(["check", str(path)]) == 1
    assert "không đọc được tệp DOCX này" in capsys.readouterr().err


def test_a_missing_file_or_a_folder_is_said_as_such(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "thu-muc.docx").mkdir()
    assert main(["check", str(tmp_path / "khong-co.docx"), str(tmp_path / "thu-muc.docx")]) == 1
    err = capsys.readouterr().err
    missing = "khong-co.docx: không tìm thấy tệp này. Hãy kiểm tra lại tên và thư mục (ví dụ build/ten-ke-hoach.docx)."
    assert missing in err
    assert "thu-muc.docx: đây là một thư mục, không phải tệp .docx." in err
    assert "DOCX này" not in err  # neither is called a broken DOCX


def test_the_command_prints_text_or_json_and_exits_1_on_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    good = handmade(tmp_path / "dung.docx")
    bad = handmade(tmp_path / "sai.docx", number="5")
    assert main(["check", str(good)]) == 0
    text = capsys.readouterr().out
    assert "ĐẠT" in text and text.rstrip().endswith("Kết quả: 23 đạt, 3 không áp dụng.")
    assert main(["check", "--json", str(bad)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["passed"] is False
    failed = [r for r in report["results"] if r["status"] == "fail"]
    assert [(r["rule"], r["clause"]) for r in failed] == [("so-ky-hieu", "Phụ lục I, II.3")]


def rewritten(source: Path, target: Path, parts: str, old: bytes, new: bytes) -> Path:
    """A copy of a DOCX with ``old`` replaced by ``new`` in the parts whose names start with ``parts``."""
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in original.infolist():
            data = original.read(item.filename)
            out.writestr(item, data.replace(old, new) if item.filename.startswith(parts) else data)
    return target


def test_bidi_overrides_in_a_document_are_flagged(built: dict[str, Path], tmp_path: Path):
    """ "năm \u202e4202" displays as "năm 2024": a reviewer reading the page would be misled."""
    source = built["2024-hoa-binh"]
    target = rewritten(source, tmp_path / "dao-chieu.docx", "word/document.xml", "năm 2024".encode(),
                       "năm \u202e4202".encode())  # fmt: skip
    (finding,) = [f for f in check_docx(target) if f.rule == "ky-tu"]
    assert finding.failed
    assert "word/document.xml có ký tự đảo hướng chữ (bidi) làm chữ hiện khác với thật" in finding.measured
    assert "ky-tu" not in failing(source)


def test_a_numpages_field_is_not_a_page_number(built: dict[str, Path], tmp_path: Path):
    """``"PAGE" in instr`` accepted NUMPAGES (the page count) as the page number."""
    source = built["2024-hoa-binh"]
    target = rewritten(source, tmp_path / "tong-so-trang.docx", "word/header", b" PAGE ", b" NUMPAGES ")
    assert "so-trang" in failing(target)
    assert "so-trang" not in failing(source)


LONG_TITLE = (
    "Triển khai thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021-2030 và nâng cao "
    "chỉ số cải cách hành chính (PAR INDEX), chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ "
    "quan hành chính nhà nước (SIPAS) và chỉ số PCI của Sở Y tế Hòa Bình 2024"
)


@pytest.mark.parametrize(
    "title",
    [LONG_TITLE, "Cải cách hành chính và nâng cao chất lượng phục vụ người dân, doanh nghiệp của Sở Y tế năm 2024"],
    ids=["over 255 characters", "two lines"],
)
def test_a_long_or_wrapped_title_builds_and_passes_the_check(title: str, tmp_path: Path):
    """The core Title property holds 255 characters: it is shortened, never the document; the
    rule under a wrapped title goes by its longest printed line."""
    from generator.commands.pipeline import build_plan
    from tests.support import plan_data, write_plan

    assert len(LONG_TITLE) > 255 + 20  # real ones reach 283; the Title property holds 255
    document = build_plan(write_plan(tmp_path / "p.yaml", plan_data(title=title)), tmp_path / "out")
    assert failing(document) == set()
    props = docx.Document(str(document)).core_properties
    assert len(props.title) <= 255
    assert props.title.startswith("Kế hoạch Triển khai" if title == LONG_TITLE else "Kế hoạch Cải cách")
    body = " ".join(p.text for p in docx.Document(str(document)).paragraphs)
    assert title in body
