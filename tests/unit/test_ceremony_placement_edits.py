"""Moving people on a ceremony's placement: swaps, new places, freed places, someone
placed twice, and the operations that change only the placement."""

from __future__ import annotations

import copy

from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import PlacementArea, PlacementPosition
from visitplanner.domain.ceremony import free_place, place_person, placed_twice, unplaced
from visitplanner.domain.checks import FindingKind, Severity
from visitplanner.domain.lookup import find_person
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.protocol_checks import check_ceremonies
from visitplanner.services.ceremony import free_operation, place_operation

ROW = PlacementArea.ROW


def _ceremony() -> tuple[VisitData, Event]:
    data = build_demo()
    return data, next(e for e in data.events if e.placement)


def _at(
    placement: list[PlacementPosition], area: PlacementArea, row: int, place: int
) -> str | None:
    return next(
        (p.person_id for p in placement if (p.area, p.row, p.place) == (area, row, place)), None
    )


def test_a_move_onto_a_taken_place_swaps_and_keeps_the_ids() -> None:
    _data, event = _ceremony()
    a, b = _at(event.placement, ROW, 1, 5), _at(event.placement, ROW, 2, 3)
    assert a and b
    moved = place_person(event.placement, a, ROW, 2, 3)
    assert (_at(moved, ROW, 1, 5), _at(moved, ROW, 2, 3)) == (b, a)
    assert [p.id for p in moved] == [p.id for p in event.placement]
    assert _at(event.placement, ROW, 1, 5) == a  # the event's own list is untouched


def test_a_move_to_a_new_place_adds_it_and_leaves_the_old_one_empty() -> None:
    _data, event = _ceremony()
    a = _at(event.placement, ROW, 2, 1)
    assert a
    moved = place_person(event.placement, a, ROW, 2, 9)
    assert len(moved) == len(event.placement) + 1
    assert _at(moved, ROW, 2, 9) == a and _at(moved, ROW, 2, 1) is None
    assert not placed_twice(Event(event.title, event.start, event.end, placement=moved))


def test_a_layer_of_the_wreath_party_keeps_their_place_in_the_rows() -> None:
    data, event = _ceremony()
    rufo = find_person(data, "Rufo").id
    moved = place_person(event.placement, rufo, PlacementArea.WREATH_PARTY, 2, 6)
    assert _at(moved, ROW, 1, 6) == rufo  # a standing place is not swapped for a wreath's
    assert _at(moved, PlacementArea.WREATH_PARTY, 1, 1) is None


def test_someone_placed_twice_is_an_error_naming_both_places() -> None:
    data, event = _ceremony()
    assert not list(check_ceremonies(data, [event]))
    a = _at(event.placement, ROW, 1, 5)
    event.placement.append(PlacementPosition(ROW, 3, 1, person_id=a))
    assert list(placed_twice(event)) == [a]
    found = [f for f in check_ceremonies(data, [event]) if f.kind is FindingKind.PLACED_TWICE]
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert "row 1, place 5" in found[0].message and "row 3, place 1" in found[0].message


def test_free_and_place_operations_change_only_the_placement() -> None:
    data, event = _ceremony()
    position = next(p for p in event.placement if p.area is ROW and p.person_id)
    assert len(free_place(event.placement, position.id)) == len(event.placement)  # it stays
    freed = free_operation(event, position.id)
    after = freed.after
    assert isinstance(after, Event)
    assert _at(after.placement, ROW, position.row, position.place) is None
    assert after.wreaths is event.wreaths and after.running_order is event.running_order
    assert after.participant_ids is event.participant_ids
    assert position.person_id in {p.id for p in unplaced(data, after)}
    before = copy.deepcopy(event)
    placed = place_operation(data, after, position.person_id or "", ROW, 2, 9).after
    assert isinstance(placed, Event)
    assert _at(placed.placement, ROW, 2, 9) == position.person_id
    assert event == before
