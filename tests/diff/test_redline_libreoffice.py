"""A real LibreOffice reads the redline's changes as tracked changes, and prints them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from lxml import etree

from generator.cli import main
from tests.support import PLANS, require

INSTALL = "apt-get install libreoffice-writer poppler-utils"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def _convert(docx: Path, to: str, folder: Path) -> Path:
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless",
         "--convert-to", to, "--outdir", str(folder), str(docx)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    return folder / f"{docx.stem}.{to}"


def test_libreoffice_lists_the_changes_and_the_pdf_shows_both_years(tmp_path: Path) -> None:
    require(shutil.which("soffice") is not None, f"LibreOffice is not installed ({INSTALL})")
    require(shutil.which("pdftotext") is not None, f"poppler-utils is not installed ({INSTALL})")
    old = PLANS / "2024-hoa-binh.yaml"
    new = tmp_path / "2025-hoa-binh.yaml"
    assert main(["new", str(old), "--year", "2025", "--out", str(new)]) == 0
    redline = tmp_path / "thay-doi.docx"
    assert main(["diff", str(old), str(new), "--out", str(redline)]) == 0

    flat = etree.parse(str(_convert(redline, "fodt", tmp_path)))
    regions = flat.findall(f".//{{{TEXT}}}changed-region")
    kinds = {etree.QName(child).localname for region in regions for child in region}
    assert {"insertion", "deletion"} <= kinds
    authors = {c.text for c in flat.iter(f"{{{DC}}}creator")}
    assert "kehoach" in authors

    pdf = _convert(redline, "pdf", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    title = next(line for line in text.splitlines() if "Cải cách hành chính năm" in line)
    assert "2024" in title and "2025" in title  # the deleted year struck through, the new one beside it
