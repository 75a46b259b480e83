"""Encrypted visit files: nothing in clear on the disk, a wrong passphrase told as such,
encrypt / rekey / decrypt round trips that survive being killed half-way."""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_process import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from summit import SummitSize, generate_summit

from visitplanner.demo import build_demo
from visitplanner.domain.model import Accreditation, Person, VisitData
from visitplanner.services.visit_files import open_visit, write_visit
from visitplanner.storage import keys
from visitplanner.storage.backup import backup_folder
from visitplanner.storage.database import connect_encrypted, salt_of

OLD = "correct horse battery staple"
NEW = "Тарас 'quote\" & back\\slash"

#: What a finder of the file must not read: planted, and from the demo.
MARKERS = (
    "Zyxwarkeroff",
    "QX9876543",
    "Маркерчук",
    "Kalmykova",
    "ZZ0000101",
    "KALMYKOVA NATALIIA",
    "+380 50 000 30 05",
    "Калмикова",
)


def _planted() -> VisitData:
    data = build_demo()
    planted = Person(
        family_name="Zyxwarkeroff",
        family_name_native="Маркерчук",
        given_name="Ivo",
        accreditation=Accreditation(passport_number="QX9876543", nationality="UKR"),
    )
    return dataclasses.replace(data, people=[*data.people, planted])


def run(*args: str, passphrase: str | None = None, new: str | None = None, cwd: Path = ROOT):
    env = {**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "LANGUAGE": ""}
    env.pop("PYTHONPATH", None)
    env.pop("VISITPLANNER_PASSPHRASE", None)
    env.pop("VISITPLANNER_NEW_PASSPHRASE", None)
    if passphrase is not None:
        env["VISITPLANNER_PASSPHRASE"] = passphrase
    if new is not None:
        env["VISITPLANNER_NEW_PASSPHRASE"] = new
    return subprocess.run(
        [sys.executable, "-m", "visitplanner", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def _leaks(folder: Path, skip: set[Path]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path in skip:
            continue
        raw = path.read_bytes()
        hits = [m for m in MARKERS if m.encode("utf-8") in raw]
        if hits:
            found[str(path.relative_to(folder))] = hits
    return found


@pytest.fixture(autouse=True)
def _no_passphrase_kept() -> None:
    keys.forget_all()


def test_an_encrypted_visit_and_its_backups_hold_nothing_in_clear(tmp_path: Path) -> None:
    visit = tmp_path / "visit.visit"
    write_visit(visit, _planted())
    open_visit(visit).close()  # a backup in clear, from before the encryption
    assert _leaks(tmp_path, set()), "the markers must be there in clear at first"
    result = run("encrypt", str(visit), passphrase=OLD)
    assert result.returncode == 0, result.stderr
    assert OLD not in result.stdout + result.stderr
    # Opened to change it (a backup each time), checked, copied, re-keyed.
    assert run("check", str(visit), passphrase=OLD).returncode in (0, 1)
    keys.remember(visit, OLD)
    open_visit(visit).close()  # a backup, encrypted
    assert run("rekey", str(visit), passphrase=OLD, new=NEW).returncode == 0
    keys.forget_all()
    keys.remember(visit, NEW)
    open_visit(visit).close()
    backups = list(backup_folder(visit).iterdir())
    assert backups
    assert _leaks(tmp_path, set()) == {}
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(visit).execute("SELECT count(*) FROM sqlite_master").fetchone()
    for backup in backups:
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(backup).execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_wrong_or_missing_passphrase_is_one_line_and_exit_2(tmp_path: Path) -> None:
    visit = tmp_path / "visit.visit"
    write_visit(visit, build_demo(), passphrase=OLD)
    before = visit.read_bytes()
    wrong = run("export-json", str(visit), "-o", str(tmp_path / "out.json"), passphrase="nope")
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1 and "wrong passphrase" in wrong.stderr
    assert "damaged" not in wrong.stderr and "nope" not in wrong.stderr
    missing = run("export-json", str(visit), "-o", str(tmp_path / "out.json"))
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "encrypted" in missing.stderr
    assert "give its passphrase" in missing.stderr
    assert visit.read_bytes() == before
    assert not (tmp_path / "out.json").exists()


def test_a_passphrase_file_opens_it(tmp_path: Path) -> None:
    visit = tmp_path / "visit.visit"
    write_visit(visit, build_demo(), passphrase=NEW)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(NEW + "\n", encoding="utf-8")
    result = run("check", str(visit), "--passphrase-file", str(secret), passphrase="nope")
    assert result.returncode in (0, 1), result.stderr
    assert NEW not in result.stdout + result.stderr


def test_new_is_encrypted_unless_asked(tmp_path: Path) -> None:
    dates = ("--title", "Sommet", "--start", "2026-06-01", "--end", "2026-06-03")
    secret = tmp_path / "secret.visit"
    refused = run("new", str(secret), *dates)
    assert refused.returncode == 2 and "passphrase" in refused.stderr
    assert not secret.exists()
    assert run("new", str(secret), *dates, passphrase=OLD).returncode == 0
    assert not secret.read_bytes().startswith(b"SQLite format 3")
    assert run("check", str(secret), passphrase=OLD).returncode in (0, 1)
    plain = tmp_path / "plain.visit"
    assert run("new", str(plain), *dates, "--no-encryption", passphrase=OLD).returncode == 0
    assert plain.read_bytes().startswith(b"SQLite format 3")


def test_encrypt_rekey_decrypt_keep_every_entity(tmp_path: Path) -> None:
    visit = tmp_path / "visit.visit"
    write_visit(visit, _planted())

    def exported(name: str, passphrase: str | None = None, path: Path = visit) -> bytes:
        out = tmp_path / name
        result = run("export-json", str(path), "-o", str(out), passphrase=passphrase)
        assert result.returncode == 0, result.stderr
        return out.read_bytes()

    first = exported("plain.json")
    assert run("encrypt", str(visit), passphrase=OLD).returncode == 0
    assert exported("encrypted.json", OLD) == first
    rekeyed = run("rekey", str(visit), passphrase=OLD, new=NEW)
    assert rekeyed.returncode == 0, rekeyed.stderr
    assert run("check", str(visit), passphrase=OLD).returncode == 2  # the old one no more
    assert exported("rekeyed.json", NEW) == first
    clear = tmp_path / "clear.visit"
    assert run("decrypt", str(visit), "-o", str(clear), passphrase=NEW).returncode == 0
    assert clear.read_bytes().startswith(b"SQLite format 3")
    assert exported("clear.json", path=clear) == first
    again = run("decrypt", str(visit), "-o", str(clear), passphrase=NEW)
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run("decrypt", str(visit), "-o", str(visit), passphrase=NEW).returncode == 0
    assert exported("in-place.json") == first
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def _state(path: Path, passphrases: list[str]) -> str | None:
    """Which passphrase opens the file (\"\" for a plain file), checked whole; None if none."""
    if path.read_bytes()[:16] == b"SQLite format 3\x00":
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        return ""
    for passphrase in passphrases:
        key = keys.raw_key(passphrase, salt_of(path))
        try:
            conn = connect_encrypted(path, key)
        except Exception:  # noqa: BLE001 -- a wrong passphrase: try the next
            continue
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA cipher_integrity_check").fetchall() == []
        finally:
            conn.close()
        return passphrase
    return None


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_a_kill_during_encrypt_rekey_or_decrypt_leaves_the_old_file_or_the_new(
    tmp_path: Path,
) -> None:
    visit = tmp_path / "visit.visit"
    write_visit(visit, generate_summit(SummitSize.scaled(0.2)))  # long enough to be hit
    expected = run("export-json", str(visit), "-o", str(tmp_path / "first.json"))
    assert expected.returncode == 0
    # How long a whole encrypt takes: the kills land anywhere within it.
    timed = tmp_path / "timed.visit"
    write_visit(timed, generate_summit(SummitSize.scaled(0.2)))
    start = time.perf_counter()
    assert run("encrypt", str(timed), passphrase=OLD).returncode == 0
    whole = time.perf_counter() - start
    rng = random.Random(20261206)
    passphrases = [OLD, NEW]
    state = ""  # plain
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "LANGUAGE": ""}
    env.pop("PYTHONPATH", None)
    kills = 0
    for round_ in range(9):
        if state == "":
            args, old, new = ["encrypt", str(visit)], None, OLD
            env["VISITPLANNER_PASSPHRASE"] = OLD
        elif round_ % 2:
            other = NEW if state == OLD else OLD
            args, old, new = ["rekey", str(visit)], state, other
            env["VISITPLANNER_PASSPHRASE"] = state
            env["VISITPLANNER_NEW_PASSPHRASE"] = other
        else:
            args, old, new = ["decrypt", str(visit), "-o", str(visit)], state, ""
            env["VISITPLANNER_PASSPHRASE"] = state
        child = subprocess.Popen(
            [sys.executable, "-m", "visitplanner", *args],
            env=env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 1.0) * whole)
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        child.wait()
        found = _state(visit, passphrases)
        assert found in (old if old is not None else "", new), (args[0], found)
        state = found
    assert kills >= 3, "the kills should land while the work runs"
    # What the kills left beside the visit (a decryption's scratch is in clear) goes at
    # the next opening for editing.
    env["VISITPLANNER_PASSPHRASE"] = state
    subprocess.run(
        [sys.executable, "-m", "visitplanner", "undo", str(visit)],
        env=env,
        cwd=ROOT,
        check=False,
        capture_output=True,
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    env["VISITPLANNER_PASSPHRASE"] = state
    out = tmp_path / "last.json"
    subprocess.run(
        [sys.executable, "-m", "visitplanner", "export-json", str(visit), "-o", str(out)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (tmp_path / "first.json").read_bytes()
