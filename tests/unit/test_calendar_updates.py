"""Calendars that stay right on a phone that already holds them: between two successive
exports, no event changes at the same SEQUENCE and none vanishes.

Each change is made as the window and the command line make it (an operation of the
session, journaled), on the demo visit, whose ceremony has wreaths, placements and a
written running order. The whole-visit file and the personal files are compared with
the files exported before the change, as a calendar app would see them.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from icalendar import Calendar

from visitplanner.domain.calendars import Scope, ScopeKind
from visitplanner.domain.lookup import find_event, find_person
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import ExportRequest, export_calendars
from visitplanner.services.versions import issue_version
from visitplanner.services.visit_files import export_json, import_json

#: Lines that may change between two exports without the event changing.
_STAMPS = re.compile(r"^(DTSTAMP|SEQUENCE|LAST-MODIFIED)[:;]")


def _vevents(payload: bytes) -> dict[str, tuple[int, str, str]]:
    """Each event of a file by UID: its SEQUENCE, STATUS, and its content without the
    lines that may change with no change of the event."""
    found = {}
    for component in Calendar.from_ical(payload).walk("VEVENT"):
        lines = component.to_ical().decode("utf-8").replace("\r\n ", "").split("\r\n")
        content = "\n".join(line for line in lines if not _STAMPS.match(line))
        found[str(component["UID"])] = (
            int(component["SEQUENCE"]),
            str(component["STATUS"]),
            content,
        )
    return found


def _export(session: VisitSession, out: Path, scope: Scope | None = None, **options: object):
    request = ExportRequest(scope=scope or Scope(ScopeKind.VISIT), **options)  # type: ignore[arg-type]
    export_calendars(session, request, out)
    return _vevents(out.read_bytes())


def _what_a_phone_would_miss(
    before: dict[str, tuple[int, str, str]], after: dict[str, tuple[int, str, str]]
) -> list[str]:
    """Every event that vanished, or whose content changed at a SEQUENCE not higher."""
    problems = []
    for uid, (sequence, _status, content) in before.items():
        if uid not in after:
            problems.append(f"{uid} vanished")
        elif after[uid][2] != content and after[uid][0] <= sequence:
            problems.append(f"{uid} changed at SEQUENCE {after[uid][0]} (was {sequence})")
        elif after[uid][0] < sequence:
            problems.append(f"{uid} went down to SEQUENCE {after[uid][0]}")
    return problems


def _changed(session: VisitSession, title: str, change: Callable[[object], None]) -> str:
    event = find_event(session.data, title)
    edited = copy.deepcopy(event)
    change(edited)
    session.apply(SaveEntity(edited, event))
    return f"{event.id}@visitplanner"


def _dress_code(session: VisitSession) -> str:
    return _changed(
        session,
        "Réunion de travail",
        lambda e: setattr(e, "dress_code", LocalizedText(fr="Tenue de ville, cravate")),  # type: ignore[arg-type]
    )


def _running_order(session: VisitSession) -> str:
    def change(event: object) -> None:
        line = event.running_order[0]  # type: ignore[attr-defined]
        line.action = LocalizedText(fr=line.action.fr + " (renforcé)", uk=line.action.uk)

    ceremony = next(e for e in session.data.events if e.running_order)
    return _changed(session, ceremony.title.fr, change)


def _deleted(session: VisitSession) -> str:
    event = find_event(session.data, "Réunion de travail")
    session.apply(delete_operation(session.data, event))
    return f"{event.id}@visitplanner"


def _version(session: VisitSession) -> str:
    issue_version(session, note="version remise aux délégations")
    return ""


def _taken_off(session: VisitSession) -> str:
    minister = find_person(session.data, "Kalmykova")
    return _changed(
        session,
        "Réunion de travail",
        lambda e: setattr(
            e,
            "participant_ids",
            [p for p in e.participant_ids if p != minister.id],  # type: ignore[attr-defined]
        ),
    )


CHANGES = {
    "a version issued": _version,
    "a dress code (description only)": _dress_code,
    "a line of the running order": _running_order,
    "an event deleted": _deleted,
    "a person taken off an event": _taken_off,
}


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_no_event_changes_at_the_same_sequence_or_vanishes(
    demo: VisitSession, tmp_path: Path, kind: str
) -> None:
    minister = Scope(ScopeKind.PERSON, find_person(demo.data, "Kalmykova").id)
    whole = _export(demo, tmp_path / "whole-0.ics")
    personal = _export(demo, tmp_path / "minister-0.ics", minister)
    uid = CHANGES[kind](demo)
    whole_after = _export(demo, tmp_path / "whole-1.ics")
    personal_after = _export(demo, tmp_path / "minister-1.ics", minister)
    assert _what_a_phone_would_miss(whole, whole_after) == []
    assert _what_a_phone_would_miss(personal, personal_after) == []
    # Only the event changed rises, and by one; a version changes no event.
    risen = {u for u in whole if whole_after[u][0] != whole[u][0]}
    if kind == "a person taken off an event":
        assert risen == set()  # the others' files do not change
        assert personal_after[uid][1] == "CANCELLED"
        assert personal_after[uid][0] == personal[uid][0] + 1
    elif uid:
        assert risen == {uid}
        assert whole_after[uid][0] == whole[uid][0] + 1
    else:
        assert risen == set()
    # Exported again with no change: the same events, the same sequences.
    assert _export(demo, tmp_path / "whole-2.ics") == whole_after
    assert _export(demo, tmp_path / "minister-2.ics", minister) == personal_after


def test_a_version_is_named_by_the_calendar_not_in_each_event(
    demo: VisitSession, tmp_path: Path
) -> None:
    issue_version(demo)
    out = tmp_path / "v.ics"
    export_calendars(demo, ExportRequest(lang="en"), out)
    calendar = Calendar.from_ical(out.read_bytes())
    assert "Programme version 1" in str(calendar["X-WR-CALDESC"])
    descriptions = [str(e.get("DESCRIPTION", "")) for e in calendar.walk("VEVENT")]
    assert descriptions and not any("version 1" in d for d in descriptions)


def test_a_deleted_event_stays_cancelled_in_every_calendar_that_held_it(
    demo: VisitSession, tmp_path: Path
) -> None:
    meeting = find_event(demo.data, "Réunion de travail")
    uid = f"{meeting.id}@visitplanner"
    people = [Scope(ScopeKind.PERSON, p) for p in meeting.participant_ids[:3]]
    before = [_export(demo, tmp_path / f"p{n}-0.ics", scope) for n, scope in enumerate(people)]
    _export(demo, tmp_path / "whole-0.ics")
    _deleted(demo)
    for n, scope in enumerate(people):
        after = _export(demo, tmp_path / f"p{n}-1.ics", scope)
        assert after[uid][1] == "CANCELLED"
        assert after[uid][0] == before[n][uid][0] + 1
        assert "Réunion de travail" in after[uid][2]  # its last content, from the journal
    # For as long as the visit lasts: a later edit elsewhere leaves it there, unchanged.
    _dress_code_elsewhere(demo)
    later = _export(demo, tmp_path / "whole-2.ics")
    assert later[uid][1] == "CANCELLED" and later[uid][0] == before[0][uid][0] + 1
    # Undoing the deletion brings it back, above its cancellation.
    demo.undo()
    demo.undo()
    back = _export(demo, tmp_path / "whole-3.ics")
    assert back[uid][1] == "CONFIRMED" and back[uid][0] == before[0][uid][0] + 2


def _dress_code_elsewhere(session: VisitSession) -> None:
    event = next(e for e in session.data.events if e.title.fr != "Réunion de travail")
    edited = copy.deepcopy(event)
    edited.dress_code = LocalizedText(fr="Uniforme")
    session.apply(SaveEntity(edited, event))


def test_a_person_put_back_on_an_event_gets_it_above_the_cancellation(
    demo: VisitSession, tmp_path: Path
) -> None:
    minister = Scope(ScopeKind.PERSON, find_person(demo.data, "Kalmykova").id)
    first = _export(demo, tmp_path / "0.ics", minister)
    uid = _taken_off(demo)
    cancelled = _export(demo, tmp_path / "1.ics", minister)
    assert cancelled[uid][1] == "CANCELLED" and cancelled[uid][0] == first[uid][0] + 1
    demo.undo()
    again = _export(demo, tmp_path / "2.ics", minister)
    assert again[uid][1] == "CONFIRMED" and again[uid][0] == first[uid][0] + 2
    assert _export(demo, tmp_path / "whole.ics")[uid][0] == first[uid][0] + 2


def test_deleted_events_travel_through_the_json_format(demo: VisitSession, tmp_path: Path) -> None:
    before = _export(demo, tmp_path / "whole-0.ics")
    uid = _deleted(demo)
    demo.close()
    exported = tmp_path / "v.json"
    export_json(demo.path, exported)  # type: ignore[arg-type]
    ghosts = json.loads(exported.read_text(encoding="utf-8"))["calendars"]["ghosts"]
    by_uid = {f"{g['id']}@visitplanner": g for g in ghosts}
    assert set(by_uid) == set(before)  # every event the calendar held: deleted or a brief
    assert by_uid[uid]["participant_ids"]  # the deleted one whole, from the journal
    remade = tmp_path / "remade.visit"
    import_json(exported, remade)
    session = VisitSession.open(remade)
    try:
        after = _export(session, tmp_path / "whole-1.ics")
    finally:
        session.close()
    assert _what_a_phone_would_miss(before, after) == []
    assert after[uid][1] == "CANCELLED" and after[uid][0] == before[uid][0] + 1


def test_sequences_of_a_file_from_before_variants_rise_once(
    demo: VisitSession, tmp_path: Path
) -> None:
    before = _export(demo, tmp_path / "0.ics")
    # A file of schema 7 kept one mark per event, of no variant.
    with demo.database.transaction():
        demo.database.conn.execute("UPDATE calendar_mark SET variant = ''")
    demo.data = demo.repository.load()
    after = _export(demo, tmp_path / "1.ics")
    assert {u: s for u, (s, _st, _c) in after.items()} == {
        u: s + 1 for u, (s, _st, _c) in before.items()
    }
    assert _export(demo, tmp_path / "2.ics") == after


def test_send_updates_raises_the_sequence_of_what_it_cancels(
    demo: VisitSession, tmp_path: Path
) -> None:
    from visitplanner.services.updates import send_updates

    issue_version(demo)
    before = _export(demo, tmp_path / "0.ics")
    taken_off = _taken_off(demo)
    transfer = next(e for e in demo.data.events if e.kind == "transfer" and e.participant_ids)
    deleted = f"{transfer.id}@visitplanner"
    demo.apply(delete_operation(demo.data, transfer))
    result = send_updates(demo, 1, tmp_path / "out", "fr")  # the files exported: French
    cancels = {}
    for update in result.updates:
        if update.method == "CANCEL":
            event = Calendar.from_ical(update.ics.read_bytes()).walk("VEVENT")[0]
            cancels[(str(event["UID"]), update.person_id)] = int(event["SEQUENCE"])
    minister = find_person(demo.data, "Kalmykova").id
    assert cancels[(taken_off, minister)] == before[taken_off][0] + 1
    deleted_cancels = {s for (uid, _p), s in cancels.items() if uid == deleted}
    assert deleted_cancels == {before[deleted][0] + 1}


def test_an_event_taken_out_of_the_json_by_hand_goes_out_cancelled(
    demo: VisitSession, tmp_path: Path
) -> None:
    before = _export(demo, tmp_path / "whole-0.ics")
    demo.close()
    exported = tmp_path / "v.json"
    export_json(demo.path, exported)  # type: ignore[arg-type]
    document = json.loads(exported.read_text(encoding="utf-8"))
    meeting = next(
        e for e in document["events"] if e["title"]["fr"].startswith("Réunion de travail")
    )
    document["events"].remove(meeting)  # the officer edits the file, then imports it
    exported.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    remade = tmp_path / "remade.visit"
    import_json(exported, remade)
    session = VisitSession.open(remade)
    try:
        assert list(session.data.calendars.ghosts) == [meeting["id"]]  # the others are there
        after = _export(session, tmp_path / "whole-1.ics")
    finally:
        session.close()
    uid = f"{meeting['id']}@visitplanner"
    assert _what_a_phone_would_miss(before, after) == []
    assert after[uid][1] == "CANCELLED" and after[uid][0] == before[uid][0] + 1
    assert "Réunion de travail" in after[uid][2]
