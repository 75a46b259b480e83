"""A roster's "hotel" column: each text becomes a stay at the hotel it names.

The text is matched to a venue by name as the migration of free-text hotels does
(`domain.rooming.match_hotel`); a person with no stay there gets one over the visit's
dates, or has their one stay moved there; a venue named that was not yet a hotel becomes
one. A text that names no venue is kept in the person's notes ("Hôtel : …") and the row
gets a warning, so the officer sees it in the preview.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field

from visitplanner.domain.model import Person, Venue, VisitData
from visitplanner.domain.rooming import HOTEL_NOTE, Stay, match_hotel, stays_from_texts
from visitplanner.i18n import _


@dataclass
class HotelPlan:
    """What the hotel column does: stays made or moved and venues made hotels, each as
    (after, before); and a warning (row, message) for each text that names no venue."""

    stays: list[tuple[Stay, Stay | None]] = field(default_factory=list)
    hotels: list[tuple[Venue, Venue]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)


def plan_stays(
    data: VisitData, people: dict[str, Person], texts: dict[str, tuple[int, str]]
) -> HotelPlan:
    """The stays (and hotels) the hotel column's `texts` ask for, by person id with the
    row they come from; a text naming no venue goes to the notes of the person as the
    import will write them (`people`, by id)."""
    plan = HotelPlan()
    venues = {v.id: v for v in data.venues}
    hotels = [v for v in data.venues if v.hotel]
    marked: dict[str, Venue] = {}
    for person_id, (row, text) in texts.items():
        hotel_id = match_hotel(text, _names(hotels)) or match_hotel(text, _names(data.venues))
        if hotel_id is None:
            person = people[person_id]
            line = HOTEL_NOTE + " ".join(text.split())
            if line not in person.notes:
                person.notes = f"{person.notes}\n{line}" if person.notes else line
            message = _("the hotel “{text}” is no venue of the visit: kept in the notes")
            plan.warnings.append((row, message.format(text=text[:80])))
            continue
        venue = venues[hotel_id]
        if not venue.hotel and hotel_id not in marked:
            marked[hotel_id] = dataclasses.replace(copy.deepcopy(venue), hotel=True)
            plan.hotels.append((marked[hotel_id], copy.deepcopy(venue)))
        stays = data.stays_of(person_id)
        if any(s.hotel_id == hotel_id for s in stays):
            continue
        if len(stays) == 1:
            before = stays[0]
            plan.stays.append(
                (dataclasses.replace(before, hotel_id=hotel_id, room_type_id=None), before)
            )
            continue
        visit = data.visit
        (made,) = stays_from_texts(
            {person_id: text},
            {},
            {hotel_id: _names([venue])[hotel_id]},
            visit.start_date,
            visit.end_date,
            visit.tz,
        )
        if made.stay is not None:
            plan.stays.append((made.stay, None))
    return plan


def _names(venues: list[Venue]) -> dict[str, list[str]]:
    return {v.id: list(v.name.to_dict().values()) for v in venues}
