"""Who set a value in the shared document (`Stamp`), and what another replica's update
means for this one (`Incoming`): the conflicts, lost edits and repairs to tell the officer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from visitplanner.domain.plain import Plain
from visitplanner.storage.journal import Key
from visitplanner.sync.records import Renumbered

#: Separates officer, machine, time and writes in an attribution.
_SEP: Final = "\x1f"
#: How many earlier writes of a field a stamp remembers having seen.
_SEEN: Final = 16


@dataclass(frozen=True)
class Identity:
    """Who edits through a replica: the officer and their machine."""

    officer: str
    machine: str


@dataclass(frozen=True)
class Stamp:
    """Who set a value, on which machine, and when (UTC)."""

    officer: str
    machine: str
    at: datetime
    #: The write that set the value (one per local operation), and the earlier writes of
    #: the same field its writer had seen: a write it has not seen was made apart.
    write: str = ""
    seen: tuple[str, ...] = ()

    def encode(self) -> str:
        """The stamp as the document keeps it."""
        return _SEP.join(
            (self.officer, self.machine, self.at.isoformat(), self.write, ",".join(self.seen))
        )

    @classmethod
    def decode(cls, text: object) -> Stamp | None:
        """A stamp read back (None for a missing or unreadable one)."""
        if not isinstance(text, str):
            return None
        parts = text.split(_SEP)
        if len(parts) != 5:
            return None
        try:
            at = datetime.fromisoformat(parts[2])
        except ValueError:
            return None
        seen = tuple(parts[4].split(",")) if parts[4] else ()
        return cls(parts[0], parts[1], at, parts[3], seen)


def identity_of(identity: Identity) -> tuple[str, str]:
    """The officer and machine of `identity`."""
    return identity.officer, identity.machine


@dataclass(frozen=True)
class Conflict:
    """A field this replica changed that another replica's value replaced."""

    kind: str
    id: str
    #: The entity's field (for a line of a running order: the list's field).
    field: str
    #: The item of a list field (a running-order line), and its field.
    item: str | None
    item_field: str | None
    mine: Plain
    theirs: Plain
    by: Stamp | None


@dataclass(frozen=True)
class Lost:
    """An edit of this replica that a deletion made elsewhere took away (deletion wins)."""

    kind: str
    id: str
    fields: tuple[str, ...]
    #: The entity as this replica last had it (its name for the message).
    entity: dict[str, Plain]
    by: Stamp | None
    #: A line of a list field deleted elsewhere (the entity itself stays).
    item: str | None = None


@dataclass(frozen=True)
class Repair:
    """An entity mended after a merge: links to missing entities cut, or deleted with them,
    or fields brought back in order (an end before the start)."""

    kind: str
    id: str
    missing: frozenset[str]
    deleted: bool
    fields: tuple[str, ...] = ()


@dataclass
class Incoming:
    """What another replica's update means for this visit, and what to tell the officer."""

    #: Entities that appeared: their whole plain form (with `id`).
    created: dict[Key, dict[str, Plain]] = field(default_factory=dict)
    #: Entities changed: only the fields that moved, in plain form.
    changed: dict[Key, dict[str, Plain]] = field(default_factory=dict)
    #: Entities gone, as this replica last had them.
    deleted: dict[Key, dict[str, Plain]] = field(default_factory=dict)
    #: Kinds whose order of rows moved.
    reordered: set[str] = field(default_factory=set)
    conflicts: list[Conflict] = field(default_factory=list)
    lost: list[Lost] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    #: Who made the changes received.
    authors: list[Identity] = field(default_factory=list)
    #: This replica's own update (the repairs), to send to the others; empty when none.
    update: bytes = b""
    #: Whether the calendars' memory or the programme versions moved (`records.py`).
    records: bool = False
    #: Versions known here under a number the merge changed.
    renumbered: list[Renumbered] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.created or self.changed or self.deleted or self.reordered or self.records)

    @property
    def count(self) -> int:
        """How many entities the update changed here."""
        return len(self.created) + len(self.changed) + len(self.deleted)
