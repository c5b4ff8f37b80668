"""Safe, located loading of a YAML plan: values plus the line and column of every key and value.

Every scalar is read as text. YAML 1.1 would otherwise turn ``number: 05`` into the integer 5,
``no`` into ``False`` and ``2024-02-30`` into an exception; the schema decides what a text
means and says so in Vietnamese when it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from generator.common.errors import PlanError, Problem, Severity, display_path, unreadable
from generator.common.vnformat import grouped, megabytes
from generator.plan.lines import LineIndex
from generator.plan.yamlerrors import TAB_MESSAGE, decode, syntax_problem

# A plan is a few dozen kilobytes; the largest real one with a 3,000-row appendix is about
# 1 MB. Refusing bigger files up front keeps time and memory bounded whatever is pasted.
MAX_BYTES = 4 * 1024 * 1024
# Real plans nest about eight levels deep; this only stops pathological input.
MAX_DEPTH = 64
# Keys and values together. A 10,000-row appendix has about 130,000; the largest real plan
# has a few thousand rows. Past this, work and messages would grow without bound.
MAX_NODES = 150_000
_SHOWN_REPEATS = 3
_CORE_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

try:  # libyaml's parser is about ten times faster than the pure-Python one.
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment,unused-ignore]
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

KeyPath = tuple[str | int, ...]


class Mark(NamedTuple):
    """A 1-based position in the file (a tuple: one is made for every key and value)."""

    line: int
    column: int


class ScalarSpan(NamedTuple):
    """A scalar's place in the text: character offsets, its style ("", '"', "'", "|", ">")."""

    start: int
    end: int
    style: str
    value: str


@dataclass
class LoadedYaml:
    """A parsed YAML document with the position of everything in it."""

    file: str  # the path as shown in messages
    data: Any
    value_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    key_marks: dict[KeyPath, Mark] = field(default_factory=dict)
    # Problems that leave the document readable (duplicate keys, anchors, tags): reported
    # together with the schema's, so the author sees everything in one run.
    problems: list[Problem] = field(default_factory=list)
    # Things the loader repaired and the author should know (``kehoach check`` warns).
    notes: list[Problem] = field(default_factory=list)
    # Where each scalar value sits in the (cleaned) text, when asked for: ``kehoach new`` edits
    # the author's file in place rather than writing it out again.
    spans: dict[KeyPath, ScalarSpan] = field(default_factory=dict)
    text: str = ""  # the text that was parsed, when spans were asked for

    def mark_for(self, path: KeyPath, *, key: bool = False) -> Mark:
        """The position of a value (or of its key), falling back to the closest parent."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(path), -1, -1):
            found = marks.get(path[:end]) or self.value_marks.get(path[:end])
            if found is not None:
                return found
        return Mark(1, 1)

    def problem(self, path: KeyPath, message: str, *, key: bool = False) -> Problem:
        """A problem located at ``path``."""
        mark = self.mark_for(path, key=key)
        return Problem(self.file, mark.line, mark.column, format_path(path), message)


def format_path(path: KeyPath) -> str:
    """``('parts', 0, 'heading')`` → ``parts[0].heading``."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else step
    return text


def load_yaml_file(path: Path, *, spans: bool = False) -> LoadedYaml:
    """Read and parse a YAML file, raising :class:`PlanError` with every problem found."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PlanError([Problem(shown, 1, 1, "", _too_big(size))])
        raw = path.read_bytes()
    except OSError as exc:
        raise unreadable(path, exc, kind="tệp kế hoạch .yaml", example="plans/ten-ke-hoach.yaml") from None
    return load_yaml_text(decode(raw, shown), shown, spans=spans)


def _too_big(size: int) -> str:
    return (
        f"tệp quá lớn ({megabytes(size)}); một kế hoạch, kể cả phụ lục hàng nghìn dòng, "
        f"chỉ khoảng 1 MB (giới hạn {megabytes(MAX_BYTES)}). Hãy kiểm tra đúng tệp chưa."
    )


# Raw control characters YAML refuses to read. Text pasted from Word or a PDF carries them
# (a vertical tab is Word's manual line break); removing them keeps the plan readable.
_RAW_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def _strip_raw_controls(text: str, shown: str) -> tuple[str, list[Problem], frozenset[int]]:
    """The text without the controls YAML refuses, the warnings, and where NELs became newlines."""
    notes = []
    lines = LineIndex(text)
    pieces: list[str] = []
    nels: set[int] = set()
    cursor = length = 0
    for match in _RAW_CONTROLS.finditer(text):
        line, column = lines.position(match.start())
        code = f"U+{ord(match.group()):04X}"
        msg = f"đã bỏ một ký tự điều khiển vô hình ({code}), thường do dán từ Word hoặc PDF."
        notes.append(Problem(shown, line, column, "", msg, Severity.WARNING))
        kept = text[cursor : match.start()]
        length += len(kept)
        # A vertical tab separated words: keep them apart. NEL (U+0085) is a line break in YAML
        # (read as a newline): removing it would turn the next line's indentation into text.
        replacement = {"\x0b": " ", "\x85": "\n"}.get(match.group(), "")
        if match.group() == "\x85":
            nels.add(length)
        pieces += [kept, replacement]
        length += len(replacement)
        cursor = match.end()
    if not notes:
        return text, [], frozenset()
    pieces.append(text[cursor:])
    return "".join(pieces), notes, frozenset(nels)


_TAB_INDENT = re.compile(r"(?:\A|(?<=[\r\n]))[ ]*\t")


def _tab_indents(text: str, shown: str, lines: LineIndex) -> list[Problem]:
    """Every line indented with a Tab (YAML refuses Tabs in indentation; it names only the first)."""
    problems = []
    for match in _TAB_INDENT.finditer(text):
        problems.append(Problem(shown, *lines.position(match.end() - 1), "", TAB_MESSAGE))
    return problems


def _too_deep(shown: str, line: int, column: int) -> Problem:
    msg = f"cấu trúc lồng nhau quá sâu (hơn {MAX_DEPTH} cấp); kế hoạch không cần sâu như vậy."
    return Problem(shown, line, column, "", msg)


def load_yaml_text(text: str, shown: str, *, spans: bool = False) -> LoadedYaml:
    """Parse YAML text into plain values, collecting every structural problem."""
    text, notes, nels = _strip_raw_controls(text, shown)
    # The newlines that stand for a NEL are no line breaks in the editor: positions ignore them.
    lines = LineIndex(text, nels)
    tabs = _tab_indents(text, shown, lines)
    if tabs:  # every one at once: YAML itself stops at the first
        raise PlanError([*notes, *tabs])
    builder = _Builder(shown, lines, spans=spans)
    try:
        builder.run(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        # Some libyaml builds stop flow nesting at 1,000 levels while scanning ahead, before the
        # builder has seen MAX_DEPTH of them: the same fault, told the same way.
        if "maximum nesting depth" in (exc.problem or "") and exc.problem_mark is not None:
            builder.problems.append(_too_deep(shown, *lines.position(exc.problem_mark.index)))
        else:
            builder.problems.append(syntax_problem(exc, shown, text, lines))
        builder.fatal = True
    except yaml.YAMLError as exc:  # the reader: a character YAML cannot hold
        line, column = lines.position(getattr(exc, "position", 0) or 0)
        msg = "tệp có ký tự không đọc được ở đây; hãy gõ lại đoạn văn này."
        builder.problems.append(Problem(shown, line, column, "", msg))
        builder.fatal = True
    except _TooMany as exc:
        msg = (
            f"kế hoạch có hơn {grouped(MAX_NODES)} khóa và giá trị, nhiều hơn mọi kế hoạch thật "
            "(kể cả phụ lục 10.000 dòng); hãy kiểm tra đúng tệp chưa, hoặc tách phụ lục ra tệp riêng."
        )
        builder.problems.append(Problem(shown, exc.mark.line, exc.mark.column, "", msg))
        builder.fatal = True
    except _TooDeep as exc:
        builder.problems.append(_too_deep(shown, exc.mark.line, exc.mark.column))
        builder.fatal = True
    builder.summarise_repeats()
    if builder.fatal:
        raise PlanError(builder.problems)
    if builder.result is None:
        msg = "tệp trống. Hãy chép một kế hoạch mẫu trong thư mục plans/ rồi sửa."
        raise PlanError([*builder.problems, Problem(shown, 1, 1, "", msg)])
    return LoadedYaml(
        shown,
        builder.result,
        builder.value_marks,
        builder.key_marks,
        builder.problems,
        notes,
        builder.spans,
        text if spans else "",
    )


class _TooDeep(Exception):
    def __init__(self, mark: Mark) -> None:
        self.mark = mark


class _TooMany(_TooDeep):
    pass


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: KeyPath
    pending_key: str | None = None  # a mapping's key waiting for its value
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    """Turns libyaml events into dicts, lists and strings with an explicit stack.

    Iterative on purpose: PyYAML's C composer recurses in C and crashes the interpreter on
    input nested tens of thousands of levels deep.
    """

    def __init__(self, shown: str, lines: LineIndex, *, spans: bool = False) -> None:
        self.shown = shown
        self.lines = lines
        self.problems: list[Problem] = []
        self.fatal = False  # a problem after which the document cannot be read
        self.repeats: dict[str, int] = {}
        self.stack: list[_Frame] = []
        self.result: Any = None
        self.documents = 0
        self.value_marks: dict[KeyPath, Mark] = {}
        self.key_marks: dict[KeyPath, Mark] = {}
        self.spans: dict[KeyPath, ScalarSpan] = {}
        self.keep_spans = spans

    def _mark(self, event: yaml.Event) -> Mark:
        start = event.start_mark
        return Mark(*self.lines.position(start.index)) if start is not None else Mark(1, 1)

    def run(self, events: Iterator[yaml.Event]) -> None:
        # Scalars are three quarters of the events: test for them first.
        scalar, ends = yaml.ScalarEvent, (yaml.SequenceEndEvent, yaml.MappingEndEvent)
        starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
        nodes = 0
        for event in events:
            if isinstance(event, scalar):
                nodes += 1
                if nodes > MAX_NODES:
                    raise _TooMany(self._mark(event))
                path = self._value(event, self._scalar(event))
                top = self.stack[-1] if self.stack else None
                was_key = top is not None and isinstance(top.container, dict) and top.pending_key is not None
                start, end = event.start_mark, event.end_mark
                if self.keep_spans and not was_key and start is not None and end is not None:
                    self.spans[path] = ScalarSpan(start.index, end.index, event.style or "", event.value)
            elif isinstance(event, ends):
                self.stack.pop()
            elif isinstance(event, starts):
                self._check_collection(event)
                container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = self._value(event, container)
                if len(self.stack) >= MAX_DEPTH:
                    raise _TooDeep(self._mark(event))
                self.stack.append(_Frame(container, path))
            elif isinstance(event, yaml.AliasEvent):
                msg = (
                    "YAML hiểu giá trị bắt đầu bằng “*” là bí danh (*tên), không dùng trong kế hoạch. "
                    'Nếu đó là chữ nghiêng (*…*) hay đậm (**…**), hãy đặt cả đoạn trong dấu nháy kép "…".'
                )
                self._value(event, None, alias_message=msg)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    msg = "tệp có nhiều hơn một tài liệu YAML (dòng “---” thứ hai); mỗi tệp chỉ chứa một kế hoạch."
                    self._problem(self._mark(event), (), msg)
                    self.fatal = True
                    return

    def _check_collection(self, event: yaml.CollectionStartEvent) -> None:
        if event.anchor:
            msg = "không dùng neo YAML (&tên) trong kế hoạch; hãy bỏ phần “&…”."
            self._problem(self._mark(event), self._current_path(), msg)
        if event.tag and event.tag not in _CORE_TAGS:
            self._problem(self._mark(event), self._current_path(), _tag_message(event.tag))

    def _scalar(self, event: yaml.ScalarEvent) -> str | None:
        if event.anchor:
            msg = "không dùng neo YAML (&tên) trong kế hoạch; hãy bỏ phần “&…”."
            self._problem(self._mark(event), self._current_path(), msg)
        if event.tag and event.tag != "!" and event.tag not in _CORE_TAGS:
            self._problem(self._mark(event), self._current_path(), _tag_message(event.tag))
        plain = not event.style  # libyaml gives "" for plain scalars, PyYAML gives None
        if plain and event.value in ("", "~", "null", "Null", "NULL"):
            return None
        return str(event.value)

    def _current_path(self) -> KeyPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        if frame.pending_key is not None:
            return (*frame.path, frame.pending_key)
        return frame.path

    def _value(self, event: yaml.Event, value: Any, alias_message: str | None = None) -> KeyPath:
        """Attach a value (or a key) to the current container; return the value's path."""
        mark = self._mark(event)
        if not self.stack:
            self.result = value
            self.value_marks[()] = mark
            if alias_message:
                self._problem(mark, (), alias_message)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.value_marks[path] = mark
            if alias_message:
                self._problem(mark, path, alias_message)
            return path
        if frame.pending_key is None:  # this event is a key
            key = self._key(event, value, frame, mark)
            frame.pending_key = key
            return (*frame.path, key)
        key = frame.pending_key
        frame.pending_key = None
        path = (*frame.path, key)
        if alias_message:
            self._problem(mark, path, alias_message)
        if key.startswith("\x00"):
            return path  # a duplicate or invalid key, already reported: keep the first value
        frame.container[key] = value
        self.value_marks[path] = mark
        return path

    def _key(self, event: yaml.Event, value: Any, frame: _Frame, mark: Mark) -> str:
        if not isinstance(value, str):
            if isinstance(value, dict | list):
                msg = "tên khóa phải là một từ (ví dụ “title”), không phải danh sách hay nhóm."
            else:
                msg = "thiếu tên khóa trước dấu hai chấm."
            self._problem(mark, frame.path, msg)
            # A collection used as a key still produces events; give it a throwaway slot.
            return f"\x00invalid-key-{mark.line}-{mark.column}"
        key_path = (*frame.path, value)
        if value in frame.key_lines:
            first = frame.key_lines[value]
            msg = (
                f"khóa “{value}” bị lặp lại (đã có ở dòng {first}). "
                "Mỗi khóa chỉ được viết một lần: hãy gộp hai phần hoặc xóa một phần."
            )
            self._problem(mark, key_path, msg)
            # Route the duplicate's value to a slot that is never stored.
            return f"\x00duplicate-{value}-{mark.line}"
        frame.key_lines[value] = mark.line
        self.key_marks[key_path] = mark
        return value

    def _problem(self, mark: Mark, path: KeyPath, message: str) -> None:
        clean_path = tuple(p for p in path if not (isinstance(p, str) and p.startswith("\x00")))
        # The same mistake repeated (an alias bomb has hundreds): three examples, then a count.
        count = self.repeats.get(message, 0) + 1
        self.repeats[message] = count
        if count <= _SHOWN_REPEATS:
            self.problems.append(Problem(self.shown, mark.line, mark.column, format_path(clean_path), message))

    def summarise_repeats(self) -> None:
        """Add one line per mistake that was repeated more often than shown."""
        for message, count in self.repeats.items():
            if count > _SHOWN_REPEATS:
                last = [p for p in self.problems if p.message == message][-1]
                more = f"lỗi trên còn lặp lại ở {count - _SHOWN_REPEATS} chỗ khác trong tệp."
                self.problems.append(Problem(self.shown, last.line, last.column, "", more))


def _tag_message(tag: str) -> str:
    return (
        f"thẻ YAML “{tag}” không được hỗ trợ; kế hoạch chỉ chứa chữ, danh sách và nhóm khóa. "
        "Hãy xóa phần bắt đầu bằng “!”."
    )


# libyaml's English problem texts, in the order they are tried, with what we tell the user.
