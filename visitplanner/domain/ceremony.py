"""Commemorations: the running-order template, wreaths, the placement plan and their rules.

The rules of French protocol this module applies and checks:
- the parties arrive in the reverse order of precedence: the highest authority
  arrives last, and leaves first;
- wreaths are laid in the reverse order of precedence: the highest authority's last;
- after the Sonnerie aux morts and the minute of silence, the guests' national anthems
  are played first and the host's last (La Marseillaise when the host is France).
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from visitplanner.domain.arrangements import PlacementArea, PlacementPosition, StepKind, Wreath
from visitplanner.domain.labels import civility
from visitplanner.domain.model import Delegation, Event, Person, RunningOrderItem, VisitData
from visitplanner.domain.precedence import PrecedenceIndex, event_order, ranks
from visitplanner.domain.values import LANGUAGES, LocalizedText, Role, Side
from visitplanner.i18n import N_, babel_locale, gettext_in

#: Places in each row of the placement plan.
ROW_WIDTH: Final = 8
#: Roles who attend a ceremony without a place in its rows.
_NOT_PLACED: Final = frozenset({Role.DRIVER.value, Role.SECURITY.value})


# --- words in three languages ---------------------------------------------------------


def _in_all(message: str, **values: LocalizedText | str) -> LocalizedText:
    """`message` translated into each language, with `values` (texts take their version)."""
    parts = {}
    for lang in LANGUAGES:
        shown = {k: v.get(lang) if isinstance(v, LocalizedText) else v for k, v in values.items()}
        parts[lang] = gettext_in(lang, message).format(**shown)
    return LocalizedText(**parts)


def addressed(person: Person) -> LocalizedText:
    """How a person is named in a running order: civility and name, in each language.

    The Ukrainian version uses the native name where there is one.
    """
    parts = {}
    for lang in LANGUAGES:
        name = person.native_name() if lang == "uk" and person.native_name() else None
        name = name or person.display_name()
        parts[lang] = " ".join(p for p in (civility(person.civility, lang), name) if p)
    return LocalizedText(**parts)


def country_name(code: str) -> LocalizedText:
    """A country's name in each language, from its ISO code (the code when unknown)."""
    if not code:
        return LocalizedText()
    return LocalizedText(
        **{lang: babel_locale(lang).territories.get(code.upper(), code) for lang in LANGUAGES}
    )


def _anthem(delegation: Delegation) -> LocalizedText:
    if delegation.country.upper() == "FR":
        return _in_all(N_("La Marseillaise, national anthem of France"))
    country = country_name(delegation.country)
    if not country:
        return _in_all(N_("National anthem: {delegation}"), delegation=delegation.name)
    return _in_all(N_("National anthem of {country}"), country=country)


# --- the template ---------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """People who arrive and leave together: a delegation, or one authority of none."""

    people: tuple[Person, ...]
    delegation: Delegation | None

    @property
    def principal(self) -> Person:
        """Who leads the party (its highest in precedence)."""
        return self.people[0]


def parties(data: VisitData, event: Event) -> list[Party]:
    """The event's parties, from the highest in precedence to the lowest."""
    order = event_order(data, event)
    delegations = {d.id: d for d in data.delegations}
    by_delegation: dict[str, list[Person]] = {}
    found: list[Party] = []
    for person in order:
        if str(person.role) in _NOT_PLACED:
            continue
        if person.delegation_id in delegations:
            by_delegation.setdefault(person.delegation_id, []).append(person)
        else:
            found.append(Party((person,), None))
    found += [Party(tuple(people), delegations[key]) for key, people in by_delegation.items()]
    rank = ranks(order)
    return sorted(found, key=lambda party: rank[party.principal.id])


def _line(
    at: datetime, action: LocalizedText, kind: StepKind, who: Sequence[Person] = ()
) -> RunningOrderItem:
    """A line concerning `who`; its "who" column names the first of them."""
    return RunningOrderItem(
        at=at,
        action=action,
        who=addressed(who[0]) if who else LocalizedText(),
        kind=kind,
        person_ids=[p.id for p in who],
    )


def _party_line(at: datetime, message: str, kind: StepKind, party: Party) -> RunningOrderItem:
    """An arrival or a departure: the action names the principal, "who" the party."""
    line = _line(at, _in_all(message, name=addressed(party.principal)), kind, party.people)
    if party.delegation is not None:
        line.who = party.delegation.name
    else:
        line.who = party.principal.title or party.principal.organisation
    return line


def template_wreaths(data: VisitData, event: Event) -> list[Wreath]:
    """One wreath per delegation present, laid by its principal, lowest precedence first.

    The ribbon carries the principal's title; carriers are left for the officer to name.
    """
    laid = [
        (party.principal, party.delegation)
        for party in parties(data, event)
        if party.delegation is not None
    ]
    return [
        Wreath(ribbon=principal.title or delegation.name, layer_ids=[principal.id])
        for principal, delegation in reversed(laid)
    ]


def commemoration_template(
    data: VisitData, event: Event, wreaths: Sequence[Wreath] | None = None
) -> list[RunningOrderItem]:
    """The running order of a commemoration, filled from the event's participants.

    Arrivals by reverse precedence, honours, the wreaths (`wreaths`, or the event's,
    or one per delegation), Sonnerie aux morts, minute of silence, the guests'
    anthems then the host's, departures by precedence.
    """
    people = {p.id: p for p in data.people}
    found = parties(data, event)
    laid = list(wreaths if wreaths is not None else event.wreaths or template_wreaths(data, event))
    lines: list[RunningOrderItem] = []
    clock = event.start

    def later(minutes: int) -> datetime:
        nonlocal clock
        clock = clock + timedelta(minutes=minutes)
        return clock

    lines.append(
        _line(
            clock,
            _in_all(N_("Guard of honour, band and standard-bearers take position")),
            StepKind.OTHER,
        )
    )
    later(5)
    for party in reversed(found):
        lines.append(_party_line(later(3), N_("Arrival of {name}"), StepKind.ARRIVAL, party))
    top = [party.principal for party in found[:2]]
    lines.append(_line(later(5), _in_all(N_("Military honours")), StepKind.HONOURS, top))
    for wreath in laid:
        layers = [people[i] for i in wreath.layer_ids if i in people]
        carriers = [people[i] for i in wreath.carrier_ids if i in people]
        action = _in_all(N_("Wreath laying: {ribbon}"), ribbon=wreath.ribbon)
        lines.append(_line(later(3), action, StepKind.WREATH, [*layers, *carriers]))
    lines.append(_line(later(3), _in_all(N_("Sonnerie aux morts")), StepKind.MUSIC))
    lines.append(_line(later(1), _in_all(N_("Minute of silence")), StepKind.SILENCE))
    present = [party.delegation for party in found if party.delegation is not None]
    guests = sorted((d for d in present if d.side is not Side.HOST), key=lambda d: d.position)
    hosts = [d for d in present if d.side is Side.HOST]
    for delegation in [*guests, *hosts]:
        lines.append(_line(later(2), _anthem(delegation), StepKind.ANTHEM))
    later(5)
    for party in found:
        lines.append(_party_line(later(3), N_("Departure of {name}"), StepKind.DEPARTURE, party))
    return lines


# --- placement ------------------------------------------------------------------------


def _centred(count: int) -> list[int]:
    """Places of a row of `count` from the centre outward: the centre, its right, its left ..."""
    centre = (count + 1) // 2
    order = [centre]
    for k in range(1, count):
        for place in (centre + k, centre - k):
            if 1 <= place <= count and place not in order:
                order.append(place)
    return order


def placement_template(data: VisitData, event: Event) -> list[PlacementPosition]:
    """Where everyone stands: the wreath party by wreath, then rows by precedence.

    Row 1 is the nearest the monument; the highest in precedence stands at its centre,
    the next on their right, then on their left, outward. Wheelchair users get the
    wheelchair places at the ends of row 1; the press has its own area.
    """
    people = {p.id: p for p in data.people}
    positions: list[PlacementPosition] = []
    for row, wreath in enumerate(event.wreaths, start=1):
        party = [people[i] for i in (*wreath.layer_ids, *wreath.carrier_ids) if i in people]
        positions += [
            PlacementPosition(
                PlacementArea.WREATH_PARTY,
                row,
                place,
                wheelchair=person.needs_step_free,
                person_id=person.id,
            )
            for place, person in enumerate(party, start=1)
        ]
    order = [p for p in event_order(data, event) if str(p.role) not in _NOT_PLACED]
    press = [p for p in order if str(p.role) == Role.PRESS.value]
    wheelchairs = [p for p in order if p.needs_step_free and p not in press]
    standing = [p for p in order if p not in press and p not in wheelchairs]
    # Row 1: wheelchair places at both ends, the standing places between them.
    before = (len(wheelchairs) + 1) // 2
    ends = list(range(1, before + 1))
    ends += [before + ROW_WIDTH + i for i in range(1, len(wheelchairs) - before + 1)]
    positions += [
        PlacementPosition(PlacementArea.ROW, 1, place, wheelchair=True, person_id=p.id)
        for place, p in zip(ends, wheelchairs, strict=True)
    ]
    row, shift = 1, before
    while standing:
        chunk, standing = standing[:ROW_WIDTH], standing[ROW_WIDTH:]
        places = _centred(ROW_WIDTH)
        positions += [
            PlacementPosition(PlacementArea.ROW, row, shift + places[i], person_id=p.id)
            for i, p in enumerate(chunk)
        ]
        row, shift = row + 1, 0
    positions += [
        PlacementPosition(PlacementArea.PRESS, 1, place, person_id=p.id)
        for place, p in enumerate(press, start=1)
    ]
    return positions


# --- the rules ------------------------------------------------------------------------


@dataclass(frozen=True)
class WreathBreak:
    """Two wreaths laid in the wrong order: `later` is laid after `earlier`, yet ranks lower."""

    earlier: Wreath
    later: Wreath
    earlier_layer: Person
    later_layer: Person


def wreath_breaks(
    data: VisitData, event: Event, index: PrecedenceIndex | None = None
) -> Iterator[WreathBreak]:
    """Wreaths not laid in the reverse order of precedence (each must outrank the one before).

    `index` (else built here) saves a pass over the visit's people per event.
    """
    if len(event.wreaths) < 2:
        return  # nothing to compare: no work over the visit's people
    order = event_order(data, event, [i for w in event.wreaths for i in w.layer_ids], index)
    rank = ranks(order)
    by_id = {person.id: person for person in order}
    laid: list[tuple[Wreath, Person]] = []
    for wreath in event.wreaths:
        # The principal layer: the highest of the wreath's layers in the event's order
        # (a merged order is one total order, so the subset's order is the same).
        known = [i for i in wreath.layer_ids if i in rank]
        if known:
            laid.append((wreath, by_id[min(known, key=rank.__getitem__)]))
    for (first, first_layer), (second, second_layer) in itertools.pairwise(laid):
        if rank[second_layer.id] > rank[first_layer.id]:
            yield WreathBreak(first, second, first_layer, second_layer)


@dataclass(frozen=True)
class OrderBreak:
    """The highest authority does not arrive last (or leave first)."""

    highest: Person
    line: RunningOrderItem | None
    expected: RunningOrderItem


def _steps(event: Event, kind: StepKind) -> list[RunningOrderItem]:
    found = [line for line in event.running_order if line.kind is kind and line.person_ids]
    return sorted(found, key=lambda line: line.at.timestamp())


def _order_break(
    data: VisitData, event: Event, kind: StepKind, index: PrecedenceIndex | None
) -> OrderBreak | None:
    lines = _steps(event, kind)
    if len(lines) < 2:
        return None
    ids = [i for line in lines for i in line.person_ids]
    wanted = set(ids)
    order = event_order(data, event, ids, index)
    highest = next((p for p in order if p.id in wanted), None)
    if highest is None:
        return None
    expected = lines[-1] if kind is StepKind.ARRIVAL else lines[0]
    if highest.id in expected.person_ids:
        return None
    own = next((line for line in lines if highest.id in line.person_ids), None)
    return OrderBreak(highest, own, expected)


def arrival_break(
    data: VisitData, event: Event, index: PrecedenceIndex | None = None
) -> OrderBreak | None:
    """The highest authority among the arrivals, when they do not arrive last."""
    return _order_break(data, event, StepKind.ARRIVAL, index)


def departure_break(
    data: VisitData, event: Event, index: PrecedenceIndex | None = None
) -> OrderBreak | None:
    """The highest authority among the departures, when they do not leave first."""
    return _order_break(data, event, StepKind.DEPARTURE, index)


def placement_breaks(
    data: VisitData, event: Event, index: PrecedenceIndex | None = None
) -> Iterator[tuple[PlacementPosition, Person]]:
    """Wheelchair users placed where there is no wheelchair place."""
    if not event.placement:
        return  # no work over the visit's people for an event without a placement
    people = (index or PrecedenceIndex(data)).people
    for position in event.placement:
        person = people.get(position.person_id or "")
        if person is not None and person.needs_step_free and not position.wheelchair:
            yield position, person


def _standing(area: PlacementArea) -> bool:
    """Whether places of `area` are where people stand through the ceremony (the rows and
    the press), as opposed to the wreath party, which they join for the laying."""
    return area is not PlacementArea.WREATH_PARTY


def placed_twice(event: Event) -> dict[str, list[PlacementPosition]]:
    """People with two places where one is wanted: two standing places (rows, press), or
    two places in the wreath party. A layer in the wreath party and in a row is right."""
    found: dict[tuple[bool, str], list[PlacementPosition]] = {}
    for position in event.placement:
        if position.person_id:
            found.setdefault((_standing(position.area), position.person_id), []).append(position)
    twice: dict[str, list[PlacementPosition]] = {}
    for (_area, ident), positions in found.items():
        if len(positions) > 1:
            twice.setdefault(ident, []).extend(positions)
    return twice


def unplaced(data: VisitData, event: Event) -> list[Person]:
    """The participants without a standing place, in the event's order of precedence
    (drivers and security officers, who have none, left out)."""
    standing = {p.person_id for p in event.placement if _standing(p.area) and p.person_id}
    return [
        person
        for person in event_order(data, event)
        if person.id not in standing and str(person.role) not in _NOT_PLACED
    ]


def place_person(
    placement: Sequence[PlacementPosition],
    person_id: str,
    area: PlacementArea,
    row: int,
    place: int,
) -> list[PlacementPosition]:
    """The placement with `person_id` at (`area`, `row`, `place`), as a new list.

    Whoever stood there takes the person's old place of the same kind (a standing place,
    or one in the wreath party): a swap; with no old place, they are left without one.
    A place not yet in the plan is added. The positions keep their ids.
    """
    moved = [copy.copy(position) for position in placement]
    target = next(
        (p for p in moved if (p.area, p.row, p.place) == (area, row, place)),
        None,
    )
    if target is None:
        target = PlacementPosition(area, row, place)
        moved.append(target)
    if target.person_id == person_id:
        return moved
    source = next(
        (p for p in moved if p.person_id == person_id and _standing(p.area) == _standing(area)),
        None,
    )
    if source is not None:
        source.person_id = target.person_id
    target.person_id = person_id
    return moved


def free_place(placement: Sequence[PlacementPosition], position_id: str) -> list[PlacementPosition]:
    """The placement with the place `position_id` left empty (it stays on the plan)."""
    freed = [copy.copy(position) for position in placement]
    for position in freed:
        if position.id == position_id:
            position.person_id = None
    return freed
