"""The demo visit reproduces the press release and is a plan a protocol officer could run."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from itertools import combinations, pairwise
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from visitplanner.demo import build_demo
from visitplanner.domain.ids import is_uuid
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.values import (
    Access,
    EventKind,
    EventStatus,
    Grade,
    LocalizedText,
    Need,
    Role,
    Side,
)

PARIS = ZoneInfo("Europe/Paris")
CYRILLIC = re.compile(r"^[\u0400-\u04FFʼ' -]+$")
#: Events where people move rather than stay at a venue.
MOVES = (EventKind.TRAVEL, EventKind.TRANSFER)


@pytest.fixture(scope="module")
def demo() -> VisitData:
    return build_demo()


def _person(demo: VisitData, family_name: str) -> Person:
    found = [p for p in demo.people if p.family_name == family_name]
    assert len(found) == 1, family_name
    return found[0]


def _overlap(one: Event, other: Event) -> bool:
    return one.start < other.end and other.start < one.end


def _texts(value: Any) -> Iterator[tuple[str, LocalizedText]]:
    """Every LocalizedText reachable from `value`, with a path naming where it is."""
    if isinstance(value, LocalizedText):
        yield "", value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            for path, text in _texts(getattr(value, item.name)):
                yield f"{item.name}.{path}", text
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            for path, text in _texts(item):
                yield f"[{index}].{path}", text


def test_two_builds_are_equal_ids_included() -> None:
    first, second = build_demo(), build_demo()
    assert first == second
    assert list(first.all_ids()) == list(second.all_ids())


def test_ids_are_unique_uuids(demo: VisitData) -> None:
    ids = list(demo.all_ids())
    assert all(is_uuid(ident) for ident in ids)
    assert len(ids) == len(set(ids))


def test_visit_header(demo: VisitData) -> None:
    visit = demo.visit
    assert (visit.start_date, visit.end_date) == (date(2026, 5, 6), date(2026, 5, 9))
    assert visit.tz == "Europe/Paris"
    assert visit.languages == ("fr", "uk", "en")
    assert visit.marking == "Diffusion restreinte"
    assert all(visit.title.has(lang) for lang in ("fr", "uk", "en"))
    assert "Kalmykova" in visit.title.fr and "Калмикової" in visit.title.uk
    assert "Anciens combattants" in visit.organiser.name.fr
    assert "Martial Valin" in visit.organiser.address and "75015" in visit.organiser.address
    assert visit.organiser.email and visit.organiser.phone
    assert "communiqué de presse" in visit.notes and "7 mai 2026" in visit.notes


def test_delegations_heads_and_precedence(demo: VisitData) -> None:
    guest, host = sorted(demo.delegations, key=lambda d: d.position)
    assert (guest.side, guest.country, guest.position) == (Side.GUEST, "UA", 0)
    assert (host.side, host.country, host.position) == (Side.HOST, "FR", 1)
    assert demo.person(guest.head_id or "").family_name == "Kalmykova"
    assert demo.person(host.head_id or "").family_name == "Rufo"
    for delegation in demo.delegations:
        members = demo.members(delegation.id)
        assert [p.rank for p in members] == list(range(1, len(members) + 1))
        assert members[0].id == delegation.head_id
        assert members[0].role == Role.HEAD
        # The order of precedence never puts a lower grade before a higher one.
        orders = [p.grade.order for p in members]
        assert orders == sorted(orders)


def test_ukrainian_delegation_matches_the_press_release(demo: VisitData) -> None:
    guest = next(d for d in demo.delegations if d.side is Side.GUEST)
    members = demo.members(guest.id)
    shymanskyi = _person(demo, "Shymanskyi")
    assert (shymanskyi.given_name, shymanskyi.grade) == ("Oleg", Grade.DEPUTY_MINISTER)
    assert shymanskyi.role == Role.DEPUTY
    veterans = [p for p in members if p.role == Role.VETERAN]
    assert len(veterans) == 4
    assert all(p.sample for p in veterans)
    assert sum(p.step_free is Need.GIVEN for p in veterans) == 2
    assert all(p.accessibility_detail for p in veterans)
    roles = {p.role for p in members}
    assert {Role.INTERPRETER, Role.PRESS, Role.SECURITY, Role.STAFF} <= roles
    interpreter = next(p for p in members if p.role == Role.INTERPRETER)
    assert {"uk", "fr"} <= set(interpreter.languages)
    for person in members:
        assert CYRILLIC.match(person.native_name()), person.family_name
        assert person.latin_name()
        assert person.accreditation.passport_number
        assert person.duty_phone.startswith("+380")
        assert person.arrival.time is not None and person.departure.time is not None
        assert demo.stays_of(person.id), person.family_name  # a room at the hotel


@pytest.mark.parametrize(
    ("family", "given", "family_native", "given_native", "grade", "title_words"),
    [
        (
            "Kalmykova",
            "Natalia",
            "Калмикова",
            "Наталія",
            Grade.MINISTER,
            ("Ministre des Anciens combattants", "Міністр у справах ветеранів", "Minister"),
        ),
        (
            "Rufo",
            "Alice",
            "Руфо",
            "Аліс",
            Grade.MINISTER_DELEGATE,
            ("Ministre déléguée", "Міністр-делегат", "Minister Delegate"),
        ),
    ],
)
def test_principals_in_both_scripts_and_three_languages(
    demo: VisitData,
    family: str,
    given: str,
    family_native: str,
    given_native: str,
    grade: Grade,
    title_words: tuple[str, str, str],
) -> None:
    person = _person(demo, family)
    assert person.latin_name() == f"{given} {family}"
    assert (person.family_name_native, person.given_name_native) == (family_native, given_native)
    assert person.grade is grade and person.role == Role.HEAD
    for lang, words in zip(("fr", "uk", "en"), title_words, strict=True):
        assert words in person.title.get(lang)
        assert person.title.has(lang) and person.organisation.has(lang)


def test_dicod_contact_from_the_press_release(demo: VisitData) -> None:
    dicod = next(p for p in demo.people if p.duty_email == "media@dicod.fr")
    assert re.sub(r"\D", "", dicod.duty_phone).endswith("988673333")
    assert "DICOD" in dicod.organisation.fr
    assert "Centre médias" in dicod.display_name()
    assert dicod.role == Role.PRESS
    assert demo.delegation(dicod.delegation_id or "").side is Side.HOST
    assert any(e.kind is EventKind.CEREMONY for e in demo.events_of(dicod.id))


def test_authorities_belong_to_no_delegation(demo: VisitData) -> None:
    outsiders = demo.members(None)
    authorities = [p for p in outsiders if p.role == Role.AUTHORITY]
    assert len(authorities) >= 3
    assert any("gouverneur militaire de Paris" in p.title.fr for p in authorities)
    assert any("ONaCVG" in p.organisation.fr for p in authorities)
    assert any(p.title.fr.startswith("Maire") for p in authorities)
    assert all(p.sample for p in outsiders)


def test_every_person_takes_part_in_an_event(demo: VisitData) -> None:
    idle = [p.display_name() for p in demo.people if not demo.events_of(p.id)]
    assert idle == []


def test_drivers_drive_their_vehicles_in_transfers(demo: VisitData) -> None:
    drivers = {p.id for p in demo.people if p.role == Role.DRIVER}
    assert {v.driver_id for v in demo.vehicles} == drivers
    for person_id in drivers:
        assert {e.kind for e in demo.events_of(person_id)} == {EventKind.TRANSFER}
    for event in demo.events:
        for vehicle_id in event.vehicle_ids:
            assert demo.vehicle(vehicle_id).driver_id in event.participant_ids, event.title.fr


def test_vehicles_of_the_convoy(demo: VisitData) -> None:
    vehicles = sorted(demo.vehicles, key=lambda v: v.convoy_position)
    assert 3 <= len(vehicles) <= 4
    assert [v.convoy_position for v in vehicles] == list(range(1, len(vehicles) + 1))
    assert any(v.wheelchair is Access.YES for v in vehicles)
    for vehicle in vehicles:
        assert re.fullmatch(r"[A-Z]{2}-\d{3}-[A-Z]{2}", vehicle.plate)
        assert vehicle.duty_phone


def test_every_reference_resolves(demo: VisitData) -> None:
    people = {p.id for p in demo.people}
    venues = {v.id for v in demo.venues}
    vehicles = {v.id for v in demo.vehicles}
    delegations = {d.id for d in demo.delegations}
    for delegation in demo.delegations:
        assert delegation.head_id in people
        assert demo.person(delegation.head_id or "").delegation_id == delegation.id
    for person in demo.people:
        assert person.delegation_id is None or person.delegation_id in delegations
    for venue in demo.venues:
        assert set(venue.travel_minutes) <= venues - {venue.id}
    for vehicle in demo.vehicles:
        assert vehicle.driver_id in people
    for event in demo.events:
        assert event.venue_id in venues, event.title.fr
        assert set(event.participant_ids) <= people, event.title.fr
        assert set(event.vehicle_ids) <= vehicles, event.title.fr
        assert event.responsible_id in people, event.title.fr
        assert set(event.interpretation.interpreter_ids) <= set(event.participant_ids)


def test_nobody_is_in_two_places_at_once(demo: VisitData) -> None:
    for person in demo.people:
        for one, other in combinations(demo.events_of(person.id), 2):
            assert not _overlap(one, other), (person.display_name(), one.title.fr, other.title.fr)


def test_no_venue_or_vehicle_is_double_booked(demo: VisitData) -> None:
    for one, other in combinations(demo.events, 2):
        if not _overlap(one, other):
            continue
        assert one.venue_id != other.venue_id, (one.title.fr, other.title.fr)
        assert not set(one.vehicle_ids) & set(other.vehicle_ids), (one.title.fr, other.title.fr)


def test_travel_time_between_venues_is_respected(demo: VisitData) -> None:
    """A move to another venue takes at least the travel time the venues record.

    A transfer ends at its destination, and is itself long enough for the drive.
    Moves with hours to spare (overnight, an afternoon off) need no recorded time.
    """
    for person in demo.people:
        events = demo.events_of(person.id)
        for before, after in pairwise(events):
            move = before.title.fr, after.title.fr, person.display_name()
            if before.kind is EventKind.TRANSFER:
                assert before.destination_id, move
                minutes = demo.venue(before.venue_id or "").travel_minutes.get(
                    before.destination_id
                )
                assert minutes is not None, move
                assert before.end - before.start >= timedelta(minutes=minutes), move
            if before.end_place_id == after.venue_id:
                continue
            available = after.start - before.end
            if available >= timedelta(hours=3):
                continue
            here = demo.venue(before.end_place_id or "")
            minutes = here.travel_minutes.get(after.venue_id or "")
            assert minutes is not None, move
            assert available >= timedelta(minutes=minutes), move


def test_wheelchair_users_only_where_access_is_step_free(demo: VisitData) -> None:
    users = [p for p in demo.people if p.needs_step_free]
    assert len(users) == 2
    for person in users:
        for event in demo.events_of(person.id):
            venue = demo.venue(event.venue_id or "")
            assert venue.step_free is not Access.NO, (person.display_name(), venue.name.fr)
            if event.kind is EventKind.TRANSFER:
                wheelchair = [demo.vehicle(v).wheelchair for v in event.vehicle_ids]
                assert Access.YES in wheelchair, event.title.fr
    # The demo still shows a venue without step-free access, and one not yet checked.
    assert {v.step_free for v in demo.venues} == {Access.YES, Access.NO, Access.UNKNOWN}


def test_events_fall_within_the_visit(demo: VisitData) -> None:
    first, last = demo.visit.start_date, demo.visit.end_date
    for event in demo.events:
        start = event.start.astimezone(PARIS).date()
        end = event.end.astimezone(PARIS).date()
        if event.kind is EventKind.TRAVEL:
            assert first - timedelta(days=1) <= start and end <= last + timedelta(days=1)
        else:
            assert first <= start and end <= last, event.title.fr
        assert isinstance(event.start.tzinfo, ZoneInfo) and isinstance(event.end.tzinfo, ZoneInfo)


def test_arrival_from_warsaw_and_departure_to_warsaw(demo: VisitData) -> None:
    travel = sorted((e for e in demo.events if e.kind is EventKind.TRAVEL), key=lambda e: e.start)
    arrival, departure = travel[0], travel[-1]
    assert arrival.tz in ("Europe/Warsaw", "Europe/Kyiv")
    assert _zone(arrival.end) == "Europe/Paris"
    assert arrival.end.astimezone(PARIS) == datetime(2026, 5, 6, 12, 0, tzinfo=PARIS)
    assert departure.tz == "Europe/Paris"
    assert _zone(departure.end) != "Europe/Paris"
    kalmykova = _person(demo, "Kalmykova")
    assert kalmykova.id in arrival.participant_ids and kalmykova.id in departure.participant_ids
    assert kalmykova.arrival.carrier == "LOT Polish Airlines"
    # An arrival's time is the landing, in the zone of where she lands (the programme's
    # flight holds the take-off in Warsaw time).
    assert kalmykova.arrival.time == arrival.end
    assert _zone(kalmykova.arrival.time) == "Europe/Paris"


def _zone(moment: datetime) -> str:
    assert isinstance(moment.tzinfo, ZoneInfo)
    return moment.tzinfo.key


def test_ceremony_running_order(demo: VisitData) -> None:
    ceremony = next(e for e in demo.events if e.kind is EventKind.CEREMONY)
    assert ceremony.start.date() == date(2026, 5, 8)
    assert "Arc de Triomphe" in demo.venue(ceremony.venue_id or "").name.fr
    assert ceremony.interpretation.arranged and ceremony.dress_code.has("uk")
    order = ceremony.running_order
    times = [line.at for line in order]
    assert times == sorted(times)
    assert all(ceremony.start <= at <= ceremony.end for at in times)
    for line in order:
        assert all(line.action.has(lang) for lang in ("fr", "uk", "en"))
    actions = [line.action.fr.lower() for line in order]
    anthems = [i for i, a in enumerate(actions) if "hymne" in a or "marseillaise" in a]
    assert len(anthems) == 2
    assert "ukraine" in actions[anthems[0]] and "Гімн України" in order[anthems[0]].action.uk
    assert "marseillaise" in actions[anthems[-1]]
    wreath = next(i for i, a in enumerate(actions) if "gerbe" in a)
    sonnerie = actions.index("sonnerie aux morts")
    silence = actions.index("minute de silence")
    assert wreath < sonnerie < silence < anthems[0]
    assert actions[0].startswith("mise en place") and actions[-1].startswith("départ")
    people = set(ceremony.participant_ids)
    assert _person(demo, "Kalmykova").id in people and _person(demo, "Rufo").id in people
    veterans = {p.id for p in demo.people if p.role == Role.VETERAN}
    assert veterans <= people


def test_meetings_across_languages_have_interpreters(demo: VisitData) -> None:
    for event in demo.events:
        if event.kind in MOVES:
            continue
        sides = {
            demo.delegation(p.delegation_id).side if p.delegation_id else Side.HOST
            for p in map(demo.person, event.participant_ids)
        }
        if sides == {Side.GUEST, Side.HOST}:
            assert event.interpretation.arranged, event.title.fr
            assert event.interpretation.interpreter_ids, event.title.fr
            assert {"uk", "fr"} <= set(event.interpretation.languages)


def test_working_dinner_and_meals(demo: VisitData) -> None:
    meals = [e for e in demo.events if e.kind is EventKind.MEAL]
    dinner = next(e for e in meals if "Dîner de travail" in e.title.fr)
    sides = {demo.person(p).delegation_id for p in dinner.participant_ids}
    assert len(sides) == 2
    assert {_person(demo, "Kalmykova").id, _person(demo, "Rufo").id} <= set(dinner.participant_ids)
    for meal in meals:
        unknown = [
            demo.person(p).display_name()
            for p in meal.participant_ids
            if demo.person(p).dietary is Need.UNKNOWN
        ]
        assert unknown == [], meal.title.fr
    assert any(p.dietary_detail.fr == "Sans gluten (maladie cœliaque)" for p in demo.people)
    assert any(p.dietary_detail.uk == "Без глютену (целіакія)" for p in demo.people)


def test_programme_covers_the_press_release(demo: VisitData) -> None:
    titles = " | ".join(e.title.fr for e in demo.events)
    purposes = " | ".join(e.purpose.fr for e in demo.events)
    assert "Institution nationale des Invalides" in titles
    assert "Office national des combattants" in titles
    assert "Alice Rufo" in titles
    assert "feuille de route" in titles and "DCSD" in purposes
    assert "association" in titles and "entreprise" in titles
    statuses = {e.status for e in demo.events}
    assert EventStatus.CONFIRMED in statuses and EventStatus.DRAFT in statuses
    assert all(e.sample for e in demo.events)
    assert all(e.title.has(lang) for e in demo.events for lang in ("fr", "uk", "en"))


def test_ukrainian_text_uses_the_modifier_apostrophe(demo: VisitData) -> None:
    """Official Ukrainian spelling writes ʼ (U+02BC), which searching and sorting rely on."""
    uk = [(path, text.uk) for path, text in _texts(demo) if text.uk]
    uk += [(p.family_name, p.native_name()) for p in demo.people]
    assert [(path, value) for path, value in uk if "'" in value] == []
    assert any("ʼ" in value for _path, value in uk)
