"""Shared fixtures: isolated working folders, the real plans built once, small plans built on demand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.commands.pipeline import build_plan
from generator.docx.read import DocxReader
from tests.support import PLANS, write_plan


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
