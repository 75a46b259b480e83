"""The crash test's long mode: kill a writer at random moments many times.

    python benchmarks/crash.py --kills 1000 [--seed S]

The same loop as `tests/unit/test_crash.py` (which kills 50 times): a child process
edits a small visit (single-row edits and five-row batches, each reported once
committed) and is killed with SIGKILL at a random moment; after each kill the file is
opened as the application opens it, and must pass `PRAGMA integrity_check`, hold every
edit reported committed, and hold no batch in part. Prints the tally; exits 1 if
anything was lost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crash_child import CrashTally, kill_at_random_moments  # noqa: E402
from tests.factories import small_visit  # noqa: E402
from visitplanner.services.visit_files import write_visit  # noqa: E402


def main() -> int:
    """Run the kills; print the tally."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=20260508)
    args = parser.parse_args()
    start = time.perf_counter()

    def progress(tally: CrashTally) -> None:
        if tally.kills % 50 == 0:
            print(
                f"{tally.kills} kills, {time.perf_counter() - start:.0f} s, "
                f"integrity ok {tally.integrity_ok}, lost {len(tally.lost)}, "
                f"half edits {len(tally.halves)}",
                flush=True,
            )

    with tempfile.TemporaryDirectory(prefix="visitplanner-crash-") as folder:
        path = Path(folder) / "crash.visit"
        write_visit(path, small_visit())
        tally = kill_at_random_moments(path, args.kills, seed=args.seed, progress=progress)
        size = path.stat().st_size
    took = time.perf_counter() - start
    print(f"kills: {tally.kills}")
    print(f"integrity_check ok: {tally.integrity_ok}")
    print(f"edits committed (reported by the child): {tally.committed}")
    print(f"committed edits lost: {len(tally.lost)} {tally.lost[:5]}")
    print(f"half-written edits: {len(tally.halves)} {dict(list(tally.halves.items())[:5])}")
    print(f"final file: {size / 1e6:.1f} MB; took {took:.0f} s")
    return 0 if tally.clean else 1


if __name__ == "__main__":
    sys.exit(main())
