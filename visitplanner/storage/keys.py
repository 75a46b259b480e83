"""Passphrases of encrypted visit files, and the keys SQLCipher uses for them.

An encrypted visit is an SQLCipher 4 file: its first 16 bytes are a random salt, and
every page is encrypted with a key derived from the passphrase and that salt by
PBKDF2-HMAC-SHA512 (SQLCipher 4's own settings, 256,000 iterations). The key is
derived here, once per passphrase and salt, and handed to SQLCipher as a raw key
(`x'KEY SALT'`): the file is exactly the one SQLCipher makes from the passphrase (the
`sqlcipher` shell opens it with `PRAGMA key = 'passphrase'`), no passphrase is ever
put into SQL text, and the window's worker thread, the background backup and a
second session each key their own connection without deriving again.

A passphrase is known to this process only, in memory: given once for a file (the
window's dialog; the command line's file, variable or prompt), every connection to
that file takes it from here. A backup of the visit has the visit's salt and key, so
it opens with the key already derived. Nothing here is written anywhere or logged.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Final

#: SQLCipher 4's key derivation. Tests may lower the iterations (only in their own
#: process, on files they make); real visits always use SQLCipher's default.
KDF_ITERATIONS = 256_000
SALT_SIZE: Final = 16
KEY_SIZE: Final = 32

#: Asked for the passphrase of an encrypted file no passphrase is known for (the
#: command line's --passphrase-file, variable or prompt); None when there is none.
Asker = Callable[[Path], str | None]

_lock = threading.Lock()
_passphrases: dict[Path, str] = {}
_derived: dict[tuple[str, bytes, int], str] = {}
_asker: list[Asker] = []


def _where(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def remember(path: Path, passphrase: str) -> None:
    """Use `passphrase` for the file at `path` from now on (in this process only)."""
    with _lock:
        _passphrases[_where(path)] = passphrase


def forget(path: Path) -> None:
    """Forget the passphrase of the file at `path`."""
    with _lock:
        _passphrases.pop(_where(path), None)


def forget_all() -> None:
    """Forget every passphrase and derived key (tests; closing the application)."""
    with _lock:
        _passphrases.clear()
        _derived.clear()
        _asker.clear()


def forget_derived(salt: bytes) -> None:
    """Forget the keys derived for files of `salt` (the next opening derives again)."""
    with _lock:
        for found in [found for found in _derived if found[1] == salt]:
            del _derived[found]


def set_asker(asker: Asker | None) -> None:
    """Who is asked for a passphrase not known yet (None: nobody)."""
    with _lock:
        _asker.clear()
        if asker is not None:
            _asker.append(asker)


def known_passphrase(path: Path) -> str | None:
    """The passphrase given for `path`, if any."""
    with _lock:
        return _passphrases.get(_where(path))


def ask(path: Path) -> str | None:
    """The passphrase the asker gives for `path` (None when there is no asker, or none)."""
    with _lock:
        asker = _asker[0] if _asker else None
    return None if asker is None else asker(path)


def raw_key(passphrase: str, salt: bytes) -> str:
    """The value of `PRAGMA key` for `passphrase` on a file with `salt`: `x'KEY SALT'`
    in hexadecimal, the key derived as SQLCipher 4 derives it."""
    if "\x00" in passphrase:
        raise ValueError("a passphrase cannot hold a NUL character")
    if len(salt) != SALT_SIZE:
        raise ValueError("an SQLCipher salt is 16 bytes")
    found = (passphrase, salt, KDF_ITERATIONS)
    with _lock:
        cached = _derived.get(found)
    if cached is not None:
        return cached
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_SIZE)
    value = f"x'{key.hex()}{salt.hex()}'"
    with _lock:
        _derived[found] = value
    return value


def keys_for_salt(salt: bytes) -> list[str]:
    """The keys already derived for files of this salt (a visit and its backups)."""
    with _lock:
        return [key for (_pass, known, _iter), key in _derived.items() if known == salt]


def new_salt() -> bytes:
    """A random salt for a file about to be encrypted."""
    return os.urandom(SALT_SIZE)
