"""Use cases of seating plans: propose one, move people by hand, lock seats, print cards.

Each edit is one undoable operation on the event that holds the plan (a `SaveEntity`),
so proposing a whole plan is undone in one step, as is a move or a swap.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from visitplanner.domain import room_plan, seating
from visitplanner.domain.arrangements import SeatingPlan, SeatingStrategy, Table
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.precedence import event_order
from visitplanner.domain.values import Profile, Role
from visitplanner.exports.files import write_private
from visitplanner.i18n import _, current_language
from visitplanner.operations.edits import SaveEntity

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
    people = guests_at_table(data, event)
    plan = copy.deepcopy(event.seating) if event.seating else SeatingPlan()
    if tables is not None:
        plan.tables = copy.deepcopy(list(tables))
    elif not plan.tables:
        plan.tables = [seating.table_for(len(people), TABLE_NAME.format(n=1))]
    chosen = strategy or plan.strategy
    proposal = seating.propose(plan, chosen, people, data.delegations, interpreter_ids(data, event))
    return _with_plan(event, proposal, _("Propose a seating plan"))


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
