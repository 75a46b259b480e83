"""The operations that edit entities: save one or many, delete with what they take along.

Each names the entities it writes, as loaded and as they are to be; the engine
writes only what differs and journals it. Undoing a deletion writes back the very
same entities, so UUIDs never change; the links a deletion cuts (an event losing
a participant) are journaled and restored too.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.car_seats import CarAssignment
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.gifts import Gift
from visitplanner.domain.model import Delegation, Event, Person, Vehicle, Venue, Visit, VisitData
from visitplanner.domain.rooming import Stay
from visitplanner.domain.seating_rules import SeatingConstraint
from visitplanner.i18n import _
from visitplanner.operations.engine import Write

Entity = (
    Visit
    | Delegation
    | Person
    | Venue
    | Vehicle
    | Event
    | CarAssignment
    | Gift
    | BookCopy
    | Stay
    | SeatingConstraint
)


def kind_of(entity: Entity) -> str:
    """The kind of entity ("event", "person" ...), as a Change names it."""
    return entity_kinds.kind_of(entity).name


@dataclass
class SaveEntity:
    """Create an entity (`before` is None) or replace it by a new version.

    `before` is the entity as the caller loaded it: only the fields that differ from
    it are written and journaled.
    """

    after: Entity
    before: Entity | None = None
    label: str = ""

    def __post_init__(self) -> None:
        # No copies: the engine journals plain values and the visit in memory is read
        # back from the file, so nothing keeps a reference to the caller's objects.
        if self.before is not None and self.before.id != self.after.id:
            raise ValueError("an edit keeps the entity's id")

    @property
    def text(self) -> str:
        """What the edit is."""
        if self.label:
            return self.label
        return _("Add") if self.before is None else _("Edit")

    def writes(self) -> list[Write]:
        """The one entity written."""
        return [Write(self.before, self.after)]

    def affected(self) -> list[Entity]:
        """Nothing else changes."""
        return []


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

    def writes(self) -> list[Write]:
        """Every entity written, in order (venues before the events at them)."""
        return [Write(edit.before, edit.after) for edit in self.edits]

    def affected(self) -> list[Entity]:
        """Nothing else changes."""
        return []


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
    affected_entities: list[Entity] = field(default_factory=list)
    label: str = ""

    @property
    def text(self) -> str:
        """What the edit is."""
        return self.label or _("Delete")

    def writes(self) -> list[Write]:
        """The deletions, dependents first."""
        return [Write(entity, None) for entity in reversed(self.doomed)]

    def affected(self) -> list[Entity]:
        """The entities whose links to the deleted ones the file cuts."""
        return self.affected_entities


def delete_operation(data: VisitData, entity: Entity) -> DeleteEntities:
    """The operation deleting `entity`, with what it takes along and what it touches.

    A delegation takes its members along, and what depends on what is deleted (the
    car assignments of a person, a vehicle or an event) goes with it; events, vehicles
    and delegations that refer to a deleted person, venue or vehicle are kept as they
    were, for undo.
    """
    if isinstance(entity, Visit):
        raise ValueError("the visit itself is not deleted")
    doomed: list[Entity] = [entity]
    if isinstance(entity, Delegation):
        doomed.extend(data.members(entity.id))
    # Listed after what they depend on: deletions are written in reverse, so they go first.
    ids = {e.id for e in doomed}
    linked = entity_kinds.linked_to(data, ids)
    doomed.extend(e for e in linked if entity_kinds.kind_of(e).goes_with(e, ids))
    affected = [e for e in linked if not entity_kinds.kind_of(e).goes_with(e, ids)]
    return DeleteEntities(
        doomed=copy.deepcopy(doomed),
        affected_entities=copy.deepcopy(affected),
        label=_("Delete"),
    )


@dataclass
class ReplaceEntities:
    """Delete some entities and save others as one step of undo (a car plan proposed
    again: the assignments it replaces go, the new ones come)."""

    doomed: list[Entity]
    saves: list[SaveEntity]
    label: str = ""

    @property
    def text(self) -> str:
        """What the edit is."""
        return self.label or _("Edit")

    def writes(self) -> list[Write]:
        """The deletions first, then every entity saved."""
        gone = [Write(entity, None) for entity in reversed(self.doomed)]
        return gone + [Write(edit.before, edit.after) for edit in self.saves]

    def affected(self) -> list[Entity]:
        """Nothing else changes."""
        return []
