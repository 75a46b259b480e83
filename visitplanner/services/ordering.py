"""Reorder people, delegations and vehicles as one undoable edit each.

Moving one item renumbers the whole list (ranks 1..n, positions 0..n-1, convoy
positions 1..n) so that the order stored is always the order shown; only the
items whose number changes are written, and their earlier versions go with the
operation so that one undo restores the previous order.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import TypeVar

from visitplanner.domain.model import Delegation, Person, Vehicle, VisitData
from visitplanner.i18n import _
from visitplanner.operations.edits import Entity, SaveEntities

_T = TypeVar("_T", Person, Delegation, Vehicle)


def moved(ids: Sequence[str], ident: str, offset: int) -> list[str]:
    """`ids` with `ident` moved `offset` places (clamped to the ends of the list)."""
    order = list(ids)
    if ident not in order:
        raise ValueError(f"{ident} is not in the list")
    start = order.index(ident)
    order.pop(start)
    order.insert(max(0, min(len(order), start + offset)), ident)
    return order


def placed(ids: Sequence[str], ident: str, before: str | None) -> list[str]:
    """`ids` with `ident` moved just before `before` (to the end when None)."""
    order = [i for i in ids if i != ident]
    if ident not in ids:
        raise ValueError(f"{ident} is not in the list")
    at = order.index(before) if before is not None and before in order else len(order)
    order.insert(at, ident)
    return order


def _renumbered(
    items: Sequence[_T], ordered_ids: Sequence[str], attribute: str, first: int, label: str
) -> SaveEntities | None:
    by_id = {item.id: item for item in items}
    if sorted(ordered_ids) != sorted(by_id):
        raise ValueError("a new order must hold every item once")
    after: list[Entity] = []
    before: list[Entity] = []
    for number, ident in enumerate(ordered_ids, start=first):
        item = by_id[ident]
        if getattr(item, attribute) == number:
            continue
        changed = copy.deepcopy(item)
        setattr(changed, attribute, number)
        after.append(changed)
        before.append(item)
    if not after:
        return None
    return SaveEntities(after=after, before=before, label=label)


def reorder_people(
    data: VisitData, delegation_id: str | None, ordered_ids: Sequence[str]
) -> SaveEntities | None:
    """The edit giving the members of a delegation (None: people of no delegation)
    the ranks 1..n in `ordered_ids` order; None when nothing would change."""
    return _renumbered(
        data.members(delegation_id), ordered_ids, "rank", 1, _("Change the order of precedence")
    )


def reorder_delegations(data: VisitData, ordered_ids: Sequence[str]) -> SaveEntities | None:
    """The edit giving the delegations the positions 0..n-1 in `ordered_ids` order."""
    return _renumbered(
        data.delegations, ordered_ids, "position", 0, _("Change the order of the delegations")
    )


def reorder_vehicles(data: VisitData, ordered_ids: Sequence[str]) -> SaveEntities | None:
    """The edit giving the vehicles the convoy positions 1..n in `ordered_ids` order."""
    return _renumbered(
        data.vehicles, ordered_ids, "convoy_position", 1, _("Change the order of the convoy")
    )


def delegation_order(data: VisitData) -> list[str]:
    """The ids of the delegations in the order shown (position, then as stored)."""
    ranked = sorted(enumerate(data.delegations), key=lambda pair: (pair[1].position, pair[0]))
    return [delegation.id for _index, delegation in ranked]


def convoy_order(data: VisitData) -> list[str]:
    """The ids of the vehicles in convoy order (position, then as stored)."""
    ranked = sorted(enumerate(data.vehicles), key=lambda pair: (pair[1].convoy_position, pair[0]))
    return [vehicle.id for _index, vehicle in ranked]
