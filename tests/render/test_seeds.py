"""The plans in plans/ reproduce the real plans of tests/fixtures/seeds/ (word multisets, F1 ≥ 0.97)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.docx.read import DocxReader
from tests.support import PLANS, SEED_OF_PLAN, SEEDS
from tests.wordcount import f1, words


def test_every_plan_has_its_seed_and_every_required_seed_its_plan():
    assert {p.stem for p in PLANS.glob("*.yaml")} == set(SEED_OF_PLAN)


@pytest.mark.parametrize("plan", sorted(SEED_OF_PLAN))
def test_rendered_text_matches_the_seed(plan: str, built: dict[str, Path]):
    document = DocxReader(built[plan])
    produced = words("\n".join(p.text for p in document.paragraphs))
    expected = words((SEEDS / SEED_OF_PLAN[plan]).read_text(encoding="utf-8"))
    precision, recall, score = f1(produced, expected)
    assert score >= 0.97, f"{plan}: P={precision:.4f} R={recall:.4f} F1={score:.4f}"


def test_f1_is_a_real_measure():
    assert f1(words("a b b c"), words("a b c c"))[2] == pytest.approx(0.75)
    assert f1(words("Cải cách, hành chính"), words("cải cách hành chính"))[2] == 1.0
    assert f1(words("x"), words("y"))[2] == 0.0
