"""The car plan: who rides in which vehicle and seat of each movement, proposed from
precedence, changed by hand in one undoable step, checked, and printed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import event_id, person_id, vehicle_id
from visitplanner.domain import car_plan
from visitplanner.domain.car_checks import car_findings
from visitplanner.domain.car_seats import CarAssignment, CarSeat
from visitplanner.domain.checks import CheckIndex, FindingKind, Severity, check_plan
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import VisitData
from visitplanner.domain.precedence import PrecedenceIndex
from visitplanner.domain.values import Access
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.roster import vehicle_plates
from visitplanner.operations.edits import delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services import cars as cars_service

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from summit import SummitSize, generate_summit

ARC_BACK = event_id("transfer-arc-hotel")
DEPUTY_TRACK = event_id("transfer-balard-company")


def _seat_of(data: VisitData, event: str, person: str) -> tuple[str, CarSeat, int | None]:
    found = [
        a for a in data.car_assignments if a.event_id == event and a.person_id == person_id(person)
    ]
    assert len(found) == 1, person
    return found[0].vehicle_id, found[0].seat, found[0].number


# --- the proposal ---------------------------------------------------------------------


def test_the_proposal_seats_the_principal_rear_right_in_the_lead_car_with_the_interpreter() -> None:
    data = build_demo()
    event = data.event(ARC_BACK)
    made = car_plan.propose(data, event)
    by_person = {a.person_id: a for a in made}
    minister = by_person[person_id("kalmykova")]
    assert (minister.vehicle_id, minister.seat) == (vehicle_id("lead"), CarSeat.REAR_RIGHT)
    interpreter = by_person[person_id("shevchuk")]  # of her delegation, before the French one
    assert (interpreter.vehicle_id, interpreter.seat) == (vehicle_id("lead"), CarSeat.REAR_LEFT)
    # The doctor rides with the veteran in a wheelchair; wheelchair users only in the minibus.
    assert by_person[person_id("boiko")].vehicle_id == by_person[person_id("kovalenko")].vehicle_id
    for veteran in ("kovalenko", "melnyk"):
        assert by_person[person_id(veteran)].vehicle_id == vehicle_id("minibus")
    # Drivers drive: nobody of them in a passenger seat; every passenger has one.
    drivers = {v.driver_id for v in data.vehicles}
    assert not drivers & set(by_person)
    assert set(by_person) == {p.id for p in car_plan.passengers(data, event)}
    car_plan.require_valid(data, event, made)


def test_the_proposal_keeps_hand_made_seats_and_fills_around_them() -> None:
    data = build_demo()
    event = data.event(ARC_BACK)
    kept = [a for a in data.car_assignments if a.event_id == ARC_BACK][:3]
    made = car_plan.propose(data, event, kept)
    assert not {a.person_id for a in made} & {a.person_id for a in kept}
    car_plan.require_valid(data, event, kept + made)


def test_nobody_in_a_wheelchair_is_put_in_a_car_without_access() -> None:
    data = build_demo()
    for vehicle in data.vehicles:
        vehicle.wheelchair = Access.NO
    event = data.event(ARC_BACK)
    made = car_plan.propose(data, event)
    seated = {a.person_id for a in made}
    assert person_id("kovalenko") not in seated
    assert person_id("melnyk") not in seated


def test_a_summit_is_proposed_in_linear_time() -> None:
    data = generate_summit(SummitSize())
    moves = [e for e in data.events if car_plan.is_movement(e)]
    index = PrecedenceIndex(data)
    began = time.perf_counter()
    made = [a for e in moves for a in car_plan.propose(data, e, (), index)]
    spent = time.perf_counter() - began
    assert len(moves) > 1000 and len(made) > 5000
    assert spent < 2.0  # about 0.06 s on the development machine
    data.car_assignments = made
    assert not [f for f in car_findings(CheckIndex(data)) if f.severity is Severity.ERROR]


# --- the rules and the checks ---------------------------------------------------------


def test_a_seat_holds_one_person_and_a_person_one_seat() -> None:
    data = build_demo()
    event = data.event(ARC_BACK)
    plan = [a for a in data.car_assignments if a.event_id == ARC_BACK]
    twice = CarAssignment(ARC_BACK, plan[1].vehicle_id, plan[0].person_id, CarSeat.REAR_MIDDLE)
    with pytest.raises(DomainError, match="one seat of a movement only"):
        car_plan.require_valid(data, event, [*plan, twice])
    same_seat = CarAssignment(ARC_BACK, plan[0].vehicle_id, person_id("morel"), plan[0].seat)
    with pytest.raises(DomainError, match="same seat"):
        car_plan.require_valid(
            data, event, [a for a in plan if a.person_id != same_seat.person_id] + [same_seat]
        )
    elsewhere = CarAssignment(ARC_BACK, vehicle_id("van"), person_id("morel"), CarSeat.FRONT)
    with pytest.raises(DomainError, match="not one of the movement's"):
        car_plan.require_valid(data, data.event(event_id("transfer-balard-onacvg")), [elsewhere])
    with pytest.raises(DomainError, match="numbered seat needs a number"):
        CarAssignment(ARC_BACK, vehicle_id("van"), person_id("morel"), CarSeat.NUMBERED)


def test_the_demo_plan_is_clean_and_the_checks_find_what_goes_wrong() -> None:
    data = build_demo()
    assert not [f for f in check_plan(data) if f.kind.value.startswith("car-")]
    plan = [a for a in data.car_assignments if a.event_id == ARC_BACK]
    minibus = next(v for v in data.vehicles if v.id == vehicle_id("minibus"))
    minibus.seats = 4
    minibus_rider = next(a for a in plan if a.person_id == person_id("kovalenko"))
    lead = next(a for a in plan if a.vehicle_id == vehicle_id("lead"))
    # The veteran in the lead car (no wheelchair access), the lead car's passenger out.
    data.car_assignments.remove(lead)
    minibus_rider.vehicle_id, minibus_rider.seat, minibus_rider.number = (
        vehicle_id("lead"),
        lead.seat,
        None,
    )
    found = {f.kind: f for f in check_plan(data) if f.event_ids == (ARC_BACK,)}
    assert found[FindingKind.CAR_NOT_WHEELCHAIR].severity is Severity.ERROR
    assert "Kovalenko" in found[FindingKind.CAR_NOT_WHEELCHAIR].message
    assert found[FindingKind.CAR_OVER_CAPACITY].vehicle_ids == (vehicle_id("minibus"),)
    assert found[FindingKind.CAR_MISSING].person_ids == (lead.person_id,)
    data.car_assignments.append(
        CarAssignment(ARC_BACK, vehicle_id("van"), person_id("kovalenko"), CarSeat.NUMBERED, 8)
    )
    twice = [f for f in check_plan(data) if f.kind is FindingKind.CAR_TWICE]
    assert twice and twice[0].person_ids == (person_id("kovalenko"),)


# --- operations: one undoable step each, UUIDs kept -----------------------------------


def test_deleting_a_person_takes_their_seats_along_and_undo_brings_them_back(
    demo: VisitSession,
) -> None:
    before = {a.id for a in demo.data.car_assignments if a.person_id == person_id("girard")}
    assert len(before) > 5
    demo.apply(delete_operation(demo.data, demo.data.person(person_id("girard"))))
    assert not [a for a in demo.data.car_assignments if a.person_id == person_id("girard")]
    demo.undo()
    after = {a.id for a in demo.data.car_assignments if a.person_id == person_id("girard")}
    assert after == before
    demo.redo()
    assert not [a for a in demo.data.car_assignments if a.person_id == person_id("girard")]


@pytest.mark.parametrize(
    ("kind", "ident"), [("vehicle", vehicle_id("minibus")), ("event", ARC_BACK)]
)
def test_deleting_a_vehicle_or_an_event_takes_its_seats_along(
    demo: VisitSession, kind: str, ident: str
) -> None:
    def gone() -> list[CarAssignment]:
        key = "vehicle_id" if kind == "vehicle" else "event_id"
        return [a for a in demo.data.car_assignments if getattr(a, key) == ident]

    before = sorted(a.id for a in gone())
    entity = demo.data.vehicle(ident) if kind == "vehicle" else demo.data.event(ident)
    demo.apply(delete_operation(demo.data, entity))
    assert not gone()
    demo.undo()
    assert sorted(a.id for a in gone()) == before


def test_a_move_onto_a_taken_seat_swaps_the_two_in_one_undoable_step(demo: VisitSession) -> None:
    event = demo.data.event(ARC_BACK)
    minister = _seat_of(demo.data, ARC_BACK, "kalmykova")
    deputy = _seat_of(demo.data, ARC_BACK, "shymanskyi")
    ids = sorted(a.id for a in demo.data.car_assignments)
    operation = cars_service.move_operation(
        demo.data, event, person_id("shymanskyi"), minister[0], (minister[1], 0)
    )
    assert operation is not None
    demo.apply(operation)
    assert _seat_of(demo.data, ARC_BACK, "shymanskyi") == minister
    assert _seat_of(demo.data, ARC_BACK, "kalmykova") == deputy
    assert sorted(a.id for a in demo.data.car_assignments) == ids  # the same entities
    assert demo.history(1)[0].label == "Change a seat in the car plan"
    demo.undo()
    assert _seat_of(demo.data, ARC_BACK, "kalmykova") == minister


def test_proposing_again_keeps_hand_made_seats_unless_asked(demo: VisitSession) -> None:
    event = demo.data.event(ARC_BACK)
    assert cars_service.propose_operation(demo.data, event) is None  # everyone has a car
    operation = cars_service.propose_operation(demo.data, event, replace=True)
    assert operation is not None
    demo.apply(operation)
    # The proposal's principal goes to the lead car; the demo's hand-made plan had her
    # in her own car, as its notes say.
    assert _seat_of(demo.data, ARC_BACK, "kalmykova")[:2] == (
        vehicle_id("lead"),
        CarSeat.REAR_RIGHT,
    )
    demo.undo()
    assert _seat_of(demo.data, ARC_BACK, "kalmykova")[0] == vehicle_id("minister")


def test_taking_someone_out_leaves_them_without_a_car(demo: VisitSession) -> None:
    event = demo.data.event(DEPUTY_TRACK)
    demo.apply(cars_service.unassign_operation(demo.data, event, [person_id("bondar")]))
    missing = [f for f in check_plan(demo.data) if f.kind is FindingKind.CAR_MISSING]
    assert [f.person_ids for f in missing] == [(person_id("bondar"),)]


# --- print -----------------------------------------------------------------------------


def test_the_ministers_pack_names_her_car_and_the_book_lists_the_cars() -> None:
    data = build_demo()
    options = BriefingOptions(lang="en", person_id=person_id("kalmykova"), sections=("programme",))
    text = read_pdf(render_briefing(data, options)).text
    # The vehicle's name in the pack's language.
    assert "Your car: Minister’s car (GJ-508-LM), rear right, driver" in text
    book = read_pdf(render_briefing(data, BriefingOptions(lang="en", sections=("movements",))))
    assert "Car plan" in book.text
    assert "seat 1" in book.text


def test_accreditation_plates_are_those_of_the_cars_a_person_rides_in() -> None:
    data = build_demo()
    plates = vehicle_plates(data)
    assert plates[person_id("kalmykova")] == "GJ-508-LM"
    assert plates[person_id("kovalenko")] == "GK-731-RT"
    driver = data.vehicle(vehicle_id("lead")).driver_id
    assert driver is not None and plates[driver] == "GH-214-KP"


def test_a_seat_in_a_vehicle_the_movement_no_longer_uses_is_reported() -> None:
    data = build_demo()
    event = data.event(ARC_BACK)
    event.vehicle_ids.remove(vehicle_id("van"))  # the van was taken off the movement
    found = [f for f in check_plan(data) if f.kind is FindingKind.CAR_NOT_IN_MOVEMENT]
    assert [f.person_ids for f in found] == [(person_id("lytvynenko"),)]
    assert "a vehicle it does not use" in found[0].message
