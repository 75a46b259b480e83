"""Re-checking after an edit finds exactly what checking from scratch finds, for less work."""

from __future__ import annotations

import copy
import dataclasses
import random
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from tests.scaled_visits import CountingList, SummitSize, generate_summit, summit_times
from visitplanner.demo import build_demo
from visitplanner.domain.checks import Finding, check_plan
from visitplanner.domain.model import VisitData
from visitplanner.domain.plan_checker import PlanChecker, snapshot
from visitplanner.domain.values import Access, EventKind, EventStatus, Grade, Need, Side
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit

Key = tuple[object, ...]


@pytest.fixture(autouse=True)
def _english() -> object:
    set_language("en")
    yield
    set_language("en")


def _keys(findings: list[Finding]) -> list[Key]:
    return [
        (f.kind, f.severity, f.message, f.event_ids, f.person_ids, f.venue_ids, f.vehicle_ids)
        for f in findings
    ]


def _replace(items: list[object], index: int, **changes: object) -> list[object]:
    """A new list with the item at `index` replaced by a changed copy (as the session does)."""
    fresh = list(items)
    fresh[index] = dataclasses.replace(items[index], **changes)  # type: ignore[call-overload]
    return fresh


Edit = Callable[[VisitData, random.Random], None]


def _move_event(data: VisitData, rng: random.Random) -> None:
    n = rng.randrange(len(data.events))
    shift = timedelta(minutes=rng.choice([-120, -45, -15, 10, 30, 90]))
    event = data.events[n]
    data.events = _replace(data.events, n, start=event.start + shift, end=event.end + shift)  # type: ignore[assignment]


def _event_venue(data: VisitData, rng: random.Random) -> None:
    n = rng.randrange(len(data.events))
    venue = rng.choice([None, *(v.id for v in data.venues)])
    field = rng.choice(["venue_id", "destination_id"])
    data.events = _replace(data.events, n, **{field: venue})  # type: ignore[assignment]


def _participants(data: VisitData, rng: random.Random) -> None:
    n = rng.randrange(len(data.events))
    ids = list(data.events[n].participant_ids)
    if ids and rng.random() < 0.5:
        ids.remove(rng.choice(ids))
    else:
        person = rng.choice(data.people).id
        if person not in ids:
            ids.append(person)
    data.events = _replace(data.events, n, participant_ids=ids)  # type: ignore[assignment]


def _event_kind_or_status(data: VisitData, rng: random.Random) -> None:
    n = rng.randrange(len(data.events))
    if rng.random() < 0.5:
        change: dict[str, object] = {"status": rng.choice(list(EventStatus))}
    else:
        change = {"kind": rng.choice([EventKind.MEAL, EventKind.TRANSFER, EventKind.MEETING])}
    data.events = _replace(data.events, n, **change)  # type: ignore[assignment]


def _event_vehicles(data: VisitData, rng: random.Random) -> None:
    if not data.vehicles:
        return
    n = rng.randrange(len(data.events))
    ids = list(data.events[n].vehicle_ids)
    vehicle = rng.choice(data.vehicles).id
    ids = [i for i in ids if i != vehicle] if vehicle in ids else [*ids, vehicle]
    data.events = _replace(data.events, n, vehicle_ids=ids)  # type: ignore[assignment]


def _ceremony(data: VisitData, rng: random.Random) -> None:
    ceremonies = [n for n, e in enumerate(data.events) if e.wreaths]
    if not ceremonies:
        return
    n = rng.choice(ceremonies)
    event = data.events[n]
    if rng.random() < 0.5:
        data.events = _replace(data.events, n, wreaths=list(reversed(event.wreaths)))  # type: ignore[assignment]
    elif rng.random() < 0.3:
        order = list(event.participant_ids)
        rng.shuffle(order)
        data.events = _replace(data.events, n, precedence_ids=order[:2])  # type: ignore[assignment]
    else:  # the order of precedence moves under the wreaths: a layer's grade, or delegation
        layer = rng.choice([i for w in event.wreaths for i in w.layer_ids])
        p = next((k for k, person in enumerate(data.people) if person.id == layer), None)
        if p is None:
            return
        person = data.people[p]
        d = next((k for k, d in enumerate(data.delegations) if d.id == person.delegation_id), None)
        if d is not None and rng.random() < 0.5:
            data.delegations = _replace(  # type: ignore[assignment]
                data.delegations, d, side=rng.choice(list(Side)), position=rng.randint(0, 9)
            )
        else:  # the grade of another layer: the delegations decide between them
            other = rng.choice([i for w in event.wreaths for i in w.layer_ids])
            grade = next((q.grade for q in data.people if q.id == other), Grade.MEMBER)
            data.people = _replace(data.people, p, grade=grade)  # type: ignore[assignment]


def _person(data: VisitData, rng: random.Random) -> None:
    n = rng.randrange(len(data.people))
    person = data.people[n]
    changes: dict[str, object] = rng.choice(
        [
            {"family_name": person.family_name + "x"},
            {"step_free": rng.choice(list(Need))},
            {"dietary": rng.choice(list(Need))},
            {"languages": tuple(rng.sample(["fr", "en", "uk", "de"], rng.randint(0, 2)))},
            {"delegation_id": rng.choice([None, *(d.id for d in data.delegations)])},
            {"grade": rng.choice(list(Grade)), "rank": rng.randint(0, 5)},
        ]
    )
    data.people = _replace(data.people, n, **changes)  # type: ignore[assignment]


def _venue(data: VisitData, rng: random.Random) -> None:
    n = rng.randrange(len(data.venues))
    venue = data.venues[n]
    other = rng.choice(data.venues).id
    changes: dict[str, object] = rng.choice(
        [
            {"step_free": rng.choice(list(Access))},
            {"latitude": None, "longitude": None}
            if venue.latitude
            else {"latitude": 48.85, "longitude": 2.35},
            {"travel_minutes": {**venue.travel_minutes, other: rng.choice([5, 60, 240])}},
            {"name": dataclasses.replace(venue.name, en=venue.name.en + " bis")},
        ]
    )
    data.venues = _replace(data.venues, n, **changes)  # type: ignore[assignment]


def _vehicle_or_delegation(data: VisitData, rng: random.Random) -> None:
    if data.vehicles and rng.random() < 0.5:
        n = rng.randrange(len(data.vehicles))
        label = data.vehicles[n].label
        data.vehicles = _replace(data.vehicles, n, label=label.replace("fr", label.fr + "'"))  # type: ignore[assignment]
    elif data.delegations:
        n = rng.randrange(len(data.delegations))
        data.delegations = _replace(  # type: ignore[assignment]
            data.delegations, n, side=rng.choice(list(Side)), position=rng.randint(0, 9)
        )


def _add_or_delete(data: VisitData, rng: random.Random) -> None:
    roll = rng.random()
    if roll < 0.3:
        twin = dataclasses.replace(rng.choice(data.events), id=f"copy{rng.random()}")
        data.events = [*data.events, twin]
    elif roll < 0.6:
        gone = rng.randrange(len(data.events))
        data.events = [e for n, e in enumerate(data.events) if n != gone]
    elif roll < 0.8:
        gone = rng.randrange(len(data.people))  # links left dangling: the checks cope
        data.people = [p for n, p in enumerate(data.people) if n != gone]
    else:
        events = list(data.events)  # the session puts a kind back in order
        a, b = rng.randrange(len(events)), rng.randrange(len(events))
        events[a], events[b] = events[b], events[a]
        data.events = events


def _visit(data: VisitData, rng: random.Random) -> None:
    shift = timedelta(days=rng.choice([-1, 1]))
    visit = data.visit
    data.visit = dataclasses.replace(
        visit, start_date=visit.start_date + shift, end_date=visit.end_date + shift
    )


EDITS: list[tuple[Edit, int]] = [
    (_move_event, 6),
    (_event_venue, 3),
    (_participants, 4),
    (_event_kind_or_status, 2),
    (_event_vehicles, 2),
    (_ceremony, 4),
    (_person, 5),
    (_venue, 2),
    (_vehicle_or_delegation, 2),
    (_add_or_delete, 2),
    (_visit, 1),
]


def _rich_visit() -> VisitData:
    """A small summit (overlaps, moves, meals) with the demo's ceremony and dinner in it."""
    data = generate_summit(
        SummitSize(delegations=6, people_per_delegation=8, events=250, venues=15)
    )
    demo = build_demo()
    data.delegations += demo.delegations
    data.people += demo.people
    data.venues += demo.venues
    data.vehicles += demo.vehicles
    data.events += demo.events
    return data


@pytest.mark.parametrize("seed", range(4))
def test_random_small_edits_recheck_to_the_same_findings_as_from_scratch(seed: int) -> None:
    rng = random.Random(seed)
    data = _rich_visit()
    checker = PlanChecker()
    assert _keys(checker.run(snapshot(data))) == _keys(check_plan(data))
    edits, weights = zip(*EDITS, strict=True)
    partial = 0
    for step in range(60):
        for edit in rng.choices(edits, weights, k=rng.choice([1, 1, 1, 2, 3])):
            edit(data, rng)
        if step % 25 == 24:
            set_language(rng.choice(["fr", "uk", "en"]))
        again = checker.run(snapshot(data))
        assert _keys(again) == _keys(check_plan(data)), f"step {step}"
        partial += checker.last_run.rechecked < checker.last_run.units
    assert partial > 40  # most edits re-checked only part of the visit


def test_an_edit_through_the_session_rechecks_only_what_it_touched(tmp_path: Path) -> None:
    """The session's contract the checker rests on: an edit replaces what it changes and
    leaves every other entity the same object; the copy taken before it is unchanged."""
    path = tmp_path / "summit.visit"
    write_visit(path, generate_summit(SummitSize(delegations=6, events=500, venues=30)))
    session = VisitSession.open(path)
    try:
        checker = PlanChecker()
        before = snapshot(session.data)
        kept = copy.deepcopy(before)
        checker.run(before)
        event = session.data.events[10]
        later = timedelta(minutes=40)
        session.apply(
            SaveEntity(
                dataclasses.replace(event, start=event.start + later, end=event.end + later), event
            )
        )
        assert before.events == kept.events and before.people == kept.people
        assert session.data.events[10] is not event
        now = {e.id: e for e in session.data.events}
        assert [e.id for e in before.events if now[e.id] is not e] == [event.id]
        again = checker.run(snapshot(session.data))
        assert checker.last_run.rechecked <= 2 + 2 * len(event.participant_ids)
        assert checker.last_run.units > 500
        assert _keys(again) == _keys(check_plan(session.data))
    finally:
        session.close()


def test_a_run_stopped_half_way_leaves_the_checker_as_it_was() -> None:
    data = _rich_visit()
    checker = PlanChecker()
    first = checker.run(data)

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    _move_event(data, random.Random(1))
    with pytest.raises(KeyboardInterrupt):
        checker.run(snapshot(data), stop)
    assert _keys(checker.run(snapshot(data))) == _keys(check_plan(data))
    assert first


def test_every_check_passes_over_the_people_and_events_a_fixed_number_of_times() -> None:
    """Counted, not timed: on twice the summit, the whole plan check makes as many
    passes over the people and the events as on the summit: nothing per event walks
    everyone (the ceremony checks are counted at ten times, in test_ceremony)."""
    passes = []
    for copies in (1, 2):
        data = summit_times(copies)
        data.people = people = CountingList(data.people)
        data.events = events = CountingList(data.events)
        check_plan(data)
        passes.append((people.passes, events.passes))
    assert passes[0] == passes[1]
    assert max(passes[0]) <= 3


def test_a_change_of_delegation_rechecks_the_ceremonies_its_people_attend() -> None:
    """At equal grade the delegations decide the order of precedence: a delegation that
    becomes the host moves its minister down, and the wreaths are then out of order."""
    data = build_demo()
    for n, person in enumerate(data.people):
        if person.family_name in ("Rufo", "Kovalenko", "Melnyk"):
            data.people = _replace(data.people, n, grade=Grade.MINISTER)  # type: ignore[assignment]
    checker = PlanChecker()
    assert checker.run(snapshot(data)) == check_plan(data) == []
    for n, delegation in enumerate(data.delegations):
        side = Side.GUEST if delegation.side is Side.HOST else Side.HOST
        data.delegations = _replace(data.delegations, n, side=side)  # type: ignore[assignment]
    again = checker.run(snapshot(data))
    assert checker.last_run.rechecked < checker.last_run.units
    assert _keys(again) == _keys(check_plan(data))
    assert any("lays a wreath after Alice Rufo" in f.message for f in again)
