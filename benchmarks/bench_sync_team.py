"""Five officers share a summit-sized visit through a real sync server on loopback.

    python benchmarks/bench_sync_team.py [--scale N] [--edits N] [--offline N]

Prints, beside the goals of issue 22 (figures, not asserts):
- sharing the visit (its document built and uploaded) and each of four officers joining
  it (the full state downloaded, the visit file written from it): time and bytes;
- the size of the shared document's state kept in each visit file, against the file
  (goal under 2x);
- an edit's propagation to the four other replicas, each linked to the server as the
  window links it (`sync.client.Connection`): the edit made and handed over by its
  replica, sent, and written into every other visit file through the one write path
  (goal under 200 ms to the last of them);
- a replica offline for 1,000 edits coming back with `visitplanner sync`'s path
  (`services.sharing.sync_visit`), and an online replica taking them in (goal 2 s).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

import anyio
from pycrdt import Doc
from summit import SummitSize, generate_summit

from tests.sync_server import PASSPHRASE, ServerProcess
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.sharing import join_visit, share_visit, sync_visit
from visitplanner.services.visit_files import write_visit
from visitplanner.sync.client import Connection, LinkState
from visitplanner.sync.kept import KeptReplica
from visitplanner.sync.officers import add_officer
from visitplanner.sync.store import ServerDatabase

NAMES = ("Olena Kovalenko", "Jean Dupont", "Petro Shevchenko", "Anne Garnier", "Iryna Bondar")


def ms(seconds: float) -> str:
    """Seconds as milliseconds."""
    return f"{seconds * 1000:,.0f} ms"


def _edit_notes(session: VisitSession, index: int, text: str) -> None:
    event = session.data.events[index]
    after = dataclasses.replace(event, notes=LocalizedText(fr=text))
    session.apply(SaveEntity(after, event, "Notes"))


class Linked:
    """A replica linked to the server as the window links it: its document's updates go
    out on a wire document that a Connection keeps in step; what comes in on the wire is
    taken in by the replica (the visit file written)."""

    def __init__(self, kept: KeptReplica, url: str, token: str) -> None:
        self.kept = kept
        self.wire: Doc[Any] = Doc()
        self.wire.apply_update(kept.replica.document.state())
        self.connection = Connection(self.wire, url, kept.state.room, token)
        self.incoming: list[bytes] = []
        self.arrived = anyio.Event()
        self._local = False
        #: Seconds spent taking in what arrived (the document, the file, the memory).
        self.busy = 0.0
        self.wire.observe(self._observed)

    def _observed(self, event: Any) -> None:
        if not self._local and event.update:
            self.incoming.append(event.update)
            self.arrived.set()

    def send(self) -> None:
        """Hand over what the journal holds and put it on the wire."""
        self._local = True
        try:
            for update in self.kept.replica.hand_over():
                self.wire.apply_update(update)
        finally:
            self._local = False

    async def take_in(self, marker: str, index: int) -> None:
        """Take in what arrives until the event at `index` carries `marker`."""
        while self.kept.replica.session.data.events[index].notes.get("fr") != marker:
            await self.arrived.wait()
            self.arrived = anyio.Event()
            updates, self.incoming = self.incoming, []
            started = time.perf_counter()
            for update in updates:
                self.kept.replica.receive(update)
            self.busy += time.perf_counter() - started


async def _online(linked: list[Linked]) -> None:
    with anyio.fail_after(60):
        while any(one.connection.status.state is not LinkState.ONLINE for one in linked):
            await anyio.sleep(0.01)


async def _propagation(
    linked: list[Linked], edits: int, offline: int
) -> tuple[list[float], float, list[float]]:
    """Edits of the first replica reaching the others; then the last replica offline
    for `offline` edits, and the time from its reconnection until every other replica
    has written them."""
    trips: list[float] = []
    async with anyio.create_task_group() as group:
        for one in linked:
            one.connection.start(group)
        await _online(linked)
        source, others = linked[0], linked[1:]
        for number in range(edits):
            marker = f"Salle {number}"
            started = time.perf_counter()
            _edit_notes(source.kept.replica.session, 7, marker)
            source.send()
            with anyio.fail_after(30):
                async with anyio.create_task_group() as waiting:
                    for other in others:
                        waiting.start_soon(other.take_in, marker, 7)
            trips.append(time.perf_counter() - started)
        away, staying = linked[-1], linked[:-1]
        away.connection.stop()
        while away.connection.status.state is not LinkState.OFFLINE:
            await anyio.sleep(0.01)
        session = away.kept.replica.session
        count = len(session.data.events)
        for number in range(offline):
            _edit_notes(session, (number * 7919) % count, f"Hors ligne {number}")
        last = (offline - 1) * 7919 % count
        away.send()  # handed over and kept while offline, sent on reconnection
        away.connection = Connection(
            away.wire, away.connection.url, away.connection.room, away.connection.token
        )
        for other in staying:
            other.busy = 0.0
        started = time.perf_counter()
        away.connection.start(group)
        with anyio.fail_after(120):
            async with anyio.create_task_group() as waiting:
                for other in staying:
                    waiting.start_soon(other.take_in, f"Hors ligne {offline - 1}", last)
        merged = time.perf_counter() - started
        for one in linked:
            one.connection.stop()
    return trips, merged, [other.busy for other in staying]


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the summit's size")
    parser.add_argument("--edits", type=int, default=20, help="edits propagated online")
    parser.add_argument("--offline", type=int, default=1000, help="edits made offline")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="vp-team-"))
    data = generate_summit(SummitSize().scaled(args.scale))
    paths = [folder / f"officer{n}.visit" for n in range(len(NAMES))]
    write_visit(paths[0], data)
    size = paths[0].stat().st_size
    print(
        f"summit: {len(data.people):,} people, {len(data.events):,} events; "
        f"visit file {size / 1e6:.1f} MB"
    )
    server_data = folder / "server"
    database = ServerDatabase.open(server_data, PASSPHRASE, create=True)
    try:
        tokens = [add_officer(database, name) for name in NAMES]
    finally:
        database.close()
    server = ServerProcess(server_data).start()
    os.environ.pop("VISITPLANNER_SYNC_TOKEN", None)
    try:
        started = time.perf_counter()
        invitation = share_visit(paths[0], server.url, tokens[0], NAMES[0], timeout=120)
        shared = time.perf_counter() - started
        print(f"shared (document built, uploaded, kept in the file): {ms(shared)}")
        joins: list[float] = []
        for number in range(1, len(NAMES)):
            started = time.perf_counter()
            join_visit(invitation, paths[number], tokens[number], NAMES[number], timeout=120)
            joins.append(time.perf_counter() - started)
        sessions = [VisitSession.open(path) for path in paths]
        kept = [KeptReplica.load(session) for session in sessions]
        assert all(k is not None for k in kept)
        state = len(kept[1].state.state)  # type: ignore[union-attr]
        print(
            f"joined by 4 officers (full state {state / 1e6:.2f} MB each, visit file written): "
            f"median {ms(statistics.median(joins))}, max {ms(max(joins))}"
        )
        bare: Doc[Any] = Doc()
        started = time.perf_counter()
        bare.apply_update(kept[1].state.state)  # type: ignore[union-attr]
        print(
            f"  floor: the state applied to a bare pycrdt Doc: {ms(time.perf_counter() - started)}"
        )
        joined_size = paths[1].stat().st_size
        print(
            f"state kept in the visit file: {state / 1e6:.2f} MB against the visit's "
            f"{(joined_size - state) / 1e6:.2f} MB of data: "
            f"{state / (joined_size - state):.2f}x (goal < 2x)"
        )
        linked = [Linked(k, server.url, t) for k, t in zip(kept, tokens, strict=True)]  # type: ignore[arg-type]
        trips, merged, each = anyio.run(_propagation, linked, args.edits, args.offline)
        print(
            f"an edit to the 4 other replicas, written in their files ({args.edits} edits): "
            f"median {ms(statistics.median(trips))}, max {ms(max(trips))} (goal < 200 ms)"
        )
        print(
            f"a replica back online after {args.offline:,} edits offline: taken in by each "
            f"other replica (its document, file and memory) in median "
            f"{ms(statistics.median(each))} (goal < 2 s); the last of the 4, which share "
            f"this process, done {ms(merged)} after the reconnection"
        )
        for one in linked:
            one.kept.hand_over()
            one.kept.save()
        for session in sessions:
            session.close()
        # The command line's one-off sync: the same N edits made offline on another
        # replica, sent with `visitplanner sync`'s path, then taken in by another's.
        session = VisitSession.open(paths[3])
        try:
            for number in range(args.offline):
                _edit_notes(session, number % len(session.data.events), f"Train {number}")
        finally:
            session.close()
        started = time.perf_counter()
        back = sync_visit(paths[3], tokens[3], timeout=120)
        sent = time.perf_counter() - started
        started = time.perf_counter()
        taken = sync_visit(paths[1], tokens[1], timeout=120)
        took = time.perf_counter() - started
        print(
            f"the same from the command line (`sync`: the file opened, its document read, "
            f"the exchange, the checks before and after, the state kept): sent in {ms(sent)} "
            f"({back.sent} updates), taken in by another replica in {ms(took)} "
            f"({taken.received:,} changes)"
        )
    finally:
        server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
