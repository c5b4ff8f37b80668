"""Field types shared by the plan schema: text, numbers, years, dates, units, keys.

Every scalar reaches the schema as text (see :mod:`generator.plan.yamlload`); these types say what
a text must look like and turn it into a value, with a Vietnamese message when it cannot.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from generator.common.text import clean_text
from generator.plan.areas import AREA_TITLES, area_code
from generator.plan.dates import FORMS, PlanDate
from generator.plan.model import Before, Constraints, FieldError, JsonSchema, Plain
from generator.plan.years import FIRST_YEAR, LAST_YEAR


def _clean(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


# Text a reader sees: cleaned (NFC, no control characters, trimmed) and never empty.
Text = Annotated[str, Before(_clean), Constraints(min_length=1)]


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


# One unit or several: "Văn phòng Sở" or [Văn phòng Sở, Thanh tra Sở].
Units = Annotated[
    list[Text],
    Before(_as_list),
    JsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ]
        }
    ),
]

# A stable identifier typed by the author: lower-case letters, digits and dashes.
Slug = Annotated[str, Constraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=40)]

# An abbreviation inside a ký hiệu (KH, SYT, UBND, TCHC): capitals, digits, Đ and &.
Code = Annotated[
    str,
    Before(_clean),
    Constraints(pattern=r"^[A-ZĐ0-9][A-ZĐa-zđ0-9&]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9&]*)*$"),
]


def _error(message: str, kind: str) -> FieldError:
    """A validation error whose message is already the Vietnamese text the user reads."""
    return FieldError(kind, message)


# More digits than any document number or year has; far below int()'s own limit.
_MAX_DIGITS = 12


def _digits(value: Any, what: str, example: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, str):
        msg = f"{what} phải là một số, ví dụ {example}."
        raise _error(msg, "not_a_number")
    text = value.strip()
    if re.fullmatch(r"\d+", text):
        if len(text) > _MAX_DIGITS:  # int() itself refuses 4,300 digits, in English
            msg = f"{what} quá dài ({len(text)} chữ số); hãy kiểm tra lại, ví dụ {example}."
            raise _error(msg, "number_too_long")
        return int(text)
    hint = ""
    if re.fullmatch(r"[\dOoIl]+", text):
        hint = " (có chữ O hoặc chữ l gõ nhầm thay cho số 0 hoặc số 1?)"
    msg = f"{what} phải là một số, ví dụ {example}; “{text}” không phải là số{hint}."
    raise _error(msg, "not_a_number")


def _document_number(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _digits(value, "số văn bản", "05 hoặc 125")
    if number < 1:
        msg = "số văn bản bắt đầu từ 01."
        raise _error(msg, "number_range")
    return number


# The number of the document in the agency's yearly series; empty while it is a draft.
DocumentNumber = Annotated[
    int | None,
    Plain(_document_number),
    JsonSchema({"type": ["integer", "string", "null"], "pattern": r"^\d*$"}),
]


def _year(value: Any) -> int:
    year = _digits(value, "năm", "2025")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        msg = f"năm {year} không hợp lệ; hãy viết 4 chữ số, ví dụ 2025."
        raise _error(msg, "year_range")
    return year


Year = Annotated[
    int,
    Plain(_year),
    JsonSchema({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}),
]


def _plan_date(value: Any) -> PlanDate:
    if isinstance(value, PlanDate):
        return value
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        msg = f"cần một ngày viết theo dạng {FORMS}."
        raise _error(msg, "date_form")
    try:
        return PlanDate.parse(value)
    except ValueError as exc:
        raise _error(str(exc), "date_value") from None


IssueDate = Annotated[
    PlanDate,
    Plain(_plan_date),
    JsonSchema({"type": ["string", "integer"], "examples": ["05/01/2024", "01/2024", "2024"]}),
]


def _schema_version(value: Any) -> int:
    version = _digits(value, "phiên bản định dạng", "1")
    if version != 1:
        msg = (
            f"tệp dùng định dạng phiên bản {version}, công cụ này đọc phiên bản 1. "
            "Hãy cập nhật kehoach hoặc sửa thành “schema: 1”."
        )
        raise _error(msg, "schema_version")
    return version


SchemaVersion = Annotated[int, Plain(_schema_version), JsonSchema({"const": 1})]

_AUTHORITIES = {"KT": "KT.", "TM": "TM.", "TL": "TL.", "TUQ": "TUQ.", "Q": "Q."}


def _authority(value: Any) -> Any:
    if isinstance(value, str):
        key = value.strip().rstrip(".").upper()
        return _AUTHORITIES.get(key, value)
    return value


# ND30 Phụ lục I, II.7.b: thẩm quyền ký.
Authority = Annotated[Literal["KT.", "TM.", "TL.", "TUQ.", "Q."], Before(_authority)]

Marker = Literal["-", "+", "none"]

# A code, or the area's Vietnamese title or a short form of it ("Chính quyền số", "Cải cách TTHC").
AreaKey = Annotated[
    Literal[
        "direction",
        "institutions",
        "procedures",
        "apparatus",
        "civil_service",
        "public_finance",
        "digital_government",
    ],
    Before(area_code),
    JsonSchema(
        {
            "anyOf": [
                {"enum": list(AREA_TITLES)},
                {"type": "string", "description": "hoặc tên lĩnh vực, ví dụ “Chính quyền số”, “Cải cách TTHC”"},
            ]
        }
    ),
]
