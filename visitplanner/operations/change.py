"""What a service call changed, so each screen refreshes only that."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from visitplanner.domain import kinds as entity_kinds

#: The kinds of entity a Change may name.
KINDS: Final = (
    *(kind.name for kind in entity_kinds.KINDS),
    # bookkeeping that is not an entity: what calendars were sent, programme versions
    "calendars",
    "versions",
    # the rooming lists sent to hotels
    "rooming",
)


@dataclass(frozen=True)
class Change:
    """The ids touched by a service call, by kind of entity ("event", "person" ...)."""

    ids: Mapping[str, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def of(cls, kind: str, ids: Iterable[str]) -> Change:
        """A change touching `ids` of one kind."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of entity: {kind}")
        return cls(MappingProxyType({kind: frozenset(ids)}))

    @classmethod
    def everything(cls) -> Change:
        """A change that may touch anything (a whole visit written or reloaded)."""
        return cls(MappingProxyType({kind: frozenset({"*"}) for kind in KINDS}))

    def __or__(self, other: Change) -> Change:
        merged: dict[str, frozenset[str]] = dict(self.ids)
        for kind, ids in other.ids.items():
            merged[kind] = merged.get(kind, frozenset()) | ids
        return Change(MappingProxyType(merged))

    def touches(self, kind: str) -> bool:
        """Whether anything of `kind` changed."""
        return bool(self.ids.get(kind))

    def __bool__(self) -> bool:
        return any(self.ids.values())
