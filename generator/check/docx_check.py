"""``kehoach check x.docx``: measure a document against Nghị định 30, one finding per rule.

Each finding says pass or fail, what was measured and what ND30 allows, with the clause.
"Không tìm thấy" means a required part was not found (it counts as a failure); "không đo được"
means the part exists but cannot be measured here (a rule drawn as a shape, for instance).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from lxml import etree

from generator.check.findings import Finding, Status
from generator.check.rules_body import BodyRules
from generator.check.rules_head import HeadRules
from generator.common.errors import PlanError, Problem, display_path, unreadable
from generator.docx.anatomy import read_anatomy
from generator.docx.package import DocxRefused
from generator.docx.read import DocxReader

__all__ = ["Finding", "Status", "check_docx", "report_json", "report_text"]


def check_docx(path: Path) -> list[Finding]:
    """Every ND30 finding for a DOCX file.

    Raises:
        PlanError: the file is not a readable DOCX.
    """
    try:
        reader = DocxReader(path)
        reader.sections  # noqa: B018 - parse now, to report an unreadable file here
    except OSError as exc:  # a missing file or a folder is said as such, not as a broken DOCX
        raise unreadable(path, exc, kind="tệp .docx", example="build/ten-ke-hoach.docx") from None
    except DocxRefused as exc:
        raise PlanError([Problem(display_path(path), 0, 0, "", str(exc))]) from None
    except (ValueError, KeyError, etree.XMLSyntaxError):
        msg = "không đọc được tệp DOCX này; tệp có thể bị hỏng hoặc không phải .docx."
        raise PlanError([Problem(display_path(path), 0, 0, "", msg)]) from None
    findings: list[Finding] = []
    anatomy = read_anatomy(reader)
    HeadRules(reader, anatomy, findings).run()
    BodyRules(reader, anatomy, findings).run()
    return findings


def report_text(path: Path, findings: list[Finding]) -> str:
    """The findings as lines a person reads."""
    lines = [f"{display_path(path)}: kiểm tra theo Nghị định 30/2020/NĐ-CP"]
    width = max(len(s.value) for s in Status)
    for finding in findings:
        lines.append(
            f"  {finding.status.value.upper():<{width}}  {finding.title}: {finding.measured} [{finding.clause}]"
        )
    counts = Counter(f.status for f in findings)
    summary = ", ".join(f"{count} {status.value}" for status, count in counts.items())
    lines.append(f"Kết quả: {summary}.")
    return "\n".join(lines)


def report_json(path: Path, findings: list[Finding]) -> str:
    """The findings for other tools."""
    results = [{**asdict(f), "status": f.status.name.lower()} for f in findings]
    passed = not any(f.failed for f in findings)
    return json.dumps({"file": display_path(path), "passed": passed, "results": results}, ensure_ascii=False, indent=2)
