"""Seating plans: the two strategies, locked seats, step-free seats, moves, tables, checks."""

from __future__ import annotations

import pytest

from tests.protocol_factories import by_name, protocol_visit
from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import (
    Seat,
    SeatingPlan,
    SeatingStrategy,
    SeatSide,
    Table,
    TableShape,
)
from visitplanner.domain.checks import FindingKind, Severity, check_plan
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.model import VisitData
from visitplanner.domain.precedence import event_order
from visitplanner.domain.seating import (
    head_table,
    long_table,
    move,
    propose,
    renumber,
    round_table,
    set_locked,
    tables_from_spec,
    unseat,
)
from visitplanner.domain.values import Need, Role

WORKING, OFFICIAL = SeatingStrategy.WORKING, SeatingStrategy.OFFICIAL


def _propose(
    data: VisitData,
    tables: list[Table],
    strategy: SeatingStrategy,
    interpreters: tuple[str, ...] = (),
) -> SeatingPlan:
    meal = data.events[0]
    plan = propose(
        SeatingPlan(tables=tables),
        strategy,
        event_order(data, meal),
        data.delegations,
        interpreters,
    )
    meal.seating = plan
    return plan


def _who(data: VisitData, plan: SeatingPlan, side: SeatSide, table: int = 0) -> list[str]:
    names = {p.id: p.family_name for p in data.people}
    return [names.get(s.person_id or "", "-") for s in plan.tables[table].side(side)]


# --- working meal ---------------------------------------------------------------------


def test_working_meal_heads_face_each_other_and_ranks_alternate_outward() -> None:
    data = protocol_visit(5, 5)
    plan = _propose(data, [long_table("T", 5)], WORKING)
    # North faces south: the guest head's right is to the west (lower positions).
    assert _who(data, plan, SeatSide.NORTH) == ["G4", "G2", "G1", "G3", "G5"]
    # South faces north: the host head's right is to the east (higher positions).
    assert _who(data, plan, SeatSide.SOUTH) == ["H5", "H3", "H1", "H2", "H4"]


def test_working_meal_seats_interpreters_beside_their_heads() -> None:
    data = protocol_visit(4, 4)
    g4, h4 = by_name(data, "G4"), by_name(data, "H4")
    g4.role = h4.role = Role.INTERPRETER
    plan = _propose(data, [long_table("T", 5)], WORKING, (g4.id, h4.id))
    north, south = _who(data, plan, SeatSide.NORTH), _who(data, plan, SeatSide.SOUTH)
    assert north[2] == "G1" and north[3] == "G4"  # on the head's left, the right kept for G2
    assert north[1] == "G2"
    assert south[2] == "H1" and south[1] == "H4" and south[3] == "H2"


def test_working_meal_overflow_takes_the_seats_left() -> None:
    data = protocol_visit(6, 2)
    plan = _propose(data, [long_table("T", 4)], WORKING)
    assert len(plan.seated_ids()) == 8
    assert set(_who(data, plan, SeatSide.NORTH)) == {"G1", "G2", "G3", "G4"}


# --- official meal --------------------------------------------------------------------


def test_official_meal_host_and_cohost_face_with_guests_on_their_right() -> None:
    data = protocol_visit(4, 4)
    plan = _propose(data, [long_table("T", 5)], OFFICIAL)
    north, south = _who(data, plan, SeatSide.NORTH), _who(data, plan, SeatSide.SOUTH)
    assert south[2] == "H1" and north[2] == "H2"  # host and co-host at the centre
    assert south[3] == "G1"  # guest of honour on the host's right (east)
    assert north[1] == "G2"  # second guest on the co-host's right (west)
    assert south[1] == "G3" and north[3] == "G4"  # then on their left
    assert south[4] == "H3" and north[0] == "H4"  # the next ring interleaves the hosts


def test_official_round_table_guest_of_honour_on_the_hosts_right() -> None:
    data = protocol_visit(3, 3)
    plan = _propose(data, [round_table("R", 6)], OFFICIAL)
    ring = _who(data, plan, SeatSide.ROUND)
    assert ring[0] == "H1" and ring[3] == "H2"
    assert ring[5] == "G1"  # counter-clockwise of the host is the host's right
    assert ring[2] == "G2"  # the co-host's right


def test_official_head_table_and_other_tables_presided_by_hosts() -> None:
    data = protocol_visit(6, 4)
    tables = [head_table("H", 3), round_table("R1", 4), round_table("R2", 4)]
    renumber(tables)
    plan = _propose(data, tables, OFFICIAL)
    head = _who(data, plan, SeatSide.NORTH, 0)
    assert head[1] == "H1" and head[0] == "G1"  # the host's right is to the west
    assert _who(data, plan, SeatSide.ROUND, 1)[0] == "H2"
    assert _who(data, plan, SeatSide.ROUND, 2)[0] == "H3"
    assert len(plan.seated_ids()) == 10


# --- locks, access, moves ---------------------------------------------------------------


@pytest.mark.parametrize("strategy", list(SeatingStrategy))
def test_a_locked_seat_survives_a_new_proposal(strategy: SeatingStrategy) -> None:
    data = protocol_visit(4, 4)
    plan = _propose(data, [long_table("T", 4)], strategy)
    g4 = by_name(data, "G4").id
    corner = plan.seat_by_number(1)
    plan = set_locked(move(plan, g4, corner.id), corner.id, True)
    again = propose(plan, strategy, event_order(data, data.events[0]), data.delegations)
    assert again.seat_by_number(1).person_id == g4 and again.seat_by_number(1).locked
    assert again.seated_ids().count(g4) == 1
    assert len(again.seated_ids()) == 8


@pytest.mark.parametrize("strategy", list(SeatingStrategy))
def test_a_wheelchair_user_is_never_proposed_a_seat_with_steps(strategy: SeatingStrategy) -> None:
    data = protocol_visit(4, 4)
    data.events[0].participant_ids.reverse()
    g2 = by_name(data, "G2")
    g2.step_free = Need.GIVEN
    table = long_table("T", 4)
    for seat in table.seats:
        seat.step_free = seat.position != 1  # the seats where G2 would go
    plan = _propose(data, [table], strategy)
    seat = plan.seat_of(g2.id)
    assert seat is not None and seat.step_free


def test_move_swaps_and_a_locked_seat_refuses() -> None:
    data = protocol_visit(2, 2)
    plan = _propose(data, [long_table("T", 2)], WORKING)
    g1, h1 = by_name(data, "G1").id, by_name(data, "H1").id
    g1_seat, h1_seat = plan.seat_of(g1), plan.seat_of(h1)
    assert g1_seat is not None and h1_seat is not None
    swapped = move(plan, g1, h1_seat.id)
    assert swapped.seat(h1_seat.id).person_id == g1
    assert swapped.seat(g1_seat.id).person_id == h1
    locked = set_locked(plan, h1_seat.id, True)
    with pytest.raises(DomainError, match="locked"):
        move(locked, g1, h1_seat.id)
    assert unseat(plan, g1).seat_of(g1) is None


def test_seat_numbers_are_unique_in_a_plan() -> None:
    with pytest.raises(DomainError):
        SeatingPlan(
            tables=[Table("T", seats=[Seat(1, SeatSide.NORTH, 0), Seat(1, SeatSide.SOUTH, 0)])]
        )


def test_tables_from_a_description() -> None:
    tables = tables_from_spec("head:5, round:8, round:8, round:6, long:6+1")
    assert [t.shape for t in tables] == [
        TableShape.HEAD,
        TableShape.ROUND,
        TableShape.ROUND,
        TableShape.ROUND,
        TableShape.LONG,
    ]
    numbers = [s.number for t in tables for s in sorted(t.seats, key=lambda s: s.number)]
    assert numbers == list(range(1, 5 + 8 + 8 + 6 + 14 + 1))
    assert len(tables[-1].side(SeatSide.WEST)) == 1


@pytest.mark.parametrize("spec", ["", "square:4", "long:x", "round:4+1", "long:0", "long:999"])
def test_a_bad_table_description_is_refused(spec: str) -> None:
    with pytest.raises(InputError):
        tables_from_spec(spec)


# --- checks -----------------------------------------------------------------------------


def _kinds(data: VisitData) -> dict[FindingKind, Severity]:
    return {f.kind: f.severity for f in check_plan(data)}


def test_checks_flag_a_wheelchair_at_a_seat_with_steps_and_someone_seated_twice() -> None:
    data = protocol_visit(2, 2)
    g2 = by_name(data, "G2")
    g2.step_free = Need.GIVEN
    plan = _propose(data, [long_table("T", 3)], WORKING)
    seat = plan.seat_of(g2.id)
    assert seat is not None
    seat.step_free = False
    free = next(s for _t, s in plan.seats() if s.person_id is None)
    free.person_id = by_name(data, "H1").id
    kinds = _kinds(data)
    assert kinds[FindingKind.SEAT_NOT_STEP_FREE] is Severity.ERROR
    assert kinds[FindingKind.SEATED_TWICE] is Severity.ERROR


def test_checks_flag_unknown_diets_at_table_by_seat_unseated_and_absent_people() -> None:
    data = protocol_visit(3, 2)
    g3 = by_name(data, "G3")
    g3.dietary = Need.UNKNOWN
    plan = _propose(data, [long_table("T", 2)], WORKING)  # 4 seats for 5 people
    findings = {f.kind: f for f in check_plan(data)}
    assert FindingKind.UNSEATED in findings
    unseated = findings[FindingKind.UNSEATED].person_ids
    assert len(unseated) == 1
    if g3.id not in unseated:
        assert "seat" in findings[FindingKind.SEAT_DIETARY_UNKNOWN].message
        assert FindingKind.DIETARY_UNKNOWN not in findings  # named by seat instead
    data.events[0].participant_ids.remove(plan.seated_ids()[0])
    assert FindingKind.SEATED_ABSENT in _kinds(data)


def test_the_demo_dinner_has_a_working_plan_with_no_finding() -> None:
    demo = build_demo()
    dinner = next(e for e in demo.events if e.title.fr.startswith("Dîner de travail"))
    assert dinner.seating is not None and dinner.seating.strategy is WORKING
    plan = dinner.seating
    kalmykova = plan.seat_of(by_name(demo, "Kalmykova").id)
    rufo = plan.seat_of(by_name(demo, "Rufo").id)
    assert kalmykova and rufo and kalmykova.position == rufo.position
    assert {kalmykova.side, rufo.side} == {SeatSide.NORTH, SeatSide.SOUTH}
    shevchuk = plan.seat_of(by_name(demo, "Shevchuk").id)
    assert (
        shevchuk and shevchuk.side is kalmykova.side and shevchuk.position == kalmykova.position + 1
    )
    for name in ("Kovalenko", "Melnyk"):  # wheelchair users
        seat = plan.seat_of(by_name(demo, name).id)
        assert seat is not None and seat.step_free
    assert sorted(plan.seated_ids()) == sorted(dinner.participant_ids)
    assert [f for f in check_plan(demo) if f.event_ids == (dinner.id,)] == []
