"""The crash test's two halves: a child that edits a visit until killed, and the loop
that kills it at random moments and checks what the file kept.

Run as `python crash_child.py VISIT START`, the child prints `single N` or `batch N`
after each commit, flushed, until it is killed. `kill_at_random_moments` is the loop:
the unit test runs it 50 times, `benchmarks/crash.py --kills 1000` as long as asked.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

BATCH = 5
CHILD = Path(__file__).resolve()


@dataclass
class CrashTally:
    """What the kills left: how many, how many files passed, and any loss."""

    kills: int = 0
    integrity_ok: int = 0
    committed: int = 0
    lost: list[str] = field(default_factory=list)  # committed edits missing afterwards
    halves: dict[str, int] = field(default_factory=dict)  # multi-row edits partly written

    @property
    def clean(self) -> bool:
        """Every file passed, nothing committed was lost, no edit was half-written."""
        return self.integrity_ok == self.kills and not self.lost and not self.halves


def kill_at_random_moments(
    path: Path,
    kills: int,
    *,
    seed: int = 20260508,
    longest_pause: float = 0.15,
    progress: Callable[[CrashTally], None] | None = None,
    passphrase: str | None = None,
) -> CrashTally:
    """Start the child on the visit at `path` `kills` times and SIGKILL it at a random
    moment each time; after each kill, open the file as the application does and check
    its integrity, that every edit the child reported as committed is there, and that no
    batch of rows is there in part. With `passphrase`, the visit is an encrypted one."""
    rng = random.Random(seed)
    tally = CrashTally()
    expected: list[str] = []  # the names of every row of every committed edit
    number = 0
    env = {**os.environ, "PYTHONPATH": str(CHILD.parent.parent)}
    if passphrase is not None:
        env["VISITPLANNER_PASSPHRASE"] = passphrase
    for _round in range(kills):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path), str(number)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        ready = child.stdout.readline().strip()
        if ready != "ready":
            child.kill()
            child.communicate()
            raise RuntimeError(f"the crash child did not start: {ready!r}")
        time.sleep(rng.uniform(0.0, longest_pause))
        child.send_signal(signal.SIGKILL)
        out, _err = child.communicate()
        tally.kills += 1
        for line in out.splitlines():
            kind, value = line.split()
            tally.committed += 1
            expected.extend(_rows(kind, int(value)))
            number = max(number, int(value))
        # The next child starts past anything that may have been in flight.
        number += 2
        _check(path, expected, tally, passphrase)
        if progress is not None:
            progress(tally)
    return tally


def _rows(kind: str, number: int) -> list[str]:
    """The family names the child gives the rows of its edit `number`."""
    if kind == "single":
        return [f"single-{number}"]
    return [f"batch-{number}-{part}" for part in range(BATCH)]


def _connect(path: Path, passphrase: str | None) -> sqlite3.Connection:
    if passphrase is None:
        return sqlite3.connect(path)
    from visitplanner.storage import keys
    from visitplanner.storage.database import connect_encrypted, salt_of

    return connect_encrypted(path, keys.raw_key(passphrase, salt_of(path)))


def _check(path: Path, expected: list[str], tally: CrashTally, passphrase: str | None) -> None:
    conn = _connect(path, passphrase)  # rolls back a hot journal, as the application does
    try:
        whole = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if passphrase is not None:
            whole = whole and not conn.execute("PRAGMA cipher_integrity_check").fetchall()
        if whole:
            tally.integrity_ok += 1
        names = [row[0] for row in conn.execute("SELECT family_name FROM person")]
    finally:
        conn.close()
    present = set(names)
    known = set(tally.lost)
    tally.lost.extend(name for name in expected if name not in present and name not in known)
    batches = Counter(name.rsplit("-", 1)[0] for name in names if name.startswith("batch-"))
    tally.halves.update({batch: count for batch, count in batches.items() if count != BATCH})


def main() -> None:
    """Edit until killed."""
    from visitplanner.domain.model import Person
    from visitplanner.storage import keys
    from visitplanner.storage.database import VisitDatabase
    from visitplanner.storage.repository import VisitRepository

    path, number = Path(sys.argv[1]), int(sys.argv[2])
    if os.environ.get("VISITPLANNER_PASSPHRASE"):
        keys.remember(path, os.environ["VISITPLANNER_PASSPHRASE"])
    database = VisitDatabase.open(path)
    repo = VisitRepository(database)
    print("ready", flush=True)
    while True:
        number += 1
        if number % 2:
            with database.transaction():
                repo.save_person(Person(family_name=f"single-{number}"))
            print(f"single {number}", flush=True)
        else:
            with database.transaction():
                for part in range(BATCH):
                    repo.save_person(Person(family_name=f"batch-{number}-{part}", rank=part))
            print(f"batch {number}", flush=True)


if __name__ == "__main__":
    main()
