"""Use cases of seating plans: propose one, move people by hand, lock seats, print cards,
set the meal's constraints and the plan's options.

Each edit is one undoable operation on the event that holds the plan (a `SaveEntity`),
so proposing a whole plan is undone in one step, as is a move or a swap.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from visitplanner.domain import room_plan, seating, seating_rules
from visitplanner.domain.arrangements import SeatingOptions, SeatingPlan, SeatingStrategy, Table
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.lookup import find_person
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.precedence import event_order
from visitplanner.domain.seating_proposal import propose_plan
from visitplanner.domain.seating_rules import Broken, ConstraintKind, SeatingConstraint
from visitplanner.domain.values import Profile, Role
from visitplanner.exports.files import write_private
from visitplanner.i18n import _, current_language, ngettext
from visitplanner.operations.edits import DeleteEntities, SaveEntity, delete_operation

log = logging.getLogger(__name__)

#: The table's name a new plan gets ({n}: its number).
TABLE_NAME = "{n}"


def guests_at_table(data: VisitData, event: Event) -> list[Person]:
    """Who is to be seated: the event's participants in its order of precedence."""
    return event_order(data, event)


def interpreter_ids(data: VisitData, event: Event) -> set[str]:
    """The event's interpreters: those it names, and participants whose role it is."""
    found = set(event.interpretation.interpreter_ids)
    found |= {p.id for p in guests_at_table(data, event) if str(p.role) == Role.INTERPRETER.value}
    return found


def _with_plan(event: Event, plan: SeatingPlan, label: str) -> SaveEntity:
    after = copy.deepcopy(event)
    after.seating = plan
    return SaveEntity(after=after, before=event, label=label)


@dataclass
class ProposedPlan:
    """The operation saving a proposed plan, and the constraints it cannot keep (why)."""

    operation: SaveEntity
    unmet: list[Broken] = field(default_factory=list)


def propose_operation(
    data: VisitData,
    event: Event,
    strategy: SeatingStrategy | None = None,
    tables: Sequence[Table] | None = None,
) -> SaveEntity:
    """The operation that proposes and saves a plan for `event`, keeping locked seats.

    `tables` replaces the plan's tables (their locks go with them); a meal without a
    plan gets one long table just large enough for its participants.
    """
    return proposed_plan(data, event, strategy, tables).operation


def proposed_plan(
    data: VisitData,
    event: Event,
    strategy: SeatingStrategy | None = None,
    tables: Sequence[Table] | None = None,
) -> ProposedPlan:
    """`propose_operation` with the meal's constraints kept, and those it cannot keep."""
    people = guests_at_table(data, event)
    plan = copy.deepcopy(event.seating) if event.seating else SeatingPlan()
    if tables is not None:
        plan.tables = copy.deepcopy(list(tables))
    elif not plan.tables:
        plan.tables = [seating.table_for(len(people), TABLE_NAME.format(n=1))]
    chosen = strategy or plan.strategy
    result = propose_plan(
        plan,
        chosen,
        people,
        data.delegations,
        interpreter_ids(data, event),
        constraints_of(data, event),
    )
    operation = _with_plan(event, result.plan, _("Propose a seating plan"))
    return ProposedPlan(operation, result.unmet)


# --- constraints ----------------------------------------------------------------------


def constraints_of(data: VisitData, event: Event) -> list[SeatingConstraint]:
    """The meal's constraints, in the order they were set."""
    return seating_rules.for_event(data.seating_constraints, event.id)


def person_name(data: VisitData) -> Callable[[str], str]:
    """How messages name a person: their name as displayed, or the id of someone unknown."""
    people = {p.id: p for p in data.people}

    def name(ident: str) -> str:
        person = people.get(ident)
        return person.display_name() if person is not None else ident

    return name


def broken_constraints(data: VisitData, event: Event) -> list[Broken]:
    """The meal's constraints its plan does not keep (none without a plan)."""
    if event.seating is None:
        return []
    return seating_rules.broken(event.seating, constraints_of(data, event), person_name(data))


def behind(data: VisitData, event: Event) -> list[tuple[str, str]]:
    """(interpreter, principal) of each interpreter sitting behind a principal."""
    return [
        (c.person_id, c.other_id)
        for c in constraints_of(data, event)
        if c.kind is ConstraintKind.INTERPRETER_BEHIND and c.other_id is not None
    ]


def add_constraint_operation(data: VisitData, constraint: SeatingConstraint) -> SaveEntity:
    """Add a constraint to its meal (the people and the meal must exist)."""
    data.event(constraint.event_id)
    for ident in constraint.people():
        data.person(ident)
    return SaveEntity(after=constraint, label=_("Add a seating constraint"))


def edit_constraint_operation(before: SeatingConstraint, after: SeatingConstraint) -> SaveEntity:
    """Change a constraint (its kind, people or strength); it keeps its id."""
    return SaveEntity(after=after, before=before, label=_("Edit a seating constraint"))


def delete_constraint_operation(data: VisitData, constraint: SeatingConstraint) -> DeleteEntities:
    """Delete a constraint."""
    operation = delete_operation(data, constraint)
    operation.label = _("Delete a seating constraint")
    return operation


def options_operation(event: Event, options: SeatingOptions) -> SaveEntity:
    """Set how the plan seats couples and delegations."""
    plan = copy.deepcopy(_plan(event))
    plan.options = copy.deepcopy(options)
    return _with_plan(event, plan, _("Seating options"))


def parse_constraint(data: VisitData, event: Event, text: str) -> SeatingConstraint:
    """A constraint from the command line: "next-to:PERSON,PERSON", "near-exit:PERSON",
    ":soft" at the end for a soft one. A person is named by name or id."""
    kind_text, _sep, people_text = text.partition(":")
    strength = "hard"
    head, _sep, tail = people_text.rpartition(":")
    if tail.strip() in ("soft", "hard"):
        people_text, strength = head, tail.strip()
    try:
        kind = ConstraintKind(kind_text.strip())
    except ValueError:
        known = ", ".join(k.value for k in ConstraintKind)
        raise InputError(
            _("not a seating constraint: “{text}” (one of {known})").format(text=text, known=known)
        ) from None
    names = [part.strip() for part in people_text.split(",") if part.strip()]
    wanted = 1 if kind in seating_rules.SINGLE else 2
    if len(names) != wanted:
        raise InputError(
            ngettext(
                "“{text}”: “{kind}” names {count} person",
                "“{text}”: “{kind}” names {count} people",
                wanted,
            ).format(text=text, kind=kind.value, count=wanted)
        )
    ids = [find_person(data, name).id for name in names]
    try:
        return SeatingConstraint(
            event_id=event.id,
            kind=kind,
            person_id=ids[0],
            other_id=ids[1] if wanted == 2 else None,
            hard=strength != "soft",
        )
    except DomainError as exc:
        raise InputError(exc.message) from None


def move_operation(data: VisitData, event: Event, person_id: str, seat_id: str) -> SaveEntity:
    """Seat `person_id` at `seat_id`; whoever sat there takes the person's old seat."""
    data.person(person_id)
    return _with_plan(event, seating.move(_plan(event), person_id, seat_id), _("Move to a seat"))


def unseat_operation(event: Event, person_id: str) -> SaveEntity:
    """Leave `person_id` without a seat."""
    return _with_plan(event, seating.unseat(_plan(event), person_id), _("Remove from the table"))


def lock_operation(event: Event, seat_id: str, locked: bool) -> SaveEntity:
    """Lock a seat (it keeps its person when a plan is proposed again), or unlock it."""
    label = _("Lock a seat") if locked else _("Unlock a seat")
    return _with_plan(event, seating.set_locked(_plan(event), seat_id, locked), label)


def room_operation(
    event: Event, edit: Callable[[SeatingPlan], SeatingPlan], label: str
) -> SaveEntity:
    """One undoable edit of the room of `event` (a `room_plan` function given the plan):
    only the plan changes, the event's wreaths, placement and running order stay as they
    are. A meal without a plan gets an empty one first."""
    plan = event.seating if event.seating is not None else SeatingPlan()
    return _with_plan(event, edit(plan), label)


def shift_operation(data: VisitData, event: Event, person_id: str, seat_id: str) -> SaveEntity:
    """Seat `person_id` at `seat_id`, the others moved one seat along towards a free one."""
    data.person(person_id)
    plan = room_plan.shift_to(_plan(event), person_id, seat_id)
    return _with_plan(event, plan, _("Move to a seat"))


def exit_operation(event: Event, seat_id: str, near_exit: bool) -> SaveEntity:
    """Mark a seat as near an exit (a constraint may ask for one), or not."""
    plan = copy.deepcopy(_plan(event))
    plan.seat(seat_id).near_exit = near_exit
    label = _("Mark a seat near an exit") if near_exit else _("Mark a seat away from the exits")
    return _with_plan(event, plan, label)


def _plan(event: Event) -> SeatingPlan:
    if event.seating is None:
        raise DomainError(
            _("“{event}” has no seating plan yet").format(event=event.title.get(current_language()))
        )
    return event.seating


def write_place_cards(path: Path, data: VisitData, event: Event, lang: str) -> None:
    """Print the place cards and the seating chart of `event` to the PDF at `path`."""
    from visitplanner.exports.protocol_pdf import write_seating_pdf  # reportlab: when asked

    write_seating_pdf(path, data, event, lang)


def write_room_plan(
    path: Path,
    data: VisitData,
    event: Event,
    lang: str,
    *,
    paper: str = "a4",
    per_table: bool = False,
    profile: Profile = Profile.SHAREABLE,
) -> None:
    """Print the room of `event` to scale (whole or a page per table), with the caterer's
    list (dietary needs only under the internal profile) and the door's, to `path`."""
    from visitplanner.exports.scale_plan import plan_pdf  # reportlab: when asked

    write_private(
        path, plan_pdf(data, event, lang, paper=paper, per_table=per_table, profile=profile)
    )


def write_table_cards(path: Path, data: VisitData, event: Event, lang: str) -> None:
    """Print a folded tent card per table of `event` to `path`."""
    from visitplanner.exports.table_cards import table_cards_pdf  # reportlab: when asked

    write_private(path, table_cards_pdf(data, event, lang))
