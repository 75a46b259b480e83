"""Calendars as other programs write them import whole, at the instants icalendar reads.

The files under tests/data/ics/ follow what each program writes: Exchange (zones under
names of its own, defined by a VTIMEZONE, and Windows names), Lotus Notes (its own
zone names, repeats as RDATE lists), Apple Calendar (a long line broken without
folding), Thunderbird (an old IANA name with its VTIMEZONE, a mozilla.org prefix),
Google (X-WR-TIMEZONE, a daily repeat with EXDATE and a moved occurrence) and
Nextcloud (RDATE with PERIODs). What cannot be read is skipped with its line and
reason and counted by kind; only a file that is not a calendar at all is refused.
"""

from __future__ import annotations

import warnings
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from visitplanner.demo import build_demo
from visitplanner.domain.errors import InputError
from visitplanner.imports.ics import ForeignEvent, SkipKind, parse_calendar, read_calendar
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendar_import import (
    Action,
    apply_import,
    plan_import,
    skip_summary,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"
VISIT = build_demo().visit
HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"


def _utc(value: Any) -> datetime:
    assert isinstance(value, datetime) and value.tzinfo is not None, value
    return value.astimezone(UTC)


def _icalendar_reading(raw: bytes) -> dict[str, set[tuple[Any, Any]]]:
    """Per UID, every (start, end) icalendar's own reading of the file gives: UTC
    instants, or dates for all-day events; repeats expanded with dateutil from
    icalendar's DTSTART, up to the day after the visit."""
    with warnings.catch_warnings():  # icalendar warns when it strips a vendor prefix
        warnings.simplefilter("ignore")
        calendar = Calendar.from_ical(raw)
    found: dict[str, set[tuple[Any, Any]]] = {}
    events = list(calendar.walk("VEVENT"))
    moved = {
        (str(e["UID"]), _utc(e.decoded("RECURRENCE-ID"))) for e in events if "RECURRENCE-ID" in e
    }
    for event in events:
        uid = str(event["UID"])
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND") if "DTEND" in event else start + event.decoded("DURATION")
        into = found.setdefault(uid, set())
        if not isinstance(start, datetime):
            into.add((start, end))
            continue
        length = end - start
        starts = [(start, length)]
        if "RRULE" in event:
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
            starts += [(s, length) for s in rule.between(start, datetime(2026, 5, 10, tzinfo=UTC))]
        rdates = event.get("RDATE", [])
        for rdate in rdates if isinstance(rdates, list) else [rdates]:
            for value in rdate.dts:
                if isinstance(value.dt, tuple):
                    first, last = value.dt
                    span = last if isinstance(last, timedelta) else last - first
                    starts.append((first, span))
                else:
                    starts.append((value.dt, length))
        exdates = event.get("EXDATE", [])
        gone = {
            _utc(v.dt)
            for exdate in (exdates if isinstance(exdates, list) else [exdates])
            for v in exdate.dts
        }
        for first, span in starts:
            instant = _utc(first)
            if instant in gone or ("RECURRENCE-ID" not in event and (uid, instant) in moved):
                continue
            into.add((instant, _utc(first + span)))
    return found


def _ours(event: ForeignEvent) -> tuple[Any, Any]:
    if event.all_day:
        return event.start.date(), event.end.date()
    return _utc(event.start), _utc(event.end)


SOURCES = {
    # file: (events imported, lines skipped)
    "exchange.ics": (5, 0),
    "lotus-notes.ics": (4, 0),
    "apple.ics": (2, 1),
    "thunderbird.ics": (2, 0),
    "google.ics": (3, 0),
    "nextcloud.ics": (4, 0),
}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_event_lands_at_the_instant_icalendar_reads(name: str) -> None:
    path = DATA / name
    found = read_calendar(path, VISIT)
    expected_events, expected_skips = SOURCES[name]
    assert len(found.events) == expected_events
    assert [s.kind for s in found.skipped] == [SkipKind.UNREADABLE_LINE] * expected_skips
    reading = _icalendar_reading(path.read_bytes())
    for event in found.events:
        assert _ours(event) in reading[event.uid.split("#")[0]], (event.title, event.start)
        assert event.start.tzinfo is not None and hasattr(event.start.tzinfo, "key")


def test_exchange_zones_of_its_own_are_read_from_their_vtimezone() -> None:
    found = {e.title: e for e in read_calendar(DATA / "exchange.ics", VISIT).events}
    assert _utc(found["Entretien avec le directeur de cabinet"].start) == datetime(
        2026, 5, 7, 7, 0, tzinfo=UTC
    )  # GMT +0100 (Standard) / GMT +0200 (Daylight): summer time on 7 May
    assert _utc(found["Visioconférence avec l'ambassade à Brasília"].start) == datetime(
        2026, 5, 8, 11, 0, tzinfo=UTC
    )
    assert _utc(found["Appel avec Nouméa"].start) == datetime(2026, 5, 8, 8, 0, tzinfo=UTC)
    kyiv = found["Дзвінок до Києва"]  # FLE Standard Time, shown in Kyiv's zone
    assert str(kyiv.start.tzinfo) == "Europe/Kyiv"
    assert _utc(kyiv.start) == datetime(2026, 5, 7, 9, 0, tzinfo=UTC)
    assert str(found["Point presse"].start.tzinfo) == "Europe/Paris"  # a Windows name alone


def test_the_files_own_vtimezone_comes_before_the_name() -> None:
    """A VTIMEZONE that defines a known name differently is what the file means (RFC
    5545: the TZID is defined by the VTIMEZONE of the same file). icalendar itself
    would take the Windows name's zone, or whichever definition it met first in the
    process, so its reading is not the reference here."""
    body = (
        "BEGIN:VTIMEZONE\r\nTZID:Romance Standard Time\r\nBEGIN:STANDARD\r\n"
        "DTSTART:16010101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\n"
        "END:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:r\r\nDTSTART;TZID=Romance Standard Time:20260507T120000\r\n"
        "DURATION:PT1H\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    raw = (HEAD + body).encode()
    [event] = parse_calendar(raw, "x.ics", VISIT).events
    assert _utc(event.start) == datetime(2026, 5, 7, 9, 0, tzinfo=UTC)
    assert str(event.start.tzinfo) == "Europe/Paris"  # shown in the zone the name means


def test_floating_times_follow_an_x_wr_timezone_that_only_a_vtimezone_defines() -> None:
    body = (
        "X-WR-TIMEZONE:UTC+11\r\nBEGIN:VTIMEZONE\r\nTZID:UTC+11\r\nBEGIN:STANDARD\r\n"
        "DTSTART:16010101T000000\r\nTZOFFSETFROM:+1100\r\nTZOFFSETTO:+1100\r\n"
        "END:STANDARD\r\nEND:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20260508T190000\r\nDURATION:PT1H\r\n"
        "SUMMARY:Appel avec Nouméa\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    found = parse_calendar((HEAD + body).encode(), "x.ics", VISIT)
    assert not found.skipped
    [event] = found.events
    assert _utc(event.start) == datetime(2026, 5, 8, 8, 0, tzinfo=UTC)
    assert str(event.start.tzinfo) == VISIT.tz  # shown in the visit's zone


def test_repeats_as_notes_google_and_nextcloud_write_them() -> None:
    notes = read_calendar(DATA / "lotus-notes.ics", VISIT).events
    meetings = [e.start.day for e in notes if e.title == "Réunion de coordination"]
    assert meetings == [6, 7, 8]  # RDATE list (folded) in a zone named "W. Europe"
    google = read_calendar(DATA / "google.ics", VISIT).events
    security = sorted((e.start.day, e.start.hour) for e in google if "sécurité" in e.title)
    assert security == [(6, 9), (7, 10)]  # the 7th moved, the 8th excluded, UNTIL before 9th
    nextcloud = read_calendar(DATA / "nextcloud.ics", VISIT).events
    calls = [(e.start.day, e.end - e.start) for e in nextcloud if e.title == "Point avec Kyiv"]
    assert calls == [  # DTSTART, then RDATE PERIODs with an end and with a duration
        (6, timedelta(hours=1)),
        (7, timedelta(hours=1, minutes=30)),
        (8, timedelta(minutes=45)),
    ]


def test_an_all_day_event_and_a_broken_line_from_apple_calendar() -> None:
    found = read_calendar(DATA / "apple.ics", VISIT)
    free = next(e for e in found.events if e.all_day)
    assert (free.start.date(), free.end.date()) == (date(2026, 5, 8), date(2026, 5, 9))
    louvre = next(e for e in found.events if not e.all_day)
    assert louvre.description == "Visite guidée des salles de la Renaissance"
    [line] = found.skipped
    assert (line.line, line.title) == (34, "et de la galerie d'Apollon")
    assert line.reason == "not a calendar line (no colon)"


def _event(uid: str, start: str, extra: str = "", summary: str = "Réunion") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260401T000000Z\r\n{start}\r\n"
        f"DURATION:PT1H\r\nSUMMARY:{summary}\r\n{extra}END:VEVENT\r\n"
    )


_GOOD = _event("good", "DTSTART:20260507T080000Z", summary="Bon")


@pytest.mark.parametrize(
    ("body", "line", "reason", "kind", "imported"),
    [
        (
            _event("z", "DTSTART;TZID=Europe/Atlantis:20260507T080000"),
            7,
            "unknown time zone “Europe/Atlantis”",
            SkipKind.UNKNOWN_ZONE,
            ["good"],
        ),
        (
            _event("n", "DESCRIPTION:no start"),
            4,
            "an event without a start",
            SkipKind.UNREADABLE_EVENT,
            ["good"],
        ),
        (
            _event("d", "DTSTART:20260230T250000"),
            7,
            "not a date or time: '20260230T250000'",
            SkipKind.UNREADABLE_EVENT,
            ["good"],
        ),
        (
            _event("y", "DTSTART:00010101T000000"),
            7,
            "a date out of range (year 1;",
            SkipKind.UNREADABLE_EVENT,
            ["good"],
        ),
        (
            _event("p", "DTSTART:20260507T080000Z", "DURATION:P99999999D\r\n"),
            4,
            "an event lasting more than a year",
            SkipKind.UNREADABLE_EVENT,
            ["good"],
        ),
        (
            _event("r", "DTSTART:20260507T080000Z", "RRULE:FREQ=SOMETIMES\r\n"),
            10,
            "a repeat rule that cannot be read",
            SkipKind.UNREADABLE_EVENT,
            ["good"],
        ),
        (
            _event("s", "DTSTART:20260507T080000Z", "LOCATION :Salle 3\r\n"),
            10,
            "spaces around the property name",
            SkipKind.UNREADABLE_LINE,
            ["s", "good"],  # the event imports, without its place
        ),
        (
            "BEGIN:VEVENT\r\nUID:o\r\nSUMMARY:open\r\n",
            4,
            "BEGIN:VEVENT is never closed",
            SkipKind.UNREADABLE_EVENT,
            ["good"],
        ),
        ("END:VTODO\r\n", 4, "END:VTODO without BEGIN:VTODO", SkipKind.UNREADABLE_LINE, ["good"]),
        (
            "BEGIN:VALARM\r\nEND:VALARM\r\n",
            4,
            "BEGIN:VALARM is not allowed in VCALENDAR",
            SkipKind.UNREADABLE_LINE,
            ["good"],
        ),
    ],
    ids=[
        "zone defined nowhere",
        "no start",
        "impossible date",
        "year 1",
        "absurd duration",
        "bad rule",
        "spaced name",
        "never closed",
        "stray end",
        "misplaced",
    ],
)
def test_what_cannot_be_read_is_skipped_with_its_line_and_the_rest_imports(
    body: str, line: int, reason: str, kind: SkipKind, imported: list[str]
) -> None:
    raw = (HEAD + body + _GOOD + "END:VCALENDAR\r\n").encode()
    found = parse_calendar(raw, "x.ics", VISIT)
    assert [e.uid for e in found.events] == imported
    [skipped] = [s for s in found.skipped if s.kind is kind]
    assert skipped.line == line
    assert skipped.reason.startswith(reason)


def test_a_caching_servers_line_and_bytes_that_are_not_utf8_are_skipped() -> None:
    raw = (HEAD + _GOOD + "END:VCALENDAR\r\nX-CACHED-AT:20260506T000000Z\r\n").encode()
    raw = raw.replace(b"SUMMARY:Bon", b"SUMMARY:Bon\r\nCOMMENT:caf\xe9")
    found = parse_calendar(raw, "x.ics", VISIT)
    assert [e.title for e in found.events] == ["Bon"]
    assert [(s.line, s.reason) for s in found.skipped] == [
        (10, "not UTF-8 text (byte 0xe9)"),
        (13, "a property after the end of the calendar"),
    ]


def test_a_file_cut_short_keeps_the_events_read_before_the_cut() -> None:
    raw = (HEAD + _GOOD + "BEGIN:VEVENT\r\nUID:cut\r\nDTSTART:2026").encode()
    found = parse_calendar(raw, "x.ics", VISIT)
    assert [e.uid for e in found.events] == ["good"]
    assert [s.reason for s in found.skipped] == [
        "BEGIN:VEVENT is never closed (the file ends first)",
        "BEGIN:VCALENDAR is never closed (the file ends first)",
    ]


def test_a_zone_defined_nowhere_skips_only_its_events_and_the_summary_counts_each_kind(
    demo: VisitSession, tmp_path: Path
) -> None:
    text = (DATA / "exchange.ics").read_bytes().decode("utf-8")
    text = text.replace("TZID=UTC+11:", "TZID=Pacific Local Time:")  # defined nowhere
    text = text.replace("CLASS:PUBLIC\r\n", "CLASS PUBLIC\r\n")  # a line without a colon
    text = text.replace("20260508T0", "20260608T0")  # Brasília: after the visit
    path = tmp_path / "exchange.ics"
    path.write_text(text, encoding="utf-8", newline="")
    assert demo.path is not None
    plan = plan_import(demo.data, path)
    assert plan.count(Action.ADD) == 3
    skipped = {item.title: item for item in plan.items if item.action is Action.SKIP}
    assert skipped["Appel avec Nouméa"].line == 108  # its DTSTART
    assert skipped["Appel avec Nouméa"].reason == "unknown time zone “Pacific Local Time”"
    assert skipped["CLASS PUBLIC"].line == 67
    assert skip_summary(plan) == (
        "outside the visit's dates: 1, lines that cannot be read: 1, unknown time zone: 1"
    )
    before = len(demo.data.events)
    apply_import(demo, plan)
    assert len(demo.data.events) == before + 3


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "ministry.ics, line 1: not a calendar file"),
        (b"\r\n\r\n  \r\n", "ministry.ics, line 1: not a calendar file"),
        (
            b"<!DOCTYPE html>\r\n<html><body><h1>502 Bad Gateway</h1></body></html>\r\n",
            "ministry.ics, line 1: not a calendar file",
        ),
        (
            b"Dear colleagues,\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
            "ministry.ics, line 1: not a calendar file",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "ministry.ics, line 3: binary data"),
        (
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jean\r\nEND:VCARD\r\n",
            "ministry.ics, line 1: not a calendar file",
        ),
    ],
    ids=["empty", "blank", "markup", "prose", "binary", "a contact card"],
)
def test_what_is_not_a_calendar_at_all_is_refused_whole_naming_the_file(
    demo: VisitSession, tmp_path: Path, content: bytes, said: str
) -> None:
    assert demo.path is not None
    before = demo.path.read_bytes()
    path = tmp_path / "ministry.ics"
    path.write_bytes(content)
    with pytest.raises(InputError) as refused:
        plan_import(demo.data, path)
    assert refused.value.message.startswith(said)
    assert demo.path.read_bytes() == before
