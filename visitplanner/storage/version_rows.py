"""Rows of the issued programme versions (table programme_version).

Versions are only ever added, never rewritten. Each row keeps its programme
compressed, whole or as a delta on the version before it (`domain.version_store`);
loading reads those bytes only, and a programme is rebuilt when it is asked for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from visitplanner.domain.model import ProgrammeVersion
from visitplanner.domain.version_store import StoredProgramme, store_texts
from visitplanner.storage.rows import time_from_db, time_to_db


def load_versions(conn: sqlite3.Connection) -> list[ProgrammeVersion]:
    """Every issued version, by number (their programmes not rebuilt)."""
    found: list[ProgrammeVersion] = []
    stored: dict[int, StoredProgramme] = {}
    for number, issued, note, kept, base, data in conn.execute(
        "SELECT number, issued_utc, note, kept, base, programme FROM programme_version "
        "ORDER BY number"
    ):
        programme = StoredProgramme(kept, bytes(data), None if base is None else stored[base])
        stored[number] = programme
        found.append(ProgrammeVersion(number, time_from_db(issued, "UTC"), note, programme))
    return found


def save_version(conn: sqlite3.Connection, version: ProgrammeVersion, base: int | None) -> None:
    """Add one version (a number already issued is refused by the table's key); `base`
    is the number of the version its programme is a delta on (None when whole)."""
    programme = version.programme
    if not isinstance(programme, StoredProgramme):
        programme, base = StoredProgramme.whole(programme.text()), None
    if (programme.base is None) != (base is None):
        raise ValueError(f"version {version.number}: base {base} for a {programme.kept} programme")
    issued, _tz = time_to_db(version.issued)
    conn.execute(
        "INSERT INTO programme_version (number, issued_utc, note, kept, base, programme) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (version.number, issued, version.note, programme.kept, base, programme.data),
    )


def save_versions(conn: sqlite3.Connection, versions: Iterable[ProgrammeVersion]) -> None:
    """Add every version of a visit being written: as they are kept when they come from
    a visit file with their chain whole, else kept anew, each after the one before."""
    ordered = sorted(versions, key=lambda v: v.number)
    kept = _chain(ordered)
    if kept is None:
        kept = store_texts(v.programme.text() for v in ordered)
    previous: int | None = None
    for version, programme in zip(ordered, kept, strict=True):
        stored = ProgrammeVersion(version.number, version.issued, version.note, programme)
        save_version(conn, stored, None if programme.base is None else previous)
        previous = version.number


def _chain(ordered: list[ProgrammeVersion]) -> list[StoredProgramme] | None:
    """The versions' stored programmes when each delta is on the version just before."""
    chain: list[StoredProgramme] = []
    for version in ordered:
        programme = version.programme
        if not isinstance(programme, StoredProgramme):
            return None
        if programme.base is not None and (not chain or programme.base is not chain[-1]):
            return None
        chain.append(programme)
    return chain
