"""Every kind of export read back by icalendar, vobject and ical.js: same UTC instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.ics_parsers import (
    Parsed,
    all_parsers,
    ical_events,
    icalendar_events,
    icaljs_raw,
    vobject_events,
)
from visitplanner.demo import build_demo
from visitplanner.domain.calendars import Scope, ScopeKind
from visitplanner.domain.model import Event, Visit, VisitData
from visitplanner.domain.values import EventStatus, LocalizedText
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import ExportRequest, export_calendars
from visitplanner.services.visit_files import write_visit


def _expected(data: VisitData) -> dict[str, tuple[str, str]]:
    def utc(moment: datetime) -> str:
        return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    return {f"{e.id}@visitplanner": (utc(e.start), utc(e.end)) for e in data.events}


def _times(events: list[Parsed]) -> dict[str, tuple[str, str]]:
    return {e.uid: (e.start, e.end) for e in events}


def _check_all(data: VisitData, paths: list[Path]) -> None:
    """The five parsers give the domain's instants, and the same status and sequence,
    for every event of every file."""
    expected = _expected(data)
    parsers = all_parsers(paths)
    for path in map(str, paths):
        reference = {e.uid: e for e in parsers["icalendar"][path]}
        assert reference, path
        for name, by_path in parsers.items():
            found = {e.uid: e for e in by_path[path]}
            assert _times(list(found.values())) == {u: expected[u] for u in reference}, (
                name,
                path,
            )
            assert {u: (e.status, e.sequence) for u, e in found.items()} == {
                u: (e.status, e.sequence) for u, e in reference.items()
            }, (name, path)


def _write_all_scopes(tmp_path: Path, data: VisitData) -> list[Path]:
    path = tmp_path / "v.visit"
    write_visit(path, data)
    session = VisitSession.open(path)
    written = []
    requests = [ExportRequest(drafts=True, alarm_minutes=15, lang="uk")]
    requests += [
        ExportRequest(scope=Scope(ScopeKind.DELEGATION, d.id), lang="fr") for d in data.delegations
    ]
    for number, request in enumerate(requests):
        written += export_calendars(session, request, tmp_path / f"{number}.ics")[1]
    written += export_calendars(session, ExportRequest(per_person=True), tmp_path / "people")[1]
    session.close()
    return written


def test_every_parser_reads_every_demo_calendar_at_the_same_instants(tmp_path: Path) -> None:
    data = build_demo()
    paths = _write_all_scopes(tmp_path, data)
    assert len(paths) > 25
    _check_all(data, paths)


def test_the_demo_flight_from_warsaw_is_read_in_warsaw_time_by_thunderbird(
    tmp_path: Path,
) -> None:
    data = build_demo()
    path = _write_all_scopes(tmp_path, data)[0]
    flight = next(e for e in data.events if e.start.tzinfo == ZoneInfo("Europe/Warsaw"))
    found = next(
        e for e in icaljs_raw([path])[str(path)] if e["uid"] == f"{flight.id}@visitplanner"
    )
    assert found["start_tzid"] == "Europe/Warsaw"
    assert found["start"] == flight.start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


#: Zones with other rules: the US (second Sunday), the southern hemisphere, Dublin's
#: "negative" summer time, no DST at all, and Morocco (no yearly rule over two years).
_ZONES = (
    "Europe/Paris",
    "Europe/Kyiv",
    "America/New_York",
    "Australia/Sydney",
    "Europe/Dublin",
    "Asia/Tokyo",
    "Africa/Casablanca",
    "UTC",
)


def _around_changes() -> VisitData:
    """Events an hour before and after each change of offset in 2026 and 2027."""
    visit = Visit(LocalizedText(fr="Zones"), date(2026, 1, 1), date(2027, 12, 31))
    data = VisitData(visit=visit)
    for key in _ZONES:
        tz = ZoneInfo(key)
        moment = datetime(2026, 1, 1, tzinfo=UTC)
        offset = moment.astimezone(tz).utcoffset()
        while moment.year < 2028:
            moment += timedelta(hours=6)
            now = moment.astimezone(tz).utcoffset()
            if now != offset or (moment.month in (1, 7) and moment.day == 15 and moment.hour == 12):
                offset = now
                for hours in (-1, 1):
                    start = (moment + timedelta(hours=hours)).astimezone(tz)
                    data.events.append(
                        Event(
                            title=LocalizedText(fr=f"{key} {start.isoformat()}"),
                            start=start,
                            end=(start + timedelta(minutes=90)).astimezone(tz),
                            status=EventStatus.CONFIRMED,
                        )
                    )
    return data


def test_every_parser_reads_times_around_every_change_of_offset(tmp_path: Path) -> None:
    data = _around_changes()
    assert len(data.events) > 60
    path = tmp_path / "v.visit"
    write_visit(path, data)
    session = VisitSession.open(path)
    written = export_calendars(session, ExportRequest(), tmp_path / "zones.ics")[1]
    session.close()
    _check_all(data, written)
    text = written[0].read_text(encoding="utf-8")
    assert "RDATE" not in text
    assert text.count("BEGIN:VTIMEZONE") == len(_ZONES) - 1  # UTC is written with Z


@pytest.mark.parametrize("name", ["icalendar", "vobject", "ical"])
def test_python_parsers_alone(tmp_path: Path, name: str) -> None:
    """Without Node.js, the three Python parsers still check the demo."""
    data = build_demo()
    path = _write_all_scopes(tmp_path, data)[0]
    read = {"icalendar": icalendar_events, "vobject": vobject_events, "ical": ical_events}[name]
    found = _times(read(path))
    assert found == {uid: _expected(data)[uid] for uid in found}
    assert len(found) == len(data.events)
