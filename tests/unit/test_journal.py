"""The journal: every edit recorded in the file, undone and redone from any program."""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
from pathlib import Path

import pytest

from visitplanner.demo import build_demo
from visitplanner.domain.errors import HistoryError, StaleError, StorageError
from visitplanner.exports.visit_json import visit_to_json
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.precedence import reorder_operation
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage import journal


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    return path


def _minister(session: VisitSession):  # type: ignore[no-untyped-def]
    return next(p for p in session.data.people if p.family_name == "Kalmykova")


def test_an_edit_is_journaled_with_only_the_fields_it_changed(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    minister = _minister(session)
    session.apply(SaveEntity(dataclasses.replace(minister, notes="Arrive tôt"), minister, "Notes"))
    entry = journal.last_done(session.database.conn)
    assert entry is not None and entry.label == "Notes"
    (change,) = entry.changes
    assert (change.kind, change.id) == ("person", minister.id)
    assert change.before == {"notes": ""} and change.after == {"notes": "Arrive tôt"}
    assert session.revisions[("person", minister.id)] == 1
    session.close()


def test_saving_an_unchanged_entity_writes_nothing_and_adds_no_step(demo_path: Path) -> None:
    before = demo_path.read_bytes()
    session = VisitSession.open(demo_path)
    dinner = next(e for e in session.data.events if e.seating is not None)
    change = session.apply(SaveEntity(copy.deepcopy(dinner), dinner))
    assert not change
    assert session.undo_state().done == 0
    session.close()
    assert demo_path.read_bytes() == before


def test_undo_and_redo_survive_closing_the_file(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    original = visit_to_json(session.data)
    minister = _minister(session)
    session.apply(delete_operation(session.data, minister))
    session.close()

    reopened = VisitSession.open(demo_path)
    assert reopened.undo_state().undo_label
    reopened.undo()
    assert visit_to_json(reopened.data) == original
    reopened.close()
    assert visit_to_json(read_visit(demo_path)) == original

    again = VisitSession.open(demo_path)
    again.redo()
    assert minister.id not in {p.id for p in again.data.people}
    assert all(minister.id not in e.participant_ids for e in again.data.events)
    again.close()


def test_undoing_everything_gives_back_the_visit_byte_for_byte(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    original = visit_to_json(session.data)
    data = session.data
    session.apply(delete_operation(data, data.delegations[0]))
    session.apply(delete_operation(data, data.venues[2]))
    ceremony = next(e for e in data.events if e.wreaths)
    session.apply(delete_operation(data, ceremony))
    session.apply(delete_operation(data, data.vehicles[0]))
    while session.undo_state().done:
        session.undo()
    assert visit_to_json(session.data) == original
    session.close()
    assert visit_to_json(read_visit(demo_path)) == original


def test_a_new_edit_after_undo_drops_the_redo_steps(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    minister = _minister(session)
    session.apply(SaveEntity(dataclasses.replace(minister, notes="a"), minister, "A"))
    session.undo()
    assert session.undo_state().redo_label == "A"
    fresh = _minister(session)
    session.apply(SaveEntity(dataclasses.replace(fresh, notes="b"), fresh, "B"))
    assert session.undo_state().redo_label == ""
    with pytest.raises(HistoryError):
        session.redo()
    session.close()


def test_nothing_to_undo_is_said_plainly(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    with pytest.raises(HistoryError, match="nothing to undo"):
        session.undo()
    session.close()


def test_a_failed_undo_leaves_the_step_done_and_can_be_tried_again(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = VisitSession.open(demo_path)
    minister = _minister(session)
    session.apply(SaveEntity(dataclasses.replace(minister, notes="x"), minister, "Notes"))
    real = session.repository.save_entity

    def failing(*args: object, **kwargs: object) -> None:
        raise StorageError("disk is full")

    monkeypatch.setattr(session.repository, "save_entity", failing)
    with pytest.raises(StorageError):
        session.undo()
    assert session.undo_state().done == 1
    assert _minister(session).notes == "x"
    assert read_visit(demo_path).person(minister.id).notes == "x"
    monkeypatch.setattr(session.repository, "save_entity", real)
    session.undo()
    assert read_visit(demo_path).person(minister.id).notes == ""
    session.close()


def test_an_edit_on_a_copy_another_program_changed_is_refused(demo_path: Path) -> None:
    window = VisitSession.open(demo_path)
    command_line = VisitSession.open(demo_path)
    loaded = _minister(window)
    theirs = _minister(command_line)
    command_line.apply(SaveEntity(dataclasses.replace(theirs, duty_phone="+33 1 00"), theirs))
    with pytest.raises(StaleError, match="duty phone"):
        window.apply(SaveEntity(dataclasses.replace(loaded, notes="mine"), loaded))
    # The refusal brought the other program's change in; nothing was overwritten.
    assert _minister(window).duty_phone == "+33 1 00"
    assert read_visit(demo_path).person(loaded.id).duty_phone == "+33 1 00"
    fresh = _minister(window)
    window.apply(SaveEntity(dataclasses.replace(fresh, notes="mine"), fresh))
    stored = read_visit(demo_path).person(loaded.id)
    assert (stored.duty_phone, stored.notes) == ("+33 1 00", "mine")
    window.close()
    command_line.close()


def test_a_session_sees_what_another_program_wrote(demo_path: Path) -> None:
    window = VisitSession.open(demo_path)
    assert not window.sync()
    other = VisitSession.open(demo_path)
    event = other.data.events[0]
    other.apply(delete_operation(other.data, event))
    other.close()
    change = window.sync()
    assert change.ids["event"] == {event.id}
    assert event.id not in {e.id for e in window.data.events}
    window.close()


def test_a_reorder_writes_ranks_and_leaves_photos_alone(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    delegation = session.data.delegations[0]
    members = session.data.members(delegation.id)
    statements: list[str] = []
    session.database.conn.set_trace_callback(statements.append)
    session.apply(reorder_operation(session.data, delegation.id, [p.id for p in reversed(members)]))
    session.database.conn.set_trace_callback(None)
    written = [
        s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))
    ]
    assert not [s for s in written if "person_photo" in s]
    person_updates = [s for s in written if s.startswith("UPDATE person ")]
    assert person_updates and all('SET "rank"' in s for s in person_updates)
    entry = journal.last_done(session.database.conn)
    assert entry is not None
    assert {tuple(c.after or {}) for c in entry.changes} == {("rank",)}
    session.close()


def test_uuids_never_change_through_undo_and_redo(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    ids = sorted(e.id for e in session.data.events) + sorted(p.id for p in session.data.people)
    ceremony = next(e for e in session.data.events if e.running_order)
    lines = [line.id for line in ceremony.running_order]
    session.apply(delete_operation(session.data, ceremony))
    session.apply(delete_operation(session.data, session.data.people[3]))
    session.undo()
    session.undo()
    after = sorted(e.id for e in session.data.events) + sorted(p.id for p in session.data.people)
    assert after == ids
    assert [line.id for line in session.data.event(ceremony.id).running_order] == lines
    session.close()


def test_the_journal_stays_small(demo_path: Path) -> None:
    session = VisitSession.open(demo_path)
    for person in list(session.data.people)[:10]:
        session.apply(SaveEntity(dataclasses.replace(person, notes="vu"), person))
    count, size = journal.size(session.database.conn)
    assert count == 10 and size < 10 * 300
    session.close()
    conn = sqlite3.connect(demo_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_writer_waits_for_another_programs_write_then_applies_its_own(demo_path: Path) -> None:
    import threading
    import time

    holder = sqlite3.connect(demo_path, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of a write
    release = threading.Timer(0.8, holder.commit)
    release.start()
    session = VisitSession.open(demo_path)
    minister = _minister(session)
    started = time.monotonic()
    session.apply(SaveEntity(dataclasses.replace(minister, notes="après"), minister))
    assert time.monotonic() - started >= 0.5
    assert read_visit(demo_path).person(minister.id).notes == "après"
    release.join()
    holder.close()
    session.close()


def test_every_kind_of_entity_has_one_table_and_one_name_for_changes() -> None:
    from visitplanner.domain.kinds import KINDS
    from visitplanner.operations.change import KINDS as CHANGE_KINDS
    from visitplanner.storage.repository import TABLES

    names = [kind.name for kind in KINDS]
    assert set(TABLES) == set(names)
    assert set(names) <= set(CHANGE_KINDS)


def test_the_private_fields_are_declared_with_their_kinds() -> None:
    from visitplanner.domain.model import Person, Venue
    from visitplanner.domain.privacy import PRIVATE_FIELDS

    assert PRIVATE_FIELDS[Person] == {
        "private_phone",
        "accessibility_detail",
        "dietary_detail",
        "accreditation",
    }
    assert PRIVATE_FIELDS[Venue] == {"security_notes"}


def test_every_entity_of_the_demo_comes_back_whole_from_its_plain_form() -> None:
    from visitplanner.domain.kinds import walk
    from visitplanner.domain.plain import entity_from_plain, to_plain

    data = build_demo()
    for kind, entity in walk(data):
        assert entity_from_plain(kind.cls, to_plain(entity)) == entity, (kind.name, entity.id)
