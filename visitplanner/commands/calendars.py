"""The calendar commands: export-ics, import-ics and publish (to a CalDAV server)."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from visitplanner.commands.base import (
    EXIT_OK,
    Subcommands,
    add_language_option,
    add_profile_option,
    shown,
)
from visitplanner.domain.calendars import Scope, ScopeKind
from visitplanner.domain.errors import InputError
from visitplanner.domain.lookup import find_delegation, find_person
from visitplanner.domain.model import VisitData
from visitplanner.i18n import _, ngettext
from visitplanner.services.calendar_import import (
    Action,
    apply_import,
    plan_import,
    skip_summary,
)
from visitplanner.services.calendars import ExportRequest, export_calendars
from visitplanner.services.visit_files import open_visit


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 7 * 24 * 60:
        raise argparse.ArgumentTypeError(
            _("not a number of minutes (0 to 10080): {value}").format(value=text)
        )
    return value


def _check_scope(args: argparse.Namespace) -> None:
    if args.per_person and (args.person or args.delegation):
        raise InputError(
            _("--per-person writes every person's file: leave out --person and --delegation")
        )
    if args.person and args.delegation:
        raise InputError(_("give --person or --delegation, not both"))


def _request(data: VisitData, args: argparse.Namespace) -> ExportRequest:
    """The calendars that export-ics and publish are asked for."""
    scope = Scope(ScopeKind.VISIT)
    if args.person:
        scope = Scope(ScopeKind.PERSON, find_person(data, args.person).id)
    elif args.delegation:
        scope = Scope(ScopeKind.DELEGATION, find_delegation(data, args.delegation).id)
    return ExportRequest(
        scope=scope,
        per_person=args.per_person,
        profile=args.profile,
        lang=args.lang,
        drafts=args.drafts,
        alarm_minutes=args.alarm,
    )


def _export(args: argparse.Namespace) -> int:
    _check_scope(args)
    session = open_visit(args.visit)
    try:
        request = _request(session.data, args)
        plan, written = export_calendars(session, request, args.output)
    finally:
        session.close()
    where = (
        shown(args.output)
        if not args.per_person
        else ngettext("{count} file in {path}", "{count} files in {path}", len(written)).format(
            count=len(written), path=args.output
        )
    )
    print(
        _(
            "Calendar written to {where} (events: {events}, cancelled: {cancelled}, "
            "updated: {updated})."
        ).format(
            where=where,
            events=plan.event_count,
            cancelled=plan.cancelled_count,
            updated=plan.updated_count,
        )
    )
    return EXIT_OK


def _ask_password(user: str, server: str) -> str | None:
    """The password, typed on the terminal (none without one: a script sets
    VISITPLANNER_CALDAV_PASSWORD)."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(_("Password of {user} on {server}: ").format(user=user, server=server))


def _publish(args: argparse.Namespace) -> int:
    # The CalDAV client (HTTP, XML) is loaded only to publish: export-ics starts as fast.
    from visitplanner.services.publish import PublishTarget, publish

    _check_scope(args)
    target = PublishTarget(args.url, args.user)
    target.home  # noqa: B018 -- a wrong address is said before the visit is opened
    session = open_visit(args.visit)
    try:
        request = _request(session.data, args)
        result = publish(session, request, target, _ask_password)
    finally:
        session.close()
    print(
        _(
            "Published {calendars} calendars to {url} ({made} made): {sent} events sent "
            "({cancelled} cancelled), {unchanged} unchanged."
        ).format(
            calendars=len(result.calendars),
            url=target.home,
            made=result.made,
            sent=result.sent,
            cancelled=result.cancelled,
            unchanged=result.unchanged,
        )
    )
    print(_("To subscribe on a phone (CalDAV account: DAVx5, iOS, Thunderbird):"))
    for calendar in result.calendars:
        print(f"  {calendar.title}: {calendar.url}")
    if result.webcal:
        print(_("Read-only subscription (apps that read no CalDAV: webcal):"))
        for calendar in result.calendars:
            print(f"  {calendar.title}: {calendar.webcal}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    session = open_visit(args.visit)
    try:
        # Matched and written under the file's write lock: two imports at once give
        # what one after the other gives.
        with session.exclusive():
            plan = plan_import(session.data, args.calendar)
            if not plan.empty:
                apply_import(session, plan)
    finally:
        session.close()
    for item in plan.items:
        if item.action is Action.SKIP:
            print(
                _("skipped (line {line}): {title}: {reason}").format(
                    line=item.line, title=item.title or "—", reason=item.reason
                )
            )
    print(
        _("Events added: {added}, updated: {updated}, skipped: {skipped}.").format(
            added=plan.count(Action.ADD),
            updated=plan.count(Action.UPDATE),
            skipped=plan.count(Action.SKIP),
        )
    )
    kinds = skip_summary(plan)
    if kinds:
        print(_("Skipped: {kinds}.").format(kinds=kinds))
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the calendar commands."""
    export = commands.add_parser("export-ics", help=_("write calendars (.ics) of the programme"))
    export.add_argument("visit", type=Path, metavar="VISIT")
    export.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE.ics|DIR",
        help=_("the file to write (a folder with --per-person)"),
    )
    export.add_argument("--person", metavar="NAME", help=_("only this person's events"))
    export.add_argument("--delegation", metavar="NAME", help=_("only this delegation's events"))
    export.add_argument(
        "--per-person", action="store_true", help=_("one file per person, in the folder -o")
    )
    add_profile_option(export)
    add_language_option(export)
    export.add_argument("--drafts", action="store_true", help=_("include draft events"))
    export.add_argument(
        "--alarm", type=_minutes, metavar="MINUTES", help=_("a reminder this many minutes before")
    )
    export.set_defaults(handler=_export)

    published = commands.add_parser(
        "publish", help=_("put the calendars on a CalDAV server, where phones subscribe")
    )
    published.add_argument("visit", type=Path, metavar="VISIT")
    published.add_argument(
        "--url",
        required=True,
        metavar="URL",
        help=_("the folder of your CalDAV account where calendars are made"),
    )
    published.add_argument(
        "--user",
        metavar="NAME",
        help=_(
            "the user name, if the server asks for a login (the password comes from the "
            "system keyring, VISITPLANNER_CALDAV_PASSWORD or a prompt)"
        ),
    )
    published.add_argument("--person", metavar="NAME", help=_("only this person's events"))
    published.add_argument("--delegation", metavar="NAME", help=_("only this delegation's events"))
    published.add_argument("--per-person", action="store_true", help=_("one calendar per person"))
    add_profile_option(published)
    add_language_option(published)
    published.add_argument("--drafts", action="store_true", help=_("include draft events"))
    published.add_argument(
        "--alarm", type=_minutes, metavar="MINUTES", help=_("a reminder this many minutes before")
    )
    published.set_defaults(handler=_publish)

    imported = commands.add_parser(
        "import-ics", help=_("bring the events of a calendar (.ics) into the programme")
    )
    imported.add_argument("visit", type=Path, metavar="VISIT")
    imported.add_argument("calendar", type=Path, metavar="FILE.ics")
    imported.set_defaults(handler=_import)
