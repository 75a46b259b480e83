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

The 256,000 iterations cost a tenth to a quarter of a second, once per process. They
need not be waited for: `derive_ahead` starts them on a thread (OpenSSL's PBKDF2 runs
without Python's lock) as soon as a passphrase may be the one, while the command line
is still loading its modules or while the officer is still typing; `raw_key` then
takes the key that thread made. A key the system keyring kept for a file
(`remember_key`) needs no derivation at all.
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
_SQLITE_MAGIC: Final = b"SQLite format 3\x00"
#: An SQLCipher file is whole pages (4096 bytes by default; 512 the smallest).
_SMALLEST_ENCRYPTED: Final = 1024

#: Asked for the passphrase of an encrypted file no passphrase is known for (the
#: command line's --passphrase-file, variable or prompt); None when there is none.
Asker = Callable[[Path], str | None]

_lock = threading.Lock()
_passphrases: dict[Path, str] = {}
_derived: dict[tuple[str, bytes, int], str] = {}
_asker: list[Asker] = []
_ahead: dict[tuple[str, bytes, int], _Derivation] = {}
_given_keys: dict[Path, str] = {}


class _Derivation:
    """A key being derived on its own thread; `key()` waits for it."""

    def __init__(self, passphrase: str, salt: bytes, iterations: int) -> None:
        self._args = (passphrase, salt, iterations)
        self._value = ""
        self._thread = threading.Thread(target=self._run, name="key derivation", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._value = _derive(*self._args)

    def key(self) -> str:
        """The derived key, once the thread has made it."""
        self._thread.join()
        return self._value


def _derive(passphrase: str, salt: bytes, iterations: int) -> str:
    key = hashlib.pbkdf2_hmac("sha512", passphrase.encode("utf-8"), salt, iterations, KEY_SIZE)
    return f"x'{key.hex()}{salt.hex()}'"


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
    """Forget the passphrase of the file at `path`, and the key given for it."""
    with _lock:
        _passphrases.pop(_where(path), None)
        _given_keys.pop(_where(path), None)


def forget_all() -> None:
    """Forget every passphrase and derived key (tests; closing the application)."""
    with _lock:
        _passphrases.clear()
        _derived.clear()
        _asker.clear()
        _ahead.clear()
        _given_keys.clear()


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


def _checked(passphrase: str, salt: bytes) -> tuple[str, bytes, int]:
    if "\x00" in passphrase:
        raise ValueError("a passphrase cannot hold a NUL character")
    if len(salt) != SALT_SIZE:
        raise ValueError("an SQLCipher salt is 16 bytes")
    return (passphrase, salt, KDF_ITERATIONS)


def raw_key(passphrase: str, salt: bytes) -> str:
    """The value of `PRAGMA key` for `passphrase` on a file with `salt`: `x'KEY SALT'`
    in hexadecimal, the key derived as SQLCipher 4 derives it (or as a thread started
    by `derive_ahead` is deriving it: then its result, waited for)."""
    found = _checked(passphrase, salt)
    with _lock:
        cached = _derived.get(found)
        ahead = _ahead.pop(found, None)
    if cached is not None:
        return cached
    value = ahead.key() if ahead is not None else _derive(*found)
    with _lock:
        _derived[found] = value
    return value


def derive_ahead(passphrase: str, salt: bytes) -> None:
    """Start deriving the key of `passphrase` for a file of `salt` on a thread, so that
    `raw_key` finds it made (or nearly). Nothing is started for a key known already or
    being derived; a passphrase no file is opened with is forgotten by `drop_ahead`."""
    try:
        found = _checked(passphrase, salt)
    except ValueError:
        return  # the real opening says what is wrong with it
    with _lock:
        if found in _derived or found in _ahead:
            return
        _ahead[found] = _Derivation(*found)


def drop_ahead() -> None:
    """Forget the keys started ahead and not used (the passphrases typed on the way)."""
    with _lock:
        _ahead.clear()


def remember_key(path: Path, key: str) -> None:
    """Use `key` (a raw key, as `raw_key` makes them) for the file at `path`: a key the
    system keyring kept, which spares the derivation."""
    with _lock:
        _given_keys[_where(path)] = key


def given_key(path: Path) -> str | None:
    """The raw key given by `remember_key` for `path`, if any."""
    with _lock:
        return _given_keys.get(_where(path))


def forget_key(path: Path) -> None:
    """Forget the raw key given for `path` (it was wrong, or the file was re-keyed)."""
    with _lock:
        _given_keys.pop(_where(path), None)


def keys_for_salt(salt: bytes) -> list[str]:
    """The keys already derived or given for files of this salt (a visit, its backups
    and the past versions written from it)."""
    tail = f"{salt.hex()}'"
    with _lock:
        derived = [key for (_pass, known, _iter), key in _derived.items() if known == salt]
        return derived + [key for key in _given_keys.values() if key.endswith(tail)]


def salt_if_encrypted(path: Path) -> bytes | None:
    """The salt of `path` if it may be an encrypted visit: not an SQLite file in clear,
    but whole pages of one (random bytes look the same: only the key tells them apart);
    None for anything else, or a file that cannot be read."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            start = handle.read(len(_SQLITE_MAGIC))
    except OSError:
        return None
    if size < _SMALLEST_ENCRYPTED or size % 512 or start == _SQLITE_MAGIC:
        return None
    return start[:SALT_SIZE]


def new_salt() -> bytes:
    """A random salt for a file about to be encrypted."""
    return os.urandom(SALT_SIZE)
