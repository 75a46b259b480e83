"""The gifts register's entity: a gift offered or received during the visit.

A gift goes from a giver to a recipient, each a person of the visit or, for an
institution ("Ville de Paris", "the Embassy"), a name written freely. It may be
exchanged at an event, has a description printed like every other text of the visit
(`LocalizedText`), an estimated value in whole units of its currency (none given: the
visit's), someone who bought it or keeps it, and a status from planned to given.

Public officials declare a gift received above a threshold (a setting of the visit:
`Visit.gift_threshold`, `Visit.gift_currency`); a gift says whether it was declared and
when. The value, currency, keeper, declaration and notes are internal: a shareable
export never holds them (the kind's private fields, domain/kinds.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import _

if TYPE_CHECKING:
    from visitplanner.domain.model import Event, Person, VisitData

#: A currency as ISO 4217 writes it (EUR, UAH, USD).
_CURRENCY: Final = re.compile(r"[A-Z]{3}", re.ASCII)


class GiftStatus(StrEnum):
    """Where a gift is: planned, bought, wrapped, then given (ours) or received (theirs)."""

    PLANNED = "planned"
    BOUGHT = "bought"
    WRAPPED = "wrapped"
    GIVEN = "given"
    RECEIVED = "received"


def valid_currency(code: str) -> bool:
    """Whether `code` is three capital letters (ISO 4217), or empty (the visit's)."""
    return not code or _CURRENCY.fullmatch(code) is not None


@dataclass(slots=True)
class Gift:
    """One gift: from whom to whom, at which event, what, worth what, kept by whom."""

    description: LocalizedText = field(default_factory=LocalizedText)
    #: The giver, a person of the visit; or `giver_name` for an institution.
    giver_id: str | None = None
    giver_name: str = ""
    #: The recipient, a person of the visit; or `recipient_name` for an institution.
    recipient_id: str | None = None
    recipient_name: str = ""
    #: The event where it is exchanged (None: not yet known, or outside the programme).
    event_id: str | None = None
    status: GiftStatus = GiftStatus.PLANNED
    #: The estimated value in whole units of `currency` (None: not estimated).
    value: int | None = None
    #: ISO 4217 code; empty for the visit's currency (`Visit.gift_currency`).
    currency: str = ""
    #: Who bought it or keeps it until it is given (a person of the visit).
    keeper_id: str | None = None
    #: Whether it was declared (a public official's gift above the threshold) and when.
    declared: bool = False
    declared_on: date | None = None
    notes: str = ""
    #: When it is handed over, within its event: the running order shows it then (None:
    #: at the end of the running order).
    at: datetime | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.value is not None and self.value < 0:
            raise DomainError(_("a gift's value cannot be negative"))
        if not valid_currency(self.currency):
            raise DomainError(
                _("a currency is three capital letters (EUR, UAH): {found}").format(
                    found=self.currency
                )
            )
        if self.at is not None and self.at.utcoffset() is None:
            raise DomainError(_("a gift's time needs its zone"))
        if self.declared_on is not None and not self.declared:
            raise DomainError(_("a date of declaration for a gift not declared"))

    def currency_in(self, visit_currency: str) -> str:
        """The gift's currency: its own, else the visit's."""
        return self.currency or visit_currency


def party(person_id: str | None, name: str, people: Mapping[str, Person]) -> str:
    """A giver or a recipient as a list shows them: the person's name (given name and
    family name in capitals), else the name written freely."""
    person = people.get(person_id or "")
    return person.formal_name() if person is not None else name


def in_order(data: VisitData) -> list[tuple[Gift, Event | None]]:
    """Every gift with its event, by the event's start (gifts of no event last), then in
    the order they were made."""
    events = {e.id: e for e in data.events}
    found = [(g, events.get(g.event_id or "")) for g in data.gifts]
    placed = sorted(
        ((i, g, e) for i, (g, e) in enumerate(found) if e is not None),
        key=lambda item: (item[2].start, item[0]),
    )
    return [(g, e) for _i, g, e in placed] + [(g, e) for g, e in found if e is None]
