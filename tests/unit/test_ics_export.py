"""Calendar export: what each scope holds, what each event says, updates and privacy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.factories import small_visit
from visitplanner.demo import build_demo
from visitplanner.domain.calendars import Scope, ScopeKind
from visitplanner.domain.lookup import find_event, find_person
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import EventStatus, LocalizedText, Profile
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import ExportRequest, export_calendars, plan_export
from visitplanner.services.visit_files import read_visit, write_visit


def _session(tmp_path: Path, data: VisitData) -> VisitSession:
    path = tmp_path / "v.visit"
    write_visit(path, data)
    return VisitSession.open(path)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[VisitSession]:
    session = _session(tmp_path, build_demo())
    yield session
    session.close()


def _export(session: VisitSession, out: Path, **options: object) -> bytes:
    export_calendars(session, ExportRequest(**options), out)  # type: ignore[arg-type]
    return out.read_bytes()


def _unfolded(payload: bytes) -> list[str]:
    return payload.decode("utf-8").replace("\r\n ", "").split("\r\n")


def _events(payload: bytes) -> dict[str, dict[str, str]]:
    """Each VEVENT's properties (first value, parameters stripped) by UID."""
    found: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in _unfolded(payload):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT" and current is not None:
            found[current["UID"]] = current
            current = None
        elif current is not None and ":" in line:
            head, value = line.split(":", 1)
            current.setdefault(head.split(";")[0], value)
    return found


def _without_stamp(payload: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:-", payload)


def test_the_whole_visit_holds_every_confirmed_event_and_what_apps_need(
    demo: VisitSession, tmp_path: Path
) -> None:
    payload = _export(demo, tmp_path / "all.ics")
    lines = _unfolded(payload)
    for needed in ("VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"):
        assert needed in lines
    assert any(line.startswith("PRODID:-//VisitPlanner//") for line in lines)
    assert not any(line.startswith("ATTENDEE") for line in lines)
    events = _events(payload)
    confirmed = [e for e in demo.data.events if e.status is not EventStatus.DRAFT]
    assert set(events) == {f"{e.id}@visitplanner" for e in confirmed}
    for event in events.values():
        for key in ("DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE", "STATUS"):
            assert key in event
        assert "CATEGORIES" in event and "LAST-MODIFIED" in event
        assert event["ORGANIZER"] == "mailto:protocole@defense.gouv.example"
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert all(";TZID=Europe/" in line for line in starts if not line.startswith("DTSTART:1970"))


def test_one_vtimezone_per_zone_used_with_yearly_rules_and_no_rdate(
    demo: VisitSession, tmp_path: Path
) -> None:
    lines = _unfolded(_export(demo, tmp_path / "all.ics"))
    zones = [line for line in lines if line.startswith("TZID:")]
    assert zones == ["TZID:Europe/Paris", "TZID:Europe/Warsaw"]
    assert not any(line.startswith("RDATE") for line in lines)
    assert lines.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3") == 2
    assert lines.count("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10") == 2


def test_an_event_says_where_what_and_who_to_call(demo: VisitSession, tmp_path: Path) -> None:
    events = _events(_export(demo, tmp_path / "all.ics", lang="uk"))
    ceremony = find_event(demo.data, "Cérémonie commémorative")
    found = events[f"{ceremony.id}@visitplanner"]
    assert "Церемон" in found["SUMMARY"]
    assert "Place Charles-de-Gaulle" in found["LOCATION"]
    assert re.fullmatch(r"4\d\.\d+;2\.\d+", found["GEO"])
    description = found["DESCRIPTION"].replace("\\n", "\n").replace("\\,", ",")
    assert "+33 6 39 98 10 05" in description  # the liaison officer's duty phone
    lines = description.split("\n")
    order = [line for line in lines if re.match(r"\d\d:\d\d ", line)]
    assert len(order) == len(ceremony.running_order) >= 3  # the running order, minute by minute


def test_a_personal_calendar_holds_only_that_persons_events_and_is_named_after_them(
    demo: VisitSession, tmp_path: Path
) -> None:
    person = find_person(demo.data, "Kalmykova")
    payload = _export(demo, tmp_path / "p.ics", scope=Scope(ScopeKind.PERSON, person.id), lang="uk")
    calendar = Calendar.from_ical(payload)
    assert "Калмикова" in str(calendar["X-WR-CALNAME"])
    mine = {f"{e.id}@visitplanner" for e in demo.data.events_of(person.id) if e.status != "draft"}
    assert set(_events(payload)) == mine


def test_drafts_are_left_out_unless_asked_for(demo: VisitSession, tmp_path: Path) -> None:
    draft = next(e for e in demo.data.events if e.status is EventStatus.DRAFT)
    uid = f"{draft.id}@visitplanner"
    assert uid not in _events(_export(demo, tmp_path / "a.ics"))
    with_drafts = _events(_export(demo, tmp_path / "b.ics", drafts=True))
    assert with_drafts[uid]["STATUS"] == "TENTATIVE"


def test_a_reminder_is_added_when_asked_for(demo: VisitSession, tmp_path: Path) -> None:
    lines = _unfolded(_export(demo, tmp_path / "a.ics", alarm_minutes=30))
    assert lines.count("BEGIN:VALARM") == lines.count("BEGIN:VEVENT")
    assert "TRIGGER:-PT30M" in lines


def test_lines_are_folded_at_75_octets_without_splitting_a_character(
    demo: VisitSession, tmp_path: Path
) -> None:
    payload = _export(demo, tmp_path / "uk.ics", lang="uk")
    for line in payload.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # no UTF-8 sequence cut in two
    assert b"\n" not in payload.replace(b"\r\n", b"")


def test_exporting_again_without_change_gives_the_same_bytes_but_the_stamp(
    demo: VisitSession, tmp_path: Path
) -> None:
    first = _export(demo, tmp_path / "1.ics")
    second = _export(demo, tmp_path / "2.ics")
    assert _without_stamp(first) == _without_stamp(second)
    assert _events(second) and all(e["SEQUENCE"] == "0" for e in _events(second).values())


def test_a_changed_time_raises_the_sequence_once_in_every_scope(
    demo: VisitSession, tmp_path: Path
) -> None:
    _export(demo, tmp_path / "0.ics")
    meeting = find_event(demo.data, "Réunion de travail")
    person = meeting.participant_ids[0]
    meeting.start += timedelta(minutes=30)
    meeting.end += timedelta(minutes=30)
    with demo.database.transaction():
        demo.repository.save_event(meeting)
    demo.data = demo.repository.load()
    uid = f"{meeting.id}@visitplanner"
    plan_export(demo.data, ExportRequest())  # a preview changes nothing
    personal = _events(_export(demo, tmp_path / "p.ics", scope=Scope(ScopeKind.PERSON, person)))
    whole = _events(_export(demo, tmp_path / "1.ics", profile=Profile.INTERNAL, lang="en"))
    again = _events(_export(demo, tmp_path / "2.ics"))
    # One rise for one change, in every French shareable file, whatever its scope.
    assert personal[uid]["SEQUENCE"] == again[uid]["SEQUENCE"] == "1"
    # The first English internal file: its texts were never sent, so it starts above
    # every sequence the event had (a phone holding the French one takes it).
    assert whole[uid]["SEQUENCE"] == "2"
    others = [e["SEQUENCE"] for key, e in again.items() if key != uid]
    assert set(others) == {"0"}
    marks = read_visit(demo.path).calendars.marks  # type: ignore[arg-type]
    assert marks[(meeting.id, "fr/shareable")].sequence == 1
    assert marks[(meeting.id, "en/internal")].sequence == 2


def test_a_change_apps_do_not_show_keeps_the_sequence(demo: VisitSession, tmp_path: Path) -> None:
    _export(demo, tmp_path / "0.ics")
    meeting = find_event(demo.data, "Réunion de travail")
    meeting.notes = LocalizedText(fr="a note of the officer")
    with demo.database.transaction():
        demo.repository.save_event(meeting)
    events = _events(_export(demo, tmp_path / "1.ics"))
    assert events[f"{meeting.id}@visitplanner"]["SEQUENCE"] == "0"


def test_a_cancelled_event_is_sent_as_cancelled_not_dropped(
    demo: VisitSession, tmp_path: Path
) -> None:
    _export(demo, tmp_path / "0.ics")
    meeting = find_event(demo.data, "Réunion de travail")
    meeting.status = EventStatus.CANCELLED
    with demo.database.transaction():
        demo.repository.save_event(meeting)
    event = _events(_export(demo, tmp_path / "1.ics"))[f"{meeting.id}@visitplanner"]
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == "1"


def test_a_person_taken_off_an_event_gets_it_cancelled_in_their_next_file(
    demo: VisitSession, tmp_path: Path
) -> None:
    person = find_person(demo.data, "Kalmykova")
    scope = Scope(ScopeKind.PERSON, person.id)
    _export(demo, tmp_path / "0.ics", scope=scope)
    meeting = find_event(demo.data, "Réunion de travail")
    meeting.participant_ids.remove(person.id)
    with demo.database.transaction():
        demo.repository.save_event(meeting)
    first = _export(demo, tmp_path / "1.ics", scope=scope)
    assert _events(first)[f"{meeting.id}@visitplanner"]["STATUS"] == "CANCELLED"
    whole = _events(_export(demo, tmp_path / "all.ics"))
    assert whole[f"{meeting.id}@visitplanner"]["STATUS"] == "CONFIRMED"
    again = _export(demo, tmp_path / "2.ics", scope=scope)
    assert _without_stamp(again) == _without_stamp(first)


def test_one_file_per_person(demo: VisitSession, tmp_path: Path) -> None:
    plan, written = export_calendars(demo, ExportRequest(per_person=True), tmp_path / "out")
    assert len(written) == len(plan.files) >= 20
    names = {path.name for path in written}
    assert any(name.startswith("Natalia-Kalmykova-") for name in names)
    assert all(path.parent == tmp_path / "out" for path in written)


def _marked(data: VisitData) -> VisitData:
    """The visit with a marker in every private field."""
    for number, person in enumerate(data.people):
        person.private_phone = f"PRIVATE-PHONE-{number}"
        person.accessibility_detail = LocalizedText(
            fr=f"PRIVATE-ACCESS-{number}", uk=f"PRIVATE-ACCESS-UK-{number}"
        )
        person.dietary_detail = LocalizedText(
            fr=f"PRIVATE-DIET-{number}", en=f"PRIVATE-DIET-EN-{number}"
        )
        person.accreditation.passport_number = f"PRIVATE-PASSPORT-{number}"
        person.role = "liaison" if number == 0 else person.role
        person.duty_phone = person.duty_phone or f"DUTY-{number}"
    for number, venue in enumerate(data.venues):
        venue.security_notes = LocalizedText(
            fr=f"PRIVATE-SECURITY-{number}", en=f"PRIVATE-SECURITY-EN-{number}"
        )
    return data


@pytest.mark.parametrize("scope", ["visit", "person", "per_person"])
def test_a_shareable_calendar_holds_no_private_field(tmp_path: Path, scope: str) -> None:
    data = _marked(small_visit())
    for event in data.events:
        event.status = EventStatus.CONFIRMED
    session = _session(tmp_path, data)
    options: dict[str, object] = {}
    if scope == "person":
        options["scope"] = Scope(ScopeKind.PERSON, data.people[0].id)
    if scope == "per_person":
        options["per_person"] = True
    _plan, written = export_calendars(session, ExportRequest(**options), tmp_path / "out")  # type: ignore[arg-type]
    payload = b"".join(path.read_bytes() for path in written)
    text = payload.decode("utf-8").replace("\r\n ", "")
    assert "PRIVATE-" not in text
    assert "DUTY-0" in text or "+380 44 000 00 00" in text  # duty contacts may appear
    internal = _export(session, tmp_path / "internal.ics", profile=Profile.INTERNAL)
    assert b"PRIVATE-SECURITY-" in internal.replace(b"\r\n ", b"")
    session.close()
