"""Domain values as plain JSON data and back, field by field (what the journal keeps).

Driven by the dataclasses' type hints, so a new field needs no code here: text,
numbers, enums, multilingual text, dates, zoned times, bytes, lists, tuples,
sets, mappings and nested dataclasses. Times keep their IANA zone.
"""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast, get_args, get_origin
from zoneinfo import ZoneInfo

from visitplanner.domain.values import LocalizedText

T = TypeVar("T")

#: A value as JSON holds it.
Plain = Any


@cache
def field_types(cls: Any) -> dict[str, Any]:
    """The resolved type hint of each field of the dataclass `cls`, in declaration order."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def to_plain(value: object) -> Plain:
    """`value` as JSON-ready data (dicts, lists, strings, numbers, booleans, None)."""
    return _converter(cast(Any, type(value)))(value)


def _same(value: Any) -> Plain:
    return value


def _moment(value: datetime) -> Plain:
    tz = value.tzinfo
    key = tz.key if isinstance(tz, ZoneInfo) else "UTC"
    return {"utc": value.astimezone(UTC).isoformat(), "tz": key}


@cache
def _converter(kind: type) -> Callable[[Any], Plain]:
    """How a value of type `kind` becomes plain data (found once per type: a roster
    import journals ten thousand people)."""
    if issubclass(kind, Enum):
        return lambda value: value.value
    if kind in (str, int, float, bool, type(None)):
        return _same
    if kind is LocalizedText:
        return LocalizedText.to_dict
    if issubclass(kind, datetime):
        return _moment
    if issubclass(kind, date):
        return date.isoformat
    if kind is bytes:
        return lambda value: base64.b64encode(value).decode("ascii")
    if dataclasses.is_dataclass(kind):
        names = tuple(f.name for f in dataclasses.fields(kind))
        return lambda value: {name: to_plain(getattr(value, name)) for name in names}
    if issubclass(kind, dict):
        return lambda value: {str(key): to_plain(item) for key, item in value.items()}
    if issubclass(kind, frozenset | set):
        return lambda value: sorted(to_plain(item) for item in value)
    if issubclass(kind, list | tuple):
        return lambda value: [to_plain(item) for item in value]
    raise TypeError(f"no plain form for {kind.__name__}")


def from_plain(hint: Any, plain: Plain) -> Any:
    """The value of type `hint` that `to_plain` turned into `plain`."""
    origin = get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        if plain is None:
            return None
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        return from_plain(options[0], plain)
    if hint is Any or plain is None:
        return plain
    if origin in (list, tuple, frozenset, set):
        (item_hint, *_rest) = get_args(hint)
        items = [from_plain(item_hint, item) for item in plain]
        return origin(items)
    if origin is dict:
        _key_hint, item_hint = get_args(hint)
        return {key: from_plain(item_hint, item) for key, item in plain.items()}
    if hint is LocalizedText:
        return LocalizedText.from_dict(plain)
    if hint is datetime:
        return datetime.fromisoformat(plain["utc"]).astimezone(ZoneInfo(plain["tz"]))
    if hint is date:
        return date.fromisoformat(plain)
    if hint is bytes:
        return base64.b64decode(plain)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(plain)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return entity_from_plain(hint, plain)
    if hint is float and isinstance(plain, int):
        return float(plain)
    return plain


def entity_from_plain(cls: type[T], plain: dict[str, Plain]) -> T:
    """An instance of the dataclass `cls` from its plain form (missing fields take defaults)."""
    hints = field_types(cast(Any, cls))
    values = {name: from_plain(hints[name], plain[name]) for name in hints if name in plain}
    return cls(**values)


def changed_fields(before: object, after: object) -> list[str]:
    """The names of the fields whose values differ between two versions of an entity."""
    return [
        f.name
        for f in dataclasses.fields(before)  # type: ignore[arg-type]
        if getattr(before, f.name) != getattr(after, f.name)
    ]


def fields_to_plain(entity: object, names: list[str]) -> dict[str, Plain]:
    """Some fields of `entity`, in plain form."""
    return {name: to_plain(getattr(entity, name)) for name in names}


def with_plain_fields(entity: T, plain: dict[str, Plain]) -> T:
    """A copy of `entity` with the fields in `plain` set from their plain form."""
    hints = field_types(cast(Any, type(entity)))
    values = {name: from_plain(hints[name], value) for name, value in plain.items()}
    return dataclasses.replace(entity, **values)  # type: ignore[type-var]
