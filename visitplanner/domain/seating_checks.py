"""Checks of the meals' seating constraints: each constraint a plan does not keep.

A hard constraint broken is an error, a soft one a warning; the message says why
(who sits where). Only meals with a seating plan and not cancelled are looked at: a
constraint waits for the plan. One pass over the constraints, each looked up in its
plan's seats (indexed once per plan): linear in the size of the plans.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

from visitplanner.domain.checks import CheckIndex, Finding, FindingKind, Severity
from visitplanner.domain.seating_rules import Layout, by_event, kind_label, why_broken
from visitplanner.i18n import _


def seating_rule_findings(ix: CheckIndex) -> Iterator[Finding]:
    """Every constraint broken by the seating plans of the meals not cancelled."""
    for event_id, constraints in by_event(ix.data.seating_constraints).items():
        event = ix.by_id.get(event_id)
        if event is None or event.seating is None:
            continue
        layout = Layout(event.seating)
        title, key = ix.title(event), (event.start.astimezone(UTC).isoformat(),)
        for constraint in constraints:
            found = why_broken(constraint, layout, ix.person_name)
            if found is None:
                continue
            text = (
                _("“{event}”: {reason} (constraint “{kind}”)")
                if constraint.hard
                else _("“{event}”: {reason} (wish “{kind}”)")
            )
            yield Finding(
                FindingKind.SEATING_CONSTRAINT,
                Severity.ERROR if constraint.hard else Severity.WARNING,
                text.format(event=title, reason=found.reason, kind=kind_label(constraint.kind)),
                event_ids=(event.id,),
                person_ids=constraint.people(),
                sort_key=key,
            )
