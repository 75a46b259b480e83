"""Use cases of ceremonies: fill the running order from the template, place everyone."""

from __future__ import annotations

import copy
from pathlib import Path

from visitplanner.domain import ceremony
from visitplanner.domain.model import Event, VisitData
from visitplanner.i18n import _
from visitplanner.operations.edits import SaveEntity


def template_operation(data: VisitData, event: Event) -> SaveEntity:
    """The operation that applies the commemoration template to `event`.

    The running order is replaced by the template filled from the participants; the
    wreaths and the placement plan are made too when the event has none yet (the
    officer's own are kept).
    """
    after = copy.deepcopy(event)
    if not after.wreaths:
        after.wreaths = ceremony.template_wreaths(data, after)
    after.running_order = ceremony.commemoration_template(data, after)
    if not after.placement:
        after.placement = ceremony.placement_template(data, after)
    return SaveEntity(after=after, before=event, label=_("Apply the commemoration template"))


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
