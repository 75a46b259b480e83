"""The programme timeline: days as columns, events as blocks, selection, conflicts, refresh."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from tests.factories import small_visit
from visitplanner.demo import build_demo
from visitplanner.domain.checks import Finding, FindingKind, Severity, check_plan
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.values import EventKind, EventStatus, LocalizedText
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.programme.timeline import TimelineView
from visitplanner.ui.programme.timeline_layout import (
    Segment,
    assign_lanes,
    build_layout,
    lay_out,
    place_events,
)
from visitplanner.ui.programme.timeline_style import CONFLICT_COLOUR
from visitplanner.ui.shell.controller import VisitController

PARIS = ZoneInfo("Europe/Paris")


def _event(title: str, start: datetime, minutes: int, **fields: object) -> Event:
    return Event(
        title=LocalizedText(fr=title),
        start=start,
        end=start + timedelta(minutes=minutes),
        **fields,  # type: ignore[arg-type]
    )


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 5, day, hour, minute, tzinfo=PARIS)


def _timeline(qtbot, tmp_path: Path, data: VisitData) -> Iterator[TimelineView]:  # type: ignore[no-untyped-def]
    set_language("en")
    path = tmp_path / "v.visit"
    write_visit(path, data)
    session = VisitSession.open(path)
    view = TimelineView(VisitController(session))
    qtbot.addWidget(view)
    view.resize(1200, 900)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    yield view
    session.close()


@pytest.fixture
def timeline(qtbot, tmp_path: Path) -> Iterator[TimelineView]:  # type: ignore[no-untyped-def]
    data = small_visit()
    data.events.extend(
        [
            _event("Parallèle", _at(7, 10, 30), 60),  # overlaps "Entretien" (10:00-11:00)
            _event("Dîner tardif", _at(7, 23), 90, kind=EventKind.MEAL),  # past midnight
            _event("Annulé", _at(9, 15), 60, status=EventStatus.CANCELLED),
        ]
    )
    yield from _timeline(qtbot, tmp_path, data)


def _id(view: TimelineView, title: str) -> str:
    return next(e.id for e in view.controller.data.events if e.title.fr == title)


def test_each_day_of_the_visit_is_a_column_and_each_event_a_block(timeline) -> None:  # type: ignore[no-untyped-def]
    assert timeline.days() == [date(2026, 5, d) for d in (6, 7, 8, 9)]
    for event in timeline.controller.data.events:
        rect = timeline.block_rect(event.id)
        assert rect is not None and rect.height() > 0, event.title
    talks = timeline.block_rect(_id(timeline, "Entretien"))
    ceremony = timeline.block_rect(_id(timeline, "Cérémonie du 8 Mai"))
    assert talks is not None and ceremony is not None
    assert ceremony.left() > talks.left()  # 8 May is right of 7 May
    assert ceremony.top() > talks.top()  # 11:00 is below 10:00


def test_overlapping_events_sit_side_by_side(timeline) -> None:  # type: ignore[no-untyped-def]
    talks = timeline.block_rect(_id(timeline, "Entretien"))
    parallel = timeline.block_rect(_id(timeline, "Parallèle"))
    assert talks is not None and parallel is not None
    assert not talks.intersects(parallel)
    assert parallel.left() > talks.left() and parallel.top() > talks.top()
    assert talks.width() == parallel.width()
    ceremony = timeline.block_rect(_id(timeline, "Cérémonie du 8 Mai"))
    assert ceremony is not None and ceremony.width() > talks.width()  # alone: full width


def test_an_event_past_midnight_shows_on_both_days(timeline) -> None:  # type: ignore[no-untyped-def]
    layout = timeline.area.layout_
    assert layout is not None
    segments = layout.by_event[_id(timeline, "Dîner tardif")]
    assert [(s.day, s.start, s.end) for s in segments] == [(1, 23 * 60, 24 * 60), (2, 0, 30)]


def test_an_event_outside_the_visit_adds_its_day_and_early_hours(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = small_visit()
    data.events.append(_event("Vol de nuit", _at(5, 5, 30), 60, kind=EventKind.TRAVEL))
    for view in _timeline(qtbot, tmp_path, data):
        assert view.days()[0] == date(2026, 5, 5)
        layout = view.area.layout_
        assert layout is not None and layout.outside == [True, False, False, False, False]
        assert layout.first_minute == 5 * 60


def test_a_click_selects_and_a_double_click_or_enter_opens(qtbot, timeline) -> None:  # type: ignore[no-untyped-def]
    talks = _id(timeline, "Entretien")
    rect = timeline.block_rect(talks)
    assert rect is not None
    with qtbot.waitSignal(timeline.event_selected) as selected:
        QTest.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected.args == [talks] and timeline.selected_event_id() == talks
    with qtbot.waitSignal(timeline.event_activated) as opened:
        QTest.mouseDClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [talks]
    with qtbot.waitSignal(timeline.event_activated) as opened:
        QTest.keyClick(timeline.area, Qt.Key.Key_Return)
    assert opened.args == [talks]
    empty = QPoint(rect.center().x(), timeline.viewport().height() - 5)
    with qtbot.waitSignal(timeline.slot_activated) as slot:
        QTest.mouseDClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    moment = slot.args[0]
    assert moment.date() == date(2026, 5, 7) and moment.tzinfo == PARIS
    assert moment.minute % 15 == 0


def test_the_keyboard_moves_between_events(timeline) -> None:  # type: ignore[no-untyped-def]
    area = timeline.area
    area.setFocus()
    QTest.keyClick(area, Qt.Key.Key_Home)
    assert timeline.selected_event_id() == _id(timeline, "Arrivée")
    QTest.keyClick(area, Qt.Key.Key_Right)  # the nearest event on 7 May
    assert timeline.selected_event_id() == _id(timeline, "Entretien")
    QTest.keyClick(area, Qt.Key.Key_Down)
    assert timeline.selected_event_id() == _id(timeline, "Parallèle")
    QTest.keyClick(area, Qt.Key.Key_Tab)  # next in time
    assert timeline.selected_event_id() == _id(timeline, "Dîner tardif")
    QTest.keyClick(area, Qt.Key.Key_Backtab)
    assert timeline.selected_event_id() == _id(timeline, "Parallèle")
    QTest.keyClick(area, Qt.Key.Key_End)
    assert timeline.selected_event_id() == _id(timeline, "Annulé")
    QTest.keyClick(area, Qt.Key.Key_Left)
    assert timeline.selected_event_id() == _id(timeline, "Cérémonie du 8 Mai")


def test_tab_leaves_after_the_last_event_and_ctrl_tab_at_once(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("en")
    data = small_visit()
    path = tmp_path / "v.visit"
    write_visit(path, data)
    session = VisitSession.open(path)
    host = QWidget()
    qtbot.addWidget(host)
    before = QLineEdit(host)
    view = TimelineView(VisitController(session), host)
    after = QLineEdit(host)  # created after the view: next in the focus chain
    layout = QVBoxLayout(host)
    for widget in (before, view, after):
        layout.addWidget(widget)
    host.resize(900, 700)
    with qtbot.waitActive(host):
        host.show()
        host.activateWindow()
    view.area.setFocus()
    QTest.keyClick(view.area, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert after.hasFocus()
    view.area.setFocus()
    for _event in data.events:
        QTest.keyClick(view.area, Qt.Key.Key_Tab)
        assert view.area.hasFocus()
    QTest.keyClick(view.area, Qt.Key.Key_Tab)  # past the last event: on to the next field
    assert after.hasFocus()
    session.close()


def test_the_selected_event_is_described_for_screen_readers(timeline) -> None:  # type: ignore[no-untyped-def]
    assert timeline.area.accessibleName() == "Programme timeline"
    timeline.select_event(_id(timeline, "Entretien"))
    description = timeline.area.accessibleDescription()
    assert description.startswith("Talks.")  # the English title, as the interface speaks
    assert "Hôtel de Brienne" in description and "participants: 2" in description
    timeline.select_event(_id(timeline, "Annulé"))
    assert "cancelled" in timeline.area.accessibleDescription()


def test_conflicts_get_a_red_border_and_say_why(timeline) -> None:  # type: ignore[no-untyped-def]
    talks = _id(timeline, "Entretien")
    rect = timeline.block_rect(talks)
    assert rect is not None

    def border() -> QColor:
        return timeline.viewport().grab().toImage().pixelColor(rect.left() + 2, rect.center().y())

    assert border() != QColor(CONFLICT_COLOUR)
    finding = Finding(FindingKind.PERSON_OVERLAP, Severity.ERROR, "Rufo booked twice", (talks,))
    warning = Finding(FindingKind.NO_VENUE, Severity.WARNING, "no venue", (talks,))
    timeline.set_findings([finding, warning])
    assert border() == QColor(CONFLICT_COLOUR)
    event = timeline.controller.data.event(talks)
    tooltip = timeline.tooltip_of(event)
    assert "Rufo booked twice" in tooltip and "no venue" not in tooltip
    timeline.set_findings([])
    assert border() != QColor(CONFLICT_COLOUR)


def test_the_real_checks_mark_a_double_booking(timeline) -> None:  # type: ignore[no-untyped-def]
    data = timeline.controller.data
    talks = data.event(_id(timeline, "Entretien"))
    parallel = data.event(_id(timeline, "Parallèle"))
    double = copy.deepcopy(parallel)
    double.participant_ids = list(talks.participant_ids)
    timeline.controller.apply(SaveEntity(double, parallel))
    timeline.set_findings(check_plan(data))
    assert set(timeline.conflicts) >= {talks.id, parallel.id}


def test_a_filter_hides_events(timeline) -> None:  # type: ignore[no-untyped-def]
    talks = _id(timeline, "Entretien")
    timeline.select_event(talks)
    timeline.set_filter(lambda event: event.kind is EventKind.CEREMONY)
    assert timeline.block_rect(talks) is None
    assert timeline.selected_event_id() is None
    assert timeline.block_rect(_id(timeline, "Cérémonie du 8 Mai")) is not None
    assert not timeline.select_event(talks)
    timeline.set_filter(None)
    assert timeline.block_rect(talks) is not None


def test_a_hidden_timeline_lays_the_filter_out_when_shown(timeline) -> None:  # type: ignore[no-untyped-def]
    talks = _id(timeline, "Entretien")
    before = timeline.area.layout_
    timeline.hide()
    timeline.set_filter({talks})
    assert timeline.area.layout_ is before  # nothing done while nobody sees it
    timeline.show()
    layout = timeline.area.layout_
    assert layout is not before and list(layout.by_event) == [talks]


def _segments(layout):  # type: ignore[no-untyped-def]
    return [
        (seg.event.id, layout.days[seg.day], seg.start, seg.end, seg.lane, seg.lanes)
        for day in layout.segments
        for seg in day
    ]


def test_a_filter_lays_out_again_only_the_days_it_changes() -> None:
    data = build_demo()
    placement = place_events(data.visit, data.events)
    whole = lay_out(data.visit, placement)
    busy = [n for n, segs in enumerate(whole.segments) if segs]
    assert len(busy) >= 3
    # Hide the events of one day (those of no other day): the other days are kept as they were.
    day = busy[1]
    others = {s.event.id for n in busy if n != day for s in whole.segments[n]}
    hidden = {s.event.id for s in whole.segments[day]} - others
    assert hidden
    shown = {e.id for e in data.events} - hidden
    narrowed = lay_out(data.visit, placement, shown, previous=whole)
    for n in busy:
        if n != day:
            assert narrowed.segments[n] is whole.segments[n]
    assert not hidden & set(narrowed.by_event)
    # The same as laying the filtered programme out from nothing.
    fresh = build_layout(data.visit, [e for e in data.events if e.id in shown])
    assert _segments(narrowed) == _segments(fresh)
    assert narrowed.order == fresh.order and narrowed.lanes == fresh.lanes


def test_an_edit_moves_the_block_and_undo_moves_it_back(timeline) -> None:  # type: ignore[no-untyped-def]
    controller = timeline.controller
    talks = controller.data.event(_id(timeline, "Entretien"))
    before = timeline.block_rect(talks.id)
    later = copy.deepcopy(talks)
    later.start, later.end = _at(7, 16), _at(7, 17)
    controller.apply(SaveEntity(later, talks))
    after = timeline.block_rect(talks.id)
    assert before is not None and after is not None and after.top() > before.top()
    controller.undo_stack.undo()
    assert timeline.block_rect(talks.id) == before


def test_select_event_scrolls_to_it(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = small_visit()
    data.events.append(_event("Tard", _at(9, 22), 60))
    for view in _timeline(qtbot, tmp_path, data):
        view.resize(500, 300)
        late = _id(view, "Tard")
        view.select_event(late)
        rect = view.block_rect(late)
        assert rect is not None and view.viewport().rect().intersects(rect)


def test_lanes_never_put_overlapping_events_together() -> None:
    rng = random.Random(7)
    for _ in range(50):
        segments = []
        for _n in range(rng.randrange(1, 60)):
            start = rng.randrange(0, 1400)
            segments.append(
                Segment(None, 0, start, start + rng.randrange(15, 200), True, True)  # type: ignore[arg-type]
            )
        segments.sort(key=lambda s: (s.start, -s.end))
        lanes = assign_lanes(segments)
        assert max(s.lane for s in segments) < lanes
        for a in segments:
            assert a.lane < a.lanes <= lanes
            for b in segments:
                if a is not b and a.start < b.end and b.start < a.end:
                    assert a.lane != b.lane
        # As few lanes as the most events running at once.
        busiest = max(sum(1 for s in segments if s.start <= t.start < s.end) for t in segments)
        assert lanes == busiest


def test_the_layout_uses_the_visit_zone() -> None:
    data = small_visit()
    layout = build_layout(data.visit, data.events)
    arrival = layout.by_event[data.events[0].id][0]
    assert (arrival.start, arrival.end) == (9 * 60, 11 * 60 + 30)  # Warsaw = Paris in May
    data.visit.tz = "Europe/Kyiv"
    layout = build_layout(data.visit, data.events)
    arrival = layout.by_event[data.events[0].id][0]
    assert (arrival.start, arrival.end) == (10 * 60, 12 * 60 + 30)


def test_the_legend_names_every_kind_in_the_interface_language(qtbot, timeline) -> None:  # type: ignore[no-untyped-def]
    assert "ceremony" in timeline.legend.text() and "conflict" in timeline.legend.text()
    set_language("fr")
    try:
        timeline.controller.refresh_all()
        assert "cérémonie" in timeline.legend.text()
    finally:
        set_language("en")


def test_a_patched_placement_lays_out_as_one_made_afresh() -> None:
    data = build_demo()
    rng = random.Random(18)
    placement = place_events(data.visit, data.events)
    layout = lay_out(data.visit, placement)
    events = list(data.events)
    for _round in range(30):
        picked = rng.sample(range(len(events)), rng.randrange(1, 4))
        gone, came = [], []
        for n in picked:
            old = events[n]
            new = copy.deepcopy(old)
            shift = timedelta(days=rng.randrange(-1, 2), minutes=5 * rng.randrange(-30, 30))
            new.start, new.end = old.start + shift, old.end + shift
            events[n] = new
            gone.append(old)
            came.append(new)
        placement.update(gone, came)
        layout = lay_out(data.visit, placement, previous=layout)
        fresh = build_layout(data.visit, events)
        assert _segments(layout) == _segments(fresh)
        assert layout.order == fresh.order and layout.lanes == fresh.lanes


def test_a_block_too_small_for_its_title_ends_it_on_a_whole_word_and_an_ellipsis(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    title = "Transfert Balard → Office national des combattants et des victimes de guerre"
    data = small_visit()
    data.events.append(_event(title, _at(7, 14, 10), 25, kind=EventKind.TRANSFER))
    data.events.append(_event("Parallèle", _at(7, 14, 0), 60))  # halves its width
    for view in _timeline(qtbot, tmp_path, data):
        view.resize(700, 600)
        ident = _id(view, title)
        view.select_event(ident)
        view.viewport().repaint()
        seg = view.area.layout_.segment_of(ident)
        lines = seg.cache["lines"][1]
        assert len(lines) == 1 and lines[0][1].endswith("…")
        shown = lines[0][1].removesuffix("…")
        assert title.startswith(shown) and title[len(shown)] == " "  # cut between words
        assert title in view.tooltip_of(view.controller.data.event(ident))


def test_fitted_words_never_end_mid_word() -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from visitplanner.ui.programme.timeline_style import fit_words

    metrics = QFontMetrics(QFont())
    text = "Entretien à l’Office national des combattants et des victimes de guerre"
    words = text.split()
    for width in range(40, 400, 7):
        for lines in (1, 2, 3):
            fitted = fit_words(text, metrics, width, lines)
            assert len(fitted) <= lines
            for line in fitted:
                assert metrics.horizontalAdvance(line) <= width
            shown = " ".join(fitted).split()
            # Whole words in order; only the last may end in an ellipsis, after a whole
            # word or (a word wider than the line) inside the one word it then shows.
            assert shown[:-1] == words[: len(shown) - 1]
            last = shown[-1]
            assert last == words[len(shown) - 1] or last.endswith("…")
            if last.endswith("…") and last != "…":
                assert words[len(shown) - 1].startswith(last.removesuffix("…"))
