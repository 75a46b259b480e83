"""The journal of operations and the revision of each entity, as rows of the visit file.

The journal is what undo and redo read and what another program reads to learn what
changed; revisions let an operation refuse to overwrite what it has not seen.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: An entity as the journal names it: (kind, id).
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class EntityChange:
    """What one operation did to one entity: the fields it changed, before and after.

    `before` is None for an entity the operation created, `after` None for one it
    deleted; both then hold the whole entity.
    """

    kind: str
    id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        """The change as the journal stores it."""
        return {"kind": self.kind, "id": self.id, "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> EntityChange:
        """A change read back from the journal."""
        return cls(value["kind"], value["id"], value["before"], value["after"])


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One operation in the journal."""

    seq: int
    id: str
    at: datetime
    machine: str
    program: str
    label: str
    undoable: bool
    done: bool
    changes: tuple[EntityChange, ...] = ()
    #: Who made it: the officer named in a shared visit (the author of changes that came
    #: from another replica), else the computer's user; "" in entries older than that.
    officer: str = ""


def _entry(row: tuple[Any, ...], with_changes: bool) -> JournalEntry:
    seq, ident, at, machine, program, label, undoable, state, officer, changes = row
    return JournalEntry(
        seq=seq,
        id=ident,
        at=datetime.fromisoformat(at),
        machine=machine,
        program=program,
        label=label,
        undoable=bool(undoable),
        done=state == "done",
        officer=officer,
        changes=tuple(EntityChange.from_json(c) for c in json.loads(changes))
        if with_changes
        else (),
    )


_COLUMNS = "seq, id, at_utc, machine, program, label, undoable, state, officer"


def append(
    conn: sqlite3.Connection,
    ident: str,
    label: str,
    changes: Iterable[EntityChange],
    *,
    machine: str,
    program: str,
    undoable: bool,
    officer: str = "",
) -> int:
    """Record an operation; returns its place in the journal."""
    payload = json.dumps([c.to_json() for c in changes], ensure_ascii=False, separators=(",", ":"))
    cursor = conn.execute(
        "INSERT INTO journal "
        "(id, at_utc, machine, officer, program, label, undoable, state, changes) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'done', ?)",
        (
            ident,
            datetime.now(UTC).isoformat(),
            machine,
            officer,
            program,
            label,
            int(undoable),
            payload,
        ),
    )
    return int(cursor.lastrowid or 0)


def drop_redo_tail(conn: sqlite3.Connection) -> None:
    """Forget the undone operations: a new edit replaces what redo would bring back."""
    conn.execute("DELETE FROM journal WHERE undoable = 1 AND state = 'undone'")


def last_done(conn: sqlite3.Connection) -> JournalEntry | None:
    """The operation that undo takes back next, with its changes."""
    row = conn.execute(
        f"SELECT {_COLUMNS}, changes FROM journal WHERE undoable = 1 AND state = 'done' "
        "ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    return None if row is None else _entry(row, True)


def first_undone(conn: sqlite3.Connection) -> JournalEntry | None:
    """The operation that redo brings back next, with its changes."""
    row = conn.execute(
        f"SELECT {_COLUMNS}, changes FROM journal WHERE undoable = 1 AND state = 'undone' "
        "ORDER BY seq LIMIT 1"
    ).fetchone()
    return None if row is None else _entry(row, True)


def set_done(conn: sqlite3.Connection, seq: int, done: bool) -> None:
    """Mark an operation undone (or done again)."""
    conn.execute("UPDATE journal SET state = ? WHERE seq = ?", ("done" if done else "undone", seq))


def entries(conn: sqlite3.Connection, limit: int | None = None) -> list[JournalEntry]:
    """The journal, newest first (without the changes themselves)."""
    sql = f"SELECT {_COLUMNS}, '[]' FROM journal ORDER BY seq DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_entry(row, False) for row in conn.execute(sql)]


@dataclass(frozen=True, slots=True)
class UndoState:
    """What Edit > Undo and Redo offer: how many steps, and the label of the next ones."""

    done: int = 0
    undone: int = 0
    undo_label: str = ""
    redo_label: str = ""


def undo_state(conn: sqlite3.Connection) -> UndoState:
    """The undo and redo steps the journal holds."""
    done, undone = conn.execute(
        "SELECT count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state = 'undone') "
        "FROM journal WHERE undoable = 1"
    ).fetchone()
    last = conn.execute(
        "SELECT label FROM journal WHERE undoable = 1 AND state = 'done' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    first = conn.execute(
        "SELECT label FROM journal WHERE undoable = 1 AND state = 'undone' ORDER BY seq LIMIT 1"
    ).fetchone()
    return UndoState(done, undone, last[0] if last else "", first[0] if first else "")


# -- revisions ---------------------------------------------------------------------------


def revisions(conn: sqlite3.Connection) -> dict[Key, int]:
    """The revision of every entity that has changed since the journal began."""
    return {
        (kind, ident): revision
        for kind, ident, revision in conn.execute(
            "SELECT kind, id, revision FROM entity_revision WHERE deleted = 0"
        )
    }


def stored_revisions(conn: sqlite3.Connection, keys: Iterable[Key]) -> dict[Key, int]:
    """The revisions the file holds for `keys` (0 for an entity never changed)."""
    found: dict[Key, int] = {}
    by_kind: dict[str, list[str]] = {}
    for kind, ident in keys:
        by_kind.setdefault(kind, []).append(ident)
        found[(kind, ident)] = 0
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for ident, revision in conn.execute(
                f"SELECT id, revision FROM entity_revision WHERE kind = ? AND id IN ({marks})",
                [kind, *chunk],
            ):
                found[(kind, ident)] = revision
    return found


def last_stamp(conn: sqlite3.Connection) -> int:
    """The stamp of the latest change in the file (0 before any)."""
    return int(conn.execute("SELECT coalesce(max(stamp), 0) FROM entity_revision").fetchone()[0])


def raise_revisions(
    conn: sqlite3.Connection, touched: Iterable[tuple[str, str, bool]]
) -> dict[Key, int]:
    """Raise the revision of each (kind, id, deleted) touched; returns the new revisions."""
    stamp = last_stamp(conn) + 1
    rows = list(touched)
    conn.executemany(
        "INSERT INTO entity_revision (kind, id, revision, stamp, deleted) VALUES (?, ?, 1, ?, ?) "
        "ON CONFLICT (kind, id) DO UPDATE SET revision = revision + 1, stamp = excluded.stamp, "
        "deleted = excluded.deleted",
        [(kind, ident, stamp, int(deleted)) for kind, ident, deleted in rows],
    )
    return stored_revisions(conn, [(kind, ident) for kind, ident, _deleted in rows])


def changed_since(conn: sqlite3.Connection, stamp: int) -> list[tuple[str, str, int, bool]]:
    """(kind, id, revision, deleted) of every entity changed after `stamp`."""
    return [
        (kind, ident, revision, bool(deleted))
        for kind, ident, revision, deleted in conn.execute(
            "SELECT kind, id, revision, deleted FROM entity_revision WHERE stamp > ?", (stamp,)
        )
    ]


def size(conn: sqlite3.Connection) -> tuple[int, int]:
    """How many operations the journal holds and how many bytes their changes take."""
    count, total = conn.execute(
        "SELECT count(*), coalesce(sum(length(changes)), 0) FROM journal"
    ).fetchone()
    return int(count), int(total)


def entries_after(conn: sqlite3.Connection, seq: int) -> list[JournalEntry]:
    """The operations journaled after `seq`, oldest first, with their changes (what a
    shared visit has not handed over to its document yet)."""
    return [
        _entry(row, True)
        for row in conn.execute(
            f"SELECT {_COLUMNS}, changes FROM journal WHERE seq > ? ORDER BY seq", (seq,)
        )
    ]


def entry_at(conn: sqlite3.Connection, seq: int) -> JournalEntry | None:
    """The operation at `seq`, with its changes."""
    row = conn.execute(f"SELECT {_COLUMNS}, changes FROM journal WHERE seq = ?", (seq,)).fetchone()
    return None if row is None else _entry(row, True)


def done_after(conn: sqlite3.Connection, seq: int) -> list[int]:
    """The places of the operations journaled after `seq` and not undone (their changes
    left unread: what a shared visit's status counts)."""
    return [
        int(found)
        for (found,) in conn.execute(
            "SELECT seq FROM journal WHERE seq > ? AND state = 'done' ORDER BY seq", (seq,)
        )
    ]


def undoable_states(conn: sqlite3.Connection) -> dict[int, bool]:
    """Whether each undoable operation is done (True) or undone, by its place."""
    return {
        int(seq): state == "done"
        for seq, state in conn.execute("SELECT seq, state FROM journal WHERE undoable = 1")
    }


def last_seq(conn: sqlite3.Connection) -> int:
    """The place of the latest operation journaled (0 before any)."""
    return int(conn.execute("SELECT coalesce(max(seq), 0) FROM journal").fetchone()[0])


def next_seq(conn: sqlite3.Connection) -> int:
    """The place the next operation journaled will take (under the write lock: no other
    program can take it first). AUTOINCREMENT never reuses a place, even one whose entry
    was dropped (a redo tail)."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").fetchone()
    return max(int(row[0]) if row else 0, last_seq(conn)) + 1


def officer_here(conn: sqlite3.Connection) -> str:
    """Whom the journal names for a change made here: the officer this file shares the
    visit as, else the computer's user ("" when neither is known)."""
    row = conn.execute("SELECT officer FROM sync_replica WHERE id = 1").fetchone()
    if row is not None and row[0]:
        return str(row[0])
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this user id (a container, a service)
        return ""
