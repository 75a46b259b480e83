"""Numbered copies of a briefing book, and the visit's emergency contacts.

`print_copies` writes one PDF per copy (BOOK-01.pdf … BOOK-12.pdf: what an office hands
out, one file to one holder), each with "Copy 3 of 12" beside the marking at the top and
the foot of every page, then records the copies in the visit as one undoable edit, so
the office knows who holds copy 3. The book of each copy is laid out afresh (the copy's
number is on every page); the distribution list page of an internal book already holds
the copies being printed.

The other use cases edit the distribution list (a holder, a copy returned or destroyed)
and the emergency contacts, each one edit of the journal, undone like any other.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from visitplanner.domain.contacts import EmergencyContacts
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.errors import InputError, NotFoundError
from visitplanner.domain.lookup import find_person
from visitplanner.domain.model import VisitData
from visitplanner.domain.values import is_standard_output, zone
from visitplanner.exports.files import check_output
from visitplanner.i18n import _, ngettext
from visitplanner.operations.edits import SaveEntities, SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.briefing import BriefingOptions, build_briefing

#: A holder: a person of the visit (their id), or a name written freely.
Holder = tuple[str | None, str]

#: More copies than this is a typing error, not a print run.
MOST_COPIES = 999


@dataclass(frozen=True, slots=True)
class CopiesResult:
    """What was printed: a file per copy, the pages of each, the copies recorded."""

    paths: tuple[Path, ...]
    pages: int
    copies: tuple[BookCopy, ...]
    seconds: float


def copy_paths(out: Path, count: int) -> list[Path]:
    """BOOK-01.pdf … BOOK-12.pdf beside `out` (BOOK.pdf): a file per copy, numbered so
    that they sort in order."""
    width = max(2, len(str(count)))
    return [out.with_name(f"{out.stem}-{n:0{width}d}{out.suffix}") for n in range(1, count + 1)]


def holders_from_lines(data: VisitData, lines: Sequence[str]) -> list[Holder]:
    """The holders of a list, a line per copy in order: a person of the visit when the
    line names exactly one (by name or id), else the line as written (a service, an
    office). An empty line leaves its copy without a holder."""
    found: list[Holder] = []
    for line in lines:
        text = line.strip()
        if not text:
            found.append((None, ""))
            continue
        try:
            found.append((find_person(data, text).id, ""))
        except NotFoundError:
            found.append((None, text))
    return found


def edition_of(data: VisitData, options: BriefingOptions) -> str:
    """Which book a copy is: language, profile, the latest programme version, and the
    person of a personal pack ("fr · internal · v3")."""
    parts = [options.lang or data.visit.main_language, options.profile.value]
    if data.versions:
        parts.append(f"v{max(v.number for v in data.versions)}")
    if options.person_id is not None:
        person = next((p for p in data.people if p.id == options.person_id), None)
        if person is not None:
            parts.append(person.formal_name())
    return " · ".join(parts)


def print_copies(
    session: VisitSession,
    out: Path,
    options: BriefingOptions,
    count: int,
    holders: Sequence[Holder] = (),
    today: date | None = None,
) -> CopiesResult:
    """Write `count` numbered copies of the book beside `out` and record them, holders
    given in order (fewer holders than copies: the others have none yet)."""
    if not 1 <= count <= MOST_COPIES:
        raise InputError(
            _("the number of copies is a whole number from 1 to {most}: {found}").format(
                most=MOST_COPIES, found=count
            )
        )
    if len(holders) > count:
        raise InputError(
            _("{holders} holders for {count} copies: one holder per copy at most").format(
                holders=len(holders), count=count
            )
        )
    if is_standard_output(out):
        raise InputError(_("numbered copies are written as files, one per copy: give a file name"))
    paths = copy_paths(out, count)
    for path in paths:
        check_output(path)  # every refusal before the first book is built
    data = session.data
    printed = today or datetime.now(zone(data.visit.tz)).date()
    edition = edition_of(data, options)
    given = list(holders) + [(None, "")] * (count - len(holders))
    new = tuple(
        BookCopy(
            number=number,
            total=count,
            printed_on=printed,
            holder_id=holder_id,
            holder_name=holder_name,
            edition=edition,
        )
        for number, (holder_id, holder_name) in enumerate(given, start=1)
    )
    # The distribution list of each copy already names every copy of this print run.
    shown = dataclasses.replace(data, copies=[*data.copies, *new])
    started = time.perf_counter()
    pages = 0
    for number, path in enumerate(paths, start=1):
        numbered = dataclasses.replace(options, copy_number=number, copies=count)
        pages = build_briefing(shown, path, numbered).pages
    seconds = time.perf_counter() - started
    label = ngettext("Record {count} numbered copy", "Record {count} numbered copies", count)
    session.apply(SaveEntities(list(new), label=label.format(count=count)))
    return CopiesResult(tuple(paths), pages, new, seconds)


def copy_operation(data: VisitData, after: BookCopy) -> SaveEntity | None:
    """The edit of one copy (its holder, returned, destroyed); None when nothing changes."""
    before = next((c for c in data.copies if c.id == after.id), None)
    if before is None or before == after:
        return None
    return SaveEntity(after, before, label=_("Edit {copy}").format(copy=after.label))


def holder_from_text(data: VisitData, text: str) -> Holder:
    """A holder typed in the window: a person of the visit when the text names exactly
    one, else the text as written."""
    return holders_from_lines(data, [text])[0]


def emergency_operation(data: VisitData, emergency: EmergencyContacts) -> SaveEntity | None:
    """The edit setting the visit's emergency contacts (None: nothing changes)."""
    visit = data.visit
    if visit.emergency == emergency:
        return None
    after = dataclasses.replace(visit, emergency=emergency)
    return SaveEntity(after, visit, label=_("Edit the emergency contacts"))
