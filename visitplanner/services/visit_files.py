"""Use cases on whole visit files: create, write a visit, back up, JSON in and out."""

from __future__ import annotations

import logging
import os
import threading
from datetime import date
from pathlib import Path

from visitplanner.domain.errors import InputError, StorageError, VisitPlannerError
from visitplanner.domain.model import Event, Organiser, Visit, VisitData
from visitplanner.domain.values import LocalizedText, is_standard_output, zone
from visitplanner.exports.files import check_target
from visitplanner.i18n import _
from visitplanner.operations.session import PROGRAM_COMMAND_LINE, VisitSession
from visitplanner.services.progress import Progress
from visitplanner.storage import keys
from visitplanner.storage.backup import copy_database, make_backup
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.rekeying import remove_stale_scratches
from visitplanner.storage.repository import VisitRepository

log = logging.getLogger(__name__)


def _refuse_existing(path: Path) -> None:
    if is_standard_output(path):
        raise InputError(_("a visit file cannot be written to standard output; give a file name"))
    if path.exists():
        raise StorageError(
            _("{path}: the file already exists; choose another name").format(path=path)
        )


def write_visit(
    path: Path, data: VisitData, passphrase: str | None = None, key: str | None = None
) -> None:
    """Write `data` as a new visit file at `path`, which must not exist yet (encrypted
    with `passphrase` when one is given, or with the raw `key` of an open encrypted
    visit).

    The visit is written to a temporary file beside it and renamed into place
    when complete, so a failure never leaves half a visit under that name.
    """
    _refuse_existing(path)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.partial")
    scratch.unlink(missing_ok=True)
    database = VisitDatabase.create(scratch, passphrase, key)
    try:
        with database.transaction():
            VisitRepository(database).save_all(data)
    except BaseException:
        database.close()
        scratch.unlink(missing_ok=True)
        raise
    database.close()
    _refuse_existing(path)
    scratch.replace(path)
    if passphrase is not None:
        keys.remember(path, passphrase)
    elif key is not None:
        keys.remember_key(path, key)


def create_visit(
    path: Path,
    title: str,
    start: date,
    end: date,
    tz: str = "Europe/Paris",
    organiser: str = "",
    passphrase: str | None = None,
) -> Visit:
    """Create a new visit file with a visit and nothing else in it yet (encrypted with
    `passphrase` when one is given)."""
    zone(tz)
    visit = Visit(
        title=LocalizedText.same(title),
        start_date=start,
        end_date=end,
        tz=tz,
        organiser=Organiser(name=LocalizedText.same(organiser)),
    )
    write_visit(path, VisitData(visit=visit), passphrase)
    return visit


def open_visit(
    path: Path, read_only: bool = False, program: str = "", progress: Progress | None = None
) -> VisitSession:
    """Open a visit file for editing (or only reading); `program` is what the journal
    records as the writer (the command line unless said). `progress` follows the
    reading and may cancel it (the window opens a large visit in a worker).

    A command line that opens a visit to change it backs it up first, with the same
    rotation as the window (which backs up in the background as it opens).
    """
    program = program or PROGRAM_COMMAND_LINE
    session = VisitSession.open(
        path, read_only, program, None if progress is None else progress.step
    )
    if not read_only:
        # What an encryption change killed half-way left beside the visit goes.
        remove_stale_scratches(path)
    if not read_only and program == PROGRAM_COMMAND_LINE:
        back_up(path)  # once the file is known to be a visit; a failure is only logged
    return session


def save_copy(session: VisitSession, target: Path) -> None:
    """Write a consistent copy of the open visit to `target`, replacing a file there
    only if it is neither a visit nor a backup of one (those are never written over).
    The copy of an encrypted visit is encrypted with the same passphrase.

    Through SQLite's backup API, never a file copy; the copy is made beside the
    target and renamed over it, so a failure leaves the target as it was.
    """
    source = session.path
    if source is not None and target.exists() and target.resolve() == source.resolve():
        raise StorageError(
            _("{path}: is the visit itself; save the copy under another name").format(path=target)
        )
    if is_standard_output(target):
        raise InputError(_("a visit file cannot be written to standard output; give a file name"))
    check_target(target)  # never over another visit, a backup, a folder or a device
    scratch = target.with_name(f".{target.name}.{os.getpid()}.partial")
    scratch.unlink(missing_ok=True)
    try:
        copy_database(session.database.conn, scratch, session.database.key)
        scratch.replace(target)
    except OSError as exc:
        scratch.unlink(missing_ok=True)
        raise StorageError(
            _("{path}: cannot write ({reason})").format(path=target, reason=exc.strerror or exc)
        ) from exc


def read_visit(path: Path) -> VisitData:
    """The whole visit in the file at `path`, read without changing one byte of it (a
    file of an older schema is read through a migrated copy; the file is closed again)."""
    session = VisitSession.open(path, read_only=True)
    try:
        return session.data
    finally:
        session.close()


def calendar_ghosts(session: VisitSession) -> dict[str, Event]:
    """The last content of each deleted event that a calendar's last file held: from the
    journal, else as the visit kept it (a visit made from its JSON format)."""
    data = session.data
    held = set().union(*data.calendars.sent.values()) if data.calendars.sent else set()
    gone = held - {e.id for e in data.events}
    return session.repository.deleted_events(gone) if gone else {}


def back_up(path: Path) -> Path | None:
    """Back up the visit file now; a failure is logged, never raised (the visit opens anyway)."""
    try:
        return make_backup(path)
    except VisitPlannerError as exc:
        log.warning("backup of %s failed: %s", path, exc)
    except OSError as exc:
        log.warning("backup of %s failed: %s", path, exc)
    return None


def back_up_in_background(path: Path) -> threading.Thread:
    """Back up the visit file in a worker thread, off the path to the first screen."""
    worker = threading.Thread(target=back_up, args=(path,), name="visit-backup", daemon=False)
    worker.start()
    return worker


def export_json(visit_path: Path, out: Path) -> VisitData:
    """Write the visit at `visit_path` to `out` in the documented JSON format."""
    from visitplanner.exports.visit_json import dump_visit_json

    session = VisitSession.open(visit_path, read_only=True)
    try:
        data = session.data
        # What calendars held travels with the calendars' memory, so that a visit made
        # again from this file sends as cancelled an event missing from it: a deleted
        # one's last content, and for each event still there a brief (title, times,
        # place), should it be taken out of the file by hand before it is imported.
        data.calendars.ghosts = {**_briefs(data), **calendar_ghosts(session)}
    finally:
        session.close()
    dump_visit_json(data, out)
    return data


def _briefs(data: VisitData) -> dict[str, Event]:
    """Each event a calendar held, as much of it as a cancellation says."""
    held = set().union(*data.calendars.sent.values()) if data.calendars.sent else set()
    return {
        e.id: Event(
            id=e.id,
            kind=e.kind,
            title=e.title,
            start=e.start,
            end=e.end,
            status=e.status,
            venue_id=e.venue_id,
            destination_id=e.destination_id,
            modified=e.modified,
        )
        for e in data.events
        if e.id in held
    }


def import_json(json_path: Path, visit_path: Path) -> VisitData:
    """Make a new visit file at `visit_path` from the JSON visit at `json_path`."""
    from visitplanner.imports.visit_json import load_visit_json

    _refuse_existing(visit_path)
    data = load_visit_json(json_path)
    write_visit(visit_path, data)
    return data
