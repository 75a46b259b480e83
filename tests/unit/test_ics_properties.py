"""Property-based: any text round-trips through a calendar; any input leaves the importer
with a calendar or a clear refusal, never a crash."""

from __future__ import annotations

import re
from datetime import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from tests.factories import PARIS
from visitplanner.demo import build_demo
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import Event, Venue, Visit, VisitData
from visitplanner.domain.values import EventKind, EventStatus, LocalizedText
from visitplanner.imports.ics import parse_calendar
from visitplanner.services.calendars import ExportRequest, plan_export, render_calendars

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Any character a user may type or paste, control characters and line breaks included.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _as_written(text: str) -> str:
    """What a calendar app should read back: line breaks unified, control characters gone."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _one_event_visit(title: str, purpose: str, place: str, dress: str) -> VisitData:
    venue = Venue(name=LocalizedText(fr=place), address=place)
    event = Event(
        title=LocalizedText(fr=title),
        purpose=LocalizedText(fr=purpose),
        dress_code=LocalizedText(fr=dress),
        start=datetime(2026, 5, 8, 11, tzinfo=PARIS),
        end=datetime(2026, 5, 8, 12, tzinfo=PARIS),
        kind=EventKind.CEREMONY,
        status=EventStatus.CONFIRMED,
        venue_id=venue.id,
    )
    visit = Visit(LocalizedText(fr=f"V{title}"), event.start.date(), event.end.date())
    return VisitData(visit=visit, venues=[venue], events=[event])


def _calendar(data: VisitData) -> bytes:
    plan = plan_export(data, ExportRequest(alarm_minutes=10))
    return render_calendars(data, plan)[0][1]


@FAST
@given(title=ANY_TEXT, purpose=ANY_TEXT, place=ANY_TEXT, dress=ANY_TEXT)
def test_any_text_round_trips_and_adds_no_property_or_component(
    title: str, purpose: str, place: str, dress: str
) -> None:
    data = _one_event_visit("T" + title, purpose, "P" + place, dress)
    payload = _calendar(data)
    baseline = _calendar(_one_event_visit("T", "", "P", ""))
    calendar = Calendar.from_ical(payload)
    components = [c.name for c in calendar.walk()]
    assert components == [c.name for c in Calendar.from_ical(baseline).walk()]
    [event] = calendar.walk("VEVENT")
    [expected] = Calendar.from_ical(baseline).walk("VEVENT")
    extra = set(event) - set(expected) - {"DESCRIPTION"}
    assert not extra
    assert str(event["SUMMARY"]) == _as_written("T" + title)
    assert str(event["LOCATION"]).startswith(_as_written("P" + place))
    description = str(event.get("DESCRIPTION", ""))
    if _as_written(purpose):
        assert description.startswith(_as_written(purpose))
    assert str(calendar["X-WR-CALNAME"]).count("\\n") == _as_written("VT" + title).count("\n")
    for line in payload.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")


_VISIT = build_demo().visit
_SEED = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-TIMEZONE:Europe/Kiev\r\nBEGIN:VEVENT\r\n"
    b"UID:a\r\nDTSTART;TZID=Romance Standard Time:20260507T090000\r\n"
    b"DTEND;VALUE=DATE:20260508\r\nRRULE:FREQ=HOURLY;COUNT=5\r\nSUMMARY;LANGUAGE=uk:\xd0\x92\r\n"
    b"GEO:48.8;2.3\r\nCATEGORIES:a,b\r\nEXDATE:20260507T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    """The seed calendar with bytes cut, doubled, replaced or inserted."""
    data = bytearray(_SEED)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("cut", "insert", "replace", "double")))
        piece = draw(st.binary(min_size=1, max_size=12))
        if action == "cut":
            del data[where : where + len(piece)]
        elif action == "insert":
            data[where:where] = piece
        elif action == "replace":
            data[where : where + len(piece)] = piece
        else:
            data[where:where] = data[where : where + 30]
    return bytes(data)


@FAST
@given(st.one_of(_mutated(), st.binary(max_size=300), ANY_TEXT.map(str.encode)))
def test_the_importer_never_crashes(raw: bytes) -> None:
    try:
        found = parse_calendar(raw, "fuzz.ics", _VISIT)
    except InputError as exc:
        assert "fuzz.ics" in exc.message
        return
    for event in found.events:
        assert event.end.timestamp() >= event.start.timestamp()
