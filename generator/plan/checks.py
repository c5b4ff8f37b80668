"""The checks of :mod:`generator.plan.model`: one function per annotation, built once, run per value.

A check takes the raw value, where it sits (``loc``) and the list of errors; it returns the
converted value, or ``_INVALID`` after appending an error. Nothing stops at the first error:
a model checks every field and every unknown key, a list every item.
"""

from __future__ import annotations

import math
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, Union

from generator.plan.model import (
    Before,
    Constraints,
    Discriminator,
    ErrorDetail,
    FieldError,
    FieldInfo,
    Model,
    Plain,
    Tag,
    marker,
    unpack,
)

Loc = tuple[int | str, ...]
Check = Callable[[Any, Loc, list[ErrorDetail]], Any]
_INVALID: Any = type("Invalid", (), {})()


def _error(errors: list[ErrorDetail], kind: str, loc: Loc, value: Any, msg: str = "", **ctx: Any) -> Any:
    errors.append({"type": kind, "loc": loc, "msg": msg or kind, "input": value, "ctx": ctx})
    return _INVALID


_BUILT: dict[type[Model], Check] = {}


def validator(cls: type[Model]) -> Check:
    """The check of a model, built on first use: the annotations it reads may name later classes."""
    if cls not in _BUILT:
        _BUILT[cls] = _model_check(cls)
    return _BUILT[cls]


def _model_check(cls: type[Model]) -> Check:
    fields = list(cls.model_fields.values())
    checks: dict[str, Check] = {}
    by_key = {info.key: info for info in fields}

    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        if isinstance(value, cls):
            return value
        if not isinstance(value, dict):
            return _error(errors, "model_type", loc, value)
        if not checks:
            checks.update({info.name: _check_for(info.annotation, info) for info in fields})
        known = len(errors)
        values = {}
        for info in fields:  # in the order they are declared, as the author reads the reference
            if info.key in value:
                values[info.name] = checks[info.name](value[info.key], (*loc, info.key), errors)
            elif info.is_required():
                _error(errors, "missing", (*loc, info.key), value)
        for key in value:
            if key not in by_key:
                _error(errors, "extra_forbidden", (*loc, key), value[key])
        return _INVALID if len(errors) > known else cls(**values)

    return check


def _check_for(annotation: Any, info: FieldInfo | None = None) -> Check:
    """The check of one annotation (with the field's own list bound, if any)."""
    annotation, meta = unpack(annotation)
    plain = marker(meta, Plain)
    origin = typing.get_origin(annotation)
    inner = _plain_check(plain.function) if plain is not None else _type_check(annotation, origin, meta, info)
    for before in reversed([m for m in meta if isinstance(m, Before)]):
        inner = _before_check(before.function, inner)
    return inner


def _plain_check(function: Callable[[Any], Any]) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        try:
            return function(value)
        except FieldError as exc:
            return _error(errors, exc.kind, loc, value, exc.message)

    return check


def _before_check(function: Callable[[Any], Any], inner: Check) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        try:
            value = function(value)
        except FieldError as exc:
            return _error(errors, exc.kind, loc, value, exc.message)
        return inner(value, loc, errors)

    return check


def _type_check(annotation: Any, origin: Any, meta: tuple[Any, ...], info: FieldInfo | None) -> Check:
    bounds = marker(meta, Constraints) or Constraints()
    discriminator = marker(meta, Discriminator)
    if origin in (Union, types.UnionType):
        options = typing.get_args(annotation)
        if discriminator is not None:
            return _tagged_check(options, discriminator)
        real = [o for o in options if o is not type(None)]
        if len(real) != 1:
            msg = f"a union needs a Discriminator: {annotation}"
            raise TypeError(msg)
        inner = _check_for(real[0], info)
        return lambda value, loc, errors: None if value is None else inner(value, loc, errors)
    if origin is list:
        item = _check_for(typing.get_args(annotation)[0])
        return _list_check(item, info.min_length if info else None)
    if origin is Literal:
        return _literal_check(typing.get_args(annotation))
    if annotation is str:
        return _text_check(bounds)
    if annotation is bool:
        return _bool_check
    if annotation is float:
        return _number_check(bounds)
    if isinstance(annotation, type) and issubclass(annotation, Model):
        return lambda value, loc, errors: validator(annotation)(value, loc, errors)
    msg = f"no check for {annotation!r}"
    raise TypeError(msg)


def _tagged_check(options: tuple[Any, ...], discriminator: Discriminator) -> Check:
    tagged: dict[str, Any] = {}
    for option in options:
        tag = next(m.tag for m in option.__metadata__ if isinstance(m, Tag))
        tagged[tag] = option
    checks: dict[str, Check] = {}
    expected = ", ".join(f"'{tag}'" for tag in tagged)

    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        tag = discriminator.function(value)
        if tag is None:
            if discriminator.custom_error_type:
                message = discriminator.custom_error_message or ""
                return _error(errors, discriminator.custom_error_type, loc, value, message)
            return _error(errors, "union_tag_not_found", loc, value)
        if tag not in tagged:
            return _error(errors, "union_tag_invalid", loc, value, tag=tag, expected_tags=expected)
        if tag not in checks:
            checks[tag] = _check_for(tagged[tag])
        return checks[tag](value, (*loc, tag), errors)

    return check


def _list_check(item: Check, min_length: int | None) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        if not isinstance(value, list):
            return _error(errors, "list_type", loc, value)
        known = len(errors)
        out = [item(element, (*loc, index), errors) for index, element in enumerate(value)]
        if min_length is not None and len(out) < min_length:
            return _error(errors, "too_short", loc, value, min_length=min_length)
        return _INVALID if len(errors) > known else out

    return check


def _literal_check(options: tuple[Any, ...]) -> Check:
    allowed = set(options)

    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        if isinstance(value, str) and value in allowed:
            return value
        return _error(errors, "literal_error", loc, value, expected=options)

    return check


def _text_check(bounds: Constraints) -> Check:
    pattern = re.compile(bounds.pattern) if bounds.pattern else None

    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        if not isinstance(value, str):
            return _error(errors, "string_type", loc, value)
        if bounds.min_length is not None and len(value) < bounds.min_length:
            return _error(errors, "string_too_short", loc, value, min_length=bounds.min_length)
        if bounds.max_length is not None and len(value) > bounds.max_length:
            return _error(errors, "string_too_long", loc, value, max_length=bounds.max_length)
        if pattern is not None and not pattern.match(value):
            return _error(errors, "string_pattern_mismatch", loc, value, pattern=bounds.pattern)
        return value

    return check


# The words YAML 1.1 and pydantic's lax mode read as yes and no.
_TRUE = {"true", "yes", "on", "y", "t", "1"}
_FALSE = {"false", "no", "off", "n", "f", "0"}


def _bool_check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        return _error(errors, "bool_parsing", loc, value)
    return _error(errors, "bool_type", loc, value)


def _number_check(bounds: Constraints) -> Check:
    def check(value: Any, loc: Loc, errors: list[ErrorDetail]) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return _error(errors, "float_type", loc, value)
        try:
            number = float(value)
        except ValueError:
            return _error(errors, "float_parsing", loc, value)
        if not math.isfinite(number):
            return _error(errors, "float_parsing", loc, value)
        if bounds.gt is not None and not number > bounds.gt:
            return _error(errors, "greater_than", loc, value, gt=bounds.gt)
        return number

    return check
