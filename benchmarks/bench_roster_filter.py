"""Time the roster's filter as an officer types a name, one keystroke at a time.

    python benchmarks/bench_roster_filter.py [--repeat N]

Opens the summit visit (3,000 people in 60 delegations) in a RosterView shown on
the offscreen platform, then types names into the filter. Each keystroke is
timed from the key press until the filter has run and the tree has been
painted again; typing is followed by erasing the name, which widens the
result back to all 3,000 people (the costliest case). Target: every keystroke
under 50 ms on a 2-core machine. The floor: a naive QTableView over the same people
(a Python model) behind QSortFilterProxyModel, typed the same names.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_timeline import keystroke_into as keystroke
from bench_timeline import naive_floor
from PySide6.QtWidgets import QApplication
from summit import SummitSize, generate_summit

from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.roster.view import RosterView
from visitplanner.ui.shell.controller import VisitController

#: What is typed: a Latin family name, a Cyrillic native name, a given name (many matches).
NAMES = ("Family17x023", "Прізвище42017", "Olena")


def timed(view: RosterView, char: str | None) -> tuple[float, float]:
    """One keystroke, until the tree is painted again: (wall-clock, CPU) seconds.

    The filter runs while the key press is handled; the tree is laid out and
    painted when the events it posted are processed. The CPU time of this
    thread is shown too: on a shared machine it varies less than the clock.
    """
    start, cpu = time.perf_counter(), time.thread_time()
    keystroke(view.filter, char)
    QApplication.processEvents()
    return time.perf_counter() - start, time.thread_time() - cpu


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit")
    parser.add_argument("--visit", type=Path, help="a visit file already written (a copy is used)")
    parser.add_argument("--json", action="store_true", help="end with the figures as JSON")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])  # noqa: F841 -- kept alive to the end
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summit.visit"
        if args.visit is not None:
            shutil.copyfile(args.visit, path)
        else:
            write_visit(path, generate_summit(SummitSize.scaled(args.scale)))
        session = VisitSession.open(path)
        controller = VisitController(session)
        start = time.perf_counter()
        view = RosterView(controller)
        view.resize(1280, 800)
        view.show()
        QApplication.processEvents()
        first = time.perf_counter() - start
        view.filter.setFocus()
        typing: list[tuple[float, float]] = []
        erasing: list[tuple[float, float]] = []
        for _round in range(args.repeat):
            for name in NAMES:
                typing.extend(timed(view, char) for char in name)
                shown = len(view.model.shown_person_ids())
                erasing.extend(timed(view, None) for _char in name)
                assert not view.filter.text(), "the filter was not erased"
        print(
            f"summit roster: {len(controller.data.people)} people, "
            f"{len(controller.data.delegations)} delegations; view built and shown in "
            f"{first * 1000:.0f} ms"
        )
        print(f"last name typed ({NAMES[-1]!r}) shows {shown} people")
        for what, pairs in (("typing", typing), ("erasing", erasing)):
            for clock, times in (("wall", [w for w, _c in pairs]), ("cpu", [c for _w, c in pairs])):
                print(
                    f"{what} ({clock}): {len(times)} keystrokes, median"
                    f" {statistics.median(times) * 1000:.1f} ms, 95th percentile"
                    f" {sorted(times)[int(len(times) * 0.95)] * 1000:.1f} ms,"
                    f" worst {max(times) * 1000:.1f} ms (target < 50 ms)"
                )
        view.close()
        rows = [
            (p.family_name, p.given_name, p.native_name(), str(p.role), ", ".join(p.languages))
            for p in controller.data.people
        ]
        floor = naive_floor(rows, NAMES, args.repeat)
        session.close()
    print(
        f"floor, a naive QTableView behind QSortFilterProxyModel, same names: median"
        f" {statistics.median(floor) * 1000:.1f} ms, worst {max(floor) * 1000:.1f} ms"
    )
    if args.json:
        walls = [w for w, _c in typing + erasing]
        figures = {
            "worst": max(walls),
            "median": statistics.median(walls),
            "floor_worst": max(floor),
            "floor_median": statistics.median(floor),
        }
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
