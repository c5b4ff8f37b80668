"""What the DOCX check reports: one finding per rule, and the helper that records them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from . import nd30
from .docx_anatomy import Anatomy
from .docxread import DocxReader
from .vnformat import decimal


class Status(Enum):
    """The outcome of one rule."""

    PASS = "đạt"
    FAIL = "không đạt"
    MISSING = "không tìm thấy"
    UNMEASURED = "không đo được"
    NOT_APPLICABLE = "không áp dụng"


@dataclass(frozen=True)
class Finding:
    """One rule measured on the document."""

    rule: str
    title: str
    clause: str
    status: Status
    measured: str

    @property
    def failed(self) -> bool:
        """Whether the document breaks this rule (or lacks the part it concerns)."""
        return self.status in (Status.FAIL, Status.MISSING)


def mm_text(value: float) -> str:
    return f"{decimal(value, 1)} mm"


def pt_text(sizes: set[float]) -> str:
    return ", ".join(f"{decimal(s, 1).removesuffix(',0')} pt" for s in sorted(sizes)) or "không rõ"


class Recorder:
    """Holds the document under check and the findings so far; rule classes extend it."""

    def __init__(self, reader: DocxReader, doc: Anatomy, findings: list[Finding]) -> None:
        self.reader = reader
        self.doc = doc
        self.findings = findings

    def add(self, rule: str, title: str, clause_key: str, status: Status, measured: str) -> None:
        self.findings.append(Finding(rule, title, nd30.CLAUSES[clause_key], status, measured))

    def verdict(self, rule: str, title: str, clause_key: str, problems: list[str], fine: str) -> None:
        """Pass with ``fine`` when there is no problem, else fail with the first few problems."""
        status = Status.FAIL if problems else Status.PASS
        self.add(rule, title, clause_key, status, "; ".join(problems[:4]) if problems else fine)
