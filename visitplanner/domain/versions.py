"""Programme versions, and what changed between two programmes.

A version is a numbered, dated, frozen snapshot of the programme handed to the
delegations. Its snapshot is the JSON of the programme (the visit, delegations,
people, venues, vehicles and events, in the documented visit format with its own
"version" key), so that any later VisitPlanner reads it back as it was; the file keeps
it as what changed since the version before (`version_store`).

`diff_programmes` compares two programmes as the delegation sees them: a draft
event is not in the programme yet, so an event confirmed since counts as added and
one put back to draft counts as removed. Pure Python: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from visitplanner.domain.calendars import drivers, people_of, sort_key
from visitplanner.domain.model import Event, ProgrammeVersion, VisitData
from visitplanner.domain.values import EventStatus, instant, zone_name

__all__ = [
    "EventMove",
    "PeopleChange",
    "PersonChanges",
    "ProgrammeChanges",
    "ProgrammeVersion",
    "diff_programmes",
    "in_programme",
    "latest_version",
]


def latest_version(versions: Iterable[ProgrammeVersion]) -> ProgrammeVersion | None:
    """The version issued last, or None before the first one."""
    return max(versions, key=lambda v: v.number, default=None)


def in_programme(event: Event) -> bool:
    """Whether the delegations see the event: every event but a draft."""
    return event.status is not EventStatus.DRAFT


@dataclass(frozen=True, slots=True)
class EventMove:
    """An event whose time or place changed: as it was, and as it is."""

    old: Event
    new: Event

    @property
    def time_changed(self) -> bool:
        """Whether its start, end or their zones changed."""
        old, new = self.old, self.new
        return (instant(old.start), instant(old.end), zone_name(old.start), zone_name(old.end)) != (
            instant(new.start),
            instant(new.end),
            zone_name(new.start),
            zone_name(new.end),
        )

    @property
    def place_changed(self) -> bool:
        """Whether its venue or destination changed."""
        old, new = self.old, self.new
        return (old.venue_id, old.destination_id) != (new.venue_id, new.destination_id)


@dataclass(frozen=True, slots=True)
class PeopleChange:
    """The people added to and taken off one event (participants, interpreters, the
    officer responsible, drivers: whoever has it in their calendar)."""

    event: Event
    added: list[str]
    removed: list[str]


@dataclass(slots=True)
class PersonChanges:
    """One person's changes: events new to them, events they no longer have
    (cancelled, removed, or taken off), and their events that moved or were renamed."""

    person_id: str
    added: list[Event] = field(default_factory=list)
    removed: list[Event] = field(default_factory=list)
    changed: list[Event] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """Whether nothing changed for this person."""
        return not (self.added or self.removed or self.changed)


@dataclass(slots=True)
class ProgrammeChanges:
    """What changed from one programme to another, per event and per person.

    `removed` events are gone (deleted, or back to draft); `cancelled` ones are still
    there with the status cancelled. Person-facing lists hold the new event, or the
    old one when it is gone.
    """

    added: list[Event] = field(default_factory=list)
    cancelled: list[Event] = field(default_factory=list)
    removed: list[Event] = field(default_factory=list)
    moved: list[EventMove] = field(default_factory=list)
    retitled: list[EventMove] = field(default_factory=list)
    people: list[PeopleChange] = field(default_factory=list)
    by_person: dict[str, PersonChanges] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether the two programmes are the same for the delegations."""
        return not (
            self.added or self.cancelled or self.removed or self.moved or self.retitled
        ) and not any(p.added or p.removed for p in self.people)

    def person(self, person_id: str) -> PersonChanges:
        """The changes of one person (empty when nothing changed for them)."""
        return self.by_person.get(person_id) or PersonChanges(person_id)


def _shown(data: VisitData) -> dict[str, Event]:
    return {e.id: e for e in sorted(data.events, key=sort_key) if in_programme(e)}


def diff_programmes(old: VisitData, new: VisitData) -> ProgrammeChanges:
    """What changed from `old` to `new`, as the delegations see the programme."""
    before, after = _shown(old), _shown(new)
    old_drivers, new_drivers = drivers(old), drivers(new)
    changes = ProgrammeChanges()

    def person(ident: str) -> PersonChanges:
        return changes.by_person.setdefault(ident, PersonChanges(ident))

    for ident, event in after.items():
        was = before.get(ident)
        if was is None or was.cancelled:
            if not event.cancelled:  # cancelled before it was ever shown: nothing to tell
                changes.added.append(event)
                for who in sorted(people_of(event, new_drivers)):
                    person(who).added.append(event)
            continue
        if event.cancelled:
            changes.cancelled.append(event)
            for who in sorted(people_of(was, old_drivers)):
                person(who).removed.append(event)
            continue
        if was is event and all(
            old_drivers.get(v) == new_drivers.get(v) for v in event.vehicle_ids
        ):
            continue  # the very same event (read once for both), driven by the same people
        move = EventMove(was, event)
        moved = move.time_changed or move.place_changed
        retitled = was.title.to_dict() != event.title.to_dict()
        if moved:
            changes.moved.append(move)
        if retitled:
            changes.retitled.append(move)
        then, now = people_of(was, old_drivers), people_of(event, new_drivers)
        if then != now:
            changes.people.append(PeopleChange(event, sorted(now - then), sorted(then - now)))
        for who in sorted(now - then):
            person(who).added.append(event)
        for who in sorted(then - now):
            person(who).removed.append(event)
        if moved or retitled:
            for who in sorted(now & then):
                person(who).changed.append(event)
    for ident, was in before.items():
        if ident not in after and not was.cancelled:
            changes.removed.append(was)
            for who in sorted(people_of(was, old_drivers)):
                person(who).removed.append(was)
    return changes
