"""Every place a person holds at an event, and how a place is written.

A person may hold several places at one event: a seat at a meal, or at a ceremony a
position in the wreath party and another in the rows. Every printed document (the
book, the packs, the place cards, the ceremony sheets) asks here, so that a place is
always written whole, with its area's name ("Wreath party — wreath 2, place 1",
"Rows — row 1, place 5", "Table d'honneur, seat 3"), and none is forgotten.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from visitplanner.domain.arrangements import PlacementArea, PlacementPosition
from visitplanner.domain.model import Event
from visitplanner.domain.table_names import printed_table_name
from visitplanner.i18n import N_, gettext_in


class PlaceKind(StrEnum):
    """Where a place is: at a table, or in an area of a ceremony's site."""

    SEAT = "seat"
    WREATH_PARTY = "wreath-party"
    ROW = "row"
    PRESS = "press"


#: How each kind of place is written; {area} is a table's name.
_FORMATS: Final = {
    PlaceKind.SEAT: N_("{table}, seat {number}"),
    PlaceKind.WREATH_PARTY: N_("Wreath party — wreath {row}, place {number}"),
    PlaceKind.ROW: N_("Rows — row {row}, place {number}"),
    PlaceKind.PRESS: N_("Press area — row {row}, place {number}"),
}

_AREAS: Final = {
    PlacementArea.WREATH_PARTY: PlaceKind.WREATH_PARTY,
    PlacementArea.ROW: PlaceKind.ROW,
    PlacementArea.PRESS: PlaceKind.PRESS,
}


@dataclass(frozen=True, slots=True)
class HeldPlace:
    """One place a person holds: a seat at a table, or a position in a ceremony's area.

    `row` is the wreath's number in the wreath party, the row elsewhere (0 for a seat);
    `number` is the seat's or the place's number.
    """

    kind: PlaceKind
    number: int
    row: int = 0
    table: str = ""
    wheelchair: bool = False

    def text(self, lang: str) -> str:
        """The place in words in `lang`, with its area ("Rows — row 1, place 5")."""
        words = gettext_in(lang, _FORMATS[self.kind]).format(
            table=printed_table_name(self.table, lang), row=self.row, number=self.number
        )
        if self.wheelchair:
            words = gettext_in(lang, N_("{place} (wheelchair place)")).format(place=words)
        return words


def position_place(position: PlacementPosition) -> HeldPlace:
    """The place a ceremony's position is, whoever holds it."""
    kind = _AREAS[position.area]
    return HeldPlace(kind, position.place, row=position.row, wheelchair=position.wheelchair)


def places_of(event: Event, person_id: str) -> list[HeldPlace]:
    """Every place `person_id` holds at `event`: seats by number, then the ceremony's
    positions by area (the wreath party, the rows, the press), row and place."""
    found: list[HeldPlace] = []
    if event.seating is not None:
        found += [
            HeldPlace(PlaceKind.SEAT, seat.number, table=table.name)
            for table, seat in event.seating.seats()
            if seat.person_id == person_id
        ]
    order = list(PlaceKind)
    positions = [position_place(p) for p in event.placement if p.person_id == person_id]
    found += sorted(positions, key=lambda h: (order.index(h.kind), h.row, h.number))
    return found


def places_text(event: Event, person_id: str, lang: str, sep: str = "; ") -> str:
    """Every place `person_id` holds at `event` in words, joined by `sep` ("" if none)."""
    return sep.join(place.text(lang) for place in places_of(event, person_id))
