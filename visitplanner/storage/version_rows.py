"""Rows of the issued programme versions (table programme_version).

Versions are only ever added: a snapshot, once issued, is never rewritten.
"""

from __future__ import annotations

import sqlite3

from visitplanner.domain.model import ProgrammeVersion
from visitplanner.storage.rows import time_from_db, time_to_db


def load_versions(conn: sqlite3.Connection) -> list[ProgrammeVersion]:
    """Every issued version, by number."""
    return [
        ProgrammeVersion(
            number=number,
            issued=time_from_db(issued, "UTC"),
            note=note,
            snapshot=snapshot,
        )
        for number, issued, note, snapshot in conn.execute(
            "SELECT number, issued_utc, note, snapshot FROM programme_version ORDER BY number"
        )
    ]


def save_version(conn: sqlite3.Connection, version: ProgrammeVersion) -> None:
    """Add one version (a number already issued is refused by the table's key)."""
    issued, _tz = time_to_db(version.issued)
    conn.execute(
        "INSERT INTO programme_version (number, issued_utc, note, snapshot) VALUES (?, ?, ?, ?)",
        (version.number, issued, version.note, version.snapshot),
    )
