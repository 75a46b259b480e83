"""Encrypt a visit, change its passphrase, take its encryption off: each one atomic step.

The visit file is written anew beside itself and renamed into place (see
`storage.rekeying`); its backups follow it, each the same way, so that a visit
encrypted (or re-keyed after a passphrase was given away) keeps no backup in clear
(or under the old passphrase). A backup that cannot be opened is left as it is, and
said in the log.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from visitplanner.domain.errors import (
    InputError,
    StorageError,
    VisitPlannerError,
    WrongPassphraseError,
)
from visitplanner.domain.values import is_standard_output
from visitplanner.i18n import _
from visitplanner.storage import keys
from visitplanner.storage.backup import backup_folder, list_backups
from visitplanner.storage.database import (
    connect_encrypted,
    key_of,
    known_key,
    looks_encrypted,
    read_header,
    salt_of,
)
from visitplanner.storage.rekeying import rewrite

log = logging.getLogger(__name__)

#: Who is asked for the passphrase of an encrypted visit that is opened (the command
#: line's file, variable or prompt; the window asks before it opens).
set_passphrase_asker = keys.set_asker


def is_encrypted(path: Path) -> bool:
    """Whether the visit file at `path` is encrypted (a plain visit's header is checked)."""
    if looks_encrypted(path):
        return True
    read_header(path)
    return False


def _refuse_open_elsewhere(path: Path) -> None:
    """A window of another running VisitPlanner has the visit open: refused (its edits
    would go to the file that is replaced)."""
    lock = path.with_name(path.name + ".lock")
    try:
        pid = int(lock.read_text(encoding="utf-8", errors="replace").split()[0])
    except (OSError, ValueError, IndexError):
        return
    if pid == os.getpid():
        return
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return  # left by a copy that has ended
    except OSError:
        pass
    raise StorageError(
        _("{path}: the visit is open in a VisitPlanner window; close it there first").format(
            path=path
        )
    )


def _backups_follow(path: Path, old_key: str | None, new_key: str | None) -> None:
    for _moment, backup in list_backups(backup_folder(path), path.stem):
        try:
            if old_key is not None and looks_encrypted(backup):
                # The visit's key (a backup has the visit's salt); nobody is asked for
                # the passphrase of a backup made under another one: it stays as it is.
                key: str | None = known_key(backup)
                if key is None:
                    log.warning("backup %s is under another passphrase: left as it was", backup)
                    continue
            elif old_key is None and not looks_encrypted(backup):
                key = None
            else:
                continue  # already as the visit now is
            rewrite(backup, key, backup, new_key)
        except VisitPlannerError as exc:
            log.warning("backup %s left as it was: %s", backup, exc)


def encrypt_visit(path: Path, passphrase: str) -> None:
    """Encrypt the plain visit at `path` (and its backups) with `passphrase`."""
    if not passphrase:
        raise InputError(_("the passphrase is empty"))
    if is_encrypted(path):
        raise InputError(
            _("{path}: the visit is encrypted already; change its passphrase instead").format(
                path=path
            )
        )
    _refuse_open_elsewhere(path)
    new_key = keys.raw_key(passphrase, keys.new_salt())
    rewrite(path, None, path, new_key)
    keys.remember(path, passphrase)
    _backups_follow(path, None, new_key)


def _key_of_encrypted(path: Path) -> str:
    if not is_encrypted(path):
        raise InputError(_("{path}: the visit is not encrypted").format(path=path))
    return key_of(path)


def rekey_visit(path: Path, new_passphrase: str) -> None:
    """Give the encrypted visit at `path` (and its backups) a new passphrase."""
    if not new_passphrase:
        raise InputError(_("the passphrase is empty"))
    old_key = _key_of_encrypted(path)
    _refuse_open_elsewhere(path)
    new_key = keys.raw_key(new_passphrase, keys.new_salt())
    rewrite(path, old_key, path, new_key)
    keys.forget(path)  # a key kept for the old salt opens nothing now
    keys.remember(path, new_passphrase)
    _backups_follow(path, old_key, new_key)


def decrypt_visit(path: Path, target: Path) -> None:
    """Write the encrypted visit at `path` in clear to `target`, a new file; or, when
    `target` is the visit itself, take the encryption off it (and its backups)."""
    if is_standard_output(target):
        raise InputError(_("a visit file cannot be written to standard output; give a file name"))
    old_key = _key_of_encrypted(path)
    in_place = target.exists() and target.resolve() == path.resolve()
    if not in_place and target.exists():
        raise StorageError(
            _("{path}: the file already exists; choose another name").format(path=target)
        )
    if in_place:
        _refuse_open_elsewhere(path)
    rewrite(path, old_key, target, None)
    if in_place:
        keys.forget(path)
        _backups_follow(path, old_key, None)


def key_in_use(path: Path | None) -> str | None:
    """The key of the open encrypted visit at `path` (None for a plain one): what a file
    made from it (a past version opened read-only) is encrypted with in turn."""
    if path is None or not looks_encrypted(path):
        return None
    return known_key(path)


def needs_passphrase(path: Path) -> bool:
    """Whether opening the visit at `path` wants a passphrase nobody has given yet (an
    encrypted file whose key this process does not know; a backup of an open visit,
    with the visit's key, needs none)."""
    return looks_encrypted(path) and known_key(path) is None


def derive_ahead(path: Path, passphrase: str) -> None:
    """Start deriving the key `passphrase` gives the encrypted visit at `path`, on a
    thread, while the officer may still be typing: `try_passphrase` then finds it made
    (the 256,000 iterations cost a tenth to a quarter of a second)."""
    if not passphrase or not looks_encrypted(path):
        return
    try:
        salt = salt_of(path)
    except OSError:
        return  # opening says what is wrong with the file
    keys.derive_ahead(passphrase, salt)


def drop_ahead() -> None:
    """Forget the keys derived ahead for passphrases that were not the one."""
    keys.drop_ahead()


def try_passphrase(path: Path, passphrase: str) -> bool:
    """Whether `passphrase` opens the encrypted visit at `path`; if it does, connections
    to the file use it from now on (in this process)."""
    if not passphrase:
        return False
    key = keys.raw_key(passphrase, salt_of(path))
    try:
        connect_encrypted(path, key, read_only=True).close()
    except WrongPassphraseError:
        return False
    keys.remember(path, passphrase)
    return True


#: The system keyring's service under which keys are kept (the file's full path as
#: user), when the officer asks for it; never in the settings.
KEYRING_SERVICE = "visitplanner-visit"


def _keyring_user(path: Path) -> str:
    return str(path.resolve())


def _is_raw_key(value: str) -> bool:
    hexadecimal = value[2:-1]
    return (
        value.startswith("x'")
        and value.endswith("'")
        and len(hexadecimal) == 2 * (keys.KEY_SIZE + keys.SALT_SIZE)
        and all(c in "0123456789abcdef" for c in hexadecimal)
    )


def kept_key(path: Path) -> str | None:
    """The key the system keyring keeps for the visit at `path`, if any.

    The keyring keeps the key derived for this file, never the passphrase: whoever
    reads the keyring gets this one file (and its backups), not a passphrase an office
    may use elsewhere; and the file opens without the 256,000 iterations. A re-keyed
    file has a new salt, so the key kept before no longer opens it."""
    try:
        import keyring
        import keyring.errors

        try:
            value = keyring.get_password(KEYRING_SERVICE, _keyring_user(path)) or ""
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            log.info("no system keyring to read the key from: %s", exc)
            return None
    except ImportError:
        return None
    return value if _is_raw_key(value) else None


def unlock_with_kept_key(path: Path) -> bool:
    """Whether the keyring's key opens the encrypted visit at `path`; if it does,
    connections to the file use it from now on (in this process)."""
    kept = kept_key(path)
    if kept is None:
        return False
    keys.remember_key(path, kept)
    if known_key(path) == kept:
        return True
    keys.forget_key(path)
    return False


def keep_key(path: Path, keep: bool) -> bool:
    """Keep the key of the encrypted visit at `path` (known to this process) in the
    system keyring, or forget it there (`keep` False); False when there is no keyring
    to keep it in, or no key known."""
    key = known_key(path) if keep and looks_encrypted(path) else None
    if keep and key is None:
        return False
    try:
        import keyring
        import keyring.errors

        try:
            if key is None:
                keyring.delete_password(KEYRING_SERVICE, _keyring_user(path))
            else:
                keyring.set_password(KEYRING_SERVICE, _keyring_user(path), key)
        except keyring.errors.PasswordDeleteError:
            return True
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            log.info("no system keyring to keep the key in: %s", exc)
            return False
    except ImportError:
        return False
    return True
