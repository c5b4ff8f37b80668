"""What the DOCX check reports: one finding per rule, and the helper that records them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.common import nd30
from generator.common.vnformat import decimal
from generator.docx.anatomy import Anatomy
from generator.docx.read import DocxReader

# Every rule the DOCX check reports: its id (stable, used by --json and the tests), its title, and
# the key of its clause in nd30.CLAUSES. A rule's title and clause are written here and only here.
RULES: dict[str, tuple[str, str]] = {
    "trang.kho-giay": ("Khổ giấy A4", "page"),
    "trang.huong": ("Hướng trang", "page"),
    "trang.le": ("Lề trang", "page"),
    "chu.phong": ("Phông chữ Times New Roman", "font"),
    "quoc-hieu": ("Quốc hiệu", "national_title"),
    "tieu-ngu": ("Tiêu ngữ", "motto"),
    "tieu-ngu.duong-ke": ("Đường kẻ dưới Tiêu ngữ", "motto_rule"),
    "co-quan": ("Tên cơ quan ban hành", "agency"),
    "co-quan.duong-ke": ("Đường kẻ dưới tên cơ quan", "agency_rule"),
    "so-ky-hieu": ("Số, ký hiệu", "number"),
    "dia-danh-ngay": ("Địa danh và ngày tháng", "date"),
    "ten-loai-trich-yeu": ("Tên loại và trích yếu", "title"),
    "trich-yeu.duong-ke": ("Đường kẻ dưới trích yếu", "title_rule"),
    "noi-dung": ("Phần nội dung", "body"),
    "noi-dung.danh-so": ("Đánh số các phần, mục", "headings"),
    "noi-dung.co-chu": ("Cỡ chữ phần nội dung", "body"),
    "noi-dung.can-le": ("Căn đều hai lề", "body"),
    "noi-dung.thut-dau-dong": ("Thụt đầu dòng 1 cm hoặc 1,27 cm", "body"),
    "noi-dung.khoang-cach": ("Khoảng cách đoạn và dòng", "body"),
    "ket-thuc": ("Kết thúc bằng “./.”", "closing"),
    "noi-nhan": ("Nơi nhận", "recipients"),
    "chu-ky": ("Thẩm quyền, chức vụ, họ tên người ký", "signer"),
    "so-trang": ("Số trang", "page_numbers"),
    "so-trang.phu-luc": ("Số trang phụ lục đánh riêng", "appendix_pages"),
    "phu-luc.dau": ("Phần đầu phụ lục", "appendix_head"),
    "phu-luc.chi-dan": ("Chỉ dẫn tới phụ lục", "appendix_pointer"),
    "ky-tu": ("Mã chữ Unicode dựng sẵn, không ký tự điều khiển", "characters"),
}


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

    def add(self, rule: str, status: Status, measured: str) -> None:
        """Record the outcome of ``rule`` (a key of :data:`RULES`)."""
        title, clause_key = RULES[rule]
        self.findings.append(Finding(rule, title, nd30.CLAUSES[clause_key], status, measured))

    def verdict(self, rule: str, problems: list[str], fine: str) -> None:
        """Pass with ``fine`` when there is no problem, else fail with the first few problems."""
        status = Status.FAIL if problems else Status.PASS
        self.add(rule, status, "; ".join(problems[:4]) if problems else fine)
