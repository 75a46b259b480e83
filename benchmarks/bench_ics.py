"""Time calendar exports of a summit-sized visit beside icalendar alone (the floor).

    python benchmarks/bench_ics.py [--repeat N]

Two exports: the whole visit in one file (5,000 events) and one file per person
(3,000 files, about 32,000 events in all). Each is timed from the visit in memory
to the bytes of every file (privacy copy, sequences, texts, VTIMEZONEs) and set
beside the floor measured in the same run: building and serialising the same
events with icalendar alone (the same properties, texts prepared beforehand, one
Calendar per file). Target: within 1.5x of the floor. Writing the files to disk is
reported apart (each file is synced, as every export is).

Then the whole process, as an officer runs it: `visitplanner export-ics VISIT -o FILE`
from the start of Python to the file written, beside a process that does the least the
job needs with the libraries alone (start Python, read the events' rows with sqlite3,
build and write the same calendar with icalendar). Target: within 1.3x.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent
from summit import SummitSize, generate_summit

from visitplanner.domain.model import VisitData
from visitplanner.services.calendars import (
    ExportRequest,
    plan_export,
    render_calendars,
    write_calendars,
)


def best_of(repeat: int, step: Callable[[], Any]) -> tuple[float, Any]:
    """The shortest time of `repeat` runs of `step`, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def floor(data: VisitData, files: list[list[str]]) -> int:
    """Build and serialise the same events with icalendar alone; the total bytes."""
    venues = {v.id: v for v in data.venues}
    events = {e.id: e for e in data.events}
    stamp = datetime(2026, 5, 1, tzinfo=UTC)
    texts = {
        e.id: (
            e.title.get("fr"),
            e.purpose.get("fr") or "—",
            venues[e.venue_id].name.get("fr") if e.venue_id in venues else "",
        )
        for e in data.events
    }
    total = 0
    for ids in files:
        calendar = Calendar()
        calendar.add("PRODID", "-//floor//EN")
        calendar.add("VERSION", "2.0")
        for ident in ids:
            event = events[ident]
            title, description, place = texts[ident]
            component = VEvent()
            component.add("UID", f"{ident}@visitplanner")
            component.add("DTSTAMP", stamp)
            component.add("SEQUENCE", 0)
            component.add("DTSTART", event.start)
            component.add("DTEND", event.end)
            component.add("SUMMARY", title)
            if place:
                component.add("LOCATION", place)
            component.add("DESCRIPTION", description)
            component.add("STATUS", "CONFIRMED")
            component.add("CATEGORIES", [str(event.kind)])
            component.add("LAST-MODIFIED", stamp)
            component.add("ORGANIZER", vCalAddress("mailto:protocole@example.fr"))
            calendar.add_component(component)
        total += len(calendar.to_ical())
    return total


#: The whole-process floor: Python, sqlite3 and icalendar doing the export's least work.
FLOOR_PROCESS = """
import json, sqlite3, sys
from datetime import datetime, UTC
from zoneinfo import ZoneInfo
from icalendar import Calendar, Event, vCalAddress
conn = sqlite3.connect(sys.argv[1])
venues = {i: json.loads(n).get("fr", "") for i, n in conn.execute("SELECT id, name FROM venue")}
stamp = datetime(2026, 5, 1, tzinfo=UTC)
calendar = Calendar()
calendar.add("PRODID", "-//floor//EN")
calendar.add("VERSION", "2.0")
rows = conn.execute(
    "SELECT id, kind, title, purpose, start_utc, start_tz, end_utc, end_tz, venue_id FROM event"
)
for ident, kind, title, purpose, start, start_tz, end, end_tz, venue in rows:
    e = Event()
    e.add("UID", ident + "@visitplanner")
    e.add("DTSTAMP", stamp)
    e.add("SEQUENCE", 0)
    at = lambda t, z: datetime.fromisoformat(t[:-1]).replace(tzinfo=UTC).astimezone(ZoneInfo(z))
    e.add("DTSTART", at(start, start_tz))
    e.add("DTEND", at(end, end_tz))
    e.add("SUMMARY", json.loads(title).get("fr", ""))
    if venue in venues:
        e.add("LOCATION", venues[venue])
    e.add("DESCRIPTION", json.loads(purpose).get("fr") or "-")
    e.add("STATUS", "CONFIRMED")
    e.add("CATEGORIES", [kind])
    e.add("LAST-MODIFIED", stamp)
    e.add("ORGANIZER", vCalAddress("mailto:protocole@example.fr"))
    calendar.add_component(e)
open(sys.argv[2], "wb").write(calendar.to_ical())
"""


def whole_process(data: VisitData, repeat: int) -> None:
    """Time `visitplanner export-ics` as a process beside the floor process."""
    from visitplanner.services.visit_files import write_visit

    with tempfile.TemporaryDirectory() as folder:
        visit = Path(folder) / "summit.visit"
        write_visit(visit, data)

        def run(*args: str) -> None:
            subprocess.run([sys.executable, *args], check=True, capture_output=True)

        ours, _ = best_of(
            repeat,
            lambda: run("-m", "visitplanner", "export-ics", str(visit), "-o", f"{folder}/a.ics"),
        )
        floor_time, _ = best_of(
            repeat, lambda: run("-c", FLOOR_PROCESS, str(visit), f"{folder}/b.ics")
        )
        print(
            f"whole process, export-ics of the whole visit: VisitPlanner {ours:.2f} s, "
            f"libraries alone {floor_time:.2f} s, ratio {ours / floor_time:.2f} (goal <= 1.3)"
        )


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit")
    args = parser.parse_args(argv)
    data = generate_summit(SummitSize.scaled(args.scale))
    for event in data.events:  # the summit has drafts: export them all
        event.status = event.status.CONFIRMED if event.status == "draft" else event.status
    print(f"{len(data.people)} people, {len(data.events)} events")
    for label, request in (
        ("whole visit, one file", ExportRequest()),
        ("one file per person", ExportRequest(per_person=True)),
    ):
        plan = plan_export(data, request)
        files = [[e.id for e in f.contents.events] for f in plan.files]
        count = sum(len(ids) for ids in files)

        def ours(plan: Any = plan) -> int:
            fresh = plan_export(data, plan.request)
            return sum(len(payload) for _item, payload in render_calendars(data, fresh))

        ours_time, ours_bytes = best_of(args.repeat, ours)
        floor_time, floor_bytes = best_of(args.repeat, lambda files=files: floor(data, files))
        print(
            f"{label}: {len(files)} files, {count} events; "
            f"VisitPlanner {ours_time:.2f} s ({ours_bytes / 1e6:.1f} MB), "
            f"icalendar alone {floor_time:.2f} s ({floor_bytes / 1e6:.1f} MB), "
            f"ratio {ours_time / floor_time:.2f}"
        )
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / ("out" if request.per_person else "visit.ics")
            start = time.perf_counter()
            write_calendars(data, plan, out)
            print(f"  with writing the files: {time.perf_counter() - start:.2f} s")
    whole_process(data, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
