"""The roster commands: import-roster (CSV or XLSX from an embassy) and export-roster."""

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
from visitplanner.domain.errors import InputError
from visitplanner.domain.values import Profile
from visitplanner.i18n import _, current_language, ngettext
from visitplanner.services.roster_mappings import MappingStore
from visitplanner.services.rosters import (
    MAX_ROWS,
    ImportOptions,
    ImportPlan,
    apply_import,
    encoding_name,
    export_roster,
    plan_import,
    read_roster,
)
from visitplanner.services.visit_files import open_visit, read_visit

#: How many wrong rows the one-line error names before "…".
_NAMED_ERRORS = 3


def _how_read(plan: ImportPlan) -> str:
    sheet = plan.sheet
    if sheet.kind == "xlsx":
        how = _("XLSX, sheet “{name}”").format(name=sheet.worksheet)
    else:
        delimiter = {"\t": _("tab")}.get(sheet.delimiter, f"“{sheet.delimiter}”")
        how = _("CSV, {encoding}, cells separated by {delimiter}").format(
            encoding=encoding_name(sheet.encoding), delimiter=delimiter
        )
    return ngettext(
        "{source} ({how}): {rows} row read.", "{source} ({how}): {rows} rows read.", plan.rows_read
    ).format(source=plan.source, how=how, rows=plan.rows_read)


def print_summary(plan: ImportPlan) -> None:
    """What the import does or would do, as the officer reads it after the command."""
    print(_how_read(plan))
    if plan.ignored_columns:
        print(_("Columns not recognised, left out: {names}").format(
            names=", ".join(plan.ignored_columns)
        ))  # fmt: skip
    for delegation in plan.new_delegations:
        print(_("New delegation: {name}").format(name=delegation.name.get(current_language())))
    added, updated = len(plan.of("add")), len(plan.of("update"))
    print(
        _("{added} to add, {updated} to update, {unchanged} unchanged.").format(
            added=added, updated=updated, unchanged=len(plan.of("unchanged"))
        )
    )
    for role, rows in plan.unknown_roles.items():
        print(
            _("Role not known, kept as written: “{role}” ({rows})").format(
                role=role, rows=_rows_text(rows)
            )
        )
    if plan.without_delegation:
        print(
            _("In no delegation (the delegation cell is empty): {rows}").format(
                rows=_rows_text(plan.without_delegation)
            )
        )
    for warning in plan.warnings:
        print(_("warning: {problem}").format(problem=warning))
    for error in plan.errors:
        print(_("error: {problem}").format(problem=error))


def _rows_text(rows: list[int]) -> str:
    more = "…" if len(rows) > 10 else ""
    return ", ".join(_("row {row}").format(row=row) for row in rows[:10]) + more


def _import_roster(args: argparse.Namespace) -> int:
    session = open_visit(args.visit)
    try:
        sheet = read_roster(args.file, args.encoding, max_rows=args.max_rows)
        remembered = MappingStore().recall(sheet.headers)
        options = ImportOptions(delegation=args.delegation, mapping=remembered or None)
        # Matched and written under the file's write lock: two imports of the same
        # roster at once give what one after the other gives.
        with session.exclusive():
            plan = plan_import(session.data, sheet, options)
            print_summary(plan)
            if plan.errors and not args.skip_invalid:
                named = "; ".join(str(e) for e in plan.errors[:_NAMED_ERRORS])
                more = " …" if len(plan.errors) > _NAMED_ERRORS else ""
                raise InputError(
                    _(
                        "{source}: wrong rows: {count} ({errors}{more}); nothing was imported "
                        "(--skip-invalid imports the other rows)"
                    ).format(
                        source=plan.source, count=len(plan.error_rows), errors=named, more=more
                    )
                )
            apply_import(session, plan, skip_invalid=True)
    finally:
        session.close()
    written = len(plan.of("add")) + len(plan.of("update"))
    print(
        ngettext(
            "Roster imported into {path}: {count} person written.",
            "Roster imported into {path}: {count} people written.",
            written,
        ).format(path=args.visit, count=written)
    )
    return EXIT_OK


def _export_roster(args: argparse.Namespace) -> int:
    data = read_visit(args.visit)
    lang = args.lang or data.visit.main_language
    count = export_roster(data, args.output, args.profile, args.accreditation, lang)
    if args.accreditation:
        message = ngettext(
            "Accreditation list written to {path} ({count} person).",
            "Accreditation list written to {path} ({count} people).",
            count,
        )
    elif args.profile is Profile.INTERNAL:
        message = ngettext(
            "Roster written to {path} ({count} person, internal: private fields in).",
            "Roster written to {path} ({count} people, internal: private fields in).",
            count,
        )
    else:
        message = ngettext(
            "Roster written to {path} ({count} person, shareable: no private field).",
            "Roster written to {path} ({count} people, shareable: no private field).",
            count,
        )
    print(message.format(path=shown(args.output), count=count))
    return EXIT_OK


def _positive(text: str) -> int:
    """An argument that is a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            _("not a whole number of at least 1: {value}").format(value=text)
        )
    return number


def register(commands: Subcommands) -> None:
    """Add the roster commands."""
    imported = commands.add_parser(
        "import-roster", help=_("import a roster spreadsheet (CSV or XLSX) into a visit")
    )
    imported.add_argument("visit", type=Path, metavar="VISIT")
    imported.add_argument("file", type=Path, metavar="FILE")
    imported.add_argument(
        "--delegation", metavar="NAME", help=_("put every row in this delegation")
    )
    imported.add_argument(
        "--encoding",
        metavar="NAME",
        help=_("the CSV file's encoding (default: detected), e.g. cp1251, cp1252, utf-8"),
    )
    imported.add_argument(
        "--skip-invalid", action="store_true", help=_("import the valid rows when some are wrong")
    )
    imported.add_argument(
        "--max-rows",
        type=_positive,
        default=MAX_ROWS,
        metavar="N",
        help=_("refuse a sheet of more than N rows (default: {limit})").format(limit=MAX_ROWS),
    )
    imported.set_defaults(handler=_import_roster)

    exported = commands.add_parser(
        "export-roster", help=_("write the roster as CSV or XLSX, in order of precedence")
    )
    exported.add_argument("visit", type=Path, metavar="VISIT")
    exported.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.csv|FILE.xlsx")
    add_profile_option(exported)
    exported.add_argument(
        "--accreditation",
        action="store_true",
        help=_("write the accreditation list for security services (internal by nature)"),
    )
    add_language_option(exported)
    exported.set_defaults(handler=_export_roster)
