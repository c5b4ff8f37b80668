"""The model engine on a small schema of its own: values, defaults, and every error with its place.

Each expected error list below was worked out by hand from the input, in the order the fields
are declared (a model's fields first, then its unknown keys).

The schema is declared anew for every test, and the compiled checks forgotten: declaring and
compiling are part of what is tested, and the mutation run credits each test with the code it
runs (a schema declared once at import would run the declaring code before any test).
"""

from types import SimpleNamespace
from typing import Annotated, Any, Literal

import pytest

from generator.plan import checks
from generator.plan.model import (
    Before,
    Constraints,
    Discriminator,
    Field,
    FieldError,
    Model,
    Plain,
    Tag,
    ValidationFailed,
)


def _trimmed(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _even(value: Any) -> int:
    if isinstance(value, str) and value.isdigit() and int(value) % 2 == 0:
        return int(value)
    message = f"“{value}” không phải số chẵn."
    raise FieldError(kind="not_even", message=message)


def _shape(value: Any) -> str | None:
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "leaf" if "name" in value else "note" if "note" in value else None
    return None


def _one_or_list(value: Any) -> Any:
    if isinstance(value, dict):
        raise FieldError(kind="no_dict", message="một nhóm khóa không dùng được ở đây.")
    return [value] if isinstance(value, str) else value


def _kind(value: Any) -> str | None:
    kind = value.get("kind", "plain") if isinstance(value, dict) else None
    return kind if isinstance(kind, str) else None


def _declare() -> SimpleNamespace:
    Name = Annotated[str, Before(_trimmed), Constraints(min_length=1, max_length=8)]
    Code = Annotated[str, Constraints(pattern=r"^[A-Z]+$")]

    Even = Annotated[int, Plain(_even)]

    class Leaf(Model):
        name: Name = Field(description="tên")
        weight: Annotated[float, Constraints(gt=0)] | None = Field(None, description="cân nặng")

    class Note(Model):
        note: Name = Field(description="ghi chú")

    Entry = Annotated[
        Annotated[Name, Tag("text")] | Annotated[Leaf, Tag("leaf")] | Annotated[Note, Tag("note")],
        Discriminator(_shape, custom_error_type="entry_shape", custom_error_message="không đúng dạng"),
    ]

    class Plain_(Model):
        kind: Literal["plain"] = Field("plain", description="loại")

    class Fancy(Model):
        kind: Literal["fancy"] = Field(description="loại")
        shiny: bool = Field(False, description="bóng")

    Kinded = Annotated[Annotated[Plain_, Tag("plain")] | Annotated[Fancy, Tag("fancy")], Discriminator(_kind)]

    class Tree(Model):
        code: Code = Field(alias="id", description="mã")
        mode: Literal["a", "b"] = Field("a", description="chế độ")
        count: Even = Field(description="số chẵn")
        entries: list[Entry] = Field(default_factory=list, description="mục")
        kinds: list[Kinded] = Field(default_factory=list, description="loại")
        leaf: Leaf | None = Field(None, description="lá")
        names: list[Name] = Field(min_length=1, description="tên")

    class Extra(Model):
        label: str | None = None  # a plain default, no Field
        needed: str  # no default at all: required
        grid: list[list[Name]] = Field(default_factory=list, description="lưới")
        flag: bool = Field(False, description="cờ")
        tags: Annotated[list[Name], Before(_one_or_list)] = Field(default_factory=list, description="nhãn")

    return SimpleNamespace(**locals())


@pytest.fixture
def s(monkeypatch: pytest.MonkeyPatch) -> SimpleNamespace:
    monkeypatch.setattr(checks, "_BUILT", {})
    return _declare()


def _errors(s: SimpleNamespace, data: Any) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationFailed) as caught:
        s.Tree.model_validate(data)
    return [(e["type"], e["loc"]) for e in caught.value.errors()]


def test_a_valid_tree_becomes_instances_with_defaults(s: SimpleNamespace):
    tree = s.Tree.model_validate(
        {
            "id": "AB",
            "count": "4",
            "entries": [" x ", {"name": "lá", "weight": "2.5"}, {"note": "n"}],
            "kinds": [{}, {"kind": "fancy", "shiny": "yes"}],
            "names": ["a"],
        }
    )
    assert (tree.code, tree.mode, tree.count, tree.leaf, tree.names) == ("AB", "a", 4, None, ["a"])
    assert tree.entries == ["x", s.Leaf(name="lá", weight=2.5), s.Note(note="n")]
    assert tree.kinds == [s.Plain_(kind="plain"), s.Fancy(kind="fancy", shiny=True)]
    assert tree.model_fields_set == {"code", "count", "entries", "kinds", "names"}
    assert tree.kinds[0].model_fields_set == frozenset()


def test_every_error_is_reported_at_once_with_its_place(s: SimpleNamespace):
    data = {
        "id": "ab",
        "mode": "c",
        "count": "3",
        "entries": [5, {"name": "   "}, {"other": 1}, {"note": "n", "extra": 1}],
        "kinds": [{"kind": "odd"}, {"kind": 1}, {"kind": "fancy", "shiny": "maybe"}, "plain"],
        "leaf": {"name": "much too long", "weight": "-1"},
        "names": [],
        "typo": 1,
    }
    assert _errors(s, data) == [
        ("string_pattern_mismatch", ("id",)),
        ("literal_error", ("mode",)),
        ("not_even", ("count",)),
        ("entry_shape", ("entries", 0)),
        ("string_too_short", ("entries", 1, "leaf", "name")),
        ("entry_shape", ("entries", 2)),
        ("extra_forbidden", ("entries", 3, "note", "extra")),
        ("union_tag_invalid", ("kinds", 0)),
        ("union_tag_not_found", ("kinds", 1)),
        ("bool_parsing", ("kinds", 2, "fancy", "shiny")),
        ("union_tag_not_found", ("kinds", 3)),
        ("string_too_long", ("leaf", "name")),
        ("greater_than", ("leaf", "weight")),
        ("too_short", ("names",)),
        ("extra_forbidden", ("typo",)),
    ]


def test_missing_keys_and_wrong_containers(s: SimpleNamespace):
    assert _errors(s, {"entries": "x", "kinds": {}, "leaf": "x", "names": "a"}) == [
        ("missing", ("id",)),
        ("missing", ("count",)),
        ("list_type", ("entries",)),
        ("list_type", ("kinds",)),
        ("model_type", ("leaf",)),
        ("list_type", ("names",)),
    ]
    assert _errors(s, []) == [("model_type", ())]


def _records(model: Any, data: Any) -> list[dict[str, Any]]:
    with pytest.raises(ValidationFailed) as caught:
        model.model_validate(data)
    assert str(caught.value) == f"{len(caught.value.errors())} validation errors"
    return caught.value.errors()


def _record(kind: str, loc: tuple[Any, ...], value: Any, msg: str = "", **ctx: Any) -> dict[str, Any]:
    return {"type": kind, "loc": loc, "msg": msg or kind, "input": value, "ctx": ctx}


def test_every_error_record_in_full(s: SimpleNamespace):
    data = {
        "id": "ab",
        "mode": "c",
        "count": "x",
        "entries": [5],
        "kinds": [{"kind": "q"}, {"kind": 1}],
        "leaf": {"name": "abcdefghi", "weight": "0"},
        "names": [],
        "typo": 7,
    }
    assert _records(s.Tree, data) == [
        _record("string_pattern_mismatch", ("id",), "ab", pattern="^[A-Z]+$"),
        _record("literal_error", ("mode",), "c", expected=("a", "b")),
        _record("not_even", ("count",), "x", "“x” không phải số chẵn."),
        _record("entry_shape", ("entries", 0), 5, "không đúng dạng"),
        _record("union_tag_invalid", ("kinds", 0), {"kind": "q"}, tag="q", expected_tags="'plain', 'fancy'"),
        _record("union_tag_not_found", ("kinds", 1), {"kind": 1}),
        _record("string_too_long", ("leaf", "name"), "abcdefghi", max_length=8),
        _record("greater_than", ("leaf", "weight"), "0", gt=0),
        _record("too_short", ("names",), [], min_length=1),
        _record("extra_forbidden", ("typo",), 7),
    ]
    assert _records(s.Tree, {"id": "A", "count": "2", "names": "a", "leaf": {"name": "n", "weight": ["1"]}}) == [
        _record("float_type", ("leaf", "weight"), ["1"]),
        _record("list_type", ("names",), "a"),
    ]
    missing = {"count": "2", "names": ["a"], "leaf": "x"}
    assert _records(s.Tree, missing) == [
        _record("missing", ("id",), missing),
        _record("model_type", ("leaf",), "x"),
    ]


def test_plain_defaults_nested_lists_and_functions_that_refuse(s: SimpleNamespace):
    data = {"label": None, "needed": ["x"], "grid": [["ok", " "], "row"], "flag": ["yes"], "tags": {"a": 1}}
    assert _records(s.Extra, data) == [
        _record("string_type", ("needed",), ["x"]),
        _record("string_too_short", ("grid", 0, 1), "", min_length=1),
        _record("list_type", ("grid", 1), "row"),
        _record("bool_type", ("flag",), ["yes"]),
        _record("no_dict", ("tags",), {"a": 1}, "một nhóm khóa không dùng được ở đây."),
    ]
    assert _records(s.Extra, {"flag": "maybe"}) == [
        _record("missing", ("needed",), {"flag": "maybe"}),
        _record("bool_parsing", ("flag",), "maybe"),
    ]
    extra = s.Extra.model_validate({"needed": "n", "grid": [["a", "b"], []], "tags": "t", "label": "plain"})
    assert (extra.label, extra.needed, extra.grid, extra.flag, extra.tags) == ("plain", "n", [["a", "b"], []], False,
                                                                              ["t"])  # fmt: skip
    assert s.Extra.model_validate({"needed": "n"}).label is None
    assert s.Extra.model_fields["needed"].is_required() and not s.Extra.model_fields["label"].is_required()
    assert s.Leaf.model_validate({"name": "abcdefgh", "weight": None}) == s.Leaf(name="abcdefgh", weight=None)


def test_what_the_engine_cannot_check_is_refused_when_first_used():
    class Mapping(Model):
        table: dict[str, str] = Field(description="bảng")

    class Loose(Model):
        either: str | bool = Field(description="một trong hai")

    with pytest.raises(TypeError, match="no check for"):
        Mapping.model_validate({"table": {}})
    with pytest.raises(TypeError, match="a union needs a Discriminator"):
        Loose.model_validate({"either": "x"})


def test_a_refusal_says_its_message():
    error = FieldError("kind", "thông báo")
    assert (str(error), error.kind, error.message) == ("thông báo", "kind", "thông báo")


def test_errors_carry_the_message_the_input_and_the_context(s: SimpleNamespace):
    with pytest.raises(ValidationFailed) as caught:
        s.Tree.model_validate({"id": "A", "count": "x", "mode": "z", "names": ["a"], "kinds": [{"kind": "q"}]})
    by_type = {e["type"]: e for e in caught.value.errors()}
    assert by_type["not_even"]["msg"] == "“x” không phải số chẵn."
    assert by_type["literal_error"]["input"] == "z"
    assert by_type["literal_error"]["ctx"] == {"expected": ("a", "b")}
    assert by_type["union_tag_invalid"]["ctx"] == {"tag": "q", "expected_tags": "'plain', 'fancy'"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("true", True), ("Yes", True), ("on", True), ("1", True), ("false", False), ("NO", False), ("off", False)],
)
def test_yes_and_no_words(s: SimpleNamespace, text: str, expected: bool):
    tree = s.Tree.model_validate({"id": "A", "count": "2", "names": ["a"], "kinds": [{"kind": "fancy", "shiny": text}]})
    fancy = tree.kinds[0]
    assert isinstance(fancy, s.Fancy) and fancy.shiny is expected


@pytest.mark.parametrize(("text", "kind"), [("0", "greater_than"), ("nan", "float_parsing"), ("inf", "float_parsing"),
                                            ("x", "float_parsing")])  # fmt: skip
def test_numbers_must_be_finite_and_above_the_bound(s: SimpleNamespace, text: str, kind: str):
    assert _errors(s, {"id": "A", "count": "2", "names": ["a"], "leaf": {"name": "n", "weight": text}}) == [
        (kind, ("leaf", "weight"))
    ]


def test_instances_are_immutable_and_compare_by_value(s: SimpleNamespace):
    leaf = s.Leaf.model_validate({"name": "a"})
    with pytest.raises(AttributeError):
        leaf.name = "b"
    assert leaf == s.Leaf(name="a", weight=None)
    assert leaf != s.Leaf(name="a", weight=1.0)
    assert leaf != s.Note(note="a")
    assert hash(leaf) == hash(s.Leaf(name="a"))
    assert hash(leaf) != hash(s.Note(note="a"))
    assert repr(leaf) == "Leaf(name='a', weight=None)"


def test_an_instance_is_accepted_where_its_model_is_expected(s: SimpleNamespace):
    leaf = s.Leaf(name="a")
    tree = s.Tree.model_validate({"id": "A", "count": "2", "names": ["a"], "leaf": leaf})
    assert tree.leaf is leaf


def test_field_facts_for_the_reference_and_the_json_schema(s: SimpleNamespace):
    fields = s.Tree.model_fields
    assert list(fields) == ["code", "mode", "count", "entries", "kinds", "leaf", "names"]
    assert (fields["code"].key, fields["code"].is_required(), fields["code"].description) == ("id", True, "mã")
    assert (fields["mode"].key, fields["mode"].is_required(), fields["mode"].default) == ("mode", False, "a")
    assert (
        fields["entries"].make_default() == []
        and fields["entries"].make_default() is not fields["entries"].make_default()
    )
    assert list(s.Fancy.model_fields) == ["kind", "shiny"]
