"""Commemorations: the template, wreaths, arrival and departure order, placement, and checks."""

from __future__ import annotations

import copy
import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.protocol_factories import by_name, protocol_visit
from tests.scaled_visits import CountingList, summit_times
from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import PlacementArea, StepKind, Wreath
from visitplanner.domain.ceremony import (
    arrival_break,
    commemoration_template,
    departure_break,
    placement_template,
    template_wreaths,
    wreath_breaks,
)
from visitplanner.domain.checks import FindingKind, Severity, check_plan
from visitplanner.domain.model import Event, RunningOrderItem, VisitData
from visitplanner.domain.protocol_checks import running_order_breaks
from visitplanner.domain.values import LocalizedText, Need, Role


def _ceremony(data: VisitData) -> Event:
    return data.events[1]


def _templated(authorities: int = 2) -> tuple[VisitData, Event]:
    data = protocol_visit(3, 3, authorities=authorities)
    event = _ceremony(data)
    event.wreaths = template_wreaths(data, event)
    event.running_order = commemoration_template(data, event)
    return data, event


def _steps(event: Event, kind: StepKind) -> list[list[str]]:
    return [line.person_ids for line in event.running_order if line.kind is kind]


def test_the_template_holds_every_step_in_order_in_three_languages() -> None:
    _data, event = _templated()
    kinds = [line.kind for line in event.running_order]
    first = {kind: kinds.index(kind) for kind in StepKind if kind in kinds}
    assert first[StepKind.ARRIVAL] < first[StepKind.HONOURS] < first[StepKind.WREATH]
    assert first[StepKind.WREATH] < first[StepKind.MUSIC] < first[StepKind.SILENCE]
    assert first[StepKind.SILENCE] < first[StepKind.ANTHEM] < first[StepKind.DEPARTURE]
    actions = [line.action for line in event.running_order]
    assert all(a.fr and a.uk and a.en for a in actions)
    assert "Sonnerie aux morts" in [a.fr for a in actions]
    times = [line.at for line in event.running_order]
    assert times == sorted(times) and times[0] == event.start


def test_anthems_guest_first_and_la_marseillaise_last() -> None:
    _data, event = _templated()
    anthems = [line.action for line in event.running_order if line.kind is StepKind.ANTHEM]
    assert len(anthems) == 2
    assert "Ukraine" in anthems[0].fr and "Україн" in anthems[0].uk
    assert "Marseillaise" in anthems[-1].fr


def test_authorities_of_no_delegation_arrive_and_leave_by_themselves() -> None:
    data, event = _templated(authorities=2)
    a1, a2 = by_name(data, "A1").id, by_name(data, "A2").id
    arrivals = _steps(event, StepKind.ARRIVAL)
    assert [a2] in arrivals and [a1] in arrivals
    assert arrivals.index([a2]) < arrivals.index([a1])  # lower precedence first


def test_the_highest_authority_arrives_last_and_leaves_first() -> None:
    data, event = _templated()
    g1 = by_name(data, "G1").id
    assert g1 in _steps(event, StepKind.ARRIVAL)[-1]
    assert g1 in _steps(event, StepKind.DEPARTURE)[0]
    assert arrival_break(data, event) is None and departure_break(data, event) is None


def test_wreaths_are_laid_lowest_precedence_first() -> None:
    data, event = _templated()
    layers = [w.layer_ids[0] for w in event.wreaths]
    assert layers == [by_name(data, "H1").id, by_name(data, "G1").id]
    assert list(wreath_breaks(data, event)) == []
    ribbons = [w.ribbon.fr for w in event.wreaths]
    assert ribbons == ["Titre de H1", "Titre de G1"]


def test_the_checks_flag_wreaths_in_the_wrong_order() -> None:
    data, event = _templated()
    event.wreaths.reverse()
    found = {f.kind: f for f in check_plan(data)}
    assert FindingKind.WREATH_ORDER in found
    assert "G1" in found[FindingKind.WREATH_ORDER].message


def test_the_checks_flag_the_highest_arriving_early_or_leaving_late() -> None:
    data, event = _templated()
    arrivals = [line for line in event.running_order if line.kind is StepKind.ARRIVAL]
    arrivals[0].person_ids, arrivals[-1].person_ids = (
        arrivals[-1].person_ids,
        arrivals[0].person_ids,
    )
    departures = [line for line in event.running_order if line.kind is StepKind.DEPARTURE]
    departures[0].person_ids, departures[-1].person_ids = (
        departures[-1].person_ids,
        departures[0].person_ids,
    )
    kinds = {f.kind for f in check_plan(data)}
    assert {FindingKind.ARRIVAL_ORDER, FindingKind.DEPARTURE_ORDER} <= kinds


def test_placement_centres_the_highest_and_gives_wheelchair_places() -> None:
    data = protocol_visit(3, 3)
    g3 = by_name(data, "G3")
    g3.step_free = Need.GIVEN
    driver = by_name(data, "H3")
    driver.role = Role.DRIVER
    event = _ceremony(data)
    event.placement = placement_template(data, event)
    where = {p.person_id: p for p in event.placement}
    assert driver.id not in where  # drivers have no place in the rows
    g1, h1 = where[by_name(data, "G1").id], where[by_name(data, "H1").id]
    assert g1.row == h1.row == 1 and h1.place == g1.place + 1  # the next on their right
    assert where[g3.id].wheelchair and where[g3.id].place == 1
    assert not [f for f in check_plan(data) if f.kind is FindingKind.PLACEMENT_NOT_WHEELCHAIR]
    where[g3.id].wheelchair = False
    assert FindingKind.PLACEMENT_NOT_WHEELCHAIR in {f.kind for f in check_plan(data)}


def test_the_wreath_party_is_placed_wreath_by_wreath() -> None:
    data = protocol_visit(2, 2)
    event = _ceremony(data)
    g1, g2, h1 = (by_name(data, n).id for n in ("G1", "G2", "H1"))
    event.wreaths = [Wreath(layer_ids=[h1]), Wreath(layer_ids=[g1], carrier_ids=[g2])]
    event.placement = placement_template(data, event)
    party = [
        (p.row, p.place, p.person_id)
        for p in event.placement
        if p.area is PlacementArea.WREATH_PARTY
    ]
    assert party == [(1, 1, h1), (2, 1, g1), (2, 2, g2)]


@pytest.fixture
def demo() -> VisitData:
    return build_demo()


def _demo_ceremony(demo: VisitData) -> Event:
    return next(e for e in demo.events if e.title.fr.startswith("Cérémonie commémorative"))


def test_the_demo_ceremony_keeps_every_rule(demo: VisitData) -> None:
    event = _demo_ceremony(demo)
    assert [w.layer_ids[0] for w in event.wreaths] == [
        by_name(demo, "Rufo").id,
        by_name(demo, "Kalmykova").id,
    ]
    assert event.wreaths[1].carrier_ids  # the veterans carry Ukraine's wreath
    kalmykova = by_name(demo, "Kalmykova").id
    assert kalmykova in _steps(event, StepKind.ARRIVAL)[-1]
    assert kalmykova in _steps(event, StepKind.DEPARTURE)[0]
    wheelchairs = {p.person_id for p in event.placement if p.wheelchair}
    assert {by_name(demo, "Kovalenko").id, by_name(demo, "Melnyk").id} <= wheelchairs
    assert [f for f in check_plan(demo) if event.id in f.event_ids] == []


def test_the_demo_ceremony_flagged_when_its_wreaths_are_swapped(demo: VisitData) -> None:
    event = _demo_ceremony(demo)
    event.wreaths.reverse()
    assert FindingKind.WREATH_ORDER in {f.kind for f in check_plan(demo)}


def test_the_template_on_the_demo_ceremony_keeps_the_rules(demo: VisitData) -> None:
    event = copy.deepcopy(_demo_ceremony(demo))
    event.running_order = commemoration_template(demo, event)
    demo.events = [event if e.id == event.id else e for e in demo.events]
    lacombe = by_name(demo, "Lacombe").id
    assert any(line.person_ids == [lacombe] for line in event.running_order)
    assert [f for f in check_plan(demo) if event.id in f.event_ids] == []


def test_ceremony_checks_do_no_work_over_the_people_for_events_without_ceremony_data() -> None:
    """Counted, not timed: on ten times the summit (30,000 people, 50,000 events, no
    ceremony data) the ceremony checks pass over the people once at most, as on the
    summit itself: no event costs a pass over everyone."""
    from visitplanner.domain import protocol_checks

    passes = []
    for copies in (1, 10):
        data = summit_times(copies)
        assert len(data.people) == 3000 * copies and len(data.events) == 5000 * copies
        assert not any(e.wreaths or e.placement or e.running_order for e in data.events)
        data.people = counted = CountingList(data.people)
        assert list(protocol_checks.check_ceremonies(data, data.events)) == []
        passes.append(counted.passes)
    assert passes[0] == passes[1] <= 1


def test_ceremony_checks_pass_over_the_people_once_however_many_ceremonies() -> None:
    """The demo's ceremony copied 300 times: the order of precedence of each reads the
    people found in one pass, not a pass of its own."""
    from visitplanner.domain import protocol_checks

    demo = build_demo()
    ceremonies = [e for e in demo.events if e.wreaths or e.placement or e.running_order]
    assert ceremonies
    passes = []
    for copies in (1, 300):
        data = copy.deepcopy(demo)
        for number in range(copies):
            data.events.append(dataclasses.replace(ceremonies[0], id=f"x{number}"))
        data.people = counted = CountingList(data.people)
        list(protocol_checks.check_ceremonies(data, data.events))
        passes.append(counted.passes)
    assert passes[0] == passes[1] == 1


def _shifted(demo: VisitData) -> Event:
    """The demo ceremony with its seventh line ("Dépôt de gerbe de la France", 18:25)
    moved up before the honours (18:15), keeping its own time: 18:12, 18:25, 18:15."""
    event = next(e for e in demo.events if e.wreaths)
    lines = event.running_order
    lines.insert(5, lines.pop(6))
    return event


def test_a_running_order_in_time_order_is_not_flagged(demo: VisitData) -> None:
    assert not [f for f in check_plan(demo) if f.kind is FindingKind.RUNNING_ORDER_TIMES]


def test_a_running_order_that_goes_back_in_time_is_flagged_with_its_lines(
    demo: VisitData,
) -> None:
    event = _shifted(demo)
    found = [f for f in check_plan(demo) if f.kind is FindingKind.RUNNING_ORDER_TIMES]
    assert len(found) == 1
    finding = found[0]
    assert finding.severity is Severity.WARNING
    assert finding.event_ids == (event.id,)
    honours = event.running_order[6].action.en
    assert honours.startswith("Military honours")
    assert f"line 7 “{honours}” at 18:15" in finding.message
    assert "comes after 18:25" in finding.message
    assert finding.cause == f"running order of “{event.title.en}”"
    assert [b.number for b in running_order_breaks(event.running_order)] == [7]
    # Put back in order, the finding goes.
    event.running_order.sort(key=lambda line: line.at)
    assert not running_order_breaks(event.running_order)


def test_a_running_order_over_midnight_is_in_order() -> None:
    zone = ZoneInfo("Europe/Paris")
    late = RunningOrderItem(datetime(2026, 5, 8, 23, 55, tzinfo=zone), LocalizedText(fr="A"))
    after = RunningOrderItem(datetime(2026, 5, 9, 0, 5, tzinfo=zone), LocalizedText(fr="B"))
    assert running_order_breaks([late, after]) == []
    assert [b.line for b in running_order_breaks([after, late])] == [late]
