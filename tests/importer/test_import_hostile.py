"""`kehoach import` on files that are not plans: a message, exit 1, bounded time and memory, nothing written."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from tests.check.test_hostile_docx import GIB, hostile
from tests.support import ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="peak memory read from /proc")

PROBE = (
    "import re, sys; from pathlib import Path; from generator.cli import main; "
    "code = main(['import', sys.argv[1], '--out', sys.argv[2]]); "
    "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1), code)"
)


def run_import(path: Path) -> tuple[int, int, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), str(path.with_suffix(".yaml"))], capture_output=True, text=True,
        timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=path.parent, check=False,
    )  # fmt: skip
    peak_kb, code = done.stdout.split()[-2:]
    return int(code), int(peak_kb), done.stderr, time.monotonic() - started


def _decision(path: Path) -> Path:
    """A Quyết định: a header and an article body, no numbered parts of a plan."""
    document = docx.Document()
    for text in ("UBND TỈNH NGHỆ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "QUYẾT ĐỊNH",
                 "Về việc công bố thủ tục hành chính", "Điều 1. Công bố kèm theo Quyết định này.",
                 "Điều 2. Quyết định có hiệu lực kể từ ngày ký."):  # fmt: skip
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _report(path: Path) -> Path:
    """A Báo cáo: prose paragraphs only."""
    document = docx.Document()
    for text in ("BÁO CÁO", "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2025.",
                 "Trong 6 tháng đầu năm, Sở đã hoàn thành các nhiệm vụ được giao."):  # fmt: skip
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _empty(path: Path) -> Path:
    docx.Document().save(str(path))
    return path


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (_decision, "không thấy"),
        (_report, "không thấy"),
        (_empty, "không thấy tên loại văn bản"),
        (lambda p: (p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4096), p)[1], "mật khẩu"),
        (lambda p: (p.write_bytes(b"PK\x03\x04 broken"), p)[1], "không đọc được tệp Word"),
        (lambda p: (p.write_bytes(b""), p)[1], "không đọc được tệp Word"),
    ],
    ids=["quyet-dinh", "bao-cao", "empty-docx", "password", "broken-zip", "zero-bytes"],
)
def test_what_is_not_a_plan_is_refused_with_a_message(tmp_path: Path, make, said: str) -> None:
    path = make(tmp_path / "van-ban.docx")
    code, _, err, _ = run_import(path)
    assert code == 1, err
    assert err.startswith("van-ban.docx: ") and said in err, err
    assert "Traceback" not in err and "Lỗi nội bộ" not in err
    assert not path.with_suffix(".yaml").exists()


def test_a_zip_bomb_is_refused_in_bounded_time_and_memory(tmp_path: Path) -> None:
    path = hostile(tmp_path / "bom.docx", part="word/document.xml", size=GIB)
    code, peak_kb, err, elapsed = run_import(path)
    assert code == 1 and "quá lớn" in err, err
    assert elapsed <= 15 and peak_kb <= 600 * 1024, (elapsed, peak_kb)
    assert not re.search("Traceback", err)
