"""Aligning two sequences (paragraphs, rows, a paragraph's words): kept, edited, added, removed.

The kept elements are a longest common subsequence, found with Myers' O(ND) algorithm (the one
``git diff`` uses): its cost grows with the number of differences, not with the square of the
length, and it is not misled by repeated elements, as difflib's longest-block heuristic is by a
table whose rows recur (difflib aligned 47 of 301 such rows). Between kept elements, an element
of last year and one of this year that share half their words are taken for one element edited;
the rest are removed and added. Look-ahead is bounded, so two unrelated 3,000-row tables cost
linear time.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from difflib import SequenceMatcher

Pair = tuple[int | None, int | None]  # (old index, new index); None on the side that lacks it
Opcode = tuple[str, int, int, int, int]  # difflib's shape: equal | replace | delete | insert

_LOOK_AHEAD = 6
_ALIKE = 0.5
# Beyond this many differences the documents are different documents: difflib's answer is then
# good enough and Myers' bookkeeping (which grows with its square) is not spent.
_MAX_DIFFERENCES = 1500
_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=65_536)
def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def alike(first: str, second: str) -> bool:
    """Whether two texts are one text edited rather than two texts (half their words shared)."""
    if not first.strip() or not second.strip():
        return first.strip() == second.strip()
    a, b = _words(first), _words(second)
    total = sum(a.values()) + sum(b.values())
    return total > 0 and 2 * sum((a & b).values()) >= _ALIKE * total


def opcodes(old: Sequence[Hashable], new: Sequence[Hashable]) -> list[Opcode]:
    """difflib-style opcodes of a shortest edit script between two sequences."""
    codes: dict[Hashable, int] = {}
    a = [codes.setdefault(x, len(codes)) for x in old]
    b = [codes.setdefault(x, len(codes)) for x in new]
    head = 0
    while head < len(a) and head < len(b) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < len(a) - head and tail < len(b) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = _myers(a[head : len(a) - tail], b[head : len(b) - tail])
    if middle is None:
        matcher = SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False)
        middle = [(i, j, n) for i, j, n in matcher.get_matching_blocks()[:-1]]
    return _as_opcodes(
        [(0, 0, head)] + [(i + head, j + head, n) for i, j, n in middle] + [(len(a) - tail, len(b) - tail, tail)],
        len(a),
        len(b),
    )


def _myers(a: list[int], b: list[int]) -> list[tuple[int, int, int]] | None:
    """Matching blocks ``(i, j, length)`` of a longest common subsequence, None if too different."""
    n, m = len(a), len(b)
    limit = min(n + m, _MAX_DIFFERENCES)
    offset = limit + 1
    v = [0] * (2 * limit + 3)
    trace: list[list[int]] = []
    for d in range(limit + 1):
        trace.append(v[offset - d - 1 : offset + d + 2])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            v[offset + k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m)
    return None


def _backtrack(trace: list[list[int]], n: int, m: int) -> list[tuple[int, int, int]]:
    blocks: list[tuple[int, int, int]] = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        before = trace[d]  # v as it was when step d began, indexed from k = -d - 1

        def at(k: int, before: list[int] = before, d: int = d) -> int:
            return before[k + d + 1]

        k = x - y
        down = k == -d or (k != d and at(k - 1) < at(k + 1))
        previous_k = k + 1 if down else k - 1
        previous_x = at(previous_k) if d else 0
        previous_y = previous_x - previous_k if d else 0
        start_x = previous_x if down else previous_x + 1  # where this step's snake began
        if d == 0:
            start_x = 0
        snake = x - start_x
        if snake > 0:
            blocks.append((start_x, start_x - k, snake))
        x, y = previous_x, previous_y
    blocks.reverse()
    return blocks


def _as_opcodes(blocks: list[tuple[int, int, int]], n: int, m: int) -> list[Opcode]:
    out: list[Opcode] = []
    i = j = 0
    for bi, bj, size in [*blocks, (n, m, 0)]:
        if i < bi and j < bj:
            out.append(("replace", i, bi, j, bj))
        elif i < bi:
            out.append(("delete", i, bi, j, j))
        elif j < bj:
            out.append(("insert", i, i, j, bj))
        if size:
            if out and out[-1][0] == "equal" and out[-1][2] == bi and out[-1][4] == bj:
                _, i0, _, j0, _ = out.pop()
                out.append(("equal", i0, bi + size, j0, bj + size))
            else:
                out.append(("equal", bi, bi + size, bj, bj + size))
        i, j = bi + size, bj + size
    return out


def align(
    old: Sequence[str],
    new: Sequence[str],
    same: Callable[[int, int], bool] | None = None,
    kindred: Callable[[int, int], bool] | None = None,
) -> list[Pair]:
    """Pairs in document order.

    ``same(i, j)``: whether unequal keys are one element edited. ``kindred(i, j)``: whether they
    could be at all (two paragraphs, not a paragraph and a table); one element replaced by one
    kindred element between kept ones is that element rewritten (a signer's new name).
    """
    similar = same or (lambda i, j: alike(old[i], new[j]))
    pairs: list[Pair] = []
    for tag, i1, i2, j1, j2 in opcodes(old, new):
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2), strict=True))
        elif tag == "replace" and i2 - i1 == j2 - j1 == 1 and (kindred is None or kindred(i1, j1)):
            pairs.append((i1, j1))
        else:
            pairs.extend(_pair_up(range(i1, i2), range(j1, j2), similar))
    return pairs


def _pair_up(olds: range, news: range, similar: Callable[[int, int], bool]) -> list[Pair]:
    """Within a changed stretch: edited pairs where alike, otherwise removed then added."""
    out: list[Pair] = []
    i, j = olds.start, news.start
    while i < olds.stop and j < news.stop:
        if similar(i, j):
            out.append((i, j))
            i, j = i + 1, j + 1
            continue
        ahead = next((k for k in range(1, _LOOK_AHEAD) if j + k < news.stop and similar(i, j + k)), None)
        if ahead is not None:  # this year added elements before an edited one
            out.extend((None, n) for n in range(j, j + ahead))
            j += ahead
            continue
        behind = next((k for k in range(1, _LOOK_AHEAD) if i + k < olds.stop and similar(i + k, j)), None)
        if behind is not None:  # last year's elements before it were removed
            out.extend((o, None) for o in range(i, i + behind))
            i += behind
            continue
        out.append((i, None))
        i += 1
    out.extend((o, None) for o in range(i, olds.stop))
    out.extend((None, n) for n in range(j, news.stop))
    return out
