"""Programme versions: every kind of edit shows in the changes, per event and per person;
versions are kept in the file, in the JSON format, and by older files once migrated."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlite_utils import Database

from tests.factories import small_visit
from visitplanner.domain.errors import InputError, StorageError
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.values import EventStatus, LocalizedText
from visitplanner.domain.version_store import ProgrammeText
from visitplanner.domain.versions import diff_programmes
from visitplanner.exports.changes import ChangeWords, changes_text
from visitplanner.exports.visit_json import visit_to_dict, visit_to_json
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.services.versions import (
    changes,
    issue_version,
    programme_of,
    write_version_file,
)
from visitplanner.services.visit_files import open_visit, read_visit, write_visit
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 5, 2, 9, 30, tzinfo=UTC)


def _event(data: VisitData, title: str) -> Event:
    return next(e for e in data.events if e.title.fr.startswith(title))


def _person(data: VisitData, family: str) -> str:
    return next(p.id for p in data.people if p.family_name == family)


@pytest.fixture
def before() -> VisitData:
    return small_visit()


@pytest.fixture
def after(before: VisitData) -> VisitData:
    return copy.deepcopy(before)


def test_the_same_programme_has_no_changes(before: VisitData, after: VisitData) -> None:
    found = diff_programmes(before, after)
    assert found.empty and found.by_person == {}


def test_an_event_confirmed_since_is_added_for_each_of_its_people(
    before: VisitData, after: VisitData
) -> None:
    ceremony = _event(after, "Cérémonie")
    ceremony.status = EventStatus.CONFIRMED
    found = diff_programmes(before, after)
    assert [e.id for e in found.added] == [ceremony.id]
    for ident in ceremony.participant_ids:
        assert [e.id for e in found.person(ident).added] == [ceremony.id]


def test_a_new_event_is_added(before: VisitData, after: VisitData) -> None:
    start = datetime(2026, 5, 9, 9, 0, tzinfo=UTC)
    dinner = Event(
        LocalizedText(fr="Dîner"), start, start + timedelta(hours=2), status=EventStatus.CONFIRMED
    )
    after.events.append(dinner)
    assert [e.id for e in diff_programmes(before, after).added] == [dinner.id]


def test_a_cancelled_event_is_cancelled_for_everyone_in_it(
    before: VisitData, after: VisitData
) -> None:
    meeting = _event(after, "Entretien")
    meeting.status = EventStatus.CANCELLED
    found = diff_programmes(before, after)
    assert [e.id for e in found.cancelled] == [meeting.id]
    assert [e.id for e in found.person(_person(after, "Rufo")).removed] == [meeting.id]


def test_a_deleted_event_and_one_back_to_draft_are_taken_out(
    before: VisitData, after: VisitData
) -> None:
    arrival, meeting = _event(after, "Arrivée"), _event(after, "Entretien")
    after.events.remove(arrival)
    meeting.status = EventStatus.DRAFT
    found = diff_programmes(before, after)
    assert {e.id for e in found.removed} == {arrival.id, meeting.id}
    minister = _person(after, "Kalmykova")
    assert {e.id for e in found.person(minister).removed} == {arrival.id, meeting.id}


def test_a_moved_event_shows_its_old_and_new_time(before: VisitData, after: VisitData) -> None:
    meeting = _event(after, "Entretien")
    meeting.start += timedelta(hours=2)
    meeting.end += timedelta(hours=2)
    found = diff_programmes(before, after)
    (move,) = found.moved
    assert move.time_changed and not move.place_changed
    assert move.old.start == _event(before, "Entretien").start
    assert move.new.start == meeting.start
    assert [e.id for e in found.person(_person(after, "Rufo")).changed] == [meeting.id]
    words = ChangeWords(before, after, "en")
    assert "was Thursday 7 May 10:00–11:00" in found_text(before, after, words)


def found_text(before: VisitData, after: VisitData, words: ChangeWords) -> str:
    from visitplanner.domain.model import ProgrammeVersion

    version = ProgrammeVersion(1, NOW, "first", ProgrammeText("{}"))
    return changes_text(words, diff_programmes(before, after), version, None)


def test_a_change_of_place_or_zone_is_a_move(before: VisitData, after: VisitData) -> None:
    meeting = _event(after, "Entretien")
    meeting.venue_id = _event(after, "Cérémonie").venue_id
    arrival = _event(after, "Arrivée")
    arrival.start = arrival.start.astimezone(after.events[1].start.tzinfo)  # same instant
    found = diff_programmes(before, after)
    assert {m.new.id for m in found.moved} == {meeting.id, arrival.id}
    place = next(m for m in found.moved if m.new.id == meeting.id)
    assert place.place_changed and not place.time_changed
    text = found_text(before, after, ChangeWords(before, after, "fr"))
    assert "Hôtel de Brienne" in text and "Arc de Triomphe" in text


def test_a_renamed_event_is_retitled(before: VisitData, after: VisitData) -> None:
    meeting = _event(after, "Entretien")
    meeting.title = LocalizedText(fr="Entretien bilatéral")
    found = diff_programmes(before, after)
    assert [m.new.id for m in found.retitled] == [meeting.id] and found.moved == []
    assert "Entretien → Entretien bilatéral" in found_text(
        before, after, ChangeWords(before, after, "fr")
    )


def test_people_added_and_taken_off_show_per_event_and_per_person(
    before: VisitData, after: VisitData
) -> None:
    arrival = _event(after, "Arrivée")
    veteran, host = _person(after, "Koval'"), _person(after, "Rufo")
    arrival.participant_ids = [p for p in arrival.participant_ids if p != veteran] + [host]
    found = diff_programmes(before, after)
    (change,) = found.people
    assert change.added == [host] and change.removed == [veteran]
    assert [e.id for e in found.person(host).added] == [arrival.id]
    assert [e.id for e in found.person(veteran).removed] == [arrival.id]
    text = found_text(before, after, ChangeWords(before, after, "uk"))
    assert "Коваль Андрій" in text or "Андрій Коваль" in text


def test_the_changes_text_says_when_nothing_changed(before: VisitData) -> None:
    assert "Nothing changed." in found_text(before, before, ChangeWords(before, before, "en"))


# -- issuing and keeping versions ------------------------------------------------------


def test_versions_are_numbered_kept_in_the_file_and_rebuilt(tmp_visit_path: Path) -> None:
    write_visit(tmp_visit_path, small_visit())
    session = open_visit(tmp_visit_path)
    try:
        first = issue_version(session, "  for the embassy  ", now=NOW)
        meeting = _event(session.data, "Entretien")
        session.data.events.remove(meeting)  # what the programme looks like later
        second = issue_version(session, now=NOW + timedelta(days=1))
    finally:
        session.close()
    assert (first.number, first.note, second.number) == (1, "for the embassy", 2)
    back = read_visit(tmp_visit_path)
    assert [v.number for v in back.versions] == [1, 2]
    assert back.versions[0].issued == NOW
    assert any(e.title.fr == "Entretien" for e in programme_of(back.versions[0]).events)
    assert not any(e.title.fr == "Entretien" for e in programme_of(back.versions[1]).events)


def test_a_read_only_visit_issues_no_version(tmp_visit_path: Path) -> None:
    write_visit(tmp_visit_path, small_visit())
    session = open_visit(tmp_visit_path, read_only=True)
    try:
        with pytest.raises(StorageError):
            issue_version(session)
    finally:
        session.close()


def test_changes_name_a_missing_version(tmp_visit_path: Path) -> None:
    data = small_visit()
    with pytest.raises(InputError, match="no programme version has been issued"):
        changes(data, 1)
    write_visit(tmp_visit_path, data)
    session = open_visit(tmp_visit_path)
    try:
        issue_version(session, now=NOW)
        issue_version(session, now=NOW)
        with pytest.raises(InputError, match="no programme version 7; the versions are 1 to 2"):
            changes(session.data, 7)
        with pytest.raises(InputError, match="older"):
            changes(session.data, 2, 1)
        assert changes(session.data).since == 2
    finally:
        session.close()


def test_versions_survive_the_json_round_trip(tmp_path: Path, tmp_visit_path: Path) -> None:
    """Versions kept in the file as deltas come out of the JSON whole, and back in."""
    write_visit(tmp_visit_path, small_visit())
    session = open_visit(tmp_visit_path)
    try:
        issue_version(session, "première", now=NOW)
        meeting = _event(session.data, "Entretien")
        meeting.start += timedelta(hours=1)
        meeting.end += timedelta(hours=1)
        issue_version(session, "l’entretien décalé", now=NOW)
        session.data.events.remove(meeting)
        issue_version(session, "sans l’entretien", now=NOW)
        data = session.data
    finally:
        session.close()
    text = visit_to_json(data)
    back = visit_from_dict(json.loads(text))
    assert back.versions == data.versions
    assert visit_to_json(back) == text
    again = tmp_path / "again.visit"
    write_visit(again, back)
    assert visit_to_json(read_visit(again)) == text


def test_a_damaged_snapshot_is_refused_with_its_place() -> None:
    data = small_visit()
    document = visit_to_dict(data)
    programme = copy.deepcopy(document)
    del programme["calendars"], programme["versions"]
    programme["events"][0]["end"] = "soon"
    document["versions"] = [
        {"number": 1, "issued": "2026-05-02T09:30:00Z", "note": "", "programme": programme}
    ]
    with pytest.raises(InputError, match=r"versions\[0\]\.programme: events\[0\]\.end"):
        visit_from_dict(document)


def test_a_past_version_becomes_a_new_visit_file(tmp_path: Path, tmp_visit_path: Path) -> None:
    write_visit(tmp_visit_path, small_visit())
    session = open_visit(tmp_visit_path)
    try:
        issue_version(session, now=NOW)
        session.data.events.clear()
        issue_version(session, now=NOW)
        data = session.data
    finally:
        session.close()
    target = tmp_path / "v1.visit"
    write_version_file(data, 1, target)
    copy_back = read_visit(target)
    assert len(copy_back.events) == 3 and [v.number for v in copy_back.versions] == [1]


def test_a_file_of_schema_3_migrates_without_versions(tmp_path: Path) -> None:
    path = tmp_path / "old.visit"
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    MIGRATIONS.apply(Database(conn), stop_before="0004_versions")
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index('0004_versions')}")
    conn.execute(
        "INSERT INTO visit (id, title, start_date, end_date, tz, languages) "
        "VALUES ('00000000-0000-4000-8000-000000000001', '{\"fr\": \"V\"}', '2026-05-06', "
        "'2026-05-09', 'Europe/Paris', '[\"fr\"]')"
    )
    conn.commit()
    conn.close()
    session = open_visit(path)
    try:
        assert session.data.versions == []
        version = issue_version(session, now=NOW)
        assert version.number == 1
    finally:
        session.close()
    assert [v.number for v in read_visit(path).versions] == [1]


def test_a_shareable_copy_holds_no_private_field_in_its_versions(tmp_visit_path: Path) -> None:
    from visitplanner.domain.privacy import for_profile
    from visitplanner.domain.values import Profile

    write_visit(tmp_visit_path, small_visit())
    session = open_visit(tmp_visit_path)
    try:
        issue_version(session, now=NOW)
        data = session.data
    finally:
        session.close()
    assert "FX000001" in data.versions[0].snapshot  # the visit file keeps everything
    shown = for_profile(data, Profile.SHAREABLE)
    (version,) = shown.versions
    for secret in ("FX000001", "+380 67 111 11 11", "sans gluten", "badge"):
        assert secret not in version.snapshot
    rebuilt = programme_of(version)
    assert len(rebuilt.events) == 3 and rebuilt.people[0].private_phone == ""
