"""The flags of a ceremony or an official meal: set their order, go back to the proposal,
and choose whose flag takes the place of honour (each one undoable edit)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from visitplanner.domain.flags import FlagHonour, proposed_flags
from visitplanner.domain.model import Event, VisitData
from visitplanner.i18n import _
from visitplanner.operations.edits import SaveEntity


def flags_operation(data: VisitData, event: Event, flags: Sequence[str]) -> SaveEntity | None:
    """The edit giving `event` the flags `flags` in that order (the proposed list, or
    none, goes back to "as proposed"); None when nothing changes."""
    wanted = tuple(code.strip().upper() for code in flags if code.strip())
    if wanted == proposed_flags(data):
        wanted = ()
    if wanted == event.flags:
        return None
    after = dataclasses.replace(event, flags=wanted)  # a wrong code is refused here
    return SaveEntity(
        after,
        event,
        label=_("Set the flags of {event}").format(event=event.title.get(data.visit.main_language)),
    )


def flag_honour_operation(data: VisitData, honour: FlagHonour) -> SaveEntity | None:
    """The edit choosing whose national flag takes the place of honour (None: unchanged)."""
    visit = data.visit
    if visit.flag_honour is honour:
        return None
    after = dataclasses.replace(visit, flag_honour=honour)
    return SaveEntity(after, visit, label=_("Choose the flag at the place of honour"))
