"""The Jinja environment keeps compiled templates between runs: reused, never stale, never a failure."""

from __future__ import annotations

import zipfile
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest
from jinja2.exceptions import SecurityError

from generator.commands.pipeline import build_plan
from generator.render.engine import make_env
from generator.render.provenance import TEMPLATE_PATH
from tests.support import FIXTURES

PLAN = FIXTURES / "valid_minimal.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own (kehoach puts its compiled templates under it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "kehoach" / "jinja"


def body(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml").decode()


def never_compile(*args: object, **kwargs: object) -> None:
    msg = "compiled although the cache holds the code"
    raise AssertionError(msg)


def test_a_second_build_runs_the_kept_code_without_compiling(cache: Path, tmp_path: Path, monkeypatch):
    first = body(build_plan(PLAN, tmp_path / "one"))
    kept = sorted(cache.glob("*.cache"))
    assert kept, "nothing was kept"
    monkeypatch.setattr(jinja2.Environment, "compile", never_compile)
    assert body(build_plan(PLAN, tmp_path / "two")) == first


def test_a_changed_template_is_compiled_again_not_served_old_code(cache: Path, tmp_path: Path):
    build_plan(PLAN, tmp_path / "one")
    changed = tmp_path / "changed.docx"
    with zipfile.ZipFile(TEMPLATE_PATH) as source, zipfile.ZipFile(changed, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                text = data.decode()
                assert "Độc lập - Tự do - Hạnh phúc" in text
                data = text.replace("Độc lập - Tự do - Hạnh phúc", "Độc lập - Tự do - Hạnh phúc (mẫu đã sửa)").encode()
            target.writestr(name, data)
    out = body(build_plan(PLAN, tmp_path / "two", template=changed))
    assert "(mẫu đã sửa)" in out
    assert "(mẫu đã sửa)" not in body(build_plan(PLAN, tmp_path / "three"))


def test_damaged_cache_files_are_compiled_again(cache: Path, tmp_path: Path):
    first = body(build_plan(PLAN, tmp_path / "one"))
    for kept in cache.glob("*.cache"):
        kept.write_bytes(b"\x00garbage" * 10)
    assert body(build_plan(PLAN, tmp_path / "two")) == first
    assert all(not f.read_bytes().startswith(b"\x00garbage") for f in cache.glob("*.cache"))


def test_a_cache_file_cut_short_after_its_header_is_written_anew(cache: Path, tmp_path: Path):
    first = body(build_plan(PLAN, tmp_path / "one"))
    header = len(jinja2.bccache.bc_magic)
    for kept in cache.glob("*.cache"):
        kept.write_bytes(kept.read_bytes()[:header])  # Jinja's header, then nothing to unpickle
    assert body(build_plan(PLAN, tmp_path / "two")) == first
    assert all(len(f.read_bytes()) > header for f in cache.glob("*.cache"))


def test_a_cache_folder_that_cannot_be_made_only_costs_time(cache: Path, tmp_path: Path):
    cache.parent.mkdir(parents=True)
    cache.write_text("a file where the folder should be")
    assert "Độc lập - Tự do - Hạnh phúc" in body(build_plan(PLAN, tmp_path / "one"))


def test_a_cache_that_cannot_be_written_only_costs_time(cache: Path, tmp_path: Path, monkeypatch):
    def disk_full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", disk_full)
    assert "Độc lập - Tự do - Hạnh phúc" in body(build_plan(PLAN, tmp_path / "one"))
    assert not list(cache.glob("*.cache"))


def test_the_sandbox_holds_for_kept_code(cache: Path):
    source = "{{ value.__class__.__mro__ }}"
    for _ in range(2):  # compiled, then read back from the cache
        with pytest.raises(SecurityError):
            make_env().from_string(source).render(value="text")
    assert len(list(cache.glob("*.cache"))) == 1
    assert make_env().from_string("{{ value }}").render(value="<b>") == "&lt;b&gt;"
