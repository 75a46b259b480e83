"""The programme day by day: one column per day, events as blocks on a time axis.

The layout (days, lanes) is computed once per change of the visit; painting
draws only the blocks that intersect the exposed area, found by bisecting each
visible day's blocks (sorted by top). So 5,000 events scroll as smoothly as 30.
A filter (typed in the list beside it) lays out again only the days it changes,
and only once the timeline is shown: typing in the list does not wait for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Set
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QRect, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from visitplanner.domain.checks import Finding, Severity
from visitplanner.domain.model import Event
from visitplanner.domain.values import instant
from visitplanner.i18n import _
from visitplanner.operations.change import Change
from visitplanner.services.schedule import (
    STEP_MINUTES,
    local,
    moved_to,
    rescheduled,
    step_from,
    wall,
)
from visitplanner.ui.programme.timeline_canvas import TimelineCanvas
from visitplanner.ui.programme.timeline_layout import Placement, Segment, lay_out, place_events
from visitplanner.ui.programme.timeline_style import TimelineLegend
from visitplanner.ui.programme.timeline_text import EventWords
from visitplanner.ui.shell.controller import VisitController

log = logging.getLogger(__name__)

#: The heights of an hour the zoom steps through, in pixels.
HOUR_HEIGHTS = (32, 48, 64, 96, 128, 192)
#: Past this many events changed at once, the programme is placed again from scratch.
PATCH_AT_MOST = 50


class TimelineView(QWidget):
    """The programme as a day-by-day timeline of event blocks.

    Signals: `event_selected(str)` when the selection changes (an empty string when
    nothing is selected); `event_activated(str)` on double-click or Enter (open the
    editor); `slot_activated(datetime)` on double-click on empty time (new event
    there); `event_context_menu(str, QPoint)` on right-click on a block (global
    position); `slot_range_activated(datetime, datetime)` when a stretch of empty time
    is click-dragged (a new event there).

    Blocks are moved and resized by dragging them, or with Alt+arrows on the selected
    one; each move is one undoable edit through the controller (`set_times`).
    """

    event_selected = Signal(str)
    event_activated = Signal(str)
    slot_activated = Signal(object)
    event_context_menu = Signal(str, QPoint)
    slot_range_activated = Signal(object, object)

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.conflicts: dict[str, list[str]] = {}
        self._keep: Callable[[Event], bool] | Set[str] | None = None
        self._selected: str | None = None
        self._placement: Placement | None = None
        self._dirty = True  # the programme changed: place the events again
        self._stale = False  # the filter changed: lay out again
        self.legend = TimelineLegend(self)
        self.area = TimelineCanvas(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.legend)
        layout.addWidget(self.area, 1)
        self.setFocusProxy(self.area)
        controller.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    # ----- public API ----------------------------------------------------------------

    def viewport(self) -> QWidget:
        """The widget the blocks are painted on (block_rect's coordinates)."""
        return self.area.viewport()

    def refresh(self) -> None:
        """Lay the programme out again from the visit (after any change)."""
        data = self.controller.data
        self.area.words = EventWords(data)
        self._placement = place_events(data.visit, data.events)
        self._dirty = False
        self._lay_out(previous=False)

    def _lay_out(self, previous: bool = True) -> None:
        """Lay out the events the filter shows (reusing the days it leaves as they were)."""
        placement = self._placement
        assert placement is not None
        keep = self._keep
        shown = {e.id for e in placement.events if keep(e)} if callable(keep) else keep
        self.area.layout_ = lay_out(
            self.controller.data.visit,
            placement,
            shown,
            previous=self.area.layout_ if previous else None,
        )
        self.area.place()
        self._stale = False
        if self._selected is not None and self.area.layout_.segment_of(self._selected) is None:
            self.select_event(None)
        self._describe()
        self.area.viewport().update()

    def retranslate(self) -> None:
        """Write labels again in the current language."""
        self.legend.retranslate()
        self.area.setAccessibleName(_("Programme timeline"))
        self.setAccessibleName(_("Programme timeline"))
        self._describe()

    def set_findings(self, findings: Iterable[Finding]) -> None:
        """Mark the events that error-level findings involve (red border, warning glyph)."""
        conflicts: dict[str, list[str]] = {}
        for finding in findings:
            if finding.severity is Severity.ERROR:
                for ident in finding.event_ids:
                    conflicts.setdefault(ident, []).append(finding.message)
        self.conflicts = conflicts
        self._describe()
        self.area.viewport().update()

    def set_filter(self, keep: Callable[[Event], bool] | Set[str] | None) -> None:
        """Show only the events `keep` accepts, or whose ids it holds (all for None).

        Laid out at once when the timeline is shown, else when it is next shown.
        """
        if keep is self._keep or (
            isinstance(keep, Set) and isinstance(self._keep, Set) and keep == self._keep
        ):
            return
        self._keep = keep
        self._stale = True
        if self.isVisible():
            self._ensure()

    def days(self) -> list[date]:
        """The days shown, in order."""
        self._ensure()
        return list(self.area.layout_.days) if self.area.layout_ else []

    def selected_event_id(self) -> str | None:
        """The id of the selected event, or None."""
        return self._selected

    def select_event(self, event_id: str | None, scroll: bool = True) -> bool:
        """Select an event (None: nothing) and scroll to it; False when it is not shown."""
        self._ensure()
        layout = self.area.layout_
        seg = layout.segment_of(event_id) if layout and event_id else None
        if event_id is not None and seg is None:
            return False
        if seg is not None and scroll:
            self.area.ensure_visible(seg)
        if event_id != self._selected:
            self._selected = event_id
            self._describe()
            self.area.viewport().update()
            self.event_selected.emit(event_id or "")
        return True

    def block_rect(self, event_id: str) -> QRect | None:
        """Where the event's (first) block is painted, in viewport() coordinates; None when
        it is not shown. The rectangle may lie outside the visible part when scrolled away."""
        self._ensure()
        layout = self.area.layout_
        seg = layout.segment_of(event_id) if layout else None
        return self.area.rect_of(seg) if seg else None

    def event_at(self, pos: QPoint) -> str | None:
        """The id of the event painted at a viewport() point."""
        self._ensure()
        seg = self.area.segment_at(pos)
        return seg.event.id if seg else None

    def tooltip_of(self, event: Event) -> str:
        """The tooltip of an event's block (rich text)."""
        assert self.area.words is not None
        return self.area.words.tooltip(event, self.conflicts.get(event.id, []))

    def zoom(self, steps: int) -> None:
        """Make hours taller (steps > 0) or shorter, keeping the selection in view."""
        heights = HOUR_HEIGHTS
        now = min(range(len(heights)), key=lambda n: abs(heights[n] - self.area.hour_height))
        self.area.hour_height = heights[max(0, min(len(heights) - 1, now + steps))]
        self.area.place()
        layout = self.area.layout_
        if self._selected and layout and (seg := layout.segment_of(self._selected)):
            self.area.ensure_visible(seg)
        self.area.viewport().update()

    # ----- moving events ----------------------------------------------------------

    def refusal(self, event: Event) -> str | None:
        """Why `event` cannot be moved or resized here, or None when it can."""
        if self.controller.read_only:
            return _("This visit is open read-only; it cannot be changed.")
        if event.cancelled:
            return _(
                "A cancelled event keeps the times it was cancelled at. To move it, "
                "open it and change its status first."
            )
        return None

    def refusal_to_create(self) -> str | None:
        """Why no event can be added by sweeping empty time, or None when one can."""
        if self.controller.read_only:
            return _("This visit is open read-only; it cannot be changed.")
        return None

    def home(self) -> ZoneInfo:
        """The visit's zone: the timeline's wall clock."""
        return ZoneInfo(self.controller.data.visit.tz)

    def set_times(self, event_id: str, start: datetime, end: datetime) -> bool:
        """Give an event new times as one undoable edit; False when refused or unchanged.

        The same duration is a move (its running order follows it); else a resize.
        """
        event = next((e for e in self.controller.data.events if e.id == event_id), None)
        if event is None or self.refusal(event) is not None:
            return False  # gone meanwhile (another program deleted it), or refused
        kept = instant(end) - instant(start) == instant(event.end) - instant(event.start)
        title = self.area.words.title(event) if self.area.words else event.title.fr
        label = _("Move event “{title}”") if kept else _("Change the times of “{title}”")
        edit = rescheduled(event, start, end, label.format(title=title))
        if edit is None or not self.controller.apply(edit, self):
            return False
        seg = self._current()
        if seg is not None:
            self.area.ensure_visible(seg)
        return True

    def _selected_movable(self) -> Event | None:
        """The selected event if it may be moved; else None, and a note saying why."""
        seg = self._current()
        if seg is None:
            return None
        reason = self.refusal(seg.event)
        if reason is not None:
            self.area.tell(reason, self.area.rect_of(seg).center())
            return None
        return seg.event

    def nudge(self, minutes: int = 0, days: int = 0) -> bool:
        """Move the selected event to the next 5 minutes later (minutes 1) or earlier (-1),
        or a day later or earlier (Alt+arrows)."""
        event = self._selected_movable()
        if event is None:
            return False
        day, minute = local(event.start, self.home())
        if minutes:
            minute = step_from(minute, minutes)
        start = wall(day + timedelta(days=days), minute, self.home())
        return self.set_times(event.id, *moved_to(event, start))

    def stretch(self, direction: int) -> bool:
        """End the selected event 5 minutes later (1) or earlier (-1) (Alt+Shift+arrows);
        never before it starts plus 5 minutes."""
        event = self._selected_movable()
        if event is None:
            return False
        day, minute = local(event.end, self.home())
        end = wall(day, step_from(minute, direction), self.home())
        if instant(end) - instant(event.start) < STEP_MINUTES * 60:
            return False
        return self.set_times(event.id, event.start, end)

    # ----- keyboard moves ---------------------------------------------------------

    def step_in_order(self, step: int) -> bool:
        """Select the next (step 1) or previous (-1) event in time; False past the ends."""
        self._ensure()
        order = self.area.layout_.order if self.area.layout_ else []
        if not order:
            return False
        if self._selected not in order:
            return self.select_event(order[0 if step > 0 else -1])
        index = order.index(self._selected) + step
        return 0 <= index < len(order) and self.select_event(order[index])

    def step_to_end(self, first: bool) -> None:
        """Select the first or the last event."""
        self._ensure()
        order = self.area.layout_.order if self.area.layout_ else []
        if order:
            self.select_event(order[0] if first else order[-1])

    def _current(self) -> Segment | None:
        layout = self.area.layout_
        return layout.segment_of(self._selected) if layout and self._selected else None

    def step_in_day(self, step: int) -> None:
        """Select the event above (-1) or below (1) in the same day."""
        seg = self._current()
        layout = self.area.layout_
        if seg is None or layout is None:
            self.step_to_end(first=step > 0)
            return
        segs = layout.segments[seg.day]
        index = segs.index(seg) + step
        if 0 <= index < len(segs):
            self.select_event(segs[index].event.id)

    def step_across_days(self, step: int) -> None:
        """Select the event nearest in time on the previous (-1) or next (1) day shown."""
        seg = self._current()
        layout = self.area.layout_
        if seg is None or layout is None:
            self.step_to_end(first=step > 0)
            return
        day = seg.day + step
        while 0 <= day < len(layout.days) and not layout.segments[day]:
            day += step
        if 0 <= day < len(layout.days):
            nearest = min(layout.segments[day], key=lambda s: (abs(s.start - seg.start), s.lane))
            self.select_event(nearest.event.id)

    # ----- internals -------------------------------------------------------------------

    def _ensure(self) -> None:
        if self._dirty or self._placement is None:
            self.refresh()
        elif self._stale:
            self._lay_out()

    def _on_changed(self, change: Change) -> None:
        if change == Change.everything():
            self.retranslate()
        if change.touches("venue") or change.touches("visit"):
            self._dirty = True
        elif change.touches("event") and not self._dirty:
            ids = change.ids["event"]
            if "*" in ids or len(ids) > PATCH_AT_MOST or self._placement is None:
                self._dirty = True
            else:
                self._patch(ids)
                return
        if self._dirty and self.isVisible():
            self.refresh()

    def _patch(self, ids: Set[str]) -> None:
        """A few events changed (an edit, a drag, an undo): place them again, and lay out
        only the days they leave or reach."""
        placement = self._placement
        assert placement is not None
        gone = [e for e in placement.events if e.id in ids]
        came = [e for e in self.controller.data.events if e.id in ids]
        placement.update(gone, came)
        self._stale = True
        if self.isVisible():
            self._lay_out()

    def showEvent(self, event: QShowEvent) -> None:
        self._ensure()
        super().showEvent(event)

    def _describe(self) -> None:
        words = self.area.words
        text = _(
            "No event selected. Arrow keys and Tab move between events; Enter opens the "
            "selected one; Alt+arrows move it by 5 minutes or a day, Alt+Shift+Up or Down "
            "moves its end; Ctrl+Tab leaves the timeline."
        )
        if self._selected and words is not None:
            layout = self.area.layout_
            seg = layout.segment_of(self._selected) if layout else None
            if seg is not None:
                event = seg.event
                text = words.description(event, self.conflicts.get(event.id, []))
        self.area.setAccessibleDescription(text)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(
                QAccessibleEvent(self.area, QAccessible.Event.DescriptionChanged)
            )
