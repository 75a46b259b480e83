"""Save a venue with its travel times, mirrored on the other venues when the same both ways."""

from __future__ import annotations

import copy
from collections.abc import Iterable

from visitplanner.domain.errors import NotFoundError
from visitplanner.domain.model import Venue, VisitData
from visitplanner.i18n import _
from visitplanner.operations.edits import Entity, SaveEntities


def save_venue_operation(
    data: VisitData,
    venue: Venue,
    before: Venue | None,
    both_ways: bool = True,
    edited: Iterable[str] = (),
) -> SaveEntities:
    """The one edit saving `venue` (created when `before` is None).

    With `both_ways`, the travel time to each venue in `edited` (the rows the
    officer changed) is written on that venue too, towards this one, and removed
    there when it was cleared here; travel times the officer left alone are not
    touched on either side, so a known difference between the two ways survives.
    """
    after: list[Entity] = [copy.deepcopy(venue)]
    earlier: list[Entity] = [] if before is None else [before]
    if both_ways:
        for other_id in edited:
            if other_id == venue.id:
                continue
            try:
                other = data.venue(other_id)
            except NotFoundError:
                continue
            minutes = venue.travel_minutes.get(other_id)
            if other.travel_minutes.get(venue.id) == minutes:
                continue
            mirrored = copy.deepcopy(other)
            if minutes is None:
                mirrored.travel_minutes.pop(venue.id, None)
            else:
                mirrored.travel_minutes[venue.id] = minutes
            after.append(mirrored)
            earlier.append(other)
    label = _("Add a venue") if before is None else _("Edit the venue")
    return SaveEntities(after=after, before=earlier, label=label)
