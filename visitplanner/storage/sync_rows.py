"""Rows of where a shared visit stands with its sync server (`SyncState`), and the
updates made here that the server has not yet acknowledged.

Written outside the journal, as what CalDAV servers hold (publish_rows.py): it is the
state of an exchange, not an edit of the visit; undo never changes it and no export
carries it. Each replica keeps its own: a copy of the file shares its state until it
syncs (the document's client id is new at every opening, so two copies never write
under one id).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime

from visitplanner.domain.model import CalendarMemory, ProgrammeVersion
from visitplanner.domain.values import zone
from visitplanner.storage import calendar_rows
from visitplanner.storage.rows import time_from_db, time_to_db
from visitplanner.storage.version_rows import load_versions, save_version

_UTC = zone("UTC")


@dataclass(frozen=True)
class SyncState:
    """One replica's standing: its server and room, its officer and machine, the shared
    document as it was last kept, and how far the journal was handed over to it."""

    server: str
    room: str
    officer: str
    machine: str
    state: bytes
    #: The journal's last entry turned into an update of the document.
    handed_through: int = 0
    #: Whether each undoable entry was done, as last handed over (undo and redo since
    #: are handed over as updates too).
    undo_states: dict[int, bool] = field(default_factory=dict)
    #: Journal entries that brought in other officers' updates (never handed back).
    received: frozenset[int] = frozenset()
    #: When an exchange with the server last completed.
    last_sync: datetime | None = None
    #: The fields this officer set that no other officer's value replaced yet, as
    #: (kind, id, key, value as JSON text, write): what a later merge is told against.
    my_writes: tuple[tuple[str, str, str, str, str], ...] = ()
    #: False when an update the document holds could not be written into the visit file:
    #: the file is brought in step with the document at the next opening.
    in_step: bool = True
    #: Entities (kind, id) whose links the file cut while the document keeps them: written
    #: again when what they referred to comes back.
    cut_links: tuple[tuple[str, str], ...] = ()


def load_sync_state(conn: sqlite3.Connection, document: bool = True) -> SyncState | None:
    """The replica's standing, or None for a visit that is not shared; without the
    `document`'s state (megabytes on a summit) when only where it stands is wanted."""
    column = "state" if document else "x''"
    row = conn.execute(
        f"SELECT server, room, officer, machine, {column}, handed_through, undo_states, "
        "received, last_sync_utc, my_writes, in_step, cut_links FROM sync_replica WHERE id = 1"
    ).fetchone()
    if row is None:
        return None
    server, room, officer, machine, state, through, states, received, last, mine, in_step, cut = row
    return SyncState(
        server=server,
        room=room,
        officer=officer,
        machine=machine,
        state=bytes(state),
        handed_through=int(through),
        undo_states={int(seq): bool(done) for seq, done in json.loads(states).items()},
        received=frozenset(int(seq) for seq in json.loads(received)),
        last_sync=None if last is None else time_from_db(last, "UTC"),
        my_writes=tuple(
            (str(k), str(i), str(key), str(v), str(w)) for k, i, key, v, w in json.loads(mine)
        ),
        in_step=bool(in_step),
        cut_links=tuple((str(kind), str(ident)) for kind, ident in json.loads(cut)),
    )


def save_sync_state(conn: sqlite3.Connection, state: SyncState) -> None:
    """Insert or replace the replica's standing."""
    conn.execute(
        "INSERT INTO sync_replica (id, server, room, officer, machine, state, handed_through, "
        "undo_states, received, last_sync_utc, my_writes, in_step, cut_links) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET server = excluded.server, room = excluded.room, "
        "officer = excluded.officer, machine = excluded.machine, state = excluded.state, "
        "handed_through = excluded.handed_through, undo_states = excluded.undo_states, "
        "received = excluded.received, last_sync_utc = excluded.last_sync_utc, "
        "my_writes = excluded.my_writes, in_step = excluded.in_step, "
        "cut_links = excluded.cut_links",
        (
            state.server,
            state.room,
            state.officer,
            state.machine,
            state.state,
            state.handed_through,
            json.dumps({str(seq): done for seq, done in sorted(state.undo_states.items())}),
            json.dumps(sorted(state.received)),
            None if state.last_sync is None else time_to_db(state.last_sync.astimezone(_UTC))[0],
            json.dumps([list(one) for one in state.my_writes], ensure_ascii=False),
            int(state.in_step),
            json.dumps([list(key) for key in sorted(state.cut_links)]),
        ),
    )


def add_pending(conn: sqlite3.Connection, updates: list[bytes], made: datetime) -> None:
    """Keep updates made here until the server acknowledges them (empty ones skipped)."""
    stamp = time_to_db(made.astimezone(_UTC))[0]
    conn.executemany(
        "INSERT INTO sync_pending (made_utc, update_bytes) VALUES (?, ?)",
        [(stamp, update) for update in updates if update],
    )


def pending_count(conn: sqlite3.Connection) -> int:
    """How many updates wait for the server."""
    return int(conn.execute("SELECT count(*) FROM sync_pending").fetchone()[0])


def pending_updates(conn: sqlite3.Connection) -> list[tuple[int, bytes]]:
    """The updates waiting for the server, oldest first, with their number."""
    return [
        (int(seq), bytes(update))
        for seq, update in conn.execute("SELECT seq, update_bytes FROM sync_pending ORDER BY seq")
    ]


def acknowledge_pending(conn: sqlite3.Connection, through: int) -> None:
    """The server has every update up to number `through`: they wait no more (those
    made while the exchange ran stay)."""
    conn.execute("DELETE FROM sync_pending WHERE seq <= ?", (through,))


def forget_sync(conn: sqlite3.Connection) -> None:
    """The visit is no longer shared from this file: its standing and waiting updates go."""
    conn.execute("DELETE FROM sync_pending")
    conn.execute("DELETE FROM sync_replica")


def write_shared_records(
    conn: sqlite3.Connection, memory: CalendarMemory, versions: list[ProgrammeVersion]
) -> bool:
    """Bring the file's calendar memory and programme versions to what the shared document
    holds (sync/records.py); whether anything was written. Versions the file holds under
    the same numbers and issue times stay as kept (deltas included); from the first one
    that differs, the file's are replaced by the document's."""
    held = calendar_rows.load_calendar_memory(conn)
    wrote = False
    moved = {pair: mark for pair, mark in memory.marks.items() if held.marks.get(pair) != mark}
    if moved:
        calendar_rows.save_marks(conn, moved)
        wrote = True
    for calendar in sorted(set(held.sent) | set(memory.sent)):
        events = memory.sent.get(calendar, frozenset())
        dropped = memory.dropped.get(calendar, frozenset())
        if (
            held.sent.get(calendar, frozenset()) != events
            or held.dropped.get(calendar, frozenset()) != dropped
        ):
            calendar_rows.save_sent(conn, calendar, events, dropped)
            wrote = True
    missing = {i: e for i, e in memory.ghosts.items() if i not in held.ghosts}
    if missing:
        calendar_rows.save_ghosts(conn, missing)
        wrote = True
    kept = load_versions(conn)
    wanted = sorted(versions, key=lambda v: v.number)
    same = 0
    while same < min(len(kept), len(wanted)) and (
        kept[same].number,
        kept[same].issued,
        kept[same].note,
    ) == (wanted[same].number, wanted[same].issued, wanted[same].note):
        same += 1
    if same < len(kept) or same < len(wanted):
        if same < len(kept):
            conn.execute("DELETE FROM programme_version WHERE number >= ?", (kept[same].number,))
        number_of = {id(v.programme): v.number for v in wanted}
        for version in wanted[same:]:
            base = getattr(version.programme, "base", None)
            save_version(conn, version, None if base is None else number_of[id(base)])
        wrote = True
    return wrote
