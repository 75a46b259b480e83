"""Migration 0016: the décret's positions and the guest placement in a visit file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from unittest import mock

from sqlite_utils import Database

from tests.factories import small_visit
from visitplanner.domain.decree import DecreeList, DecreePosition, GuestPlacement
from visitplanner.domain.model import Person, Visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.entity_rows import visit_row
from visitplanner.storage.person_rows import person_to_row
from visitplanner.storage.repository import VisitRepository
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS

_STOP = "0016_precedence_positions"


def _old_file(path: Path) -> list[str]:
    """A visit file as VisitPlanner wrote it before migration 0016: a préfète typed by
    her role, an authority typed by grade. Gives the people's ids."""
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before=_STOP)
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(_STOP)}")
    database = VisitDatabase(Database(conn), path)
    data = small_visit()
    data.people[0].role = "Préfète"
    data.people[1].role = "authority"

    def old_visit_row(value: Visit) -> dict[str, object]:
        row = visit_row(value)
        del row["guest_placement"], row["decree_version"]
        return row

    def old_person_row(value: Person) -> dict[str, object]:
        row = person_to_row(value)
        del row["precedence_list"], row["precedence_position"]
        return row

    with (
        database.transaction(),
        mock.patch("visitplanner.storage.repository.visit_row", old_visit_row),
        mock.patch("visitplanner.storage.repository.person_to_row", old_person_row),
    ):
        VisitRepository(database).save_all(data)
    database.close()
    return [p.id for p in data.people]


def test_an_older_file_keeps_courtesy_and_only_a_prefect_by_role_gets_a_position(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.visit"
    prefect, other, *rest = _old_file(path)
    database = VisitDatabase.open(path)
    loaded = VisitRepository(database).load()
    database.close()
    positions = {p.id: p.precedence_position for p in loaded.people}
    assert positions[prefect] == DecreePosition(DecreeList.DEPARTEMENT, "prefet")
    assert positions[other] is None and all(positions[i] is None for i in rest)
    assert loaded.visit.guest_placement is GuestPlacement.GUEST_FIRST
    assert loaded.visit.decree_version == ""


def test_a_new_visit_starts_with_the_guest_after_the_host_and_keeps_its_positions() -> None:
    database = VisitDatabase.in_memory()
    data = small_visit()
    data.visit.decree_version = "2024-03-01"
    data.people[0].precedence_position = DecreePosition(DecreeList.NATIONAL, "gouvernement")
    repo = VisitRepository(database)
    with database.transaction():
        repo.save_all(data)
    loaded = repo.load()
    assert loaded.visit.guest_placement is GuestPlacement.AFTER_HOST
    assert loaded.visit.decree_version == "2024-03-01"
    person = data.people[0]
    assert loaded.person(person.id).precedence_position == person.precedence_position
