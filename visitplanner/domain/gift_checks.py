"""Checks of the gifts register: a gift received by a public official of the host side,
worth more than the visit's declaration threshold, and not declared.

The threshold is a setting of the visit (`Visit.gift_threshold`, in `gift_currency`); no
threshold, no finding. A gift valued in another currency cannot be compared offline: it
is named, for the officer to compare and declare if need be. A gift of a cancelled
event is not exchanged and not checked. One pass over the gifts.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

from visitplanner.domain.checks import CheckIndex, Finding, FindingKind, Severity
from visitplanner.domain.gifts import Gift
from visitplanner.domain.values import EventStatus, Side
from visitplanner.i18n import _, current_language


def host_officials(ix: CheckIndex) -> set[str]:
    """The people of the host side's delegations: public officials who declare gifts."""
    host = {d.id for d in ix.data.delegations if d.side is Side.HOST}
    return {p.id for p in ix.people.values() if p.delegation_id in host}


def gift_findings(ix: CheckIndex) -> Iterator[Finding]:
    """Every gift above the threshold received by a host official and not declared."""
    visit = ix.data.visit
    threshold = visit.gift_threshold
    if threshold is None or not ix.data.gifts:
        return
    officials = host_officials(ix)
    cancelled = {e.id for e in ix.data.events if e.status is EventStatus.CANCELLED}
    for gift in ix.data.gifts:
        if (
            gift.declared
            or gift.value is None
            or gift.recipient_id not in officials
            or gift.event_id in cancelled
        ):
            continue
        currency = gift.currency_in(visit.gift_currency)
        if currency == visit.gift_currency and gift.value <= threshold:
            continue
        yield _undeclared(ix, gift, currency, threshold, visit.gift_currency)


def _undeclared(
    ix: CheckIndex, gift: Gift, currency: str, threshold: int, threshold_currency: str
) -> Finding:
    recipient = ix.person_name(gift.recipient_id or "")
    event = ix.by_id.get(gift.event_id or "")
    what = gift.description.get(current_language(), ix.lang) or _("a gift")
    values = {
        "person": recipient,
        "gift": what,
        "value": f"{gift.value} {currency}",
        "threshold": f"{threshold} {threshold_currency}",
    }
    if currency == threshold_currency:
        message = _(
            "{person} receives “{gift}” ({value}), above the declaration threshold "
            "({threshold}), and it is not declared"
        )
    else:
        message = _(
            "{person} receives “{gift}” ({value}): compare with the declaration threshold "
            "({threshold}); it is not declared"
        )
    text = message.format(**values)
    if event is not None:
        text = _("{finding} (“{event}”, {when})").format(
            finding=text, event=ix.title(event), when=ix.when(event)
        )
    return Finding(
        FindingKind.GIFT_UNDECLARED,
        Severity.WARNING,
        text,
        event_ids=(event.id,) if event is not None else (),
        person_ids=(gift.recipient_id,) if gift.recipient_id else (),
        gift_ids=(gift.id,),
        sort_key=(event.start.astimezone(UTC).isoformat(),) if event is not None else ("\uffff",),
    )
