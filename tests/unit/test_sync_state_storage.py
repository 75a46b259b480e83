"""Where a shared visit stands with its sync server, kept in the visit file: its state
survives closing the file, waiting updates go only once acknowledged, undo never touches
it, and a file of the schema before it opens with nothing shared."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import datetime
from pathlib import Path

from tests.protocol_factories import protocol_visit
from visitplanner.domain.values import zone
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.sync_rows import (
    SyncState,
    acknowledge_pending,
    add_pending,
    forget_sync,
    load_sync_state,
    pending_updates,
    save_sync_state,
)

PARIS = zone("Europe/Paris")
STATE = SyncState(
    server="wss://sync.example.gouv.fr",
    room="7c1f0e9a-52b4-4d5e-9a0b-1f2e3d4c5b6a",
    officer="Olena Kovalenko",
    machine="laptop-3",
    state=b"\x01\x02yjs state\x00",
    handed_through=12,
    undo_states={3: True, 7: False},
    received=frozenset({5, 9}),
    last_sync=datetime(2026, 5, 8, 14, 2, tzinfo=PARIS),
    my_writes=(("event", "e1", "start", '{"utc":"2026-05-08T18:00:00+00:00"}', "w1"),),
)


def _visit(tmp_path: Path) -> Path:
    path = tmp_path / "shared.visit"
    write_visit(path, protocol_visit())
    return path


def test_a_visit_never_shared_has_no_standing(tmp_path: Path) -> None:
    database = VisitDatabase.open(_visit(tmp_path))
    try:
        assert load_sync_state(database.conn) is None
        assert pending_updates(database.conn) == []
    finally:
        database.close()


def test_the_standing_and_waiting_updates_survive_closing_the_file(tmp_path: Path) -> None:
    path = _visit(tmp_path)
    database = VisitDatabase.open(path)
    with database.transaction():
        save_sync_state(database.conn, STATE)
        add_pending(database.conn, [b"first", b"", b"second"], STATE.last_sync)  # type: ignore[arg-type]
    database.close()
    database = VisitDatabase.open(path)
    try:
        kept = load_sync_state(database.conn)
        assert kept == STATE
        # Where it stands, read after every edit, leaves the document's state unread.
        assert load_sync_state(database.conn, document=False) == dataclasses.replace(
            STATE, state=b""
        )
        assert kept is not None and kept.last_sync is not None
        assert kept.last_sync.utcoffset() is not None  # an aware time, 12:02 UTC
        assert kept.last_sync == datetime(2026, 5, 8, 14, 2, tzinfo=PARIS)
        waiting = pending_updates(database.conn)
        assert [update for _seq, update in waiting] == [
            b"first",
            b"second",
        ]  # the empty one skipped
        # The server acknowledged the first; one made during the exchange still waits.
        with database.transaction():
            acknowledge_pending(database.conn, waiting[0][0])
            add_pending(database.conn, [b"third"], STATE.last_sync)  # type: ignore[arg-type]
        assert [u for _s, u in pending_updates(database.conn)] == [b"second", b"third"]
        with database.transaction():
            save_sync_state(database.conn, dataclasses.replace(STATE, handed_through=20))
        assert load_sync_state(database.conn).handed_through == 20  # type: ignore[union-attr]
        with database.transaction():
            forget_sync(database.conn)
        assert load_sync_state(database.conn) is None and pending_updates(database.conn) == []
    finally:
        database.close()


def test_undo_and_exports_leave_the_standing_alone(tmp_path: Path) -> None:
    path = _visit(tmp_path)
    database = VisitDatabase.open(path)
    with database.transaction():
        save_sync_state(database.conn, STATE)
    database.close()
    session = VisitSession.open(path)
    person = session.data.people[0]
    session.apply(SaveEntity(dataclasses.replace(person, notes="Arrives late"), person, "Notes"))
    session.undo()
    assert load_sync_state(session.database.conn) == STATE
    session.close()
    assert read_visit(path).people[0].notes == person.notes


def test_a_file_of_the_schema_before_opens_with_nothing_shared(tmp_path: Path) -> None:
    path = _visit(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE sync_pending")
    conn.execute("DROP TABLE sync_replica")
    conn.execute(
        "DELETE FROM _sqlite_migrations WHERE name IN ('0020_sync_replica', '0022_sync_my_writes')"
    )
    (count,) = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()
    conn.execute(f"PRAGMA user_version = {count}")
    conn.commit()
    conn.close()
    database = VisitDatabase.open(path)
    try:
        assert load_sync_state(database.conn) is None
        with database.transaction():
            save_sync_state(database.conn, STATE)
        assert load_sync_state(database.conn) == STATE
    finally:
        database.close()
