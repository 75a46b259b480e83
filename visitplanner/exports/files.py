"""Write export files safely: owner-only (0600 on POSIX), whole or not at all.

Every export (JSON, calendars, PDF, rosters) writes through `write_private`: the
bytes go to a temporary file in the same folder, which then replaces the target
in one step, so a failed write never leaves half a file and an older file stays
as it was until the new one is complete.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

from visitplanner.domain.errors import StorageError
from visitplanner.i18n import _

log = logging.getLogger(__name__)


def write_private(path: Path, payload: bytes) -> None:
    """Write `payload` to `path`, readable by its owner only, atomically."""
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
            stream.write(payload)
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
    log.info("wrote %s (%d bytes)", path, len(payload))


def make_private_folder(path: Path) -> None:
    """Create the folder `path` (and its parents) for exports, owner-only (0700 on POSIX)."""
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
