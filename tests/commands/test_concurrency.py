"""Builds running at once into one folder, and a run stopped by Ctrl-C: nobody's files are broken."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.common.fileio import write_text_atomic
from tests.support import ROOT, plan_data, write_plan


def test_twenty_builds_at_once_into_one_folder_all_succeed(tmp_path: Path):
    """Each build used to delete every temporary of the folder, other builds' files in flight too."""
    plans = [write_plan(tmp_path / "plans" / f"ke-hoach-{i:02d}.yaml", plan_data()) for i in range(20)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "generator", "build", "--out", "build"]
    children = [
        subprocess.Popen([*command, str(plan)], cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
        for plan in plans
    ]
    results = [(child.wait(timeout=300), child.stderr.read() if child.stderr else "") for child in children]
    assert [code for code, _ in results] == [0] * 20, [err for _, err in results if "Đã tạo" not in err][:3]
    built = sorted((tmp_path / "build").iterdir())
    assert [p.name for p in built] == [f"ke-hoach-{i:02d}.docx" for i in range(20)]  # no temporary left
    for document in built:
        with zipfile.ZipFile(document) as archive:
            assert archive.testzip() is None


def test_ctrl_c_while_writing_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``new`` writing plans/2025-x.yaml is interrupted: the target is untouched, no hidden file stays."""

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    target = tmp_path / "plans" / "2025-x.yaml"
    target.parent.mkdir()
    target.write_text("cũ", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(target, "mới")
    assert [p.name for p in target.parent.iterdir()] == ["2025-x.yaml"]
    assert target.read_text(encoding="utf-8") == "cũ"
