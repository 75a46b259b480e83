"""Moving an event in time (the timeline's drags and Alt+arrows), without Qt."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from visitplanner.demo import build_demo
from visitplanner.domain.model import Event
from visitplanner.domain.values import EventKind, LocalizedText, instant
from visitplanner.services.schedule import moved_to, rescheduled, snap, step_from, wall

PARIS = ZoneInfo("Europe/Paris")
WARSAW = ZoneInfo("Europe/Warsaw")
KYIV = ZoneInfo("Europe/Kyiv")


def test_the_grid_is_five_minutes() -> None:
    assert [snap(m) for m in (0, 2, 3, 7, 8, 1438)] == [0, 0, 5, 5, 10, 1440]
    assert [step_from(m, 1) for m in (600, 603, 605)] == [605, 605, 610]
    assert [step_from(m, -1) for m in (600, 603, 605)] == [595, 600, 600]


def test_wall_times_are_read_on_the_visit_clock_even_across_a_change_of_time() -> None:
    assert wall(date(2026, 5, 7), 14 * 60 + 5, PARIS) == datetime(2026, 5, 7, 14, 5, tzinfo=PARIS)
    assert wall(date(2026, 5, 7), 24 * 60, PARIS) == datetime(2026, 5, 8, 0, 0, tzinfo=PARIS)
    # 29 March 2026, 02:30 does not exist in Paris: it becomes a real time.
    gap = wall(date(2026, 3, 29), 150, PARIS)
    assert gap.utcoffset() == timedelta(hours=2)


def test_a_travel_leg_moved_keeps_its_duration_and_each_end_its_zone() -> None:
    leg = Event(
        title=LocalizedText(fr="Vol"),
        start=datetime(2026, 5, 6, 7, 35, tzinfo=WARSAW),
        end=datetime(2026, 5, 6, 10, 0, tzinfo=PARIS),
        kind=EventKind.TRAVEL,
    )
    start, end = moved_to(leg, datetime(2026, 5, 6, 9, 0, tzinfo=KYIV))
    assert start.tzinfo == WARSAW and end.tzinfo == PARIS
    assert instant(end) - instant(start) == instant(leg.end) - instant(leg.start)
    edit = rescheduled(leg, start, end, "Move")
    assert edit is not None and edit.after.start == start and edit.before is leg


def test_a_move_carries_the_running_order_a_resize_does_not_and_the_same_times_do_nothing() -> None:
    data = build_demo()
    ceremony = next(e for e in data.events if e.running_order and e.wreaths)
    later = timedelta(minutes=25)
    moved = rescheduled(ceremony, ceremony.start + later, ceremony.end + later, "Move")
    assert moved is not None
    after = moved.after
    assert isinstance(after, Event)
    assert [line.at for line in after.running_order] == [
        line.at + later for line in ceremony.running_order
    ]
    assert after.wreaths == ceremony.wreaths and after.placement == ceremony.placement
    assert after.modified is not None
    resized = rescheduled(ceremony, ceremony.start, ceremony.end + later, "Resize")
    assert resized is not None and isinstance(resized.after, Event)
    assert resized.after.running_order == ceremony.running_order
    assert rescheduled(ceremony, ceremony.start, ceremony.end, "Nothing") is None
    assert ceremony.running_order[0].at == data.event(ceremony.id).running_order[0].at
