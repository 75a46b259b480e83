"""How an entity's fields are kept in the shared document, and the pure rules of a merge:
fields encoded as JSON text, list items by id, rows kept in order, links cut to what is
gone, and entities mended when merged fields leave them inconsistent."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Final

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.errors import DomainError
from visitplanner.domain.plain import Plain, entity_from_plain, field_types

#: The key under which a journal record keeps a created or deleted entity's row place.
PLACE: Final = "_place"


def _encode(value: Plain) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _decode(text: object) -> Plain:
    return json.loads(text) if isinstance(text, str) else None


@cache
def item_fields(cls: type) -> dict[str, type]:
    """The list fields of `cls` whose items carry an id, with the items' class."""
    found: dict[str, type] = {}
    for name, hint in field_types(cls).items():
        if typing.get_origin(hint) is not list:
            continue
        item: Any = typing.get_args(hint)[0]
        if isinstance(item, type) and dataclasses.is_dataclass(item) and "id" in field_types(item):
            found[name] = item
    return found


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field_types(cls))


def _item_key(name: str, item: str, sub: str) -> str:
    return f"{name}/{item}/{sub}"


def _first_each(ids: Iterable[Any]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for ident in ids:
        if isinstance(ident, str) and ident not in seen:
            seen.add(ident)
            out.append(ident)
    return out


def _increasing(positions: Sequence[int]) -> set[int]:
    """The indexes of a longest increasing run (not contiguous) in `positions`."""
    import bisect

    tails: list[int] = []
    tail_at: list[int] = []
    back: list[int] = [-1] * len(positions)
    for i, value in enumerate(positions):
        j = bisect.bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[j] = value
            tail_at[j] = i
        back[i] = tail_at[j - 1] if j else -1
    keep: set[int] = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        keep.add(i)
        i = back[i]
    return keep


def _place_after(current: list[str], wanted: Sequence[str], ident: str) -> int:
    """Where `ident` goes in `current` so that it follows what precedes it in `wanted`."""
    at = wanted.index(ident)
    present = {x: n for n, x in reversed(list(enumerate(current)))}
    for before in reversed(wanted[:at]):
        if before in present:
            return present[before] + 1
    return 0


def _cut(value: Plain, gone: frozenset[str]) -> Plain:
    """`value` with every mention of an id in `gone` taken out, as the visit file cuts
    links when their target is deleted: a single link emptied, an id struck from a list,
    an entry keyed by it dropped."""
    if isinstance(value, str):
        return None if value in gone else value
    if isinstance(value, list):
        return [_cut(v, gone) for v in value if not (isinstance(v, str) and v in gone)]
    if isinstance(value, dict):
        return {k: _cut(v, gone) for k, v in value.items() if k not in gone}
    return value


def _mentions(value: Plain, ids: frozenset[str]) -> bool:
    if isinstance(value, str):
        return value in ids
    if isinstance(value, list):
        return any(_mentions(v, ids) for v in value)
    if isinstance(value, dict):
        return any(k in ids or _mentions(v, ids) for k, v in value.items())
    return False


#: Fields that must come in order: (earlier, later, how far the later one is put after).
_IN_ORDER: Final[dict[str, tuple[str, str, timedelta]]] = {
    "event": ("start", "end", timedelta(0)),
    "stay": ("check_in", "check_out", timedelta(days=1)),
}


def _mend(kind: str, plain: dict[str, Plain]) -> dict[str, Plain]:
    """The fields to set so that an entity merged from two replicas is consistent again
    (empty when it is)."""
    pair = _IN_ORDER.get(kind)
    if kind == "visit":
        if plain.get("end_date", "") < plain.get("start_date", ""):
            return {"end_date": plain["start_date"]}
        return {}
    if pair is None:
        return {}
    first, last, gap = pair
    try:
        start = datetime.fromisoformat(plain[first]["utc"])
        end = datetime.fromisoformat(plain[last]["utc"])
    except (KeyError, TypeError, ValueError):
        return {}
    if end > start or (end == start and not gap):
        return {}
    moved = (start + gap).astimezone(UTC).isoformat()
    return {last: {"utc": moved, "tz": plain[last]["tz"]}}


def _lacks(earlier: dict[str, Plain], plain: dict[str, Plain]) -> bool:
    """Whether `plain` lacks a field (or a field of a list's item) that `earlier` had: a
    value deleted by an update whose replacement waits for an update not received yet
    (every field is written whenever its entity or item is)."""
    for name, value in earlier.items():
        if name not in plain:
            return True
        now = plain[name]
        if isinstance(value, list) and isinstance(now, list) and value and now:
            if not all(isinstance(x, dict) and "id" in x for x in (*value, *now)):
                continue
            before = {x["id"]: x for x in value}
            if any(x["id"] in before and set(before[x["id"]]) - set(x) for x in now):
                return True
    return False


def _complete(kind: str, plain: dict[str, Plain]) -> bool:
    """Whether `plain` makes an entity of `kind` (once mended, `_mend`): every field that
    has no default is there and readable."""
    whole = {**plain, **_mend(kind, plain)}
    try:
        entity_from_plain(entity_kinds.BY_NAME[kind].cls, whole)
    except DomainError:
        return True
    except (TypeError, KeyError, ValueError, AttributeError):
        return False
    return True
