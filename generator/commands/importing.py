"""``kehoach import``: last year's Word document (.docx, or .doc through LibreOffice) as a plan file."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.common.errors import GeneratorError, PlanError, Problem, display_path, unreadable
from generator.common.fileio import write_text_atomic
from generator.docx.package import DocxRefused
from generator.docx.read import DocxReader
from generator.importer.document import Imported, NotAPlan, read_plan
from generator.importer.emit import plan_yaml, tidy, unique_areas
from generator.importer.source import read_blocks
from generator.plan.areas import plain as folded
from generator.plan.prose import REVIEW_MARKER

REPORTS = Path("build", "bao-cao")


@dataclass
class ImportResult:
    """The plan written, its report, and what the reader should look at."""

    source: Path
    output: Path
    report: Path
    imported: Imported
    text: str
    problems: list[Problem]

    def review_lines(self) -> list[tuple[int, str]]:
        """(line number, what to review) of each review comment in the written plan."""
        marker = f"# {REVIEW_MARKER}: "
        return [(n, line.strip()[len(marker) :]) for n, line in enumerate(self.text.splitlines(), 1)
                if line.strip().startswith(marker)]  # fmt: skip


def default_output(data: dict[str, object], folder: Path = Path("plans")) -> Path:
    """``plans/<year>-<place>.yaml``: ``2024-hoa-binh.yaml``."""
    agency = data.get("agency")
    place = agency.get("place", "") if isinstance(agency, dict) else ""
    slug = re.sub(r"[^a-z0-9]+", "-", folded(str(place))).strip("-") or "ke-hoach"
    return folder / f"{data.get('year')}-{slug}.yaml"


def import_document(
    source: Path, output: Path | None = None, *, force: bool = False, timeout: float = 240, dry_run: bool = False
) -> ImportResult:
    """Read a Word plan, write it as a plan file with its report; nothing is written on failure.

    Raises:
        GeneratorError: the file cannot be read, is not a plan, or the plan file exists.
    """
    if source.suffix.lower() == ".doc":
        from generator.pdf import doc_to_docx

        with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as folder:
            converted = doc_to_docx(source, Path(folder), timeout=timeout)
            imported = _read(converted, shown=display_path(source))
    else:
        imported = _read(source, shown=display_path(source))
    unique_areas(imported.data["parts"], imported.comments)
    data = tidy(imported.data)
    target = output or default_output(data)
    if target.exists() and not force and not dry_run:
        msg = (
            f"{display_path(target)} đã có. Không ghi đè để khỏi mất nội dung: hãy chọn tên khác bằng --out, "
            "hoặc thêm --force (với make: FORCE=1) nếu thật sự muốn thay tệp đó."
        )
        raise GeneratorError(msg)
    head = [
        "yaml-language-server: $schema=../schema/kehoach-plan-1.schema.json",
        f"Nhập từ tệp Word “{source.name}” bằng kehoach import, ngày {dt.date.today():%d/%m/%Y}.",
        "Hãy đọc lại toàn bộ, sửa những chỗ có ghi chú cần xem lại rồi xóa ghi chú đó; số thứ tự",
        "(I., 1., a), -) do công cụ tự đánh nên không có trong tệp này.",
        "",
    ]
    text = plan_yaml(data, imported.comments, head)
    problems = _validate(text, target)
    report = REPORTS / f"{target.stem}.md"
    result = ImportResult(source, target, report, imported, text, problems)
    if not dry_run:
        write_text_atomic(target, text)
        write_text_atomic(report, report_markdown(result))
    return result


def _read(path: Path, *, shown: str) -> Imported:
    try:
        reader = DocxReader(path)
        blocks = read_blocks(reader)
    except OSError as exc:
        raise unreadable(path, exc, kind="tệp Word .docx hoặc .doc", example="ke-hoach-2024.docx") from None
    except DocxRefused as exc:
        raise PlanError([Problem(shown, 0, 0, "", str(exc))]) from None
    except (ValueError, KeyError, etree.XMLSyntaxError):
        msg = "không đọc được tệp Word này; tệp có thể bị hỏng, có mật khẩu, hoặc không phải .docx/.doc."
        raise PlanError([Problem(shown, 0, 0, "", msg)]) from None
    try:
        return read_plan(blocks)
    except NotAPlan as exc:
        raise PlanError([Problem(shown, 0, 0, "", str(exc))]) from None


def _validate(text: str, target: Path) -> list[Problem]:
    from generator.plan.validate import load_plan_text

    try:
        load_plan_text(text, display_path(target))
    except PlanError as exc:
        return exc.problems
    return []


def summary_lines(result: ImportResult) -> list[str]:
    """What the terminal shows: what was recognised, how many places to review."""
    lines = [f"Đã đọc {display_path(result.source)}:"]
    lines += [f"  {line}" for line in result.imported.recognised]
    reviews = result.review_lines()
    lines.append(f"Cần xem lại {len(reviews)} chỗ (ghi chú “# {REVIEW_MARKER}” trong tệp).")
    lines += [f"  dòng {number}: {text}" for number, text in reviews[:5]]
    if len(reviews) > 5:
        lines.append(f"  … và {len(reviews) - 5} chỗ khác, xem {display_path(result.report)}.")
    return lines


def report_markdown(result: ImportResult) -> str:
    """The report written beside the documents."""
    out = [f"# Nhập kế hoạch từ {result.source.name}", "", f"Tệp kế hoạch: `{display_path(result.output)}`", ""]
    out += ["## Đã nhận ra", ""] + [f"- {line}" for line in result.imported.recognised] + [""]
    reviews = result.review_lines()
    out += [f"## Cần xem lại ({len(reviews)} chỗ)", ""]
    out += [f"- dòng {number}: {text}" for number, text in reviews] or ["- Không có."]
    if result.problems:
        out += ["", "## Lỗi khi kiểm tra tệp mới", ""] + [f"- {p.render()}" for p in result.problems]
    return "\n".join(out) + "\n"
