"""Time the Checks page showing a summit's findings, beside a naive table of as many rows.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_checks_page.py [--scale S] [--repeat N]

Generates the summit visit (3,000 people, 5,000 events), runs the plan checks once
(not timed: they run in a worker in the window), then times the GUI thread's part:
the findings given to the page, grouped by cause, and the page painted. Goal: under
100 ms for 500 findings and more. The floor: a QTableWidget filled with one row per
finding (severity, day, message) and painted, the least any table of them costs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
from summit import SummitSize, generate_summit

from visitplanner.domain.checks import check_plan
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.checks.view import ChecksView, stop_all_checks
from visitplanner.ui.shell.controller import VisitController


def _settle(app: QApplication) -> None:
    for _round in range(3):
        app.processEvents()


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--findings", type=int, default=500, help="how many to show (0: all)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summit.visit"
        write_visit(path, generate_summit(SummitSize.scaled(args.scale)))
        session = VisitSession.open(path)
        controller = VisitController(session)
        found = check_plan(session.data)
        findings = found[: args.findings] if args.findings else found
        view = ChecksView(controller)
        view.resize(1280, 720)
        view.show()
        _settle(app)
        stop_all_checks()  # the page's own first run: the findings are given below
        ours = []
        for _round in range(args.repeat):
            view.show_findings([])
            _settle(app)
            start = time.perf_counter()
            view.show_findings(findings)
            _settle(app)
            ours.append(time.perf_counter() - start)
        causes = view.model.rowCount()
        view.close()
        floor = []
        table = QTableWidget()
        table.resize(1280, 720)
        table.show()
        for _round in range(args.repeat):
            table.setRowCount(0)
            _settle(app)
            start = time.perf_counter()
            table.setColumnCount(3)
            table.setRowCount(len(findings))
            for row, finding in enumerate(findings):
                cells = (finding.severity.value, str(finding.sort_key[:1]), finding.message)
                for column, text in enumerate(cells):
                    table.setItem(row, column, QTableWidgetItem(text))
            _settle(app)
            floor.append(time.perf_counter() - start)
        table.close()
        stop_all_checks()  # no run left going when the program ends
        session.close()
    print(
        f"summit x{args.scale}: {len(findings)} of its {len(found)} findings, in {causes} "
        "causes; the page shows "
        f"them in median {statistics.median(ours) * 1000:.1f} ms, worst "
        f"{max(ours) * 1000:.1f} ms (goal < 100 ms for 500 findings and more)"
    )
    print(
        f"floor, a QTableWidget of one row per finding: median "
        f"{statistics.median(floor) * 1000:.1f} ms, worst {max(floor) * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
