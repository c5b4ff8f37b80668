"""The make targets a secretary types: arguments explained, FORCE=1 passed on, every plan previewed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import PLANS, ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The project's Makefile run in ``folder`` with the project's own .venv, never reinstalled:
    the install stamp given is a file of the test, made now, newer than pyproject.toml."""
    venv = ROOT / ".venv"
    stamp = folder / ".stamp"
    stamp.touch()  # now: newer than pyproject.toml, so make never reinstalls
    assert stamp.stat().st_mtime >= (ROOT / "pyproject.toml").stat().st_mtime
    return subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), f"VENV={venv}", f"STAMP={stamp}", f"PY={venv}/bin/python", *args],
        cwd=folder, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


@pytest.fixture
def project(tmp_path: Path) -> Path:
    if not (ROOT / ".venv" / ".installed-from-pyproject").exists():
        pytest.skip("needs the project's .venv (make venv)")
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path


def test_make_new_without_arguments_says_how_in_vietnamese_only(project: Path):
    done = make(project, "new")
    assert done.returncode == 0
    assert done.stdout.startswith("Cách dùng: make new FROM=plans/2024-hoa-binh.yaml YEAR=2025")
    assert "Error" not in done.stderr and "make:" not in done.stderr


def test_make_new_force_1_overwrites_a_plan_already_made(project: Path):
    args = ("new", "FROM=plans/2024-hoa-binh.yaml", "YEAR=2025")
    assert make(project, *args).returncode == 0
    target = project / "plans" / "2025-hoa-binh.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    refused = make(project, *args)
    assert refused.returncode != 0 and "(với make: FORCE=1)" in refused.stderr
    assert make(project, *args, "FORCE=1").returncode == 0
    assert "# sửa tay" not in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in (project / "plans").iterdir() if "2025" in p.name) == ["2025-hoa-binh.yaml"]


def test_make_preview_without_plan_previews_every_plan(project: Path):
    command = make(project, "-n", "preview").stdout
    for plan in sorted((project / "plans").glob("*.yaml")):
        assert f"plans/{plan.name}" in command


def test_make_diff_without_arguments_says_how(project: Path):
    done = make(project, "diff")
    assert done.returncode == 0
    assert done.stdout.startswith("Cách dùng: make diff FROM=plans/2024-hoa-binh.yaml TO=plans/2025-hoa-binh.yaml")


def test_make_diff_writes_the_redline_beside_the_documents(project: Path):
    assert make(project, "new", "FROM=plans/2024-hoa-binh.yaml", "YEAR=2025").returncode == 0
    done = make(project, "diff", "FROM=plans/2024-hoa-binh.yaml", "TO=plans/2025-hoa-binh.yaml")
    assert done.returncode == 0, done.stderr
    assert "Đầu văn bản:" in done.stdout and "chỗ sửa" in done.stdout
    assert (project / "build" / "2025-hoa-binh-thay-doi.docx").is_file()


def test_make_import_without_arguments_says_how(project: Path):
    done = make(project, "import")
    assert done.returncode == 0
    assert done.stdout.startswith("Cách dùng: make import FROM=ke-hoach-2024.docx")


def test_make_import_reads_a_word_file_into_plans(project: Path):
    from tests.importer.handmade import typed_plan

    source = typed_plan(project / "ke-hoach-2025.docx")
    done = make(project, "import", f"FROM={source.name}")
    assert done.returncode == 0, done.stderr
    assert (project / "plans" / "2025-nghe-an.yaml").is_file()
    named = make(project, "import", f"FROM={source.name}", "OUT=plans/rieng.yaml")
    assert named.returncode == 0 and (project / "plans" / "rieng.yaml").is_file()
    assert make(project, "import", f"FROM={source.name}").returncode != 0  # exists: refused without FORCE=1
    assert make(project, "import", f"FROM={source.name}", "FORCE=1").returncode == 0
