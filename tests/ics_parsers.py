"""Read calendar files back with independent parsers: icalendar, vobject and ical.js.

Each gives, per event, its UID, status, sequence and its start and end in UTC, so a
test can check that every implementation computes the same instants. ical.js (the
parser inside Thunderbird) runs under Node.js: `icaljs_events` skips the test with
the reason when `node` or tests/js/node_modules is missing (CI installs both).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

JS_FOLDER = Path(__file__).parent / "js"


@dataclass(frozen=True)
class Parsed:
    """One event as a parser read it."""

    uid: str
    status: str
    sequence: int
    start: str
    end: str


def _utc(value: datetime | date) -> str:
    assert isinstance(value, datetime), value
    assert value.tzinfo is not None, f"a floating time: {value}"
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def icalendar_events(path: Path) -> list[Parsed]:
    """The events as icalendar reads them."""
    calendar = Calendar.from_ical(path.read_bytes())
    return [
        Parsed(
            str(e["UID"]),
            str(e.get("STATUS", "")),
            int(e.get("SEQUENCE", 0)),
            _utc(e.decoded("DTSTART")),
            _utc(e.decoded("DTEND")),
        )
        for e in calendar.walk("VEVENT")
    ]


def vobject_events(path: Path) -> list[Parsed]:
    """The events as vobject reads them."""
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return [
        Parsed(
            e.uid.value,
            e.status.value if hasattr(e, "status") else "",
            int(e.sequence.value) if hasattr(e, "sequence") else 0,
            _utc(e.dtstart.value),
            _utc(e.dtend.value),
        )
        for e in calendar.vevent_list
    ]


def icaljs_raw(paths: list[Path]) -> dict[str, list[dict[str, object]]]:
    """What tests/js/parse.mjs prints for `paths` (skips without Node.js or ical.js)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (apt-get install nodejs npm): ical.js not run")
    if not (JS_FOLDER / "node_modules" / "ical.js").is_dir():
        pytest.skip("ical.js is not installed: run `npm ci --prefix tests/js`")
    done = subprocess.run(
        [node, str(JS_FOLDER / "parse.mjs"), *map(str, paths)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    found: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return found


def icaljs_events(path: Path) -> list[Parsed]:
    """The events as ical.js reads them."""
    return [
        Parsed(
            str(e["uid"]),
            str(e["status"] or ""),
            int(e["sequence"] or 0),  # type: ignore[call-overload]
            str(e["start"]),
            str(e["end"]),
        )
        for e in icaljs_raw([path])[str(path)]
    ]
