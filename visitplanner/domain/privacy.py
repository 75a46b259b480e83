"""Which fields are private (declared with each kind of entity); every export asks here.

A shareable export never holds a private field. Duty contacts (duty phone and
e-mail) are shared with the delegation and are not private; a private phone is.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any, Final, TypeVar

from visitplanner.domain.kinds import KINDS
from visitplanner.domain.model import Person, Venue, VisitData
from visitplanner.domain.values import Profile
from visitplanner.domain.version_store import DerivedProgramme

#: The private fields of each entity type, as each kind's declaration says.
PRIVATE_FIELDS: Final[Mapping[type, frozenset[str]]] = {
    kind.cls: kind.private for kind in KINDS if kind.private
}


def is_private(entity_type: type, field_name: str) -> bool:
    """Whether `field_name` of `entity_type` is private."""
    return field_name in PRIVATE_FIELDS.get(entity_type, frozenset())


def private_fields(entity_type: type) -> frozenset[str]:
    """The names of the private fields of `entity_type`."""
    return PRIVATE_FIELDS.get(entity_type, frozenset())


def _default_of(entity_type: type, name: str) -> Any:
    for item in dataclasses.fields(entity_type):
        if item.name == name:
            if item.default is not dataclasses.MISSING:
                return item.default
            if item.default_factory is not dataclasses.MISSING:
                return item.default_factory()
    raise KeyError(name)


_T = TypeVar("_T")


def redacted(entity: _T) -> _T:
    """A copy of `entity` with every private field set back to its empty default."""
    names = private_fields(type(entity))
    if not names:
        return entity
    changes = {name: _default_of(type(entity), name) for name in names}
    return dataclasses.replace(entity, **changes)  # type: ignore[type-var]


def for_profile(data: VisitData, profile: Profile) -> VisitData:
    """The visit as an export with `profile` may show it: new lists of the visit's
    entities (an edit replaces an entity, never changes it in place, so an export in
    another thread reads a consistent visit), the people and venues with every private
    field emptied for `shareable`. Nothing is deep-copied: at summit size a deep copy
    took a third of a calendar export."""
    snapshot = dataclasses.replace(
        data,
        delegations=list(data.delegations),
        people=list(data.people),
        venues=list(data.venues),
        vehicles=list(data.vehicles),
        events=list(data.events),
        versions=list(data.versions),
        car_assignments=list(data.car_assignments),
        gifts=list(data.gifts),
        copies=list(data.copies),
        stays=list(data.stays),
        seating_constraints=list(data.seating_constraints),
    )
    if profile is Profile.INTERNAL:
        return snapshot
    snapshot.copies = []  # the distribution list is internal whole
    snapshot.visit = redacted(snapshot.visit)
    snapshot.people = [redacted(p) for p in snapshot.people]
    snapshot.gifts = [redacted(g) for g in snapshot.gifts]
    snapshot.stays = [redacted(s) for s in snapshot.stays]
    snapshot.venues = [redacted(v) for v in snapshot.venues]
    snapshot.versions = [  # redacted when a programme is rebuilt, not before
        dataclasses.replace(v, programme=DerivedProgramme(v.programme, redacted_programme))
        for v in snapshot.versions
    ]
    return snapshot


#: Where each entity type sits in a programme snapshot (the visit JSON format).
_SNAPSHOT_LISTS: Final = {"people": Person, "venues": Venue}


def redacted_programme(text: str) -> str:
    """A programme version's frozen JSON without its private fields.

    In the visit format a field's key is its name and a field left out takes its
    default, so dropping the keys is the same as emptying the fields. An empty
    snapshot (one a caller has already dropped) stays empty.
    """
    if not text:
        return text
    programme = json.loads(text)
    for key, kind in _SNAPSHOT_LISTS.items():
        for item in programme.get(key, []):
            for name in private_fields(kind):
                item.pop(name, None)
    return json.dumps(programme, ensure_ascii=False, allow_nan=False)


def only_own_private(data: VisitData, person_id: str) -> VisitData:
    """The visit as one person's pack may show it: that person's private fields kept (in
    an internal pack), every other person's emptied, whatever the profile.

    A personal pack is need-to-know: a veteran's pack never holds another veteran's
    medical notes, private phone or passport. Venues keep theirs (the profile decides).
    The programme versions' snapshots are cut the same way when a changes sheet reads
    them (`redacted_programme`), so they need not be here.
    """
    snapshot = dataclasses.replace(data, people=list(data.people), stays=list(data.stays))
    snapshot.people = [p if p.id == person_id else redacted(p) for p in snapshot.people]
    # Another's room number is no business of this pack's reader.
    snapshot.stays = [s if s.person_id == person_id else redacted(s) for s in snapshot.stays]
    return snapshot
