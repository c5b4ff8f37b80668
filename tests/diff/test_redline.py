"""`kehoach diff`: the redline accepted reads as this year's build, rejected as last year's.

The oracle is independent of generator.diff and generator.docx.revisions: accepting and
rejecting are done here with lxml as the standard describes them, and the texts compared are
those of the two plans' own builds.
"""

from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from generator.cli import main
from tests.ooxml import order_findings, reference_findings, word_findings
from tests.render.test_properties import FULL, PATHS, set_at
from tests.support import PLANS, write_plan

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _parent(element: etree._Element) -> etree._Element:
    parent = element.getparent()
    assert parent is not None
    return parent


def _drop(element: etree._Element) -> None:
    _parent(element).remove(element)


def _unwrap(element: etree._Element) -> None:
    parent = _parent(element)
    at = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(at + offset, child)
    parent.remove(element)


def resolve(root: etree._Element, keep: str) -> etree._Element:
    """Accept (keep="ins") or reject (keep="del") every change, as Word's Review pane would."""
    root = copy.deepcopy(root)
    gone = "del" if keep == "ins" else "ins"
    for row in root.xpath(f"//w:tr[w:trPr/w:{gone}]", namespaces=NS):
        _drop(row)
    for paragraph in root.xpath(f"//w:p[w:pPr/w:rPr/w:{gone}]", namespaces=NS):
        content = paragraph.xpath(f"w:r|w:{keep}", namespaces=NS)
        assert not content, "a paragraph whose mark goes must have no content left"
        _drop(paragraph)
    for element in root.xpath(f"//w:{gone}[not(parent::w:rPr) and not(parent::w:trPr)]", namespaces=NS):
        _drop(element)
    for mark in root.xpath(f"//w:rPr/w:{keep} | //w:trPr/w:{keep}", namespaces=NS):
        _drop(mark)
    for element in root.xpath(f"//w:{keep}", namespaces=NS):
        _unwrap(element)
    for text in root.iter(q("delText")):
        text.tag = q("t")
    return root


def paragraphs(root: etree._Element) -> list[str]:
    """Every non-empty paragraph's text in document order (cells included)."""
    out = []
    for paragraph in root.iter(q("p")):
        text = "".join(t.text or "" for t in paragraph.iter(q("t")))
        if text.strip():
            out.append(text)
    return out


def _build(plan: Path, out: Path) -> Path:
    assert main(["build", str(plan), "--out", str(out)]) == 0
    return out / f"{plan.stem}.docx"


def _diff(old: Path, new: Path, out: Path, *extra: str) -> int:
    return main(["diff", str(old), str(new), "--out", str(out), *extra])


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PLANS / name).read_text(encoding="utf-8"))
    return data


def _next_year(data: dict[str, Any]) -> dict[str, Any]:
    """This year's plan made from last year's by hand: one of every kind of change a Sở makes."""
    new = copy.deepcopy(data)
    new["number"] = 7
    new["date"] = "15/12/2021"
    new["year"] = 2022
    new["title"] = data["title"].replace("2021", "2022")
    tasks = new["parts"][1]["sections"]
    tasks.insert(
        0, {"title": "Công tác kiểm tra", "items": ["Ban hành kế hoạch kiểm tra cải cách hành chính năm 2022."]}
    )
    del tasks[3]["items"][1]  # an item removed
    tasks[2]["items"][0] = tasks[2]["items"][0].replace("Thực hiện", "Triển khai thực hiện")
    new["recipients"].append("Báo Thanh Hóa")
    new["signer"]["name"] = "Lê Văn Sơn"
    rows = new["appendices"][0]["groups"][0]["rows"]
    rows.insert(
        1, {"task": "Số hóa hồ sơ lưu trữ", "product": "Kho dữ liệu", "lead": "Văn phòng Sở", "deadline": "Quý IV"}
    )
    del rows[3]
    rows[0]["deadline"] = "Quý I/2022"
    del new["appendices"][0]["groups"][1]["rows"][0]  # the row that carries its group's merged title
    return new


@pytest.fixture(scope="module")
def years(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("diff")
    data = _load("2021-thanh-hoa.yaml")
    old = write_plan(folder / "2021.yaml", data)
    new = write_plan(folder / "2022.yaml", _next_year(data))
    redline = folder / "thay-doi.docx"
    assert _diff(old, new, redline) == 0
    return {
        "old": old,
        "new": new,
        "redline": redline,
        "old_docx": _build(old, folder / "old"),
        "new_docx": _build(new, folder / "new"),
    }


def test_accepting_every_change_gives_this_years_document(years: dict[str, Path]) -> None:
    assert paragraphs(resolve(document(years["redline"]), "ins")) == paragraphs(document(years["new_docx"]))


def test_rejecting_every_change_gives_last_years_document(years: dict[str, Path]) -> None:
    assert paragraphs(resolve(document(years["redline"]), "del")) == paragraphs(document(years["old_docx"]))


def test_changes_are_marked_at_the_granularity_a_reviewer_wants(years: dict[str, Path]) -> None:
    root = document(years["redline"])
    inserted = ["".join(e.itertext()) for e in root.iter(q("ins"))]
    deleted = ["".join(e.xpath(".//w:delText/text()", namespaces=NS)) for e in root.iter(q("del"))]
    # words inside a paragraph: the year in the title, the signer's name, a deadline
    assert "2022 " in inserted or "2022" in inserted
    assert any("Lê Văn Sơn" in text for text in inserted)
    assert any("Quý I/2022" in text for text in inserted)
    # the title's "2021" is the only deletion in the title paragraph
    title = root.xpath("//w:p[w:pPr/w:pStyle/@w:val='KhTitle']", namespaces=NS)[0]
    assert [t.strip() for t in title.xpath(".//w:delText/text()", namespaces=NS)] == ["2021"]
    # whole rows: one inserted, two deleted, marked on the row itself
    assert len(root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS)) == 1
    assert len(root.xpath("//w:tr[w:trPr/w:del]", namespaces=NS)) == 2
    assert "Số hóa hồ sơ lưu trữ" in "".join(root.xpath("//w:tr[w:trPr/w:ins]", namespaces=NS)[0].itertext())
    # a whole paragraph added: its mark is inserted too
    added = root.xpath("//w:p[w:pPr/w:rPr/w:ins]", namespaces=NS)
    assert any("kiểm tra cải cách hành chính năm 2022" in "".join(p.itertext()) for p in added)
    assert all(e.get(q("author")) == "kehoach" for e in root.xpath("//w:ins|//w:del", namespaces=NS))
    assert deleted  # and something was deleted at all


def _label_insertions(root: etree._Element) -> list[str]:
    """Inserted labels: an insertion that is only "2." or "1.3." with no kept text before it."""
    found = []
    for inserted in root.iter(q("ins")):
        text = "".join(inserted.itertext()).strip()
        if _parent(inserted).tag != q("p") or not re.fullmatch(r"\d+(?:\.\d+)*\.", text):
            continue
        earlier = [s for s in inserted.itersiblings(preceding=True) if s.tag not in (q("pPr"), q("del"))]
        if not "".join(t for s in earlier for t in s.itertext()).strip():
            found.append(text)
    return found


def test_labels_that_only_shift_are_tracked_on_the_number_alone_and_not_counted(
    years: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = document(years["redline"])
    assert {e.get(q("author")) for e in root.xpath("//w:ins|//w:del", namespaces=NS)} == {"kehoach"}
    renumbered = _label_insertions(root)
    # a section was put first in part II: its seven move from 1.-7. to 2.-8.; in the appendix's
    # first group a row inserted second and the third removed: only last year's second row moves
    # (2. → 3.); in the second group (6 rows) the first removed: the five others move to 1.-5.
    expected = ["2.", "3.", "4.", "5.", "6.", "7.", "8.", "3.", "1.", "2.", "3.", "4.", "5."]
    assert sorted(renumbered) == sorted(expected)
    assert _diff(years["old"], years["new"], years["redline"].with_name("j.docx"), "--json") == 0
    parts = {p["part"]: p for p in json.loads(capsys.readouterr().out)["parts"]}
    # counted by hand from _next_year: the new section heading and its item, one item removed,
    # one item edited ("Thực hiện" → "Triển khai thực hiện")
    assert (parts["Phần II"]["added"], parts["Phần II"]["removed"], parts["Phần II"]["edited"]) == (2, 1, 1)
    # the appendix: a row added, two removed, a deadline edited, in "(Kèm theo Kế hoạch số …
    # ngày … tháng 12 năm …)" the number with the day and the year of issue, and the second
    # group's merged title now printed in the row that became its first: 4 places
    assert (parts["Phụ lục"]["rows_added"], parts["Phụ lục"]["rows_removed"], parts["Phụ lục"]["edited"]) == (1, 2, 4)
    assert parts["Kết thúc, nơi nhận, chữ ký"]["added"] == 1  # Báo Thanh Hóa
    assert "Phần I" not in parts and "Phần IV" not in parts


def test_summary_on_the_terminal(years: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert _diff(years["old"], years["new"], years["redline"].with_name("t.docx")) == 0
    out = capsys.readouterr().out
    assert "Phần II: 2 ý thêm, 1 ý bỏ, 1 chỗ sửa" in out
    assert "Phụ lục: 1 dòng thêm, 2 dòng bỏ, 4 chỗ sửa" in out


def test_the_redline_is_valid_for_word(years: dict[str, Path]) -> None:
    assert word_findings(years["redline"]) == []
    assert order_findings(years["redline"]) == []
    assert reference_findings(years["redline"]) == []


def test_check_reads_the_redline_as_accepted(years: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(years["redline"])]) == 0
    assert main(["check", str(years["new_docx"])]) == 0
    redline, new = capsys.readouterr().out.split("Kết quả:")[1:3]
    assert redline.strip().splitlines()[0] == new.strip().splitlines()[0]


def test_identical_plans_have_no_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = PLANS / "2024-hoa-binh.yaml"
    out = tmp_path / "same.docx"
    assert _diff(plan, plan, out) == 0
    assert "Không có thay đổi." in capsys.readouterr().out
    root = document(out)
    assert root.xpath("//w:ins|//w:del", namespaces=NS) == []
    assert paragraphs(root) == paragraphs(document(_build(plan, tmp_path)))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("2024-hoa-binh.yaml", "2021-thanh-hoa.yaml"),  # an appendix added
        ("2021-thanh-hoa.yaml", "2024-hoa-binh.yaml"),  # an appendix removed
        ("2021-thanh-hoa.yaml", "2023-ba-ria-vung-tau.yaml"),
    ],
)
def test_two_provinces_plans_accept_and_reject_exactly(tmp_path: Path, old: str, new: str) -> None:
    out = tmp_path / "x.docx"
    assert _diff(PLANS / old, PLANS / new, out) == 0
    root = document(out)
    assert paragraphs(resolve(root, "ins")) == paragraphs(document(_build(PLANS / new, tmp_path / "n")))
    assert paragraphs(resolve(root, "del")) == paragraphs(document(_build(PLANS / old, tmp_path / "o")))
    assert word_findings(out) == []


def test_invalid_plans_get_the_located_messages_of_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = tmp_path / "old.yaml"
    old.write_text("schema: 1\nnumber: [\n", encoding="utf-8")
    new = write_plan(tmp_path / "new.yaml", {**_load("2024-hoa-binh.yaml"), "year": "hai nghìn"})
    assert _diff(old, new, tmp_path / "x.docx") == 1
    err = capsys.readouterr().err
    assert "old.yaml:" in err and "new.yaml:" in err and "year" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.docx").exists()


def test_the_redline_never_replaces_a_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = write_plan(tmp_path / "a.yaml", _load("2024-hoa-binh.yaml"))
    before = plan.read_bytes()
    assert main(["diff", str(plan), str(plan), "--out", str(plan)]) == 1
    assert plan.read_bytes() == before
    assert "tệp kế hoạch" in capsys.readouterr().err


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    index=st.integers(0, len(PATHS) - 1),
    value=st.text(alphabet="abc xyz 123.,;-đươ", min_size=1, max_size=30),
    drop=st.booleans(),
)
def test_any_edit_of_any_field_accepts_and_rejects_exactly(tmp_path: Path, index: int, value: str, drop: bool) -> None:
    old = write_plan(tmp_path / "old.yaml", FULL)
    data = set_at(FULL, PATHS[index], value.strip() or "x")
    if drop:  # and a whole item removed as well
        data["parts"][0]["items"] = data["parts"][0]["items"][1:] or ["Ý thay thế."]
    new = write_plan(tmp_path / "new.yaml", data)
    out = tmp_path / "r.docx"
    if _diff(old, new, out) != 0:
        return  # the edit made the plan invalid: the located messages are build's, tested elsewhere
    root = document(out)
    assert paragraphs(resolve(root, "ins")) == paragraphs(document(_build(new, tmp_path / "n")))
    assert paragraphs(resolve(root, "del")) == paragraphs(document(_build(old, tmp_path / "o")))
