"""Roster exchange: import the spreadsheet an embassy sends, export rosters and accreditation.

Importing is two steps, so that nothing is written before the officer agrees:
`plan_import` reads and checks every row and says what would happen;
`apply_import` carries the plan out as ONE undoable operation (undo removes the
people it added and gives back the ones it updated, with the same ids).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from visitplanner.domain.errors import InputError, NotFoundError
from visitplanner.domain.lookup import find_delegation
from visitplanner.domain.model import Delegation, VisitData
from visitplanner.domain.roster_columns import Target
from visitplanner.domain.translit import has_cyrillic
from visitplanner.domain.values import LocalizedText, Profile, is_standard_output
from visitplanner.exports.files import write_private
from visitplanner.exports.roster import accreditation_table, roster_table, to_csv, to_xlsx
from visitplanner.i18n import _, current_language, ngettext
from visitplanner.imports.roster.plan import (
    Delegations,
    ImportPlan,
    build_plan,
    has_delegation_column,
    recognised_targets,
)
from visitplanner.imports.roster.reading import MAX_ROWS, OVERRIDES, encoding_name, read_sheet
from visitplanner.imports.roster.sheet import Sheet
from visitplanner.operations.edits import Entity, SaveEntity, SaveMany
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.progress import Progress, silent

log = logging.getLogger(__name__)

#: The encodings the officer may choose for a CSV file, over the detected one.
ENCODINGS = OVERRIDES

__all__ = [
    "ENCODINGS",
    "MAX_ROWS",
    "ImportOptions",
    "ImportPlan",
    "Sheet",
    "apply_import",
    "encoding_name",
    "export_roster",
    "has_delegation_column",
    "import_operation",
    "plan_import",
    "read_roster",
    "recognised_targets",
]


@dataclass(frozen=True)
class ImportOptions:
    """How to read a sheet.

    `delegation`: a delegation's name (a unique part is enough) or id: every row
    goes there; a name the visit does not have makes a new delegation.
    `new_delegation`: the name of a new delegation every row goes to (the window's
    "New delegation…"). `mapping`: column index to what it becomes (None: left out),
    over what the headers say.
    """

    delegation: str | None = None
    new_delegation: str | None = None
    mapping: Mapping[int, Target | None] | None = None


def read_roster(
    path: Path,
    encoding: str | None = None,
    progress: Progress | None = None,
    max_rows: int = MAX_ROWS,
) -> Sheet:
    """The sheet in the CSV or XLSX file at `path` (`encoding` overrides the detected one;
    more than `max_rows` rows are refused at once, as are files too large to be a roster)."""
    return read_sheet(path, encoding, (progress or silent()).step, max_rows)


def _named_delegation(data: VisitData, name: str) -> Delegations:
    try:
        return Delegations(fixed=find_delegation(data, name))
    except NotFoundError:
        text = " ".join(name.split())
        lang = "uk" if has_cyrillic(text) else data.visit.main_language
        position = max((d.position for d in data.delegations), default=-1) + 1
        created = Delegation(name=LocalizedText().replace(lang, text), position=position)
        return Delegations(fixed=created, fixed_is_new=True)


def plan_import(
    data: VisitData,
    sheet: Sheet,
    options: ImportOptions | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """What importing `sheet` into the visit would do. Nothing is written.

    Without a delegation option, the sheet needs a column naming each row's delegation.
    """
    options = options or ImportOptions()
    if options.new_delegation and options.new_delegation.strip():
        where = _named_delegation(
            VisitData(visit=data.visit), options.new_delegation
        )  # always new, whatever the visit holds
    elif options.delegation:
        where = _named_delegation(data, options.delegation)
    else:
        targets = recognised_targets(sheet)
        for index, target in (options.mapping or {}).items():
            if 0 <= index < len(targets):
                targets[index] = target
        if not has_delegation_column(targets):
            raise InputError(
                _(
                    "{path}: no column names the delegation; say which delegation the "
                    "people belong to (--delegation NAME)"
                ).format(path=sheet.name)
            )
        where = Delegations()
    if where.fixed is not None and where.fixed_is_new:
        where.fixed.position = max((d.position for d in data.delegations), default=-1) + 1
    return build_plan(data, sheet, where, options.mapping, step=(progress or silent()).step)


def import_operation(plan: ImportPlan) -> SaveMany:
    """The one undoable edit that carries `plan` out (its valid rows).

    New delegations come first and people after, so undo removes the people
    before the delegations made for them.
    """
    saves: list[tuple[Entity, Entity | None]] = [(d, None) for d in plan.new_delegations]
    saves.extend((p.after, p.before) for p in plan.people if p.action != "unchanged")
    saves.extend((after, before) for after, before in plan.changed_delegations)
    # Hotels before the stays in them, as the file's links want.
    saves.extend((after, before) for after, before in plan.hotels)
    saves.extend((after, before) for after, before in plan.stays)
    count = sum(1 for p in plan.people if p.action != "unchanged")
    label = ngettext(
        "Import {count} person from {source}", "Import {count} people from {source}", count
    ).format(count=count, source=plan.source)
    return SaveMany([SaveEntity(after, before) for after, before in saves], label=label)


def apply_import(
    session: VisitSession,
    plan: ImportPlan,
    skip_invalid: bool = False,
    apply: Callable[[Operation], object] | None = None,
) -> SaveMany:
    """Carry `plan` out as one operation and return it (for undo).

    Refused while rows are wrong, unless `skip_invalid` (the officer saw them and
    confirmed): then the wrong rows are left out. `apply` carries the operation out
    (the window's undo stack); `session.apply` by default.
    """
    if plan.errors and not skip_invalid:
        count = len(plan.error_rows)
        raise InputError(
            _("{source}: wrong rows: {count}; nothing was imported").format(
                source=plan.source, count=count
            )
        )
    operation = import_operation(plan)
    (apply or session.apply)(operation)
    log.info("imported %s: %d saves", plan.source, len(operation.edits))
    return operation


def export_roster(
    data: VisitData,
    out: Path,
    profile: Profile = Profile.SHAREABLE,
    accreditation: bool = False,
    lang: str | None = None,
) -> int:
    """Write the roster (or the accreditation list) to `out`, CSV or XLSX by its suffix.

    The accreditation list is internal by nature (passport numbers, birth dates): it is
    refused under any other profile, before anything is written.
    Returns the number of people written.
    """
    if accreditation and profile is not Profile.INTERNAL:
        raise InputError(
            _(
                "the accreditation list is internal by nature (passport numbers, birth "
                "dates): it is written only with the internal profile (--profile internal)"
            )
        )
    suffix = ".csv" if is_standard_output(out) else out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(_("{path}: a roster is written as .csv or .xlsx").format(path=out.name))
    language = lang or current_language()
    if accreditation:
        table = accreditation_table(data, language)
    else:
        table = roster_table(data, profile, language)
    payload = to_csv(table) if suffix == ".csv" else to_xlsx(table)
    write_private(out, payload, text=suffix == ".csv")
    return len(table.rows)
