"""Proposing a seating plan: two strategies, pure functions of the order of precedence.

Both strategies are pure functions of the participants in their order of precedence,
the delegations, the tables and the seats the officer locked (kept as they are):

- WORKING (dîner de travail): guests on the north side, hosts on the south side; the
  two heads face each other at the centre; each side's interpreter sits beside its
  head (on the head's left, the right being the place of honour); the next ranks
  alternate to the head's right and left, outward.
- OFFICIAL (à la française): the host and the co-host face each other at the centre
  of the long sides; the guest of honour sits on the host's right, the second guest on
  the co-host's right, the third and fourth on their left; then each ring outward
  alternates hosts and guests, so that the delegations are interleaved. Further
  tables are each presided by the next host.

A person who needs step-free access is never proposed a seat that is not step-free.
Whoever does not fit where the strategy wants them takes the best free seat left.
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable, Mapping, Sequence

from visitplanner.domain.arrangements import (
    Seat,
    SeatingPlan,
    SeatingStrategy,
    SeatSide,
    Table,
    TableShape,
)
from visitplanner.domain.model import Delegation, Person
from visitplanner.domain.values import Side

# --- neighbours -----------------------------------------------------------------------


def _anchor(table: Table, side: SeatSide, facing: Seat | None = None) -> Seat | None:
    """The centre seat of `side`; with `facing`, the seat across from it."""
    row = table.side(side)
    if not row:
        return None
    if facing is not None:
        match = [s for s in row if s.position == facing.position]
        return match[0] if match else row[(len(row) - 1) // 2]
    return row[(len(row) - 1) // 2]


def outward(table: Table, anchor: Seat) -> tuple[list[Seat], list[Seat]]:
    """The seats to the right and to the left of `anchor`, nearest first, as its sitter sees.

    Around a round table both lists go all the way round (callers skip taken seats);
    a seat at the end of a long table has no neighbours on its row.
    """
    if anchor.side is SeatSide.ROUND:
        ring = table.side(SeatSide.ROUND)
        i = ring.index(anchor)
        count = len(ring)
        right = [ring[(i - k) % count] for k in range(1, count)]
        left = [ring[(i + k) % count] for k in range(1, count)]
        return right, left
    if anchor.side in (SeatSide.WEST, SeatSide.EAST):
        return [], []
    row = table.side(anchor.side)
    i = row.index(anchor)
    before, after = list(reversed(row[:i])), row[i + 1 :]
    return (after, before) if anchor.right_step() > 0 else (before, after)


def _pair(table: Table) -> tuple[Seat | None, Seat | None]:
    """The two seats of honour of a table: (host's or guest head's, the one facing it)."""
    if table.shape is TableShape.ROUND:
        ring = table.side(SeatSide.ROUND)
        return ring[0], ring[len(ring) // 2] if len(ring) > 1 else None
    if table.shape is TableShape.HEAD:
        return _anchor(table, SeatSide.NORTH), None
    south = _anchor(table, SeatSide.SOUTH)
    return south, _anchor(table, SeatSide.NORTH, facing=south)


def honour_order(table: Table) -> list[Seat]:
    """A table's seats from the most to the least honoured (end seats last)."""
    first, second = _pair(table)
    order: list[Seat] = [s for s in (first, second) if s is not None]
    lists = [outward(table, s) for s in order]
    longest = max((len(lst) for pair in lists for lst in pair), default=0)
    for k in range(longest):
        for row in (pair[side] for side in (0, 1) for pair in lists):
            if k < len(row) and row[k] not in order:
                order.append(row[k])
    order += [s for s in table.seats if s not in order]
    return order


# --- proposing ------------------------------------------------------------------------


class _Assigner:
    """Who sits where while a plan is proposed; locked seats are taken from the start."""

    def __init__(self, plan: SeatingPlan) -> None:
        self.plan = plan
        self.seated: set[str] = {s.person_id for _, s in plan.seats() if s.locked and s.person_id}

    def free(self, seat: Seat | None) -> bool:
        return seat is not None and not seat.locked and seat.person_id is None

    def fits(self, person: Person, seat: Seat | None) -> bool:
        return (
            seat is not None
            and self.free(seat)
            and person.id not in self.seated
            and (seat.step_free or not person.needs_step_free)
        )

    def put(self, person: Person, seat: Seat) -> None:
        seat.person_id = person.id
        self.seated.add(person.id)

    def first_fitting(self, person: Person, seats: Iterable[Seat]) -> Seat | None:
        return next((s for s in seats if self.fits(person, s)), None)

    def waiting(self, people: Iterable[Person]) -> list[Person]:
        return [p for p in people if p.id not in self.seated]


def _guest_side(person: Person, delegations: Mapping[str, Delegation]) -> bool:
    """Whether `person` sits with the guests: guest and third delegations do."""
    delegation = delegations.get(person.delegation_id or "")
    return delegation is not None and delegation.side is not Side.HOST


def _split(
    order: Sequence[Person], delegations: Mapping[str, Delegation]
) -> tuple[list[Person], list[Person]]:
    guests = [p for p in order if _guest_side(p, delegations)]
    hosts = [p for p in order if not _guest_side(p, delegations)]
    return guests, hosts


def _seat_side(
    a: _Assigner,
    table: Table,
    anchor: Seat | None,
    people: list[Person],
    interpreters: Collection[str],
) -> None:
    """Working meal: a side's head at `anchor`, interpreters on the head's left, then
    the next ranks alternately to the right and the left, outward."""
    waiting = a.waiting(people)
    if not waiting or anchor is None:
        return
    head, rest = waiting[0], waiting[1:]
    if a.fits(head, anchor):
        a.put(head, anchor)
    right, left = outward(table, anchor)
    for person in (p for p in rest if p.id in interpreters):
        seat = a.first_fitting(person, [*left, *right])
        if seat is not None:
            a.put(person, seat)
    rows = (right, left)
    turn = 0
    for person in (p for p in rest if p.id not in interpreters):
        seat = a.first_fitting(person, rows[turn]) or a.first_fitting(person, rows[1 - turn])
        if seat is not None:
            a.put(person, seat)
            turn = 1 - turn


def _working(
    a: _Assigner,
    order: Sequence[Person],
    delegations: Mapping[str, Delegation],
    interpreters: Collection[str],
) -> None:
    main = a.plan.tables[0]
    guests, hosts = _split(order, delegations)
    host_seat, guest_seat = _pair(main)
    if main.shape is TableShape.HEAD and host_seat is not None:
        right, _left = outward(main, host_seat)
        guest_seat, host_seat = host_seat, right[0] if right else None
    _seat_side(a, main, guest_seat, guests, interpreters)
    _seat_side(a, main, host_seat, hosts, interpreters)


def _next(a: _Assigner, pools: Sequence[list[Person]], seat: Seat) -> Person | None:
    """The first waiting person of the first pool who fits `seat`."""
    for pool in pools:
        for person in pool:
            if a.fits(person, seat):
                return person
    return None


def _presiding(a: _Assigner, table: Table, pools: Sequence[list[Person]], main: bool) -> list[Seat]:
    """Seat a table's host (and, at the main table, the co-host facing them); their seats."""
    first, second = _pair(table)
    anchors = []
    for anchor in (first, second if main else None):  # other tables have one host
        if anchor is None:
            continue
        person = _next(a, pools, anchor)
        if person is not None:
            a.put(person, anchor)
        if not a.free(anchor):
            anchors.append(anchor)
    return anchors


def _rings(
    a: _Assigner, table: Table, anchors: list[Seat], guests: list[Person], hosts: list[Person]
) -> None:
    """Fill the rings around the hosts: guests in the first ring, then hosts and guests by
    turns, so that the delegations are interleaved."""
    lists = [outward(table, anchor) for anchor in anchors]
    longest = max((len(lst) for pair in lists for lst in pair), default=0)
    for ring in range(longest):
        pools = (guests, hosts) if ring % 2 == 0 else (hosts, guests)
        # Host's right, co-host's right, host's left, co-host's left.
        for row in (pair[side] for side in (0, 1) for pair in lists):
            if ring < len(row) and a.free(row[ring]):
                person = _next(a, pools, row[ring])
                if person is not None:
                    a.put(person, row[ring])


def _official(a: _Assigner, order: Sequence[Person], delegations: Mapping[str, Delegation]) -> None:
    """Each table presided by a host, by precedence (host and co-host at the first), then
    filled table by table."""
    guests, hosts = _split(order, delegations)
    anchors = [
        _presiding(a, table, (hosts, guests), main=index == 0)
        for index, table in enumerate(a.plan.tables)
    ]
    for table, seats in zip(a.plan.tables, anchors, strict=True):
        _rings(a, table, seats, a.waiting(guests), a.waiting(hosts))


def _fill(a: _Assigner, people: Iterable[Person]) -> None:
    """Seat whoever is still waiting at the best free seats left, table by table."""
    seats = [seat for table in a.plan.tables for seat in honour_order(table)]
    for person in a.waiting(people):
        seat = a.first_fitting(person, seats)
        if seat is not None:
            a.put(person, seat)


def propose(
    plan: SeatingPlan,
    strategy: SeatingStrategy,
    order: Sequence[Person],
    delegations: Iterable[Delegation],
    interpreters: Collection[str] = (),
) -> SeatingPlan:
    """A new plan for the same tables: locked seats as they are, the others proposed.

    `order` is who is to be seated, in the event's order of precedence; `interpreters`
    the ids of the interpreters (a working meal seats them beside the heads).
    """
    proposal = copy.deepcopy(plan)
    proposal.strategy = SeatingStrategy(strategy)
    for _table, seat in proposal.seats():
        if not seat.locked:
            seat.person_id = None
    if not proposal.tables:
        return proposal
    by_id = {d.id: d for d in delegations}
    a = _Assigner(proposal)
    if strategy is SeatingStrategy.WORKING:
        _working(a, order, by_id, interpreters)
    else:
        _official(a, order, by_id)
    _fill(a, order)
    return proposal
