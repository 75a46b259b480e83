"""Edits through operations: committed at once, undone to the same UUIDs."""

from __future__ import annotations

import copy
from pathlib import Path

from tests.factories import small_visit
from visitplanner.domain.model import Person
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.change import Change
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit


def _open(tmp_path: Path) -> tuple[Path, VisitSession]:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    return path, VisitSession.open(path)


def test_an_edit_is_in_the_file_as_soon_as_it_is_made(tmp_path: Path) -> None:
    path, session = _open(tmp_path)
    person = Person(family_name="Шиманський", given_name_native="Олег")
    change = session.apply(SaveEntity(person))
    assert change.touches("person")
    assert read_visit(path).person(person.id).family_name == "Шиманський"
    assert session.data.person(person.id).given_name_native == "Олег"
    session.close()


def test_undoing_an_edit_restores_the_previous_version(tmp_path: Path) -> None:
    path, session = _open(tmp_path)
    before = session.data.events[0]
    after = copy.deepcopy(before)
    after.title = LocalizedText(fr="Nouveau titre")
    operation = SaveEntity(after, before)
    session.apply(operation)
    assert read_visit(path).event(before.id).title.fr == "Nouveau titre"
    session.undo()
    assert read_visit(path).event(before.id).title == before.title
    session.close()


def test_an_undone_deletion_comes_back_with_the_same_uuid_and_links(tmp_path: Path) -> None:
    path, session = _open(tmp_path)
    minister = session.data.people[0]
    events_before = {e.id: list(e.participant_ids) for e in session.data.events}
    operation = delete_operation(session.data, minister)
    change = session.apply(operation)
    assert change.touches("event")
    after_delete = read_visit(path)
    assert minister.id not in {p.id for p in after_delete.people}
    assert all(minister.id not in e.participant_ids for e in after_delete.events)
    session.undo()
    restored = read_visit(path)
    assert restored.person(minister.id).family_name == minister.family_name
    assert {e.id: e.participant_ids for e in restored.events} == events_before
    assert restored.delegation(minister.delegation_id or "").head_id == minister.id
    assert session.data.person(minister.id).id == minister.id
    session.close()


def test_deleting_a_delegation_takes_its_members_and_undo_brings_them_back(
    tmp_path: Path,
) -> None:
    path, session = _open(tmp_path)
    guests = session.data.delegations[0]
    members = {p.id for p in session.data.members(guests.id)}
    operation = delete_operation(session.data, guests)
    session.apply(operation)
    assert not members & {p.id for p in read_visit(path).people}
    session.undo()
    assert members <= {p.id for p in read_visit(path).people}
    session.close()


def test_a_change_merges_and_says_what_it_touches() -> None:
    change = Change.of("event", ["a"]) | Change.of("event", ["b"]) | Change.of("person", ["p"])
    assert change.ids["event"] == frozenset({"a", "b"})
    assert change.touches("person") and not change.touches("venue")
    assert not Change()


def test_saving_several_entities_is_one_edit_undone_at_once(tmp_path: Path) -> None:
    from visitplanner.operations.edits import SaveEntities

    path, session = _open(tmp_path)
    guests = session.data.delegations[0]
    minister, veteran = session.data.members(guests.id)
    swapped = [copy.deepcopy(minister), copy.deepcopy(veteran)]
    swapped[0].rank, swapped[1].rank = veteran.rank, minister.rank
    newcomer = Person(family_name="Новенька", delegation_id=guests.id, rank=3)
    operation = SaveEntities([*swapped, newcomer], [minister, veteran], label="Reorder")
    session.apply(operation)
    order = [p.id for p in read_visit(path).members(guests.id)]
    assert order == [veteran.id, minister.id, newcomer.id]
    session.undo()
    again = read_visit(path)
    assert [p.id for p in again.members(guests.id)] == [minister.id, veteran.id]
    assert newcomer.id not in {p.id for p in again.people}
    session.close()
