"""Roman numerals and Vietnamese point letters."""

from __future__ import annotations

import pytest

from generator.common.numbering import from_roman, letter, roman


@pytest.mark.parametrize(
    ("number", "text"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1994, "MCMXCIV")]
)
def test_roman_round_trips(number: int, text: str):
    assert roman(number) == text
    assert from_roman(text) == number


def test_non_canonical_roman_is_not_a_number():
    assert from_roman("IIII") is None
    assert from_roman("IC") is None
    assert from_roman("") is None
    assert from_roman("Lưu") is None


def test_points_follow_the_vietnamese_alphabet():
    assert [letter(i) for i in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert letter(23) == "y" and letter(24) == "aa"


def test_numbering_starts_at_one():
    with pytest.raises(ValueError, match="start at 1"):
        roman(0)
    with pytest.raises(ValueError, match="start at 1"):
        letter(0)


@pytest.mark.parametrize(
    ("text", "value"),
    [("MDCLXVI", 1666), ("CD", 400), ("XC", 90), ("IV", 4), ("II", 2), ("MCMXCIX", 1999), ("DCCC", 800)],
)
def test_every_roman_letter_counts_its_own_value(text: str, value: int):
    assert from_roman(text) == value


@pytest.mark.parametrize("text", ["", "IIII", "VV", "IM", "XXMDCLXVIXX", "ABC"])
def test_what_is_not_a_canonical_roman_numeral_is_none(text: str):
    assert from_roman(text) is None
