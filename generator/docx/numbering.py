"""Word's automatic numbering: the label Word prints before a paragraph ("1.", "a)", "II.", "-").

A paragraph refers to a list (``w:numPr``: ``numId`` and level ``ilvl``), directly or through its
style; ``numbering.xml`` maps the list to an abstract definition whose levels give the format
(decimal, upperRoman, lowerLetter, bullet…), the text pattern ("%1.%2.") and the start value.
Counters follow the document order, as Word counts them: per list, a level restarts when a
higher level advances.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from generator.common.numbering import letter, roman
from generator.docx.model import w
from generator.docx.package import Package

# A bullet prints as its symbol; what matters is the level: a dash or a plus as typed, Word's
# second-level "o" as a sub-item (+), any other symbol (Symbol, Wingdings…) as a first-level one.
_BULLET_LEVELS = {"-": "-", "–": "-", "+": "+", "o": "+", "\uf02d": "-"}
MAX_LEVELS = 9


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _List:
    levels: dict[int, _Level] = field(default_factory=dict)
    counters: list[int] = field(default_factory=lambda: [0] * MAX_LEVELS)


class ListLabels:
    """Labels of automatically numbered paragraphs, computed in document order."""

    def __init__(self, package: Package, styles: dict[str, etree._Element]) -> None:
        self.styles = styles
        self.lists: dict[str, _List] = {}
        self._by_style: dict[str | None, etree._Element | None] = {}
        name = package.part_by_type("/numbering")
        if name and name in package.names:
            self._load(package.xml(name))

    def _load(self, root: etree._Element) -> None:
        abstracts: dict[str, dict[int, _Level]] = {}
        for abstract in root.iter(w("abstractNum")):
            abstracts[abstract.get(w("abstractNumId"), "")] = {
                int(level.get(w("ilvl"), "0")): _level(level) for level in abstract.iter(w("lvl"))
            }
        for num in root.iter(w("num")):
            ref = num.find(w("abstractNumId"))
            levels = dict(abstracts.get(ref.get(w("val"), "") if ref is not None else "", {}))
            for override in num.iter(w("lvlOverride")):
                ilvl = int(override.get(w("ilvl"), "0"))
                level = override.find(w("lvl"))
                base = _level(level) if level is not None else _Level(**vars(levels.get(ilvl, _Level())))
                start = override.find(w("startOverride"))
                if start is not None:
                    base.start = _int(start.get(w("val")), 1)
                levels[ilvl] = base
            self.lists[num.get(w("numId"), "")] = _List(levels)

    def _style_numbering(self, style_id: str | None) -> etree._Element | None:
        """The ``w:numPr`` a paragraph style (or one it is based on) gives (cached per style)."""
        if style_id in self._by_style:
            return self._by_style[style_id]
        found, seen, current = None, set(), style_id
        while found is None and current and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            found = style.find(f"{w('pPr')}/{w('numPr')}")
            based = style.find(w("basedOn"))
            current = based.get(w("val")) if based is not None else None
        self._by_style[style_id] = found
        return found

    def _numbering_of(self, paragraph: etree._Element, style_id: str | None) -> tuple[str, int] | None:
        ppr = paragraph.find(w("pPr"))
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is None:
            num_pr = self._style_numbering(style_id)
        if num_pr is None:
            return None
        num_id = num_pr.find(w("numId"))
        ilvl = num_pr.find(w("ilvl"))
        if num_id is None or num_id.get(w("val"), "0") == "0":  # numId 0: numbering removed
            return None
        return num_id.get(w("val"), ""), min(_int(ilvl.get(w("val")) if ilvl is not None else "0", 0), 8)

    def label(self, paragraph: etree._Element, style_id: str | None) -> str | None:
        """The label Word prints before this paragraph, or None; call once per paragraph, in order."""
        found = self._numbering_of(paragraph, style_id)
        if found is None or found[0] not in self.lists:
            return None
        instance = self.lists[found[0]]
        ilvl = found[1]
        level = instance.levels.get(ilvl, _Level())
        counters = instance.counters
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else level.start
        for deeper in range(ilvl + 1, MAX_LEVELS):
            counters[deeper] = 0
        if level.fmt == "bullet":
            return _BULLET_LEVELS.get(level.text.strip(), "•")
        if level.fmt == "none":
            return None
        text = level.text
        for index in range(ilvl + 1):
            value = counters[index] or instance.levels.get(index, _Level()).start
            fmt = instance.levels.get(index, _Level()).fmt
            text = text.replace(f"%{index + 1}", _format(value, fmt))
        return text.strip() or None


def _level(element: etree._Element) -> _Level:
    fmt = element.find(w("numFmt"))
    text = element.find(w("lvlText"))
    start = element.find(w("start"))
    return _Level(
        fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
        text.get(w("val"), "") if text is not None else "",
        _int(start.get(w("val")) if start is not None else None, 1),
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _format(value: int, fmt: str) -> str:
    if value < 1:
        return str(value)
    if fmt in ("upperRoman", "lowerRoman"):
        text = roman(value)
        return text if fmt == "upperRoman" else text.lower()
    if fmt in ("lowerLetter", "upperLetter"):
        text = letter(value)
        return text if fmt == "lowerLetter" else text.upper()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)
