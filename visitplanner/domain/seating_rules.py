"""Seating constraints a planner sets for a meal, and the check of a plan against them.

A constraint names one person (near an exit, a step-free seat) or two (next to, not
next to, at the same table, at another table, an interpreter beside or behind a
principal, a couple); it is hard (a proposal must keep it, or say why it cannot) or
soft (kept when it can be). A constraint belongs to a meal (`event_id`) and goes with
the people it names: deleting a person deletes their constraints (kinds.py).

An interpreter "behind" a principal has no seat at the table: they sit on a chair
behind the principal's, which the plan does not number. The constraint is kept when
the principal is seated and the interpreter is not; the seating page's "No seat" list
and the command line show the interpreter as behind the principal. "Beside" is the
next seat, either side.

A couple follows the plan's option (`SeatingOptions.couples`): kept together (next to
each other), or apart (not next to each other); with no option set a couple asks nothing.

Next to means the seat immediately to the right or to the left on the same side of a
table (around a round table, the next seat either way); the person across the table
is not next to you.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from visitplanner.domain.arrangements import Grouping, Seat, SeatingOptions, SeatingPlan, Table
from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.i18n import N_, _


class ConstraintKind(StrEnum):
    """What a seating constraint asks."""

    NEXT_TO = "next-to"
    NOT_NEXT_TO = "not-next-to"
    SAME_TABLE = "same-table"
    OTHER_TABLE = "other-table"
    NEAR_EXIT = "near-exit"
    STEP_FREE = "step-free"
    #: The interpreter (person_id) in the seat next to the principal (other_id).
    INTERPRETER_BESIDE = "interpreter-beside"
    #: The interpreter (person_id) without a seat, behind the seated principal (other_id).
    INTERPRETER_BEHIND = "interpreter-behind"
    #: Two people who are a couple: the plan's option says together or apart.
    COUPLE = "couple"


#: The kinds that name one person only.
SINGLE: Final = frozenset({ConstraintKind.NEAR_EXIT, ConstraintKind.STEP_FREE})

#: What each kind is called in the window and the messages.
KIND_LABELS: Final[dict[ConstraintKind, str]] = {
    ConstraintKind.NEXT_TO: N_("next to"),
    ConstraintKind.NOT_NEXT_TO: N_("not next to"),
    ConstraintKind.SAME_TABLE: N_("at the same table"),
    ConstraintKind.OTHER_TABLE: N_("not at the same table"),
    ConstraintKind.NEAR_EXIT: N_("near an exit"),
    ConstraintKind.STEP_FREE: N_("wheelchair-accessible seat"),
    ConstraintKind.INTERPRETER_BESIDE: N_("interpreter beside"),
    ConstraintKind.INTERPRETER_BEHIND: N_("interpreter behind"),
    ConstraintKind.COUPLE: N_("couple"),
}


def kind_label(kind: ConstraintKind) -> str:
    """The kind in words, in the user's language."""
    return _(KIND_LABELS[kind])


@dataclass(slots=True)
class SeatingConstraint:
    """A rule a planner sets for a meal's seating plan: one person, or a pair."""

    event_id: str
    kind: ConstraintKind
    person_id: str
    #: The second person of a pair (the principal of an interpreter); None for one person.
    other_id: str | None = None
    #: Hard: a proposal keeps it or says why it cannot; soft: kept when it can be.
    hard: bool = True
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.kind in SINGLE:
            if self.other_id is not None:
                raise DomainError(_("this constraint names one person"))
        elif self.other_id is None:
            raise DomainError(_("this constraint names two people"))
        elif self.other_id == self.person_id:
            raise DomainError(_("a constraint cannot pair a person with themselves"))

    def people(self) -> tuple[str, ...]:
        """The people it names: one, or two."""
        return (self.person_id,) if self.other_id is None else (self.person_id, self.other_id)


@dataclass(frozen=True, slots=True)
class Broken:
    """A constraint a plan does not keep, and why."""

    constraint: SeatingConstraint
    reason: str


def for_event(constraints: Iterable[SeatingConstraint], event_id: str) -> list[SeatingConstraint]:
    """The constraints of one meal, in the order they were set."""
    return [c for c in constraints if c.event_id == event_id]


def by_event(constraints: Iterable[SeatingConstraint]) -> dict[str, list[SeatingConstraint]]:
    """The constraints grouped by meal."""
    found: dict[str, list[SeatingConstraint]] = defaultdict(list)
    for constraint in constraints:
        found[constraint.event_id].append(constraint)
    return found


def effective_kind(constraint: SeatingConstraint, options: SeatingOptions) -> ConstraintKind | None:
    """What a constraint asks under the plan's options (a couple: together or apart)."""
    if constraint.kind is not ConstraintKind.COUPLE:
        return constraint.kind
    if options.couples is Grouping.TOGETHER:
        return ConstraintKind.NEXT_TO
    if options.couples is Grouping.APART:
        return ConstraintKind.NOT_NEXT_TO
    return None


class Layout:
    """Where everyone sits in a plan: their seat, table and neighbours, looked up at once."""

    def __init__(self, plan: SeatingPlan) -> None:
        self.plan = plan
        self.seat: dict[str, Seat] = {}
        self.table: dict[str, Table] = {}
        self.tables_of_seat: dict[str, Table] = {}
        for table, seat in plan.seats():
            self.tables_of_seat[seat.id] = table
            if seat.person_id and seat.person_id not in self.seat:
                self.seat[seat.person_id] = seat
                self.table[seat.person_id] = table
        self._neighbours: dict[str, tuple[Seat, ...]] = {}

    def neighbours(self, seat: Seat) -> tuple[Seat, ...]:
        """The seats next to `seat` (right and left)."""
        found = self._neighbours.get(seat.id)
        if found is None:
            found = neighbour_seats(self.tables_of_seat[seat.id], seat)
            self._neighbours[seat.id] = found
        return found

    def adjacent(self, a: str, b: str) -> bool:
        """Whether `a` and `b` sit next to each other."""
        seat_a, seat_b = self.seat.get(a), self.seat.get(b)
        return (
            seat_a is not None
            and seat_b is not None
            and any(s is seat_b for s in self.neighbours(seat_a))
        )


def neighbour_seats(table: Table, seat: Seat) -> tuple[Seat, ...]:
    """The seats immediately to the right and to the left of `seat` at its table."""
    from visitplanner.domain.seating_proposal import outward  # the geometry of the proposal

    right, left = outward(table, seat)
    found = [row[0] for row in (right, left) if row and row[0] is not seat]
    if len(found) == 2 and found[0] is found[1]:  # a round table of two
        found.pop()
    return tuple(found)


Name = Callable[[str], str]


def broken(
    plan: SeatingPlan,
    constraints: Sequence[SeatingConstraint],
    name: Name,
    layout: Layout | None = None,
) -> list[Broken]:
    """The constraints `plan` does not keep, each with why (named by `name`)."""
    where = layout or Layout(plan)
    return [b for c in constraints if (b := why_broken(c, where, name)) is not None]


def why_broken(constraint: SeatingConstraint, where: Layout, name: Name) -> Broken | None:
    """Why `constraint` is not kept where everyone sits, or None when it is."""
    kind = effective_kind(constraint, where.plan.options)
    if kind is None:
        return None
    reason = next(_reasons(constraint, kind, where, name), None)
    return None if reason is None else Broken(constraint, reason)


def _reasons(
    c: SeatingConstraint, kind: ConstraintKind, where: Layout, name: Name
) -> Iterator[str]:
    a = c.person_id
    seat_a = where.seat.get(a)
    if kind is ConstraintKind.INTERPRETER_BEHIND:
        principal = c.other_id or ""
        if seat_a is not None:
            yield _("{person} has seat {seat}, but sits behind {principal}").format(
                person=name(a), seat=seat_a.number, principal=name(principal)
            )
        elif principal not in where.seat:
            yield _("{principal} has no seat for {person} to sit behind").format(
                person=name(a), principal=name(principal)
            )
        return
    if seat_a is None:
        yield _("{person} has no seat").format(person=name(a))
        return
    if kind is ConstraintKind.NEAR_EXIT:
        if not seat_a.near_exit:
            yield _("{person}'s seat {seat} is not near an exit").format(
                person=name(a), seat=seat_a.number
            )
        return
    if kind is ConstraintKind.STEP_FREE:
        if not seat_a.step_free:
            yield _("{person}'s seat {seat} cannot be reached by a wheelchair").format(
                person=name(a), seat=seat_a.number
            )
        return
    b = c.other_id or ""
    seat_b = where.seat.get(b)
    if seat_b is None:
        yield _("{person} has no seat").format(person=name(b))
        return
    same_table = where.table[a] is where.table[b]
    names = {"person": name(a), "other": name(b), "seat": seat_a.number, "at": seat_b.number}
    if kind in (ConstraintKind.NEXT_TO, ConstraintKind.INTERPRETER_BESIDE):
        if not where.adjacent(a, b):
            yield _("{person} (seat {seat}) is not next to {other} (seat {at})").format(**names)
    elif kind is ConstraintKind.NOT_NEXT_TO:
        if where.adjacent(a, b):
            yield _("{person} (seat {seat}) sits next to {other} (seat {at})").format(**names)
    elif kind is ConstraintKind.SAME_TABLE:
        if not same_table:
            text = _("{person} (seat {seat}) and {other} (seat {at}) are at different tables")
            yield text.format(**names)
    elif kind is ConstraintKind.OTHER_TABLE and same_table:
        yield _("{person} (seat {seat}) and {other} (seat {at}) are at the same table").format(
            **names
        )


def describe(constraint: SeatingConstraint, name: Name) -> str:
    """The constraint in words: "Dr Bernard next to Mr Melnyk (hard)"."""
    kind = kind_label(constraint.kind)
    text = (
        f"{name(constraint.person_id)} — {kind}"
        if constraint.other_id is None
        else f"{name(constraint.person_id)} — {kind} — {name(constraint.other_id)}"
    )
    strength = _("hard") if constraint.hard else _("soft")
    return f"{text} ({strength})"
