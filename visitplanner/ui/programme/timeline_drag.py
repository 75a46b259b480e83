"""Dragging on the timeline: move a block, stretch one of its ends, sweep empty time.

A press on a block and a drag moves the event (snapped to 5 minutes, to another
day when the pointer goes to another column); a press within a few pixels of a
block's top or bottom edge moves that end only; a press in empty time and a drag
sweeps the stretch a new event will take. While dragging only a "ghost" is drawn
where the event would go, with its day and times, and only the pixels it leaves or
covers are repainted: a frame costs what the ghost covers, not the programme. On
release the move is one undoable edit (`TimelineView.set_times`); Esc gives up.
A visit open read-only and a cancelled event refuse, saying why.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication

from visitplanner.domain.values import instant
from visitplanner.services.schedule import DAY_MINUTES, STEP_MINUTES, local, moved_to, snap, wall
from visitplanner.ui.programme.timeline_layout import Segment, span_days
from visitplanner.ui.programme.timeline_text import clock, day_heading

if TYPE_CHECKING:
    from visitplanner.ui.programme.timeline_canvas import TimelineCanvas

#: How near a block's top or bottom edge a press takes that edge, in pixels.
EDGE_PIXELS: Final = 5
#: How near the viewport's edge a drag scrolls it, in pixels, and by how much per tick.
SCROLL_MARGIN: Final = 24
SCROLL_STEP: Final = 24
SCROLL_TICK_MS: Final = 40


class Mode(enum.Enum):
    """What a drag does."""

    MOVE = "move"
    START = "start"
    END = "end"
    CREATE = "create"


@dataclass(slots=True)
class Drag:
    """One drag, from the press to the release."""

    mode: Mode
    press: QPoint  # where the button went down (viewport)
    day: int  # the column pressed
    minute: int  # the minute pressed (not snapped)
    seg: Segment | None  # the block pressed (None: empty time)
    active: bool = False  # the pointer went further than a click
    span: tuple[datetime, datetime] | None = None  # where it would go now
    ghosts: list[tuple[QRect, str]] = field(default_factory=list)  # content coordinates
    area: QRect = field(default_factory=QRect)  # what the ghosts cover (content)


class DragTracker:
    """Turns the canvas's mouse presses, moves and releases into moves of events."""

    def __init__(self, canvas: TimelineCanvas) -> None:
        self.canvas = canvas
        self.drag: Drag | None = None
        self._last = QPoint()
        self._scroller = QTimer(canvas)
        self._scroller.setInterval(SCROLL_TICK_MS)
        self._scroller.timeout.connect(self._scroll)

    # ----- what is under the pointer ---------------------------------------------------

    def edge_at(self, pos: QPoint) -> tuple[Segment | None, Mode]:
        """The block under `pos` and what a drag from there does (CREATE on empty time)."""
        canvas = self.canvas
        seg = canvas.segment_at(pos)
        if seg is None:
            return None, Mode.CREATE
        rect = canvas.rect_of(seg)
        if rect.height() >= 3 * EDGE_PIXELS:
            if seg.first and pos.y() - rect.top() < EDGE_PIXELS:
                return seg, Mode.START
            if seg.last and rect.bottom() - pos.y() < EDGE_PIXELS:
                return seg, Mode.END
        return seg, Mode.MOVE

    def cursor_at(self, pos: QPoint) -> Qt.CursorShape:
        """The pointer's shape over `pos` when no button is down."""
        seg, mode = self.edge_at(pos)
        if seg is None or self.canvas.view.refusal(seg.event) is not None:
            return Qt.CursorShape.ArrowCursor
        if mode in (Mode.START, Mode.END):
            return Qt.CursorShape.SizeVerCursor
        return Qt.CursorShape.OpenHandCursor

    # ----- the drag ------------------------------------------------------------------

    def press(self, pos: QPoint) -> None:
        """The left button went down at `pos`: a drag may follow."""
        found = self.canvas.column_minute(pos)
        if found is None:
            self.drag = None
            return
        seg, mode = self.edge_at(pos)
        day, minute = found
        if seg is not None:
            day = seg.day
        self.drag = Drag(mode, pos, day, minute, seg)

    def move(self, pos: QPoint) -> None:
        """The pointer moved with the button down."""
        drag = self.drag
        if drag is None:
            return
        self._last = pos
        if not drag.active:
            if (pos - drag.press).manhattanLength() < QApplication.startDragDistance():
                return
            drag.active = True
            view = self.canvas.view
            reason = (
                view.refusal(drag.seg.event) if drag.seg is not None else view.refusal_to_create()
            )
            if reason is not None:
                self.canvas.tell(reason, drag.press)
                self.drag = None
                return
            self.canvas.viewport().setCursor(
                Qt.CursorShape.ClosedHandCursor
                if drag.mode is Mode.MOVE
                else Qt.CursorShape.SizeVerCursor
            )
        near = self._near_edge(pos)
        if near and not self._scroller.isActive():
            self._scroller.start()
        elif not near:
            self._scroller.stop()
        self._follow(pos)

    def release(self) -> None:
        """The button went up: carry the drag out."""
        drag, self.drag = self.drag, None
        self._scroller.stop()
        if drag is None or not drag.active:
            return
        self._repaint(drag.area)
        self.canvas.viewport().unsetCursor()
        if drag.span is None:
            return
        start, end = drag.span
        view = self.canvas.view
        if drag.mode is Mode.CREATE:
            view.slot_range_activated.emit(start, end)
        elif drag.seg is not None:
            view.set_times(drag.seg.event.id, start, end)

    def cancel(self) -> bool:
        """Give the drag up (Esc); False when there was none."""
        drag, self.drag = self.drag, None
        self._scroller.stop()
        if drag is None or not drag.active:
            return False
        self._repaint(drag.area)
        self.canvas.viewport().unsetCursor()
        return True

    # ----- where it goes --------------------------------------------------------------

    def target(self, drag: Drag, day: int, minute: int) -> tuple[datetime, datetime] | None:
        """The times the dragged event (or the new one) would have with the pointer at
        `minute` of column `day`."""
        canvas = self.canvas
        layout = canvas.layout_
        if layout is None:
            return None
        home = canvas.view.home()
        days = layout.days
        if drag.mode is Mode.CREATE:
            ends = sorted(max(0, min(DAY_MINUTES, snap(m))) for m in (drag.minute, minute))
            first, last = ends
            if last - first < STEP_MINUTES:
                last = min(DAY_MINUTES, first + STEP_MINUTES)
                first = last - STEP_MINUTES
            pressed = days[drag.day]
            return wall(pressed, first, home), wall(pressed, last, home)
        assert drag.seg is not None
        event = drag.seg.event
        here = days[drag.seg.day]
        if drag.mode is Mode.MOVE:
            start_day, start_minute = local(event.start, home)
            shift = snap(start_minute + minute - drag.minute) - start_minute
            moved = max(0, min(DAY_MINUTES - STEP_MINUTES, start_minute + shift))
            start = wall(start_day + timedelta(days=(days[day] - here).days), moved, home)
            return moved_to(event, start)
        # The edge follows the pointer by as much as it moved (wherever it was grabbed).
        moving = event.start if drag.mode is Mode.START else event.end
        edge_day, edge_minute = local(moving, home)
        edge_minute += (edge_day - here).days * DAY_MINUTES  # an end at midnight: 24:00
        edge_minute = snap(edge_minute + minute - drag.minute)
        edge = wall(here, max(0, min(DAY_MINUTES, edge_minute)), home)
        step = STEP_MINUTES * 60
        if drag.mode is Mode.START:
            if instant(event.end) - instant(edge) < step:
                edge = (event.end.astimezone(UTC) - timedelta(seconds=step)).astimezone(home)
            return edge, event.end
        if instant(edge) - instant(event.start) < step:
            edge = (event.start.astimezone(UTC) + timedelta(seconds=step)).astimezone(home)
        return event.start, edge

    def _follow(self, pos: QPoint) -> None:
        drag = self.drag
        found = self.canvas.column_minute(pos, nearest=True)
        if drag is None or found is None:
            return
        span = self.target(drag, *found)
        if span == drag.span:
            return  # snapped to the same place: nothing to draw
        drag.span = span
        old = drag.area
        drag.ghosts = self._ghosts(span) if span is not None else []
        drag.area = QRect()
        for rect, _label in drag.ghosts:
            drag.area = drag.area.united(rect.adjusted(-3, -3, 3, 3))
        self._repaint(old)
        self._repaint(drag.area)

    def _ghosts(self, span: tuple[datetime, datetime]) -> list[tuple[QRect, str]]:
        canvas = self.canvas
        layout = canvas.layout_
        assert layout is not None and canvas.words is not None
        home = canvas.view.home()
        lang = canvas.words.lang
        column = {day: n for n, day in enumerate(layout.days)}
        per_minute = canvas.hour_height / 60
        start, end = (moment.astimezone(home) for moment in span)
        times = f"{clock(start.hour, start.minute, lang)}–{clock(end.hour, end.minute, lang)}"
        ghosts = []
        for day, begin, finish, first, _last in span_days(start, end, home):
            n = column.get(day)
            if n is None:
                continue
            left, width = canvas.column(n)
            # Before the axis begins (a move to 05:00 on an axis from 07:00): drawn from
            # its top; the axis grows to show it once the move is made.
            shown = max(begin, layout.first_minute)
            top = round((shown - layout.first_minute) * per_minute)
            height = max(14, round((max(finish, shown) - shown) * per_minute))
            label = f"{day_heading(day, lang)} {times}" if first else f"… {times}"
            ghosts.append((QRect(left + 1, top, width - 2, height), label))
        return ghosts

    def paint(self, painter: QPainter, origin: QPoint, highlight: QColor) -> None:
        """Draw where the dragged event would go (viewport coordinates: `origin` is where
        content (0, 0) is)."""
        drag = self.drag
        if drag is None or not drag.active:
            return
        fill = QColor(highlight)
        fill.setAlpha(70)
        painter.save()
        metrics = painter.fontMetrics()
        for rect, label in drag.ghosts:
            box = rect.translated(origin)
            painter.setBrush(fill)
            painter.setPen(QPen(highlight, 2, Qt.PenStyle.DashLine))
            painter.drawRect(box.adjusted(1, 1, -1, -1))
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, box.width() - 12)
            tag = QRect(box.left() + 3, box.top() + 3, metrics.horizontalAdvance(text) + 6, 0)
            tag.setHeight(min(metrics.height() + 2, max(0, box.height() - 6)))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(highlight)
            painter.drawRect(tag)
            painter.setPen(QColor("#FFFFFF") if highlight.lightness() < 140 else QColor("#000"))
            painter.drawText(tag.adjusted(3, 0, -3, 0), Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    # ----- scrolling while dragging -----------------------------------------------------

    def _near_edge(self, pos: QPoint) -> bool:
        view = self.canvas.viewport().rect()
        return (
            pos.x() > view.right() - SCROLL_MARGIN
            or pos.y() > view.bottom() - SCROLL_MARGIN
            or pos.x() < self.canvas.gutter() + SCROLL_MARGIN
            or pos.y() < self.canvas.header() + SCROLL_MARGIN
        )

    def _scroll(self) -> None:
        if self.drag is None:
            self._scroller.stop()
            return
        pos = self._last
        view = self.canvas.viewport().rect()
        dx = (
            SCROLL_STEP
            if pos.x() > view.right() - SCROLL_MARGIN
            else -SCROLL_STEP
            if pos.x() < self.canvas.gutter() + SCROLL_MARGIN
            else 0
        )
        dy = (
            SCROLL_STEP
            if pos.y() > view.bottom() - SCROLL_MARGIN
            else -SCROLL_STEP
            if pos.y() < self.canvas.header() + SCROLL_MARGIN
            else 0
        )
        horizontal = self.canvas.horizontalScrollBar()
        vertical = self.canvas.verticalScrollBar()
        horizontal.setValue(horizontal.value() + dx)
        vertical.setValue(vertical.value() + dy)
        self._follow(pos)

    def _repaint(self, area: QRect) -> None:
        if not area.isNull():
            self.canvas.viewport().update(area.translated(self.canvas.offset()))
