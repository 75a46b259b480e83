"""send-updates: one iTIP message per changed event and person, read right by icalendar,
vobject and ical.js (Thunderbird), and an .eml that Python's email package reads back."""

from __future__ import annotations

import email
import email.policy
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar

from tests.factories import small_visit
from tests.ics_parsers import all_parsers, icaljs_raw
from visitplanner.domain.errors import InputError
from visitplanner.domain.values import EventStatus
from visitplanner.exports.ics import event_uid
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import ExportRequest, export_calendars
from visitplanner.services.updates import UpdateResult, send_updates
from visitplanner.services.versions import issue_version
from visitplanner.services.visit_files import open_visit, write_visit

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 5, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def session(tmp_visit_path: Path) -> VisitSession:
    data = small_visit()
    for person in data.people:
        person.duty_email = f"{person.family_name.lower().strip(chr(39))}@example.org"
    next(p for p in data.people if p.family_name == "Rufo").duty_email = ""  # reported
    write_visit(tmp_visit_path, data)
    opened = open_visit(tmp_visit_path)
    yield opened
    opened.close()


def _edit(session: VisitSession, export: Path | None = None) -> tuple[str, str, str]:
    """Version 1 (its calendar exported to `export`), then: the meeting moves, the
    arrival is cancelled, the veteran is taken off the ceremony."""
    data = session.data
    arrival, meeting, ceremony = data.events
    ceremony.status = EventStatus.CONFIRMED
    issue_version(session, now=NOW)
    if export is not None:
        export_calendars(session, ExportRequest(), export)
    meeting.start += timedelta(hours=1)
    meeting.end += timedelta(hours=1)
    arrival.status = EventStatus.CANCELLED
    veteran = next(p.id for p in data.people if p.family_name == "Koval'")
    ceremony.participant_ids = [p for p in ceremony.participant_ids if p != veteran]
    return arrival.id, meeting.id, ceremony.id


def _messages(result: UpdateResult) -> dict[tuple[str, str], tuple[str, Path, Path]]:
    return {(u.person_id, u.event_id): (u.method, u.ics, u.eml) for u in result.updates}


def test_each_person_gets_a_request_or_a_cancel_per_changed_event(
    session: VisitSession, tmp_path: Path
) -> None:
    arrival, meeting, ceremony = _edit(session)
    names = {p.family_name: p.id for p in session.data.people}
    minister, veteran, host = names["Kalmykova"], names["Koval'"], names["Rufo"]
    result = send_updates(session, 1, tmp_path / "out", "fr", now=NOW)
    found = {key: value[0] for key, value in _messages(result).items()}
    assert found == {
        (minister, meeting): "REQUEST",
        (minister, arrival): "CANCEL",
        (veteran, arrival): "CANCEL",
        (veteran, ceremony): "CANCEL",
        (veteran, meeting): "REQUEST",  # the interpreter of the meeting
    }
    assert [p.id for p in result.unreachable] == [host]


def test_every_message_parses_in_five_parsers_with_its_method_and_people(
    session: VisitSession, tmp_path: Path
) -> None:
    arrival, meeting, ceremony = _edit(session, tmp_path / "v1.ics")
    # Cancelled, moved: one above the French file; the ceremony goes on unchanged, but the
    # veteran taken off it is told so one above the sequence his calendar holds.
    sequences = {arrival: 1, meeting: 1, ceremony: 1}
    people = {p.id: p for p in session.data.people}
    result = send_updates(session, 1, tmp_path / "out", "fr", now=NOW)
    assert result.updates
    paths = [u.ics for u in result.updates]
    by_js = icaljs_raw(paths)
    parsers = all_parsers(paths)
    for update in result.updates:
        raw = update.ics.read_bytes()
        calendar = Calendar.from_ical(raw)
        assert str(calendar["METHOD"]) == update.method
        (event,) = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"{update.event_id}@visitplanner"
        assert str(event["ORGANIZER"]) == "mailto:protocole@example.fr"
        assert str(event["ATTENDEE"]) == f"mailto:{people[update.person_id].duty_email}"
        sequence = int(event["SEQUENCE"])
        assert sequence == sequences[update.event_id]
        if update.method == "CANCEL":
            assert str(event["STATUS"]) == "CANCELLED"
        parsed = vobject.readOne(raw.decode("utf-8"))
        assert parsed.method.value == update.method
        (vevent,) = parsed.vevent_list
        assert vevent.attendee.value == f"mailto:{people[update.person_id].duty_email}"
        assert vevent.organizer.value == "mailto:protocole@example.fr"
        assert int(vevent.sequence.value) == sequence
        (js_event,) = by_js[str(update.ics)]
        assert js_event["uid"] == str(event["UID"]) and js_event["sequence"] == sequence
        read = parsers["icalendar"][str(update.ics)]
        for name, by_path in parsers.items():
            assert by_path[str(update.ics)] == read, name


def test_every_eml_holds_the_calendar_part_intact(session: VisitSession, tmp_path: Path) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", "fr", now=NOW)
    people = {p.id: p for p in session.data.people}
    for update in result.updates:
        message = email.message_from_bytes(update.eml.read_bytes(), policy=email.policy.default)
        assert message["To"].addresses[0].addr_spec == people[update.person_id].duty_email
        assert message["From"].addresses[0].addr_spec == "protocole@example.fr"
        assert message["Subject"]
        parts = {part.get_content_type(): part for part in message.walk()}
        assert "text/plain" in parts
        calendar_part = parts["text/calendar"]
        assert calendar_part.get_param("method") == update.method
        assert calendar_part.get_content().encode("utf-8") == update.ics.read_bytes()


def test_the_sequences_sent_are_those_the_next_calendar_export_writes(
    session: VisitSession, tmp_path: Path
) -> None:
    _arrival, meeting, _ceremony = _edit(session, tmp_path / "first.ics")
    send_updates(session, 1, tmp_path / "out", "en", now=NOW)
    export_calendars(session, ExportRequest(lang="en"), tmp_path / "second.ics")
    calendar = Calendar.from_ical((tmp_path / "second.ics").read_bytes())
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(meeting))
    assert int(event["SEQUENCE"]) == 1
    assert "Programme version 1" in str(calendar["X-WR-CALDESC"])


def test_send_updates_needs_the_office_e_mail(session: VisitSession, tmp_path: Path) -> None:
    _edit(session)
    session.data.visit.organiser.email = ""
    with pytest.raises(InputError, match="e-mail"):
        send_updates(session, 1, tmp_path / "out")


def test_no_private_field_goes_into_an_update(session: VisitSession, tmp_path: Path) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", now=NOW)
    for update in result.updates:
        for path in (update.ics, update.eml):
            raw = path.read_bytes()
            assert b"+380 67 111 11 11" not in raw and b"badge" not in raw
            assert b"FX000001" not in raw


def test_the_uid_is_the_calendar_export_uid(session: VisitSession, tmp_path: Path) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", now=NOW)
    events = {e.id: e for e in session.data.events}
    for update in result.updates:
        assert event_uid(events[update.event_id]).encode() in update.ics.read_bytes()


def test_a_title_with_a_line_break_still_gives_a_message_per_update(
    session: VisitSession, tmp_path: Path
) -> None:
    _arrival, meeting_id, _ceremony = _edit(session)
    meeting = session.data.event(meeting_id)
    meeting.title = meeting.title.replace("fr", "Entretien\nrévisé")
    result = send_updates(session, 1, tmp_path / "out", "fr", now=NOW)
    updates = [u for u in result.updates if u.event_id == meeting_id]
    assert updates
    for update in updates:
        message = email.message_from_bytes(update.eml.read_bytes(), policy=email.policy.default)
        assert message["Subject"] == "Programme mis à jour : Entretien révisé"
