"""Each plan check fires on the problem it looks for and stays quiet otherwise."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from visitplanner.domain.checks import (
    FindingKind,
    Severity,
    check_plan,
    has_errors,
    travel_minutes,
)
from visitplanner.domain.model import (
    Event,
    Interpretation,
    Person,
    Vehicle,
    Venue,
    Visit,
    VisitData,
)
from visitplanner.domain.values import (
    Access,
    EventKind,
    EventStatus,
    InterpretationMode,
    LocalizedText,
    Need,
)
from visitplanner.i18n import set_language

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def _english() -> None:
    set_language("en")


def at(day: int, hour: int, minute: int = 0, tz: ZoneInfo = PARIS) -> datetime:
    return datetime(2026, 5, day, hour, minute, tzinfo=tz)


def event(title: str, start: datetime, minutes: int = 60, **kw: object) -> Event:
    kw.setdefault("status", EventStatus.CONFIRMED)
    return Event(
        title=LocalizedText(en=title),
        start=start,
        end=start + timedelta(minutes=minutes),
        **kw,  # type: ignore[arg-type]
    )


def plan(**kw: object) -> VisitData:
    visit = Visit(
        title=LocalizedText(en="Visit"), start_date=date(2026, 5, 6), end_date=date(2026, 5, 9)
    )
    return VisitData(visit=visit, **kw)  # type: ignore[arg-type]


def kinds(data: VisitData) -> list[FindingKind]:
    return [f.kind for f in check_plan(data)]


def test_a_person_in_two_overlapping_events_is_an_error() -> None:
    ana = Person(family_name="Koval", given_name="Anna")
    hall = Venue(name=LocalizedText(en="Hall"), step_free=Access.YES)
    room = Venue(name=LocalizedText(en="Room"), step_free=Access.YES, travel_minutes={})
    a = event("Talks", at(7, 10), 60, participant_ids=[ana.id], venue_id=hall.id)
    b = event("Lunch", at(7, 10, 30), 60, participant_ids=[ana.id], venue_id=room.id)
    findings = check_plan(plan(people=[ana], venues=[hall, room], events=[a, b]))
    overlap = [f for f in findings if f.kind is FindingKind.PERSON_OVERLAP]
    assert len(overlap) == 1
    assert overlap[0].severity is Severity.ERROR
    assert set(overlap[0].event_ids) == {a.id, b.id}
    assert overlap[0].person_ids == (ana.id,)
    assert "Anna Koval" in overlap[0].message and "Talks" in overlap[0].message


def test_back_to_back_events_and_cancelled_ones_do_not_overlap() -> None:
    ana = Person(family_name="Koval")
    a = event("Talks", at(7, 10), 60, participant_ids=[ana.id])
    b = event("Lunch", at(7, 11), 60, participant_ids=[ana.id])
    c = event("Dropped", at(7, 10), 60, participant_ids=[ana.id], status=EventStatus.CANCELLED)
    assert FindingKind.PERSON_OVERLAP not in kinds(plan(people=[ana], events=[a, b, c]))


def test_a_venue_booked_twice_is_an_error_and_once_is_fine() -> None:
    hall = Venue(name=LocalizedText(en="Hall"))
    a = event("A", at(7, 10), 90, venue_id=hall.id)
    b = event("B", at(7, 11), 60, venue_id=hall.id)
    assert FindingKind.VENUE_DOUBLE_BOOKED in kinds(plan(venues=[hall], events=[a, b]))
    b.start, b.end = at(7, 11, 30), at(7, 12, 30)
    assert FindingKind.VENUE_DOUBLE_BOOKED not in kinds(plan(venues=[hall], events=[a, b]))


def test_a_vehicle_in_two_places_at_once_is_an_error() -> None:
    car = Vehicle(label=LocalizedText(en="Car 1"))
    a = event("Transfer 1", at(7, 9), 30, kind=EventKind.TRANSFER, vehicle_ids=[car.id])
    b = event("Transfer 2", at(7, 9, 15), 30, kind=EventKind.TRANSFER, vehicle_ids=[car.id])
    findings = [
        f
        for f in check_plan(plan(vehicles=[car], events=[a, b]))
        if f.kind is FindingKind.VEHICLE_OVERLAP
    ]
    assert findings and findings[0].vehicle_ids == (car.id,)
    assert "Car 1" in findings[0].message
    b.start, b.end = at(7, 10), at(7, 10, 30)
    assert FindingKind.VEHICLE_OVERLAP not in kinds(plan(vehicles=[car], events=[a, b]))


def test_too_little_travel_time_from_the_venues_own_times() -> None:
    ana = Person(family_name="Koval")
    brienne = Venue(name=LocalizedText(en="Brienne"))
    arc = Venue(name=LocalizedText(en="Arc"), travel_minutes={brienne.id: 25})
    a = event("Talks", at(7, 10), 60, participant_ids=[ana.id], venue_id=brienne.id)
    b = event("Wreath", at(7, 11, 10), 30, participant_ids=[ana.id], venue_id=arc.id)
    findings = [
        f
        for f in check_plan(plan(people=[ana], venues=[brienne, arc], events=[a, b]))
        if f.kind is FindingKind.TRAVEL_TIME
    ]
    assert len(findings) == 1
    assert findings[0].severity is Severity.WARNING
    assert "10 minutes" in findings[0].message and "25 minutes" in findings[0].message
    b.start, b.end = at(7, 11, 30), at(7, 12)
    assert FindingKind.TRAVEL_TIME not in kinds(
        plan(people=[ana], venues=[brienne, arc], events=[a, b])
    )


def test_travel_time_is_estimated_from_coordinates_with_the_assumption_stated() -> None:
    ana = Person(family_name="Koval")
    brienne = Venue(name=LocalizedText(en="Brienne"), latitude=48.8597, longitude=2.3179)
    cdg = Venue(name=LocalizedText(en="CDG"), latitude=49.0097, longitude=2.5479)
    minutes, estimated = travel_minutes(brienne, cdg) or (0, False)
    assert estimated and 60 <= minutes <= 90  # ~23 km at 20 km/h + 10 min
    a = event("Talks", at(7, 10), 60, participant_ids=[ana.id], venue_id=brienne.id)
    b = event("Flight", at(7, 11, 30), 60, participant_ids=[ana.id], venue_id=cdg.id)
    finding = next(
        f
        for f in check_plan(plan(people=[ana], venues=[brienne, cdg], events=[a, b]))
        if f.kind is FindingKind.TRAVEL_TIME
    )
    assert "estimated" in finding.message and "20 km/h" in finding.message


def test_one_travel_finding_names_everyone_making_the_move() -> None:
    people = [Person(family_name=f"P{i}") for i in range(5)]
    ids = [p.id for p in people]
    x = Venue(name=LocalizedText(en="X"))
    y = Venue(name=LocalizedText(en="Y"), travel_minutes={x.id: 30})
    a = event("A", at(7, 10), 60, participant_ids=ids, venue_id=x.id)
    b = event("B", at(7, 11, 5), 60, participant_ids=ids, venue_id=y.id)
    travel = [
        f
        for f in check_plan(plan(people=people, venues=[x, y], events=[a, b]))
        if f.kind is FindingKind.TRAVEL_TIME
    ]
    assert len(travel) == 1 and set(travel[0].person_ids) == set(ids)


def test_events_outside_the_visit_dates_in_the_visit_zone() -> None:
    late = event("Late", at(9, 23, 30), 60)  # ends 10 May in Paris
    kyiv_early = event("Early", datetime(2026, 5, 6, 0, 30, tzinfo=ZoneInfo("Europe/Kyiv")), 30)
    inside = event("Inside", at(8, 10), 60)
    result = check_plan(plan(events=[late, kyiv_early, inside]))
    outside = {f.event_ids[0] for f in result if f.kind is FindingKind.OUTSIDE_DATES}
    # 00:30 in Kyiv on 6 May is 23:30 on 5 May in Paris: outside.
    assert outside == {late.id, kyiv_early.id}
    assert has_errors(result)


def test_travel_legs_may_start_the_day_before_and_end_the_day_after() -> None:
    warsaw = ZoneInfo("Europe/Warsaw")
    arrive = event(
        "Arrival", datetime(2026, 5, 5, 21, 0, tzinfo=warsaw), 180, kind=EventKind.TRAVEL
    )
    leave = event("Departure", at(10, 8), 120, kind=EventKind.TRAVEL)
    too_early = event(
        "Too early", datetime(2026, 5, 4, 21, 0, tzinfo=warsaw), 60, kind=EventKind.TRAVEL
    )
    outside = {
        f.event_ids[0]
        for f in check_plan(plan(events=[arrive, leave, too_early]))
        if f.kind is FindingKind.OUTSIDE_DATES
    }
    assert outside == {too_early.id}


@pytest.mark.parametrize(
    ("access", "expected"),
    [
        (Access.NO, FindingKind.STEP_FREE_MISSING),
        (Access.UNKNOWN, FindingKind.STEP_FREE_UNKNOWN),
        (Access.YES, None),
    ],
)
def test_step_free_access_for_those_who_need_it(
    access: Access, expected: FindingKind | None
) -> None:
    wheel = Person(family_name="Bondar", step_free=Need.GIVEN)
    walker = Person(family_name="Melnyk", step_free=Need.NONE)
    place = Venue(name=LocalizedText(en="Crypt"), step_free=access)
    ev = event("Visit", at(7, 10), 60, participant_ids=[wheel.id, walker.id], venue_id=place.id)
    found = [
        f
        for f in check_plan(plan(people=[wheel, walker], venues=[place], events=[ev]))
        if f.kind in (FindingKind.STEP_FREE_MISSING, FindingKind.STEP_FREE_UNKNOWN)
    ]
    if expected is None:
        assert not found
    else:
        assert [f.kind for f in found] == [expected]
        assert found[0].person_ids == (wheel.id,)
        assert "Bondar" in found[0].message and "Melnyk" not in found[0].message
        assert "Bondar needs it" in found[0].message  # one person: the verb agrees


def test_a_check_about_one_person_speaks_of_one_in_each_language() -> None:
    from visitplanner.i18n import set_language

    wheel = Person(family_name="Bondar", step_free=Need.GIVEN)
    place = Venue(name=LocalizedText(en="Crypt"), step_free=Access.NO)
    ev = event("Visit", at(7, 10), 60, participant_ids=[wheel.id], venue_id=place.id)
    messages = {}
    for lang in ("fr", "uk"):
        set_language(lang)
        try:
            found = check_plan(plan(people=[wheel], venues=[place], events=[ev]))
        finally:
            set_language("en")
        messages[lang] = next(f.message for f in found if f.kind is FindingKind.STEP_FREE_MISSING)
    assert "Bondar en a besoin" in messages["fr"]
    assert "Bondar потребує" in messages["uk"]


def test_a_meal_with_unknown_dietary_needs_is_flagged_and_other_events_are_not() -> None:
    known = Person(family_name="A", dietary=Need.NONE)
    unknown = Person(family_name="B")
    dinner = event(
        "Dinner", at(8, 20), 120, kind=EventKind.MEAL, participant_ids=[known.id, unknown.id]
    )
    talks = event("Talks", at(8, 10), 60, participant_ids=[unknown.id])
    found = [
        f
        for f in check_plan(plan(people=[known, unknown], events=[dinner, talks]))
        if f.kind is FindingKind.DIETARY_UNKNOWN
    ]
    assert len(found) == 1 and found[0].person_ids == (unknown.id,)
    unknown.dietary = Need.GIVEN
    assert FindingKind.DIETARY_UNKNOWN not in kinds(plan(people=[known, unknown], events=[dinner]))


def test_no_common_language_and_no_interpretation() -> None:
    uk = Person(family_name="K", languages=("uk",))
    fr = Person(family_name="R", languages=("fr",))
    both = Person(family_name="I", languages=("uk", "fr"))
    talks = event("Talks", at(7, 10), 60, participant_ids=[uk.id, fr.id])
    assert FindingKind.NO_INTERPRETATION in kinds(plan(people=[uk, fr], events=[talks]))
    talks.interpretation = Interpretation(InterpretationMode.CONSECUTIVE, ("uk", "fr"), [both.id])
    assert FindingKind.NO_INTERPRETATION not in kinds(plan(people=[uk, fr, both], events=[talks]))
    shared = event("Coffee", at(7, 12), 30, participant_ids=[uk.id, both.id])
    assert FindingKind.NO_INTERPRETATION not in kinds(plan(people=[uk, both], events=[shared]))


def test_a_confirmed_event_without_a_venue_and_a_draft_one() -> None:
    confirmed = event("Talks", at(7, 10))
    draft = event("Maybe", at(7, 12), status=EventStatus.DRAFT)
    found = [
        f.event_ids
        for f in check_plan(plan(events=[confirmed, draft]))
        if f.kind is FindingKind.NO_VENUE
    ]
    assert found == [(confirmed.id,)]


def test_findings_speak_the_users_language() -> None:
    confirmed = event("Talks", at(7, 10))
    set_language("fr")
    try:
        message = check_plan(plan(events=[confirmed]))[0].message
    finally:
        set_language("en")
    assert "confirmé" in message


def test_an_empty_visit_has_no_findings() -> None:
    assert check_plan(plan()) == []
