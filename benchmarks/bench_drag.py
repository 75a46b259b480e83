"""Time dragging an event on the programme timeline of a summit-sized visit.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_drag.py [--repeat N] [--scale S]

Opens the summit visit (written to a temporary folder first, not timed) in a
`TimelineView` at 1280x800 and drags events with real mouse events sent to the
viewport, as a hand does: a press, 24 moves, a release. Each move is timed from the
mouse event until the window has painted it (the goal: one frame, 16 ms); the
release is timed until the move is saved to the file, journaled, laid out again
and painted (the goal: 50 ms). Also times Alt+Right (a day later) on the selected
event. Each drag is undone afterwards (not timed).

Beside each figure, a floor: the same moves of one item among as many rectangles
in a bare QGraphicsView (Qt's own scene, no text), and the save alone (the edit
written to the file and journaled, no window).
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
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# This checkout's package, not one installed elsewhere (a worktree's, say).
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)
from summit import SummitSize, generate_summit

from visitplanner.domain.model import Event
from visitplanner.operations.session import VisitSession
from visitplanner.services.schedule import rescheduled
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.programme.timeline import TimelineView
from visitplanner.ui.shell.controller import VisitController

#: How many mouse moves a drag is made of, and how far each goes (pixels).
MOVES = 24
STEP = QPoint(1, 7)


class PaintCounter(QObject):
    """Counts the paint events a widget gets (to be sure each move was painted)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def mouse(widget: QWidget, kind: QEvent.Type, pos: QPoint, held: bool) -> None:
    """Send one mouse event (left button) to `widget`, as the window system does."""
    local = QPointF(pos)
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind,
        local,
        QPointF(widget.mapToGlobal(pos)),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


#: The CPU time of each timed step, in the order timed (the wall time is returned).
CPU: list[float] = []


def timed(step: object) -> float:
    """Seconds from sending the event(s) `step` sends until the window has painted
    (two rounds of events: a QGraphicsScene posts its changes before the view paints).
    The thread's CPU time goes to `CPU`: on a shared machine it says what the wall
    time would be on a quiet one."""
    start, cpu = time.perf_counter(), time.thread_time()
    step()  # type: ignore[operator]
    QApplication.processEvents()
    QApplication.processEvents()
    CPU.append(time.thread_time() - cpu)
    return time.perf_counter() - start


def drag_timeline(
    view: TimelineView, controller: VisitController, repeat: int, saves: list[float]
) -> tuple[list[float], list[float], int]:
    """Drag `repeat` events; (seconds per move, seconds per release, paints seen); the
    floor of each release (its edit saved alone) is added to `saves`."""
    viewport = view.viewport()
    painted = PaintCounter(viewport)
    moves: list[float] = []
    releases: list[float] = []
    events = sorted(controller.data.events, key=lambda e: e.start)
    picked = [events[len(events) * (n + 1) // (repeat + 2)] for n in range(repeat)]
    for event in picked:
        view.select_event(event.id)
        QApplication.processEvents()
        rect = view.block_rect(event.id)
        assert rect is not None
        start = rect.center()
        mouse(viewport, QEvent.Type.MouseButtonPress, start, held=True)
        pos = start
        for _n in range(MOVES):
            pos = pos + STEP
            here = pos
            moves.append(
                timed(lambda here=here: mouse(viewport, QEvent.Type.MouseMove, here, True))
            )
        before = controller.undo_stack.index()
        releases.append(
            timed(lambda pos=pos: mouse(viewport, QEvent.Type.MouseButtonRelease, pos, False))
        )
        assert controller.undo_stack.index() == before + 1, "the drag did not move the event"
        moved = controller.data.event(event.id)
        assert moved.start != event.start
        controller.undo_stack.undo()
        QApplication.processEvents()
        # The floor, at the same moment (the disk's speed varies): the same edit saved alone.
        saves.append(save_once(controller.session, event, moved.start, moved.end))
    return moves, releases, painted.count


def alt_right(
    view: TimelineView, controller: VisitController, repeat: int, saves: list[float]
) -> list[float]:
    """Seconds for Alt+Right (a day later) on the selected event, saved and painted; the
    floor of each (its edit saved alone) is added to `saves`."""
    times = []
    events = sorted(controller.data.events, key=lambda e: e.start)
    for n in range(repeat):
        event = events[len(events) * (n + 1) // (repeat + 2)]
        view.select_event(event.id)
        view.area.setFocus()
        QApplication.processEvents()
        key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier, "")
        times.append(timed(lambda key=key: QApplication.sendEvent(view.area, key)))
        moved = controller.data.event(event.id)
        assert moved.start != event.start, "Alt+Right did nothing"
        controller.undo_stack.undo()
        QApplication.processEvents()
        saves.append(save_once(controller.session, event, moved.start, moved.end))
    return times


def save_once(session: VisitSession, event: Event, start: datetime, end: datetime) -> float:
    """Seconds to save a move of `event` alone (the file and the journal, no window);
    undone after."""
    edit = rescheduled(event, start, end, "floor")
    assert edit is not None
    begin = time.perf_counter()
    session.apply(edit)
    spent = time.perf_counter() - begin
    session.undo()
    session.take_unannounced()
    return spent


def graphics_floor(view: TimelineView, repeat: int) -> list[float]:
    """Seconds per move of one rectangle dragged among as many as the timeline has, in
    a bare QGraphicsView of the same size (each move painted)."""
    layout = view.area.layout_
    assert layout is not None
    scene = QGraphicsScene()
    brush = QBrush(QColor("#88CCEE"))
    items = []
    for segs in layout.segments:
        for seg in segs:
            rect = seg.cache["rect"]
            item = QGraphicsRectItem(QRectF(rect))  # type: ignore[arg-type]
            item.setBrush(brush)
            scene.addItem(item)
            items.append(item)
    graphics = QGraphicsView(scene)
    graphics.resize(1280, 800)
    graphics.show()
    QApplication.processEvents()
    painted = PaintCounter(graphics.viewport())
    times = []
    for n in range(repeat):
        item = items[len(items) * (n + 1) // (repeat + 2)]
        graphics.centerOn(item)
        QApplication.processEvents()
        for _n in range(MOVES):
            times.append(timed(lambda item=item: item.moveBy(STEP.x(), STEP.y())))
    # The scene tells the view of a change by a queued call, painted at the next round.
    assert painted.count >= len(times) // 2, f"the floor painted {painted.count} times"
    graphics.close()
    graphics.deleteLater()
    return times


def figures(
    name: str,
    values: tuple[list[float], list[float]],
    goal: str,
    floor: list[float] | None = None,
) -> str:
    """Lines: median and worst in milliseconds (wall, then CPU), the floor's, the goal."""
    wall, cpu = values
    text = (
        f"{name}: median {statistics.median(wall) * 1000:.2f} ms,"
        f" worst {max(wall) * 1000:.2f} ms ({len(wall)} times; goal {goal})"
        f"\n  CPU: median {statistics.median(cpu) * 1000:.2f} ms,"
        f" worst {max(cpu) * 1000:.2f} ms"
    )
    if floor:
        text += (
            f"\n  floor: median {statistics.median(floor) * 1000:.2f} ms,"
            f" worst {max(floor) * 1000:.2f} ms"
        )
    return text


def main(argv: list[str]) -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="drags (each of 24 moves)")
    parser.add_argument("--scale", type=float, default=1.0, help="times the summit")
    parser.add_argument("--visit", type=Path, help="a visit file already written (a copy is used)")
    parser.add_argument("--json", action="store_true", help="end with the figures as JSON")
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
        view = TimelineView(controller)
        view.resize(1280, 800)
        view.show()
        app.processEvents()
        layout = view.area.layout_
        assert layout is not None
        print(
            f"timeline drag: {len(controller.data.events)} events over {len(layout.days)} days,"
            f" up to {max(layout.lanes)} lanes a day, 1280x800"
        )
        repeat = max(1, args.repeat)
        saves: list[float] = []
        moves, releases, paints = drag_timeline(view, controller, repeat, saves)
        # drag_timeline timed each drag's moves, then its release.
        per_drag = MOVES + 1
        move_cpu = [c for n, c in enumerate(CPU) if n % per_drag != MOVES]
        release_cpu = [c for n, c in enumerate(CPU) if n % per_drag == MOVES]
        CPU.clear()
        keys = alt_right(view, controller, repeat, saves)
        key_cpu = list(CPU)
        CPU.clear()
        floor_moves = graphics_floor(view, repeat)
        print(
            figures(
                "a mouse move while dragging, until painted",
                (moves, move_cpu),
                "< 16 ms",
                floor_moves,
            )
        )
        print("  (floor: the same moves of one of as many rectangles in a bare QGraphicsView)")
        print(f"  paints seen: {paints} for {len(moves) + len(releases)} moves and releases")
        print(
            figures(
                "release: saved, journaled, laid out, painted",
                (releases, release_cpu),
                "< 50 ms",
                saves[:repeat],
            )
        )
        print("  (floor: the same edit saved to the file and journaled alone, no window)")
        print(
            figures("Alt+Right (a day later): the same", (keys, key_cpu), "< 50 ms", saves[repeat:])
        )
        print("  (floor: the edit saved to the file and journaled alone, no window)")
        view.close()
        view.deleteLater()
        app.processEvents()
        session.close()
        if args.json:
            print(
                json.dumps(
                    {
                        "move_median": statistics.median(moves),
                        "move_cpu_median": statistics.median(move_cpu),
                        "release_cpu_median": statistics.median(release_cpu),
                        "move_worst": max(moves),
                        "release_median": statistics.median(releases),
                        "release_worst": max(releases),
                        "key_median": statistics.median(keys),
                        "floor_move_median": statistics.median(floor_moves),
                        "floor_save_median": statistics.median(saves),
                    }
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
