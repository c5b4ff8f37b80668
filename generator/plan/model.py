"""Frozen models declared as annotated fields, validated with every error reported at once.

The plan format is written as classes (:mod:`generator.plan.schema`): one annotated field per
line with its meaning, ``Field(default, description=…)``. This module gives those classes
their behaviour: read a YAML tree into instances, and collect every shape error with its place.

Why not pydantic, which the format first used: its import and the building of the format's
27 model classes took about 140 ms of a 380 ms build, more than the whole of what a bare
docxtpl script spends rendering (issue 18); msgspec starts fast but stops at the first error
and cannot tell items apart by their keys. The checks themselves are in
:mod:`generator.plan.checks`; their errors keep pydantic's shape (``type``, ``loc``, ``msg``,
``input``, ``ctx``) so that :mod:`generator.plan.schema_errors` reads them.

The vocabulary, used inside ``Annotated[…]``:
- :class:`Before` runs a function on the raw value first (cleaning, "one unit or a list");
- :class:`Plain` lets a function do the whole check (numbers, years, dates), raising
  :class:`FieldError` with the Vietnamese message;
- :class:`Constraints` bounds a text (length, pattern) or a number (``gt``);
- :class:`Discriminator` picks one option of a union by a function of the value, each option
  marked with a :class:`Tag`;
- :class:`JsonSchema` says what the exported JSON Schema shows for the field.
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

# One error: ``type``, ``loc`` (the path in the data), ``msg``, ``input`` and ``ctx``.
ErrorDetail = dict[str, Any]

# --- the vocabulary ---------------------------------------------------------------------


@dataclass(frozen=True)
class Before:
    """Run ``function`` on the raw value before the type is checked."""

    function: Callable[[Any], Any]


@dataclass(frozen=True)
class Plain:
    """``function`` checks and converts the raw value itself."""

    function: Callable[[Any], Any]


@dataclass(frozen=True)
class Constraints:
    """Bounds on a text (``min_length``, ``max_length``, ``pattern``) or a number (``gt``)."""

    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    gt: float | None = None


@dataclass(frozen=True)
class Tag:
    """The name of one option of a discriminated union."""

    tag: str


@dataclass(frozen=True)
class Discriminator:
    """Picks the union's option: ``function(value)`` gives a :class:`Tag` name or ``None``."""

    function: Callable[[Any], str | None]
    custom_error_type: str | None = None
    custom_error_message: str | None = None


@dataclass(frozen=True, eq=False)  # hashed by identity: typing hashes Annotated metadata
class JsonSchema:
    """What the exported JSON Schema shows instead of what the type would give."""

    schema: dict[str, Any]


M = typing.TypeVar("M")


def unpack(annotation: Any) -> tuple[Any, tuple[Any, ...]]:
    """An annotation split into its type and its ``Annotated`` metadata (none: an empty tuple)."""
    if typing.get_origin(annotation) is Annotated:
        base, *meta = typing.get_args(annotation)
        return base, tuple(meta)
    return annotation, ()


def marker(meta: tuple[Any, ...], kind: type[M]) -> M | None:
    """The first piece of metadata of one kind (a :class:`Constraints`, a :class:`Plain`…)."""
    return next((m for m in meta if isinstance(m, kind)), None)


class FieldError(ValueError):
    """A value a :class:`Plain` or :class:`Before` function refuses, with the user's message."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class ValidationFailed(ValueError):
    """Every shape error of one validation, in the order the fields were met."""

    def __init__(self, errors: list[ErrorDetail]) -> None:
        super().__init__(f"{len(errors)} validation errors")
        self._errors = errors

    def errors(self) -> list[ErrorDetail]:
        return self._errors


# --- fields and models --------------------------------------------------------------------

_MISSING: Any = type("Missing", (), {"__repr__": lambda self: "<required>"})()


class FieldInfo:
    """One field: its default and meaning; the annotation is read when first needed."""

    def __init__(
        self,
        default: Any = _MISSING,
        *,
        description: str | None = None,
        default_factory: Callable[[], Any] | None = None,
        alias: str | None = None,
        min_length: int | None = None,
    ) -> None:
        self.default = default
        self.description = description
        self.default_factory = default_factory
        self.alias = alias
        self.min_length = min_length

    # Set by the model class that declares the field (Model.__init_subclass__).
    name: str
    owner: type[Model]

    def is_required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    @property
    def key(self) -> str:
        """The key written in the YAML file."""
        return self.alias or self.name

    @property
    def annotation(self) -> Any:
        """The field's type, ``Annotated`` metadata included."""
        return _hints(self.owner)[self.name]

    def make_default(self) -> Any:
        return self.default_factory() if self.default_factory is not None else self.default


def Field(
    default: Any = _MISSING,
    *,
    description: str | None = None,
    default_factory: Callable[[], Any] | None = None,
    alias: str | None = None,
    min_length: int | None = None,
) -> Any:
    """A field with its default (none: the key is required) and its meaning for the author."""
    return FieldInfo(
        default, description=description, default_factory=default_factory, alias=alias, min_length=min_length
    )


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    """The class's evaluated annotations, read once: forward references resolve after import."""
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls, include_extras=True)
    return _HINTS[cls]


class Model:
    """Base of every plan model: unknown keys are errors, instances are immutable."""

    model_fields: typing.ClassVar[dict[str, FieldInfo]] = {}
    model_fields_set: frozenset[str]  # the fields the data gave (the others took their default)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.model_fields)  # the base's fields first, in their order
        for name in inspect.get_annotations(cls):  # names only: the types are read when first needed
            value = cls.__dict__.get(name, _MISSING)
            info = value if isinstance(value, FieldInfo) else FieldInfo(value)
            info.name, info.owner = name, cls
            fields[name] = info
        cls.model_fields = fields

    def __init__(self, **values: Any) -> None:
        """An instance from values already checked (or the defaults); :meth:`model_validate` checks."""
        for name, info in self.model_fields.items():
            object.__setattr__(self, name, values[name] if name in values else info.make_default())
        object.__setattr__(self, "model_fields_set", frozenset(values))

    @classmethod
    def model_validate(cls, data: Any) -> typing.Self:
        """The instance ``data`` describes; raises :class:`ValidationFailed` with every error."""
        from generator.plan.checks import validator  # builds on Model: imported when first used

        errors: list[ErrorDetail] = []
        result: typing.Self = validator(cls)(data, (), errors)
        if errors:
            raise ValidationFailed(errors)
        return result

    def __setattr__(self, name: str, value: Any) -> None:
        msg = f"{type(self).__name__} is immutable"
        raise AttributeError(msg)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.model_fields)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Model) and type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.model_fields)
        return f"{type(self).__name__}({shown})"
