"""The seven reform areas: their codes, their titles, and how provinces write them.

Plans write an area as a code (``procedures``). A secretary may type its Vietnamese title
instead ("Cải cách thủ tục hành chính", "Cải cách TTHC", "Chính quyền số"), and a Word document
read by ``kehoach import`` titles its sections in each province's own words: both are
recognised here, from the words that name each area.
"""

from __future__ import annotations

import re
import unicodedata

AREA_TITLES: dict[str, str] = {
    "direction": "Công tác chỉ đạo, điều hành",
    "institutions": "Cải cách thể chế",
    "procedures": "Cải cách thủ tục hành chính",
    "apparatus": "Cải cách tổ chức bộ máy hành chính nhà nước",
    "civil_service": "Cải cách chế độ công vụ",
    "public_finance": "Cải cách tài chính công",
    "digital_government": "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
}

# Short meanings, for messages that list the codes.
AREA_MEANINGS: dict[str, str] = {
    "direction": "chỉ đạo, điều hành",
    "institutions": "thể chế",
    "procedures": "thủ tục hành chính",
    "apparatus": "tổ chức bộ máy",
    "civil_service": "công vụ, công chức",
    "public_finance": "tài chính công",
    "digital_government": "chính quyền điện tử, chính quyền số",
}

# Words that name each area, without diacritics, in the order they are tried: the more
# specific first ("tổ chức bộ máy" before anything with "tổ chức").
_WORDS: tuple[tuple[str, str], ...] = (
    ("digital_government",
     r"chinh (?:quyen|phu) (?:dien tu|so)|hien dai hoa hanh chinh|chuyen doi so|cong nghe thong tin"),
    ("procedures", r"thu tuc hanh chinh|\btthc\b|mot cua"),
    ("institutions", r"the che|van ban quy pham"),
    ("apparatus", r"bo may"),
    ("civil_service", r"cong vu|cong chuc|\bcbcc|\bcbccvc|doi ngu can bo|doi ngu"),
    ("public_finance", r"tai chinh cong|tai chinh"),
    ("direction", r"chi dao|dieu hanh"),
)  # fmt: skip


def plain(text: str) -> str:
    """Lower case without diacritics ("Cải cách TTHC" → "cai cach tthc"), đ as d."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def area_of(title: str) -> str | None:
    """The area a title names, or None when it names none (or is not about one area)."""
    text = plain(title)
    for key, words in _WORDS:
        if re.search(words, text):
            return key
    return None


def area_code(value: object) -> object:
    """A code as it is; a Vietnamese title or short form as its code; anything else unchanged."""
    if not isinstance(value, str) or value in AREA_TITLES:
        return value
    key = area_of(value)
    return key if key is not None and len(plain(value)) >= 4 else value
