"""Programme versions kept as what changed: every version rebuilds exactly as it was
issued, costs what changed since the one before, and older files are converted."""

from __future__ import annotations

import copy
import dataclasses
import sqlite3
import sys
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from tests.factories import small_visit
from visitplanner.domain.model import Event, Person, Visit, VisitData
from visitplanner.domain.values import EventStatus, LocalizedText
from visitplanner.domain.version_store import (
    CHAIN_LIMIT,
    StoredProgramme,
    apply_delta,
    programme_delta,
    store_next,
    store_texts,
)
from visitplanner.exports.visit_json import programme_parts, programme_to_json
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.services.versions import changes, issue_version, programme_of
from visitplanner.services.visit_files import open_visit, read_visit, write_visit
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.entity_rows import visit_row
from visitplanner.storage.person_rows import person_to_row
from visitplanner.storage.repository import VisitRepository
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from summit import SummitSize, generate_summit

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 5, 2, 9, 30, tzinfo=UTC)

# --- random edits between versions ----------------------------------------------------

_EDITS = ("move", "retitle", "drop_event", "add_event", "rename_person", "drop_person", "none")


def _edit(data: VisitData, edit: str, pick: int) -> None:
    """One edit an officer could make between two versions."""
    if edit == "move" and data.events:
        event = data.events[pick % len(data.events)]
        event.start += timedelta(hours=pick % 5 + 1)
        event.end += timedelta(hours=pick % 5 + 1)
        data.events.sort(key=lambda e: e.start)  # the file lists events by start
    elif edit == "retitle" and data.events:
        data.events[pick % len(data.events)].title = LocalizedText(fr=f"Réunion {pick}")
    elif edit == "drop_event" and data.events:
        del data.events[pick % len(data.events)]
    elif edit == "add_event":
        start = NOW + timedelta(hours=pick)
        event = Event(LocalizedText(fr=f"Nouveau {pick}"), start, start + timedelta(hours=1))
        data.events.insert(pick % (len(data.events) + 1), event)
    elif edit == "rename_person" and data.people:
        person = data.people[pick % len(data.people)]
        person.family_name = f"{person.family_name}é"
    elif edit == "drop_person" and data.people:
        gone = data.people.pop(pick % len(data.people)).id
        for event in data.events:
            event.participant_ids = [p for p in event.participant_ids if p != gone]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(_EDITS), st.integers(0, 50)), max_size=4),
        min_size=1,
        max_size=6,
    )
)
def test_every_version_rebuilds_exactly_as_it_was_issued(
    rounds: list[list[tuple[str, int]]],
) -> None:
    data = small_visit()
    issued: list[str] = []
    kept: list[StoredProgramme] = []
    for edits in rounds:
        for edit, pick in edits:
            _edit(data, edit, pick)
        issued.append(programme_to_json(data))
        kept.append(store_next(kept[-1] if kept else None, lambda: programme_parts(data)))
    assert [k.text() for k in kept] == issued
    assert [k.text() for k in store_texts(issued)] == issued
    assert kept[0].kept == "whole"


def test_a_delta_keeps_what_changed_and_the_order() -> None:
    old = {"version": 4, "visit": {"id": "v"}, "events": [{"id": c} for c in "abcdef"]}
    new = {"version": 4, "visit": {"id": "v"}, "events": [{"id": c} for c in "abXdfe"]}
    new["events"][0]["title"] = "moved"
    delta = programme_delta(old, new.items())
    assert delta is not None
    assert delta["lists"]["events"]["order"] == [[0, 2], "X", [3, 1], [5, 1], [4, 1]]
    assert [item["id"] for item in delta["lists"]["events"]["put"]] == ["a", "X"]
    assert "set" not in delta  # the visit did not change
    assert apply_delta(old, delta) == new
    assert old["events"][0] == {"id": "a"}  # the old document is left as it was
    copy_of_old = copy.deepcopy(old)
    assert programme_delta(copy_of_old, new.items(), let_go=True) == delta
    assert copy_of_old == {}  # let go of as it was compared, when the caller asks


def test_a_delta_that_replaces_objects_and_adds_some_rebuilds_the_list() -> None:
    old = {"events": [{"id": c, "n": 0} for c in "abcdefgh"]}
    new = {"events": [{"id": c, "n": 1 if c in "cg" else 0} for c in "hXabcYdefg"]}
    delta = programme_delta(old, new.items())
    assert delta is not None
    assert apply_delta(old, delta) == new


def test_another_format_version_or_everything_changed_is_kept_whole() -> None:
    old = {"version": 3, "events": [{"id": "a"}]}
    assert programme_delta(old, {"version": 4, "events": [{"id": "a"}]}.items()) is None
    old = {"version": 4, "events": [{"id": c, "n": 1} for c in "abc"]}
    assert programme_delta(old, {"version": 4, "events": [{"id": "a", "n": 2}]}.items()) is None


def test_the_chain_is_cut_by_a_whole_version() -> None:
    data = small_visit()
    stored = store_next(None, lambda: programme_parts(data))
    for _ in range(CHAIN_LIMIT + 1):
        stored = store_next(stored, lambda: programme_parts(data))
    assert stored.kept == "whole" and stored.text() == programme_to_json(data)


# --- what a version costs, and what reading one costs ---------------------------------


@pytest.fixture(scope="module")
def summit() -> VisitData:
    return generate_summit(SummitSize(delegations=20, events=1500, venues=60))


def test_a_version_with_a_few_moved_events_costs_a_few_kilobytes(summit: VisitData) -> None:
    data = copy.deepcopy(summit)
    first = store_next(None, lambda: programme_parts(data))
    for event in data.events[100:105]:
        event.start += timedelta(minutes=30)
        event.end += timedelta(minutes=30)
    second = store_next(first, lambda: programme_parts(data))
    assert second.kept == "delta"
    assert len(second.data) < 20_000 < len(first.data)
    assert second.text() == programme_to_json(data)


def test_a_version_compared_with_the_programme_is_the_version_as_issued(
    summit: VisitData,
) -> None:
    data = copy.deepcopy(summit)
    stored = store_next(None, lambda: programme_parts(data))
    version_data = copy.deepcopy(data)
    from visitplanner.domain.model import ProgrammeVersion

    version = ProgrammeVersion(1, NOW, "", stored)
    moved = data.events[7]
    moved.start += timedelta(hours=1)
    moved.end += timedelta(hours=1)
    data.events[8].status = EventStatus.CANCELLED
    del data.events[9]
    data.people[0].family_name = "Autre"
    rebuilt = programme_of(version, like=data)
    assert (
        rebuilt
        == visit_from_dict(stored.document())
        == dataclasses.replace(version_data, calendars=rebuilt.calendars)
    )
    assert rebuilt.events[10] is data.events[9]  # the same entity, not read again


# --- in the visit file -----------------------------------------------------------------


def _programmes() -> list[VisitData]:
    """Three programmes, as a visit goes: issued, then a meeting moved, then one dropped."""
    first = small_visit()
    second = copy.deepcopy(first)
    second.events[1].start += timedelta(hours=1)
    second.events[1].end += timedelta(hours=1)
    third = copy.deepcopy(second)
    del third.events[0]
    return [first, second, third]


def _old_file(path: Path, visit: VisitData, texts: list[str]) -> None:
    """A visit file as VisitPlanner wrote it before migration 0006: whole snapshots."""
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before="0006_version_deltas")
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index('0006_version_deltas')}")
    database = VisitDatabase(Database(conn), path)

    def old_visit_row(value: Visit) -> dict[str, object]:
        """The visit's row before migration 0011 gave it the gift threshold's columns
        (and 0016 the guest placement's)."""
        row = visit_row(value)
        del row["gift_threshold"], row["gift_currency"]
        del row["guest_placement"], row["decree_version"]
        return row

    def old_person_row(value: Person) -> dict[str, object]:
        """The person's row before migration 0016 gave it the décret position's columns."""
        row = person_to_row(value)
        del row["precedence_list"], row["precedence_position"]
        return row

    with (
        database.transaction(),
        mock.patch("visitplanner.storage.repository.visit_row", old_visit_row),
        mock.patch("visitplanner.storage.repository.person_to_row", old_person_row),
    ):
        VisitRepository(database).save_all(visit)
        for number, text in enumerate(texts, start=1):
            conn.execute(
                "INSERT INTO programme_version (number, issued_utc, note, snapshot) "
                "VALUES (?, ?, ?, ?)",
                (number, f"2026-05-0{number}T09:30:00Z", f"version {number}", text),
            )
    conn.close()


def test_a_file_with_three_whole_versions_is_converted_each_rebuilding_the_same(
    tmp_path: Path,
) -> None:
    programmes = _programmes()
    texts = [programme_to_json(p) for p in programmes]
    path = tmp_path / "old.visit"
    _old_file(path, programmes[-1], texts)
    before = path.read_bytes()
    # Read-only opening converts a copy in memory, never the file.
    read = read_visit(path)
    assert [v.snapshot for v in read.versions] == texts
    assert path.read_bytes() == before
    session = open_visit(path)
    try:
        versions = session.data.versions
        assert [v.snapshot for v in versions] == texts
        assert [v.note for v in versions] == ["version 1", "version 2", "version 3"]
        assert [v.programme.kept for v in versions] == ["whole", "delta", "delta"]  # type: ignore[attr-defined]
        assert issue_version(session, now=NOW).programme.kept == "delta"  # type: ignore[attr-defined]
        now = programme_to_json(session.data)
    finally:
        session.close()
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    sizes = [row[0] for row in conn.execute("SELECT length(programme) FROM programme_version")]
    conn.close()
    assert "programme_version_0004" not in tables
    assert max(sizes[1:]) < sizes[0] / 4
    assert [v.snapshot for v in read_visit(path).versions] == [*texts, now]


def test_reading_a_visit_rebuilds_no_version(
    tmp_visit_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_visit(tmp_visit_path, small_visit())
    session = open_visit(tmp_visit_path)
    try:
        issue_version(session, now=NOW)
        session.data.events[0].title = LocalizedText(fr="Arrivée retardée")
        issue_version(session, now=NOW)
    finally:
        session.close()

    def refused(self: StoredProgramme) -> object:
        raise AssertionError("a version was rebuilt")

    with monkeypatch.context() as patch:
        patch.setattr(StoredProgramme, "document", refused)
        patch.setattr(StoredProgramme, "text", refused)
        data = read_visit(tmp_visit_path)
    assert [v.number for v in data.versions] == [1, 2]
    (retitled,) = changes(data, 1, 2).changes.retitled
    assert retitled.new.title.fr == "Arrivée retardée"


def test_a_visit_written_again_keeps_its_versions_and_their_chain(
    tmp_path: Path, tmp_visit_path: Path
) -> None:
    write_visit(tmp_visit_path, small_visit())
    session = open_visit(tmp_visit_path)
    try:
        for hours in range(3):
            session.data.events[0].end += timedelta(hours=hours)
            issue_version(session, now=NOW)
        data = session.data
    finally:
        session.close()
    copy_path = tmp_path / "copy.visit"
    write_visit(copy_path, data)
    back = read_visit(copy_path).versions
    assert back == data.versions
    assert [v.programme.kept for v in back] == ["whole", "delta", "delta"]  # type: ignore[attr-defined]


def test_the_benchmark_runs_at_a_tiny_scale(capsys: pytest.CaptureFixture[str]) -> None:
    import bench_versions

    assert bench_versions.main(["--scale", "0.01", "--versions", "2", "--moved", "1"]) == 0
    out = capsys.readouterr().out
    assert "| 2 |" in out and "`changes --since 1`" in out
