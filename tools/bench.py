"""``make bench``: how long rendering takes, and what the tool adds over bare docxtpl.

Prints, for each plan in plans/, the median time the tool takes to render it (from the
validated plan to the DOCX on disk), the same template and context rendered by bare docxtpl,
their ratio, and the whole pipeline in-process (load, validate, render, save); then synthetic
appendices of 30, 300 and 3,000 rows with the time per row; then the LibreOffice conversion
time of each plan and of the 300-row appendix (when LibreOffice is installed).
Goals (issue "core pipeline"): ratio ≤ 1.3, a whole plan < 0.25 s; (issue "appendix"): the
time per row at 3,000 rows within 1.5x of that at 300.
"""

from __future__ import annotations

import copy
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.commands.pipeline import build_plan, render_plan  # noqa: E402
from generator.common.fileio import write_bytes_atomic  # noqa: E402
from generator.common.vnformat import decimal  # noqa: E402
from generator.pdf import to_pdf  # noqa: E402
from generator.plan.validate import load_plan  # noqa: E402
from generator.render.context import build_context  # noqa: E402
from generator.render.template_builder import TEMPLATE_PATH  # noqa: E402


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    action()  # warm-up: imports, template check cache, regex compilation
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bare_docxtpl(plan_path: Path, out: Path) -> Callable[[], object]:
    """What a script using docxtpl directly does: open the template, render, save a file."""
    context = build_context(load_plan(plan_path).plan)
    target = out / f"{plan_path.stem}-bare.docx"

    def run() -> None:
        document = DocxTemplate(str(TEMPLATE_PATH))
        document.render(context)
        document.save(str(target))

    return run


def ms(seconds: float, digits: int = 1) -> str:
    return f"{decimal(seconds * 1000, digits)} ms"


def interleaved(first: Callable[[], object], second: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median times of two actions run in turn, so that a change in machine load hits both."""
    first()
    second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for action, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            action()
            bucket.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def tool_render(plan_path: Path, out: Path) -> Callable[[], object]:
    """The tool's rendering of a validated plan: numbering and context, docxtpl in its sandbox,
    the section fixes, deterministic serialisation, and the atomic, flushed write."""
    plan = load_plan(plan_path).plan
    target = out / f"{plan_path.stem}-tool.docx"
    return lambda: write_bytes_atomic(target, render_plan(plan))


def plans(out: Path) -> bool:
    print("Dựng từng kế hoạch (trung vị 40 lần xen kẽ):")
    print("  dựng = từ kế hoạch đã kiểm tra đến tệp DOCX; docxtpl trần = cùng mẫu, cùng dữ liệu, lưu tệp;")
    print("  cả quy trình = đọc YAML, kiểm tra, dựng, ghi tệp.")
    print(f"  {'kế hoạch':24} {'dựng':>9} {'docxtpl trần':>13} {'tỉ lệ':>6} {'cả quy trình':>13} {'so với trần':>12}")
    ok = True
    for plan in sorted((ROOT / "plans").glob("*.yaml")):
        tool, bare = interleaved(tool_render(plan, out), bare_docxtpl(plan, out), 40)
        whole = median_seconds(partial(build_plan, plan, out), 20)
        ratio = tool / bare
        ok &= ratio <= 1.3 and whole < 0.25
        whole_ratio = decimal(whole / bare, 2)
        print(f"  {plan.stem:24} {ms(tool):>9} {ms(bare):>13} {decimal(ratio, 2):>6} {ms(whole):>13} {whole_ratio:>12}")
    print("  Mục tiêu: tỉ lệ ≤ 1,3; cả quy trình < 250 ms.")
    return ok


def synthetic(rows: int, work: Path) -> Path:
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


def appendices(out: Path, work: Path) -> bool:
    print("Phụ lục tổng hợp (bố cục thanh-hoa, 7 nhóm):")
    print(f"  {'số dòng':>8} {'thời gian':>11} {'mỗi dòng':>11} {'mỗi dòng thêm':>14}")
    empty = synthetic(0, work)
    base = median_seconds(lambda: build_plan(empty, out), 7)
    per_row = {}
    for rows, repeat in ((30, 9), (300, 7), (3000, 3)):
        path = synthetic(rows, work)
        seconds = median_seconds(partial(build_plan, path, out), repeat)
        per_row[rows] = (seconds - base) / rows  # the cost a row adds, without the body's
        print(f"  {rows:>8} {ms(seconds):>11} {ms(seconds / rows, 3):>11} {ms(per_row[rows], 3):>14}")
    growth = per_row[3000] / per_row[300]
    print(f"  Tỉ lệ thời gian mỗi dòng thêm, 3.000 so với 300 dòng: {decimal(growth, 2)} (mục tiêu ≤ 1,5)")
    return growth <= 1.5


def conversions(out: Path, work: Path) -> None:
    """LibreOffice's share: seconds per document, each in its own run (start-up included)."""
    if shutil.which("soffice") is None:
        print("Chuyển sang PDF: bỏ qua (chưa cài LibreOffice).")
        return
    print("Chuyển sang PDF bằng LibreOffice (mỗi tệp một lần chạy, kể cả thời gian khởi động):")
    documents = [build_plan(plan, out) for plan in sorted((ROOT / "plans").glob("*.yaml"))]
    documents.append(build_plan(synthetic(300, work), out))
    for document in documents:
        (converted,) = to_pdf([document])
        print(f"  {document.stem:26} {decimal(converted.seconds, 2):>6} giây")


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out, work = Path(folder) / "out", Path(folder)
        out.mkdir()
        ok = plans(out)
        print()
        ok &= appendices(out, work)
        print()
        conversions(out, work)
    print()
    print("Đạt mục tiêu." if ok else "CHƯA đạt mục tiêu (xem các số trên).")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
