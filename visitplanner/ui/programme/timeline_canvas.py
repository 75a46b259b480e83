"""The painted, scrolling part of the timeline: blocks, time axis, day headings, input.

Only the blocks meeting the exposed area are painted: each visible day's blocks
are sorted by top, so bisecting finds them. Rectangles are computed once per
layout (and on resize or zoom), never while painting.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip

from visitplanner.i18n import _
from visitplanner.ui.programme.timeline_drag import DragTracker
from visitplanner.ui.programme.timeline_layout import DAY_MINUTES, ProgrammeLayout, Segment
from visitplanner.ui.programme.timeline_style import BlockFonts, block_look, paint_block
from visitplanner.ui.programme.timeline_text import EventWords, clock, day_heading, slot_time

if TYPE_CHECKING:
    from visitplanner.ui.programme.timeline import TimelineView

HEADER_HEIGHT: Final = 30
GUTTER_WIDTH: Final = 56
MIN_DAY_WIDTH: Final = 170
MIN_LANE_WIDTH: Final = 110
DAY_GAP: Final = 6
DEFAULT_HOUR_HEIGHT: Final = 64


class TimelineCanvas(QAbstractScrollArea):
    """The scrolling, painted part of the timeline: blocks, time axis and day headings."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self._view = view
        self.view = view
        self.drags = DragTracker(self)
        self.layout_: ProgrammeLayout | None = None
        self.words: EventWords | None = None
        self.hour_height = DEFAULT_HOUR_HEIGHT
        self._col_x: list[int] = []
        self._col_w: list[int] = []
        self._tops: list[list[int]] = []
        self._tallest: list[int] = []
        # Per day: (its segments, (left, scale), tops, tallest) as last placed.
        self._placed: list[tuple[list[Segment], tuple[int, tuple[int, int, int]], list[int], int]]
        self._placed = []
        self._content = (0, 0)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)  # the pointer's shape says what a drag does
        self.horizontalScrollBar().setSingleStep(40)
        self.verticalScrollBar().setSingleStep(20)

    # ----- geometry ---------------------------------------------------------------

    def place(self) -> None:
        """Turn the layout's minutes and lanes into rectangles (content coordinates).

        Every day gets the same width: enough for the busiest day's lanes, and the window's
        width shared out when that is more. A day laid out as before, at the same place and
        scale, keeps its rectangles (a drag or an edit changes one or two days).
        """
        layout = self.layout_
        if layout is None:
            return
        count = len(layout.days)
        natural = max([MIN_DAY_WIDTH, *(lanes * MIN_LANE_WIDTH for lanes in layout.lanes)])
        available = self.viewport().width() - GUTTER_WIDTH - DAY_GAP * count
        width = max(natural, available // count) if count else natural
        self._col_x = [n * (width + DAY_GAP) for n in range(count)]
        self._col_w = [width] * count
        per_minute = self.hour_height / 60
        first = layout.first_minute
        scale = (width, self.hour_height, first)
        old = self._placed
        self._placed, self._tops, self._tallest = [], [], []
        for day, segs in enumerate(layout.segments):
            left = self._col_x[day]
            if day < len(old) and old[day][0] is segs and old[day][1] == (left, scale):
                self._placed.append(old[day])
                self._tops.append(old[day][2])
                self._tallest.append(old[day][3])
                continue
            tops, tallest = [], 0
            for seg in segs:
                lane_width = width / seg.lanes
                top = round((seg.start - first) * per_minute)
                height = max(8, round((seg.end - first) * per_minute) - top - 1)
                rect = QRect(
                    left + round(seg.lane * lane_width), top, max(6, round(lane_width) - 2), height
                )
                seg.cache["rect"] = rect
                tops.append(top)
                tallest = max(tallest, height)
            self._placed.append((segs, (left, scale), tops, tallest))
            self._tops.append(tops)
            self._tallest.append(tallest)
        x = count * (width + DAY_GAP)
        self._content = (max(0, x - DAY_GAP), round((DAY_MINUTES - first) * per_minute))
        self._update_scrollbars()

    def _update_scrollbars(self) -> None:
        width, height = self._content
        view = self.viewport().size()
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        horizontal.setRange(0, max(0, width + GUTTER_WIDTH - view.width()))
        horizontal.setPageStep(max(1, view.width() - GUTTER_WIDTH))
        vertical.setRange(0, max(0, height + HEADER_HEIGHT - view.height()))
        vertical.setPageStep(max(1, view.height() - HEADER_HEIGHT))

    def offset(self) -> QPoint:
        """Where content coordinate (0, 0) is in the viewport now."""
        return QPoint(
            GUTTER_WIDTH - self.horizontalScrollBar().value(),
            HEADER_HEIGHT - self.verticalScrollBar().value(),
        )

    def rect_of(self, seg: Segment) -> QRect:
        """A segment's block in viewport coordinates."""
        rect = seg.cache["rect"]
        assert isinstance(rect, QRect)
        return rect.translated(self.offset())

    def _columns_in(self, left: int, right: int) -> range:
        """The days whose columns meet the content x range [left, right]."""
        first = max(0, bisect.bisect_right(self._col_x, left) - 1)
        last = bisect.bisect_right(self._col_x, right)
        return range(first, min(last, len(self._col_x)))

    def segments_in(self, area: QRect) -> Iterable[Segment]:
        """The segments whose blocks meet `area` (content coordinates)."""
        layout = self.layout_
        if layout is None:
            return
        for day in self._columns_in(area.left(), area.right()):
            tops = self._tops[day]
            low = bisect.bisect_left(tops, area.top() - self._tallest[day])
            high = bisect.bisect_right(tops, area.bottom())
            for seg in layout.segments[day][low:high]:
                rect = seg.cache["rect"]
                assert isinstance(rect, QRect)
                if rect.intersects(area):
                    yield seg

    def segment_at(self, pos: QPoint) -> Segment | None:
        """The segment under a viewport point, if any."""
        point = pos - self.offset()
        if pos.x() < GUTTER_WIDTH or pos.y() < HEADER_HEIGHT:
            return None
        for seg in self.segments_in(QRect(point, point)):
            return seg
        return None

    def day_minute_at(self, pos: QPoint) -> tuple[int, int] | None:
        """The day and the minute under a viewport point (empty space included)."""
        if self.layout_ is None or pos.x() < GUTTER_WIDTH or pos.y() < HEADER_HEIGHT:
            return None
        point = pos - self.offset()
        for day in self._columns_in(point.x(), point.x()):
            if self._col_x[day] <= point.x() < self._col_x[day] + self._col_w[day]:
                return day, self.layout_.first_minute + round(point.y() * 60 / self.hour_height)
        return None

    def column_minute(self, pos: QPoint, nearest: bool = False) -> tuple[int, int] | None:
        """The column and the minute (not snapped; may be past the day's ends) under a
        viewport point; `nearest`: the nearest column even beside the columns, above or
        below the axis (a drag goes on there)."""
        layout = self.layout_
        if layout is None or not self._col_x:
            return None
        if not nearest and (pos.x() < GUTTER_WIDTH or pos.y() < HEADER_HEIGHT):
            return None
        point = pos - self.offset()
        day = max(0, min(len(self._col_x) - 1, bisect.bisect_right(self._col_x, point.x()) - 1))
        if not nearest and point.x() >= self._col_x[day] + self._col_w[day]:
            return None
        return day, layout.first_minute + round(point.y() * 60 / self.hour_height)

    def column(self, day: int) -> tuple[int, int]:
        """The left edge (content coordinates) and the width of a day's column."""
        return self._col_x[day], self._col_w[day]

    def gutter(self) -> int:
        """The width of the time axis on the left."""
        return GUTTER_WIDTH

    def header(self) -> int:
        """The height of the day headings."""
        return HEADER_HEIGHT

    def tell(self, message: str, pos: QPoint) -> None:
        """Say briefly, by the pointer (a viewport point), why something was refused."""
        QToolTip.showText(self.viewport().mapToGlobal(pos), message, self.viewport())

    def ensure_visible(self, seg: Segment) -> None:
        """Scroll so that the segment's block is in view."""
        rect = seg.cache["rect"]
        assert isinstance(rect, QRect)
        view = self.viewport().size()
        horizontal, vertical = self.horizontalScrollBar(), self.verticalScrollBar()
        shown_w, shown_h = view.width() - GUTTER_WIDTH, view.height() - HEADER_HEIGHT
        if rect.left() < horizontal.value() or rect.right() > horizontal.value() + shown_w:
            horizontal.setValue(rect.left() - max(0, (shown_w - rect.width()) // 2))
        if rect.top() < vertical.value() or rect.bottom() > vertical.value() + shown_h:
            vertical.setValue(rect.top() - 24)

    # ----- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        exposed = event.rect()
        painter.fillRect(exposed, palette.base())
        layout = self.layout_
        if layout is None or self.words is None:
            return
        origin = self.offset()
        area = exposed.translated(-origin)
        columns = self._columns_in(area.left(), area.right())
        width, height = self._content
        grid = QColor(palette.mid().color())
        grid.setAlpha(90)
        for day in columns:
            if layout.outside[day]:
                left = self._col_x[day] + origin.x()
                painter.fillRect(
                    QRect(left, origin.y(), self._col_w[day], height), palette.alternateBase()
                )
        painter.setPen(QPen(grid, 1))
        # Only the part of each line that is exposed: a summit's hour lines are 50,000
        # pixels long, and the painter works through them however much is clipped.
        top = max(origin.y(), exposed.top())
        bottom = min(origin.y() + height, exposed.bottom())
        for day in columns:
            x = self._col_x[day] + origin.x() - DAY_GAP // 2
            painter.drawLine(x, top, x, bottom)
        left = max(GUTTER_WIDTH, exposed.left())
        right = min(origin.x() + width, exposed.right())
        for minute in range(layout.first_minute, DAY_MINUTES + 1, 60):
            y = origin.y() + round((minute - layout.first_minute) * self.hour_height / 60)
            if exposed.top() <= y <= exposed.bottom():
                painter.drawLine(left, y, right, y)
        selected = self._view.selected_event_id()
        highlight = palette.highlight().color()
        fonts = BlockFonts(painter.font())
        for seg in self.segments_in(area):
            text = seg.cache.get("text")
            if text is None:
                text = seg.cache["text"] = self.words.block(seg.event, not seg.first)
            paint_block(
                painter,
                self.rect_of(seg),
                block_look(seg.event.kind, seg.event.status),
                text,  # type: ignore[arg-type]
                seg.event.id in self._view.conflicts,
                seg.event.id == selected,
                highlight,
                seg.cache,
                fonts,
            )
        self.drags.paint(painter, origin, highlight)
        self._paint_axis(painter, layout, columns, origin)

    def _paint_axis(
        self, painter: QPainter, layout: ProgrammeLayout, columns: range, origin: QPoint
    ) -> None:
        palette = self.palette()
        size = self.viewport().size()
        painter.setClipping(False)
        painter.fillRect(QRect(0, 0, GUTTER_WIDTH, size.height()), palette.window())
        painter.setPen(palette.text().color())
        for minute in range(layout.first_minute, DAY_MINUTES, 60):
            y = origin.y() + round((minute - layout.first_minute) * self.hour_height / 60)
            if y >= HEADER_HEIGHT - 6:
                text = clock(minute // 60, 0, self.words.lang if self.words else "en")
                painter.drawText(
                    QRect(0, y - 2, GUTTER_WIDTH - 6, 20), Qt.AlignmentFlag.AlignRight, text
                )
        painter.fillRect(QRect(0, 0, size.width(), HEADER_HEIGHT), palette.window())
        painter.setClipRect(QRect(GUTTER_WIDTH, 0, size.width(), HEADER_HEIGHT))
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        visible = QRect(GUTTER_WIDTH, 0, size.width() - GUTTER_WIDTH, HEADER_HEIGHT)
        for day in columns:
            box = QRect(self._col_x[day] + origin.x(), 0, self._col_w[day], HEADER_HEIGHT)
            # Centred in the part in view: a summit day is wider than the window.
            box = box.intersected(visible)
            heading = day_heading(layout.days[day], self.words.lang if self.words else "en")
            if layout.outside[day]:
                heading = _("{day} (outside the visit)").format(day=heading)
            painter.drawText(box.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignCenter, heading)
        painter.setClipping(False)
        painter.setPen(palette.mid().color())
        painter.drawLine(0, HEADER_HEIGHT - 1, size.width(), HEADER_HEIGHT - 1)
        painter.drawLine(GUTTER_WIDTH - 1, 0, GUTTER_WIDTH - 1, size.height())

    # ----- input --------------------------------------------------------------------

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()  # the axis and the headings stay put: repaint all

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.place()  # the columns share the width: every block moves
        else:
            self._update_scrollbars()  # a block's place does not depend on the height

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            seg = self.segment_at(event.pos())
            if seg is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._view.tooltip_of(seg.event), self)
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position().toPoint()
        seg = self.segment_at(pos)
        self._view.select_event(seg.event.id if seg else None, scroll=False)
        if event.button() == Qt.MouseButton.LeftButton:
            self.drags.press(pos)
        elif seg is not None and event.button() == Qt.MouseButton.RightButton:
            self._view.event_context_menu.emit(seg.event.id, event.globalPosition().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.drags.move(pos)
        elif self.drags.drag is None:
            self.viewport().setCursor(self.drags.cursor_at(pos))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.drags.release()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        seg = self.segment_at(pos)
        if seg is not None:
            self._view.event_activated.emit(seg.event.id)
            return
        found = self.day_minute_at(pos)
        if found is not None and self.layout_ is not None:
            day, minute = found
            tz = ZoneInfo(self._view.controller.data.visit.tz)
            self._view.slot_activated.emit(slot_time(self.layout_.days[day], minute, tz))

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._view.zoom(1 if event.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab moves between events; past the last one it leaves the timeline.
        if self._view.step_in_order(1 if next else -1):
            return True
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        moves = {
            Qt.Key.Key_Up: lambda: self._view.step_in_day(-1),
            Qt.Key.Key_Down: lambda: self._view.step_in_day(1),
            Qt.Key.Key_Left: lambda: self._view.step_across_days(-1),
            Qt.Key.Key_Right: lambda: self._view.step_across_days(1),
            Qt.Key.Key_Home: lambda: self._view.step_to_end(first=True),
            Qt.Key.Key_End: lambda: self._view.step_to_end(first=False),
        }
        modifiers = event.modifiers()
        control = modifiers & Qt.KeyboardModifier.ControlModifier
        alt = modifiers & Qt.KeyboardModifier.AltModifier
        shift = modifiers & Qt.KeyboardModifier.ShiftModifier
        nudges = {
            Qt.Key.Key_Up: lambda: self._view.nudge(minutes=-1),
            Qt.Key.Key_Down: lambda: self._view.nudge(minutes=1),
            Qt.Key.Key_Left: lambda: self._view.nudge(days=-1),
            Qt.Key.Key_Right: lambda: self._view.nudge(days=1),
        }
        stretches = {
            Qt.Key.Key_Up: lambda: self._view.stretch(-1),
            Qt.Key.Key_Down: lambda: self._view.stretch(1),
        }
        if key == Qt.Key.Key_Escape and self.drags.cancel():
            return
        if alt and not control:
            # Alt+arrows move the selected event; Alt+Shift+Up/Down move its end.
            (stretches if shift else nudges).get(key, lambda: None)()
        elif key in moves and not control:
            moves[key]()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            selected = self._view.selected_event_id()
            if selected:
                self._view.event_activated.emit(selected)
        elif control and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._view.zoom(1)
        elif control and key == Qt.Key.Key_Minus:
            self._view.zoom(-1)
        elif control and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            # Tab walks the events; Ctrl+Tab leaves the timeline at once, however many.
            super().focusNextPrevChild(key == Qt.Key.Key_Tab)
        else:
            super().keyPressEvent(event)
