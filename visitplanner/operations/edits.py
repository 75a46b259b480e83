"""Edits as commands that can be done and undone, for the window's undo stack.

A command writes through the repository and returns a Change. Undoing a
deletion writes back the very same entities, so UUIDs never change; every
entity whose links a deletion cuts (an event losing a participant) is kept as
it was and written back too.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from visitplanner.domain.model import Delegation, Event, Person, Vehicle, Venue, Visit, VisitData
from visitplanner.i18n import _
from visitplanner.operations.change import Change
from visitplanner.storage.repository import VisitRepository

Entity = Visit | Delegation | Person | Venue | Vehicle | Event

#: Past this many ids of one kind, a change names the whole kind ("*").


class Command(Protocol):
    """An edit that can be done and undone."""

    @property
    def text(self) -> str:
        """What the edit is, for Edit > Undo."""
        ...

    def redo(self, repo: VisitRepository) -> Change:
        """Carry out the edit."""
        ...

    def undo(self, repo: VisitRepository) -> Change:
        """Take the edit back."""
        ...


def kind_of(entity: Entity) -> str:
    """The kind of entity ("event", "person" ...), as a Change names it."""
    return type(entity).__name__.lower()


def save(repo: VisitRepository, entity: Entity) -> None:
    """Write `entity` with the repository method for its type."""
    savers: dict[type, Callable[[VisitRepository, object], None]] = {
        Visit: VisitRepository.save_visit,  # type: ignore[dict-item]
        Delegation: VisitRepository.save_delegation,  # type: ignore[dict-item]
        Person: VisitRepository.save_person,  # type: ignore[dict-item]
        Venue: VisitRepository.save_venue,  # type: ignore[dict-item]
        Vehicle: VisitRepository.save_vehicle,  # type: ignore[dict-item]
        Event: VisitRepository.save_event,  # type: ignore[dict-item]
    }
    savers[type(entity)](repo, entity)


def _changed(entities: list[Entity]) -> Change:
    by_kind: dict[str, list[str]] = {}
    for entity in entities:
        by_kind.setdefault(kind_of(entity), []).append(entity.id)
    change = Change()
    for kind, ids in by_kind.items():  # one union per kind: an import touches thousands
        change = change | Change.of(kind, ids)
    return change


@dataclass
class SaveEntity:
    """Create an entity (`before` is None) or replace it by a new version."""

    after: Entity
    before: Entity | None = None
    label: str = ""

    def __post_init__(self) -> None:
        if self.before is not None and self.before.id != self.after.id:
            raise ValueError("an edit keeps the entity's id")
        self.after = copy.deepcopy(self.after)
        self.before = copy.deepcopy(self.before)

    @property
    def text(self) -> str:
        """What the edit is."""
        if self.label:
            return self.label
        return _("Add") if self.before is None else _("Edit")

    def redo(self, repo: VisitRepository) -> Change:
        """Write the new version."""
        save(repo, self.after)
        return _changed([self.after])

    def undo(self, repo: VisitRepository) -> Change:
        """Write the old version back, or remove what was created."""
        if self.before is None:
            repo.delete(kind_of(self.after), self.after.id)
        else:
            save(repo, self.before)
        return _changed([self.after])


@dataclass
class SaveMany:
    """Several creations and edits as one step of undo (an imported calendar, a reorder)."""

    edits: list[SaveEntity]
    label: str = ""

    @property
    def text(self) -> str:
        """What the edit is."""
        return self.label or _("Edit")

    @property
    def after(self) -> list[Entity]:
        """The new versions, in the order they are written."""
        return [edit.after for edit in self.edits]

    @property
    def before(self) -> list[Entity]:
        """The earlier versions of the entities that existed."""
        return [edit.before for edit in self.edits if edit.before is not None]

    def redo(self, repo: VisitRepository) -> Change:
        """Write every new version, in order (venues before the events at them)."""
        for edit in self.edits:
            edit.redo(repo)
        return _changed([edit.after for edit in self.edits])

    def undo(self, repo: VisitRepository) -> Change:
        """Take every edit back, the last first (people before the delegations made for them)."""
        for edit in reversed(self.edits):
            edit.undo(repo)
        return _changed([edit.after for edit in self.edits])


class SaveEntities(SaveMany):
    """Save several entities as one edit, given their new versions and earlier ones.

    `before` holds the earlier versions of those that existed; the others are
    created by this edit and removed again by undo.
    """

    def __init__(
        self, after: list[Entity], before: list[Entity] | None = None, label: str = ""
    ) -> None:
        earlier = {e.id: e for e in before or []}
        if set(earlier) - {e.id for e in after}:
            raise ValueError("every earlier version must belong to an entity being saved")
        super().__init__([SaveEntity(e, earlier.get(e.id)) for e in after], label)


@dataclass
class DeleteEntities:
    """Delete entities; undo writes them back with every link they had."""

    doomed: list[Entity]
    affected: list[Entity] = field(default_factory=list)
    label: str = ""

    @property
    def text(self) -> str:
        """What the edit is."""
        return self.label or _("Delete")

    def redo(self, repo: VisitRepository) -> Change:
        """Delete, dependents first."""
        for entity in reversed(self.doomed):
            repo.delete(kind_of(entity), entity.id)
        return _changed(self.doomed + self.affected)

    def undo(self, repo: VisitRepository) -> Change:
        """Write back the deleted entities, then the ones whose links were cut."""
        for entity in self.doomed + self.affected:
            save(repo, entity)
        return _changed(self.doomed + self.affected)


def protocol_links(event: Event) -> list[str]:
    """The people an event's protocol arrangements name: precedence, seats, wreaths ..."""
    found = list(event.precedence_ids)
    found += [p for line in event.running_order for p in line.person_ids]
    if event.seating is not None:
        found += event.seating.seated_ids()
    for wreath in event.wreaths:
        found += wreath.layer_ids + wreath.carrier_ids
    found += [position.person_id for position in event.placement if position.person_id]
    return found


def delete_command(data: VisitData, entity: Entity) -> DeleteEntities:
    """The command deleting `entity`, with what it takes along and what it touches.

    A delegation takes its members along; events, vehicles and delegations that
    refer to a deleted person, venue or vehicle are kept as they were, for undo.
    """
    if isinstance(entity, Visit):
        raise ValueError("the visit itself is not deleted")
    doomed: list[Entity] = [entity]
    if isinstance(entity, Delegation):
        doomed.extend(data.members(entity.id))
    gone = {e.id for e in doomed}
    affected: list[Entity] = []
    for event in data.events:
        links = {
            event.venue_id,
            event.destination_id,
            event.responsible_id,
            *event.participant_ids,
            *event.vehicle_ids,
            *event.interpretation.interpreter_ids,
            *protocol_links(event),
        }
        if links & gone and event.id not in gone:
            affected.append(event)
    affected.extend(v for v in data.vehicles if v.driver_id in gone and v.id not in gone)
    affected.extend(d for d in data.delegations if d.head_id in gone and d.id not in gone)
    affected.extend(v for v in data.venues if gone & set(v.travel_minutes) and v.id not in gone)
    return DeleteEntities(
        doomed=copy.deepcopy(doomed),
        affected=copy.deepcopy(affected),
        label=_("Delete"),
    )
