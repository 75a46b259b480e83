"""Rows of the calendars' memory: each event's export mark, each calendar's last events."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping

from visitplanner.domain.model import CalendarMemory, ExportMark
from visitplanner.storage.rows import time_from_db, time_to_db


def load_calendar_memory(conn: sqlite3.Connection) -> CalendarMemory:
    """What the exported calendars left behind: sequences, and each calendar's events."""
    marks = {
        event_id: ExportMark(
            sequence=sequence,
            fingerprint=fingerprint,
            exported=time_from_db(exported, "UTC"),
        )
        for event_id, sequence, fingerprint, exported in conn.execute(
            "SELECT event_id, sequence, fingerprint, exported_utc FROM calendar_mark "
            "ORDER BY event_id"
        )
    }
    sent: dict[str, set[str]] = defaultdict(set)
    for calendar, event_id in conn.execute(
        "SELECT calendar, event_id FROM calendar_sent ORDER BY calendar, event_id"
    ):
        sent[calendar].add(event_id)
    return CalendarMemory(marks=marks, sent={key: frozenset(ids) for key, ids in sent.items()})


def save_marks(conn: sqlite3.Connection, marks: Mapping[str, ExportMark]) -> None:
    """Insert or replace the export marks of these events."""
    rows = []
    for event_id, mark in sorted(marks.items()):
        exported, _tz = time_to_db(mark.exported)
        rows.append((event_id, mark.sequence, mark.fingerprint, exported))
    conn.executemany(
        "INSERT INTO calendar_mark (event_id, sequence, fingerprint, exported_utc) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(event_id) DO UPDATE SET "
        "sequence = excluded.sequence, fingerprint = excluded.fingerprint, "
        "exported_utc = excluded.exported_utc",
        rows,
    )


def save_sent(conn: sqlite3.Connection, calendar: str, event_ids: Iterable[str]) -> None:
    """Remember that the last file of `calendar` contained exactly `event_ids`."""
    conn.execute("DELETE FROM calendar_sent WHERE calendar = ?", (calendar,))
    conn.executemany(
        "INSERT INTO calendar_sent (calendar, event_id) VALUES (?, ?)",
        [(calendar, ident) for ident in sorted(set(event_ids))],
    )


def save_calendar_memory(conn: sqlite3.Connection, memory: CalendarMemory) -> None:
    """Write the whole calendar memory (a new file, an imported JSON visit)."""
    save_marks(conn, memory.marks)
    for calendar, ids in sorted(memory.sent.items()):
        save_sent(conn, calendar, ids)
