"""Cleaning of user text: what every string of a plan goes through before it reaches a document."""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

# Characters XML 1.0 cannot carry (C0 controls except tab, newline and carriage return; lone
# surrogates; the two non-characters), plus DEL and the C1 controls: XML could carry those, but
# in a Vietnamese plan they only ever come from text pasted through a wrong code page.
# Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) are removed as well: no
# Vietnamese text needs them, and they make text display other than it is ("năm \u202e4202"
# shows as "năm 2024").
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_UNCARRIABLE = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")

# docxtpl rewrites these four sequences into Jinja delimiters *after* rendering, on the whole
# document, values included (docxtpl 0.20.2 ``render_xml_part``). Text that contains one must
# reach the XML with its underscore written as a character reference, which that pass ignores.
_DOCXTPL_SEQUENCES = ("{_{", "}_}", "{_%", "%_}")


def clean_text(value: str) -> str:
    """Return the text as it will appear in the document.

    Line endings become ``\\n`` (a vertical tab, Word's manual line break, too); characters XML
    cannot carry and other control characters are removed; the result is NFC and has no
    leading or trailing whitespace. Tabs and line breaks inside the text are kept: docxtpl
    writes them as ``<w:tab/>`` and ``<w:br/>``.
    """
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return carriable(text).strip()


def carriable(value: str) -> str:
    """The text NFC, without the characters :func:`clean_text` removes; spaces and breaks untouched."""
    return unicodedata.normalize("NFC", _UNCARRIABLE.sub("", value))


def has_uncarriable(value: str) -> bool:
    """Whether :func:`clean_text` would remove control characters (other than bidi ones) from the value."""
    return _UNCARRIABLE.search(BIDI_CONTROLS.sub("", value)) is not None


def has_bidi_controls(value: str) -> bool:
    """Whether the value holds bidirectional overrides or isolates, which :func:`clean_text` removes."""
    return BIDI_CONTROLS.search(value) is not None


def xml_text(value: str) -> str:
    """Escape text for a ``<w:t>`` element, safe from docxtpl's post-render rewriting."""
    # xml.sax.saxutils.escape does the same, but importing xml.sax costs 20 ms at every start.
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    if any(seq in value for seq in _DOCXTPL_SEQUENCES):
        escaped = escaped.replace("_", "&#95;")
    return escaped


def for_template(value: str) -> str | Markup:
    """Prepare a cleaned string for the Jinja context.

    Plain strings are escaped by Jinja's autoescape. Only a string holding one of docxtpl's
    escape sequences is escaped here and handed over as markup, so that its text survives.
    """
    if any(seq in value for seq in _DOCXTPL_SEQUENCES):
        return Markup(xml_text(value))
    return value


def is_nfc(value: str) -> bool:
    """Whether the text is already in the composed Unicode form (NFC)."""
    return unicodedata.is_normalized("NFC", value)


def upper_vi(value: str) -> str:
    """Capitals for a heading; Python's case mapping handles every Vietnamese letter."""
    return value.upper()
