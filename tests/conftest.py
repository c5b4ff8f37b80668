"""Shared fixtures: isolated working folders, the real plans built once, small plans built on demand."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build import build_plan
from generator.docxread import DocxReader

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


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own empty folder: nothing can touch the real build/ or plans/."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each plan of plans/ built once for the whole session: name → DOCX path."""
    out = tmp_path_factory.mktemp("built")
    return {path.stem: build_plan(path, out) for path in sorted(PLANS.glob("*.yaml"))}


@pytest.fixture(scope="session")
def readers(built: dict[str, Path]) -> dict[str, DocxReader]:
    """The built plans opened for inspection."""
    return {name: DocxReader(path) for name, path in built.items()}


@pytest.fixture
def render(tmp_path: Path) -> Callable[..., DocxReader]:
    """Build a plan dict into a DOCX and open it: ``render(plan_data(...), draft=False)``."""
    counter = iter(range(1000))

    def _render(data: dict[str, Any], *, draft: bool = False) -> DocxReader:
        plan = write_plan(tmp_path / f"plan-{next(counter)}.yaml", data)
        return DocxReader(build_plan(plan, tmp_path / "out", draft=draft))

    return _render


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-expected`` rewrites the expected messages of the bad-plan corpus."""
    parser.addoption("--update-expected", action="store_true", help="rewrite tests/fixtures/bad_plans/*.expected")
