"""Rules the entities keep themselves."""

from __future__ import annotations

from visitplanner.demo import build_demo


def test_a_copied_event_is_new_down_to_its_parts() -> None:
    data = build_demo()
    dinner = next(e for e in data.events if e.seating is not None)
    ceremony = next(e for e in data.events if e.wreaths)
    existing = set(data.all_ids()) | {i for e in data.events for i in e.part_ids()}
    for event in (dinner, ceremony):
        twin = event.copy_with_new_ids()
        assert twin.id not in existing
        assert not set(twin.part_ids()) & existing
        assert len(list(twin.part_ids())) == len(list(event.part_ids()))
        assert twin.participant_ids == event.participant_ids
        assert twin.title == event.title
