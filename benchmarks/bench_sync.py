"""Measure the shared Yjs document of a summit-sized visit, beside its floors.

    python benchmarks/bench_sync.py [--scale N] [--edits N]

Prints: the whole document built from the visit (time, bytes, compressed bytes, against
the visit file's size), applied to an empty document (our reading of it, and the floor:
pycrdt's `apply_update` alone into a bare `Doc`), one edit handed over and taken in by a
second replica (update bytes, time of each side, its file write included), and a replica
that was offline for N edits (1,000 by default) merging them. Figures, not asserts:
goals from issue 22 are an edit under 200 ms end to end, 1,000 offline edits merged
under 2 s, and the document's state under twice the visit's own data.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pycrdt import Doc
from summit import SummitSize, generate_summit

from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.sync.document import Identity, VisitDocument
from visitplanner.sync.replica import Replica

OLENA = Identity("Olena Kovalenko", "laptop-3")
JEAN = Identity("Jean Dupont", "pc-protocole")


def ms(seconds: float) -> str:
    """Seconds as milliseconds, for the table."""
    return f"{seconds * 1000:,.0f} ms"


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the summit's size")
    parser.add_argument("--edits", type=int, default=1000, help="edits made offline")
    args = parser.parse_args(argv)
    summit = generate_summit(SummitSize.scaled(args.scale))
    with tempfile.TemporaryDirectory() as folder:
        first = Path(folder) / "olena.visit"
        second = Path(folder) / "jean.visit"
        write_visit(first, summit)
        shutil.copy(first, second)
        size = first.stat().st_size
        print(
            f"summit x{args.scale:g}: {len(summit.people):,} people, "
            f"{len(summit.events):,} events, visit file {size / 1e6:.1f} MB"
        )

        # -- the whole document ---------------------------------------------------------
        start = time.perf_counter()
        document = VisitDocument.build(summit, OLENA)
        built = time.perf_counter() - start
        state = document.state()
        packed = len(zlib.compress(state, 6))
        print(
            f"document built from the visit: {ms(built)}; state {len(state) / 1e6:.2f} MB "
            f"({packed / 1e6:.2f} MB compressed), {len(state) / size:.2f}x the visit file"
        )
        start = time.perf_counter()
        bare = Doc()
        bare.apply_update(state)
        floor = time.perf_counter() - start
        start = time.perf_counter()
        VisitDocument.load(state, JEAN)
        loaded = time.perf_counter() - start
        print(
            f"applied to an empty document: {ms(loaded)} "
            f"(floor, pycrdt's apply_update alone: {ms(floor)})"
        )

        # -- one edit between two replicas ---------------------------------------------
        olena = Replica.share(VisitSession.open(first), OLENA)
        jean = Replica.join(VisitSession.open(second), olena.document.state(), JEAN)
        olena.acknowledge()
        event = olena.session.data.events[len(olena.session.data.events) // 2]
        start = time.perf_counter()
        olena.apply(SaveEntity(dataclasses.replace(event, start=event.start), event))
        edited = dataclasses.replace(event, notes=LocalizedText(fr="Salle changée"))
        start = time.perf_counter()
        olena.apply(SaveEntity(edited, event))
        handed = time.perf_counter() - start
        (update,) = olena.outgoing()
        start = time.perf_counter()
        jean.receive(update)
        taken = time.perf_counter() - start
        olena.acknowledge()
        print(
            f"one edit: {len(update)} bytes; written and handed over {ms(handed)}, "
            f"taken in by the other replica {ms(taken)} (file written, window told)"
        )

        # -- a replica offline for N edits ----------------------------------------------
        events = jean.session.data.events
        start = time.perf_counter()
        for n in range(args.edits):
            current = jean.session.data.events[n % len(events)]
            changed = dataclasses.replace(current, notes=LocalizedText(fr=f"note {n}"))
            jean.apply(SaveEntity(changed, current))
        made = time.perf_counter() - start
        updates = jean.outgoing()
        update = jean.outgoing_as_one()
        start = time.perf_counter()
        received = olena.receive(update)
        merged = time.perf_counter() - start
        print(
            f"{args.edits:,} edits offline ({made / args.edits * 1000:.1f} ms each): "
            f"{len(updates):,} updates waiting, {len(update) / 1e3:.1f} kB as one, "
            f"merged by the other replica in {ms(merged)} "
            f"({received.incoming.count:,} entities written)"
        )
        olena.session.close()
        jean.session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
