"""Rows of the calendars' memory: each event's export marks, each calendar's last events,
and the last content of deleted events that calendars held."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping

from visitplanner.domain.model import CalendarMemory, Event, ExportMark
from visitplanner.domain.plain import entity_from_plain, to_plain
from visitplanner.storage.rows import time_from_db, time_to_db


def load_calendar_memory(conn: sqlite3.Connection) -> CalendarMemory:
    """What the exported calendars left behind: sequences, each calendar's events, and
    the deleted events kept for them."""
    marks = {
        (event_id, variant): ExportMark(
            sequence=sequence,
            fingerprint=fingerprint,
            exported=time_from_db(exported, "UTC"),
        )
        for event_id, variant, sequence, fingerprint, exported in conn.execute(
            "SELECT event_id, variant, sequence, fingerprint, exported_utc FROM calendar_mark "
            "ORDER BY event_id, variant"
        )
    }
    sent: dict[str, set[str]] = defaultdict(set)
    dropped: dict[str, set[str]] = defaultdict(set)
    for calendar, event_id, was_dropped in conn.execute(
        "SELECT calendar, event_id, dropped FROM calendar_sent ORDER BY calendar, event_id"
    ):
        sent[calendar].add(event_id)
        if was_dropped:
            dropped[calendar].add(event_id)
    ghosts = {
        event_id: entity_from_plain(Event, json.loads(text))
        for event_id, text in conn.execute(
            "SELECT event_id, event FROM calendar_ghost ORDER BY event_id"
        )
    }
    return CalendarMemory(
        marks=marks,
        sent={key: frozenset(ids) for key, ids in sent.items()},
        dropped={key: frozenset(ids) for key, ids in dropped.items()},
        ghosts=ghosts,
    )


def save_marks(conn: sqlite3.Connection, marks: Mapping[tuple[str, str], ExportMark]) -> None:
    """Insert or replace the export marks of these events in these variants."""
    rows = []
    for (event_id, variant), mark in sorted(marks.items()):
        exported, _tz = time_to_db(mark.exported)
        rows.append((event_id, variant, mark.sequence, mark.fingerprint, exported))
    if not rows:
        return  # nothing to write (and a file of an older schema has no such columns)
    conn.executemany(
        "INSERT INTO calendar_mark (event_id, variant, sequence, fingerprint, exported_utc) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(event_id, variant) DO UPDATE SET "
        "sequence = excluded.sequence, fingerprint = excluded.fingerprint, "
        "exported_utc = excluded.exported_utc",
        rows,
    )


def save_sent(
    conn: sqlite3.Connection,
    calendar: str,
    event_ids: Iterable[str],
    dropped: Iterable[str] = (),
) -> None:
    """Remember that the last file of `calendar` contained exactly `event_ids`, of which
    it sent `dropped` as cancelled for itself alone."""
    gone = set(dropped)
    conn.execute("DELETE FROM calendar_sent WHERE calendar = ?", (calendar,))
    conn.executemany(
        "INSERT INTO calendar_sent (calendar, event_id, dropped) VALUES (?, ?, ?)",
        [(calendar, ident, int(ident in gone)) for ident in sorted(set(event_ids))],
    )


def save_ghosts(conn: sqlite3.Connection, ghosts: Mapping[str, Event]) -> None:
    """Keep the last content of these deleted events (replacing what was kept)."""
    if not ghosts:
        return
    conn.executemany(
        "INSERT INTO calendar_ghost (event_id, event) VALUES (?, ?) "
        "ON CONFLICT(event_id) DO UPDATE SET event = excluded.event",
        [
            (ident, json.dumps(to_plain(event), ensure_ascii=False, sort_keys=True))
            for ident, event in sorted(ghosts.items())
        ],
    )


def deleted_events(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, Event]:
    """The last content of each deleted event among `ids`, from the journal: the whole
    event its deletion recorded (the newest deletion still done)."""
    found: dict[str, Event] = {}
    for ident in sorted(set(ids)):
        rows = conn.execute(
            "SELECT changes FROM journal WHERE state = 'done' AND instr(changes, ?) > 0 "
            "ORDER BY seq DESC",
            (ident,),
        )
        for (changes,) in rows:
            record = next(
                (
                    c
                    for c in json.loads(changes)
                    if c["kind"] == "event" and c["id"] == ident and c["after"] is None
                ),
                None,
            )
            if record is not None and record["before"] is not None:
                found[ident] = entity_from_plain(Event, record["before"])
                break
    return found


def save_calendar_memory(conn: sqlite3.Connection, memory: CalendarMemory) -> None:
    """Write the whole calendar memory (a new file, an imported JSON visit)."""
    save_marks(conn, memory.marks)
    for calendar, ids in sorted(memory.sent.items()):
        save_sent(conn, calendar, ids, memory.dropped.get(calendar, ()))
    save_ghosts(conn, memory.ghosts)
