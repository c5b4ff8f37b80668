"""Inline emphasis in a plan's text: ``*nghiêng*``, ``**đậm**``, ``***cả hai***``, ``\\*`` for a ``*``.

Real plans print "(*nếu có*)" or "(*sau khi có hướng dẫn của Trung ương*)" in italics. The
marks are read here, in Python, into spans; the renderer writes each span as a run. They never
reach Jinja. A mark opens only before a non-space and closes only after one, so "(*)" or
"5 * 3" stay as typed. Bold may hold italics ("**đậm *và nghiêng***" is not read that way:
write "**đậm** ***và nghiêng***").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ESCAPED_STAR = "\\*"
# The rule as authors read it (JSON Schema, README's generated format reference).
HELP = (
    "Mọi giá trị kiểu văn bản có thể có chữ nghiêng *…*, chữ đậm **…**, đậm nghiêng ***…***; "
    '\\* là một dấu sao thường; giá trị bắt đầu bằng * thì đặt trong dấu nháy kép "…".'
)
_HELD = "\ue000"  # a private-use character stands for an escaped star while marks are read
# Longest mark first: "***x***" is bold italic, not "**" around "*x*".
_MARKS = (
    (re.compile(r"\*\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*\*", re.DOTALL), True, True),
    (re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*", re.DOTALL), True, False),
    (re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*", re.DOTALL), False, True),
)


@dataclass(frozen=True)
class Span:
    """A piece of text printed with one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


def has_marks(text: str) -> bool:
    """Whether the text may hold emphasis or an escaped star (cheap test before reading it)."""
    return "*" in text


def spans(text: str) -> list[Span]:
    """The text cut into spans of one emphasis each, marks and escapes removed."""
    read = _read(text.replace(ESCAPED_STAR, _HELD), False, False)
    out: list[Span] = []
    for span in read:
        span = Span(span.text.replace(_HELD, "*"), span.bold, span.italic)
        if out and (out[-1].bold, out[-1].italic) == (span.bold, span.italic):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic)
        elif span.text:
            out.append(span)
    return out or [Span("")]


def _read(held: str, bold: bool, italic: bool) -> list[Span]:
    """Spans of ``held``; what a mark encloses is read again, so that bold may hold italics."""
    out: list[Span] = []
    position = 0
    while True:
        found = [(m, b, i) for pattern, b, i in _MARKS if (m := pattern.search(held, position))]
        if not found:
            break
        # the earliest mark; at one place, the one with the most stars
        match, mark_bold, mark_italic = min(found, key=lambda f: (f[0].start(), -(f[1] + f[2])))
        out.append(Span(held[position : match.start()], bold, italic))
        inner = match.group(1)
        if mark_bold and mark_italic:
            out.append(Span(inner, True, True))
        else:
            out.extend(_read(inner, bold or mark_bold, italic or mark_italic))
        position = match.end()
    out.append(Span(held[position:], bold, italic))
    return out


def plain(text: str) -> str:
    """The text as printed, without marks (for measuring, properties and messages)."""
    if not has_marks(text):
        return text
    return "".join(span.text for span in spans(text))
