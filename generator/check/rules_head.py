"""DOCX check rules for the page, the font, the national header and the title (ô 1-5a)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from generator.check.findings import Recorder, Status, mm_text, pt_text
from generator.common import nd30
from generator.common.metrics import printed_width_mm, text_width_mm, widest_line_mm
from generator.common.units import mm
from generator.docx.anatomy import Segment
from generator.docx.read import Para, w


class HeadRules(Recorder):
    """The rules measured on the first page down to the trích yếu."""

    def run(self) -> None:
        """Record every finding of this group."""
        self.page()
        self.font()
        self.header()
        self.title()

    def page(self) -> None:
        sizes, orientation, margins = [], [], []
        appendix_ids = {id(s) for s in self.doc.appendix_sections}
        for number, section in enumerate(self.reader.sections, 1):
            width, height = mm(section.width), mm(section.height)
            short, long = sorted((width, height))
            if abs(short - nd30.A4[0]) > nd30.PAGE_TOLERANCE_MM or abs(long - nd30.A4[1]) > nd30.PAGE_TOLERANCE_MM:
                sizes.append(f"phần {number}: {mm_text(width)} × {mm_text(height)}, không phải A4 (210 × 297 mm)")
            if section.landscape and id(section) not in appendix_ids:
                orientation.append(f"phần {number} khổ ngang, chỉ phụ lục mới được in ngang")
            for side in ("top", "bottom", "left", "right"):
                low, high = nd30.MARGINS_MM[side]
                value = mm(getattr(section, side))
                if not low - nd30.MARGIN_TOLERANCE_MM <= value <= high + nd30.MARGIN_TOLERANCE_MM:
                    name = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}[side]
                    margins.append(f"phần {number}: lề {name} {mm_text(value)}, cần {mm_text(low)}–{mm_text(high)}")
        count = len(self.reader.sections)
        self.verdict("trang.kho-giay", sizes, f"{count} phần, đều A4")
        self.verdict("trang.huong", orientation, "văn bản khổ dọc, phụ lục (nếu có) khổ ngang")
        self.verdict("trang.le", margins, "lề trên, dưới, trái, phải trong khoảng cho phép")

    def font(self) -> None:
        counts: Counter[str] = Counter()
        paragraphs = list(self.reader.paragraphs)
        for section in self.reader.sections:
            for story in (section.default_header, section.first_header):
                paragraphs += story.paragraphs if story else []
        for para in paragraphs:
            for run in para.visible_runs():
                counts[run.font or "không rõ"] += len(run.text)
        others = [f"{font} ({count} ký tự)" for font, count in counts.most_common() if font != nd30.FONT]
        self.verdict(
            "chu.phong",
            [f"có chữ phông {', '.join(others)}"] if others else [],
            "toàn bộ chữ là Times New Roman",
        )

    # --- header ------------------------------------------------------------------------------

    def header(self) -> None:
        self._national_title()
        self._motto()
        self._agency()
        self._number()
        self._date()

    def _national_title(self) -> None:
        piece = self.doc.national
        if piece is None:
            self.add("quoc-hieu", Status.MISSING, "không thấy dòng “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”")
            return
        problems = []
        if piece.text not in nd30.NATIONAL_TITLES:
            problems.append(f"chữ là “{piece.text}”")
        if not piece.bold:
            problems.append("không in đậm")
        if not piece.sizes <= set(nd30.NATIONAL_TITLE_SIZES) or not piece.sizes:
            problems.append(f"cỡ chữ {pt_text(piece.sizes)}, cần 12–13 pt")
        self.verdict("quoc-hieu", problems, f"đúng chữ, in hoa đậm, {pt_text(piece.sizes)}")

    def _motto(self) -> None:
        piece = self.doc.motto
        if piece is None:
            self.add("tieu-ngu", Status.MISSING, "không thấy dòng “Độc lập - Tự do - Hạnh phúc”")
            self.add("tieu-ngu.duong-ke", Status.MISSING, "không thấy Tiêu ngữ")
            return
        problems = []
        if piece.text != nd30.MOTTO:
            dashes = {c for c in piece.text if unicodedata.category(c) == "Pd" and c != "-"}
            why = (
                f"dùng dấu “{''.join(sorted(dashes))}” thay cho gạch nối “-”"
                if dashes
                else "sai chữ hoặc thiếu dấu cách"
            )
            problems.append(f"chữ là “{piece.text}”: {why}")
        if not piece.bold:
            problems.append("không in đậm")
        if not piece.sizes <= set(nd30.MOTTO_SIZES) or not piece.sizes:
            problems.append(f"cỡ chữ {pt_text(piece.sizes)}, cần 13–14 pt")
        national = self.doc.national
        if national and national.sizes and piece.sizes:
            pair = (max(national.sizes), max(piece.sizes))
            if pair not in ((12.0, 13.0), (13.0, 14.0)):
                pairing = f"Quốc hiệu {pt_text({pair[0]})} đi với Tiêu ngữ {pt_text({pair[1]})}"
                problems.append(f"{pairing}: phải là 12 với 13 hoặc 13 với 14")
        self.verdict("tieu-ngu", problems, f"đúng chữ và gạch nối, in đậm, {pt_text(piece.sizes)}")
        # Measured against the motto as ND30 writes it, so a wrong dash is one failure, not two.
        line = text_width_mm(nd30.MOTTO, max(piece.sizes or {14.0}), bold=True)
        self._rule("tieu-ngu.duong-ke", piece, (line, line), "dài bằng dòng Tiêu ngữ")

    def _rule(self, rule: str, line: Segment | Para | None, bounds: tuple[float, float], wanted: str) -> None:
        found = self.doc.rule_after(line)
        if found == "shape":
            self.add(rule, Status.UNMEASURED, "đường kẻ là hình vẽ, không đo được độ dài")
            return
        if not isinstance(found, Para):
            self.add(rule, Status.MISSING, "không thấy đường kẻ (viền dưới của đoạn văn)")
            return
        length = self.doc.container_mm(found.element) - mm(found.left + found.right)
        low, high = bounds[0] - nd30.RULE_TOLERANCE_MM, bounds[1] + nd30.RULE_TOLERANCE_MM
        measured = f"dài {mm_text(length)}, cần {mm_text(bounds[0])}" + (
            f"–{mm_text(bounds[1])}" if bounds[1] != bounds[0] else ""
        )
        self.add(rule, Status.PASS if low <= length <= high else Status.FAIL, f"{measured} ({wanted})")

    def _agency(self) -> None:
        agency, parent = self.doc.agency, self.doc.parent
        if agency is None:
            self.add("co-quan", Status.MISSING, "không thấy tên cơ quan in hoa ở đầu trang")
            self.add("co-quan.duong-ke", Status.MISSING, "không thấy tên cơ quan")
            return
        problems = []
        if not agency.bold:
            problems.append(f"“{agency.text}” không in đậm")
        if parent is not None and parent.bold:
            problems.append(f"cơ quan chủ quản “{parent.text}” in đậm (phải in đứng, không đậm)")
        sizes = agency.sizes | (parent.sizes if parent else set())
        if not sizes <= set(nd30.AGENCY_SIZES) or not sizes:
            problems.append(f"cỡ chữ {pt_text(sizes)}, cần 12–13 pt")
        self.verdict("co-quan", problems, f"in hoa, cơ quan ban hành in đậm, {pt_text(sizes)}")
        line = widest_line_mm(agency.text, max(agency.sizes or {13.0}), bold=True)
        low, high = nd30.RULE_FRACTION
        self._rule("co-quan.duong-ke", agency, (line * low, line * high), "1/3–1/2 dòng tên")

    def _number(self) -> None:
        piece = self.doc.number
        if piece is None:
            self.add("so-ky-hieu", Status.MISSING, "không thấy dòng “Số: …/…”")
            return
        problems = []
        match = re.fullmatch(r"Số:\s*(\d*)\s*/\s*(\S+)", piece.text)
        if match is None:
            problems.append(f"“{piece.text}” không theo dạng “Số: 05/KH-SYT”")
        else:
            digits, code = match.groups()
            if digits and int(digits) < 10 and len(digits) < 2:
                problems.append(f"số {digits} dưới 10 phải có số 0 đứng trước ({int(digits):02d})")
            if not re.fullmatch(r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9&]*)+", code):
                problems.append(f"ký hiệu “{code}” phải là các nhóm chữ in hoa nối bằng “-”, ví dụ KH-SYT")
        if piece.sizes and piece.sizes != {nd30.NUMBER_SIZE}:
            problems.append(f"cỡ chữ {pt_text(piece.sizes)}, cần 13 pt")
        self.verdict("so-ky-hieu", problems, f"“{piece.text}”, {pt_text(piece.sizes)}")

    def _date(self) -> None:
        piece = self.doc.date
        if piece is None:
            self.add("dia-danh-ngay", Status.MISSING, "không thấy dòng “…, ngày … tháng … năm …”")
            return
        problems = []
        match = re.fullmatch(r"(.+?), ngày\s*(\d*)\s*tháng\s*(\d*)\s*năm (\d{4})", piece.text)
        if match is None:
            problems.append(f"“{piece.text}” không theo dạng “Hòa Bình, ngày 05 tháng 01 năm 2024”")
        else:
            _, day, month, _ = match.groups()
            if day and int(day) < 10 and len(day) < 2:
                problems.append(f"ngày {day} phải viết {int(day):02d}")
            if month and int(month) <= 2 and len(month) < 2:
                problems.append(f"tháng {month} phải viết {int(month):02d}")
            if month and int(month) >= 3 and month.startswith("0"):
                problems.append(f"“tháng {month}”: tháng 3 đến 12 không có số 0 đứng trước")
        if not piece.italic:
            problems.append("không in nghiêng")
        if not piece.sizes <= set(nd30.DATE_SIZES) or not piece.sizes:
            problems.append(f"cỡ chữ {pt_text(piece.sizes)}, cần 13–14 pt")
        number = self.doc.number
        if number is not None and not _same_line(number, piece):
            problems.append("không cùng dòng với số, ký hiệu")
        self.verdict("dia-danh-ngay", problems, f"“{piece.text}”, in nghiêng, {pt_text(piece.sizes)}")

    # --- title ------------------------------------------------------------------------------

    def title(self) -> None:
        kind, title = self.doc.doc_type, self.doc.title
        if kind is None or not title:
            self.add("ten-loai-trich-yeu", Status.MISSING, "không thấy tên loại (KẾ HOẠCH…) và trích yếu")
            self.add("trich-yeu.duong-ke", Status.MISSING, "không thấy trích yếu")
            return
        problems = []
        if not kind.bold or kind.align != "center":
            problems.append(f"“{kind.text}” phải in đậm, căn giữa")
        for para in title:
            if not para.bold or para.align != "center":
                problems.append(f"trích yếu “{para.text[:40]}” phải in đậm, căn giữa")
            letters = [c for c in para.text if c.isalpha()]
            if letters and all(c.isupper() for c in letters):
                problems.append("trích yếu viết in hoa toàn bộ (phải viết chữ thường)")
        sizes = kind.sizes.union(*(p.sizes for p in title))
        if not sizes <= set(nd30.TITLE_SIZES) or not sizes:
            problems.append(f"cỡ chữ {pt_text(sizes)}, cần 13–14 pt")
        self.verdict("ten-loai-trich-yeu", problems, f"“{kind.text}”, trích yếu in đậm căn giữa")
        last = title[-1]
        # The rule goes by the longest line as printed: a long trích yếu wraps at the text width.
        page = self.reader.sections[0]
        column = mm(page.width - page.left - page.right)
        line = max(
            printed_width_mm(p.text, max(p.sizes or {14.0}), column - mm(p.left + p.right), bold=True) for p in title
        )
        low, high = nd30.RULE_FRACTION
        self._rule("trich-yeu.duong-ke", last, (line * low, line * high), "1/3–1/2 dòng trích yếu")

    # --- body --------------------------------------------------------------------------------


def _same_line(a: Segment, b: Segment) -> bool:
    if a.para.element is b.para.element:
        return True
    row_a = next(a.para.element.iterancestors(w("tr")), None)
    row_b = next(b.para.element.iterancestors(w("tr")), None)
    return row_a is not None and row_a is row_b
