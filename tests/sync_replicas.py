"""Replicas of one shared visit for the sync tests: each its own visit file, session and
Yjs document, updates carried by hand between them as a server would."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.model import VisitData
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import export_json, write_visit
from visitplanner.sync.document import Identity, VisitDocument
from visitplanner.sync.replica import Received, Replica

OFFICERS = (
    Identity("Olena Kovalenko", "laptop-3"),
    Identity("Jean Dupont", "pc-protocole"),
    Identity("Anna Nowak", "laptop-7"),
)


@dataclass
class Team:
    """Several replicas of one visit, and what each was told."""

    folder: Path
    replicas: list[Replica]
    told: list[list[str]] = field(default_factory=list)

    @classmethod
    def of(cls, data: VisitData, folder: Path, count: int = 2) -> Team:
        """`count` replicas of `data`: the first shares it, the others join from its state."""
        first = folder / "replica-0.visit"
        write_visit(first, data)
        for n in range(1, count):
            shutil.copyfile(first, folder / f"replica-{n}.visit")
        sharer = Replica.share(VisitSession.open(first), OFFICERS[0])
        state = sharer.document.state()
        sharer.acknowledge()
        replicas = [sharer]
        for n in range(1, count):
            session = VisitSession.open(folder / f"replica-{n}.visit")
            replicas.append(Replica.join(session, state, OFFICERS[n]))
        return cls(folder, replicas, [[] for _ in replicas])

    def __getitem__(self, n: int) -> Replica:
        return self.replicas[n]

    def send(
        self, source: int, targets: Iterable[int] | None = None, as_one: bool = False
    ) -> list[Received]:
        """What `source` has pending goes to `targets` (every other replica by default),
        an update at a time (or `as_one`); acknowledged when every other replica had it."""
        replica = self.replicas[source]
        updates = [replica.outgoing_as_one()] if as_one else replica.outgoing()
        updates = [u for u in updates if u]
        if not updates:
            return []
        others = [n for n in range(len(self.replicas)) if n != source]
        chosen = others if targets is None else [n for n in targets if n != source]
        found = [self.receive(n, update) for n in chosen for update in updates]
        if set(chosen) == set(others):
            self.replicas[source].acknowledge()
        return found

    def receive(self, target: int, update: bytes) -> Received:
        """`target` takes in `update`."""
        received = self.replicas[target].receive(update)
        self.told[target].extend(received.messages)
        return received

    def pull(self, target: int, source: int) -> Received:
        """`target` asks `source` for what it has not seen (the protocol's sync step)."""
        vector = self.replicas[target].document.state_vector()
        return self.receive(target, self.replicas[source].document.update_since(vector))

    def sync_all(self, online: Sequence[int] | None = None, as_one: bool = False) -> None:
        """Every replica in `online` (all by default) sends what waits (`as_one` update
        each) and asks each other one for what it has not seen, until nothing new comes
        (repairs go out too)."""
        online = list(range(len(self.replicas))) if online is None else list(online)
        for _round in range(4):
            for n in online:
                self.send(n, online, as_one)
            for target in online:
                for source in online:
                    if source != target:
                        self.pull(target, source)

    def exports(self) -> list[dict[str, Any]]:
        """Each replica's `export-json`, as data, the export's own timestamp aside."""
        found = []
        for n, replica in enumerate(self.replicas):
            out = self.folder / f"export-{n}.json"
            path = replica.session.path
            assert path is not None
            export_json(path, out)
            data = json.loads(out.read_text(encoding="utf-8"))
            for stamp in ("exported_at", "exported", "generated_at"):
                data.pop(stamp, None)
            found.append(data)
        return found

    def close(self) -> None:
        """Close every visit file."""
        for replica in self.replicas:
            replica.session.close()


def dangling(data: VisitData) -> list[tuple[str, str, set[str]]]:
    """Every entity with a link to an entity the visit does not hold."""
    present = {entity.id for _kind, entity in entity_kinds.walk(data)}
    found = []
    for kind, entity in entity_kinds.walk(data):
        missing = kind.links(entity) - present
        if missing:
            found.append((kind.name, entity.id, missing))
    return found


def fixed_clock(hour: int, minute: int) -> datetime:
    """A time of the demo's day, in UTC."""
    return datetime(2026, 5, 8, hour, minute, tzinfo=UTC)


def document_of(replica: Replica) -> VisitDocument:
    """The replica's document."""
    return replica.document
