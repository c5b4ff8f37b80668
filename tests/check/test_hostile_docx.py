"""``kehoach check`` on a hostile DOCX: zip bombs made here, in the test, never checked in.

Each case runs the real command in a child process: exit 1 with a message, within 15 seconds
and 600 MB (peak resident memory read from /proc).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from generator.render.provenance import TEMPLATE_PATH
from tests.support import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from /proc")

GIB = 1 << 30
PROBE = (
    "import re, sys; from pathlib import Path; from generator.cli import main; "
    "code = main(['check', sys.argv[1]]); "
    "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1), code)"
)


def hostile(path: Path, *, part: str, size: int, filler: bytes = b" ", extra: str | None = None) -> Path:
    """The template with ``part`` replaced by (or, with ``extra``, joined by) ``size`` bytes that inflate."""
    with (
        zipfile.ZipFile(TEMPLATE_PATH) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out,
    ):
        for item in source.infolist():
            if item.filename != part or extra:
                out.writestr(item.filename, source.read(item.filename))
        target = extra or part
        with out.open(target, "w", force_zip64=True) as stream:
            stream.write(
                b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            )
            chunk = filler * (1 << 20 // len(filler))
            written = 0
            while written < size:
                stream.write(chunk)
                written += len(chunk)
    return path


def run_check(path: Path) -> tuple[int, int, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=path.parent, check=False,
    )  # fmt: skip
    elapsed = time.monotonic() - started
    peak_kb, code = done.stdout.split()[-2:]  # after the report, if any
    return int(code), int(peak_kb), done.stderr, elapsed


PARAGRAPH = "<w:p><w:r><w:t>Thực hiện cải cách hành chính năm 2025.</w:t></w:r></w:p>".encode()


@pytest.mark.parametrize(
    ("case", "part", "size", "filler", "extra", "said"),
    [
        ("document.xml inflates to 1 GiB", "word/document.xml", GIB, b" ", None, "phần word/document.xml quá lớn"),
        ("styles.xml inflates to 1 GiB", "word/styles.xml", GIB, b" ", None, "phần word/styles.xml quá lớn"),
        ("a 1 GiB part nobody references", "", GIB, b" ", "word/media/rac.xml", None),
        (
            "a 200 MB document.xml of real-looking text",
            "word/document.xml",
            200 << 20,
            PARAGRAPH,
            None,
            "phần word/document.xml quá lớn",
        ),
    ],
    ids=["document-1GiB", "styles-1GiB", "unreferenced-1GiB", "document-200MB-text"],
)
def test_a_zip_bomb_is_refused_quickly_in_bounded_memory(
    tmp_path: Path, case: str, part: str, size: int, filler: bytes, extra: str | None, said: str | None
):
    path = hostile(tmp_path / "bom.docx", part=part or "none", size=size, filler=filler, extra=extra)
    code, peak_kb, err, elapsed = run_check(path)
    assert elapsed <= 15, f"{case}: {elapsed:.1f} s"
    assert peak_kb <= 600 * 1024, f"{case}: {peak_kb // 1024} MB"
    if said is None:  # never read: the document itself is checked as usual
        assert "rac.xml" not in err
        return
    assert code == 1
    assert err.startswith(f"bom.docx: không đọc tệp DOCX này: {said}"), err


def test_a_directory_that_lies_about_a_size_is_caught(tmp_path: Path):
    """The central directory says 1 KB; the stream holds 5 MB: read as broken, not trusted."""
    path = tmp_path / "doi.docx"
    with zipfile.ZipFile(TEMPLATE_PATH) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data += b" " * (5 << 20)
            out.writestr(item.filename, data)
    raw = bytearray(path.read_bytes())
    size = len(TEMPLATE_PATH.read_bytes())  # any small value
    for header in (b"PK\x01\x02", b"PK\x03\x04"):  # patch the uncompressed size in both headers
        for match in re.finditer(re.escape(header), bytes(raw)):
            name_at = match.start() + (46 if header == b"PK\x01\x02" else 30)
            if bytes(raw[name_at : name_at + 17]) == b"word/document.xml":
                offset = match.start() + (24 if header == b"PK\x01\x02" else 22)
                raw[offset : offset + 4] = size.to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    code, _, err, _ = run_check(path)
    assert code == 1
    assert err.startswith("doi.docx: không đọc được tệp DOCX này; tệp có thể bị hỏng"), err


def test_a_password_protected_document_says_so(tmp_path: Path):
    """Word saves a password-protected DOCX as an OLE compound file, as it saves a .doc."""
    path = tmp_path / "mat-khau.docx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4096)
    code, _, err, _ = run_check(path)
    assert code == 1
    assert err.startswith("mat-khau.docx: không đọc tệp DOCX này: đây là tệp Word có đặt mật khẩu"), err


@pytest.mark.parametrize(
    "content", [b"", b"PK\x05\x06" + b"\0" * 18, b"not a zip at all"], ids=["empty", "empty zip", "text"]
)
def test_not_a_document_at_all(tmp_path: Path, content: bytes):
    path = tmp_path / "x.docx"
    path.write_bytes(content)
    code, _, err, _ = run_check(path)
    assert code == 1 and "Traceback" not in err and "Lỗi nội bộ" not in err
