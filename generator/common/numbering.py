"""Labels the tool generates, never the author: I., 1., 1.1., a), "-" and "+"."""

from __future__ import annotations

_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip

# ND30 Phụ lục I, II.6.đ: points follow the Vietnamese alphabet, which has đ and no f, j, w, z.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"


def roman(number: int) -> str:
    """``4`` → ``IV``."""
    if number < 1:
        msg = f"roman numerals start at 1, got {number}"
        raise ValueError(msg)
    out = []
    for value, symbol in _ROMAN:
        count, number = divmod(number, value)
        out.append(symbol * count)
    return "".join(out)


def from_roman(text: str) -> int | None:
    """``IV`` → ``4``; ``None`` when the text is not a canonical Roman numeral."""
    text = text.upper()
    if not text or any(ch not in "MDCLXVI" for ch in text):
        return None
    values = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
    total = 0
    for here, after in zip(text, text[1:] + " ", strict=True):
        value = values[here]
        total += -value if after != " " and values[after] > value else value
    return total if total > 0 and roman(total) == text else None


def letter(number: int) -> str:
    """``1`` → ``a``, ``5`` → ``đ``; after ``y`` the letters double (``aa``), as Word does."""
    if number < 1:
        msg = f"letters start at 1, got {number}"
        raise ValueError(msg)
    count = len(VIETNAMESE_LETTERS)
    return VIETNAMESE_LETTERS[(number - 1) % count] * ((number - 1) // count + 1)
