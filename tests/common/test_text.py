"""What happens to every string of a plan before it reaches the document."""

from __future__ import annotations

import unicodedata

import pytest
from markupsafe import Markup

from generator.common.text import clean_text, for_template, xml_text


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("  Cải cách  ", "Cải cách"),
        ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ("ngắt\x0bdòng", "ngắt\ndòng"),
        ("a\x00b\x07c\x0cd\x1fe\x7ff\x85g", "abcdefg"),
        ("thẻ\tTab", "thẻ\tTab"),
        (unicodedata.normalize("NFD", "Hòa Bình"), "Hòa Bình"),
        ("\ufeffđầu\u200bgiữa\u202ecuối", "\ufeffđầu\u200bgiữacuối"),  # bidi override removed, the rest kept
    ],
)
def test_clean_text(typed: str, printed: str):
    assert clean_text(typed) == printed
    assert unicodedata.is_normalized("NFC", clean_text(typed))


def test_xml_text_escapes_markup_and_protects_docxtpl_sequences():
    assert xml_text('a & b < c > "d"') == "a &amp; b &lt; c &gt; &quot;d&quot;"
    assert "{_{" not in xml_text("x {_{ y }_} z")


def test_only_texts_with_docxtpl_sequences_become_markup():
    assert for_template("A & B") == "A & B" and not isinstance(for_template("A & B"), Markup)
    protected = for_template("{_{ x }_}")
    assert isinstance(protected, Markup) and "&#95;" in protected


@pytest.mark.parametrize(
    "control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_bidi_overrides_and_isolates_are_removed(control: str):
    assert clean_text(f"năm {control}4202") == "năm 4202"


def test_what_clean_text_removes_is_told_apart():
    """The lint warns about control characters and bidi controls with different words."""
    from generator.common.text import has_bidi_controls, has_uncarriable, is_nfc

    assert has_uncarriable("a\x07b") and not has_uncarriable("ab") and not has_uncarriable("a\u202eb")
    assert has_bidi_controls("a\u202eb") and not has_bidi_controls("ab") and not has_bidi_controls("a\x07b")
    assert is_nfc("Hòa Bình") and not is_nfc(unicodedata.normalize("NFD", "Hòa Bình"))


def test_an_underscore_is_escaped_only_where_docxtpl_would_rewrite_it():
    assert xml_text("mã_số") == "mã_số"
    assert xml_text("{_{ x") == "{&#95;{ x"
