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
from dataclasses import dataclass, field

from visitplanner.domain.arrangements import (
    Grouping,
    Seat,
    SeatingOptions,
    SeatingPlan,
    SeatingStrategy,
    SeatSide,
    Table,
    TableShape,
)
from visitplanner.domain.model import Delegation, Person
from visitplanner.domain.seating_repair import keep_constraints
from visitplanner.domain.seating_rules import Broken, ConstraintKind, SeatingConstraint
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


def presiding_seats(table: Table) -> tuple[Seat | None, Seat | None]:
    """The two seats of honour of a table, facing each other: (the host's or the guest
    head's, the co-host's): opposite seats of a round table, the centres of a long
    table's sides; a head table has one."""
    if table.shape is TableShape.ROUND:
        ring = table.side(SeatSide.ROUND)
        return ring[0], ring[len(ring) // 2] if len(ring) > 1 else None
    if table.shape is TableShape.HEAD:
        return _anchor(table, SeatSide.NORTH), None
    south = _anchor(table, SeatSide.SOUTH)
    return south, _anchor(table, SeatSide.NORTH, facing=south)


def honour_order(table: Table) -> list[Seat]:
    """A table's seats from the most to the least honoured (end seats last)."""
    first, second = presiding_seats(table)
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
    """Who sits where while a plan is proposed; locked seats are taken from the start.

    `needs` holds what hard constraints ask of a person's seat (step-free, near an exit).
    Seats near an exit, and step-free seats, are kept for those who need them while
    there are no more of them free than such people waiting.
    """

    def __init__(
        self, plan: SeatingPlan, needs: Mapping[str, tuple[bool, bool]], order: Sequence[Person]
    ) -> None:
        self.plan = plan
        self.needs = needs
        self.seated: set[str] = {s.person_id for _, s in plan.seats() if s.locked and s.person_id}
        free = [s for _, s in plan.seats() if self.free(s)]
        self.step_needers = {p.id for p in order if self._wants(p)[0]} - self.seated
        self.exit_needers = {p.id for p in order if self._wants(p)[1]} - self.seated
        self.step_seats = sum(s.step_free for s in free)
        self.exit_seats = sum(s.near_exit for s in free)

    def _wants(self, person: Person) -> tuple[bool, bool]:
        step_free, near_exit = self.needs.get(person.id, (False, False))
        return step_free or person.needs_step_free, near_exit

    def free(self, seat: Seat | None) -> bool:
        return seat is not None and not seat.locked and seat.person_id is None

    def suits(self, person: Person, seat: Seat) -> bool:
        """Whether `seat` gives `person` what they need (step-free, near an exit)."""
        step_free, near_exit = self._wants(person)
        return (seat.step_free or not step_free) and (seat.near_exit or not near_exit)

    def _kept_for_others(self, person: Person, seat: Seat) -> bool:
        """Whether `seat` is one of the last step-free or exit seats, wanted by others."""
        exit_wanted = self.exit_seats <= len(self.exit_needers)
        if seat.near_exit and person.id not in self.exit_needers and exit_wanted:
            return True
        return bool(
            seat.step_free
            and person.id not in self.step_needers
            and self.step_seats <= len(self.step_needers)
        )

    def fits(self, person: Person, seat: Seat | None) -> bool:
        return (
            seat is not None
            and self.free(seat)
            and person.id not in self.seated
            and self.suits(person, seat)
            and not self._kept_for_others(person, seat)
        )

    def put(self, person: Person, seat: Seat) -> None:
        seat.person_id = person.id
        self.seated.add(person.id)
        self.step_seats -= seat.step_free
        self.exit_seats -= seat.near_exit
        self.step_needers.discard(person.id)
        self.exit_needers.discard(person.id)

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


def _grouped(people: list[Person], grouping: Grouping) -> list[Person]:
    """`people` (by precedence) as the plan's delegation option wants them filled in:
    each delegation as a block (together), the delegations taken in turns (apart: mixed),
    or as they are. Delegations come in the order of their first-ranked member."""
    if grouping is Grouping.FREE:
        return people
    blocks: dict[str, list[Person]] = {}
    for person in people:
        blocks.setdefault(person.delegation_id or "", []).append(person)
    if grouping is Grouping.TOGETHER:
        return [p for block in blocks.values() for p in block]
    mixed: list[Person] = []
    for turn in range(max((len(b) for b in blocks.values()), default=0)):
        mixed += [block[turn] for block in blocks.values() if turn < len(block)]
    return mixed


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
    host_seat, guest_seat = presiding_seats(main)
    if main.shape is TableShape.HEAD and host_seat is not None:
        right, _left = outward(main, host_seat)
        guest_seat, host_seat = host_seat, right[0] if right else None
    _seat_side(a, main, guest_seat, guests, interpreters)
    _seat_side(a, main, host_seat, hosts, interpreters)


class _Pool:
    """People waiting in precedence order; `next_fitting` skips whoever is seated."""

    def __init__(self, people: list[Person]) -> None:
        self.people = people
        self.start = 0

    def next_fitting(self, a: _Assigner, seat: Seat) -> Person | None:
        while self.start < len(self.people) and self.people[self.start].id in a.seated:
            self.start += 1
        for person in self.people[self.start :]:
            if a.fits(person, seat):
                return person
        return None


def _next(a: _Assigner, pools: Sequence[_Pool], seat: Seat) -> Person | None:
    """The first waiting person of the first pool who fits `seat`."""
    for pool in pools:
        person = pool.next_fitting(a, seat)
        if person is not None:
            return person
    return None


def presiders(tables: int, hosts: int) -> list[int]:
    """How many hosts preside each table: two at the first (host and co-host), one at each
    further table, then a co-host there too while the hosts are enough."""
    if tables < 1:
        return []
    counts = [min(2, hosts)] + [0] * (tables - 1)
    left = hosts - counts[0]
    for seats in (1, 2):  # a host at each further table, then a co-host
        for index in range(1, tables):
            if left > 0:
                counts[index] = seats
                left -= 1
    return counts


def _official(
    a: _Assigner,
    order: Sequence[Person],
    delegations: Mapping[str, Delegation],
    options: SeatingOptions,
) -> None:
    """Each table presided by a host and a co-host facing each other (at the first table
    the two first-ranked hosts; at the others one host, and a co-host when the hosts are
    enough), then filled ring by ring, table after table, the first-ranked guests first."""
    guests, hosts = _split(order, delegations)
    guests, hosts = _grouped(guests, options.delegations), _grouped(hosts, options.delegations)
    tables = a.plan.tables
    counts = presiders(len(tables), len(a.waiting(hosts)))
    host_pool, guest_pool = _Pool(hosts), _Pool(guests)
    anchors: list[list[Seat]] = [[] for _table in tables]
    # The first table's host and co-host, each further table's host, then their co-hosts;
    # a table no host is left for is filled last, by its seats' honour (`_fill`).
    further = range(1, len(tables))
    for index, rank in [(0, 0), (0, 1), *((i, 0) for i in further), *((i, 1) for i in further)]:
        seat = presiding_seats(tables[index])[rank]
        if seat is None:
            continue
        if a.free(seat) and rank < counts[index]:
            person = _next(a, (host_pool,), seat)
            if person is not None:
                a.put(person, seat)
        if not a.free(seat):
            anchors[index].append(seat)
    for table, seats in zip(tables, anchors, strict=True):
        _rings(a, table, seats, guest_pool, host_pool)


def _rings(a: _Assigner, table: Table, anchors: list[Seat], guests: _Pool, hosts: _Pool) -> None:
    """Fill the rings around the presiders: guests in the first ring, then hosts and guests
    by turns, so that the delegations are interleaved."""
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


def _fill(a: _Assigner, people: Iterable[Person]) -> None:
    """Seat whoever is still waiting at the best free seats left, table by table."""
    seats = [seat for table in a.plan.tables for seat in honour_order(table)]
    start = 0
    for person in a.waiting(people):
        while start < len(seats) and not a.free(seats[start]):
            start += 1
        seat = a.first_fitting(person, seats[start:])
        if seat is not None:
            a.put(person, seat)


@dataclass
class Proposal:
    """A proposed plan, and the constraints it does not keep, each with why."""

    plan: SeatingPlan
    unmet: list[Broken] = field(default_factory=list)

    @property
    def unmet_hard(self) -> list[Broken]:
        """The hard constraints it does not keep."""
        return [b for b in self.unmet if b.constraint.hard]


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
    return propose_plan(plan, strategy, order, delegations, interpreters).plan


def propose_plan(
    plan: SeatingPlan,
    strategy: SeatingStrategy,
    order: Sequence[Person],
    delegations: Iterable[Delegation],
    interpreters: Collection[str] = (),
    constraints: Sequence[SeatingConstraint] = (),
) -> Proposal:
    """`propose`, keeping the meal's `constraints` too: the hard ones when it can (else
    it says why not), then the soft ones when that breaks no hard one."""
    proposal = copy.deepcopy(plan)
    proposal.strategy = SeatingStrategy(strategy)
    for _table, seat in proposal.seats():
        if not seat.locked:
            seat.person_id = None
    if not proposal.tables:
        return Proposal(proposal)
    everyone = {p.id: p for p in order}  # the interpreters behind too, for the messages
    behind = {c.person_id for c in constraints if c.kind is ConstraintKind.INTERPRETER_BEHIND}
    order = [p for p in order if p.id not in behind]
    needs: dict[str, tuple[bool, bool]] = {}
    for c in constraints:
        if c.hard and c.kind in (ConstraintKind.STEP_FREE, ConstraintKind.NEAR_EXIT):
            step_free, near_exit = needs.get(c.person_id, (False, False))
            needs[c.person_id] = (
                step_free or c.kind is ConstraintKind.STEP_FREE,
                near_exit or c.kind is ConstraintKind.NEAR_EXIT,
            )
    by_id = {d.id: d for d in delegations}
    a = _Assigner(proposal, needs, order)
    if strategy is SeatingStrategy.WORKING:
        _working(a, order, by_id, interpreters)
    else:
        _official(a, order, by_id, proposal.options)
    _fill(a, order)
    if not constraints:
        return Proposal(proposal)
    return Proposal(proposal, keep_constraints(proposal, constraints, everyone, a.suits))
