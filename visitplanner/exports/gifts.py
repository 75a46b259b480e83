"""The gifts register as a spreadsheet (CSV for French Excel, or XLSX), like the roster.

It goes through `for_profile` first: shareable by default, without the gifts' values,
currencies, keepers, declarations or notes, and without those columns at all; internal
with them. Rows come by the start of their event, gifts of no event last.
"""

from __future__ import annotations

from typing import Final

from visitplanner.domain.gifts import in_order, party
from visitplanner.domain.labels import label
from visitplanner.domain.model import VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import Profile
from visitplanner.exports.roster import Cell, Table
from visitplanner.i18n import N_, gettext_in

#: The columns of every register, then those of an internal one only.
SHARED_HEADERS: Final = (
    N_("Date"),
    N_("Event"),
    N_("Giver"),
    N_("Recipient"),
    N_("Gift"),
    N_("Status"),
)
INTERNAL_HEADERS: Final = (
    N_("Estimated value"),
    N_("Currency"),
    N_("Bought or kept by"),
    N_("Declared"),
    N_("Date of declaration"),
    N_("Notes"),
)


def gifts_table(data: VisitData, profile: Profile, lang: str) -> Table:
    """The register as `profile` may show it, in `lang`."""
    shown = for_profile(data, profile)
    main = shown.visit.main_language
    people = {p.id: p for p in shown.people}
    internal = profile is Profile.INTERNAL
    rows: list[list[Cell]] = []
    for gift, event in in_order(shown):
        row: list[Cell] = [
            event.start.date() if event is not None else None,
            event.title.get(lang, main) if event is not None else "",
            party(gift.giver_id, gift.giver_name, people),
            party(gift.recipient_id, gift.recipient_name, people),
            gift.description.get(lang, main),
            label(gift.status, lang),
        ]
        if internal:
            row += [
                gift.value,
                gift.currency_in(shown.visit.gift_currency) if gift.value is not None else "",
                party(gift.keeper_id, "", people),
                gettext_in(lang, N_("yes")) if gift.declared else "",
                gift.declared_on,
                gift.notes,
            ]
        rows.append(row)
    headers = SHARED_HEADERS + (INTERNAL_HEADERS if internal else ())
    return Table(
        title=gettext_in(lang, N_("Gifts")),
        headers=[gettext_in(lang, h) for h in headers],
        rows=rows,
    )
