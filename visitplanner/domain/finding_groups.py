"""Findings of one cause shown as one: thirteen people on a transfer that overlaps a
meeting are one problem, not thirteen.

Findings of the same kind about the same events, each about one person (a person in
two events at once), make one group, in the order the first of them comes; every
other finding is a group of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from visitplanner.domain.checks import Finding, FindingKind, Severity
from visitplanner.i18n import N_, _, ngettext

#: The kinds whose findings of one cause are grouped (each names one person).
_GROUPED = frozenset({FindingKind.PERSON_OVERLAP})

#: A few words for each kind of finding (the Checks page's Kind column).
KIND_LABELS: dict[FindingKind, str] = {
    FindingKind.PERSON_OVERLAP: N_("in two places at once"),
    FindingKind.VENUE_DOUBLE_BOOKED: N_("venue booked twice"),
    FindingKind.TRAVEL_TIME: N_("time to travel"),
    FindingKind.OUTSIDE_DATES: N_("outside the visit's dates"),
    FindingKind.STEP_FREE_MISSING: N_("no step-free access"),
    FindingKind.STEP_FREE_UNKNOWN: N_("step-free access unknown"),
    FindingKind.DIETARY_UNKNOWN: N_("dietary needs unknown"),
    FindingKind.NO_INTERPRETATION: N_("no interpretation"),
    FindingKind.VEHICLE_OVERLAP: N_("vehicle in two places"),
    FindingKind.NO_VENUE: N_("no venue"),
    FindingKind.SEATED_TWICE: N_("seated twice"),
    FindingKind.SEAT_NOT_STEP_FREE: N_("seat without step-free access"),
    FindingKind.SEAT_DIETARY_UNKNOWN: N_("guest's dietary needs unknown"),
    FindingKind.UNSEATED: N_("guest without a seat"),
    FindingKind.SEATED_ABSENT: N_("seated but not attending"),
    FindingKind.WREATH_ORDER: N_("order of the wreaths"),
    FindingKind.ARRIVAL_ORDER: N_("order of arrival"),
    FindingKind.DEPARTURE_ORDER: N_("order of departure"),
    FindingKind.PLACEMENT_NOT_WHEELCHAIR: N_("place not for a wheelchair"),
    FindingKind.PLACED_TWICE: N_("placed twice"),
    FindingKind.RUNNING_ORDER_TIMES: N_("running order out of time order"),
    FindingKind.CAR_OVER_CAPACITY: N_("car over capacity"),
    FindingKind.CAR_NOT_WHEELCHAIR: N_("car without wheelchair access"),
    FindingKind.CAR_TWICE: N_("in two cars"),
    FindingKind.CAR_MISSING: N_("without a car"),
    FindingKind.CAR_NOT_IN_MOVEMENT: N_("car of another movement"),
    FindingKind.GIFT_UNDECLARED: N_("gift not declared"),
    FindingKind.NO_DUTY_OFFICER: N_("no duty officer"),
    FindingKind.NO_HOSPITAL: N_("no hospital for a day"),
    FindingKind.ROOM_MISSING: N_("without a room"),
    FindingKind.STAY_NOT_COVERING: N_("stay short of the journey"),
    FindingKind.ROOM_OVER_CAPACITY: N_("room over capacity"),
    FindingKind.ROOM_NOT_STEP_FREE: N_("room not step-free"),
    FindingKind.PRECEDENCE_CONTRADICTION: N_("décret position and grade disagree"),
    FindingKind.SEATING_CONSTRAINT: N_("seating constraint not kept"),
}


def kind_label(kind: FindingKind) -> str:
    """The words for a kind of finding, in the user's language."""
    return _(KIND_LABELS[kind])


@dataclass
class FindingGroup:
    """One cause and the findings it gave (one or more)."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def first(self) -> Finding:
        """The finding that stands for the group (where double-click goes)."""
        return self.findings[0]

    @property
    def severity(self) -> Severity:
        """The most serious of its findings."""
        if any(f.severity is Severity.ERROR for f in self.findings):
            return Severity.ERROR
        return Severity.WARNING

    @property
    def kind(self) -> FindingKind:
        """What the checks found."""
        return self.first.kind

    @property
    def person_ids(self) -> tuple[str, ...]:
        """Everyone the group concerns, in order, once each."""
        return tuple(dict.fromkeys(p for f in self.findings for p in f.person_ids))

    @property
    def message(self) -> str:
        """One line for the whole group: its finding's message when alone."""
        if len(self.findings) == 1 or not self.first.cause:
            return self.first.message
        count = len(self.person_ids)
        return ngettext(
            "{count} person is in two events at once: {cause}",
            "{count} people are in two events at once: {cause}",
            count,
        ).format(count=count, cause=self.first.cause)


def group_findings(findings: Iterable[Finding]) -> list[FindingGroup]:
    """The findings by cause, in the order of their first finding."""
    groups: list[FindingGroup] = []
    by_cause: dict[tuple[FindingKind, tuple[str, ...]], FindingGroup] = {}
    for finding in findings:
        if finding.kind in _GROUPED and finding.cause:
            key = (finding.kind, finding.event_ids)
            group = by_cause.get(key)
            if group is None:
                group = by_cause[key] = FindingGroup()
                groups.append(group)
            group.findings.append(finding)
        else:
            groups.append(FindingGroup([finding]))
    return groups
