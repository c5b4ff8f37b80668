"""Line and column of a place in a plan as the author's editor shows it.

YAML counts NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) as line
breaks; Notepad and VS Code do not. Messages must point where the author looks, so positions
are computed here from the character index, with only CR LF, CR and LF ending a line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """Where each line of a text starts, to turn a character index into (line, column), from 1."""

    def __init__(self, text: str, not_breaks: frozenset[int] = frozenset()) -> None:
        # ``not_breaks``: places where a newline stands for a character the editor shows inline.
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text) if m.start() not in not_breaks)]

    def position(self, index: int) -> tuple[int, int]:
        """The 1-based line and column of the character at ``index``."""
        line = bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def line_end(self, text: str, index: int) -> int:
        """The index where the line holding ``index`` ends (before its line break)."""
        match = _BREAK.search(text, index)
        return match.start() if match else len(text)


def line_break(text: str) -> str:
    """The line break a text mostly uses (CR LF, CR or LF): what a line added to it should end with."""
    counts = {"\r\n": text.count("\r\n")}
    counts["\r"] = text.count("\r") - counts["\r\n"]
    counts["\n"] = text.count("\n") - counts["\r\n"]
    return max(counts, key=lambda kind: (counts[kind], kind == "\n"))
