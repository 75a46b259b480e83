"""A visit file's schema version is the number of migrations it holds, counted without the constant.

The version in `PRAGMA user_version` is what tells an older VisitPlanner that a file is too
new for it. It once said 3 on files holding 4 migrations (the constant was computed before
the last migration was registered), and the tests compared it with that same constant. These
count the migrations themselves: the `_migration(...)` registrations in schema.py's source,
and the rows sqlite-utils writes to its migrations table in the file.
"""

from __future__ import annotations

import ast
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from tests.factories import small_visit
from visitplanner.services.visit_files import write_visit
from visitplanner.storage import schema
from visitplanner.storage.database import VisitDatabase

MIGRATIONS_TABLE = "_sqlite_migrations"


def _registered_in_source() -> list[str]:
    """The names given to `@_migration(...)` in schema.py, read from its source, in order."""
    tree = ast.parse(Path(schema.__file__).read_text(encoding="utf-8"))
    names = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for decorator in node.decorator_list:
            if (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Name)
                and decorator.func.id == "_migration"
            ):
                argument = decorator.args[0]
                assert isinstance(argument, ast.Constant)
                names.append(str(argument.value))
    return names


SOURCE_MIGRATIONS = _registered_in_source()


def _version_and_applied(path: Path) -> tuple[int, int]:
    """The file's PRAGMA user_version and how many migrations its migrations table records."""
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        applied = conn.execute(
            f"SELECT count(*) FROM {MIGRATIONS_TABLE} WHERE migration_set = 'visitplanner'"
        ).fetchone()[0]
    finally:
        conn.close()
    return int(version), int(applied)


def test_the_source_registers_migrations() -> None:
    assert len(SOURCE_MIGRATIONS) >= 4
    assert SOURCE_MIGRATIONS[0] == "0001_initial"
    assert len(set(SOURCE_MIGRATIONS)) == len(SOURCE_MIGRATIONS)


def test_a_new_visit_file_says_as_many_versions_as_it_holds_migrations(tmp_path: Path) -> None:
    path = tmp_path / "new.visit"
    write_visit(path, small_visit())
    assert _version_and_applied(path) == (len(SOURCE_MIGRATIONS), len(SOURCE_MIGRATIONS))


def _file_at(path: Path, applied: int, user_version: int) -> None:
    """A visit file holding only the first `applied` migrations and saying `user_version`."""
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    if applied < len(SOURCE_MIGRATIONS):
        schema.MIGRATIONS.apply(Database(conn), stop_before=SOURCE_MIGRATIONS[applied])
    else:
        schema.MIGRATIONS.apply(Database(conn))
    conn.execute(f"PRAGMA user_version = {user_version}")
    conn.commit()
    conn.close()


@pytest.mark.parametrize("applied", range(1, len(SOURCE_MIGRATIONS)))
def test_an_older_file_opened_ends_at_the_number_of_migrations(
    tmp_path: Path, applied: int
) -> None:
    path = tmp_path / "old.visit"
    _file_at(path, applied, user_version=applied)
    assert _version_and_applied(path) == (applied, applied)
    VisitDatabase.open(path).close()
    assert _version_and_applied(path) == (len(SOURCE_MIGRATIONS), len(SOURCE_MIGRATIONS))


def test_a_file_written_with_a_lagging_version_is_put_right_when_opened(tmp_path: Path) -> None:
    """Files written before the fix hold every migration but say one version less."""
    path = tmp_path / "lagging.visit"
    _file_at(path, len(SOURCE_MIGRATIONS), user_version=len(SOURCE_MIGRATIONS) - 1)
    VisitDatabase.open(path).close()
    assert _version_and_applied(path) == (len(SOURCE_MIGRATIONS), len(SOURCE_MIGRATIONS))


def test_a_lagging_file_opened_read_only_is_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "lagging.visit"
    _file_at(path, len(SOURCE_MIGRATIONS), user_version=len(SOURCE_MIGRATIONS) - 1)
    before = path.read_bytes()
    VisitDatabase.open(path, read_only=True).close()
    assert path.read_bytes() == before
