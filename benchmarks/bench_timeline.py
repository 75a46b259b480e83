"""Time the programme timeline on a summit-sized visit: layout, first paint, scrolling.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_timeline.py [--repeat N]

Writes the summit visit to a temporary folder first (not timed). Reports the
best of N runs of: laying the programme out (days, lanes, rectangles), painting
a 1280x800 window (as the first paint does), painting after a scroll, and
re-laying out after one event is edited (what every edit costs); then opening
the event editor and typing in its participants search.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from summit import generate_summit

from visitplanner.domain.checks import check_plan
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.programme.timeline import TimelineView
from visitplanner.ui.shell.controller import VisitController


def best_of(repeat: int, step: Callable[[], object]) -> float:
    """The shortest time, in milliseconds, of `repeat` runs of `step`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summit.visit"
        write_visit(path, generate_summit())
        session = VisitSession.open(path)
        controller = VisitController(session)

        created = time.perf_counter()
        view = TimelineView(controller)
        view.resize(1280, 800)
        view.show()
        view.grab()
        first = (time.perf_counter() - created) * 1000

        layout_ms = best_of(args.repeat, view.refresh)
        paint_ms = best_of(args.repeat, view.grab)
        bar = view.area.horizontalScrollBar()

        def scroll_and_paint() -> None:
            bar.setValue((bar.value() + 3000) % max(1, bar.maximum()))
            view.grab()

        scroll_ms = best_of(args.repeat, scroll_and_paint)
        view.set_findings(check_plan(controller.data))
        findings_ms = best_of(args.repeat, view.grab)
        event = controller.data.events[0]

        def edit() -> None:
            renamed = copy.deepcopy(event)
            renamed.title = LocalizedText(fr=f"Renamed {time.perf_counter()}")
            controller.apply(SaveEntity(renamed, controller.data.event(event.id)))

        edit_ms = best_of(args.repeat, edit)

        def open_editor() -> EventDialog:
            dialog = EventDialog(controller, controller.data.events[1])
            dialog.show()
            app.processEvents()
            dialog.close()
            dialog.deleteLater()
            return dialog

        editor_ms = best_of(args.repeat, open_editor)
        dialog = EventDialog(controller, controller.data.events[1])
        dialog.show()
        search = dialog.participants.search
        queries = ["f", "fa", "fam", "fami", "famil", "family", "family0", "family01"]

        def keystroke() -> None:
            search.setText(queries[keystroke.n % len(queries)])  # type: ignore[attr-defined]
            keystroke.n += 1  # type: ignore[attr-defined]

        keystroke.n = 0  # type: ignore[attr-defined]
        key_ms = best_of(args.repeat * 4, keystroke)
        worst_key_ms = max(best_of(1, keystroke) for _ in queries)
        dialog.close()
        dialog.deleteLater()
        layout = view.area.layout_
        assert layout is not None
        print(
            f"summit timeline: {len(controller.data.events)} events over {len(layout.days)} days, "
            f"lanes per day {layout.lanes}"
        )
        print(f"create, lay out and first paint at 1280x800: {first:.0f} ms")
        print(f"lay out again (days, lanes, rectangles): {layout_ms:.0f} ms")
        print(f"paint the window: {paint_ms:.0f} ms; after a scroll: {scroll_ms:.0f} ms")
        print(f"paint with conflicts marked: {findings_ms:.0f} ms")
        print(f"edit one event (saved to the file) and lay out again: {edit_ms:.0f} ms")
        print(f"open the event editor (3,000 people to pick from): {editor_ms:.0f} ms")
        print(
            f"one keystroke in the participants search: best {key_ms:.0f} ms, "
            f"worst {worst_key_ms:.0f} ms"
        )
        session.close()
    view.close()
    view.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
