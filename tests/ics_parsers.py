"""Read calendar files back with five independent parsers: icalendar, vobject and ical
(allenporter's, the one inside Home Assistant) in Python, ical.js (the parser inside
Thunderbird) and node-ical under Node.js.

Each gives, per event, its UID, status, sequence and its start and end in UTC, so a
test can check that every implementation computes the same instants. The Node.js
parsers skip the test with the reason when `node` or tests/js/node_modules is missing
(CI installs both).
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
from ical.calendar_stream import IcsCalendarStream
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


def ical_events(path: Path) -> list[Parsed]:
    """The events as ical (allenporter's, pydantic-based) reads them."""
    calendar = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
    return [
        Parsed(
            str(e.uid),
            str(e.status.value) if e.status is not None else "",
            int(e.sequence or 0),
            _utc(e.dtstart),
            _utc(e.dtend if e.dtend is not None else e.end),
        )
        for e in calendar.events
    ]


def _node(script: str, package: str, paths: list[Path]) -> dict[str, list[dict[str, object]]]:
    node = shutil.which("node")
    if node is None:
        pytest.skip(f"Node.js is not installed (apt-get install nodejs npm): {package} not run")
    if not (JS_FOLDER / "node_modules" / package).is_dir():
        pytest.skip(f"{package} is not installed: run `npm ci --prefix tests/js`")
    done = subprocess.run(
        [node, str(JS_FOLDER / script), *map(str, paths)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    found: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return found


def icaljs_raw(paths: list[Path]) -> dict[str, list[dict[str, object]]]:
    """What tests/js/parse.mjs prints for `paths` (skips without Node.js or ical.js)."""
    return _node("parse.mjs", "ical.js", paths)


def nodeical_raw(paths: list[Path]) -> dict[str, list[dict[str, object]]]:
    """What tests/js/parse-node-ical.mjs prints for `paths` (skips without node-ical)."""
    return _node("parse-node-ical.mjs", "node-ical", paths)


def _from_node(found: list[dict[str, object]]) -> list[Parsed]:
    return [
        Parsed(
            str(e["uid"]),
            str(e["status"] or ""),
            int(e["sequence"] or 0),  # type: ignore[call-overload]
            str(e["start"]),
            str(e["end"]),
        )
        for e in found
    ]


def icaljs_events(path: Path) -> list[Parsed]:
    """The events as ical.js reads them."""
    return _from_node(icaljs_raw([path])[str(path)])


def nodeical_events(path: Path) -> list[Parsed]:
    """The events as node-ical reads them."""
    return _from_node(nodeical_raw([path])[str(path)])


def all_parsers(paths: list[Path]) -> dict[str, dict[str, list[Parsed]]]:
    """Each file's events as each of the five parsers reads them: {parser: {path: events}}
    (the Node.js ones run once for all the files)."""
    by_js = icaljs_raw(paths)
    by_node_ical = nodeical_raw(paths)
    return {
        "icalendar": {str(p): icalendar_events(p) for p in paths},
        "vobject": {str(p): vobject_events(p) for p in paths},
        "ical": {str(p): ical_events(p) for p in paths},
        "ical.js": {str(p): _from_node(by_js[str(p)]) for p in paths},
        "node-ical": {str(p): _from_node(by_node_ical[str(p)]) for p in paths},
    }
