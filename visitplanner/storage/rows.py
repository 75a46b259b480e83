"""Conversions between domain values and the column values of the visit file.

Reading converts the same column text again and again (an empty text, a function
many people hold, the half-hour at which a hundred events start): those conversions
are remembered, since what they make is immutable (LocalizedText, aware datetimes).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Final

from visitplanner.domain.values import LocalizedText, zone


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


def row_dict(cursor_description: Any, row: tuple[Any, ...]) -> dict[str, Any]:
    """A row as a mapping of column name to value."""
    return {col[0]: value for col, value in zip(cursor_description, row, strict=True)}
