"""A fixed story of programme versions (the demo, and a small summit): every text and
JSON that `version` and `changes` give along it, to prove a faster way gives the very
same bytes (see tests/unit/test_versions_output.py)."""

from __future__ import annotations

import hashlib
import json
import random
import sys
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

from visitplanner.demo import build_demo
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.values import EventStatus, LocalizedText
from visitplanner.services.versions import (
    changes,
    changes_as_dict,
    describe_changes,
    issue_version,
)
from visitplanner.services.visit_files import open_visit, read_visit, write_visit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from summit import SummitSize, generate_summit

UTC = ZoneInfo("UTC")
#: When the versions are issued: the first, then a day later each.
ISSUED = datetime(2026, 5, 2, 9, 30, tzinfo=UTC)


def _edit(data: VisitData, round_: int) -> None:
    """What an officer changes between two versions: moves, a new title, a cancelled
    event, one taken out, one added, people added and taken off, a venue renamed, a
    vehicle's driver changed, a draft confirmed."""
    events = data.events
    step = max(1, len(events) // 7)
    picked = events[round_ % step :: step]
    moved, retitled, cancelled, dropped, people, *rest = picked
    moved.start += timedelta(minutes=30 * round_)
    moved.end += timedelta(minutes=30 * round_)
    retitled.title = LocalizedText(fr=f"Réunion {round_}", en=f"Meeting {round_}", uk="Нарада")
    cancelled.status = EventStatus.CANCELLED
    events.remove(dropped)
    # Its car plan goes with it, as deleting it in the window takes it along.
    data.car_assignments = [a for a in data.car_assignments if a.event_id != dropped.id]
    # A gift of it stays in the register, at no event, as the file cuts the link.
    for gift in data.gifts:
        if gift.event_id == dropped.id:
            gift.event_id = None
    others = [p.id for p in data.people if p.id not in people.participant_ids]
    people.participant_ids = [*people.participant_ids[1:], *others[round_ : round_ + 2]]
    if data.venues:
        venue = data.venues[round_ % len(data.venues)]
        venue.name = LocalizedText(fr=f"{venue.name.get('fr')} (bis)", en="Annex")
        if rest:
            rest[0].venue_id = venue.id
    drivers = [v for v in data.vehicles if v.driver_id]
    if len(drivers) > 1:
        drivers[0].driver_id = drivers[-1].driver_id
    for event in events:
        if event.status is EventStatus.DRAFT:
            event.status = EventStatus.CONFIRMED
            break
    start = events[0].start + timedelta(hours=round_)
    added = Event(
        LocalizedText(fr=f"Ajout {round_}", en=f"Added {round_}"),
        start,
        start + timedelta(hours=1),
        participant_ids=[p.id for p in data.people[: 3 + round_]],
        venue_id=data.venues[0].id if data.venues else None,
    )
    events.append(added)
    events.sort(key=lambda e: e.start)


def outputs(name: str, data: VisitData, folder: Path, rounds: int = 3) -> dict[str, str]:
    """Issue `rounds` versions with edits between them, then every changes output."""
    found: dict[str, str] = {}
    for number in range(1, rounds + 1):
        path = folder / f"{name}-{number}.visit"
        write_visit(path, data)
        session = open_visit(path)
        try:
            version = issue_version(session, f"v{number}", ISSUED + timedelta(days=number))
        finally:
            session.close()
        data = read_visit(path)
        stored = data.versions[-1].programme.text()
        found[f"{name} version {version.number}"] = hashlib.sha256(stored.encode()).hexdigest()
        _edit(data, number)
    path = folder / f"{name}-edited.visit"
    write_visit(path, data)
    data = read_visit(path)
    for since, to in [(None, None), (1, None), (1, 2), (2, 3)]:
        comparison = changes(data, since, to)
        key = f"{name} changes since {since} to {to}"
        for lang in ("fr", "en", "uk"):
            found[f"{key} {lang}"] = describe_changes(data, comparison, lang)
        found[f"{key} json"] = json.dumps(changes_as_dict(comparison), ensure_ascii=False)
    return found


def all_outputs(folder: Path) -> dict[str, str]:
    """The demo's and a small summit's outputs (their ids drawn from a seeded generator:
    the same every run)."""
    draw = random.Random(2026)
    with mock.patch("uuid.uuid4", lambda: uuid.UUID(int=draw.getrandbits(128), version=4)):
        summit = generate_summit(SummitSize(delegations=6, events=300, venues=12))
        return {**outputs("demo", build_demo(), folder), **outputs("summit", summit, folder)}


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        text = json.dumps(all_outputs(Path(scratch)), ensure_ascii=False, indent=1)
    Path(sys.argv[1]).write_text(text + "\n", encoding="utf-8")
