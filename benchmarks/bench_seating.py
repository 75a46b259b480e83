"""Time proposing a summit-sized banquet's seating plan, its checks, and its place cards;
then the room on the Seating page: opening it, dragging a person, dropping them.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_seating.py [--repeat N] [--guests N]

A gala dinner of the summit visit: the first N people (600 by default) at a head
table of 12 and round tables of 10, proposed à la française and as a working meal;
then the seating checks, the JSON round trip of the plan, and the place cards PDF.

The room: N people at N/10 round tables of 10 in a grid, on the Seating page at
1280x800. Opening is timed from the drawing of the room until it is painted (goal:
200 ms for 600 seats); a drag, mouse move by mouse move, each until painted (goal: a
frame, 16 ms); the drop, until the move is applied and the room painted again. The
floor beside them: a bare QGraphicsScene with as many tables, seats and names, built
and painted, and one of its names moved.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# This checkout's package, not one installed elsewhere (a worktree's, say).
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from summit import generate_summit

from visitplanner.domain.arrangements import SeatingPlan, SeatingStrategy
from visitplanner.domain.precedence import event_order
from visitplanner.domain.protocol_checks import check_seating
from visitplanner.domain.seating import propose, tables_from_spec
from visitplanner.exports.protocol_pdf import seating_pdf

#: How many mouse moves a drag is made of.
MOVES = 24


def best_of(repeat: int, step: Callable[[], object]) -> tuple[float, object]:
    """The shortest time of `repeat` runs of `step`, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def main(argv: list[str]) -> int:
    """Report the best time of each step."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--guests", type=int, default=600)
    parser.add_argument("--no-canvas", action="store_true", help="skip the Seating page")
    args = parser.parse_args(argv)
    data = generate_summit()
    event = data.events[0]
    event.participant_ids = [p.id for p in data.people[: args.guests]]
    rounds = math.ceil((args.guests - 12) / 10)
    tables = tables_from_spec(",".join(["head:12"] + ["round:10"] * rounds))
    order = event_order(data, event)
    for strategy in SeatingStrategy:
        seconds, plan = best_of(
            args.repeat,
            lambda s=strategy: propose(SeatingPlan(tables=tables), s, order, data.delegations),
        )
        assert isinstance(plan, SeatingPlan)
        print(f"propose {strategy.value}: {len(plan.seated_ids())} seated, {seconds * 1000:.0f} ms")
        event.seating = plan
    seconds, found = best_of(args.repeat, lambda: list(check_seating(data, [event])))
    print(f"seating checks: {len(found)} findings, {seconds * 1000:.0f} ms")  # type: ignore[arg-type]
    seconds, pdf = best_of(1, lambda: seating_pdf(data, event, "fr"))
    print(f"place cards and chart: {len(pdf) // 1024} KiB, {seconds:.1f} s")  # type: ignore[arg-type]
    if not args.no_canvas:
        bench_canvas(data, event, args.guests, args.repeat)
    return 0


def bench_canvas(data, event, guests: int, repeat: int) -> None:  # type: ignore[no-untyped-def]
    """The room on the Seating page: open, drag, drop; and the bare scene's floor."""
    import os
    import statistics

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from visitplanner.domain import room_plan
    from visitplanner.domain.arrangements import TableShape
    from visitplanner.operations.change import Change
    from visitplanner.ui.seating.view import SeatingView

    app = QApplication.instance() or QApplication([])
    tables = max(1, guests // 10)
    plan = room_plan.arrange_grid(
        room_plan.add_tables(SeatingPlan(), TableShape.ROUND, 10, count=tables)
    )
    event.seating = propose(
        plan, SeatingStrategy.OFFICIAL, event_order(data, event), data.delegations
    )

    class Session:
        """The visit in memory: each edit replaces its event (no file: the window's part
        alone is timed; saving is bench_drag's and bench_journal's)."""

        def __init__(self) -> None:
            self.data = data

        def apply(self, operation) -> Change:  # type: ignore[no-untyped-def]
            after = operation.after
            self.data.events = [after if e.id == after.id else e for e in self.data.events]
            return Change()

    session = Session()
    view = SeatingView(session)  # type: ignore[arg-type]
    view.resize(1280, 800)
    view.show()
    app.processEvents()

    def painted(step: Callable[[], object]) -> float:
        start = time.perf_counter()
        step()
        app.processEvents()
        app.processEvents()
        return time.perf_counter() - start

    def open_room() -> None:
        view._shown_event = view._drawn = None
        view.show_event(event.id)
        view.refresh()

    opening = min(painted(open_room) for _ in range(repeat))
    seats = len(view.canvas.seat_items)
    viewport = view.canvas.viewport()

    def mouse(kind: QEvent.Type, pos: QPointF, held: bool) -> None:
        button = (
            Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        )
        buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
        app.sendEvent(
            viewport,
            QMouseEvent(
                kind,
                pos,
                viewport.mapToGlobal(pos),
                button,
                buttons,
                Qt.KeyboardModifier.NoModifier,
            ),
        )

    moves: list[float] = []
    drops: list[float] = []
    for n in range(repeat):
        shown = view.current_event()
        assert shown is not None and shown.seating is not None
        taken = [s for _t, s in shown.seating.seats() if s.person_id]
        source, target = taken[n], taken[len(taken) // 2 + n]
        start = QPointF(view.canvas.mapFromScene(view.canvas.seat_item(source.id).scenePos()))
        end = QPointF(view.canvas.mapFromScene(view.canvas.seat_item(target.id).scenePos()))
        mouse(QEvent.Type.MouseButtonPress, start, True)
        for k in range(1, MOVES + 1):
            here = start + (end - start) * (k / MOVES)
            moves.append(painted(lambda here=here: mouse(QEvent.Type.MouseMove, here, True)))
        drops.append(painted(lambda end=end: mouse(QEvent.Type.MouseButtonRelease, end, False)))
        after = view.current_event()
        assert after is not None and after.seating is not None
        assert after.seating.seat(target.id).person_id == source.person_id, "the drop did not move"
    floor_open, floor_move = _bare_scene(seats, tables, repeat)
    print(
        f"room canvas opens: {seats} seats, {opening * 1000:.0f} ms "
        f"(floor {floor_open * 1000:.0f} ms)"
    )
    print(
        f"drag a person: median {statistics.median(moves) * 1000:.1f} ms a move, "
        f"worst {max(moves) * 1000:.1f} ms (floor {floor_move * 1000:.1f} ms)"
    )
    print(f"drop and redraw: {min(drops) * 1000:.0f} ms")
    view.close()


def _bare_scene(seats: int, tables: int, repeat: int) -> tuple[float, float]:
    """(seconds to build and paint, median seconds per painted move of one name): a bare
    QGraphicsScene with as many tables, seat circles and names as the room."""
    import statistics

    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import (
        QApplication,
        QGraphicsEllipseItem,
        QGraphicsScene,
        QGraphicsSimpleTextItem,
        QGraphicsView,
    )

    app = QApplication.instance()
    assert app is not None
    view = QGraphicsView()
    view.resize(1000, 700)
    view.show()
    names: list[QGraphicsSimpleTextItem] = []

    def build() -> None:
        scene = QGraphicsScene(view)
        names.clear()
        columns = max(1, math.ceil(math.sqrt(tables)))
        for t in range(tables):
            x, y = (t % columns) * 300.0, (t // columns) * 300.0
            scene.addItem(QGraphicsEllipseItem(x - 80, y - 80, 160, 160))
            for k in range(seats // max(tables, 1)):
                seat = QGraphicsEllipseItem(-15, -15, 30, 30)
                a = 2 * math.pi * k / 10
                seat.setPos(x + 110 * math.cos(a), y + 110 * math.sin(a))
                scene.addItem(seat)
                QGraphicsSimpleTextItem(str(k + 1), seat)
                names.append(QGraphicsSimpleTextItem("Name SURNAME", seat))
        view.setScene(scene)
        view.fitInView(scene.itemsBoundingRect())

    def painted(step: Callable[[], object]) -> float:
        start = time.perf_counter()
        step()
        app.processEvents()
        app.processEvents()
        return time.perf_counter() - start

    opening = min(painted(build) for _ in range(repeat))
    moving = names[0]
    moves = [
        painted(lambda k=k: moving.setPos(QPointF(k * 3.0, k * 2.0))) for k in range(MOVES * repeat)
    ]
    view.close()
    return opening, statistics.median(moves)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
