"""A hotel's rooming list: its rows as the hotel reads them, and what changed since the
list last sent.

A row is one stay: the name in Latin script as in the passport (the hotel's system
often refuses Cyrillic; a name known only in Cyrillic is transliterated by the national
system, and the row says so), room type, room number, check-in and check-out in the
hotel's zone, with whom the room is shared, step-free, late arrival, billing (internal
lists only) and notes. Rows are sorted by name. Each list sent is remembered as its rows
(`SentList`), so the next one marks rows added, changed and removed since.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum

from visitplanner.domain.model import Person, Venue, VisitData
from visitplanner.domain.rooming import (
    ROOMING_LANGUAGES,
    Stay,
    country_language,
    room_type_of,
)
from visitplanner.domain.translit import has_cyrillic, transliterate
from visitplanner.domain.values import instant


def hotel_names(data: VisitData, lang: str) -> dict[str, str]:
    """The hotel(s) each person stays at, by person id, in the order of their stays."""
    venues = {v.id: v.name.get(lang, data.visit.main_language) for v in data.venues}
    found: dict[str, list[str]] = {}
    for stay in sorted(data.stays, key=lambda s: instant(s.check_in)):
        names = found.setdefault(stay.person_id, [])
        name = venues.get(stay.hotel_id, "")
        if name and name not in names:
            names.append(name)
    return {ident: "; ".join(names) for ident, names in found.items()}


def rooming_language(hotel: Venue) -> str:
    """The language of `hotel`'s rooming list: its own, else its country's (English)."""
    lang = hotel.rooming_language or country_language(hotel.country)
    return lang if lang in ROOMING_LANGUAGES else "en"


def passport_name(person: Person) -> tuple[str, bool]:
    """The person's name in Latin script, family name first in capitals, as a hotel
    registers it, and whether it was transliterated here (known only in Cyrillic).

    The passport's own spelling wins ("KALMYKOVA NATALIIA"), then the Latin name of the
    roster, then the native name transliterated (national system of 2010)."""
    passport = person.accreditation.passport_name.strip()
    if passport and not has_cyrillic(passport):
        return passport.upper(), False
    if person.family_name and not has_cyrillic(person.family_name):
        return f"{person.family_name.upper()} {person.given_name}".strip(), False
    family = person.family_name_native or person.family_name
    given = person.given_name_native or person.given_name
    return f"{transliterate(family)} {transliterate(given)}".strip().upper(), True


class Change(StrEnum):
    """How a row stands against the list last sent."""

    SAME = "same"
    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class RoomingRow:
    """One line of a rooming list, as printed (texts in the list's language)."""

    stay_id: str
    name: str
    transliterated: bool
    room_type: str
    room_number: str
    check_in: datetime
    check_out: datetime
    shares_with: str
    step_free: bool
    late_arrival: bool
    billing: str
    notes: str
    change: Change = Change.SAME

    def compared(self) -> tuple[object, ...]:
        """What a hotel reads of the row: what makes it changed since the list sent
        (billing apart: a shareable list has none; see `changed_since`)."""
        return (
            self.name,
            self.room_type,
            self.room_number,
            self.check_in.isoformat(),
            self.check_out.isoformat(),
            self.shares_with,
            self.step_free,
            self.late_arrival,
            self.notes,
        )

    def changed_since(self, earlier: RoomingRow) -> bool:
        """Whether the row differs from the same stay's row in a list sent; billing counts
        only when both lists print it (an internal list after a shareable one is not every
        row changed)."""
        if self.compared() != earlier.compared():
            return True
        return bool(self.billing and earlier.billing and self.billing != earlier.billing)

    def to_json(self) -> dict[str, object]:
        """The row as a list sent keeps it."""
        return {
            "stay_id": self.stay_id,
            "name": self.name,
            "transliterated": self.transliterated,
            "room_type": self.room_type,
            "room_number": self.room_number,
            "check_in": self.check_in.isoformat(),
            "check_out": self.check_out.isoformat(),
            "shares_with": self.shares_with,
            "step_free": self.step_free,
            "late_arrival": self.late_arrival,
            "billing": self.billing,
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, raw: dict[str, object]) -> RoomingRow:
        """A row of a list sent, read back."""
        return cls(
            stay_id=str(raw["stay_id"]),
            name=str(raw["name"]),
            transliterated=bool(raw["transliterated"]),
            room_type=str(raw["room_type"]),
            room_number=str(raw["room_number"]),
            check_in=datetime.fromisoformat(str(raw["check_in"])),
            check_out=datetime.fromisoformat(str(raw["check_out"])),
            shares_with=str(raw["shares_with"]),
            step_free=bool(raw["step_free"]),
            late_arrival=bool(raw["late_arrival"]),
            billing=str(raw["billing"]),
            notes=str(raw["notes"]),
        )


@dataclass(frozen=True, slots=True)
class SentList:
    """A rooming list as it was sent to a hotel: its number (1, 2...), when, its rows."""

    hotel_id: str
    number: int
    sent: datetime
    rows: tuple[RoomingRow, ...]


@dataclass(slots=True)
class RoomingList:
    """One hotel's list: the hotel, its language, its rows (removed ones included when
    compared with a list sent), and the list it was compared with."""

    hotel: Venue
    lang: str
    rows: list[RoomingRow] = field(default_factory=list)
    since: SentList | None = None


def _shares(stay: Stay, people: dict[str, Person]) -> str:
    mate = people.get(stay.shares_with_id or "")
    return passport_name(mate)[0] if mate is not None else ""


def rooming_rows(
    data: VisitData,
    hotel: Venue,
    lang: str,
    labels: dict[str, str],
    people: dict[str, Person] | None = None,
    stays: Iterable[Stay] | None = None,
) -> list[RoomingRow]:
    """The rows of `hotel`'s list, sorted by name; `labels` words "host" and "guest"
    billing in the list's language ("" to leave billing out: a shareable list)."""
    people = people if people is not None else {p.id: p for p in data.people}
    rows = []
    for stay in stays if stays is not None else data.stays:
        if stay.hotel_id != hotel.id:
            continue
        person = people.get(stay.person_id)
        if person is None:
            continue
        name, derived = passport_name(person)
        room_type = room_type_of(hotel.room_types, stay.room_type_id)
        rows.append(
            RoomingRow(
                stay_id=stay.id,
                name=name,
                transliterated=derived,
                room_type=room_type.name.get(lang, data.visit.main_language) if room_type else "",
                room_number=stay.room_number,
                check_in=stay.check_in,
                check_out=stay.check_out,
                shares_with=_shares(stay, people),
                step_free=stay.step_free or person.needs_step_free,
                late_arrival=stay.late_arrival,
                billing=labels.get(str(stay.billing), ""),
                notes=stay.notes,
            )
        )
    rows.sort(key=lambda r: (r.name.casefold(), instant(r.check_in)))
    return rows


def compare(rows: list[RoomingRow], sent: SentList | None) -> list[RoomingRow]:
    """`rows` marked added or changed against the list `sent`, with the rows it held that
    are gone marked removed (all in name order); unmarked when nothing was sent."""
    if sent is None:
        return rows
    before = {r.stay_id: r for r in sent.rows}
    marked = []
    for row in rows:
        earlier = before.pop(row.stay_id, None)
        if earlier is None:
            change = Change.ADDED
        elif row.changed_since(earlier):
            change = Change.CHANGED
        else:
            change = Change.SAME
        marked.append(_with_change(row, change))
    marked += [_with_change(r, Change.REMOVED) for r in before.values()]
    marked.sort(key=lambda r: (r.name.casefold(), instant(r.check_in)))
    return marked


def _with_change(row: RoomingRow, change: Change) -> RoomingRow:
    return replace(row, change=change)


def pick_sent(sent: list[SentList], since: str | None) -> SentList | None:
    """The list to compare with: the last sent (`since` None), the one numbered `since`,
    or the last sent on or before the day `since` (YYYY-MM-DD); None if there is none.
    A `since` neither a number nor a day is a ValueError."""
    text = (since or "").strip()
    day = None if since is None or text.isdigit() else date.fromisoformat(text)
    ordered = sorted(sent, key=lambda s: s.number)
    if not ordered:
        return None
    if since is None:
        return ordered[-1]
    if day is None:
        return next((s for s in ordered if s.number == int(text)), None)
    earlier = [s for s in ordered if s.sent.date() <= day]
    return earlier[-1] if earlier else None
