"""Emphasis marks read into spans: each case worked out by hand from the documented rules."""

from __future__ import annotations

import pytest

from generator.common.emphasis import Span, plain, spans


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(*nếu có*)", [Span("("), Span("nếu có", italic=True), Span(")")]),
        ("**đậm** và *nghiêng*", [Span("đậm", bold=True), Span(" và "), Span("nghiêng", italic=True)]),
        ("***cả hai***", [Span("cả hai", bold=True, italic=True)]),
        ("**a *b* c**", [Span("a ", bold=True), Span("b", bold=True, italic=True), Span(" c", bold=True)]),
        # a mark opens before a non-space and closes after one: these stay as typed
        ("(*)", [Span("(*)")]),
        ("5 * 3 * 2", [Span("5 * 3 * 2")]),
        ("* không *", [Span("* không *")]),
        ("**", [Span("**")]),
        # the escape gives a literal star, inside emphasis too
        ("5 \\* 3 = 15", [Span("5 * 3 = 15")]),
        ("\\*a\\*", [Span("*a*")]),
        ("**x\\*y**", [Span("x*y", bold=True)]),
        ("*a**", [Span("a", italic=True), Span("*")]),
        ("", [Span("")]),
        # two marked words that touch read as one span
        ("*a**b*", [Span("ab", italic=True)]),
        ("x*a**b*y", [Span("x"), Span("ab", italic=True), Span("y")]),
        ("dòng một\n*dòng hai*", [Span("dòng một\n"), Span("dòng hai", italic=True)]),
    ],
)
def test_spans(text: str, expected: list[Span]) -> None:
    assert spans(text) == expected


def test_plain_drops_marks_and_escapes_only() -> None:
    assert plain("Thực hiện (*nếu có*) **ngay**; 5 \\* 3") == "Thực hiện (nếu có) ngay; 5 * 3"
    assert plain("không có dấu") == "không có dấu"
