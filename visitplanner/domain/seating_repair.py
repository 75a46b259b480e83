"""Keeping a meal's constraints in a proposed plan: moves that mend what the strategy broke.

After the strategy has seated everyone (seating_proposal.py), each constraint the plan
does not keep is mended by one move: the lower-ranked of its people (then the other)
changes seat with whoever sits where the constraint wants them (or takes a free seat
there). A move is made only if it keeps the constraint, gives both people seats they
can use (step-free, near an exit) and breaks no hard constraint more than before; a
locked seat never moves. Hard constraints are mended first, then the soft ones.

What cannot be mended is reported with why: no seat where it is wanted, the seats
there are locked, or every such move would break another hard constraint. Each
constraint looks at a few seats (the two beside someone, a table's, or the first
acceptable of the room), so 50 constraints on 600 seats cost a few milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from visitplanner.domain.arrangements import Seat, SeatingPlan, Table
from visitplanner.domain.model import Person
from visitplanner.domain.seating_rules import (
    Broken,
    ConstraintKind,
    Layout,
    SeatingConstraint,
    effective_kind,
    why_broken,
)
from visitplanner.i18n import _

Suits = Callable[[Person, Seat], bool]

_PAIRED = (ConstraintKind.NEXT_TO, ConstraintKind.INTERPRETER_BESIDE)


class _Mender:
    """The plan being mended: where everyone sits and the constraints naming each person."""

    def __init__(
        self,
        plan: SeatingPlan,
        constraints: Sequence[SeatingConstraint],
        people: Mapping[str, Person],
        suits: Suits,
    ) -> None:
        self.plan = plan
        self.people = people
        self.suits = suits
        self.layout = Layout(plan)
        self.rank = {ident: index for index, ident in enumerate(people)}
        self.naming: dict[str, list[SeatingConstraint]] = defaultdict(list)
        for constraint in constraints:
            for ident in constraint.people():
                self.naming[ident].append(constraint)
        self.seats = [seat for _table, seat in plan.seats()]

    def name(self, ident: str) -> str:
        person = self.people.get(ident)
        return person.display_name() if person is not None else ident

    def broken(self, constraint: SeatingConstraint) -> bool:
        return why_broken(constraint, self.layout, self.name) is not None

    def cost(self, idents: Iterable[str | None]) -> tuple[int, int]:
        """How many hard and soft constraints naming `idents` are broken."""
        seen: set[str] = set()
        hard = soft = 0
        for ident in idents:
            for c in self.naming.get(ident or "", ()):
                if c.id not in seen:
                    seen.add(c.id)
                    if self.broken(c):
                        hard += c.hard
                        soft += not c.hard
        return hard, soft

    def usable(self, ident: str | None, seat: Seat | None) -> bool:
        if ident is None or seat is None:
            return True
        person = self.people.get(ident)
        return person is None or self.suits(person, seat)

    def swap(self, mover: str, target: Seat) -> None:
        """`mover` to `target`; whoever sat there to the mover's seat (or unseated)."""
        source = self.layout.seat.get(mover)
        occupant = target.person_id
        target.person_id = mover
        self._place(mover, target)
        if source is not None:
            source.person_id = occupant
        if occupant is not None:
            if source is not None:
                self._place(occupant, source)
            else:
                del self.layout.seat[occupant], self.layout.table[occupant]

    def _place(self, ident: str, seat: Seat) -> None:
        self.layout.seat[ident] = seat
        self.layout.table[ident] = self.layout.tables_of_seat[seat.id]

    def try_move(self, constraint: SeatingConstraint, mover: str, target: Seat) -> bool:
        """Move `mover` to `target` if that keeps `constraint` and costs no hard one."""
        source = self.layout.seat.get(mover)
        occupant = target.person_id
        if target is source or target.locked or (source is not None and source.locked):
            return False
        if occupant is not None and source is None:
            return False  # no seat to give the occupant in exchange
        if not (self.usable(mover, target) and self.usable(occupant, source)):
            return False
        before = self.cost((mover, occupant))
        self.swap(mover, target)
        after = self.cost((mover, occupant))
        kept = not self.broken(constraint)
        better = after[0] < before[0] or (after[0] == before[0] and after[1] < before[1])
        if kept and better:
            return True
        if source is not None:
            self.swap(mover, source)  # back: the occupant returns to `target`
        else:
            self._unseat(mover, target)
        return False

    def _unseat(self, mover: str, seat: Seat) -> None:
        seat.person_id = None
        del self.layout.seat[mover], self.layout.table[mover]

    def candidates(self, kind: ConstraintKind, mover: str, anchor: str | None) -> list[Seat]:
        """Where `mover` could go to keep a constraint of `kind` with `anchor`."""
        where = self.layout
        if kind is ConstraintKind.NEAR_EXIT:
            return [s for s in reversed(self.seats) if s.near_exit]
        if kind is ConstraintKind.STEP_FREE:
            return [s for s in reversed(self.seats) if s.step_free]
        at = where.seat.get(anchor or "")
        if at is None:
            return []
        if kind in _PAIRED:
            return list(where.neighbours(at))
        table: Table = where.table[anchor or ""]
        if kind is ConstraintKind.SAME_TABLE:
            return [s for s in reversed(table.seats) if s is not at]
        own = where.table.get(mover)
        if kind is ConstraintKind.NOT_NEXT_TO:
            beside = {s.id for s in where.neighbours(at)}
            near = [s for s in (own.seats if own else []) if s.id not in beside]
            taken = {s.id for s in near} | beside
            return near + [s for s in self.seats if s.id not in taken]
        # Another table: any seat of the others, in the room's order.
        return [s for s in self.seats if where.tables_of_seat[s.id] is not table]

    def mend(self, constraint: SeatingConstraint) -> str | None:
        """Mend `constraint` with one move; None when kept, else why it cannot be."""
        kind = effective_kind(constraint, self.plan.options)
        if kind is None or kind is ConstraintKind.INTERPRETER_BEHIND:
            return None
        if not self.broken(constraint):
            return None
        a, b = constraint.person_id, constraint.other_id
        movers = [a] if b is None else sorted((a, b), key=lambda i: -self.rank.get(i, -1))
        tried = seen = False
        for mover in movers:
            anchor = None if b is None else (b if mover == a else a)
            seat = self.layout.seat.get(mover)
            if seat is not None and seat.locked:
                continue
            for target in self.candidates(kind, mover, anchor):
                seen = True
                if target.locked:
                    continue
                tried = True
                if self.try_move(constraint, mover, target):
                    return None
        return self._why_not(kind, constraint, tried, seen)

    def _why_not(self, kind: ConstraintKind, c: SeatingConstraint, tried: bool, seen: bool) -> str:
        movable = [i for i in c.people() if not (s := self.layout.seat.get(i)) or not s.locked]
        if not movable:
            return _("their seats are locked")
        if tried:
            return _("every move that would keep it breaks another hard constraint")
        if seen:
            return _("the seats it needs are locked")
        if kind is ConstraintKind.NEAR_EXIT:
            return _("no seat of the plan is near an exit")
        if kind is ConstraintKind.STEP_FREE:
            return _("no seat of the plan can be reached by a wheelchair")
        if kind is ConstraintKind.OTHER_TABLE:
            return _("the plan has one table")
        if any(i not in self.layout.seat for i in c.people()):
            return _("there are fewer seats than guests")
        return _("no seat of the plan would keep it")


def keep_constraints(
    plan: SeatingPlan,
    constraints: Sequence[SeatingConstraint],
    people: Mapping[str, Person],
    suits: Suits,
) -> list[Broken]:
    """Mend `plan` (in place) to keep `constraints`; those it still breaks, with why.

    `people` are those seated, by precedence (the lower-ranked of a pair moves first);
    `suits` says whether a seat gives a person what they need.
    """
    mender = _Mender(plan, constraints, people, suits)
    why_not: dict[str, str] = {}
    for constraint in sorted(constraints, key=lambda c: not c.hard):
        reason = mender.mend(constraint)
        if reason is not None:
            why_not[constraint.id] = reason
    unmet = []
    for constraint in constraints:
        found = why_broken(constraint, mender.layout, mender.name)
        if found is not None:
            extra = why_not.get(constraint.id)
            text = found.reason
            if extra:
                text = _("{problem}: {why}").format(problem=found.reason, why=extra)
            unmet.append(Broken(constraint, text))
    return unmet
