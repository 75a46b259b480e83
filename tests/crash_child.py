"""A child process for the crash test: a stream of edits, each reported once committed.

Run as `python crash_child.py VISIT START`; prints `single N` or `batch N` after
each commit, flushed, until it is killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from visitplanner.domain.model import Person
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.repository import VisitRepository

BATCH = 5


def main() -> None:
    """Edit until killed."""
    path, number = Path(sys.argv[1]), int(sys.argv[2])
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
