"""`kehoach import`: Word plans read back. The oracle is the documents themselves: the text of a
build compared with the text of the source (python-docx reads it, not the importer's reader)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.cli import main
from generator.commands.pipeline import build_plan
from generator.common.errors import PlanError
from generator.plan.schema import Bullet, Paragraph
from generator.plan.validate import load_plan
from tests.importer.handmade import automatic_plan, typed_plan, varied_plan
from tests.render.test_properties import FULL, PATHS, set_at
from tests.support import FIXTURES, PLANS, require
from tests.wordcount import f1, words

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLANS_AND_EXAMPLE = [*sorted(PLANS.glob("*.yaml")), FIXTURES / "variants" / "2025-moi-tinh-nang.yaml"]
# Labels the tool prints and Word's automatic numbering does not put in the text: "I", "12", "a".
_LABEL_WORD = re.compile(r"^(?:[ivxlc]+|\d{1,2}|[a-zđ])$")


def paragraphs(path: Path) -> list[str]:
    """Every non-empty paragraph of the main part in order, line breaks as "\\n" (cells included)."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out = []
    for paragraph in root.iter(f"{W}p"):
        text = "".join(n.text or "" if n.tag == f"{W}t" else "\n" for n in paragraph.iter(f"{W}t", f"{W}br"))
        if text.strip():
            out.append(text)
    return out


def document_words(path: Path) -> Counter[str]:
    """The words a reader sees (python-docx: paragraphs and table cells), without what the tool
    prints itself: labels, and the "(Kèm theo Kế hoạch số …)" line it writes under an appendix's
    title whether or not the source had one."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if not p.text.startswith("(Kèm theo")]
    for table in document.tables:
        seen: set[object] = set()  # the cells' elements, kept alive so that identity holds
        for row in table.rows:
            for cell in row.cells:
                if cell._tc not in seen:  # a merged cell is listed once per grid column it covers
                    seen.add(cell._tc)
                    texts.append(cell.text)
    counted = words("\n".join(texts))
    return Counter({w: n for w, n in counted.items() if not _LABEL_WORD.match(w)})


def _import(source: Path, out: Path, *extra: str) -> int:
    return main(["import", str(source), "--out", str(out), *extra])


def _build(plan: Path, out: Path) -> Path:
    assert main(["build", str(plan), "--out", str(out)]) == 0
    return out / f"{plan.stem}.docx"


@pytest.mark.parametrize("plan", PLANS_AND_EXAMPLE, ids=lambda p: p.stem)
def test_build_import_build_gives_the_same_text(plan: Path, tmp_path: Path) -> None:
    original = _build(plan, tmp_path / "a")
    imported = tmp_path / f"{plan.stem}.yaml"
    assert _import(original, imported) == 0
    assert paragraphs(_build(imported, tmp_path / "b")) == paragraphs(original)


@pytest.mark.parametrize("plan", PLANS_AND_EXAMPLE[:3], ids=lambda p: p.stem)
def test_the_imported_plan_has_the_original_structure(plan: Path, tmp_path: Path) -> None:
    imported = tmp_path / f"{plan.stem}.yaml"
    assert _import(_build(plan, tmp_path), imported) == 0
    first, second = load_plan(plan).plan, load_plan(imported).plan
    assert [len(p.sections) for p in second.parts] == [len(p.sections) for p in first.parts]
    assert [s.kind for p in second.parts for s in p.sections] == [s.kind for p in first.parts for s in p.sections]
    assert (second.agency.name, second.agency.code, second.agency.place) == (
        first.agency.name, first.agency.code, first.agency.place,
    )  # fmt: skip
    assert (second.number, second.year, second.title, second.signer.name) == (
        first.number, first.year, first.title, first.signer.name,
    )  # fmt: skip


@pytest.mark.parametrize("make", [typed_plan, automatic_plan, varied_plan], ids=["typed", "automatic", "varied"])
def test_a_plan_typed_in_word_imports_keeps_its_words_and_builds_clean(
    make, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = make(tmp_path / "ke-hoach-2025.docx")
    plan = tmp_path / "2025-nghe-an.yaml"
    assert _import(source, plan) == 0
    assert main(["check", str(plan)]) == 0
    built = _build(plan, tmp_path / "build")
    assert main(["check", str(built)]) == 0, capsys.readouterr().out
    precision, recall, score = f1(document_words(built), document_words(source))
    assert score >= 0.99, (precision, recall, sorted((document_words(source) - document_words(built)).items()))


def test_the_typed_plan_is_read_into_the_right_places(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    assert _import(typed_plan(tmp_path / "k.docx"), plan) == 0
    read = load_plan(plan).plan
    assert (read.agency.parent, read.agency.name, read.agency.code, read.agency.place) == (
        "UBND TỈNH NGHỆ AN", "SỞ TƯ PHÁP", "STP", "Nghệ An",
    )  # fmt: skip
    assert read.agency.full_name == "Sở Tư pháp tỉnh Nghệ An"  # from "(Kèm theo … của Sở Tư pháp tỉnh Nghệ An)"
    assert (read.number, read.date.words(), read.year) == (15, "ngày 08 tháng 01 năm 2025", 2025)
    assert read.signer.authority == "KT." and read.signer.titles == ["GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert read.archive == "VT, VP" and len(read.recipients) == 3
    requirement = read.parts[0].sections[1]
    assert requirement.kind == "requirements"
    assert requirement.items[0] == "Các phòng xây dựng kế hoạch của phòng *(nếu có)* và báo cáo kết quả đúng hạn."
    institutions = read.parts[1].sections[0]
    assert institutions.kind == "area" and institutions.area == "institutions"
    bullet = institutions.items[0]
    assert isinstance(bullet, Bullet)
    assert bullet.sub == [
        "Văn bản do Hội đồng nhân dân tỉnh ban hành.", "Văn bản do Ủy ban nhân dân tỉnh ban hành.",
    ]  # fmt: skip
    assert [p.title for p in read.parts[1].sections[1].points] == [
        "Kiểm soát thủ tục hành chính", "Thực hiện cơ chế một cửa",
    ]  # fmt: skip
    (appendix,) = read.appendices
    assert [(c.field, c.heading, c.band) for c in appendix.columns or []] == [
        ("group", "Lĩnh vực", None), ("task", "Nhiệm vụ", None), ("lead", "Chủ trì", "Phân công thực hiện"),
        ("partners", "Phối hợp", "Phân công thực hiện"), ("deadline", "Thời gian hoàn thành", None),
    ]  # fmt: skip
    assert [g.title for g in appendix.groups] == ["Cải cách thể chế", "Cải cách thủ tục hành chính"]
    assert [r.lead for r in appendix.groups[1].rows] == [["Văn phòng Sở"], ["^"]]  # merged over two rows


def test_automatic_numbering_is_read_as_the_labels_word_prints(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    assert _import(automatic_plan(tmp_path / "k.docx"), plan) == 0
    read = load_plan(plan).plan
    assert [p.heading for p in read.parts] == ["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ TRỌNG TÂM", "TỔ CHỨC THỰC HIỆN"]
    assert [s.kind for s in read.parts[1].sections] == ["area", "area"]
    assert [p.title for p in read.parts[1].sections[0].points] == [
        "Kiểm soát thủ tục hành chính", "Thực hiện cơ chế một cửa",
    ]  # fmt: skip
    assert read.agency.place == "Nghệ An" and read.number == 15  # the header typed as paragraphs with tabs


def test_a_doc_file_is_converted_by_libreoffice_first(tmp_path: Path) -> None:
    require(shutil.which("soffice") is not None, "LibreOffice is not installed")
    source = typed_plan(tmp_path / "ke-hoach.docx")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir",
         str(tmp_path / "doc"), str(source)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    legacy = tmp_path / "doc" / "ke-hoach.doc"
    assert legacy.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # really Word 97-2003
    assert _import(legacy, tmp_path / "from-doc.yaml") == 0
    assert _import(source, tmp_path / "from-docx.yaml") == 0
    from_doc = paragraphs(_build(tmp_path / "from-doc.yaml", tmp_path / "b1"))
    from_docx = paragraphs(_build(tmp_path / "from-docx.yaml", tmp_path / "b2"))
    assert from_doc == from_docx


def test_never_overwrites_without_force_and_writes_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = typed_plan(tmp_path / "k.docx")
    os.chdir(tmp_path)
    assert main(["import", str(source)]) == 0  # the default name: plans/<year>-<place>.yaml
    plan = tmp_path / "plans" / "2025-nghe-an.yaml"
    report = tmp_path / "build" / "bao-cao" / "2025-nghe-an.md"
    assert plan.is_file() and report.is_file()
    assert "Phần đầu: SỞ TƯ PHÁP" in report.read_text(encoding="utf-8")
    plan.write_text(plan.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(source)]) == 1
    assert "--force" in capsys.readouterr().err
    assert plan.read_text(encoding="utf-8").endswith("# sửa tay\n")
    assert main(["import", str(source), "--force"]) == 0
    assert "# sửa tay" not in plan.read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "plans").iterdir()] == ["2025-nghe-an.yaml"]  # no temporary left


def test_the_written_plan_says_where_it_came_from_and_what_to_review(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    assert _import(typed_plan(tmp_path / "k.docx"), plan) == 0
    text = plan.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "Nhập từ tệp Word “k.docx”" in text.splitlines()[1]
    assert "# XEM LẠI: văn bản không chia theo bảy lĩnh vực" in text  # two of the seven areas only


def test_a_doc_without_libreoffice_says_how_to_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("PROGRAMFILES", str(tmp_path))  # no LibreOffice where Windows would put it
    legacy = tmp_path / "ke-hoach.doc"
    legacy.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)
    assert main(["import", str(legacy), "--out", str(tmp_path / "x.yaml")]) == 1
    err = capsys.readouterr().err
    assert "chưa cài LibreOffice nên không đọc được tệp .doc" in err and "Save As" in err
    assert not (tmp_path / "x.yaml").exists()


_PROSE = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1FFF, blacklist_categories=["Cs"]), max_size=40
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(index=st.integers(0, len(PATHS) - 1), value=_PROSE)
def test_any_plan_the_tool_builds_imports_without_an_internal_error(tmp_path: Path, index: int, value: str) -> None:
    """Whatever text sits in whatever field, import answers with a plan or a message, never a bug."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(set_at(FULL, PATHS[index], value.replace("*", "\\\\*")), allow_unicode=True),
                    encoding="utf-8")  # fmt: skip
    try:
        built = build_plan(plan, tmp_path / "out")
    except PlanError:
        return  # not a valid plan: nothing to import
    code = main(["import", str(built), "--out", str(tmp_path / "back.yaml"), "--force"])
    assert code in (0, 1)
    if code == 0:
        assert main(["build", str(tmp_path / "back.yaml"), "--out", str(tmp_path / "again")]) in (0, 1)


def test_the_less_tidy_habits_are_read_too(tmp_path: Path) -> None:
    plan = tmp_path / "p.yaml"
    assert _import(varied_plan(tmp_path / "k.docx"), plan) == 0
    read = load_plan(plan).plan
    assert read.document.type == "Kế hoạch" and read.title == "Cải cách hành chính năm 2025"  # one paragraph
    assert read.parts[0].items[1:] == [  # the body's table, a paragraph per row, flagged for review
        Paragraph(paragraph="Chỉ tiêu | Năm 2025"), Paragraph(paragraph="Hồ sơ đúng hạn | 100%"),
        Paragraph(paragraph="Hồ sơ trực tuyến | 80%"),
    ]  # fmt: skip
    assert read.parts[1].sections[0].items[:2] == [
        "Công khai đầy đủ thủ tục hành chính.", "Cập nhật thủ tục hành chính mới.",
    ]  # fmt: skip
    assert read.recipients == ["UBND tỉnh (b/c)", "Sở Nội vụ"] and read.archive == "VT, VP"
    assert read.signer.titles == ["GIÁM ĐỐC"] and read.signer.name == "Nguyễn Văn Hùng"
    (appendix,) = read.appendices
    assert appendix.title == "NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2025"
    assert [(c.field, c.heading) for c in appendix.columns or []] == [
        ("number", "TT"), ("task", "Nội dung công việc"), ("lead", "Đơn vị chủ trì"), ("deadline", "Thời hạn"),
        ("note", "Ghi chú"), ("status", "Kinh phí (triệu đồng)"),
    ]  # fmt: skip
    assert [(g.title, len(g.rows)) for g in appendix.groups] == [
        ("CẢI CÁCH THỦ TỤC HÀNH CHÍNH", 2), ("CẢI CÁCH CHẾ ĐỘ CÔNG VỤ", 1),
    ]  # fmt: skip
    assert appendix.groups[0].rows[0].status == "15"
    text = plan.read_text(encoding="utf-8")
    assert "# XEM LẠI: văn bản gốc có một bảng" in text and "# XEM LẠI: cột “Kinh phí (triệu đồng)” không quen" in text


def test_a_known_section_title_ending_in_a_colon_keeps_its_kind() -> None:
    """ "1. Mục tiêu chung:" heads objectives, "2. Mục tiêu cụ thể:" with "2.1." targets; only a
    title of no known kind that ends in a colon heads a unit's list."""
    from generator.importer.body import BodyReader
    from generator.importer.source import Line

    def line(label: str, text: str, bold: bool = False) -> Line:
        return Line(label, text, text, bold, False, text if bold else "", False, False)

    parts = BodyReader({}, has_roman=True).read([
        line("I.", "MỤC TIÊU:", bold=True), line("1.", "Mục tiêu chung:", bold=True), line("", "Quán triệt."),
        line("2.", "Mục tiêu cụ thể:", bold=True), line("2.1.", "Tham mưu xây dựng thể chế."),
        line("II.", "TỔ CHỨC THỰC HIỆN", bold=True), line("1.", "Các đơn vị có trách nhiệm:", bold=True),
        line("-", "Báo cáo kết quả."),
    ])  # fmt: skip
    objectives, specific = parts[0]["sections"]
    assert (objectives["kind"], objectives["title"]) == ("objectives", "Mục tiêu chung")
    assert specific["targets"] == [{"text": "Tham mưu xây dựng thể chế."}]
    (duties,) = parts[1]["sections"]
    assert (duties["kind"], duties["unit"]) == ("unit", "Các đơn vị có trách nhiệm")


def test_an_appendix_with_its_own_national_header_reads_as_the_same_appendix(tmp_path: Path) -> None:
    plain, headed = tmp_path / "a.yaml", tmp_path / "b.yaml"
    assert _import(typed_plan(tmp_path / "a.docx"), plain) == 0
    assert _import(typed_plan(tmp_path / "b.docx", appendix_header=True), headed) == 0
    assert load_plan(headed).plan.appendices == load_plan(plain).plan.appendices
