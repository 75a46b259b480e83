"""The protocol commands: `seating` (plans and place cards) and `ceremony` (running order,
wreaths, placement)."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitplanner.commands.base import (
    EXIT_OK,
    Subcommands,
    add_language_option,
    add_profile_option,
    shown,
)
from visitplanner.domain import protocol_checks, seating_rules
from visitplanner.domain.arrangements import PlacementArea, SeatingStrategy
from visitplanner.domain.checks import CheckIndex, Finding, Severity
from visitplanner.domain.errors import InputError
from visitplanner.domain.labels import label
from visitplanner.domain.lookup import find_event
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.places import position_place
from visitplanner.domain.seating import tables_from_spec
from visitplanner.domain.seating_checks import seating_rule_findings
from visitplanner.domain.seating_rules import Broken
from visitplanner.domain.table_names import NUMBERED, printed_table_name
from visitplanner.domain.values import is_standard_output
from visitplanner.i18n import _, format_time
from visitplanner.services import ceremony as ceremony_service
from visitplanner.services import seating as seating_service
from visitplanner.services.visit_files import open_visit


def _pdf_path(path: Path | None) -> Path | None:
    if path is not None and not is_standard_output(path) and path.suffix.lower() != ".pdf":
        raise InputError(_("{path}: the output must be a .pdf file").format(path=path))
    return path


def _findings(findings: list[Finding]) -> None:
    words = {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}
    for finding in findings:
        print(f"{words[finding.severity]}: [{finding.kind.value}] {finding.message}")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    print(
        _("Errors: {errors}, warnings: {warnings}.").format(
            errors=errors, warnings=len(findings) - errors
        )
    )


def print_plan(data: VisitData, event: Event, lang: str) -> None:
    """The seating plan seat by seat, as the command prints it."""
    main = data.visit.main_language
    people = {p.id: p for p in data.people}
    print(event.title.get(lang, main))
    plan = event.seating
    if plan is None:
        print(_("No seating plan yet: propose one with --propose."))
        return
    print(_("Strategy: {strategy}").format(strategy=label(plan.strategy, lang)))
    for table in plan.tables:
        print()
        print(
            _("{table} — {shape}, seats: {count}").format(
                table=printed_table_name(table.name, lang),
                shape=label(table.shape, lang),
                count=len(table.seats),
            )
        )
        for seat in sorted(table.seats, key=lambda s: s.number):
            person = people.get(seat.person_id or "")
            who = "—"
            if person is not None:
                title = person.title.get(lang, main)
                who = f"{person.formal_name()}" + (f" — {title}" if title else "")
            marks = "".join(
                mark
                for mark, shown in (
                    (" " + _("[locked]"), seat.locked),
                    (" " + _("[not step-free]"), not seat.step_free),
                )
                if shown
            )
            where = f"{label(seat.side, lang)} {seat.position + 1}"
            print(f"  {seat.number:>3}  {where:<18} {who}{marks}")
    seated = set(plan.seated_ids())
    behind = seating_service.behind(data, event)
    for interpreter, principal in behind:
        print(
            _("{person}: behind {principal}, without a seat").format(
                person=_name(people, interpreter), principal=_name(people, principal)
            )
        )
    away = {interpreter for interpreter, _principal in behind}
    missing = [
        people[i]
        for i in event.participant_ids
        if i in people and i not in seated and i not in away
    ]
    if missing:
        print()
        print(_("No seat: {people}").format(people=", ".join(p.formal_name() for p in missing)))
    print_constraints(data, event)


def _name(people: dict[str, Person], ident: str) -> str:
    person = people.get(ident)
    return person.formal_name() if person is not None else ident


def print_constraints(data: VisitData, event: Event) -> None:
    """The meal's constraints, each marked when the plan does not keep it."""
    constraints = seating_service.constraints_of(data, event)
    if not constraints:
        return
    name = seating_service.person_name(data)
    broken = {b.constraint.id: b.reason for b in seating_service.broken_constraints(data, event)}
    print()
    print(_("Constraints:"))
    for constraint in constraints:
        mark = _("not kept") if constraint.id in broken else _("kept")
        print(f"  [{mark}] {seating_rules.describe(constraint, name)}")


def _print_unmet(unmet: list[Broken]) -> None:
    """What a proposal could not keep, and why."""
    for broken in unmet:
        word = _("hard") if broken.constraint.hard else _("soft")
        print(
            _("Cannot keep a {strength} constraint: {reason}").format(
                strength=word, reason=broken.reason
            )
        )


def _seating(args: argparse.Namespace) -> int:
    pdf = _pdf_path(args.output)
    plan_pdf = _pdf_path(args.print_plan)
    cards_pdf = _pdf_path(args.table_cards)
    if plan_pdf is None and (args.per_table or args.paper != "a4"):
        raise InputError(_("--paper and --per-table go with --print-plan FILE.pdf"))
    tables = tables_from_spec(args.tables, _(NUMBERED)) if args.tables else None
    proposing = args.propose or tables is not None or bool(args.strategy)
    session = open_visit(args.visit, read_only=not (proposing or args.constraint))
    try:
        event = find_event(session.data, args.event)
        lang = args.lang or session.data.visit.main_language
        for text in args.constraint or ():
            constraint = seating_service.parse_constraint(session.data, event, text)
            session.apply(seating_service.add_constraint_operation(session.data, constraint))
            name = seating_service.person_name(session.data)
            print(
                _("Constraint added: {constraint}").format(
                    constraint=seating_rules.describe(constraint, name)
                )
            )
        unmet: list[Broken] = []
        if proposing:
            strategy = SeatingStrategy(args.strategy) if args.strategy else None
            proposed = seating_service.proposed_plan(session.data, event, strategy, tables)
            session.apply(proposed.operation)
            unmet = proposed.unmet
            event = session.data.event(event.id)
            print(_("Seating plan proposed and saved."))
            _print_unmet(unmet)
        data = session.data
        print_plan(data, event, lang)
        print()
        findings = list(protocol_checks.check_seating(data, [event]))
        findings += [f for f in seating_rule_findings(CheckIndex(data)) if event.id in f.event_ids]
        _findings(findings)
        if pdf is not None:
            seating_service.write_place_cards(pdf, data, event, lang)
            print(_("Place cards and seating chart written to {path}.").format(path=shown(pdf)))
        if plan_pdf is not None:
            seating_service.write_room_plan(
                plan_pdf,
                data,
                event,
                lang,
                paper=args.paper,
                per_table=args.per_table,
                profile=args.profile,
            )
            print(_("Plan of the room written to {path}.").format(path=shown(plan_pdf)))
        if cards_pdf is not None:
            seating_service.write_table_cards(cards_pdf, data, event, lang)
            print(_("Table cards written to {path}.").format(path=shown(cards_pdf)))
    finally:
        session.close()
    return EXIT_OK


def print_ceremony(data: VisitData, event: Event, lang: str) -> None:
    """The running order, the wreaths and the placement, as the command prints them."""
    main = data.visit.main_language
    people = {p.id: p for p in data.people}
    print(event.title.get(lang, main))
    home = event.start.tzinfo
    for line in event.running_order:
        who = line.who.get(lang, main)
        print(
            f"  {format_time(line.at.astimezone(home), lang)}  "
            f"{line.action.get(lang, main)}" + (f" — {who}" if who else "")
        )
    for number, wreath in enumerate(event.wreaths, start=1):
        layers = ", ".join(people[i].formal_name() for i in wreath.layer_ids if i in people)
        carriers = ", ".join(people[i].formal_name() for i in wreath.carrier_ids if i in people)
        print(
            _("Wreath {number}: “{ribbon}”, laid by {layers}; carried by {carriers}").format(
                number=number,
                ribbon=wreath.ribbon.get(lang, main),
                layers=layers or "—",
                carriers=carriers or "—",
            )
        )
    areas = {area: index for index, area in enumerate(PlacementArea)}
    placed = sorted(event.placement, key=lambda p: (areas[p.area], p.row, p.place))
    for position in placed:
        person = people.get(position.person_id or "")
        print(
            f"  {position_place(position).text(lang)}  "
            f"{person.formal_name() if person else position.label or '—'}"
        )


def _ceremony(args: argparse.Namespace) -> int:
    pdf = _pdf_path(args.output)
    session = open_visit(args.visit, read_only=not (args.template or args.place))
    try:
        event = find_event(session.data, args.event)
        lang = args.lang or session.data.visit.main_language
        if args.template:
            try:
                operation = ceremony_service.template_operation(
                    session.data, event, replace=args.replace
                )
            except ceremony_service.RunningOrderKept as exc:
                # Nothing is saved: the officer's running order stays as written.
                raise InputError(
                    _("{reason}. Nothing was changed; add --replace to replace it.").format(
                        reason=exc.message
                    )
                ) from exc
            session.apply(operation)
            print(_("Commemoration template applied and saved."))
        elif args.place:
            session.apply(ceremony_service.placement_operation(session.data, event))
            print(_("Placement plan made and saved."))
        data = session.data
        event = data.event(event.id)
        print_ceremony(data, event, lang)
        print()
        _findings(list(protocol_checks.check_ceremonies(data, [event])))
        if pdf is not None:
            ceremony_service.write_ceremony_sheet(pdf, data, event, lang)
            print(
                _("Running order and placement diagram written to {path}.").format(path=shown(pdf))
            )
    finally:
        session.close()
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the seating and ceremony commands."""
    seating = commands.add_parser("seating", help=_("seating plan and place cards"))
    seating.add_argument("visit", type=Path, metavar="VISIT")
    seating.add_argument("event", metavar="EVENT", help=_("the meal, by title or id"))
    seating.add_argument(
        "--propose",
        action="store_true",
        help=_("propose a plan from the order of precedence (locked seats stay) and save it"),
    )
    seating.add_argument(
        "--strategy",
        choices=[strategy.value for strategy in SeatingStrategy],
        default=None,
        help=_("working: delegations face each other; official: à la française"),
    )
    seating.add_argument(
        "--tables",
        metavar="SPEC",
        help=_("the room's tables, e.g. long:8, long:8+1, head:7,round:10,round:10"),
    )
    seating.add_argument(
        "--constraint",
        action="append",
        metavar="KIND:PERSON[,PERSON][:soft]",
        help=_(
            "add a seating constraint to the meal, e.g. next-to:ID,ID or near-exit:NAME:soft "
            "(next-to, not-next-to, same-table, other-table, near-exit, step-free, "
            "interpreter-beside, interpreter-behind, couple); repeatable"
        ),
    )
    seating.add_argument(
        "-o", "--output", type=Path, metavar="FILE.pdf", help=_("write place cards and chart")
    )
    seating.add_argument(
        "--print-plan",
        type=Path,
        metavar="FILE.pdf",
        help=_("print the room to scale, then the lists by table (caterer) and by name (door)"),
    )
    seating.add_argument(
        "--paper",
        choices=["a4", "a3"],
        default="a4",
        help=_("the plan's paper, landscape (default: a4)"),
    )
    seating.add_argument(
        "--per-table", action="store_true", help=_("one page per table instead of the room")
    )
    seating.add_argument(
        "--table-cards", type=Path, metavar="FILE.pdf", help=_("write a tent card per table")
    )
    add_profile_option(seating)
    add_language_option(seating)
    seating.set_defaults(handler=_seating)

    ceremony = commands.add_parser(
        "ceremony", help=_("a ceremony's running order, wreaths and placement")
    )
    ceremony.add_argument("visit", type=Path, metavar="VISIT")
    ceremony.add_argument("event", metavar="EVENT", help=_("the ceremony, by title or id"))
    ceremony.add_argument(
        "--template",
        action="store_true",
        help=_("fill an empty running order from the commemoration template and save it"),
    )
    ceremony.add_argument(
        "--replace",
        action="store_true",
        help=_("with --template: replace a running order already written (undo brings it back)"),
    )
    ceremony.add_argument(
        "--place", action="store_true", help=_("place everyone afresh and save the placement")
    )
    ceremony.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE.pdf",
        help=_("write the running order and the placement diagram"),
    )
    add_language_option(ceremony)
    ceremony.set_defaults(handler=_ceremony)
