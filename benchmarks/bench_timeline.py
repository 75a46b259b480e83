"""Time the programme timeline on a summit-sized visit: layout, first paint, scrolling.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_timeline.py [--repeat N]

Writes the summit visit to a temporary folder first (not timed). Reports the
best of N runs of: laying the programme out (days, lanes, rectangles), painting
a 1280x800 window (as the first paint does), painting after a scroll, and
re-laying out after one event is edited (what every edit costs); then opening
the event editor and typing in its participants search; then typing in the
filter of the programme page's list, one key at a time, as an officer does
(`--filter-only` runs that part alone).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QTableView, QWidget
from summit import SummitSize, generate_summit

from visitplanner.domain.checks import check_plan
from visitplanner.domain.values import LocalizedText
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.common.models import EntityTableModel
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.programme.page import ProgrammePage
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


#: What is typed in the programme list's filter: a title, a venue, a kind and a day.
FILTER_TEXTS = ("Meeting 41", "Room 27", "transfer", "Tuesday")


def keystroke_into(widget: QWidget, char: str | None) -> None:
    """Send one key (a character, or Backspace for None) the way a keyboard does."""
    if char is None:
        key, text = Qt.Key.Key_Backspace, ""
    else:
        key, text = (ord(char.upper()) if char.isascii() else Qt.Key.Key_unknown), char
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def programme_filter(controller: VisitController, repeat: int) -> dict[str, float]:
    """Type in the programme list's filter, then erase; print per-keystroke figures.

    Each keystroke is timed from the key press until the list and the timeline
    have been filtered and the list painted again; the first keystroke after the
    page is built (search keys not yet made) is included. Also counts the calls
    of the table model's Python `data()` per keystroke. Returns the figures in seconds
    (`worst`, `median`, and the floor's `floor_worst`, `floor_median`).
    """
    calls = [0]
    original = EntityTableModel.data

    def counted(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return original(self, index, role)

    EntityTableModel.data = counted  # type: ignore[method-assign]
    try:
        page = ProgrammePage(controller)
        page.resize(1280, 800)
        page.show()
        page.tabs.setCurrentWidget(page.list)
        QApplication.processEvents()
        page.list.filter.setFocus()
        times: list[tuple[float, float, int]] = []
        shown: dict[str, int] = {}
        for _round in range(repeat):
            for text in FILTER_TEXTS:
                for n, char in enumerate([*text, *[None] * len(text)]):
                    calls[0] = 0
                    start, cpu = time.perf_counter(), time.thread_time()
                    keystroke_into(page.list.filter, char)
                    QApplication.processEvents()
                    times.append((time.perf_counter() - start, time.thread_time() - cpu, calls[0]))
                    if n == len(text) - 1:
                        shown[text] = page.list.table.model().rowCount()
                assert not page.list.filter.text(), "the filter was not erased"
                assert page.list.table.model().rowCount() == len(controller.data.events)
        # What the page does once shown and after each change, before any keystroke.
        keys_ms = 0.0
        model = page.list.model
        if hasattr(model, "search_keys"):
            model.refresh(controller.data)
            keys_ms = best_of(1, model.search_keys)
        page.close()
        page.deleteLater()
    finally:
        EntityTableModel.data = original  # type: ignore[method-assign]
    first_wall, first_cpu, first_calls = times[0]
    print(
        f"programme list filter: {len(times)} keystrokes (typing {', '.join(FILTER_TEXTS)}"
        f" and erasing, {repeat} rounds); first keystroke {first_wall * 1000:.0f} ms"
        f" ({first_cpu * 1000:.0f} ms CPU, {first_calls} data() calls)"
    )
    for clock, values in (
        ("wall", [w for w, _c, _n in times]),
        ("cpu", [c for _w, c, _n in times]),
    ):
        print(
            f"  {clock}: median {statistics.median(values) * 1000:.1f} ms,"
            f" worst {max(values) * 1000:.1f} ms (target < 50 ms)"
        )
    print(f"  search texts of every row made after a change (not on a keystroke): {keys_ms:.0f} ms")
    print("  rows shown: " + ", ".join(f"{text!r} {count}" for text, count in shown.items()))
    assert any(0 < n < len(controller.data.events) for n in shown.values()), "nothing filtered"
    floor = naive_filter_floor(controller, repeat)
    print(
        f"  floor, a naive QTableView behind QSortFilterProxyModel, same keystrokes:"
        f" first {floor[0] * 1000:.1f} ms, median {statistics.median(floor) * 1000:.1f} ms,"
        f" worst {max(floor) * 1000:.1f} ms"
    )
    counts = [n for _w, _c, n in times]
    print(
        f"  model data() calls per keystroke: median {statistics.median(counts):.0f},"
        f" most {max(counts)}, total {sum(counts)}"
    )
    walls = [w for w, _c, _n in times]
    return {
        "worst": max(walls),
        "median": statistics.median(walls),
        "floor_worst": max(floor),
        "floor_median": statistics.median(floor),
    }


class _NaiveModel(QAbstractTableModel):
    """The floor's model: the events' texts in a Python list, every cell from `data()`."""

    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return len(self.rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return len(self.rows[0]) if self.rows else 0

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


def naive_filter_floor(controller: VisitController, repeat: int) -> list[float]:
    """The floor of filtering a list as one types: a plain QTableView over a Python model
    of the same events (title, day, times, venue, kind), behind a QSortFilterProxyModel
    filtering every column, with the same keystrokes. Seconds per keystroke."""
    return naive_floor(_event_rows(controller), FILTER_TEXTS, repeat)


def _event_rows(controller: VisitController) -> list[tuple[str, ...]]:
    data = controller.data
    venues = {v.id: v.name.fr for v in data.venues}
    return [
        (
            e.title.get("en"),
            e.start.strftime("%A %d %B"),
            e.start.strftime("%H:%M"),
            e.end.strftime("%H:%M"),
            venues.get(e.venue_id or "", ""),
            e.kind.value,
        )
        for e in data.events
    ]


def naive_floor(rows: list[tuple[str, ...]], texts: tuple[str, ...], repeat: int) -> list[float]:
    """Seconds per keystroke of a plain QTableView over `rows` (a Python model) behind a
    QSortFilterProxyModel filtering every column, as each of `texts` is typed and erased."""
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(_NaiveModel(rows))
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    table = QTableView()
    table.setModel(proxy)
    table.resize(1280, 800)
    table.show()
    QApplication.processEvents()
    times: list[float] = []
    for _round in range(repeat):
        for text in texts:
            typed = [text[: n + 1] for n in range(len(text))]
            for shown in [*typed, *reversed(["", *typed[:-1]])]:
                start = time.perf_counter()
                proxy.setFilterFixedString(shown)
                QApplication.processEvents()
                table.viewport().repaint()
                times.append(time.perf_counter() - start)
    table.close()
    table.deleteLater()
    return times


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--filter-only", action="store_true", help="time the list filter only")
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit")
    parser.add_argument("--visit", type=Path, help="a visit file already written (a copy is used)")
    parser.add_argument(
        "--json", action="store_true", help="with --filter-only: end with the figures as JSON"
    )
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summit.visit"
        if args.visit is not None:
            shutil.copyfile(args.visit, path)
        else:
            write_visit(path, generate_summit(SummitSize.scaled(args.scale)))
        session = VisitSession.open(path)
        controller = VisitController(session)
        if args.filter_only:
            figures = programme_filter(controller, max(1, args.repeat // 2))
            session.close()
            if args.json:
                print(json.dumps(figures))
            return 0

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
        programme_filter(controller, max(1, args.repeat // 2))
        session.close()
    view.close()
    view.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
