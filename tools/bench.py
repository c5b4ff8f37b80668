"""``make bench``: the tool against hand-written docxtpl, whole processes, as ratios.

Each comparison runs two commands as separate processes (start-up included, as a user pays
it), in interleaved pairs A, B, A, B… so that a busy moment of the machine falls on both.
It prints the median and the range of each side and the ratio of the medians. The baseline
is ``tools/bare_docxtpl.py``: the same plan content rendered by a template with ``{%p for %}``
and ``{%tr for %}`` loops, the way a docxtpl user writes it.

Goals (issue "Faster than hand-written docxtpl"): an ordinary plan ≤ 1,5 x the script;
``kehoach --help`` ≤ 1,3 x ``python -c "import docxtpl, yaml"``; a 3.000-row appendix ≤ 0,8 x;
``check`` of a 3.000-row DOCX no slower than building it; ``--pdf`` ≤ 1,2 x a bare
``soffice --convert-to pdf``. Growth per row and per bullet is printed to show it is linear, and
the peak memory of a 300- and a 3.000-row build with what each added row costs.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TOOL = [PY, "-m", "generator"]
BARE = [PY, str(ROOT / "tools" / "bare_docxtpl.py")]
# Both sides run as on a user's machine, where Python keeps compiled modules (.pyc) after the
# first run. A shell that sets PYTHONDONTWRITEBYTECODE (some containers do) would make only
# the tool, not docxtpl's installed modules, recompile its source on every run: 45 ms measured.
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ENV["PYTHONPATH"] = str(ROOT)


def run(command: Sequence[str], before: Callable[[], None] | None = None) -> float:
    if before:
        before()
    started = time.perf_counter()
    done = subprocess.run(command, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:  # a command that failed fast would look fast
        msg = f"{' '.join(map(str, command))} failed ({done.returncode}): {done.stderr.decode()[-500:]}"
        raise SystemExit(msg)
    return elapsed


# Started as a fresh, small process: a child forked straight from this one would count this
# process's own memory in its peak (Linux keeps the fork's resident pages as the child's high
# mark, across exec), and this process holds the 10,000-row plans by then.
_MEASURE = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
_, status, usage = os.wait4(child.pid, 0)
if os.waitstatus_to_exitcode(status):
    sys.exit(child.stderr.read().decode()[-500:])
print(usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss)  # bytes on macOS
"""


def peak_kib(command: Sequence[str]) -> int | None:
    """The largest resident memory of one run of ``command``, in KiB; None where unknown.

    ``os.wait4`` gives a child's own resource use (Linux and macOS; not on Windows).
    """
    if not hasattr(os, "wait4"):
        return None
    done = subprocess.run([PY, "-c", _MEASURE, *command], env=ENV, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        msg = f"{' '.join(map(str, command))} failed: {done.stderr[-500:]}"
        raise SystemExit(msg)
    return int(done.stdout)


def memory_line(work: Path, out: Path, template: Path) -> None:
    """Peak memory of a 300- and a 3,000-row build, both sides, and what each added row costs."""
    peaks: dict[str, list[int]] = {"tool": [], "bare": []}
    for rows in (300, 3000):
        plan = synthetic_rows(rows, work)
        tool = peak_kib([*TOOL, "build", str(plan), "--out", str(out)])
        bare = peak_kib([*BARE, "render", str(plan), str(template), str(work / "bare.docx")])
        if tool is None or bare is None:
            return
        peaks["tool"].append(tool)
        peaks["bare"].append(bare)
    tool_mb, bare_mb = ([kib / 1024 for kib in peaks[side]] for side in ("tool", "bare"))
    per_row = {side: (values[1] - values[0]) / 2700 for side, values in peaks.items()}
    print(
        f"  bộ nhớ đỉnh 300 / 3.000 dòng: {tool_mb[0]:.0f} / {tool_mb[1]:.0f} MB (viết tay {bare_mb[0]:.0f} / "
        f"{bare_mb[1]:.0f} MB); mỗi dòng thêm {vn(per_row['tool'], 1)} KB (viết tay {vn(per_row['bare'], 1)} KB)"
    )


def pairs(
    first: Sequence[str], second: Sequence[str], repeat: int, before: Callable[[], None] | None = None
) -> tuple[list[float], list[float]]:
    """Interleaved runs of two commands, after one warm-up of each (file caches, .pyc)."""
    run(first, before)
    run(second, before)
    a, b = [], []
    for _ in range(repeat):
        a.append(run(first, before))
        b.append(run(second, before))
    return a, b


def vn(value: float, digits: int = 2) -> str:
    """A number with the Vietnamese decimal comma (the labels keep their "3.000")."""
    return f"{value:.{digits}f}".replace(".", ",")


def seconds(values: list[float]) -> str:
    return f"{statistics.median(values):6.2f} s ({min(values):.2f}-{max(values):.2f})".replace(".", ",")


def ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(a) / statistics.median(b)


def line(label: str, a: list[float], b: list[float], goal: float | None) -> bool:
    """One comparison: both sides' times, the ratio of the medians and, in brackets, the lowest
    and highest ratio of one pair (how far a single run can stray); the goal is judged on the
    medians."""
    value = ratio(a, b)
    per_pair = [x / y for x, y in zip(a, b, strict=True)]
    met = goal is None or (value <= goal)
    verdict = "" if goal is None else (f"mục tiêu ≤ {goal:.1f}" + ("" if met else "  CHƯA ĐẠT"))
    spread = f"({min(per_pair):.2f}-{max(per_pair):.2f})"
    print(f"  {label:<34} {seconds(a)}  {seconds(b)}  {value:5.2f} x {spread:<11} {verdict}".replace(".", ","))
    return met


def synthetic_rows(rows: int, work: Path) -> Path:
    """The Thanh Hóa plan with its appendix rows repeated to ``rows`` rows in seven groups."""
    data = yaml.safe_load((ROOT / "plans" / "2021-thanh-hoa.yaml").read_text(encoding="utf-8"))
    appendix = data["appendices"][0]
    source = [row for group in appendix["groups"] for row in group["rows"]]
    groups = appendix["groups"]
    for index, group in enumerate(groups):
        count = rows // len(groups) + (1 if index < rows % len(groups) else 0)
        group["rows"] = [copy.deepcopy(source[(index * 7 + k) % len(source)]) for k in range(count)]
    path = work / f"bang-{rows}-dong.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def next_year_rows(plan: Path, work: Path) -> Path:
    """The same plan a year on: every 10th deadline edited, every 50th row removed, a row added per group."""
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    data["year"] += 1
    for group in data["appendices"][0]["groups"]:
        rows = group["rows"]
        for index, row in enumerate(rows):
            if index % 10 == 0:
                row["deadline"] = "Quý II"
        del rows[::50]
        rows.insert(
            3, {"task": "Nhiệm vụ mới của năm", "product": "Báo cáo", "lead": "Văn phòng Sở", "deadline": "Quý I"}
        )
    path = work / f"{plan.stem}-nam-sau.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def long_plan(rows: int, work: Path) -> Path:
    """A long plan: 600 items in the body (about 30 pages) and an appendix of ``rows`` rows."""
    data = yaml.safe_load(synthetic_rows(rows, work).read_text(encoding="utf-8"))
    data["parts"] = yaml.safe_load(synthetic_bullets(600, work).read_text(encoding="utf-8"))["parts"]
    path = work / f"dai-{rows}-dong.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def synthetic_bullets(count: int, work: Path) -> Path:
    """The Hòa Bình plan with ``count`` bullets spread over its sections."""
    data = yaml.safe_load((ROOT / "plans" / "2024-hoa-binh.yaml").read_text(encoding="utf-8"))
    sections = [s for part in data["parts"] for s in part.get("sections", [])]
    for index, section in enumerate(sections):
        n = count // len(sections) + (1 if index < count % len(sections) else 0)
        kept = [item for item in section.get("items", []) if isinstance(item, dict) and "appendix_ref" in item]
        bullets = [f"Nhiệm vụ cải cách hành chính số {index}.{k}, thực hiện năm 2024." for k in range(n)]
        section["items"] = bullets + kept
        section.pop("subsections", None)
    path = work / f"y-{count}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def main() -> int:
    machine = f"{platform.machine()}, {os.cpu_count()} nhân, Python {platform.python_version()}, {platform.system()}"
    print(f"make bench, {dt.date.today():%d/%m/%Y}, {machine}")
    print(f"  {'':<34} {'công cụ (trung vị, khoảng)':<26} {'so với':<26} tỉ lệ (từng cặp)")
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        out = work / "out"
        template = work / "bare-template.docx"
        subprocess.run([*BARE, "template", "-", str(template)], env=ENV, check=True)

        print("Khởi động:")
        a, b = pairs([*TOOL, "--help"], [PY, "-c", "import docxtpl, yaml"], 9)
        ok &= line("kehoach --help / import docxtpl, yaml", a, b, 1.3)

        print("Kế hoạch thật (build / docxtpl viết tay):")
        for plan in sorted((ROOT / "plans").glob("*.yaml")):
            a, b = pairs([*TOOL, "build", str(plan), "--out", str(out)],
                         [*BARE, "render", str(plan), str(template), str(work / "bare.docx")], 7)  # fmt: skip
            ok &= line(plan.stem, a, b, 1.5)

        print("Phụ lục (build / docxtpl viết tay; dòng thêm tăng tuyến tính):")
        per_row: dict[int, float] = {}
        for rows, repeat in ((30, 5), (300, 5), (3000, 3), (10000, 3)):
            plan = synthetic_rows(rows, work)
            a, b = pairs([*TOOL, "build", str(plan), "--out", str(out)],
                         [*BARE, "render", str(plan), str(template), str(work / "bare.docx")], repeat)  # fmt: skip
            per_row[rows] = statistics.median(a)
            ok &= line(f"{rows} dòng", a, b, 0.8 if rows >= 3000 else None)
            if rows == 3000:
                document = out / f"{plan.stem}.docx"
                c, d = pairs([*TOOL, "check", str(document)], [*TOOL, "build", str(plan), "--out", str(out)], repeat)
                ok &= line("check 3000 dòng / build 3000 dòng", c, d, 1.0)
        memory_line(work, out, template)
        growth = (per_row[10000] - per_row[3000]) / 7000 / ((per_row[3000] - per_row[300]) / 2700)
        print(f"  thời gian mỗi dòng thêm, 3.000→10.000 so với 300→3.000: {vn(growth)} (tuyến tính ≈ 1)")

        print("Ý gạch đầu dòng (build / docxtpl viết tay):")
        for count in (100, 1000, 5000):
            plan = synthetic_bullets(count, work)
            a, b = pairs([*TOOL, "build", str(plan), "--out", str(out)],
                         [*BARE, "render", str(plan), str(template), str(work / "bare.docx")], 5)  # fmt: skip
            line(f"{count} ý", a, b, None)

        print("Kế hoạch năm sau (new --dry-run / build cùng kế hoạch):")
        plan = ROOT / "plans" / "2024-hoa-binh.yaml"
        a, b = pairs([*TOOL, "new", str(plan), "--year", "2025", "--dry-run"],
                     [*TOOL, "build", str(plan), "--out", str(out)], 5)  # fmt: skip
        line("new 2024-hoa-binh", a, b, None)

        print("So sánh hai năm (diff / build kế hoạch mới; mục tiêu 3.000 dòng dưới 5 giây):")
        per_diff: dict[int, float] = {}
        for rows, repeat in ((300, 5), (1000, 3), (3000, 3)):
            old = synthetic_rows(rows, work)
            new = next_year_rows(old, work)
            a, b = pairs([*TOOL, "diff", str(old), str(new), "--out", str(work / "thay-doi.docx")],
                         [*TOOL, "build", str(new), "--out", str(out)], repeat)  # fmt: skip
            per_diff[rows] = statistics.median(a)
            line(f"diff {rows} dòng", a, b, None)
            if rows == 3000:
                goal = per_diff[rows] < 5.0
                ok &= goal
                print(f"  diff 3.000 dòng: {seconds(a)} ({'đạt' if goal else 'CHƯA ĐẠT'} mục tiêu < 5 giây)")
        growth = (per_diff[3000] - per_diff[1000]) / 2000 / ((per_diff[1000] - per_diff[300]) / 700)
        print(f"  thời gian mỗi dòng thêm, 1.000→3.000 so với 300→1.000: {vn(growth)} (tuyến tính ≈ 1)")

        print("Nhập từ Word (import / build cùng kế hoạch; 600 ý và một phụ lục, mục tiêu 300 dòng dưới 2 giây):")
        per_import: dict[int, float] = {}
        for rows, repeat in ((300, 5), (1000, 3), (3000, 3)):
            plan = long_plan(rows, work)
            subprocess.run([*TOOL, "build", str(plan), "--out", str(out)], env=ENV, check=True, capture_output=True)
            document = out / f"{plan.stem}.docx"
            a, b = pairs([*TOOL, "import", str(document), "--out", str(work / "nhap.yaml"), "--force"],
                         [*TOOL, "build", str(plan), "--out", str(out)], repeat)  # fmt: skip
            per_import[rows] = statistics.median(a)
            line(f"import {rows} dòng", a, b, None)
        goal = per_import[300] < 2.0
        ok &= goal
        print(
            f"  import kế hoạch khoảng 60 trang, 300 dòng: {vn(per_import[300])} s"
            + (" (đạt mục tiêu < 2 giây)" if goal else " (CHƯA ĐẠT mục tiêu < 2 giây)")
        )
        growth = (per_import[3000] - per_import[1000]) / 2000 / ((per_import[1000] - per_import[300]) / 700)
        print(f"  thời gian mỗi dòng thêm, 1.000→3.000 so với 300→1.000: {vn(growth)} (tuyến tính ≈ 1)")

        soffice = shutil.which("soffice")
        if soffice:
            print("PDF (build --pdf của DOCX đã có / soffice --convert-to pdf):")
            plan = ROOT / "plans" / "2021-thanh-hoa.yaml"
            pdf_out = work / "pdf"
            subprocess.run([*TOOL, "build", str(plan), "--out", str(pdf_out)], env=ENV, check=True, capture_output=True)
            document = pdf_out / f"{plan.stem}.docx"

            def fresh() -> None:
                for pdf in pdf_out.glob("*.pdf"):
                    pdf.unlink()

            tool = [*TOOL, "build", "--changed", "--pdf", str(plan), "--out", str(pdf_out)]
            bare = [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(pdf_out), str(document)]
            a, b = pairs(tool, bare, 9, fresh)  # LibreOffice varies more from run to run than Python
            ok &= line("2021-thanh-hoa", a, b, 1.2)
        else:
            print("PDF: bỏ qua (chưa cài LibreOffice).")
    print("Đạt mọi mục tiêu." if ok else "CHƯA đạt mọi mục tiêu (xem các dòng “CHƯA ĐẠT”).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
