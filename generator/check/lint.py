"""Warnings about a valid plan: what real plans get wrong and the schema cannot see.

Each warning names the line and key, says what is wrong and why. ``kehoach check`` prints them
(exit 0); with ``--strict`` they are errors, as in CI.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import unicodedata

from generator.check.waivers import Waived, declared, malformed
from generator.common.errors import Problem, Severity
from generator.common.nd30 import DOCUMENT_TYPES
from generator.common.text import clean_text, has_bidi_controls, has_uncarriable
from generator.plan.appendix_schema import Row
from generator.plan.dates import PlanDate
from generator.plan.prose import REVIEW_MARKER, iter_texts
from generator.plan.schema import AREA_TITLES, AreaSection, Plan, UnitSection
from generator.plan.validate import LoadedPlan
from generator.plan.yamlload import KeyPath, format_path
from generator.plan.years import Kind, find_years

_REVIEW = re.compile(r"#\s*" + REVIEW_MARKER + r"\b")

_CURLY_WRAPPED = (
    "cả đoạn văn nằm trong dấu nháy cong “…” (thường do chép từ Word) nên sẽ in cả hai dấu nháy. "
    'Nếu không muốn in chúng, hãy bỏ đi hoặc thay bằng dấu nháy kép thẳng "…".'
)
# The Sở's list of its own units, shared by every plan of a folder.
UNITS_FILE = "don-vi.txt"
# Letters legacy Vietnamese encodings leave behind when their text is shown as Unicode.
_TCVN3 = re.compile("[¸¹µ¶·©ª«¬®»¼½¾ÆÇËÎÏÐÑ×ØÛÜÞßæçëîïñö÷øûüþÿ]")  # TCVN3 (ABC) bytes read as Latin-1
_VNI = re.compile("[aeiouyöôAEIOUYÖÔ][äøõûöùòóåëï]|ñ[aeiou]")  # VNI: a vowel followed by its mark byte
# Words that start the name of a unit, to find the names written in prose.
_UNIT_START = re.compile(r"\b(?:Văn phòng|Phòng|Thanh tra|Trung tâm|Chi cục|Ban|Bệnh viện|Bộ phận)\b")
_UTF8_AS_1252 = re.compile("Ã[¡-¿]|á»|Æ°|Ä‘")  # UTF-8 read through Windows-1252
_PLACEHOLDER = re.compile(
    r"\b(?:TODO|FIXME|XXX)\b|(?:số|ngày|tháng|năm)\s*(?:…|\.{3})|(?:…|\.{3})\s*/|/\s*(?:…|\.{3})|^\s*(?:…|\.{3})\s*$",
    re.IGNORECASE,
)


# Each rule's code, shown in its warnings and used to waive one: "# kehoach: bỏ qua don-vi - lý do".
RULES = {
    "loader_notes": "ky-tu", "issue_date": "ngay-ban-hanh", "stray_years": "nam-sot", "stale_basis": "can-cu-cu",
    "passed_periods": "giai-doan-qua", "deadlines": "thoi-han", "review_markers": "xem-lai",
    "placeholders": "cho-trong", "recipients": "noi-nhan", "unit_typos": "don-vi", "empty_areas": "linh-vuc",
    "incomplete_rows": "nhiem-vu-thieu", "encodings": "ma-chu", "document_type": "ten-loai",
}  # fmt: skip


def lint_plan(loaded: LoadedPlan) -> list[Problem]:
    """Every warning for a valid plan that is not waived, in file order."""
    return lint_report(loaded)[0]


def lint_report(loaded: LoadedPlan) -> tuple[list[Problem], list[Waived]]:
    """The warnings of a plan, and those waived by a ``# kehoach: bỏ qua <mã> - <lý do>`` comment
    on the warning's line or the line above it (as linters' noqa). A waiver without a reason, or
    naming no rule, is itself a warning."""
    linter = _Linter(loaded)
    for name, code in RULES.items():
        linter.rule = code
        getattr(linter, name)()
    found = sorted(dict.fromkeys(linter.found), key=lambda p: (p.line, p.column))
    waivers = declared(loaded, set(RULES.values()))
    kept: list[Problem] = []
    waived: list[Waived] = []
    for warning in found:
        reason = waivers.get((warning.line, warning.rule)) or waivers.get((warning.line - 1, warning.rule))
        if warning.rule and reason:
            waived.append(Waived(warning, reason))
        else:
            kept.append(warning)
    kept += malformed(loaded, set(RULES.values()))
    return sorted(kept, key=lambda p: (p.line, p.column)), waived


class _Linter:
    def __init__(self, loaded: LoadedPlan) -> None:
        self.loaded = loaded
        self.plan: Plan = loaded.plan
        self.source = loaded.source
        self.texts = list(iter_texts(self.source.data))
        self.found: list[Problem] = []
        self.rule = ""

    def warn(self, path: KeyPath, message: str, *, line: int | None = None) -> None:
        mark = self.source.mark_for(path)
        self.found.append(
            Problem(
                self.source.file,
                line or mark.line,
                1 if line else mark.column,
                format_path(path),
                message,
                Severity.WARNING,
                self.rule,
            )
        )

    def loader_notes(self) -> None:
        self.found.extend(dataclasses.replace(note, rule=self.rule) for note in self.source.notes)

    def issue_date(self) -> None:
        """A plan is issued in the last months before its year or during it; "06/01/2025" for 2026
        is almost always last year's date left unchanged."""
        date, year = self.plan.date, self.plan.year
        issued = (date.year, date.month or 12)
        if issued < (year - 1, 10):
            self.warn(("date",), f"ngày ban hành “{date.as_yaml()}” sớm hơn năm kế hoạch {year} quá nhiều (kế hoạch "
                      f"thường ban hành từ tháng 10 năm {year - 1}): có thể còn sót năm của kế hoạch cũ.")  # fmt: skip
        elif date.year > year:
            self.warn(("date",), f"ngày ban hành “{date.as_yaml()}” sau năm kế hoạch {year}: hãy kiểm tra lại năm.")

    def stray_years(self) -> None:
        year = self.plan.year
        allowed = {year, year - 1, self.plan.date.year}
        for path, text in self.texts:
            if path[-1] == "deadline":
                continue  # deadlines have their own rule
            for found in find_years(text):
                if found.kind in (Kind.CITATION, Kind.STANDARD, Kind.PERIOD, Kind.TARGET):
                    continue
                if found.year in allowed:
                    continue
                if found.kind is Kind.YEAR and found.year == year + 1:
                    continue  # "Kế hoạch … năm sau": next year's plan is named in this one
                snippet = text[found.start : found.end]
                msg = (
                    f"“{snippet}”: {found.year} không phải năm kế hoạch ({year}) hay năm trước ({year - 1}), "
                    "cũng không thuộc trích dẫn văn bản hay giai đoạn: có thể còn sót từ kế hoạch cũ."
                )
                self.warn(path, msg)

    def stale_basis(self) -> None:
        """An opening that still cites last cycle's plan: the markers of ``new`` may have been deleted
        without the text being fixed, so the text itself is read."""
        year = self.plan.year
        for path, text in self.texts:
            if path[0] != "opening":
                continue
            for found in find_years(text):
                if found.kind is not Kind.CITATION:
                    continue
                snippet = text[found.start : found.end]
                about = [int(y) for y in re.findall(r"\bnăm\s+((?:19|20)\d{2})\b", snippet, re.IGNORECASE)]
                is_plan = re.search(r"/KH-", snippet) is not None
                dated = found.years[-1] if not about else None
                if any(y < year for y in about) or (is_plan and dated is not None and dated < year - 1):
                    cited = snippet.split(" của ")[0].split(" về ")[0].strip(" ,")
                    when = f"năm {min(about)}" if about else f"năm {dated}"
                    msg = (
                        f"đoạn mở đầu dẫn “{cited}” ({when}) cho kế hoạch năm {year}: có thể còn sót từ kế hoạch "
                        "cũ. Hãy dẫn văn bản của năm nay."
                    )
                    self.warn(path, msg)

    def passed_periods(self) -> None:
        year = self.plan.year
        for path, text in self.texts:
            for found in find_years(text):
                snippet = text[found.start : found.end]
                if found.kind is Kind.PERIOD and found.years[-1] < year:
                    self.warn(path, f"giai đoạn “{snippet}” đã kết thúc trước năm kế hoạch {year}: có thể còn sót "
                              "từ kế hoạch cũ.")  # fmt: skip
                elif found.kind is Kind.TARGET and found.year < year:
                    self.warn(path, f"mốc “{snippet}” đã qua so với năm kế hoạch {year}: có thể sót từ kế hoạch cũ.")

    def deadlines(self) -> None:
        issued = self.plan.date
        for a, appendix in enumerate(self.plan.appendices):
            for g, group in enumerate(appendix.groups):
                rows: list[tuple[KeyPath, Row]] = [(("groups", g, "rows", r), row) for r, row in enumerate(group.rows)]
                rows += [
                    (("groups", g, "groups", s, "rows", r), row)
                    for s, sub in enumerate(group.groups)
                    for r, row in enumerate(sub.rows)
                ]
                for where, row in rows:
                    for cell, deadline in row.cells("deadline"):
                        if deadline:
                            self._deadline(("appendices", a, *where, *cell), deadline, issued)
        for path, text in self.texts:
            for match in re.finditer(r"\btrước ngày\s+(\d{1,2}/\d{1,2}/\d{4})", text, re.IGNORECASE):
                self._deadline(path, match.group(1), issued)

    def _deadline(self, path: KeyPath, text: str, issued: PlanDate) -> None:
        for found in find_years(text):
            if not found.kind.movable:
                continue
            if found.year != self.plan.year:
                self.warn(path, f"thời hạn “{text}” không nằm trong năm kế hoạch {self.plan.year}.")
                return
            end_month = found.month or 12
            if found.kind is Kind.MONTH:
                end_month = int(re.findall(r"\d{1,2}", text[found.start : found.end])[0])
            issue = (issued.year, issued.month or 1, issued.day or 1)
            if found.kind in (Kind.DATE, Kind.MONTH) and (found.year, end_month, found.day or 31) < issue:
                self.warn(path, f"thời hạn “{text}” sớm hơn ngày ban hành kế hoạch ({issued.words()}).")
                return

    def review_markers(self) -> None:
        try:
            lines = self.loaded.path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError):
            return
        for number, line in enumerate(lines, 1):
            match = _REVIEW.search(line)
            if match:
                note = line[match.end() :].strip(" :").rstrip(".?!")
                self.found.append(Problem(self.source.file, number, match.start() + 1, "",
                                          f"còn dấu “{REVIEW_MARKER}” do kehoach new hoặc import để lại: {note}. "
                                          "Xem lại dòng này rồi xóa chú thích.", Severity.WARNING,
                                          self.rule))  # fmt: skip

    def placeholders(self) -> None:
        for path, text in self.texts:
            match = _PLACEHOLDER.search(text)
            if match:
                self.warn(path, f"còn chỗ để trống “{match.group().strip()}” chưa điền.")

    def recipients(self) -> None:
        seen: dict[str, int] = {}
        for index, entry in enumerate(self.plan.recipients):
            name = entry if isinstance(entry, str) else entry.name
            key = re.sub(r"\s*\(.*?\)\s*", " ", name).casefold().strip(" ;.")
            if key in seen:
                first = self.source.mark_for(("recipients", seen[key])).line
                self.warn(("recipients", index), f"“{name}” đã có trong Nơi nhận (dòng {first}).")
            seen.setdefault(key, index)
        archive = self.plan.archive or ""
        if not re.match(r"^\s*(?:Lưu\s*:?\s*)?VT\b", archive, re.IGNORECASE):
            self.warn(("archive",) if self.plan.archive else ("recipients",),
                      "Nơi nhận phải kết thúc bằng dòng “Lưu: VT, <đơn vị soạn thảo>.” (Nghị định 30, Phụ lục I, "
                      "II.9.d): hãy ghi archive: VT, TCHC.")  # fmt: skip

    def unit_typos(self) -> None:
        everything = " ".join(text for _, text in self.texts).casefold()
        named: list[tuple[KeyPath, str]] = []
        for path, text in self.texts:
            if path and path[0] == "appendices" and any(step in ("lead", "partners") for step in path):
                named += [(path, unit.strip(" .")) for unit in text.split(";") if unit.strip(" .")]
        known = self._known_units()
        if known:  # the Sở's own list: a name is right when it is on it, a typo when it is close to one
            listed = {unit.casefold() for unit in known}
            for path, unit in named:
                if unit.casefold() not in listed and len(unit.split()) <= 6:
                    close = next((k for k in known if _alike(unit, k) and not _same_words(unit, k)), None)
                    if close:
                        self.warn(path, f"đơn vị “{unit}” không có trong danh sách đơn vị và gần giống “{close}”: "
                                  "có thể gõ nhầm.")  # fmt: skip
            return
        names = sorted({unit for _, unit in named} | self._other_units() | self._prose_units())
        # Decided once per distinct name: an appendix repeats the same few units thousands of times.
        verdicts: dict[str, str | None] = {}
        for path, unit in named:
            if unit not in verdicts:
                verdicts[unit] = self._likely_typo_of(unit, names, everything)
            if verdicts[unit]:
                self.warn(path, f"đơn vị “{unit}” chỉ xuất hiện ở đây và gần giống “{verdicts[unit]}”: có thể gõ nhầm.")

    def _known_units(self) -> list[str]:
        """The plan's ``units`` and the shared list ``don-vi.txt`` beside it (one name a line, # comments)."""
        known = list(self.plan.units)
        shared = self.loaded.path.parent / UNITS_FILE
        try:
            lines = shared.read_text(encoding="utf-8-sig").splitlines() if shared.is_file() else []
        except (OSError, UnicodeDecodeError):
            lines = []
        known += [clean_text(line.split("#")[0]) for line in lines if clean_text(line.split("#")[0])]
        return known

    @staticmethod
    def _likely_typo_of(unit: str, names: list[str], everything: str) -> str | None:
        if len(unit.split()) > 6 or everything.count(unit.casefold()) > 1:
            return None  # a description rather than a name, or used elsewhere too
        similar = (other for other in names if not _same_words(unit, other) and _alike(unit, other))
        return next(similar, None)

    def _prose_units(self) -> set[str]:
        """Unit names written in sentences: "Phòng Tổ chức cán bộ" and its first 2-6 words."""
        found: set[str] = set()
        for _, text in self.texts:
            for match in _UNIT_START.finditer(text):
                words = re.split(r"[\s,;.()]+", text[match.start() :])[:6]
                found.update(" ".join(words[:n]) for n in range(2, len(words) + 1))
        return found

    def _other_units(self) -> set[str]:
        units = set()
        for part in self.plan.parts:
            for section in part.sections:
                if isinstance(section, UnitSection):
                    units.add(section.unit)
                units.update(unit for target in getattr(section, "targets", []) for unit in target.units)
        return units

    def empty_areas(self) -> None:
        present: dict[str, tuple[KeyPath, bool]] = {}
        for p, part in enumerate(self.plan.parts):
            for s, section in enumerate(part.sections):
                if isinstance(section, AreaSection):
                    filled = bool(section.items or section.text or section.subsections or section.points)
                    present[section.area] = (("parts", p, "sections", s), filled)
        for key, title in AREA_TITLES.items():
            if key not in present:
                if not self.plan.thematic:  # a thematic plan (PCI, PAPI…) is not organised by area
                    self.warn(
                        ("parts",), f"chưa có lĩnh vực “{title}” (area: {key}) trong bảy lĩnh vực cải cách hành chính."
                    )
            elif not present[key][1]:
                self.warn(present[key][0], f"lĩnh vực “{title}” chưa có nội dung.")

    def incomplete_rows(self) -> None:
        for a, appendix in enumerate(self.plan.appendices):
            for g, group in enumerate(appendix.groups):
                subs = [(("groups", g), group.rows)] + [
                    (("groups", g, "groups", s), sub.rows) for s, sub in enumerate(group.groups)
                ]
                for where, rows in subs:
                    for r, row in enumerate(rows):
                        if (row.number or "").casefold() == "none":
                            continue  # an unnumbered row is a note between tasks, not a task
                        missing = [
                            name
                            for name, field in (("chủ trì", "lead"), ("thời hạn", "deadline"))
                            if not any(row.values(field))
                        ]
                        if missing:
                            self.warn(
                                ("appendices", a, *where, "rows", r),
                                f"nhiệm vụ “{_quoted(row.task)}” chưa có {' và '.join(missing)}.",
                            )

    def encodings(self) -> None:
        for path, text in self.texts:
            if not unicodedata.is_normalized("NFC", text):
                msg = (
                    "chữ ở dạng Unicode tổ hợp (NFD), thường do chép từ máy Mac hay PDF; công cụ đã tự chuyển "
                    "sang dạng dựng sẵn (NFC) nhưng nên gõ lại để tìm kiếm được."
                )
                self.warn(path, msg)
            if has_uncarriable(text):
                self.warn(path, "có ký tự điều khiển vô hình (thường do dán từ Word hoặc PDF); công cụ đã bỏ đi, "
                          "nên xem lại đoạn văn này.")  # fmt: skip
            if re.fullmatch(r"\s*[“‘«].*[”’»]\s*", text, re.DOTALL):
                self.warn(path, _CURLY_WRAPPED)
            if has_bidi_controls(text):
                self.warn(path, "có ký tự đảo hướng chữ vô hình (U+202A-U+202E, U+2066-U+2069) làm chữ hiện khác với "
                          "thật, ví dụ số năm bị đọc ngược; công cụ đã bỏ đi, hãy gõ lại đoạn văn này.")  # fmt: skip
            # VNI first: its mark bytes are Latin-1 letters that TCVN3 also produces.
            if len(_VNI.findall(text)) >= 2:
                self.warn(path, "có ký tự lạ kiểu “Coäng hoøa”: văn bản được dán từ tệp dùng bảng mã VNI "
                          "(phông VNI-…). Hãy chuyển mã sang Unicode (ví dụ bằng Unikey) rồi dán lại.")  # fmt: skip
            elif len(_TCVN3.findall(text)) >= 2:
                self.warn(path, "có ký tự lạ kiểu “Céng hßa”: văn bản được dán từ tệp dùng bảng mã TCVN3 (ABC, "
                          "phông .Vn…). Hãy chuyển mã sang Unicode (ví dụ bằng Unikey) rồi dán lại.")  # fmt: skip
            elif _UTF8_AS_1252.search(text):
                self.warn(path, "có ký tự lạ kiểu “Cá»™ng”: văn bản Unicode đã bị đọc sai bảng mã ở đâu đó; hãy chép "
                          "lại từ bản gốc.")  # fmt: skip

    def document_type(self) -> None:
        kind = self.plan.document.type.strip().casefold()
        code = self.plan.document.code
        if kind not in DOCUMENT_TYPES:
            self.warn(("document", "type"), f"“{self.plan.document.type}” không có trong danh mục tên loại văn bản "
                      "hành chính của Nghị định 30 (Phụ lục III).")  # fmt: skip
        elif DOCUMENT_TYPES[kind] != code:
            self.warn(("document", "code"), f"chữ viết tắt của “{self.plan.document.type}” theo Nghị định 30 "
                      f"(Phụ lục III) là “{DOCUMENT_TYPES[kind]}”, không phải “{code}”.")  # fmt: skip


def _quoted(text: str, limit: int = 60) -> str:
    """A long text shortened for a message: cut at a word, ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return (cut[: cut.rindex(" ")] if " " in cut else cut).rstrip(" ,;:.") + "…"


def _same_words(a: str, b: str) -> bool:
    """One name is the other, or its first words ("Văn phòng" of "Văn phòng Sở")."""
    wa, wb = a.casefold().split(), b.casefold().split()
    shorter = min(len(wa), len(wb))
    return wa[:shorter] == wb[:shorter]


def _initials(words: list[str]) -> str:
    return "".join(unicodedata.normalize("NFD", w)[0].upper() for w in words if w)


def _alike(a: str, b: str) -> bool:
    """Two unit names that are probably the same unit written differently.

    Names that differ by whole words after the same start ("Phòng Nghiệp vụ Dược" and "Phòng
    Nghiệp vụ Y") are different units, not a typo: every Sở Y tế has both.
    """
    wa, wb = a.split(), b.split()
    common = 0
    while common < min(len(wa), len(wb)) and wa[common].casefold() == wb[common].casefold():
        common += 1
    rest_a, rest_b = wa[common:], wb[common:]
    for short, long in ((rest_a, rest_b), (rest_b, rest_a)):
        if len(short) == 1 and short[0].isupper() and len(long) >= 2 and _initials(long) == short[0]:
            return True  # an abbreviation: "Phòng TCCB" for "Phòng Tổ chức cán bộ"
    rest = (" ".join(rest_a).casefold(), " ".join(rest_b).casefold())
    if common and all(rest) and difflib.SequenceMatcher(None, *rest).ratio() < 0.5:
        return False
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= 0.8
