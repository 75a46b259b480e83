"""Programme versions: issue one, read one back, say what changed since.

Issuing a version is a record, not an edit: it is not undone, and it is written in
one transaction. The file keeps a version as what changed since the version before
(`domain.version_store`), so issuing one compares the programme with the latest
version, one list at a time. A version's programme is rebuilt from its frozen JSON by
the JSON reader, as an older file would be; to compare it with the programme as it
stands, what is the same in both is taken from the programme, and only the rest is read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from visitplanner.domain.calendars import UTC
from visitplanner.domain.errors import InputError, StorageError
from visitplanner.domain.model import ProgrammeVersion, VisitData
from visitplanner.domain.version_store import store_next
from visitplanner.domain.versions import ProgrammeChanges, diff_programmes, latest_version
from visitplanner.domain.visit_format import FORMAT_VERSION
from visitplanner.exports.changes import ChangeWords, changes_text, changes_to_dict
from visitplanner.exports.visit_json import programme_parts
from visitplanner.i18n import _
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.storage.journal import EntityChange
from visitplanner.storage.rows import collector_paused
from visitplanner.storage.version_rows import save_version

log = logging.getLogger(__name__)

#: The longest note kept with a version.
MAX_NOTE: int = 2000


def issue_version(
    session: VisitSession, note: str = "", now: datetime | None = None
) -> ProgrammeVersion:
    """Freeze the programme as it stands now as the next version, with the officer's note."""
    if session.read_only:
        raise StorageError(_("the visit is open read-only: no version can be issued"))
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise InputError(
            _("the note is too long ({count} characters; at most {limit})").format(
                count=len(note), limit=MAX_NOTE
            )
        )
    data = session.data
    last = latest_version(data.versions)
    with collector_paused():
        programme = store_next(last.programme if last else None, lambda: programme_parts(data))
    version = ProgrammeVersion(
        number=(last.number if last else 0) + 1,
        issued=(now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0),
        note=note,
        programme=programme,
    )
    base = None if programme.base is None or last is None else last.number
    summary = EntityChange(
        "version",
        str(version.number),
        None,
        {"number": version.number, "issued": version.issued.isoformat(), "note": version.note},
    )
    session.record(
        _("Issue programme version {number}").format(number=version.number),
        lambda repo: save_version(repo.conn, version, base),
        [("versions", str(version.number))],
        [summary],
    )
    log.info("issued programme version %d", version.number)
    return version


def find_version(data: VisitData, number: int) -> ProgrammeVersion:
    """The version numbered `number`, or an InputError saying which exist."""
    for version in data.versions:
        if version.number == number:
            return version
    if not data.versions:
        raise InputError(_("no programme version has been issued yet"))
    raise InputError(
        _("no programme version {number}; the versions are 1 to {last}").format(
            number=number, last=max(v.number for v in data.versions)
        )
    )


#: The lists of a programme, each an attribute of VisitData of the same name.
_LISTS: Final = ("delegations", "people", "venues", "vehicles", "events")


def programme_of(version: ProgrammeVersion, like: VisitData | None = None) -> VisitData:
    """The programme as it stood in `version` (no calendars, no versions).

    With `like` (the programme as it stands), an entity written the same in both is
    `like`'s own object, not read again: a summit's version in a fraction of the time.
    The programme returned may then share objects with `like`: read it, do not edit it.
    """
    # Imported here: issuing a version never reads one back.
    from visitplanner.imports.visit_json import visit_from_dict

    document = version.programme.document()
    if like is None or document.get("version") != FORMAT_VERSION:
        return visit_from_dict(document)
    # Per list, in the version's order: like's own object where written the same, else
    # None (that entity is read from the version).
    taken: dict[str, list[Any]] = {}
    for key, items in programme_parts(like):
        old = document.get(key)
        if key not in _LISTS or not isinstance(old, list):
            continue
        objects = getattr(like, key)
        current = {item["id"]: (item, obj) for item, obj in zip(items, objects, strict=True)}
        del items
        order: list[Any] = []
        rest: list[Any] = []
        for item in old:
            ident = item.get("id") if isinstance(item, dict) else None
            match = current.get(ident) if isinstance(ident, str) else None
            if match is not None and match[0] == item:
                order.append(match[1])
            else:
                order.append(None)
                rest.append(item)
        taken[key] = order
        document[key] = rest
        del current
    read = visit_from_dict(document, check_links=False)
    for key, order in taken.items():
        fresh = iter(getattr(read, key))
        setattr(read, key, [next(fresh) if obj is None else obj for obj in order])
    return read


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two programmes and what changed: from version `since` to version `to` (None:
    the current programme)."""

    since: int
    to: int | None
    old: VisitData
    new: VisitData
    changes: ProgrammeChanges


def changes(data: VisitData, since: int | None = None, to: int | None = None) -> Comparison:
    """What changed from version `since` (default: the latest) to version `to`
    (default: the programme as it stands)."""
    if since is None:
        last = latest_version(data.versions)
        if last is None:
            raise InputError(_("no programme version has been issued yet"))
        since = last.number
    if to is not None and to < since:
        raise InputError(_("--to {to} is older than --since {since}").format(to=to, since=since))
    with collector_paused():
        new = data if to is None else programme_of(find_version(data, to), like=data)
        old = programme_of(find_version(data, since), like=new)
        return Comparison(since, to, old, new, diff_programmes(old, new))


def describe_changes(data: VisitData, comparison: Comparison, lang: str) -> str:
    """What changed in `comparison`, as plain text in `lang` (ends with a newline)."""
    words = ChangeWords(comparison.old, comparison.new, lang)
    since = find_version(data, comparison.since)
    to = None if comparison.to is None else find_version(data, comparison.to)
    return changes_text(words, comparison.changes, since, to)


def changes_as_dict(comparison: Comparison) -> dict[str, Any]:
    """What changed in `comparison`, as JSON-ready data."""
    return changes_to_dict(comparison.changes, comparison.since, comparison.to)


def write_version_file(
    data: VisitData, number: int, path: Path, key: str | None = None
) -> VisitData:
    """Write version `number`'s programme as a new visit file at `path` (which must not
    exist), encrypted with `key` when one is given (the key of the encrypted visit it
    comes from: `encryption.key_in_use`); the versions issued up to it come along, so it
    remembers its history."""
    version = find_version(data, number)
    programme = programme_of(version)
    programme.versions = [v for v in data.versions if v.number <= number]
    write_visit(path, programme, key=key)
    return programme
