"""Use cases of the order of precedence: reorder a delegation, set an event's own order."""

from __future__ import annotations

import copy
from collections.abc import Sequence

from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.precedence import renumbered
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
