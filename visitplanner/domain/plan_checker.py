"""Re-checking a plan after an edit: only the checks whose inputs changed run again.

The checks fall into units, each a pure function of a few entities (and of the visit
and the language of the messages, which start everything afresh when they change):
- an event's own checks (`checks.event_findings`): the event, its venue, the people it
  names (participants, seats, wreaths, running order, placement) and their delegations;
- a person's overlaps and too-short moves: the person, their events and the venues
  (any venue changed, and every person's moves are looked at again: venues change
  seldom, and naming each person's venues would cost a pass of its own); the travel
  findings are put together from every person's moves each run;
- a venue's double bookings: the venue and its events; a vehicle's: the vehicle and its events.

A `PlanChecker` keeps, for each unit, the entities it read (the objects themselves)
and what it found. The next run groups the events again (one pass, no check in it)
and re-checks a unit only when one of its entities is not the very object it read
last time; an edit of one event re-checks that event, its people and its venue.
There is no guessing what an edit can affect, so nothing is ever missed: a large
change simply re-checks much.

This rests on the session's contract (operations/session.py, `reload`): an edit,
an undo or another program's write replaces each entity it touches with a new object,
and the list holding it with a new list; no entity of `VisitData` is changed in place.
An entity that is the same object is therefore unchanged, and `snapshot` (a copy of
the lists, not of the entities) is a consistent visit that a run in another thread
can read while the window goes on editing.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from visitplanner.domain.car_checks import car_findings
from visitplanner.domain.checks import (
    CheckIndex,
    Finding,
    Move,
    event_findings,
    grouped,
    in_order,
    person_keys,
    person_overlaps,
    short_moves,
    travel_findings,
    vehicle_keys,
    vehicle_overlaps,
    venue_double_bookings,
    venue_keys,
)
from visitplanner.domain.contact_checks import contact_findings
from visitplanner.domain.gift_checks import gift_findings
from visitplanner.domain.model import Event, Venue, Visit, VisitData
from visitplanner.domain.precedence_checks import precedence_findings
from visitplanner.domain.rooming_checks import rooming_findings
from visitplanner.domain.seating_checks import seating_rule_findings
from visitplanner.i18n import current_language

#: Told (done, total) now and then; may raise to stop the run (a cancelled Progress).
Step = Callable[[int, int], None]

#: Units checked between two calls of the step: cancelling takes effect at once.
_STEP_EVERY = 256


def snapshot(data: VisitData) -> VisitData:
    """The visit as it is now, for a run in another thread: new lists of the same
    entities (which the session replaces rather than changes, see the module's text)."""
    return VisitData(
        visit=data.visit,
        delegations=list(data.delegations),
        people=list(data.people),
        venues=list(data.venues),
        vehicles=list(data.vehicles),
        events=list(data.events),
        calendars=data.calendars,
        versions=list(data.versions),
        car_assignments=list(data.car_assignments),
        gifts=list(data.gifts),
        copies=list(data.copies),
        stays=list(data.stays),
        seating_constraints=list(data.seating_constraints),
    )


@dataclass
class _Unit:
    """What one unit of checks read, what it found, and a person's too-short moves."""

    inputs: list[object]
    findings: list[Finding]
    moves: list[Move] = field(default_factory=list)


def _same(before: Sequence[object], now: Sequence[object]) -> bool:
    return len(before) == len(now) and all(map(operator.is_, before, now))


def _people_named(event: Event) -> Iterable[str]:
    """Everyone an event's own checks may look up."""
    if not (
        event.running_order
        or event.seating
        or event.wreaths
        or event.placement
        or event.precedence_ids
        or event.interpretation.interpreter_ids
    ):
        return event.participant_ids
    named = [*event.participant_ids, *event.interpretation.interpreter_ids, *event.precedence_ids]
    for line in event.running_order:
        named += line.person_ids
    if event.seating is not None:
        named += event.seating.seated_ids()
    for wreath in event.wreaths:
        named += [*wreath.layer_ids, *wreath.carrier_ids]
    named += [position.person_id for position in event.placement if position.person_id]
    return named


def _event_inputs(ix: CheckIndex, event: Event) -> list[object]:
    inputs: list[object] = [event, ix.venues.get(event.venue_id or "")]
    named = _people_named(event)
    inputs += map(ix.people.get, named)
    if event.wreaths or event.running_order or event.placement:
        # The order of precedence of a ceremony reads the people's delegations too.
        delegations = ix.precedence.delegations
        for ident in named:
            person = ix.people.get(ident)
            if person is not None and person.delegation_id:
                inputs.append(delegations.get(person.delegation_id))
    return inputs


@dataclass
class _Units:
    """Every unit of a run, by its key."""

    events: dict[str, _Unit] = field(default_factory=dict)
    people: dict[str, _Unit] = field(default_factory=dict)
    venues: dict[str, _Unit] = field(default_factory=dict)
    vehicles: dict[str, _Unit] = field(default_factory=dict)

    def findings(self) -> Iterable[Finding]:
        for units in (self.events, self.people, self.venues, self.vehicles):
            for unit in units.values():
                yield from unit.findings


@dataclass(frozen=True)
class RunStats:
    """How much of a run was checked again (the rest was kept from the run before)."""

    units: int = 0
    rechecked: int = 0


class PlanChecker:
    """Runs the plan checks again and again on a visit that changes a little each time.

    One run at a time: the window starts the next run once the previous one ended.
    A run stopped half-way (its `step` raised) leaves the checker as it was.
    """

    def __init__(self, remember: bool = True) -> None:
        #: Whether to keep what each unit read, for the next run (a one-off run, the
        #: command line's `check`, spares itself the bookkeeping).
        self.remember = remember
        self._units = _Units()
        self._visit: Visit | None = None
        self._venues: list[Venue] = []
        self._language = ""
        self.last_run = RunStats()

    def run(self, data: VisitData, step: Step | None = None) -> list[Finding]:
        """Every finding of every check on `data`, errors first, then by time; only the
        units whose entities changed since the last run are checked again."""
        ix = CheckIndex(data)
        language = current_language()
        fresh = not self.remember or data.visit is not self._visit or language != self._language
        before = _Units() if fresh else self._units
        if not _same(self._venues, data.venues):
            before = dataclasses.replace(before, people={})
        after = _Units()
        groups = (
            (grouped(ix.events, person_keys), before.people, after.people),
            (grouped(ix.events, venue_keys), before.venues, after.venues),
            (grouped(ix.events, vehicle_keys), before.vehicles, after.vehicles),
        )
        total = len(ix.events) + sum(len(by_key) for by_key, _old, _new in groups)
        done = rechecked = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if step is not None and done % _STEP_EVERY == 0:
                step(done, total)

        for event in ix.events:
            inputs = _event_inputs(ix, event) if self.remember else []
            kept = before.events.get(event.id)
            if kept is None or not _same(kept.inputs, inputs):
                kept = _Unit(inputs, event_findings(ix, event))
                rechecked += 1
            after.events[event.id] = kept
            tick()
        people, venues, vehicles = groups
        for person_id, events in people[0].items():
            inputs = [ix.people.get(person_id), *events] if self.remember else []
            kept = before.people.get(person_id)
            if kept is None or not _same(kept.inputs, inputs):
                found = person_overlaps(ix, person_id, events)
                kept = _Unit(inputs, found, short_moves(ix, events))
                rechecked += 1
            after.people[person_id] = kept
            tick()
        for (by_key, old, new), check in (
            (venues, venue_double_bookings),
            (vehicles, vehicle_overlaps),
        ):
            lookup = ix.venues if check is venue_double_bookings else ix.vehicles
            for key, events in by_key.items():
                inputs = [lookup.get(key), *events] if self.remember else []
                kept = old.get(key)
                if kept is None or not _same(kept.inputs, inputs):
                    kept = _Unit(inputs, check(ix, key, events))
                    rechecked += 1
                new[key] = kept
                tick()
        moves = {ident: unit.moves for ident, unit in after.people.items() if unit.moves}
        # The car plan and the gifts are checked whole at each run: one pass over each.
        cars, gifts, rooms = car_findings(ix), gift_findings(ix), rooming_findings(ix)
        ranks = precedence_findings(ix)  # the décret's positions, whole too
        rules = seating_rule_findings(ix)  # the meals' constraints: one pass over them
        findings = in_order(
            [
                *after.findings(),
                *travel_findings(ix, moves),
                *cars,
                *gifts,
                *rooms,
                *ranks,
                *rules,
                *contact_findings(ix),  # the visit's settings: one pass over the events
            ]
        )
        if step is not None:
            step(total, total)
        self._units, self._visit, self._language = after, data.visit, language
        self._venues = list(data.venues)
        self.last_run = RunStats(total, rechecked)
        return findings
