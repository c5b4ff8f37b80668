"""``kehoach diff``: build both plans, compare their documents, write this year's as a redline."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from generator.commands.pipeline import render_plan
from generator.common.errors import OutputError, PlanError, display_path
from generator.common.fileio import output_path, write_bytes_atomic
from generator.diff.redline import Comparison, compare
from generator.docx.package import replace_part

REDLINE_SUFFIX = "-thay-doi"
_MAIN = "word/document.xml"


@dataclass
class Redline:
    """The redline written and what it found."""

    old: Path
    new: Path
    output: Path
    comparison: Comparison

    def summary(self) -> list[str]:
        """A line per part that changed, or one line saying nothing did."""
        if not self.comparison.changed:
            return ["Không có thay đổi."]
        return [tally.sentence() for tally in self.comparison.tallies]

    def as_json(self) -> str:
        return json.dumps(
            {
                "old": str(self.old),
                "new": str(self.new),
                "output": str(self.output),
                "changed": self.comparison.changed,
                "parts": [tally.as_json() for tally in self.comparison.tallies],
            },
            ensure_ascii=False,
            indent=2,
        )


def default_output(new: Path, out_dir: Path = Path("build")) -> Path:
    """``build/<this year's plan>-thay-doi.docx``."""
    return output_path(out_dir, new.stem + REDLINE_SUFFIX, ".docx")


def redline(old: Path, new: Path, output: Path | None = None, when: dt.datetime | None = None) -> Redline:
    """Write this year's document with last year's differences as tracked changes.

    Raises:
        PlanError: every problem of both plans at once, located, as ``build`` gives them.
        OutputError: when the redline cannot be written.
    """
    from generator.plan.validate import load_plan

    loaded, problems = [], []
    for path in (old, new):
        try:
            loaded.append(load_plan(path))
        except PlanError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PlanError(problems)
    old_docx, new_docx = (render_plan(item.plan) for item in loaded)
    comparison = compare(_main(old_docx), _main(new_docx), when or dt.datetime.now(dt.UTC))
    blob = etree.tostring(comparison.document, xml_declaration=True, encoding="UTF-8", standalone=True)
    target = output or default_output(new)
    _refuse_plan_target(target, (old, new))
    write_bytes_atomic(target, replace_part(new_docx, _MAIN, blob))
    return Redline(old, new, target, comparison)


def _main(docx: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return etree.fromstring(package.read(_MAIN), etree.XMLParser(huge_tree=True))


def _refuse_plan_target(target: Path, plans: tuple[Path, Path]) -> None:
    """Never write the redline over one of the plans (``--out plans/x.yaml`` typed by mistake)."""
    for plan in plans:
        if target.resolve() == plan.resolve():
            msg = f"--out {display_path(target)} là tệp kế hoạch đang so sánh; hãy chọn tên tệp .docx khác."
            raise OutputError(msg)
