"""DOCX check rules for the body, Nơi nhận and signature, page numbers, appendices, characters."""

from __future__ import annotations

import re
import unicodedata

from generator.check.findings import Recorder, Status, pt_text
from generator.common import nd30
from generator.common.numbering import from_roman, roman
from generator.common.text import BIDI_CONTROLS
from generator.common.vnformat import decimal
from generator.docx.read import Para, w


class BodyRules(Recorder):
    """The rules measured from the body to the appendices."""

    def run(self) -> None:
        """Record every finding of this group."""
        self.body()
        self.closing_block()
        self.page_numbers()
        self.appendices()
        self.characters()

    def body(self) -> None:
        paragraphs = self.doc.body
        if not paragraphs:
            self.add("noi-dung", Status.MISSING, "không thấy phần nội dung")
            self.add("noi-dung.danh-so", Status.MISSING, "không thấy phần nội dung")
            return
        sizes = set().union(*(p.sizes for p in paragraphs))
        size_problems = (
            []
            if len(sizes) == 1 and sizes <= set(nd30.BODY_SIZES)
            else [f"cỡ chữ {pt_text(sizes)}: phải một cỡ 13 hoặc 14 pt"]
        )
        self.verdict("noi-dung.co-chu", size_problems, f"một cỡ {pt_text(sizes)}")
        ragged = [p for p in paragraphs if p.align != "both"]
        self.verdict(
            "noi-dung.can-le",
            [_quote(p, f"căn {_align(p.align)}") for p in ragged],
            "mọi đoạn căn đều hai lề",
        )
        indents = [
            p for p in paragraphs if min(abs(p.first_line - i) for i in nd30.FIRST_LINE_INDENTS) > nd30.INDENT_TOLERANCE
        ]
        self.verdict(
            "noi-dung.thut-dau-dong",
            [_quote(p, f"thụt {decimal(p.first_line / 567, 2)} cm") for p in indents],
            "mọi đoạn thụt 1 hoặc 1,27 cm",
        )
        cramped = [p for p in paragraphs[1:] if p.before + p.after < nd30.MIN_PARAGRAPH_SPACING]
        spacing = [p for p in paragraphs if not _line_spacing_ok(p)]
        problems = [_quote(p, f"cách đoạn {decimal((p.before + p.after) / 20, 1)} pt") for p in cramped]
        problems += [_quote(p, f"giãn dòng {_line(p)}") for p in spacing]
        self.verdict("noi-dung.khoang-cach", problems, "cách đoạn ≥ 6 pt, giãn dòng đơn đến 1,5 dòng")
        self._numbering(paragraphs)
        closing = paragraphs[-1]
        self.verdict(
            "ket-thuc",
            []
            if closing.text.rstrip().endswith("./.")
            else [f"đoạn cuối kết thúc bằng “{closing.text.rstrip()[-8:]}”"],
            "đoạn cuối kết thúc bằng “./.”",
        )

    def _numbering(self, paragraphs: list[Para]) -> None:
        problems: list[str] = []
        romans: list[str] = []
        arabic = 0
        for para in paragraphs:
            text = para.text.strip()
            heading = re.match(r"^([IVXLC]+)\.\s", text)
            if heading:
                numeral = heading.group(1)
                expected = roman(len(romans) + 1)
                if from_roman(numeral) != len(romans) + 1:
                    problems.append(
                        f"“{numeral}.” đứng ở chỗ của “{expected}.” (thứ tự: {', '.join([*romans, numeral])})"
                    )
                romans.append(numeral)
                arabic = 0
                if not para.bold or text != text.upper():
                    problems.append(f"tiêu đề “{text[:30]}” phải in hoa, đậm")
                continue
            number = re.match(r"^(\d+)\.\s", text)
            if number:
                value = int(number.group(1))
                if value != arabic + 1:
                    problems.append(
                        f"mục “{value}.” đứng sau mục “{arabic}.”" if arabic else f"mục đầu tiên đánh số “{value}.”"
                    )
                arabic = value
        fine = f"các phần {', '.join(romans)}" if romans else "không có phần đánh số La Mã"
        self.verdict("noi-dung.danh-so", problems, fine)

    # --- Nơi nhận and signature ------------------------------------------------------------------

    def closing_block(self) -> None:
        heading = self.doc.recipients_heading
        if heading is None:
            self.add("noi-nhan", Status.MISSING, "không thấy “Nơi nhận:”")
            self.add("chu-ky", Status.MISSING, "không thấy khối chữ ký")
            return
        problems = []
        if heading.text.strip() != "Nơi nhận:":
            problems.append(f"tiêu đề là “{heading.text.strip()}”, phải là “Nơi nhận:”")
        if not (heading.bold and heading.italic and heading.sizes == {nd30.RECIPIENTS_HEADING_SIZE}):
            problems.append(f"“Nơi nhận:” phải nghiêng, đậm, cỡ 12 pt (đang {pt_text(heading.sizes)})")
        lines = self.doc.recipients
        for index, line in enumerate(lines):
            text = line.text.strip()
            last = index == len(lines) - 1
            if not text.startswith("-"):
                problems.append(f"“{text[:30]}” phải bắt đầu bằng “-”")
            if last and not (text.endswith(".") and "Lưu" in text):
                problems.append(f"dòng cuối “{text}” phải là “- Lưu: VT, … .”")
            elif not last and not text.endswith(";"):
                problems.append(f"“{text}” phải kết thúc bằng “;”")
            if line.sizes and line.sizes != {nd30.RECIPIENT_SIZE}:
                problems.append(f"“{text[:20]}…” cỡ {pt_text(line.sizes)}, cần 11 pt")
        if not lines:
            problems.append("không có nơi nhận nào")
        self.verdict("noi-nhan", problems, f"{len(lines)} dòng, đúng dấu “;” và dòng Lưu")
        self._signer()

    def _signer(self) -> None:
        lines = self.doc.signer
        if len(lines) < 2:
            self.add("chu-ky", Status.UNMEASURED, "không thấy khối chữ ký bên cạnh Nơi nhận")
            return
        *titles, name = lines
        problems = []
        for index, line in enumerate(titles):
            text = line.text.strip()
            if text != text.upper() or not line.bold:
                problems.append(f"“{text}” phải in hoa, đậm")
            if text.startswith(("TM.", "KT.", "TL.", "TUQ.")) and index == len(titles) - 1:
                problems.append(f"sau “{text}” phải có dòng chức vụ của người ký")
        if not name.bold or name.text.strip() == name.text.strip().upper():
            problems.append(f"họ tên “{name.text.strip()}” phải in đậm, chữ thường")
        sizes = set().union(*(p.sizes for p in lines))
        if not sizes <= {13.0, 14.0}:
            problems.append(f"cỡ chữ {pt_text(sizes)}, cần 13–14 pt")
        summary = " / ".join(p.text.strip() for p in titles)
        self.verdict("chu-ky", problems, f"“{summary}”, họ tên in đậm")

    # --- page numbers and appendices ------------------------------------------------------------

    def page_numbers(self) -> None:
        first = self.reader.sections[0]
        problems = []
        if not first.title_page or (
            first.first_header and (first.first_header.has_page_field or re.search(r"\d", first.first_header.text))
        ):
            problems.append("trang 1 có số trang")
        header = first.default_header
        if header is None or not header.has_page_field:
            problems.append("không có số trang ở đầu trang")
        else:
            numbered = [
                p
                for p in header.paragraphs
                if p.element.find(f".//{w('instrText')}") is not None
                or p.element.find(f".//{w('fldSimple')}") is not None
            ]
            if numbered and numbered[0].align != "center":
                problems.append(f"số trang căn {_align(numbered[0].align)}, phải căn giữa")
            sizes = set().union(*(p.sizes for p in numbered)) if numbered else set()
            if sizes and not sizes <= set(nd30.PAGE_NUMBER_SIZES):
                problems.append(f"số trang cỡ {pt_text(sizes)}, cần 13–14 pt")
        self.verdict("so-trang", problems, "giữa lề trên, không có ở trang 1")
        appendices = self.doc.appendix_sections
        if not appendices:
            self.add("so-trang.phu-luc", Status.NOT_APPLICABLE, "không có phụ lục")
            return
        wrong = [f"phụ lục {i} không đánh lại từ 1" for i, s in enumerate(appendices, 1) if s.page_start != 1]
        self.verdict("so-trang.phu-luc", wrong, f"{len(appendices)} phụ lục, mỗi phụ lục từ trang 1")

    def appendices(self) -> None:
        sections = self.doc.appendix_sections
        if not sections:
            self.add("phu-luc.dau", Status.NOT_APPLICABLE, "không có phụ lục")
            self.add("phu-luc.chi-dan", Status.NOT_APPLICABLE, "không có phụ lục")
            return
        problems = []
        for index, section in enumerate(sections, 1):
            head = [p for p in section.items if isinstance(p, Para) and p.text.strip()][:3]
            label = f"Phụ lục {roman(index)}" if len(sections) > 1 else "Phụ lục"
            if not head or head[0].text.strip() != label or not head[0].bold:
                problems.append(f"phụ lục {index}: dòng đầu phải là “{label}” in đậm")
            if len(head) < 2 or not head[1].bold or head[1].text != head[1].text.upper():
                problems.append(f"phụ lục {index}: tên phụ lục phải in hoa, đậm")
            if not any(re.fullmatch(r"\(Kèm theo .+\)", p.text.strip()) and p.italic for p in head):
                problems.append(f"phụ lục {index}: thiếu dòng “(Kèm theo … số … ngày … của …)” in nghiêng")
        self.verdict("phu-luc.dau", problems, f"{len(sections)} phụ lục có đủ số, tên và dòng “Kèm theo”")
        pointer = any("phụ lục" in p.text.casefold() for p in self.doc.body)
        self.verdict(
            "phu-luc.chi-dan",
            [] if pointer else ["thân văn bản không nhắc tới phụ lục"],
            "thân văn bản có chỉ dẫn tới phụ lục",
        )

    def characters(self) -> None:
        problems = []
        for name, xml in self.reader.part_texts().items():
            if not unicodedata.is_normalized("NFC", xml):
                problems.append(f"{name} có chữ dạng tổ hợp (NFD)")
            if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml):
                problems.append(f"{name} có ký tự điều khiển")
            if BIDI_CONTROLS.search(xml):
                problems.append(f"{name} có ký tự đảo hướng chữ (bidi) làm chữ hiện khác với thật")
        self.verdict("ky-tu", problems, "NFC, không có ký tự điều khiển")


def _quote(para: Para, what: str) -> str:
    return f"“{para.text.strip()[:30]}…”: {what}"


def _align(value: str) -> str:
    return {"left": "trái", "right": "phải", "center": "giữa", "both": "đều"}.get(value, value)


def _line_spacing_ok(para: Para) -> bool:
    if para.line_rule == "auto":
        return nd30.LINE_SPACING_AUTO[0] <= para.line <= nd30.LINE_SPACING_AUTO[1]
    single = max(para.sizes or {14.0}) * 20 * 1.15  # a Times New Roman line is about 1.15 of its size
    return single <= para.line <= single * 1.5


def _line(para: Para) -> str:
    if para.line_rule == "auto":
        return f"{decimal(para.line / 240, 2)} dòng"
    return f"chính xác {decimal(para.line / 20, 1)} pt"
