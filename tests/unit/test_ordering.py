"""Reordering people, delegations and vehicles: renumbered in full, one edit, undone whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import small_visit
from visitplanner.demo import build_demo
from visitplanner.demo.common import GUEST_DELEGATION_ID
from visitplanner.domain.errors import DomainError
from visitplanner.domain.photos import MAX_PHOTO_BYTES, photo_type
from visitplanner.operations.session import VisitSession
from visitplanner.services.ordering import (
    convoy_order,
    delegation_order,
    moved,
    placed,
    reorder_delegations,
    reorder_people,
    reorder_vehicles,
)
from visitplanner.services.venue_edits import save_venue_operation
from visitplanner.services.visit_files import read_visit, write_visit


def test_moved_and_placed() -> None:
    assert moved(["a", "b", "c"], "c", -1) == ["a", "c", "b"]
    assert moved(["a", "b", "c"], "a", -1) == ["a", "b", "c"]  # already first
    assert moved(["a", "b", "c"], "a", 5) == ["b", "c", "a"]
    assert placed(["a", "b", "c"], "c", "a") == ["c", "a", "b"]
    assert placed(["a", "b", "c"], "a", None) == ["b", "c", "a"]
    with pytest.raises(ValueError):
        moved(["a"], "z", 1)


def test_reordering_people_renumbers_every_rank_and_undoes_whole(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    data = build_demo()
    members = data.members(GUEST_DELEGATION_ID)
    # Ranks with a gap and a tie, as an import may leave them: a move renumbers them all.
    members[3].rank = 40
    members[4].rank = 40
    write_visit(path, data)
    session = VisitSession.open(path)
    order = [p.id for p in session.data.members(GUEST_DELEGATION_ID)]
    operation = reorder_people(session.data, GUEST_DELEGATION_ID, moved(order, order[1], -1))
    assert operation is not None
    session.apply(operation)
    after = read_visit(path).members(GUEST_DELEGATION_ID)
    assert [p.rank for p in after] == list(range(1, len(after) + 1))
    assert [p.id for p in after][:2] == [order[1], order[0]]
    session.undo()
    assert [p.id for p in read_visit(path).members(GUEST_DELEGATION_ID)] == order
    session.close()


def test_an_unchanged_order_makes_no_edit() -> None:
    data = small_visit()
    order = [p.id for p in data.members(data.delegations[0].id)]
    assert reorder_people(data, data.delegations[0].id, order) is None
    with pytest.raises(ValueError):
        reorder_people(data, data.delegations[0].id, order[:1])


def test_delegations_and_vehicles_are_renumbered() -> None:
    data = build_demo()
    order = delegation_order(data)
    operation = reorder_delegations(data, list(reversed(order)))
    assert operation is not None
    assert sorted((d.id, d.position) for d in operation.after) == sorted(
        zip(reversed(order), range(len(order)), strict=True)
    )
    convoy = convoy_order(data)
    operation = reorder_vehicles(data, moved(convoy, convoy[-1], -1))
    assert operation is not None
    assert {v.convoy_position for v in operation.after} == {3, 4}


def test_a_venue_travel_time_is_mirrored_only_where_edited() -> None:
    data = small_visit()
    brienne, arc = data.venues
    arc.travel_minutes = {brienne.id: 17}  # the two ways differ already
    changed = brienne.__class__(**{**_fields(brienne), "travel_minutes": {arc.id: 15}})
    untouched = save_venue_operation(data, changed, brienne, both_ways=True, edited=[])
    assert [e.id for e in untouched.after] == [brienne.id]
    edited = save_venue_operation(data, changed, brienne, both_ways=True, edited=[arc.id])
    assert [e.id for e in edited.after] == [brienne.id, arc.id]
    assert edited.after[1].travel_minutes == {brienne.id: 15}  # type: ignore[union-attr]


def test_a_photo_is_known_by_its_bytes_and_size() -> None:
    assert photo_type(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert photo_type(b"\xff\xd8\xff\xe0....") == "image/jpeg"
    with pytest.raises(DomainError, match="PNG or JPEG"):
        photo_type(b"GIF89a....")
    with pytest.raises(DomainError, match="at most 5 MB"):
        photo_type(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_PHOTO_BYTES)


def _fields(entity: object) -> dict[str, object]:
    import dataclasses

    return {f.name: getattr(entity, f.name) for f in dataclasses.fields(entity)}  # type: ignore[arg-type]
