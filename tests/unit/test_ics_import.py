"""Calendar import: zones, repeats, re-imports; damage skipped, non-calendars refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from visitplanner.demo import build_demo
from visitplanner.domain.errors import InputError
from visitplanner.domain.values import EventStatus
from visitplanner.imports.ics import MAX_OCCURRENCES, parse_calendar
from visitplanner.imports.ics_zones import resolve_tzid
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendar_import import Action, apply_import, plan_import
from visitplanner.services.calendars import ExportRequest, export_calendars

PARIS = ZoneInfo("Europe/Paris")


def _file(tmp_path: Path, body: str, name: str = "agenda.ics") -> Path:
    path = tmp_path / name
    text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + body
    path.write_bytes((text.strip() + "\r\nEND:VCALENDAR\r\n").encode("utf-8"))
    return path


def _event(uid: str, start: str, end: str, summary: str = "Réunion", extra: str = "") -> str:
    return (
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260401T000000Z\r\n{start}\r\n{end}\r\n"
        f"SUMMARY:{summary}\r\n{extra}END:VEVENT\r\n"
    )


OUTLOOK_ZONE = """BEGIN:VTIMEZONE
TZID:Romance Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
""".replace("\n", "\r\n")


def test_an_outlook_invitation_in_romance_standard_time_lands_at_paris_time(
    demo: VisitSession, tmp_path: Path
) -> None:
    body = OUTLOOK_ZONE + _event(
        "040000008200E00074C5B7101A82E0080000000010",
        "DTSTART;TZID=Romance Standard Time:20260507T143000",
        "DTEND;TZID=Romance Standard Time:20260507T153000",
        "Point presse au ministère",
        "LOCATION:Hôtel de Brienne\\, 14 rue Saint-Dominique\r\n",
    )
    plan = plan_import(demo.data, _file(tmp_path, body))
    [item] = plan.items
    assert item.action is Action.ADD
    assert item.after is not None
    assert item.after.start == datetime(2026, 5, 7, 14, 30, tzinfo=PARIS)
    assert item.after.start.tzinfo == PARIS
    brienne = [v for v in demo.data.venues if v.name.fr.startswith("Hôtel de Brienne")]
    assert item.after.venue_id == brienne[0].id  # the known venue, not a new one
    assert not plan.venues


@pytest.mark.parametrize(
    ("tzid", "zone"),
    [
        ("Europe/Kiev", "Europe/Kyiv"),
        ("FLE Standard Time", "Europe/Kyiv"),
        ("Central European Standard Time", "Europe/Warsaw"),
        ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"),
        ("/mozilla.org/20050126_1/Europe/Paris", "Europe/Paris"),
        ("/freeassociation.sourceforge.net/Tzfile/Europe/Kiev", "Europe/Kyiv"),
        ("/mozilla.org/20070129_1/America/New_York", "America/New_York"),
        (
            "/softwarestudio.org/Olson_20011030_5/America/Argentina/Buenos_Aires",
            "America/Argentina/Buenos_Aires",
        ),
        (
            "/softwarestudio.org/Olson_20011030_5/America/Buenos_Aires",
            "America/Argentina/Buenos_Aires",
        ),
        ("Romance Standard Time", "Europe/Paris"),
        ("GMT +0100 (Standard) / GMT +0200 (Daylight)", None),  # only its VTIMEZONE defines it
        ("Etc/UTC", "UTC"),
        ("Mars/Olympus_Mons", None),
        ("../../etc/passwd", None),
        ("Europe", None),
    ],
)
def test_zone_names_apps_write_are_mapped_to_iana(tzid: str, zone: str | None) -> None:
    assert resolve_tzid(tzid) == zone


def test_a_hotel_booking_all_day_and_floating_times_in_x_wr_timezone(
    demo: VisitSession, tmp_path: Path
) -> None:
    body = "X-WR-TIMEZONE:Europe/Kiev\r\n"
    body += _event("hotel-1", "DTSTART;VALUE=DATE:20260506", "DTEND;VALUE=DATE:20260509", "Hôtel")
    body += _event("float-1", "DTSTART:20260507T080000", "DTEND:20260507T090000", "Appel")
    body += _event("utc-1", "DTSTART:20260507T080000Z", "DTEND:20260507T090000Z", "Visio")
    plan = plan_import(demo.data, _file(tmp_path, body))
    added = {item.title: item.after for item in plan.items if item.after is not None}
    kyiv = ZoneInfo("Europe/Kyiv")
    assert added["Hôtel"].start == datetime(2026, 5, 6, tzinfo=kyiv)
    assert added["Hôtel"].end == datetime(2026, 5, 9, tzinfo=kyiv)
    assert added["Appel"].start == datetime(2026, 5, 7, 8, tzinfo=kyiv)
    assert added["Visio"].start == datetime(2026, 5, 7, 8, tzinfo=UTC)
    assert added["Visio"].start.tzinfo == kyiv


def test_a_daily_repeat_is_expanded_within_the_visits_dates_only(
    demo: VisitSession, tmp_path: Path
) -> None:
    body = _event(
        "daily-1",
        "DTSTART;TZID=Europe/Paris:20260401T080000",
        "DTEND;TZID=Europe/Paris:20260401T083000",
        "Point sécurité",
        "RRULE:FREQ=DAILY\r\nEXDATE;TZID=Europe/Paris:20260507T080000\r\n",
    )
    plan = plan_import(demo.data, _file(tmp_path, body))
    days = sorted(i.after.start.day for i in plan.items if i.after is not None)
    assert days == [6, 8, 9]
    assert all(i.after.start.hour == 8 for i in plan.items if i.after is not None)


def test_a_repeat_too_frequent_is_capped_with_a_reason(demo: VisitSession, tmp_path: Path) -> None:
    body = _event(
        "minutely-1",
        "DTSTART;TZID=Europe/Paris:20260506T080000",
        "DTEND;TZID=Europe/Paris:20260506T080100",
        "Ping",
        "RRULE:FREQ=MINUTELY\r\n",
    )
    plan = plan_import(demo.data, _file(tmp_path, body))
    assert plan.count(Action.ADD) == MAX_OCCURRENCES
    assert any("limit" in item.reason for item in plan.items if item.action is Action.SKIP)
    old = _event(
        "minutely-2",
        "DTSTART;TZID=Europe/Paris:19900101T080000",
        "DTEND;TZID=Europe/Paris:19900101T080100",
        "Ping",
        "RRULE:FREQ=MINUTELY\r\n",
    )
    plan = plan_import(demo.data, _file(tmp_path, old, "old.ics"))
    assert plan.count(Action.ADD) == 0
    assert "too often" in plan.items[0].reason


def test_re_importing_updates_instead_of_duplicating_and_undo_takes_it_back(
    demo: VisitSession, tmp_path: Path
) -> None:
    first = _event(
        "ministry-42",
        "DTSTART;TZID=Europe/Paris:20260507T090000",
        "DTEND;TZID=Europe/Paris:20260507T100000",
        "Entretien DGRIS",
    )
    before = len(demo.data.events)
    _command, _change = apply_import(demo, plan_import(demo.data, _file(tmp_path, first)))
    assert len(demo.data.events) == before + 1
    moved = first.replace("T090000", "T093000")
    plan = plan_import(demo.data, _file(tmp_path, moved, "again.ics"))
    assert [item.action for item in plan.items] == [Action.UPDATE]
    assert "time" in plan.items[0].reason
    apply_import(demo, plan)
    assert len(demo.data.events) == before + 1
    found = next(e for e in demo.data.events if e.source_uid == "ministry-42")
    assert found.start == datetime(2026, 5, 7, 9, 30, tzinfo=PARIS)
    same = plan_import(demo.data, _file(tmp_path, moved, "third.ics"))
    assert [(i.action, i.reason) for i in same.items] == [(Action.SKIP, "unchanged")]
    demo.undo()  # the update is taken back: the event is at 9:00 again
    found = next(e for e in demo.data.events if e.source_uid == "ministry-42")
    assert found.start == datetime(2026, 5, 7, 9, 0, tzinfo=PARIS)
    demo.undo()  # then the first import: nothing of it is left
    assert len(demo.data.events) == before


def test_our_own_export_comes_back_unchanged(demo: VisitSession, tmp_path: Path) -> None:
    out = tmp_path / "all.ics"
    export_calendars(demo, ExportRequest(lang="uk"), out)
    plan = plan_import(demo.data, out)
    assert plan.items and all(item.reason == "unchanged" for item in plan.items)


def test_a_cancelled_event_cancels_the_one_imported_before(
    demo: VisitSession, tmp_path: Path
) -> None:
    start = "DTSTART;TZID=Europe/Paris:20260507T090000"
    end = "DTEND;TZID=Europe/Paris:20260507T100000"
    apply_import(demo, plan_import(demo.data, _file(tmp_path, _event("c-1", start, end))))
    cancelled = _event("c-1", start, end, extra="STATUS:CANCELLED\r\n")
    apply_import(demo, plan_import(demo.data, _file(tmp_path, cancelled, "2.ics")))
    found = next(e for e in demo.data.events if e.source_uid == "c-1")
    assert found.status is EventStatus.CANCELLED
    unknown = _event("c-2", start, end, extra="STATUS:CANCELLED\r\n")
    plan = plan_import(demo.data, _file(tmp_path, unknown, "3.ics"))
    assert plan.items[0].action is Action.SKIP


def test_events_outside_the_visit_are_skipped_with_the_reason(
    demo: VisitSession, tmp_path: Path
) -> None:
    body = _event("late", "DTSTART:20260601T080000Z", "DTEND:20260601T090000Z")
    plan = plan_import(demo.data, _file(tmp_path, body))
    assert plan.items[0].action is Action.SKIP
    assert "outside the visit" in plan.items[0].reason


_GOOD = _event("x", "DTSTART:20260507T080000Z", "DTEND:20260507T090000Z")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            _event("x", "DTSTART;TZID=Europe/Atlantis:20260507T080000", "DTEND:20260507T090000Z"),
            "line 7: unknown time zone “Europe/Atlantis”",
        ),
        ("BEGIN:VEVENT\r\nthis is not a calendar line\r\n", "line 5: not a calendar line"),
        (
            _GOOD.replace("END:VEVENT\r\n", ""),
            "line 4: BEGIN:VEVENT is never closed (END:VCALENDAR on line 10)",
        ),
        (_GOOD.replace("DTSTART:20260507T080000Z", "DTSTART:2026-05-07"), "line 7: not a date"),
        (
            "BEGIN:VEVENT\r\n" * 3,
            "line 5: BEGIN:VEVENT is never closed (BEGIN:VEVENT on line 6)",
        ),
        ("BEGIN:X-A\r\n" * 12, "line 8: components nested too deeply"),
        ("END:VTODO\r\n", "line 4: END:VTODO without BEGIN:VTODO"),
    ],
    ids=[
        "unknown zone",
        "broken line",
        "unclosed",
        "bad date",
        "nested",
        "deep",
        "stray end",
    ],
)
def test_what_cannot_be_read_is_skipped_with_its_line_and_the_visit_is_untouched(
    demo: VisitSession, tmp_path: Path, content: str, message: str
) -> None:
    assert demo.path is not None
    before = demo.path.read_bytes()
    plan = plan_import(demo.data, _file(tmp_path, content))
    assert plan.empty
    said = [f"line {item.line}: {item.reason}" for item in plan.items]
    assert any(text.startswith(message) for text in said), said
    assert demo.path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "line 3: binary data"),
        (b"title,start\r\nvisit,2026-05-06\r\n", "line 1: not a calendar file"),
        (b"", "not a calendar file"),
    ],
    ids=["binary", "csv", "empty"],
)
def test_what_is_not_a_calendar_is_refused(
    demo: VisitSession, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "thing.ics"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        plan_import(demo.data, path)


def test_a_20_mb_file_is_refused_unread(demo: VisitSession, tmp_path: Path) -> None:
    path = tmp_path / "huge.ics"
    with path.open("wb") as stream:
        stream.truncate(20 * 1024 * 1024)
    with pytest.raises(InputError, match=r"too large \(20 MB; the limit is 10 MB\)"):
        plan_import(demo.data, path)


def test_parsing_needs_no_visit_file() -> None:
    data = build_demo()
    body = "BEGIN:VCALENDAR\r\n" + _GOOD + "END:VCALENDAR\r\n"
    found = parse_calendar(body.encode(), "x.ics", data.visit)
    assert [e.uid for e in found.events] == ["x"]


_MAY_7 = "DTSTART:20260507T090000Z"
_LONGER_THAN_A_YEAR = "an event lasting more than a year"


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        (
            "DTSTART:00010101T000000",
            "DTEND:00010101T010000",
            "line 7: a date out of range (year 1;",
        ),
        (_MAY_7, "DURATION:P99999999D", f"line 4: {_LONGER_THAN_A_YEAR} (99999999 days)"),
        (_MAY_7, "DTEND:99991231T000000Z", "line 8: a date out of range (year 9999;"),
        (_MAY_7, "DTEND:20290507T090000Z", f"line 4: {_LONGER_THAN_A_YEAR} (1096 days)"),
    ],
)
def test_an_absurd_date_is_skipped_with_its_line_and_changes_nothing(
    demo: VisitSession, tmp_path: Path, start: str, end: str, said: str
) -> None:
    before = len(demo.data.events)
    plan = plan_import(demo.data, _file(tmp_path, _event("absurd-1", start, end)))
    [item] = plan.items
    assert item.action is Action.SKIP
    assert said in f"line {item.line}: {item.reason}"
    assert len(demo.data.events) == before
