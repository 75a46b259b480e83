"""The gifts handed over at an event, as lines of its running order.

A gift exchanged at an event (`Gift.event_id`) shows in that event's running order, on
the printed ceremony sheet and in the running-order window, as a line "Remise du cadeau :
… à …" at the gift's time (`Gift.at`; none: after the last line). The line is made
from the gift each time it is shown, never written into the running order: the lines
the officer wrote stay as written, and a gift's edit (undone or not) moves its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from visitplanner.domain.gifts import Gift
from visitplanner.domain.model import Event, RunningOrderItem, VisitData
from visitplanner.domain.values import instant
from visitplanner.i18n import N_, gettext_in

_HANDED: str = N_("Gift handed over: {gift} to {recipient}")
_HANDED_NO_RECIPIENT: str = N_("Gift handed over: {gift}")


@dataclass(frozen=True)
class GiftLine:
    """A running-order line made from a gift: when, what is done and by whom."""

    gift_id: str
    at: datetime | None
    action: str
    who: str


def _name(data: VisitData, person_id: str | None, written: str) -> str:
    for person in data.people:
        if person.id == person_id:
            return person.formal_name()
    return written


def gift_line(data: VisitData, gift: Gift, lang: str) -> GiftLine:
    """The running-order line of `gift`, in `lang`."""
    main = data.visit.main_language
    what = gift.description.get(lang, main) or gettext_in(lang, N_("a gift"))
    recipient = _name(data, gift.recipient_id, gift.recipient_name)
    template = _HANDED if recipient else _HANDED_NO_RECIPIENT
    action = gettext_in(lang, template).format(gift=what, recipient=recipient)
    return GiftLine(gift.id, gift.at, action, _name(data, gift.giver_id, gift.giver_name))


def gift_lines(data: VisitData, event: Event, lang: str) -> list[GiftLine]:
    """The lines of the gifts handed over at `event`, in the register's order."""
    return [gift_line(data, g, lang) for g in data.gifts if g.event_id == event.id]


def with_gifts(data: VisitData, event: Event, lang: str) -> list[RunningOrderItem | GiftLine]:
    """The event's running order as written, each gift's line after the last line at or
    before its time (a gift without a time after the last line)."""
    lines: list[RunningOrderItem | GiftLine] = list(event.running_order)
    timed = sorted(
        (g for g in gift_lines(data, event, lang) if g.at is not None),
        key=lambda g: instant(g.at),  # type: ignore[arg-type]
    )
    for gift in timed:
        assert gift.at is not None
        moment = instant(gift.at)
        after = [i for i, line in enumerate(lines) if line.at and instant(line.at) <= moment]
        lines.insert(after[-1] + 1 if after else 0, gift)
    lines += [g for g in gift_lines(data, event, lang) if g.at is None]
    return lines
