"""Forms of address, flags and gift times in the visit file: a file of before migration
0015 opens with every form proposed, every event's flags proposed, the host's flag at the
place of honour and gifts without a time; what the officer sets is kept, and undone."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from sqlite_utils import Database

from visitplanner.demo import build_demo
from visitplanner.demo.common import demo_id, event_id, person_id
from visitplanner.domain.address import AddressForms, AddressUse
from visitplanner.domain.flags import FlagHonour, flags_of
from visitplanner.domain.model import Person
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity
from visitplanner.services.flags import flag_honour_operation, flags_operation
from visitplanner.services.visit_files import open_visit, read_visit, write_visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.entity_rows import write_row
from visitplanner.storage.repository import VisitRepository
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS

_BEFORE: str = "0015_address_flags"


def _old_file(path: Path) -> None:
    """The demo as a file of the schema before migration 0015."""
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before=_BEFORE)
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(_BEFORE)}")
    database = VisitDatabase(Database(conn), path)

    def old_write_row(
        conn: sqlite3.Connection,
        table: str,
        to_row: Callable[[Any], dict[str, Any]],
        entity: object,
        before: object | None,
    ) -> None:
        known = {column for _n, column, *_rest in conn.execute(f"PRAGMA table_info({table})")}
        write_row(
            conn,
            table,
            lambda value: {k: v for k, v in to_row(value).items() if k in known},
            entity,
            before,
        )

    with (
        database.transaction(),
        mock.patch("visitplanner.storage.repository.write_row", old_write_row),
    ):
        demo = build_demo()
        for event in demo.events:  # a plan's room came with a later migration (0017)
            event.seating = None
        demo.seating_constraints = []  # and its constraints with 0018
        VisitRepository(database).save_all(demo)
    conn.close()


def test_a_file_of_before_the_forms_of_address_opens_with_everything_proposed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.visit"
    _old_file(path)
    data = read_visit(path)
    assert all(not person.address_forms for person in data.people)
    assert all(event.flags == () for event in data.events)
    assert data.visit.flag_honour is FlagHonour.HOST
    assert all(gift.at is None for gift in data.gifts)
    assert flags_of(data, data.event(event_id("ceremony"))) == ("FR", "UA", "EU")


def test_forms_flags_and_times_are_kept_in_the_file_and_undone(tmp_path: Path) -> None:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    assert read_visit(path).gifts[1].at is not None  # the demo's medal at 18:42
    session = open_visit(path)
    try:
        minister = session.data.person(person_id("kalmykova"))
        forms = AddressForms(spoken=LocalizedText(en="Madam Minister"))
        session.apply(SaveEntity(_with(minister, forms), minister))
        ceremony = session.data.event(event_id("ceremony"))
        operation = flags_operation(session.data, ceremony, ["UA", "FR", "EU"])
        assert operation is not None
        session.apply(operation)
        honour = flag_honour_operation(session.data, FlagHonour.GUEST)
        assert honour is not None
        session.apply(honour)
        saved = read_visit(path)
        assert saved.person(minister.id).address_forms.get(AddressUse.SPOKEN, "en") == (
            "Madam Minister"
        )
        assert saved.event(ceremony.id).flags == ("UA", "FR", "EU")
        assert saved.visit.flag_honour is FlagHonour.GUEST
        # The guest first is now the proposal: the same order set again is "as proposed".
        again = flags_operation(session.data, session.data.event(ceremony.id), ["UA", "FR", "EU"])
        assert again is not None and again.after.flags == ()  # type: ignore[union-attr]
        for _step in range(3):
            session.undo()
        back = read_visit(path)
        assert not back.person(minister.id).address_forms
        assert back.event(ceremony.id).flags == ()
        assert back.visit.flag_honour is FlagHonour.HOST
    finally:
        session.close()
    assert demo_id("gift:medal") in {g.id for g in back.gifts}


def _with(person: Person, forms: AddressForms) -> Person:
    return dataclasses.replace(person, address_forms=forms)
