"""The calendars' memory and the programme versions of a shared visit: each replica's
file ends with the same, a calendar's sequence never goes backwards for any officer, and
two versions issued under one number apart are numbered apart, the officers told."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.sync_replicas import Team
from visitplanner.demo import build_demo
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.services.calendars import ExportRequest, export_calendars
from visitplanner.services.versions import issue_version


@pytest.fixture
def team(tmp_path: Path) -> Iterator[Team]:
    set_language("en")
    made = Team.of(build_demo(), tmp_path, 2)
    yield made
    made.close()


def _export(team: Team, n: int) -> None:
    export_calendars(team[n].session, ExportRequest(lang="en"), team.folder / f"cal-{n}.ics")
    team[n].hand_over()


def _retitle(team: Team, n: int, title: str) -> str:
    event = team[n].session.data.events[0]
    title_text = LocalizedText(fr=title, en=title, uk=title)
    team[n].apply(SaveEntity(dataclasses.replace(event, title=title_text), event))
    return event.id


def _sequence(team: Team, n: int, event: str) -> int:
    return team[n].session.data.calendars.marks[(event, "en/shareable")].sequence


def test_a_calendar_sequence_never_goes_backwards_for_another_officer(team: Team) -> None:
    event = team[0].session.data.events[0].id
    _export(team, 0)
    team.sync_all()
    first = _sequence(team, 1, event)
    # Officer 0 changes the event twice and exports each time; officer 1 has seen neither.
    _retitle(team, 0, "Talks, moved")
    _export(team, 0)
    _retitle(team, 0, "Talks, moved again")
    _export(team, 0)
    sent = _sequence(team, 0, event)
    assert sent == first + 2
    team.sync_all()
    # Officer 1's next export after a change goes above what officer 0 sent.
    _retitle(team, 1, "Talks, final")
    _export(team, 1)
    assert _sequence(team, 1, event) == sent + 1
    team.sync_all()
    assert team.exports()[0] == team.exports()[1]


def test_the_same_sequence_sent_apart_is_sent_anew_next_time(team: Team) -> None:
    event = team[0].session.data.events[0].id
    _export(team, 0)
    team.sync_all()
    base = _sequence(team, 0, event)
    _retitle(team, 0, "Version of officer 0")
    _export(team, 0)
    _retitle(team, 1, "Version of officer 1")
    _export(team, 1)
    team.sync_all()
    # Both sent base + 1 with different contents: the merged mark's fingerprint is
    # unknown, so whoever exports next sends base + 2 and every calendar takes it.
    assert team[0].session.data.calendars.marks[(event, "en/shareable")].fingerprint == ""
    _export(team, 1)
    assert _sequence(team, 1, event) == base + 2
    team.sync_all()
    assert team.exports()[0] == team.exports()[1]


def test_what_each_calendar_was_sent_is_shared(team: Team) -> None:
    _export(team, 0)
    team.sync_all()
    assert team[1].session.data.calendars.sent == team[0].session.data.calendars.sent
    assert team[1].session.data.calendars.sent


def test_two_versions_issued_under_one_number_apart_are_numbered_apart(team: Team) -> None:
    start = len(team[0].session.data.versions)
    issue_version(team[0].session, "Olena's", datetime(2026, 5, 8, 9, tzinfo=UTC))
    team[0].hand_over()
    issue_version(team[1].session, "Jean's", datetime(2026, 5, 8, 10, tzinfo=UTC))
    team[1].hand_over()
    team.sync_all()
    for n in (0, 1):
        versions = team[n].session.data.versions
        assert [(v.number, v.note) for v in versions[start:]] == [
            (start + 1, "Olena's"),
            (start + 2, "Jean's"),
        ]
    # The officer who issued the later one knew it under the number it lost, and is told.
    told = " ".join(team.told[1])
    assert f"Programme version {start + 1} issued by Jean Dupont (pc-protocole)" in told
    assert f"is now version {start + 2}" in told
    assert not any("Programme version" in m for m in team.told[0])
    exports = team.exports()
    assert exports[0] == exports[1]
    # The next version continues from the highest number, on either laptop.
    issued = issue_version(team[1].session, "", datetime(2026, 5, 8, 11, tzinfo=UTC))
    assert issued.number == start + 3


def test_an_event_deleted_while_changed_elsewhere_leaves_one_last_content(team: Team) -> None:
    _export(team, 0)
    team.sync_all()
    event = team[1].session.data.events[0]
    _retitle(team, 0, "Changed on laptop 0")
    team[1].apply(delete_operation(team[1].session.data, event))
    team.sync_all()
    exports = team.exports()
    # The calendars cancel the event as its deleter last had it, on both laptops.
    assert exports[0] == exports[1]
    assert event.id not in {e["id"] for e in exports[0]["events"]}
    ghost = next(g for g in exports[0]["calendars"]["ghosts"] if g["id"] == event.id)
    assert "Changed on laptop 0" not in str(ghost)
