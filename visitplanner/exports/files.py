"""Write export files safely: owner-only (0600 on POSIX), whole or not at all.

Every export (JSON, calendars, PDF, rosters) writes through `write_private`: the
bytes go to a temporary file in the same folder, which then replaces the target
in one step, so a failed write never leaves half a file and an older file stays
as it was until the new one is complete. The path "-" is standard output: a text
format goes there as it is; a binary one (PDF, XLSX) only when it is redirected.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from visitplanner.domain.errors import InputError, StorageError
from visitplanner.domain.values import is_standard_output
from visitplanner.i18n import _
from visitplanner.storage.database import is_visit_file

log = logging.getLogger(__name__)


def check_target(path: Path) -> None:
    """Refuse an output path that writing would destroy something at: a visit file or a
    backup of one (through links too), or anything but a regular file (a device such as
    /dev/full, a pipe, a folder). A missing file is fine: it is created."""
    try:
        mode = path.stat().st_mode  # follows links
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StorageError(_write_failed(path, exc)) from exc
    if stat.S_ISDIR(mode):
        raise StorageError(_("{path}: is a folder; give the name of a file").format(path=path))
    if not stat.S_ISREG(mode):
        raise StorageError(
            _("{path}: not a regular file (a device or a pipe); nothing was written").format(
                path=path
            )
        )
    if is_visit_file(path):
        raise StorageError(
            _(
                "{path}: is a visit file; VisitPlanner never writes over one: choose another name"
            ).format(path=path)
        )


def write_private(path: Path, payload: bytes, *, text: bool = False) -> None:
    """Write `payload` to `path`, readable by its owner only, atomically; to standard
    output when `path` is "-" (a binary payload, `text` false, never to a terminal).

    Refused before anything is written when `path` is a visit file, a backup, or not a
    regular file (`check_target`).
    """
    write_private_chunks(path, [payload], text=text)


def write_private_chunks(path: Path, chunks: Iterable[bytes], *, text: bool = False) -> None:
    """`write_private` of the bytes `chunks` yields, each written as it comes (a large
    export is never held whole in memory)."""
    check_output(path, text=text)
    if is_standard_output(path):
        _write_standard_output(chunks)
        return
    folder = path.parent if str(path.parent) else Path()
    try:
        # mkstemp opens with O_CREAT | O_EXCL | O_WRONLY and mode 0600.
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StorageError(_write_failed(path, exc)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if os.name == "posix":
                os.fchmod(stream.fileno(), 0o600)  # whatever the umask or the platform did
            size = 0
            for chunk in chunks:
                stream.write(chunk)
                size += len(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise StorageError(_write_failed(path, exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(folder)
    log.info("wrote %s (%d bytes)", path, size)


def check_output(path: Path, *, text: bool = False) -> None:
    """Refuse, before any work, an output that `write_private` would refuse: see
    `check_target`; for "-", a binary file (`text` false) bound for a terminal."""
    if not is_standard_output(path):
        check_target(path)
        return
    stream = sys.__stdout__
    if stream is None:
        raise InputError(_("there is no standard output to write to; give a file name"))
    if not text and stream.isatty():
        raise InputError(
            _("this file is binary: redirect standard output to a file, or give a file name")
        )


def _write_standard_output(chunks: Iterable[bytes]) -> None:
    """`payload` on the process's standard output (what a pipe or a redirection reads)."""
    stream = sys.__stdout__
    assert stream is not None  # check_output said so
    stream.flush()
    try:
        for chunk in chunks:
            stream.buffer.write(chunk)
        stream.buffer.flush()
    except BrokenPipeError:
        # The reader stopped reading (`| head`): what it wanted it had; say nothing more.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


def make_private_folder(path: Path) -> None:
    """Create the folder `path` (and its parents) for exports, owner-only (0700 on POSIX)."""
    if is_standard_output(path):
        raise InputError(_("standard output (“-”) holds one file; give a folder"))
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StorageError(_write_failed(path, exc)) from exc


def _write_failed(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return _("{path}: cannot write ({reason})").format(path=path, reason=reason)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a failure here loses nothing already written."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        log.debug("cannot sync the folder %s", folder)
    finally:
        os.close(descriptor)
