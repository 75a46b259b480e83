"""What a merge settled against an officer, in plain words.

"“Working dinner”: start, 20:00, was replaced by 20:30, set by Olena Kovalenko
(laptop-3) at 14:02 while you were offline."
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from visitplanner.domain import kinds as entity_kinds
from visitplanner.domain.errors import DomainError
from visitplanner.domain.plain import Plain, entity_from_plain
from visitplanner.domain.text import name_of
from visitplanner.i18n import _, current_language
from visitplanner.sync.document import Conflict, Identity, Incoming, Lost, Repair, Stamp
from visitplanner.sync.records import Renumbered

_LONGEST = 60


def who(authors: Sequence[Identity]) -> str:
    """The officers named, each with their machine ("Olena Kovalenko (laptop-3)")."""
    if not authors:
        return _("another officer")
    return ", ".join(
        _("{officer} ({machine})").format(officer=a.officer, machine=a.machine) for a in authors
    )


def _short(text: str) -> str:
    return text if len(text) <= _LONGEST else text[: _LONGEST - 1] + "…"


def show(value: Plain) -> str:
    """A field's plain value as an officer reads it."""
    if value is None or value == [] or value == "":
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dict):
        if set(value) == {"utc", "tz"}:
            try:
                moment = datetime.fromisoformat(value["utc"]).astimezone(ZoneInfo(value["tz"]))
            except (ValueError, KeyError):
                return _short(str(value))
            return moment.strftime("%d/%m %H:%M")
        texts = [v for v in value.values() if isinstance(v, str) and v]
        if texts and all(isinstance(k, str) and len(k) <= 3 for k in value):
            own = value.get(current_language())
            return _short(own if isinstance(own, str) and own else texts[0])
        return _short(str(value))
    if isinstance(value, list):
        return _short(", ".join(show(v) for v in value))
    return _short(str(value))


def _moments(mine: Plain, theirs: Plain) -> tuple[str, str]:
    """Two values shown; two times of the same day show only their hour."""
    first, second = show(mine), show(theirs)
    same_day = first[:5] == second[:5] and first[5:6] == " "
    if (
        isinstance(mine, dict)
        and isinstance(theirs, dict)
        and set(mine) == {"utc", "tz"}
        and same_day
    ):
        return first[6:], second[6:]
    return first, second


def _name(kind: str, plain: dict[str, Plain] | None) -> str:
    if not plain:
        return _(entity_kinds.BY_NAME[kind].label)
    entity: Any
    try:
        entity = entity_from_plain(entity_kinds.BY_NAME[kind].cls, plain)
    except (DomainError, KeyError, TypeError, ValueError):
        return str(plain.get("id", ""))[:8]
    return name_of(entity)


def _when(stamp: Stamp | None) -> tuple[str, str]:
    if stamp is None:
        return _("another officer"), "?"
    by = _("{officer} ({machine})").format(officer=stamp.officer, machine=stamp.machine)
    return by, stamp.at.astimezone().strftime("%H:%M")


def conflict_message(conflict: Conflict, entity: dict[str, Plain] | None) -> str:
    """The officer told that another replica's value replaced theirs."""
    what = entity_kinds.field_label(conflict.field)
    if conflict.item_field:
        what = f"{what}, {entity_kinds.field_label(conflict.item_field)}"
    mine, theirs = _moments(conflict.mine, conflict.theirs)
    by, at = _when(conflict.by)
    return _(
        "“{name}”: {field}, {mine}, was replaced by {theirs}, set by {who} at {time} "
        "while you were offline"
    ).format(
        name=_name(conflict.kind, entity),
        field=what,
        mine=mine,
        theirs=theirs,
        who=by,
        time=at,
    )


def lost_message(lost: Lost) -> str:
    """The officer told that a deletion made elsewhere took their edit away."""
    by, at = _when(lost.by)
    fields = ", ".join(entity_kinds.field_label(f) for f in lost.fields)
    if lost.item is not None:
        return _(
            "“{name}”: a line you changed ({fields}) was deleted elsewhere; "
            "your change is kept in the history"
        ).format(name=_name(lost.kind, lost.entity), fields=fields)
    return _(
        "“{name}” was deleted by {who} at {time} while you changed it ({fields}); "
        "the deletion wins, and your change is kept in the history"
    ).format(name=_name(lost.kind, lost.entity), who=by, time=at, fields=fields)


def repair_message(repair: Repair, entity: dict[str, Plain] | None) -> str:
    """The officer told how a merge left the visit mended."""
    name = _name(repair.kind, entity)
    if repair.deleted:
        return _("“{name}” was removed: what it belonged to was deleted by another officer").format(
            name=name
        )
    if repair.missing:
        return _("“{name}”: a link to what another officer deleted was cut ({fields})").format(
            name=name, fields=", ".join(entity_kinds.field_label(f) for f in repair.fields)
        )
    return _("“{name}”: {fields} set again after the merge made it inconsistent").format(
        name=name, fields=", ".join(entity_kinds.field_label(f) for f in repair.fields)
    )


def renumbered_message(moved: Renumbered) -> str:
    """The officer told that a programme version they knew under one number has another."""
    by = _("{officer} ({machine})").format(officer=moved.officer, machine=moved.machine)
    at = moved.issued.astimezone().strftime("%d/%m %H:%M")
    if moved.other_issued is None:
        other = _("another officer")
        other_at = "?"
    else:
        other = _("{officer} ({machine})").format(
            officer=moved.other_officer, machine=moved.other_machine
        )
        other_at = moved.other_issued.astimezone().strftime("%d/%m %H:%M")
    return _(
        "Programme version {was} issued by {who} at {time} is now version {now}: "
        "{other} had issued a version {was} at {other_time}, unseen by its officer. "
        "Copies printed as version {was} of it must be corrected to version {now}"
    ).format(was=moved.was, now=moved.now, who=by, time=at, other=other, other_time=other_at)


def messages(
    incoming: Incoming, entity: Callable[[str, str], dict[str, Plain] | None]
) -> list[str]:
    """Everything the officer must be told about an update received; `entity` gives an
    entity as the visit now holds it."""

    def plain(kind: str, ident: str) -> dict[str, Plain] | None:
        return entity(kind, ident) or incoming.deleted.get((kind, ident))

    told = [conflict_message(c, plain(c.kind, c.id)) for c in incoming.conflicts]
    told.extend(lost_message(lost) for lost in incoming.lost)
    told.extend(repair_message(r, plain(r.kind, r.id)) for r in incoming.repairs)
    told.extend(renumbered_message(moved) for moved in incoming.renumbered)
    return told
