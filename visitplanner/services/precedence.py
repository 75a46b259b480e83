"""Use cases of the order of precedence: reorder a delegation, set an event's own order,
give an authority a position in the décret, set the visit's rules (guest placement,
version of the décret)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from visitplanner.domain.decree import (
    Decree,
    DecreeList,
    DecreePosition,
    GuestPlacement,
    decree_for,
)
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.precedence import renumbered, visit_decree
from visitplanner.i18n import _
from visitplanner.operations.edits import SaveEntity, SaveMany


def reorder_operation(data: VisitData, delegation_id: str, person_ids: Sequence[str]) -> SaveMany:
    """Put a delegation's members in the order `person_ids` (ranks 1, 2, 3 ...)."""
    members = data.members(delegation_id)
    if sorted(person_ids) != sorted(p.id for p in members):
        raise DomainError(_("the new order must list every member of the delegation once"))
    by_id = {p.id: p for p in members}
    ranks = renumbered([by_id[i] for i in person_ids])
    parts = []
    for person in members:
        if person.rank != ranks[person.id]:
            after = copy.deepcopy(person)
            after.rank = ranks[person.id]
            parts.append(SaveEntity(after=after, before=person))
    return SaveMany(parts, _("Reorder the delegation"))


def event_precedence_operation(
    data: VisitData, event: Event, person_ids: Sequence[str]
) -> SaveEntity:
    """Give `event` the officer's own order of precedence (empty: the computed order)."""
    for ident in person_ids:
        data.person(ident)
    after = copy.deepcopy(event)
    after.precedence_ids = list(dict.fromkeys(person_ids))
    return SaveEntity(after=after, before=event, label=_("Set the order of precedence"))


# --- the décret's order of precedence ---------------------------------------------------


@dataclass(frozen=True)
class PositionChoice:
    """A position as a list of choices shows it: which one, its label, and the list."""

    at: DecreePosition
    label: str
    rank: int
    #: False for a position not read from the text of the décret's version.
    checked: bool = True


def position_choices(decree: Decree, lang: str) -> list[PositionChoice]:
    """Every position of `decree`, Paris's list then the départements', in `lang`."""
    return [
        PositionChoice(DecreePosition(kind, p.id), p.label.get(lang), p.rank, p.checked)
        for kind in DecreeList
        for p in decree.positions(kind)
    ]


def visit_decree_of(data: VisitData) -> Decree:
    """The version of the décret the visit follows (the latest if it names none)."""
    return visit_decree(data.visit)


def precedence_settings_operation(
    data: VisitData, placement: GuestPlacement | None = None, version: str | None = None
) -> SaveEntity | None:
    """The edit of the visit's guest placement and version of the décret (None: a value
    left as it is; nothing to change: None). A version must be one VisitPlanner has;
    "" follows the latest."""
    visit = data.visit
    placement = visit.guest_placement if placement is None else placement
    version = visit.decree_version if version is None else version
    if version:
        decree_for(version)  # an unknown version is refused, naming those there are
    if (placement, version) == (visit.guest_placement, visit.decree_version):
        return None
    after = dataclasses.replace(visit, guest_placement=placement, decree_version=version)
    return SaveEntity(after, visit, label=_("Set the order of precedence's rules"))


def position_operation(
    data: VisitData, person_id: str, at: DecreePosition | None
) -> SaveEntity | None:
    """The edit giving a person a position in the décret (None: no position)."""
    person = data.person(person_id)
    if person.precedence_position == at:
        return None
    after = dataclasses.replace(person, precedence_position=at)
    return SaveEntity(after=after, before=person, label=_("Set the position in the décret"))
