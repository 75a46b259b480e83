"""Commands that only read never change a byte of the visit file, nor leave anything
beside it (no migration, no backup, no journal): on the demo visit, and on a file from
an older VisitPlanner, which they read through a migrated copy in memory."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from visitplanner.cli import main
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS
from visitplanner.storage.version_rows import load_versions

DINNER = "Dîner de travail"
CEREMONY = "8 Mai"

#: Every command that only reads, with its arguments after the visit; OUT is replaced
#: by a path in a folder of its own, away from the visit's.
READ_ONLY_COMMANDS: list[tuple[str, ...]] = [
    ("check",),
    ("check", "--json"),
    ("briefing", "-o", "OUT/book.pdf"),
    ("export-json", "-o", "OUT/visit.json"),
    ("export-roster", "-o", "OUT/roster.csv"),
    ("export-roster", "--accreditation", "--profile", "internal", "-o", "OUT/accreditation.xlsx"),
    ("changes",),
    ("changes", "--json"),
    ("changes", "-o", "OUT/changes.pdf"),
    ("seating", DINNER),
    ("seating", DINNER, "-o", "OUT/cards.pdf"),
    ("ceremony", CEREMONY),
    ("ceremony", CEREMONY, "-o", "OUT/ceremony.pdf"),
    ("cars",),
    ("cars", "--event", "Arc de Triomphe → hôtel", "--list"),
    ("export-gifts", "-o", "OUT/gifts.xlsx", "--profile", "internal"),
    ("export-rooming", "-o", "OUT/rooming.pdf", "--profile", "internal"),
    ("precedence",),
    ("precedence", "--event", CEREMONY),
]

#: The commands that need a programme version issued in the file.
NEEDS_A_VERSION = frozenset({"changes"})


def _fingerprint(visit: Path) -> dict[str, str]:
    """sha256 of every file in the visit's folder, by name: the visit and anything beside it
    (a folder, such as the backups a writing command makes, by the names it holds)."""
    return {
        entry.name: (
            "folder: " + ", ".join(sorted(child.name for child in entry.iterdir()))
            if entry.is_dir()
            else hashlib.sha256(entry.read_bytes()).hexdigest()
        )
        for entry in sorted(visit.parent.iterdir())
    }


def _has_versions(visit: Path) -> bool:
    conn = sqlite3.connect(f"{visit.as_uri()}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "programme_version" not in tables:
            return False
        return bool(conn.execute("SELECT count(*) FROM programme_version").fetchone()[0])
    finally:
        conn.close()


def _older_copy(current: Path, older: Path) -> None:
    """Make `older` a visit file of the schema before the last migration, holding what
    `current` holds in the tables and columns that schema has."""
    stop = MIGRATION_NAMES[-1]
    older.touch(mode=0o600)
    conn = sqlite3.connect(older.as_uri(), uri=True)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before=stop)
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(stop)}")
    conn.commit()
    conn.execute("ATTACH DATABASE ? AS current", (f"{current.as_uri()}?mode=ro",))
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM main.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' AND name <> '_sqlite_migrations'"
        )
    ]
    for table in tables:
        columns = [row[1] for row in conn.execute(f'PRAGMA main.table_info("{table}")')]
        known = {row[1] for row in conn.execute(f'PRAGMA current.table_info("{table}")')}
        common = ", ".join(f'"{c}"' for c in columns if c in known)
        if table == "programme_version" and "snapshot" in columns and "snapshot" not in known:
            # Before 0006 a version kept its whole programme: rebuild it from the current file.
            with contextlib.closing(conn_of(current)) as source:
                versions = load_versions(source)
            for version in versions:
                conn.execute(
                    "INSERT INTO main.programme_version (number, issued_utc, note, snapshot) "
                    "SELECT number, issued_utc, note, ? FROM current.programme_version "
                    "WHERE number = ?",
                    (version.snapshot, version.number),
                )
            continue
        conn.execute(
            f'INSERT INTO main."{table}" ({common}) SELECT {common} FROM current."{table}"'
        )
        if table == "person" and "hotel" in columns and "hotel" not in known:
            # Before 0014 a person's hotel was a text: its stay's hotel, named.
            conn.execute(
                "UPDATE main.person SET hotel = (SELECT json_extract(v.name, '$.fr') "
                "FROM current.stay AS s JOIN current.venue AS v ON v.id = s.hotel_id "
                "WHERE s.person_id = main.person.id LIMIT 1) "
                "WHERE id IN (SELECT person_id FROM current.stay)"
            )
    conn.commit()
    conn.execute("DETACH DATABASE current")
    conn.close()
    assert MIGRATIONS.pending(Database(sqlite3.connect(f"{older.as_uri()}?mode=ro", uri=True)))


def conn_of(visit: Path) -> sqlite3.Connection:
    """A read-only connection to `visit`."""
    return sqlite3.connect(f"{visit.as_uri()}?mode=ro", uri=True)


def _copied(visit: Path, folder: Path) -> Path:
    """A copy of `visit` alone in `folder`, so that each test starts from the same bytes."""
    folder.mkdir()
    copy = folder / visit.name
    copy.write_bytes(visit.read_bytes())
    return copy


@pytest.fixture(scope="module")
def visits(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo visit with a programme version issued, and the same of an older schema,
    each alone in its folder."""
    current = tmp_path_factory.mktemp("current") / "demo.visit"
    assert main(["demo", str(current)]) == 0
    assert main(["version", str(current), "--note", "sent to the embassy"]) == 0
    older = tmp_path_factory.mktemp("older") / "demo.visit"
    _older_copy(current, older)
    return {"current": current, "older": older}


@pytest.mark.parametrize("schema", ["current", "older"])
@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=" ".join)
def test_a_read_only_command_changes_not_one_byte(
    visits: dict[str, Path],
    schema: str,
    command: tuple[str, ...],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    visit = _copied(visits[schema], tmp_path / "visit")
    name, *rest = command
    args = [name, str(visit), *(arg.replace("OUT", str(tmp_path)) for arg in rest)]
    before = _fingerprint(visit)

    status = main(args)

    output = capsys.readouterr()
    assert _fingerprint(visit) == before
    if name in NEEDS_A_VERSION and not _has_versions(visit):
        # The older schema has no programme versions yet: a clear refusal, nothing else.
        assert status == 2
        assert "no programme version has been issued yet" in output.err
    else:
        assert status == 0, output.err
        assert output.err == ""
        written = [arg for arg in rest if arg.startswith("OUT/")]
        for out in written:
            assert (tmp_path / out.removeprefix("OUT/")).stat().st_size > 0


@pytest.mark.parametrize("schema", ["current", "older"])
def test_a_read_only_command_reads_a_file_it_may_not_write(
    visits: dict[str, Path], schema: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A visit on a read-only medium (a colleague's USB stick, a shared folder) is read."""
    visit = _copied(visits[schema], tmp_path / "stick")
    visit.chmod(0o400)
    visit.parent.chmod(0o500)
    try:
        before = _fingerprint(visit)
        assert main(["seating", str(visit), DINNER, "--lang", "en"]) == 0
        assert capsys.readouterr().out.startswith("Working dinner of the two delegations")
        assert _fingerprint(visit) == before
    finally:
        visit.parent.chmod(0o700)


def test_the_older_file_is_read_whole(
    visits: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """What a reading command prints from an older file is what it prints from the new one."""
    printed = {}
    for schema, visit in visits.items():
        assert main(["seating", str(visit), DINNER, "--lang", "en"]) == 0
        printed[schema] = capsys.readouterr().out
    assert "Constraints:" in printed["current"] and printed["older"] == printed["current"]


def test_a_command_that_changes_the_plan_still_saves_it(
    visits: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit = _copied(visits["current"], tmp_path / "visit")
    before = _fingerprint(visit)
    assert main(["seating", str(visit), DINNER, "--propose", "--strategy", "official"]) == 0
    assert "Seating plan proposed and saved." in capsys.readouterr().out
    assert _fingerprint(visit) != before
