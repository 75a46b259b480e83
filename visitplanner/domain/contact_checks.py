"""Checks of the emergency contacts: a visit with no duty officer to call, and a day of
the visit with events but no hospital written for it.

Both are warnings: the book still prints, its emergency page says what is missing.
A cancelled event does not make its day need a hospital. One pass over the events.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from visitplanner.domain.checks import CheckIndex, Finding, FindingKind, Severity
from visitplanner.domain.values import EventStatus
from visitplanner.i18n import _, format_date


def contact_findings(ix: CheckIndex) -> Iterator[Finding]:
    """A missing duty officer (for a visit with events), and each day with events and
    no hospital, in the order of the days."""
    data = ix.data
    emergency = data.visit.emergency
    days: set[date] = set()
    for event in data.events:
        if event.status is EventStatus.CANCELLED:
            continue
        days.add(event.start.astimezone(ix.home).date())
    if not days:
        return
    officer = emergency.duty_officer
    if not (officer.name.strip() and officer.phone.strip()):
        yield Finding(
            FindingKind.NO_DUTY_OFFICER,
            Severity.WARNING,
            _("No 24-hour duty officer (name and phone) in the emergency contacts"),
            sort_key=("\uffff",),
        )
    for day in sorted(days):
        if emergency.hospital_on(day) is None:
            yield Finding(
                FindingKind.NO_HOSPITAL,
                Severity.WARNING,
                _("No hospital in the emergency contacts for {day}, a day with events").format(
                    day=format_date(day, "full")
                ),
                sort_key=("\uffff", day.isoformat()),
            )
