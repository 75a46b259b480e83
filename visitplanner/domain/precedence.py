"""The order of precedence: within a delegation, and merged across delegations for an event.

Across delegations people are ordered by protocol grade; between equal grades the
guest precedes the host, by courtesy; then by the delegations' own order (their
position) and each person's rank within their delegation. People of no delegation
(authorities) are ranked by grade among everyone, after the delegations at equal
grade, then by their rank. An event may carry the officer's own order, which wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Final

from visitplanner.domain.model import Delegation, Event, Person, VisitData
from visitplanner.domain.values import Side

#: Guests first at equal grade (courtesy), then the host, then other delegations.
_SIDE_ORDER: Final = {Side.GUEST: 0, Side.HOST: 1, Side.OTHER: 2}
#: People of no delegation come after every delegation at equal grade.
_NO_DELEGATION: Final = 3

PrecedenceKey = tuple[int, int, int, int, str, str, str]


def precedence_key(person: Person, delegations: Mapping[str, Delegation]) -> PrecedenceKey:
    """What `person` is sorted by in a merged order (the lower, the higher the precedence)."""
    delegation = delegations.get(person.delegation_id or "")
    if delegation is None:
        side, position = _NO_DELEGATION, 0
    else:
        side, position = _SIDE_ORDER[delegation.side], delegation.position
    return (
        person.grade.order,
        side,
        position,
        person.rank,
        person.family_name.casefold(),
        person.given_name.casefold(),
        person.id,
    )


class PrecedenceIndex:
    """The visit's people and delegations by id, built once (a pass over everyone) and
    shared by every order of precedence a run of checks computes: one pass per run,
    not one per event."""

    def __init__(self, data: VisitData) -> None:
        self.people: Mapping[str, Person] = {p.id: p for p in data.people}
        self.delegations: Mapping[str, Delegation] = {d.id: d for d in data.delegations}


def merged_order(
    data: VisitData,
    person_ids: Iterable[str],
    overrides: Sequence[str] = (),
    index: PrecedenceIndex | None = None,
) -> list[Person]:
    """The people `person_ids` in their merged order of precedence.

    `overrides` is the officer's own order (an event's `precedence_ids`): the people
    it lists come first, in that order; the others follow in the computed order.
    Unknown ids are left out. `index` (else built here) saves the pass over everyone.
    """
    index = index or PrecedenceIndex(data)
    people, delegations = index.people, index.delegations
    wanted = [people[i] for i in dict.fromkeys(person_ids) if i in people]
    listed = {ident: index for index, ident in enumerate(overrides)}
    first = sorted((p for p in wanted if p.id in listed), key=lambda p: listed[p.id])
    rest = sorted(
        (p for p in wanted if p.id not in listed), key=lambda p: precedence_key(p, delegations)
    )
    return first + rest


def event_order(
    data: VisitData,
    event: Event,
    extra: Iterable[str] = (),
    index: PrecedenceIndex | None = None,
) -> list[Person]:
    """An event's participants (and `extra` people) in the event's order of precedence."""
    return merged_order(data, [*event.participant_ids, *extra], event.precedence_ids, index)


def ranks(order: Sequence[Person]) -> dict[str, int]:
    """Each person's place in `order` (0 is the highest precedence)."""
    return {person.id: index for index, person in enumerate(order)}


def delegation_order(data: VisitData, delegation_id: str) -> list[Person]:
    """A delegation's own order of precedence: its members by rank (the roster's order)."""
    return data.members(delegation_id)


def renumbered(members: Sequence[Person]) -> dict[str, int]:
    """The ranks 1, 2, 3 ... that put `members` in the order given."""
    return {person.id: index for index, person in enumerate(members, start=1)}
