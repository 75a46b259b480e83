"""The distribution list: the numbered copies of a briefing book and who holds each.

An office prints a sensitive book in numbered copies ("Exemplaire n° 3 / 12") and
keeps a list: who holds copy 3, of which edition, printed when, and when it came back
or was destroyed. Each copy is an entity of the visit (`BookCopy`), made when the
copies are printed and edited afterwards (its holder, returned, destroyed). The list is
internal: a shareable export or book never holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.i18n import _


@dataclass(slots=True)
class BookCopy:
    """One numbered copy of a printed book: copy `number` of `total`, and its holder."""

    number: int
    total: int
    printed_on: date
    #: The holder, a person of the visit; or `holder_name` for anyone else (a service).
    holder_id: str | None = None
    holder_name: str = ""
    #: Which book this is: its language, profile and programme version ("fr, internal, v3").
    edition: str = ""
    returned_on: date | None = None
    destroyed_on: date | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.total < 1 or not 1 <= self.number <= self.total:
            raise DomainError(
                _("a copy is numbered from 1 to the number of copies: {number} of {total}").format(
                    number=self.number, total=self.total
                )
            )

    @property
    def label(self) -> str:
        """What a message calls the copy ("copy 3 of 12")."""
        return _("copy {number} of {total}").format(number=self.number, total=self.total)

    @property
    def out(self) -> bool:
        """Whether the copy is still held (neither returned nor destroyed)."""
        return self.returned_on is None and self.destroyed_on is None
