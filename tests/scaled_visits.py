"""Summit-sized visits and larger, for tests that count work rather than time it."""

from __future__ import annotations

import dataclasses
import functools
import sys
from pathlib import Path

from visitplanner.domain.model import VisitData

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from summit import SummitSize, generate_summit

__all__ = ["CountingList", "SummitSize", "generate_summit", "summit_times"]


@functools.cache
def _summit() -> VisitData:
    return generate_summit(SummitSize())


def summit_times(copies: int) -> VisitData:
    """`copies` times the summit (3,000 people and 5,000 events each): the summit's
    delegations, people, venues, vehicles and events again under new ids, each copy's
    events naming that copy's people, venues and vehicles."""
    base = _summit()
    data = VisitData(visit=base.visit)
    for n in range(copies):

        def new(ident: str | None, n: int = n) -> str | None:
            return ident if ident is None or n == 0 else f"{ident}~{n}"

        def renamed(ids: list[str], n: int = n) -> list[str]:
            return [f"{i}~{n}" for i in ids] if n else list(ids)

        data.delegations += [dataclasses.replace(d, id=new(d.id)) for d in base.delegations]
        data.people += [
            dataclasses.replace(p, id=new(p.id), delegation_id=new(p.delegation_id))
            for p in base.people
        ]
        data.venues += [
            dataclasses.replace(
                v, id=new(v.id), travel_minutes={new(k): m for k, m in v.travel_minutes.items()}
            )
            for v in base.venues
        ]
        data.vehicles += [dataclasses.replace(v, id=new(v.id)) for v in base.vehicles]
        data.events += [
            dataclasses.replace(
                e,
                id=new(e.id),
                venue_id=new(e.venue_id),
                destination_id=new(e.destination_id),
                participant_ids=renamed(e.participant_ids),
                vehicle_ids=renamed(e.vehicle_ids),
            )
            for e in base.events
        ]
    return data


class CountingList(list):  # type: ignore[type-arg]
    """A list that counts the passes made over it."""

    def __init__(self, items: list[object]) -> None:
        super().__init__(items)
        self.passes = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.passes += 1
        return super().__iter__()
