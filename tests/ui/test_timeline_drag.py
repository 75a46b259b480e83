"""Moving events on the timeline by hand: drag a block, drag its edges, sweep empty time,
Alt+arrows; each an undoable edit that keeps everything else the event holds."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QToolTip

from visitplanner.demo import build_demo
from visitplanner.domain.model import Event
from visitplanner.domain.values import EventKind, LocalizedText, instant
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.programme.page import ProgrammePage
from visitplanner.ui.programme.timeline import TimelineView
from visitplanner.ui.shell.controller import VisitController

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier
NO_KEY = Qt.KeyboardModifier.NoModifier


def _show(qtbot, session: VisitSession, read_only: bool = False) -> TimelineView:  # type: ignore[no-untyped-def]
    set_language("en")
    view = TimelineView(VisitController(session, read_only=read_only))
    qtbot.addWidget(view)
    view.resize(1200, 900)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


@pytest.fixture
def timeline(qtbot, demo: VisitSession) -> TimelineView:  # type: ignore[no-untyped-def]
    return _show(qtbot, demo)


def _ceremony(view: TimelineView) -> Event:
    return next(
        e for e in view.controller.data.events if e.kind is EventKind.CEREMONY and e.wreaths
    )


def _drag(view: TimelineView, start: QPoint, end: QPoint) -> None:
    """Press at `start`, move there in steps as a hand does, release at `end`."""
    viewport = view.viewport()
    QTest.mousePress(viewport, LEFT, NO_KEY, start)
    for n in range(1, 5):
        QTest.mouseMove(viewport, start + (end - start) * n / 4)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, end)


def _pixels(view: TimelineView, minutes: float) -> int:
    return round(minutes * view.area.hour_height / 60)


def _shown(view: TimelineView, event_id: str) -> QPoint:
    """The middle of the event's block, scrolled into view."""
    view.select_event(event_id)
    rect = view.block_rect(event_id)
    assert rect is not None and view.viewport().rect().contains(rect.center())
    return rect.center()


def test_dragging_a_block_moves_the_event_and_keeps_all_it_holds(timeline) -> None:  # type: ignore[no-untyped-def]
    data = timeline.controller.data
    before = _ceremony(timeline)
    middle = _shown(timeline, before.id)
    # 33 pixels down at 64 pixels an hour is 31 minutes: snapped to 30.
    _drag(timeline, middle, middle + QPoint(3, 33))
    after = data.event(before.id)
    assert after.start == before.start + timedelta(minutes=30)
    assert after.end == before.end + timedelta(minutes=30)
    assert after.wreaths == before.wreaths and after.placement == before.placement
    assert after.participant_ids == before.participant_ids
    assert after.precedence_ids == before.precedence_ids
    # The running order moves with it, line for line.
    assert [line.id for line in after.running_order] == [x.id for x in before.running_order]
    assert [line.at for line in after.running_order] == [
        line.at + timedelta(minutes=30) for line in before.running_order
    ]
    moved = timeline.block_rect(before.id)
    assert moved is not None and moved.center().y() == middle.y() + _pixels(timeline, 30)
    assert "Move event" in timeline.controller.undo_stack.undoText()
    assert timeline.controller.undo_stack.undo()
    back = data.event(before.id)
    assert (back.id, back.start, back.end) == (before.id, before.start, before.end)
    assert back.running_order == before.running_order and back.wreaths == before.wreaths


def test_a_block_dragged_to_the_next_column_moves_a_day_later(timeline) -> None:  # type: ignore[no-untyped-def]
    before = _ceremony(timeline)
    middle = _shown(timeline, before.id)
    layout = timeline.area.layout_
    column = timeline.area.column(layout.segment_of(before.id).day)
    target = middle + QPoint(column[1] + 6, -_pixels(timeline, 14))  # a day on, 14 min earlier
    if not timeline.viewport().rect().contains(target):
        target = middle - QPoint(column[1] + 6, _pixels(timeline, 14))
    _drag(timeline, middle, target)
    after = timeline.controller.data.event(before.id)
    days = 1 if target.x() > middle.x() else -1
    assert after.start == before.start + timedelta(days=days, minutes=-15)
    assert instant(after.end) - instant(after.start) == instant(before.end) - instant(before.start)


def test_dragging_an_edge_changes_one_end_only(timeline) -> None:  # type: ignore[no-untyped-def]
    data = timeline.controller.data
    before = _ceremony(timeline)
    _shown(timeline, before.id)
    rect = timeline.block_rect(before.id)
    assert rect is not None
    bottom = QPoint(rect.center().x(), rect.bottom() - 1)
    _drag(timeline, bottom, bottom + QPoint(0, _pixels(timeline, 20)))
    stretched = data.event(before.id)
    assert stretched.start == before.start
    assert stretched.end == before.end + timedelta(minutes=20)
    assert stretched.running_order == before.running_order  # a resize leaves it alone
    rect = timeline.block_rect(before.id)  # the view may have scrolled to keep it in sight
    assert rect is not None
    top = QPoint(rect.center().x(), rect.top() + 1)
    _drag(timeline, top, top - QPoint(0, _pixels(timeline, 10)))
    both = data.event(before.id)
    assert both.start == before.start - timedelta(minutes=10)
    assert both.end == stretched.end
    assert "Change the times" in timeline.controller.undo_stack.undoText()
    timeline.controller.undo_stack.undo()
    timeline.controller.undo_stack.undo()
    assert data.event(before.id).end == before.end


def test_an_end_is_never_dragged_past_the_other(timeline) -> None:  # type: ignore[no-untyped-def]
    before = _ceremony(timeline)
    _shown(timeline, before.id)
    rect = timeline.block_rect(before.id)
    assert rect is not None
    bottom = QPoint(rect.center().x(), rect.bottom() - 1)
    _drag(timeline, bottom, QPoint(bottom.x(), rect.top() - 40))
    after = timeline.controller.data.event(before.id)
    assert after.start == before.start and after.end == before.start + timedelta(minutes=5)


def test_sweeping_empty_time_opens_a_new_event_with_those_times(qtbot, timeline) -> None:  # type: ignore[no-untyped-def]
    layout = timeline.area.layout_
    area = timeline.area
    timeline.area.verticalScrollBar().setValue(0)
    home = ZoneInfo(timeline.controller.data.visit.tz)
    # The first day's early morning is empty in the demo: 07:10 (snaps to 07:10) to 08:20.
    left, width = area.column(0)
    x = area.offset().x() + left + width // 2
    top = area.offset().y() + _pixels(timeline, 10 + 60 * 7 - layout.first_minute)
    start = QPoint(x, top)
    assert timeline.event_at(start) is None
    with qtbot.waitSignal(timeline.slot_range_activated) as swept:
        _drag(timeline, start, start + QPoint(0, _pixels(timeline, 70)))
    begin, end = swept.args
    assert begin.tzinfo == home and begin.date() == layout.days[0]
    assert (begin.hour, begin.minute, end.hour, end.minute) == (7, 10, 8, 20)


def test_the_page_opens_the_editor_with_the_swept_times_and_selects_the_new_event(
    qtbot, demo: VisitSession, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.ui.programme.event_dialog import EventDialog

    set_language("en")
    page = ProgrammePage(VisitController(demo))
    qtbot.addWidget(page)
    seen = {}

    def typed_and_accepted(dialog: EventDialog) -> int:
        seen["start"] = dialog.general.start.moment(demo.data.visit.tz)
        seen["end"] = dialog.general.end.moment(demo.data.visit.tz)
        dialog.general.title.set_value(LocalizedText(en="Briefing", fr="Briefing"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", typed_and_accepted)
    home = ZoneInfo(demo.data.visit.tz)
    start = demo.data.events[0].start.astimezone(home).replace(hour=7, minute=10)
    end = start + timedelta(minutes=70)
    saved = page.new_between(start, end)
    assert seen == {"start": start, "end": end}
    assert saved is not None and (saved.start, saved.end) == (start, end)
    assert page.timeline.selected_event_id() == saved.id


def test_alt_arrows_move_the_selected_event_and_alt_shift_its_end(timeline) -> None:  # type: ignore[no-untyped-def]
    data = timeline.controller.data
    before = _ceremony(timeline)
    timeline.select_event(before.id)
    area = timeline.area
    area.setFocus()
    QTest.keyClick(area, Qt.Key.Key_Down, ALT)
    assert data.event(before.id).start == before.start + timedelta(minutes=5)
    QTest.keyClick(area, Qt.Key.Key_Right, ALT)
    assert data.event(before.id).start == before.start + timedelta(days=1, minutes=5)
    QTest.keyClick(area, Qt.Key.Key_Up, ALT)
    QTest.keyClick(area, Qt.Key.Key_Left, ALT)
    assert data.event(before.id).start == before.start
    QTest.keyClick(area, Qt.Key.Key_Down, ALT | Qt.KeyboardModifier.ShiftModifier)
    after = data.event(before.id)
    assert (after.start, after.end) == (before.start, before.end + timedelta(minutes=5))
    assert timeline.selected_event_id() == before.id  # still selected, to go on
    assert after.wreaths == before.wreaths and len(after.running_order) > 0
    for _step in range(5):
        timeline.controller.undo_stack.undo()
    assert (data.event(before.id).start, data.event(before.id).end) == (before.start, before.end)


def test_an_unaligned_time_steps_to_the_grid(timeline) -> None:  # type: ignore[no-untyped-def]
    controller = timeline.controller
    before = _ceremony(timeline)
    odd = controller.data.event(before.id)
    later = copy.deepcopy(odd)
    later.start, later.end = odd.start + timedelta(minutes=3), odd.end + timedelta(minutes=3)
    controller.apply(SaveEntity(later, odd))
    timeline.select_event(before.id)
    timeline.area.setFocus()
    QTest.keyClick(timeline.area, Qt.Key.Key_Down, ALT)  # 10:03 -> 10:05, not 10:08
    assert controller.data.event(before.id).start == before.start + timedelta(minutes=5)


def test_a_read_only_visit_refuses_drags_and_keys(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    session = VisitSession.open(path, read_only=True)
    try:
        view = _show(qtbot, session, read_only=True)
        before = _ceremony(view)
        middle = _shown(view, before.id)
        _drag(view, middle, middle + QPoint(0, 64))
        assert "read-only" in QToolTip.text()
        QTest.keyClick(view.area, Qt.Key.Key_Down, ALT)
        after = session.data.event(before.id)
        assert (after.start, after.end) == (before.start, before.end)
        assert view.controller.undo_stack.count() == 0
    finally:
        session.close()


def test_a_cancelled_event_keeps_its_times(timeline) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.ui.programme.event_dialog import cancel_event

    controller = timeline.controller
    event = _ceremony(timeline)
    assert cancel_event(controller, event, timeline)
    cancelled = controller.data.event(event.id)
    middle = _shown(timeline, event.id)
    _drag(timeline, middle, middle + QPoint(0, 64))
    assert "cancelled" in QToolTip.text()
    QTest.keyClick(timeline.area, Qt.Key.Key_Down, ALT)
    assert controller.data.event(event.id).start == cancelled.start


def test_esc_gives_a_drag_up(timeline) -> None:  # type: ignore[no-untyped-def]
    before = _ceremony(timeline)
    middle = _shown(timeline, before.id)
    viewport = timeline.viewport()
    QTest.mousePress(viewport, LEFT, NO_KEY, middle)
    QTest.mouseMove(viewport, middle + QPoint(0, 40))
    QTest.mouseMove(viewport, middle + QPoint(0, 80))
    QTest.keyClick(timeline.area, Qt.Key.Key_Escape)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, middle + QPoint(0, 80))
    assert timeline.controller.data.event(before.id).start == before.start


def test_a_drag_into_a_clash_is_flagged_by_the_checks_and_undo_clears_it(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from tests.factories import small_visit
    from visitplanner.ui.checks.view import ChecksView

    data = small_visit()
    talks = next(e for e in data.events if e.title.fr == "Entretien")
    paris = ZoneInfo("Europe/Paris")
    later = Event(
        title=LocalizedText(fr="Point presse"),
        start=datetime(2026, 5, 7, 14, 0, tzinfo=paris),
        end=datetime(2026, 5, 7, 15, 0, tzinfo=paris),
        participant_ids=list(talks.participant_ids),
    )
    data.events.append(later)
    path = tmp_path / "v.visit"
    write_visit(path, data)
    session = VisitSession.open(path)
    try:
        view = _show(qtbot, session)
        checks = ChecksView(view.controller)
        qtbot.addWidget(checks)
        checks.findings_changed.connect(view.set_findings)
        qtbot.waitUntil(lambda: not checks.checking, timeout=10_000)
        assert later.id not in view.conflicts
        middle = _shown(view, later.id)
        _drag(view, middle, middle - QPoint(0, _pixels(view, 4 * 60)))  # 14:00 -> 10:00
        assert session.data.event(later.id).start == later.start - timedelta(hours=4)
        qtbot.waitUntil(lambda: {talks.id, later.id} <= set(view.conflicts), timeout=10_000)
        view.controller.undo_stack.undo()
        qtbot.waitUntil(lambda: later.id not in view.conflicts, timeout=10_000)
    finally:
        session.close()


def test_an_event_over_midnight_moves_whole_from_either_day_and_resizes_at_its_own_ends(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from tests.factories import small_visit

    paris = ZoneInfo("Europe/Paris")
    data = small_visit()
    late = Event(
        title=LocalizedText(fr="Dîner tardif"),
        start=datetime(2026, 5, 7, 23, 0, tzinfo=paris),
        end=datetime(2026, 5, 8, 0, 30, tzinfo=paris),
        kind=EventKind.MEAL,
    )
    data.events.append(late)
    path = tmp_path / "v.visit"
    write_visit(path, data)
    session = VisitSession.open(path)
    try:
        view = _show(qtbot, session)
        layout = view.area.layout_
        _first, second = layout.by_event[late.id]
        # The part after midnight, grabbed in its middle and dragged 30 minutes down.
        view.area.ensure_visible(second)
        rect = view.area.rect_of(second)
        _drag(view, rect.center(), rect.center() + QPoint(0, _pixels(view, 30)))
        moved = session.data.event(late.id)
        assert (moved.start, moved.end) == (
            late.start + timedelta(minutes=30),
            late.end + timedelta(minutes=30),
        )
        # Its top on the second day is midnight, not its start: no edge to take there.
        second = view.area.layout_.by_event[late.id][1]
        view.area.ensure_visible(second)
        rect = view.area.rect_of(second)
        assert view.area.drags.edge_at(QPoint(rect.center().x(), rect.top() + 1))[1].value == "move"
        bottom = QPoint(rect.center().x(), rect.bottom() - 1)
        _drag(view, bottom, bottom + QPoint(0, _pixels(view, 15)))
        stretched = session.data.event(late.id)
        assert stretched.start == moved.start
        assert stretched.end == moved.end + timedelta(minutes=15)
    finally:
        session.close()


def test_sweeping_empty_time_on_the_programme_page_adds_the_event_there(
    qtbot, demo: VisitSession, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.ui.programme.event_dialog import EventDialog

    set_language("en")
    page = ProgrammePage(VisitController(demo))
    qtbot.addWidget(page)
    page.resize(1280, 800)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()

    def named_and_accepted(dialog: EventDialog) -> int:
        dialog.general.title.set_value(LocalizedText(en="Security briefing", fr="Briefing"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(EventDialog, "exec", named_and_accepted)
    timeline = page.timeline
    area = timeline.area
    area.verticalScrollBar().setValue(0)
    layout = area.layout_
    left, width = area.column(0)
    start = QPoint(
        area.offset().x() + left + width // 2,
        area.offset().y() + _pixels(timeline, 7 * 60 + 10 - layout.first_minute),
    )
    count = len(demo.data.events)
    _drag(timeline, start, start + QPoint(0, _pixels(timeline, 50)))
    assert len(demo.data.events) == count + 1
    added = demo.data.event(timeline.selected_event_id())
    home = ZoneInfo(demo.data.visit.tz)
    assert added.title.en == "Security briefing"
    begin, end = added.start.astimezone(home), added.end.astimezone(home)
    assert begin.date() == layout.days[0]
    assert (begin.hour, begin.minute, end.hour, end.minute) == (7, 10, 8, 0)
    assert "Add event" in page.controller.undo_stack.undoText()


def test_the_pointer_says_what_a_drag_will_do(timeline) -> None:  # type: ignore[no-untyped-def]
    event = _ceremony(timeline)
    _shown(timeline, event.id)
    rect = timeline.block_rect(event.id)
    assert rect is not None
    viewport = timeline.viewport()
    for point, shape in (
        (rect.center(), Qt.CursorShape.OpenHandCursor),
        (QPoint(rect.center().x(), rect.top() + 1), Qt.CursorShape.SizeVerCursor),
        (QPoint(rect.center().x(), rect.bottom() - 1), Qt.CursorShape.SizeVerCursor),
        (QPoint(rect.center().x(), rect.bottom() + 30), Qt.CursorShape.ArrowCursor),
    ):
        if timeline.event_at(point) not in (None, event.id):
            continue  # another block there in the demo: nothing to learn
        QTest.mouseMove(viewport, point)
        assert viewport.cursor().shape() == shape, point


def test_while_dragging_a_ghost_shows_where_the_event_would_go(timeline) -> None:  # type: ignore[no-untyped-def]
    event = _ceremony(timeline)
    middle = _shown(timeline, event.id)
    viewport = timeline.viewport()
    shift = _pixels(timeline, 120)
    if middle.y() + shift >= viewport.height():
        shift = -shift  # near the bottom: drag it up instead
    below = middle + QPoint(0, shift)
    before = viewport.grab().toImage().pixelColor(below)
    assert before.isValid()
    QTest.mousePress(viewport, LEFT, NO_KEY, middle)
    for n in range(1, 5):
        QTest.mouseMove(viewport, middle + QPoint(0, shift * n // 4))
    during = viewport.grab().toImage().pixelColor(below)
    assert during != before  # the ghost covers the place it would go
    ghosts = timeline.area.drags.drag.ghosts
    assert len(ghosts) == 1 and "–" in ghosts[0][1]  # its day and times
    QTest.keyClick(timeline.area, Qt.Key.Key_Escape)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, below)
    assert viewport.grab().toImage().pixelColor(below) == before  # gone with Esc
    assert timeline.controller.data.event(event.id).start == event.start


def test_a_drag_held_at_the_edge_scrolls_the_timeline(qtbot, timeline) -> None:  # type: ignore[no-untyped-def]
    event = _ceremony(timeline)
    timeline.resize(700, 400)
    middle = _shown(timeline, event.id)
    viewport = timeline.viewport()
    bar = timeline.area.verticalScrollBar()
    start = bar.value()
    edge = QPoint(middle.x(), viewport.height() - 5)
    QTest.mousePress(viewport, LEFT, NO_KEY, middle)
    QTest.mouseMove(viewport, middle + QPoint(0, 20))
    QTest.mouseMove(viewport, edge)
    qtbot.waitUntil(lambda: bar.value() > start + 40, timeout=3000)
    QTest.mouseRelease(viewport, LEFT, NO_KEY, edge)
    assert timeline.controller.data.event(event.id).start > event.start
