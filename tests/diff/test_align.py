"""Alignment: a longest common subsequence (checked against the textbook dynamic programme)."""

from __future__ import annotations

import itertools
import random

import pytest

from generator.diff.align import align, alike, opcodes


def lcs_length(a: list[str], b: list[str]) -> int:
    """The textbook O(nm) dynamic programme: the oracle for Myers' algorithm."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    return table[0][0]


@pytest.mark.parametrize("seed", range(5))
def test_opcodes_keep_a_longest_common_subsequence(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        a = [rng.choice("abc") for _ in range(rng.randint(0, 14))]
        b = [rng.choice("abc") for _ in range(rng.randint(0, 14))]
        codes = opcodes(a, b)
        rebuilt: list[str] = []
        position = (0, 0)
        for tag, i1, i2, j1, j2 in codes:
            assert (i1, j1) == position  # contiguous, in order
            if tag == "equal":
                assert a[i1:i2] == b[j1:j2]
            rebuilt += b[j1:j2]
            position = (i2, j2)
        assert position == (len(a), len(b))
        assert rebuilt == b
        assert sum(i2 - i1 for tag, i1, i2, _, _ in codes if tag == "equal") == lcs_length(a, b)


def test_repeated_rows_are_not_misaligned() -> None:
    # A table whose rows recur every 7 rows; every 10th edited, every 50th removed. difflib's
    # longest-block heuristic aligned 47 of 301 such rows; the answer, worked out by hand,
    # keeps every row that was neither edited nor removed.
    old = [f"nhiệm vụ {k % 7} thường xuyên" for k in range(300)]
    new = [f"nhiệm vụ {k % 7} quý II" if k % 10 == 0 else row for k, row in enumerate(old)]
    removed = set(range(0, 300, 50))
    new = [row for k, row in enumerate(new) if k not in removed]
    kept = sum(tag == "equal" and i2 - i1 for tag, i1, i2, _, _ in opcodes(old, new))
    assert kept == 300 - 30  # 30 rows edited (k % 10 == 0, the removed ones among them)
    pairs = align(old, new)
    edited = [(i, j) for i, j in pairs if i is not None and j is not None and old[i] != new[j]]
    assert len(edited) == 30 - len(removed)
    assert sum(j is None for _, j in pairs) == len(removed)
    assert sum(i is None for i, _ in pairs) == 0


def test_alike_means_half_the_words_shared() -> None:
    assert alike("Thực hiện rà soát văn bản", "Triển khai thực hiện rà soát văn bản")
    assert not alike("Thường xuyên", "Quý II")
    assert alike("", "") and not alike("", "Quý II")


def test_one_element_replaced_by_one_is_that_element_edited_when_kindred() -> None:
    old, new = ["a", "Trịnh Hữu Hùng", "c"], ["a", "Lê Văn Sơn", "c"]
    assert align(old, new) == [(0, 0), (1, 1), (2, 2)]
    assert align(old, new, kindred=lambda i, j: False) == [(0, 0), (1, None), (None, 1), (2, 2)]


@pytest.mark.parametrize("seed", range(3))
def test_opcodes_have_difflibs_shape(seed: int) -> None:
    """The shape difflib documents: contiguous, "replace" exactly when both sides have elements,
    "delete"/"insert" when one side is empty, never two "equal" or two changes in a row."""
    rng = random.Random(100 + seed)
    for _ in range(300):
        a = [rng.choice("abcd") for _ in range(rng.randint(0, 10))]
        b = [rng.choice("abcd") for _ in range(rng.randint(0, 10))]
        codes = opcodes(a, b)
        for tag, i1, i2, j1, j2 in codes:
            assert (i1 <= i2) and (j1 <= j2) and (i2 - i1) + (j2 - j1) > 0
            expected = {(True, True): "replace", (True, False): "delete", (False, True): "insert"}
            if tag != "equal":
                assert tag == expected[(i2 > i1, j2 > j1)]
            else:
                assert i2 - i1 == j2 - j1
        for first, second in itertools.pairwise(codes):
            assert (first[0] == "equal") != (second[0] == "equal"), codes
        assert (not a and not b) == (codes == [])


def test_identical_and_empty_sequences() -> None:
    assert opcodes(["a", "b"], ["a", "b"]) == [("equal", 0, 2, 0, 2)]
    assert opcodes([], ["a"]) == [("insert", 0, 0, 0, 1)]
    assert opcodes(["a"], []) == [("delete", 0, 1, 0, 0)]
    assert opcodes(["a", "x", "c"], ["a", "y", "c"]) == [
        ("equal", 0, 1, 0, 1), ("replace", 1, 2, 1, 2), ("equal", 2, 3, 2, 3),
    ]  # fmt: skip


def test_within_a_changed_stretch_added_and_removed_elements_are_told_from_edited_ones() -> None:
    # Worked out by hand: "B" was edited to "B2", two elements were added before it, one removed after.
    old = ["mở đầu", "rà soát văn bản quy phạm", "kiểm tra cuối năm", "kết thúc"]
    new = ["mở đầu", "một việc mới hẳn", "thêm việc khác nữa", "rà soát văn bản quy phạm pháp luật", "kết thúc"]
    assert align(old, new) == [(0, 0), (None, 1), (None, 2), (1, 3), (2, None), (3, 4)]
    # The other way round: elements removed before an edited one.
    assert align(new, old) == [(0, 0), (1, None), (2, None), (3, 1), (None, 2), (4, 3)]


def test_unrelated_stretches_are_removed_then_added() -> None:
    old = ["chung", "một", "hai", "ba", "chung cuối"]
    new = ["chung", "bốn", "năm", "chung cuối"]
    assert align(old, new) == [(0, 0), (1, None), (2, None), (3, None), (None, 1), (None, 2), (4, 3)]


def test_look_ahead_is_bounded() -> None:
    # An edited element seven places on is beyond the look-ahead: everything before it is added.
    old = ["đầu", "rà soát văn bản quy phạm", "cuối"]
    new = ["đầu", *[f"việc {k}" for k in range(7)], "rà soát văn bản quy phạm mới", "cuối"]
    pairs = align(old, new)
    assert (1, 8) not in pairs and (1, None) in pairs


def test_alike_counts_repeated_words() -> None:
    assert alike("a a a a b", "a a a a c")  # 8 of 10 words shared
    assert not alike("a b c d", "a e f g")  # 2 of 8
    assert alike("A B", "a b")  # case does not matter
