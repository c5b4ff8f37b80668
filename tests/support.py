"""What the tests share: paths of the project, the minimal valid plan, helpers to write plans."""

from __future__ import annotations

import contextlib
import copy
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
FIXTURES = ROOT / "tests" / "fixtures"
# Copies of ../shared/seeds/*.txt, kept in the project so a clone anywhere can run the F1 tests.
SEEDS = FIXTURES / "seeds"

# Every real plan and the seed text it reproduces.
SEED_OF_PLAN = {
    "2024-hoa-binh": "000_5402a99ec6066c4b.txt",
    "2021-thanh-hoa": "002_d81a6c3c1d17088b.txt",
    "2023-ba-ria-vung-tau": "003_400b02b60a016e2c.txt",
}

MINIMAL: dict[str, Any] = {
    "schema": 1,
    "agency": {
        "parent": "UBND TỈNH HÒA BÌNH",
        "name": "SỞ Y TẾ",
        "full_name": "Sở Y tế tỉnh Hòa Bình",
        "code": "SYT",
        "place": "Hòa Bình",
    },
    "number": "05",
    "date": "05/01/2024",
    "year": 2024,
    "title": "Cải cách hành chính năm 2024",
    "parts": [{"heading": "Mục tiêu, yêu cầu", "items": ["Ý thứ nhất."]}],
    "closing": "Trên đây là Kế hoạch cải cách hành chính năm 2024",
    "recipients": ["UBND tỉnh (b/c)", "Sở Nội vụ"],
    "archive": "VT, TCHC",
    "signer": {"titles": ["GIÁM ĐỐC"], "name": "Nguyễn Văn An"},
}


def require(condition: bool, reason: str) -> None:
    """Skip with a visible reason when something outside the project is missing; in CI, fail."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"needed in CI: {reason}")
    pytest.skip(reason)


def plan_data(**changes: Any) -> dict[str, Any]:
    """A copy of the minimal valid plan with top-level keys replaced (``None`` removes a key)."""
    data = copy.deepcopy(MINIMAL)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_plan(path: Path, data: dict[str, Any]) -> Path:
    """Write a plan dict as YAML (UTF-8, readable Vietnamese)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """Make an existing folder truly read-only while the block runs.

    Permissions do not stop root (every CI run here), so as root the folder is bind-mounted
    onto itself and remounted read-only: the kernel refuses every write, as on a locked share.
    """
    if os.name != "posix" or os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, check=False)
    remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], capture_output=True, check=False)
    if bind.returncode or remount.returncode:
        if not bind.returncode:
            subprocess.run(["umount", str(folder)], check=False)
        require(False, "cannot mount a read-only folder here (needs root with mount rights)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
