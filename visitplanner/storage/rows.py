"""Conversions between domain values and the column values of the visit file.

Reading converts the same column text again and again (an empty text, a function
many people hold, the half-hour at which a hundred events start): those conversions
are remembered, since what they make is immutable (LocalizedText, aware datetimes).
"""

from __future__ import annotations

import gc
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any, Final, TypeVar

from visitplanner.domain.address import AddressForms, AddressUse
from visitplanner.domain.values import LocalizedText, zone

E = TypeVar("E", bound=Enum)


def text_to_db(text: LocalizedText) -> str:
    """A multilingual text as a JSON object (empty versions left out)."""
    return json.dumps(text.to_dict(), ensure_ascii=False, sort_keys=True)


_NO_TEXT: Final = LocalizedText()


@lru_cache(maxsize=16_384)
def text_from_db(raw: str | None) -> LocalizedText:
    """A multilingual text from its JSON object."""
    if not raw or raw == "{}":
        return _NO_TEXT
    return LocalizedText.from_dict(json.loads(raw))


def address_forms_to_db(forms: AddressForms) -> str:
    """A person's own forms of address as a JSON object of multilingual texts by use."""
    parts = {use: text.to_dict() for use, text in _address_parts(forms) if text.to_dict()}
    return json.dumps(parts, ensure_ascii=False, sort_keys=True)


def address_forms_from_db(raw: str | None) -> AddressForms:
    """A person's own forms of address from their JSON object."""
    if not raw or raw == "{}":
        return _NO_FORMS
    parts = json.loads(raw)
    return AddressForms(**{use: LocalizedText.from_dict(text) for use, text in parts.items()})


def _address_parts(forms: AddressForms) -> list[tuple[str, LocalizedText]]:
    return [(use.value, getattr(forms, use.value)) for use in AddressUse]


_NO_FORMS: Final = AddressForms()


def list_to_db(values: tuple[str, ...] | list[str]) -> str:
    """A list of short strings (language codes) as a JSON array."""
    return json.dumps(list(values), ensure_ascii=False)


@lru_cache(maxsize=4096)
def list_from_db(raw: str | None) -> tuple[str, ...]:
    """A JSON array of strings as a tuple."""
    return tuple(json.loads(raw)) if raw else ()


def time_to_db(moment: datetime) -> tuple[str, str]:
    """An aware time as (UTC ISO-8601 with Z, IANA zone name)."""
    key = moment.tzinfo.key  # type: ignore[union-attr]
    utc = moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    return utc + "Z", key


@lru_cache(maxsize=16_384)
def time_from_db(utc: str, tz: str) -> datetime:
    """An aware time in its own zone from its UTC text and zone name."""
    moment = datetime.fromisoformat(utc.removesuffix("Z")).replace(tzinfo=UTC)
    return moment.astimezone(zone(tz))


def optional_time_to_db(moment: datetime | None) -> tuple[str | None, str | None]:
    """Like `time_to_db`, with None for an unknown time."""
    return (None, None) if moment is None else time_to_db(moment)


def optional_time_from_db(utc: str | None, tz: str | None) -> datetime | None:
    """Like `time_from_db`, with None for an unknown time."""
    return None if utc is None or tz is None else time_from_db(utc, tz)


def date_to_db(value: date | None) -> str | None:
    """A date as YYYY-MM-DD."""
    return None if value is None else value.isoformat()


def date_from_db(raw: str | None) -> date | None:
    """A date from YYYY-MM-DD."""
    return None if raw is None else date.fromisoformat(raw)


def rows_of(conn: sqlite3.Connection, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
    """The rows `sql` selects, each as a mapping of column name to value.

    Plain dictionaries: looking a column up by name in an `sqlite3.Row` searches the
    columns one by one, which made reading a person (forty-odd columns) slow.
    """
    cursor = conn.execute(sql, tuple(args))
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def enum_from_db(kind: type[E]) -> Callable[[Any], E]:
    """A reader of `kind`'s stored values: a dictionary lookup, since calling the enum
    is slow over hundreds of thousands of rows; an unknown value still raises the
    enum's own ValueError naming it."""
    members: dict[Any, E] = {member.value: member for member in kind}

    def read(value: Any) -> E:
        found = members.get(value)
        return kind(value) if found is None else found

    return read


@contextmanager
def collector_paused(freeze_after: bool = False) -> Iterator[None]:
    """Keep Python's cycle collector from running while a whole visit is read or a
    programme compared.

    Both make hundreds of thousands of small objects, none of them garbage, and each
    few thousand of them set the collector walking all the others: a quarter of the
    time of reading ten summits, most of a comparison's. Reference counting still
    frees what is dropped; the collector runs again at the end (unless it was paused
    already).

    `freeze_after` (reading a visit, which then lives long): what exists at the end
    is moved out of the collector's walks (`gc.freeze`), so a command that ends no
    longer walks ten summits several times over on its way out (a second at that
    size). Only a reference cycle among frozen objects waits for `gc.unfreeze`, which
    the window's check runs call at the end of each run (`ui.checks.view`).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze_after:
            gc.freeze()
        if was_enabled:
            gc.enable()
