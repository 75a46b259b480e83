"""The protocol facts a book prints, each in one replaceable function.

Other issues replace these: a merged cross-delegation order of precedence (issue 7),
seats from the seating plans (issue 7), numbered programme versions (issue 9).
Every section asks here, so each is swapped in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Person, Vehicle, VisitData
from visitplanner.domain.values import Side
from visitplanner.i18n import N_, format_date, gettext_in

_SIDE_ORDER = {Side.GUEST: 0, Side.HOST: 1, Side.OTHER: 2}


def precedence_order(data: VisitData, people: Iterable[Person]) -> list[Person]:
    """`people` in order of precedence across delegations.

    Grade first (a minister before a director), then the guest side before the
    host at the same grade (courtesy to the guests), then the rank within the
    delegation, then the name so the order is stable.
    """
    sides = {d.id: d.side for d in data.delegations}

    def key(person: Person) -> tuple[int, int, int, str, str]:
        side = sides.get(person.delegation_id or "", Side.OTHER)
        return (
            person.grade.order,
            _SIDE_ORDER.get(side, 2),
            person.rank,
            person.family_name.casefold(),
            person.given_name.casefold(),
        )

    return sorted(people, key=key)


def programme_version(data: VisitData) -> date:
    """The date the programme was last changed (the latest event change), else today."""
    changed = [e.modified for e in data.events if e.modified is not None]
    if not changed:
        return date.today()
    latest: datetime = max(changed, key=lambda moment: moment.timestamp())
    return latest.date()


def programme_version_label(data: VisitData, lang: str) -> str:
    """How the cover and the footers name the programme's version.

    Until programme versions are issued (issue 9), the book is a working draft
    dated by the latest change to the programme.
    """
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


def seat_of(data: VisitData, event: Event, person: Person, lang: str) -> str | None:
    """Where `person` sits or stands at `event` ("table 1, seat 3"), when a plan says so.

    The seating plans and ceremony placements come with issue 7; until then no
    seat is known.
    """
    del data, event, person, lang
    return None


def role_at(event: Event, person: Person, lang: str) -> str:
    """What `person` does at `event`: interpreter, officer in charge, or their role."""
    if person.id in event.interpretation.interpreter_ids:
        return gettext_in(lang, N_("interpreter"))
    if event.responsible_id == person.id:
        return gettext_in(lang, N_("officer in charge"))
    return label(person.role, lang)
