"""The README: quick start, command reference and format reference stay true to the code."""

from __future__ import annotations

import re

from generator.cli import _parser
from generator.plan.reference import reference_markdown
from generator.plan.schema import AREA_TITLES
from tests.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_begins_with_make_build_then_make_test():
    quick = README.split("## Bắt đầu nhanh", 1)[1]
    commands = re.findall(r"```\n(.*?)```", quick, flags=re.S)[0].split()
    assert commands[:4] == ["make", "build", "make", "test"]


def test_format_reference_is_generated_from_the_schema():
    """Run ``make readme`` after changing a field or its description."""
    assert reference_markdown() in README


def test_every_command_and_option_is_documented():
    parser = _parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[union-attr]
        assert f"`kehoach {name}" in README, name
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in README, f"{name} {option}"


def test_every_reform_area_is_in_the_table():
    for key, title in AREA_TITLES.items():
        assert f"| `{key}` | {title} |" in README


def test_every_make_target_with_help_is_mentioned():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^([a-z-]+):.*## ", makefile, flags=re.M):
        assert f"`make {target}" in README or f"`{target}`" in README, target


def test_the_three_common_mistakes_show_real_messages():
    fixtures = ROOT / "tests" / "fixtures" / "bad_plans"
    for scenario in ("syntax-colon-end-of-line", "syntax-tab-indent", "unknown-key-typo"):
        first = (fixtures / f"{scenario}.expected").read_text(encoding="utf-8").splitlines()[0]
        message = first.split(": ", 1)[1]  # without the file name and position
        assert message in README, scenario


def test_the_example_plan_in_the_readme_is_valid_and_builds(tmp_path):
    from generator.commands.pipeline import build_plan

    example = re.search(r"```yaml\n(.*?)```", README, flags=re.S)
    assert example is not None
    plan = tmp_path / "2025-vi-du.yaml"
    plan.write_text(example.group(1), encoding="utf-8")
    assert build_plan(plan, tmp_path / "build").exists()


def test_the_table_of_rooms_matches_the_package_and_its_import_contract():
    """Each subpackage (and top-level module other than the entry points) has a row; each row exists."""
    table = README.split("Mã ở `generator/`", 1)[1].split("Kiểm thử ở `tests/`", 1)[0]
    cells = re.findall(r"^  \| \d \| ([^|]+)", table, flags=re.M)
    named = {name.rstrip("/").removesuffix(".py") for cell in cells for name in re.findall(r"`([^`]+)`", cell)}
    package = ROOT / "generator"
    rooms = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    modules = {p.stem for p in package.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert named == rooms | modules
    contract = (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[[tool.importlinter.contracts]]", 1)[1]
    layered = set(re.findall(r"[a-z_]+", contract.split("layers = [", 1)[1].split("]", 1)[0]))
    assert rooms | modules <= layered | {"__main__"}


def test_every_room_says_what_it_is_for_and_what_it_may_use():
    for init in sorted((ROOT / "generator").glob("*/__init__.py")):
        doc = init.read_text(encoding="utf-8").split('"""')[1]
        assert re.search(r"May use|Imports nothing", doc), init.parent.name


def test_mutation_testing_covers_exactly_the_pure_logic_modules():
    """A new module lands outside the mutation run unless it is listed: the list is checked here."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    every = {p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py")}
    mutated = every - set(config["do_not_mutate"])
    assert mutated == {
        "generator/plan/dates.py", "generator/common/numbering.py", "generator/common/text.py",
        "generator/plan/years.py", "generator/nextyear/yearshift.py", "generator/render/context.py",
        "generator/common/emphasis.py", "generator/diff/align.py", "generator/plan/model.py",
        "generator/plan/checks.py",
    }  # fmt: skip
