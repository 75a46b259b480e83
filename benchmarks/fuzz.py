"""Fuzz every importer for a time budget: damaged real files, an import or a refusal.

    python benchmarks/fuzz.py --minutes N [--seed S] [--keep DIR] [--cli-every K]

The budget is split evenly among the importers: calendars (ICS), roster sheets (CSV
and XLSX) and JSON visits. Each input is a real file of the corpus (the demo's
exports, the tests' sheets and calendars: `tests/fuzzing.py`) damaged by one to four
changes drawn from `random.Random(f"{seed}:{kind}:{n}")`, so input n of a run is
reproducible from the seed (and its bytes are saved with every failure).

For each input: the file is read and its import planned against the demo visit. An
input whose plan went through is also imported for real into a fresh copy of the demo
visit (the write path: texts cleaned, length limits), and one refused input in 20
too, checking that a refusal leaves the file's bytes (SHA-256) as they were. Every
K-th input (default 200) also goes to the real command line (`import-ics`,
`import-roster`, `import-json`) in a child process: exit 0, or exit 2 with one line
and the visit unchanged; never "internal error" nor a traceback.

Prints a table per importer: inputs, imported, refused, internal errors, full imports
checked, visits changed by a refusal, command-line runs and how many were not clean,
and the slowest input. The first reproducers of each failure go to --keep DIR (default
a temporary folder). Exits 1 if anything was not clean.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import (  # noqa: E402 - the test's corpus and changes
    KINDS,
    Change,
    attempt,
    attempt_import,
    corpus,
    damaged,
    demo_visit_bytes,
    plan,
    random_changes,
    run_command,
)

#: The importers, by the kind of file each reads.
IMPORTERS = {
    "ics": "calendar (import-ics)",
    "csv": "roster CSV (import-roster)",
    "xlsx": "roster XLSX (import-roster)",
    "json": "JSON visit (import-json)",
}
#: Reproducers kept per importer and kind of failure.
KEEP_AT_MOST = 5
#: One refused input in this many is also imported for real, to check the visit.
REFUSED_WRITE_EVERY = 20


@dataclass
class Tally:
    """What the inputs of one importer came to."""

    kind: str
    inputs: int = 0
    imported: int = 0
    refused: int = 0
    internal: int = 0
    written: int = 0  # inputs also imported for real into a copy of the demo visit
    write_internal: int = 0
    changed_on_refusal: int = 0
    cli_runs: int = 0
    cli_unclean: int = 0
    slowest: float = 0.0
    slowest_input: int = -1
    kept: dict[str, int] = field(default_factory=dict)


class Keeper:
    """Saves the first reproducers of each failure to a folder."""

    def __init__(self, folder: Path, seed: int) -> None:
        self.folder = folder
        self.seed = seed
        folder.mkdir(parents=True, exist_ok=True)

    def keep(
        self,
        tally: Tally,
        what: str,
        number: int,
        source: str,
        changes: list[Change],
        payload: bytes,
        detail: str,
    ) -> None:
        """Save input `number`'s bytes and how it was made, if fewer than the limit are."""
        count = tally.kept.get(what, 0)
        if count >= KEEP_AT_MOST:
            return
        tally.kept[what] = count + 1
        stem = self.folder / f"{tally.kind}-{what}-{number}"
        stem.with_suffix(f".{tally.kind}").write_bytes(payload)
        stem.with_suffix(".txt").write_text(
            f"importer: {IMPORTERS[tally.kind]}\n"
            f"seed: {self.seed}, input {number} "
            f"(random.Random('{self.seed}:{tally.kind}:{number}'))\n"
            f"corpus file: {source}\nchanges: {changes!r}\n\n{detail}\n",
            encoding="utf-8",
        )


def fuzz_one_kind(
    kind: str, seconds: float, seed: int, keeper: Keeper, cli_every: int, work: Path
) -> Tally:
    """Feed damaged files to one importer for `seconds`."""
    tally = Tally(kind)
    seeds = corpus()[kind]
    path = work / f"input.{kind}"
    stop = time.monotonic() + seconds
    number = 0
    while time.monotonic() < stop:
        rng = random.Random(f"{seed}:{kind}:{number}")
        source, original = rng.choice(seeds)
        changes = random_changes(rng)
        payload = damaged(original, changes)
        path.write_bytes(payload)

        def keep(
            what: str,
            detail: str,
            made: tuple[int, str, list[Change], bytes] = (number, source, changes, payload),
        ) -> None:
            keeper.keep(tally, what, *made, detail)

        start = time.perf_counter()
        outcome = attempt(lambda: plan(kind, path))
        took = time.perf_counter() - start
        if took > tally.slowest:
            tally.slowest, tally.slowest_input = took, number
        tally.inputs += 1
        if outcome.verdict == "imported":
            tally.imported += 1
        elif outcome.verdict == "refused":
            tally.refused += 1
        else:
            tally.internal += 1
            keep("internal", _trace(outcome.error))
        write = outcome.verdict == "imported" or number % REFUSED_WRITE_EVERY == 0
        if write and outcome.verdict != "internal":
            tally.written += 1
            written = attempt_import(kind, path, work)
            if written.verdict == "internal":
                tally.write_internal += 1
                keep("write-internal", _trace(written.error))
            if written.changed_on_refusal:
                tally.changed_on_refusal += 1
                keep("changed", written.describe())
        if cli_every and number % cli_every == 0:
            tally.cli_runs += 1
            command = run_command(kind, path, work)
            if not command.clean:
                tally.cli_unclean += 1
                keep(
                    "cli",
                    f"exit {command.code}, visit changed on refusal: "
                    f"{command.changed_on_refusal}\n{command.stderr}",
                )
        number += 1
    return tally


def _trace(error: BaseException | None) -> str:
    if error is None:
        return ""
    return "".join(traceback.format_exception(error))


def print_table(tallies: list[Tally]) -> None:
    """The table of the run, in Markdown."""
    print(
        "| importer | inputs | imported | refused | internal errors | imported for real "
        "(write path) | internal errors there | visit changed by a refusal | command-line "
        "runs | not clean | slowest input |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in tallies:
        print(
            f"| {IMPORTERS[t.kind]} | {t.inputs:,} | {t.imported:,} | {t.refused:,} | "
            f"{t.internal} | {t.written:,} | {t.write_internal} | {t.changed_on_refusal} | "
            f"{t.cli_runs} | {t.cli_unclean} | {t.slowest:.2f} s (#{t.slowest_input}) |"
        )
    total = sum(t.inputs for t in tallies)
    print(f"\n{total:,} inputs in all.")


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzing; print the table; exit 1 on any failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, required=True, help="the whole budget")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, default=None, help="folder for reproducers")
    parser.add_argument(
        "--cli-every", type=int, default=200, help="run the real command every K inputs"
    )
    parser.add_argument("--only", choices=KINDS, action="append", help="fuzz only these kinds")
    args = parser.parse_args(argv)
    kinds = args.only or list(KINDS)
    keep = args.keep or Path(tempfile.mkdtemp(prefix="visitplanner-fuzz-"))
    keeper = Keeper(keep, args.seed)
    corpus()
    demo_visit_bytes()
    seconds = args.minutes * 60 / len(kinds)
    tallies = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="visitplanner-fuzzing-") as folder:
        for kind in kinds:
            work = Path(folder) / kind
            work.mkdir()
            tally = fuzz_one_kind(kind, seconds, args.seed, keeper, args.cli_every, work)
            tallies.append(tally)
            print(
                f"{IMPORTERS[kind]}: {tally.inputs:,} inputs, {tally.internal} internal errors",
                file=sys.stderr,
                flush=True,
            )
    print_table(tallies)
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{took / 60:.1f} min, seed {args.seed}, peak memory {peak:.0f} MB.")
    failed = sum(
        t.internal + t.write_internal + t.changed_on_refusal + t.cli_unclean for t in tallies
    )
    if failed:
        print(f"Reproducers in {keep}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
