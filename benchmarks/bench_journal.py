"""Time the write path through the journal on a summit-sized visit, beside its floors.

    python benchmarks/bench_journal.py [--scale N] [--repeat N]

Writes the summit visit to a temporary folder first (not timed), then measures: one
one-field edit through the journal (written, journaled, reloaded), the undo of the
deletion of a person who is in many events, and noticing and reloading another
program's edit of one event. Each is printed beside a floor measured in the same run
on a copy of the file: a bare SQLite UPDATE + COMMIT of one row (synchronous=FULL),
and the direct write without journal (repository.save_* in database.transaction()).
Last, the journal's size after 1,000 edits and after deleting and undoing 100 people.
Targets: edit < 20 ms, undo of that deletion < 50 ms, noticing < 200 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from summit import SummitSize, generate_summit

from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.storage import journal

#: How many events the person whose deletion is undone takes part in.
BUSY = 40


def median_ms(repeat: int, step: Callable[[int], object]) -> float:
    """The median time of `repeat` runs of `step(n)`, in milliseconds."""
    times = []
    for n in range(repeat):
        start = time.perf_counter()
        step(n)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the summit's size")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summit.visit"
        start = time.perf_counter()
        summit = generate_summit(SummitSize.scaled(args.scale))
        # The person whose deletion is undone takes part in 40 events.
        busiest = summit.people[0].id
        for event in summit.events:
            if sum(busiest in e.participant_ids for e in summit.events) >= BUSY:
                break
            if busiest not in event.participant_ids:
                event.participant_ids.append(busiest)
        write_visit(path, summit)
        floor_path = Path(folder) / "floor.visit"
        shutil.copy(path, floor_path)
        session = VisitSession.open(path)
        data = session.data
        print(
            f"summit x{args.scale:g}: {len(data.people):,} people, {len(data.events):,} events, "
            f"{path.stat().st_size / 1e6:.1f} MB (built in {time.perf_counter() - start:.1f} s)"
        )

        # -- one edit ------------------------------------------------------------------
        people = list(data.people)

        def edit(n: int) -> None:
            person = session.data.person(people[n % len(people)].id)
            session.apply(SaveEntity(dataclasses.replace(person, notes=f"edit {n}"), person))

        edit_ms = median_ms(args.repeat, edit)

        floor = sqlite3.connect(floor_path, isolation_level=None)
        floor.execute("PRAGMA journal_mode = DELETE")
        floor.execute("PRAGMA synchronous = FULL")

        def bare_update(n: int) -> None:
            floor.execute("BEGIN IMMEDIATE")
            floor.execute(
                "UPDATE person SET notes = ? WHERE id = ?",
                (f"bare {n}", people[n % len(people)].id),
            )
            floor.execute("COMMIT")

        bare_ms = median_ms(args.repeat, bare_update)
        floor.close()
        direct = VisitSession.open(floor_path)

        def direct_write(n: int) -> None:
            person = direct.data.person(people[n % len(people)].id)
            after = dataclasses.replace(person, notes=f"direct {n}")
            with direct.database.transaction():
                direct.repository.save_person(after, person)

        direct_ms = median_ms(args.repeat, direct_write)

        # -- undo of a deletion --------------------------------------------------------
        events_in = sum(busiest in e.participant_ids for e in session.data.events)
        rounds = max(3, args.repeat // 10)
        delete_times, undo_times = [], []
        for _ in range(rounds):
            person = session.data.person(busiest)
            command = delete_operation(session.data, person)
            start = time.perf_counter()
            session.apply(command)
            delete_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            session.undo()
            undo_times.append(time.perf_counter() - start)
        delete_ms = statistics.median(delete_times) * 1000
        undo_ms = statistics.median(undo_times) * 1000

        # -- noticing another program's edit -------------------------------------------
        other = VisitSession.open(path)
        events = list(other.data.events)
        notice_times = []
        for n in range(rounds * 3):
            event = other.data.event(events[n % len(events)].id)
            other.apply(
                SaveEntity(dataclasses.replace(event, notes=LocalizedText(fr=f"other {n}")), event)
            )
            start = time.perf_counter()
            change = session.sync()
            notice_times.append(time.perf_counter() - start)
            assert change.ids.get("event") == {event.id}
        notice_ms = statistics.median(notice_times) * 1000
        quiet_ms = median_ms(args.repeat, lambda _n: session.sync())
        other.close()

        print()
        print(f"{'what':<62} {'time':>9}  floor")
        print(
            f"{'one edit (one field of a person) through the journal':<62} {edit_ms:7.1f} ms  "
            f"bare UPDATE+COMMIT {bare_ms:.1f} ms, direct save_person {direct_ms:.1f} ms"
        )
        print(
            f"{f'delete a person in {events_in} events':<62} {delete_ms:7.1f} ms  "
            f"(median of {rounds})"
        )
        print(f"{'undo that deletion':<62} {undo_ms:7.1f} ms  (median of {rounds})")
        print(
            f"{'notice and reload another program’s edit of one event':<62} {notice_ms:7.1f} ms  "
            f"nothing changed: {quiet_ms:.2f} ms"
        )

        # -- journal size --------------------------------------------------------------
        count0, size0 = journal.size(session.database.conn)
        file0 = path.stat().st_size
        for n in range(1000):
            person = session.data.person(people[n % len(people)].id)
            session.apply(SaveEntity(dataclasses.replace(person, notes=f"size {n}"), person))
        count1, size1 = journal.size(session.database.conn)
        file1 = path.stat().st_size
        print(
            f"1,000 edits: journal +{size1 - size0:,} bytes of changes "
            f"({(size1 - size0) / (count1 - count0):.0f} per edit), file +{file1 - file0:,} bytes"
        )
        for person in people[:100]:
            session.apply(delete_operation(session.data, session.data.person(person.id)))
        for _person in people[:100]:
            session.undo()
        count2, size2 = journal.size(session.database.conn)
        file2 = path.stat().st_size
        print(
            f"100 people deleted, then all undone: journal +{size2 - size1:,} bytes "
            f"({(size2 - size1) / (count2 - count1):,.0f} per deletion), "
            f"file +{file2 - file1:,} bytes"
        )
        session.close()
        direct.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
