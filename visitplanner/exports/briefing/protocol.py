"""The protocol facts a book prints, each in one replaceable function.

Every section asks here: the merged order of precedence, the places a person holds,
the car a person rides in, the programme's version.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Person, Vehicle, VisitData
from visitplanner.domain.places import places_of
from visitplanner.domain.precedence import sort_key
from visitplanner.exports.changes import issued_version_label
from visitplanner.i18n import N_, format_date, gettext_in


def precedence_order(data: VisitData, people: Iterable[Person]) -> list[Person]:
    """`people` in the merged order of precedence across delegations (domain.precedence)."""
    return sorted(people, key=sort_key(data))


def programme_version(data: VisitData) -> date:
    """The date the programme was last changed (the latest event change), else today."""
    changed = [e.modified for e in data.events if e.modified is not None]
    if not changed:
        return date.today()
    latest: datetime = max(changed, key=lambda moment: moment.timestamp())
    return latest.date()


def programme_version_label(data: VisitData, lang: str) -> str:
    """How the cover and the footers name the programme's version.

    Once a programme version is issued, its number and date; until then, the book
    is a working draft dated by the latest change to the programme.
    """
    issued = issued_version_label(data, lang)
    if issued is not None:
        return issued
    when = format_date(programme_version(data), "long", lang)
    return gettext_in(lang, N_("Programme: working draft of {date}")).format(date=when)


def vehicle_of(data: VisitData, event: Event, person: Person) -> Vehicle | None:
    """The vehicle `person` is in for `event`, when it is known.

    A driver is in the car they drive; anyone else only when the event has a single
    vehicle (passengers are not yet assigned to cars).
    """
    vehicles = [v for v in data.vehicles if v.id in event.vehicle_ids]
    for vehicle in vehicles:
        if vehicle.driver_id == person.id:
            return vehicle
    if len(vehicles) == 1 and person.id in event.participant_ids:
        return vehicles[0]
    return None


def places_held(event: Event, person: Person, lang: str) -> list[str]:
    """Every place `person` holds at `event`, each with its area, in `lang` (domain.places)."""
    return [place.text(lang) for place in places_of(event, person.id)]


def role_at(event: Event, person: Person, lang: str) -> str:
    """What `person` does at `event`: interpreter, officer in charge, or their role."""
    if person.id in event.interpretation.interpreter_ids:
        return gettext_in(lang, N_("interpreter"))
    if event.responsible_id == person.id:
        return gettext_in(lang, N_("officer in charge"))
    return label(person.role, lang)
