"""Hotel rooming: a hotel's room types, and a person's stay in a hotel.

A hotel is a venue marked as one (`Venue.hotel`) with its room types (single, double,
suite...: a name in each language, how many sleep in it, whether it is step-free). A
stay says who sleeps where, from when to when: the person, the hotel, the room type,
the room number (often known only the day before), check-in and check-out as times in
the hotel's zone, whom the person shares the room with, whether the room must be
step-free, a late arrival (the hotel keeps the room), who pays (internal) and notes.
A person may have several stays (two hotels on a longer visit).

Until format version 10 a person's hotel was a free text; `stays_from_texts` turns such
texts into stays (the visit file's migration and the JSON import of an older file).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Final

from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.domain.values import LocalizedText, instant, require_zoned, zone
from visitplanner.i18n import N_, _

#: The languages a rooming list is printed in; any other hotel gets English.
ROOMING_LANGUAGES: Final = ("fr", "uk", "en")

#: A country as a venue writes it (name or ISO code, folded) -> the language of its hotels.
_COUNTRY_LANGUAGES: Final = {
    "france": "fr",
    "fr": "fr",
    "belgique": "fr",
    "belgium": "fr",
    "luxembourg": "fr",
    "monaco": "fr",
    "suisse": "fr",
    "ukraine": "uk",
    "ua": "uk",
    "україна": "uk",
}

#: When a stay made from an old free-text hotel starts and ends (the hotel's usual hours).
CHECK_IN_TIME: Final = time(15, 0)
CHECK_OUT_TIME: Final = time(12, 0)

#: The prefix of a hotel text kept in a person's notes when no venue matches it.
HOTEL_NOTE: Final = "Hôtel : "

_CHECK_IN: Final = N_("a check-in time")
_CHECK_OUT: Final = N_("a check-out time")


class Billing(StrEnum):
    """Who pays for a room: the host side, or the guest's own side. Internal."""

    HOST = "host"
    GUEST = "guest"


@dataclass(slots=True)
class RoomType:
    """A kind of room a hotel has: its name, how many sleep in it, step-free or not."""

    name: LocalizedText = field(default_factory=LocalizedText)
    capacity: int = 1
    step_free: bool = False
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.capacity < 1:
            raise DomainError(_("a room sleeps at least one person"))


@dataclass(slots=True)
class Stay:
    """One person's stay in one hotel, from check-in to check-out (times in the hotel's zone)."""

    person_id: str
    hotel_id: str
    check_in: datetime
    check_out: datetime
    room_type_id: str | None = None
    #: The room's number, often known only the day before.
    room_number: str = ""
    #: The person sharing the room, if any.
    shares_with_id: str | None = None
    #: Whether the room must be step-free (besides what the person's needs say).
    step_free: bool = False
    #: The person arrives late at night: the hotel keeps the room.
    late_arrival: bool = False
    #: Who pays. Internal.
    billing: Billing = Billing.HOST
    notes: str = ""
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        require_zoned(self.check_in, _CHECK_IN)
        require_zoned(self.check_out, _CHECK_OUT)
        if instant(self.check_out) <= instant(self.check_in):
            raise DomainError(_("a stay ends before it starts"))
        if self.shares_with_id is not None and self.shares_with_id == self.person_id:
            raise DomainError(_("a person does not share a room with themselves"))

    def nights(self) -> list[date]:
        """The nights of the stay, each named by its evening's date (in the hotel's zone)."""
        first, last = self.check_in.date(), self.check_out.date()
        return [date.fromordinal(d) for d in range(first.toordinal(), last.toordinal())]


def fold(text: str) -> str:
    """`text` in lower case without accents (é = e), as names are compared here.

    Not `domain.search.fold`: search reads the model, which reads this module.
    """
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def country_language(country: str) -> str:
    """The language a hotel of `country` reads a rooming list in (English if unknown)."""
    wanted = fold(country).strip()
    return next((lang for name, lang in _COUNTRY_LANGUAGES.items() if fold(name) == wanted), "en")


def room_type_of(room_types: Iterable[RoomType], ident: str | None) -> RoomType | None:
    """The room type with id `ident` among `room_types`, or None."""
    if ident is None:
        return None
    return next((t for t in room_types if t.id == ident), None)


_SEPARATOR: Final = re.compile(r"[,;(\n–—-]")


def _key(text: str) -> str:
    """A name as matching compares it: folded, apostrophes and spaces made one."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(text)).split())


def match_hotel(text: str, names: dict[str, list[str]]) -> str | None:
    """The id of the venue whose name the free text `text` names, or None.

    `names` holds each venue's names (every language). A venue matches when the text,
    or its part before the first comma ("Hôtel Novotel …, 61 quai de Grenelle"),
    is one of its names, case and accents aside, or begins with it ("Hôtel Lutetia
    Paris" names "Hôtel Lutetia"). The longest name wins; two venues equally named
    match neither: the text is kept for the officer to decide.
    """
    whole = _key(text)
    head = _key(_SEPARATOR.split(text, maxsplit=1)[0])
    if not whole:
        return None
    best: dict[str, int] = {}
    for ident, venue_names in names.items():
        for name in venue_names:
            key = _key(name)
            if len(key) < 3:
                continue
            if key in (whole, head) or whole.startswith(key + " "):
                best[ident] = max(best.get(ident, 0), len(key))
    if not best:
        return None
    longest = max(best.values())
    winners = [ident for ident, length in best.items() if length == longest]
    return winners[0] if len(winners) == 1 else None


@dataclass(frozen=True, slots=True)
class HotelText:
    """What became of one person's free-text hotel: a stay, or a line in the notes."""

    person_id: str
    stay: Stay | None
    notes: str


def stays_from_texts(
    texts: dict[str, str],
    notes: dict[str, str],
    venue_names: dict[str, list[str]],
    first_day: date,
    last_day: date,
    tz: str,
) -> list[HotelText]:
    """Turn the free-text hotels of a visit (by person id) into stays, or notes.

    A text that names a venue (`match_hotel`) becomes a stay there from the visit's
    first day at `CHECK_IN_TIME` to its last day at `CHECK_OUT_TIME` (in the visit's
    zone; a visit of one day ends the next day, a stay having a night). A text that
    names none is kept in the person's notes ("Hôtel : …") for the officer, no venue
    being made up from a text that may be an address, a private flat or a question.
    """
    zoned = zone(tz)
    check_in = datetime.combine(first_day, CHECK_IN_TIME, zoned)
    last = last_day if last_day > first_day else date.fromordinal(first_day.toordinal() + 1)
    check_out = datetime.combine(last, CHECK_OUT_TIME, zoned)
    found = []
    for person_id, text in texts.items():
        text = text.strip()
        if not text:
            continue
        hotel_id = match_hotel(text, venue_names)
        before = notes.get(person_id, "")
        if hotel_id is None:
            line = HOTEL_NOTE + " ".join(text.split())
            found.append(HotelText(person_id, None, f"{before}\n{line}" if before else line))
        else:
            stay = Stay(
                person_id=person_id, hotel_id=hotel_id, check_in=check_in, check_out=check_out
            )
            found.append(HotelText(person_id, stay, before))
    return found
