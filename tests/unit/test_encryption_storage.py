"""Encrypted visits in storage: SQLCipher's own key, backups and copies keyed alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from tests.factories import small_visit
from visitplanner.domain.errors import EncryptedVisitError, StorageError, WrongPassphraseError
from visitplanner.exports.files import check_target
from visitplanner.services.visit_files import open_visit, read_visit, save_copy, write_visit
from visitplanner.storage import keys
from visitplanner.storage.backup import backup_folder, list_backups, make_backup
from visitplanner.storage.database import is_visit_file, looks_encrypted, salt_of


@pytest.fixture(autouse=True)
def _quick_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer key-derivation rounds, in this process and on these files only."""
    keys.forget_all()
    monkeypatch.setattr(keys, "KDF_ITERATIONS", 1000)


def test_the_key_is_the_one_sqlcipher_derives_from_the_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="l'été à Kyiv")
    conn = sqlcipher.connect(str(path))
    conn.execute("PRAGMA key = 'l''été à Kyiv'")
    conn.execute("PRAGMA kdf_iter = 1000")
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == len(small_visit().people)
    conn.close()


def test_an_encrypted_visit_reads_back_whole_and_wants_its_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="secret")
    assert looks_encrypted(path) and is_visit_file(path)
    assert read_visit(path) == read_visit(path)
    keys.forget_all()
    with pytest.raises(EncryptedVisitError, match="give its passphrase"):
        read_visit(path)
    keys.set_asker(lambda _path: "not it")
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        read_visit(path)
    keys.set_asker(lambda _path: "secret")
    assert read_visit(path).visit.title == small_visit().visit.title


def test_backups_are_keyed_as_the_visit_and_not_repeated(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="secret")
    first = make_backup(path)
    assert make_backup(path) == first  # nothing changed: no second backup
    assert looks_encrypted(first)
    keys.forget_all()
    keys.remember(path, "secret")
    session = open_visit(path)  # the backup's salt and key are the visit's
    session.close()
    assert len(list_backups(backup_folder(path), path.stem)) == 1
    keys.forget_all()
    keys.set_asker(lambda _path: "secret")
    assert read_visit(first) == read_visit(path)


def test_a_copy_keeps_the_encryption_and_no_export_overwrites_the_visit(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="secret")
    session = open_visit(path)
    try:
        save_copy(session, tmp_path / "copy.visit")
    finally:
        session.close()
    assert looks_encrypted(tmp_path / "copy.visit")
    assert read_visit(tmp_path / "copy.visit") == read_visit(path)
    with pytest.raises(StorageError):
        check_target(path)


def test_a_past_version_of_an_encrypted_visit_is_written_encrypted(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from visitplanner.services.encryption import key_in_use
    from visitplanner.services.versions import issue_version, write_version_file

    path = tmp_path / "v.visit"
    write_visit(path, small_visit(), passphrase="secret")
    session = open_visit(path)
    try:
        issue_version(session, now=datetime(2026, 5, 1, 9, 0, tzinfo=UTC))
        data = session.data
        key = key_in_use(session.path)
    finally:
        session.close()
    assert key is not None and key.startswith("x'")
    target = tmp_path / "version-1.visit"  # the window writes it to a temporary folder
    write_version_file(data, 1, target, key)
    assert looks_encrypted(target)
    assert read_visit(target).events == data.events


def test_what_a_killed_rewrite_left_goes_when_the_visit_is_opened(tmp_path: Path) -> None:
    import os

    from visitplanner.storage.rekeying import remove_stale_scratches

    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    dead = tmp_path / ".v.visit.2147483646.partial"  # no such process
    dead.write_bytes(b"SQLite format 3\x00 Kalmykova ZZ0000101")
    alive = tmp_path / f".v.visit.{os.getpid()}.partial"
    alive.write_bytes(b"in the works")
    assert remove_stale_scratches(path) == [dead]
    dead.write_bytes(b"again")
    open_visit(path).close()
    assert not dead.exists() and alive.exists()


def test_a_visit_open_in_another_window_is_not_encrypted_under_it(tmp_path: Path) -> None:
    import os

    from visitplanner.services.encryption import encrypt_visit

    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    before = path.read_bytes()
    lock = tmp_path / "v.visit.lock"
    lock.write_text(f"{os.getppid()}\nVisitPlanner\nhost\n", encoding="utf-8")  # running
    with pytest.raises(StorageError, match="open in a VisitPlanner window"):
        encrypt_visit(path, "secret")
    assert path.read_bytes() == before
    lock.write_text("2147483646\nVisitPlanner\nhost\n", encoding="utf-8")  # left by a crash
    encrypt_visit(path, "secret")
    assert looks_encrypted(path)


def test_the_command_line_derives_the_key_while_it_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`visitplanner check VISIT` with the passphrase in the variable or a file starts the
    256,000 iterations before the command's modules load; opening then finds the key
    made. Words that are not encrypted visits start nothing."""
    from visitplanner import __main__ as entry
    from visitplanner.commands.base import PASSPHRASE_VARIABLE

    assert entry.PASSPHRASE_VARIABLE == PASSPHRASE_VARIABLE
    path = tmp_path / "v.visit"
    plain = tmp_path / "plain.visit"
    write_visit(path, small_visit(), passphrase="secret")
    write_visit(plain, small_visit())
    keys.forget_all()
    derived: list[str] = []
    real = keys._derive
    monkeypatch.setattr(keys, "_derive", lambda *a: derived.append(a[0]) or real(*a))
    monkeypatch.delenv(PASSPHRASE_VARIABLE, raising=False)
    entry.derive_ahead(["check", str(path)])
    assert derived == [] and keys._ahead == {}  # no passphrase given: nothing to derive
    secret = tmp_path / "pass.txt"
    secret.write_text("secret\n", encoding="utf-8")
    entry.derive_ahead(["check", str(plain), "--passphrase-file", str(secret), str(path)])
    assert len(keys._ahead) == 1  # the encrypted visit only
    assert keys.raw_key("secret", salt_of(path))
    assert derived == ["secret"]
    keys.forget_all()
    monkeypatch.setenv(PASSPHRASE_VARIABLE, "secret")
    entry.derive_ahead(["check", str(tmp_path / "missing.visit"), "--passphrase-file=nowhere"])
    assert keys._ahead == {}  # an unreadable passphrase file: the command will say so
    entry.derive_ahead(["check", str(path)])
    keys.remember(path, "secret")  # as the command's asker does, from the variable
    read_visit(path)  # opens with the key derived ahead
    assert derived == ["secret", "secret"]
