"""The order of precedence: within a delegation, and merged across delegations for an event.

Across delegations people are ordered by protocol grade first. A French authority with a
position in the décret's order of precedence (`Person.precedence_position`, see
`domain.decree`) is compared at the grade of that position, not the grade typed for them,
and among such authorities the décret's rank decides (then, where the décret groups
several at one rank, the typed grade and the rank in their delegation).

Between equal grades the visit's rule places the guests (`Visit.guest_placement`):
`after_host` (the default) puts the host side first and the visiting delegation right
after it; `guest_first` is French courtesy, the guest before the host. Then come the
delegations' own order (their position) and each person's rank within their delegation.
Authorities with a décret position stand with the host side; people of no delegation
and no position come after every delegation at equal grade, then by their rank. An event
may carry the officer's own order, which wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

from visitplanner.domain.decree import Decree, DecreeList, GuestPlacement, decree_for
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Delegation, Event, Person, Visit, VisitData
from visitplanner.domain.values import Side

#: Each rule's order of the sides at equal grade.
_SIDE_ORDERS: Final = {
    GuestPlacement.GUEST_FIRST: {Side.GUEST: 0, Side.HOST: 1, Side.OTHER: 2},
    GuestPlacement.AFTER_HOST: {Side.HOST: 0, Side.GUEST: 1, Side.OTHER: 2},
}
#: The courtesy rule's order (kept for readers of the earlier module).
_SIDE_ORDER: Final = _SIDE_ORDERS[GuestPlacement.GUEST_FIRST]
#: People of no delegation come after every delegation at equal grade.
_NO_DELEGATION: Final = 3
_LIST_ORDER: Final = {kind: index for index, kind in enumerate(DecreeList)}

PrecedenceKey = tuple[int, int, int, int, int, int, int, int, str, str, str]


def visit_decree(visit: Visit) -> Decree:
    """The version of the décret the visit follows: the one it names, else the latest
    (also when it names a version this VisitPlanner does not have)."""
    try:
        return decree_for(visit.decree_version)
    except DomainError:
        return decree_for("")


def precedence_key(
    person: Person,
    delegations: Mapping[str, Delegation],
    rule: GuestPlacement = GuestPlacement.AFTER_HOST,
    decree: Decree | None = None,
) -> PrecedenceKey:
    """What `person` is sorted by in a merged order (the lower, the higher the precedence).

    `rule` is the visit's guest placement; `decree` the version of the décret whose
    positions rank French authorities (None: the latest).
    """
    sides = _SIDE_ORDERS[rule]
    position = (decree or decree_for("")).position(person.precedence_position)
    names = (person.family_name.casefold(), person.given_name.casefold(), person.id)
    if position is not None and person.precedence_position is not None:
        return (
            position.grade.order,
            sides[Side.HOST],
            0,
            _LIST_ORDER[person.precedence_position.list],
            position.rank,
            person.grade.order,
            0,
            person.rank,
            *names,
        )
    delegation = delegations.get(person.delegation_id or "")
    if delegation is None:
        side, order = _NO_DELEGATION, 0
    else:
        side, order = sides[delegation.side], delegation.position
    return (person.grade.order, side, 1, 0, 0, 0, order, person.rank, *names)


class PrecedenceIndex:
    """The visit's people and delegations by id, built once (a pass over everyone) and
    shared by every order of precedence a run of checks computes: one pass per run,
    not one per event."""

    def __init__(self, data: VisitData) -> None:
        self.people: Mapping[str, Person] = {p.id: p for p in data.people}
        self.delegations: Mapping[str, Delegation] = {d.id: d for d in data.delegations}
        #: The visit's guest placement and version of the décret.
        self.rule: GuestPlacement = data.visit.guest_placement
        self.decree: Decree = visit_decree(data.visit)

    def key(self, person: Person) -> PrecedenceKey:
        """`person`'s place in the merged order, by the visit's rule and décret."""
        return precedence_key(person, self.delegations, self.rule, self.decree)


def sort_key(data: VisitData) -> Callable[[Person], PrecedenceKey]:
    """The key that sorts the visit's people in its merged order of precedence."""
    return PrecedenceIndex(data).key


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
    people = index.people
    wanted = [people[i] for i in dict.fromkeys(person_ids) if i in people]
    listed = {ident: index for index, ident in enumerate(overrides)}
    first = sorted((p for p in wanted if p.id in listed), key=lambda p: listed[p.id])
    rest = sorted((p for p in wanted if p.id not in listed), key=index.key)
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
