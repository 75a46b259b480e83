"""The precedence command: the merged order of precedence of a visit or an event, the
visit's rules for it (guest placement, version of the décret), and the versions of the
décret VisitPlanner has."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitplanner.commands.base import EXIT_OK, Subcommands, add_language_option
from visitplanner.domain.decree import (
    PLACEMENT_NAMES,
    GuestPlacement,
    coverage_lines,
    decree_versions,
)
from visitplanner.domain.errors import InputError
from visitplanner.domain.lookup import find_event
from visitplanner.domain.model import Person, VisitData
from visitplanner.domain.precedence import PrecedenceIndex, event_order, merged_order
from visitplanner.i18n import _, ngettext
from visitplanner.services.precedence import precedence_settings_operation
from visitplanner.services.visit_files import open_visit


def _versions() -> int:
    versions = decree_versions()
    for decree in reversed(versions):
        count = sum(len(positions) for positions in decree.lists.values())
        latest = _(" (latest, the default)") if decree is versions[-1] else ""
        print(f"{decree.version}{latest}")
        print(f"  {decree.title}")
        print(f"  {decree.reference}")
        print("  " + ngettext("{count} position", "{count} positions", count).format(count=count))
        print(f"  {decree.source}")
        print(f"  {decree.file}")
    return EXIT_OK


def _line(number: int, person: Person, data: VisitData, index: PrecedenceIndex, lang: str) -> str:
    main = data.visit.main_language
    parts = [f"{number:>3}. {person.formal_name()}"]
    title = person.title.get(lang, main) or person.function.get(lang, main)
    if title:
        parts.append(title)
    delegation = index.delegations.get(person.delegation_id or "")
    if delegation is not None:
        parts.append(delegation.name.get(lang, main))
    position = index.decree.position(person.precedence_position)
    if position is not None:
        text = _("décret: {rank}° {position}").format(
            rank=position.rank, position=position.label.get(lang)
        )
        if not position.checked:
            text += " " + _("(to check)")
        parts.append(text)
    return " — ".join(parts)


def _precedence(args: argparse.Namespace) -> int:
    if args.decree_versions:
        return _versions()
    if args.visit is None:
        raise InputError(_("name a visit file, or ask for --decree-versions"))
    placement = None if args.guest_placement is None else GuestPlacement(args.guest_placement)
    writes = placement is not None or args.decree_version is not None
    session = open_visit(args.visit, read_only=not writes)
    try:
        if writes:
            operation = precedence_settings_operation(session.data, placement, args.decree_version)
            if operation is not None:
                session.apply(operation)
                print(_("Rules of the order of precedence saved."))
        data = session.data
        lang = args.lang or data.visit.main_language
        index = PrecedenceIndex(data)
        decree = index.decree
        if args.event:
            event = find_event(data, args.event)
            order = event_order(data, event, index=index)
            print(event.title.get(lang, data.visit.main_language))
            if event.precedence_ids:
                count = len(event.precedence_ids)
                first = ngettext(
                    "The officer's own order comes first ({count} person).",
                    "The officer's own order comes first ({count} people).",
                    count,
                )
                print(first.format(count=count))
        else:
            order = merged_order(data, [p.id for p in data.people], index=index)
            print(data.visit.title.get(lang, data.visit.main_language))
        print(
            _("Décret n° 89-655, consolidated text of {version}; guests: {rule}.").format(
                version=decree.version, rule=_(PLACEMENT_NAMES[index.rule])
            )
        )
        for number, person in enumerate(order, start=1):
            print(_line(number, person, data, index, lang))
        if any(
            (p := decree.position(person.precedence_position)) is not None and not p.checked
            for person in order
        ):
            print()
            for line in coverage_lines(decree):
                print(line)
    finally:
        session.close()
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the precedence command."""
    parser = commands.add_parser(
        "precedence",
        help=_("the merged order of precedence of a visit or an event (décret n° 89-655)"),
    )
    parser.add_argument("visit", type=Path, metavar="VISIT", nargs="?")
    parser.add_argument("--event", metavar="EVENT", help=_("an event, by title or id"))
    parser.add_argument(
        "--guest-placement",
        choices=[rule.value for rule in GuestPlacement],
        default=None,
        help=_(
            "save where guests stand against hosts of equal grade: after_host (the "
            "default of a new visit) or guest_first (courtesy)"
        ),
    )
    parser.add_argument(
        "--decree-version",
        metavar="VERSION",
        default=None,
        help=_("save the version of the décret the visit follows (empty: the latest)"),
    )
    parser.add_argument(
        "--decree-versions",
        action="store_true",
        help=_("list the versions of the décret this VisitPlanner has"),
    )
    add_language_option(parser)
    parser.set_defaults(handler=_precedence)
