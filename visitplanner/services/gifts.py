"""The gifts register's use cases: export it, and set the visit's declaration threshold."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from visitplanner.domain.errors import InputError
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import Profile, is_standard_output
from visitplanner.exports.files import write_private
from visitplanner.exports.gifts import gifts_table
from visitplanner.exports.roster import to_csv, to_xlsx
from visitplanner.i18n import _, current_language
from visitplanner.operations.edits import SaveEntity


def export_gifts(
    data: VisitData, out: Path, profile: Profile = Profile.SHAREABLE, lang: str | None = None
) -> int:
    """Write the gifts register to `out`, CSV or XLSX by its suffix, readable by its owner
    only; the number of gifts written. Anything else than .csv or .xlsx is refused before
    anything is written."""
    suffix = ".csv" if is_standard_output(out) else out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(
            _("{path}: the gifts register is written as .csv or .xlsx").format(path=out.name)
        )
    table = gifts_table(data, profile, lang or current_language())
    payload = to_csv(table) if suffix == ".csv" else to_xlsx(table)
    write_private(out, payload, text=suffix == ".csv")
    return len(table.rows)


def threshold_operation(data: VisitData, threshold: int | None, currency: str) -> SaveEntity | None:
    """The edit setting the visit's gift declaration threshold (None: nothing changes)."""
    visit = data.visit
    if (visit.gift_threshold, visit.gift_currency) == (threshold, currency):
        return None
    after = dataclasses.replace(visit, gift_threshold=threshold, gift_currency=currency)
    return SaveEntity(after, visit, label=_("Set the gift declaration threshold"))
