"""Use cases of ceremonies: fill the running order from the template, place everyone."""

from __future__ import annotations

import copy
from pathlib import Path

from visitplanner.domain import ceremony
from visitplanner.domain.arrangements import PlacementArea, PlacementPosition
from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import Event, RunningOrderItem, VisitData
from visitplanner.i18n import _, current_language, ngettext
from visitplanner.operations.edits import SaveEntity


class RunningOrderKept(VisitPlannerError):
    """Applying a template would replace a running order already written."""

    def __init__(self, event: Event) -> None:
        self.lines = len(event.running_order)
        super().__init__(
            ngettext(
                "“{event}” already has a running order of {count} line: the template "
                "would replace it",
                "“{event}” already has a running order of {count} lines: the template "
                "would replace it",
                self.lines,
            ).format(event=event.title.get(current_language()), count=self.lines)
        )


def template_operation(data: VisitData, event: Event, *, replace: bool = False) -> SaveEntity:
    """The operation that applies the commemoration template to `event`.

    The running order is filled from the template and the participants; the wreaths
    and the placement plan are made too when the event has none yet (the officer's own
    are kept). A running order already written is never replaced unasked: without
    `replace` it raises `RunningOrderKept`; the operation undoes as one step.
    """
    if event.running_order and not replace:
        raise RunningOrderKept(event)
    after = copy.deepcopy(event)
    if not after.wreaths:
        after.wreaths = ceremony.template_wreaths(data, after)
    after.running_order = ceremony.commemoration_template(data, after)
    if not after.placement:
        after.placement = ceremony.placement_template(data, after)
    return SaveEntity(after=after, before=event, label=_("Apply the commemoration template"))


def template_running_order(data: VisitData, event: Event) -> list[RunningOrderItem]:
    """The running order the commemoration template gives `event` as it stands (an
    editor shows it before anything is saved)."""
    draft = copy.deepcopy(event)
    if not draft.wreaths:
        draft.wreaths = ceremony.template_wreaths(data, draft)
    return ceremony.commemoration_template(data, draft)


def placement_operation(data: VisitData, event: Event) -> SaveEntity:
    """The operation that places everyone afresh: the wreath party, then rows by precedence."""
    after = copy.deepcopy(event)
    after.placement = ceremony.placement_template(data, after)
    return SaveEntity(after=after, before=event, label=_("Place everyone"))


def write_ceremony_sheet(path: Path, data: VisitData, event: Event, lang: str) -> None:
    """Print the running order, the wreaths and the placement diagram of `event` to the
    PDF at `path`."""
    from visitplanner.exports.protocol_pdf import write_ceremony_pdf  # reportlab: when asked

    write_ceremony_pdf(path, data, event, lang)


def _with_placement(event: Event, placement: list[PlacementPosition], label: str) -> SaveEntity:
    """The event with a new placement and nothing else changed: its wreaths, running
    order, seating and participants are the loaded event's own."""
    after = copy.copy(event)
    after.placement = placement
    return SaveEntity(after=after, before=event, label=label)


def place_operation(
    data: VisitData,
    event: Event,
    person_id: str,
    area: PlacementArea,
    row: int,
    place: int,
) -> SaveEntity:
    """Put `person_id` at a place of the ceremony; whoever stood there takes their old
    place (a swap)."""
    data.person(person_id)
    placement = ceremony.place_person(event.placement, person_id, area, row, place)
    return _with_placement(event, placement, _("Move to a place"))


def free_operation(event: Event, position_id: str) -> SaveEntity:
    """Leave a place of the ceremony empty; its person goes back to the people not placed."""
    return _with_placement(
        event, ceremony.free_place(event.placement, position_id), _("Free the place")
    )
