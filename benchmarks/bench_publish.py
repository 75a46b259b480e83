"""Time publishing the summit, one calendar per person, to a local Radicale.

    python benchmarks/bench_publish.py [--scale S]

Radicale (the dev extras) runs as a child process on a free port, with an htpasswd
login and its collections in a temporary folder. Three publishes of the same visit,
each timed from the visit in memory to the last resource accepted and remembered:
- the first: every person's calendar made (MKCALENDAR) and every event put;
- a second after moving one event: only the resources of that event (one in the
  calendar of each person concerned) may be sent, and the count is checked;
- a third with no change: no request at all.
Each line gives the time, the resources PUT (counted on the HTTP session) and all
requests. A wrong count ends the run with exit status 1.

With --floor, the least the server needs, measured in the same run against a second
account: the same calendars made and the same resources (as the first publish wrote
them) PUT one after the other by a bare HTTP session, with no conditions and nothing
remembered.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import niquests
from summit import SummitSize, generate_summit

from tests.radicale_server import SKIP_REASON, radicale
from visitplanner.domain.calendars import drivers, people_of
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import EventStatus
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import ExportRequest, plan_export, render_items
from visitplanner.services.publish import (
    PublishResult,
    PublishTarget,
    collection_slug,
    publish,
)
from visitplanner.services.visit_files import write_visit

USER, PASSWORD = "officer", "bench-pass"


def _counting() -> Counter[str]:
    counted: Counter[str] = Counter()
    original = niquests.Session.request

    def counting(self: niquests.Session, method: str, *args: Any, **kwargs: Any) -> Any:
        answer = original(self, method, *args, **kwargs)
        counted[method] += 1
        if method == "PUT" and answer.status_code < 300:
            counted["PUT accepted"] += 1
        return answer

    niquests.Session.request = counting  # type: ignore[method-assign]
    return counted


def _timed(
    label: str, session: VisitSession, target: PublishTarget, counted: Counter[str]
) -> PublishResult:
    counted.clear()
    start = time.perf_counter()
    result = publish(session, ExportRequest(per_person=True), target)
    took = time.perf_counter() - start
    print(
        f"{label:<34} {took:8.2f} s  {counted['PUT accepted']:6d} resources PUT  "
        f"{sum(v for k, v in counted.items() if k != 'PUT accepted'):6d} requests  "
        f"({len(result.calendars)} calendars, {result.made} made, "
        f"{result.unchanged} unchanged)"
    )
    return result


def _floor(data: VisitData, home: str) -> tuple[float, int]:
    """The same calendars and resources sent by a bare session: (seconds, PUTs)."""
    plan = plan_export(data, ExportRequest(per_person=True))
    writer, itemised = render_items(data, plan)
    bodies = [
        (f"{home}{collection_slug(data, f.contents.scope, plan.variant)}/", f.title, items)
        for f, items in itemised
    ]
    http = niquests.Session()
    http.auth = ("floor", PASSWORD)
    puts = 0
    start = time.perf_counter()
    for url, title, items in bodies:
        http.request("MKCALENDAR", url).raise_for_status()
        for item in items:
            body = writer.calendar([item], title)
            answer = http.put(f"{url}{item.event.id}.ics", data=body)
            answer.raise_for_status()
            puts += 1
    return time.perf_counter() - start, puts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="the summit this many times")
    parser.add_argument("--floor", action="store_true", help="also time a bare HTTP session")
    args = parser.parse_args()
    if SKIP_REASON is not None:
        print(SKIP_REASON)
        return 1
    os.environ["VISITPLANNER_CALDAV_PASSWORD"] = PASSWORD
    os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    data = generate_summit(SummitSize.scaled(args.scale))
    print(f"summit x{args.scale}: {len(data.people)} people, {len(data.events)} events")
    counted = _counting()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summit.visit"
        write_visit(path, data)
        session = VisitSession.open(path)
        try:
            users = {USER: PASSWORD, "floor": PASSWORD}
            with radicale(Path(folder) / "radicale", users) as server:
                target = PublishTarget(server.home(USER), USER)
                first = _timed("first publish", session, target, counted)
                # Move one event by an hour: its resource in each calendar that holds it.
                event = next(
                    e
                    for e in session.data.events
                    if e.participant_ids and e.status is not EventStatus.DRAFT
                )
                moved = copy.deepcopy(event)
                moved.start += timedelta(hours=1)
                moved.end += timedelta(hours=1)
                session.apply(SaveEntity(moved, event))
                concerned = len(people_of(moved, drivers(session.data)))
                second = _timed("second, one event moved", session, target, counted)
                third = _timed("third, nothing changed", session, target, counted)
                quiet = sum(counted.values())
                if args.floor:
                    took, puts = _floor(session.data, server.home("floor"))
                    label = "floor: bare session, first publish"
                    print(f"{label:<34} {took:8.2f} s  {puts:6d} resources PUT")
        finally:
            session.close()
    wrong = []
    if first.unchanged:
        wrong.append(f"the first publish left {first.unchanged} unchanged")
    if second.sent != concerned:
        wrong.append(f"moving one event sent {second.sent} resources, not {concerned}")
    if third.sent or quiet:
        wrong.append(f"with nothing changed, {quiet} requests were sent")
    for line in wrong:
        print("WRONG:", line)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
