"""Killing the application mid-edit loses at most the edit in flight, never half of one."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.crash_child import kill_at_random_moments
from tests.factories import small_visit
from visitplanner.services.visit_files import write_visit

#: Kills per run of the test; `benchmarks/crash.py --kills 1000` is the long mode.
ROUNDS = 50


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_at_random_moments_loses_no_committed_edit(tmp_path: Path) -> None:
    path = tmp_path / "crash.visit"
    write_visit(path, small_visit())
    tally = kill_at_random_moments(path, ROUNDS)
    assert tally.integrity_ok == ROUNDS
    assert not tally.lost, f"committed edits lost: {tally.lost[:5]}"
    assert not tally.halves, f"half-written multi-row edits: {tally.halves}"
    assert tally.committed > ROUNDS, "the child should commit many edits in all"


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
def test_sigkill_on_an_encrypted_visit_loses_no_committed_edit(tmp_path: Path) -> None:
    # Fewer rounds: each child derives the key (SQLCipher's 256,000 iterations) first.
    rounds = 15
    path = tmp_path / "crash.visit"
    write_visit(path, small_visit(), passphrase="crash test")
    tally = kill_at_random_moments(path, rounds, passphrase="crash test", longest_pause=0.3)
    assert tally.integrity_ok == rounds
    assert not tally.lost, f"committed edits lost: {tally.lost[:5]}"
    assert not tally.halves, f"half-written multi-row edits: {tally.halves}"
    assert tally.committed > rounds, "the child should commit many edits in all"


def test_a_crash_report_tells_where_the_code_failed_without_the_visits_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    from visitplanner import crashlog

    monkeypatch.setattr(crashlog, "log_folder", lambda: tmp_path / "logs")

    # The visit's values reach the code as data, never as its source lines.
    name, phone = "".join(["Калми", "кова"]), "+380 44 " + "000 10 01"
    full = " ".join(["Natalia", "Kalmykova"])

    def lookup() -> None:
        people = {"Kalmykova": phone}
        try:
            people[name]
        except KeyError as exc:
            raise ValueError(f"no phone for '{full}' ({phone})") from exc

    try:
        lookup()
    except ValueError as exc:
        report = crashlog.write_crash_report(exc)
    assert report is not None
    text = report.read_text(encoding="utf-8")
    assert "in lookup" in text and "ValueError" in text and "KeyError" in text
    for secret in ("Калмикова", "Natalia Kalmykova", "000 10 01"):
        assert secret not in text
    assert "KeyError: <11 characters>" in text  # the Cyrillic key, quoted, by its length
    if os.name == "posix":
        assert stat.S_IMODE(report.stat().st_mode) == 0o600


def test_a_crash_report_keeps_no_name_even_unquoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names a message carries bare (a layout error quoting a paragraph, a key), in
    capitals, e-mail addresses and the home folder are gone; the program's words stay."""
    from visitplanner import crashlog

    monkeypatch.setattr(crashlog, "log_folder", lambda: tmp_path / "logs")
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: Path("/home/ivan.petrenko")))
    message = (
        "Flowable <Paragraph> Ivan PETRENKO, Deputy Minister (ivan.petrenko@mva.gov.example) "
        "too large on page 5 in frame /home/ivan.petrenko/visits/paris.visit; LayoutError "
        "in family_name of 3000 utf8 characters"
    )
    try:
        raise RuntimeError(message)
    except RuntimeError as exc:
        report = crashlog.write_crash_report(exc)
    assert report is not None
    last = report.read_text(encoding="utf-8").splitlines()[-1]
    for secret in ("Ivan", "PETRENKO", "Deputy", "Minister", "ivan.petrenko", "paris", "home"):
        assert secret not in last
    for kept in ("too large on page 5", "LayoutError", "family_name", "utf8"):
        assert kept in last
    assert last.startswith("builtins.RuntimeError: ")


def test_an_internal_error_says_where_its_report_is_and_what_it_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from visitplanner import cli, crashlog

    monkeypatch.setattr(crashlog, "log_folder", lambda: tmp_path / "logs")

    def broken(_args: object) -> int:
        raise RuntimeError("Olena Kovalenko has no seat")

    from visitplanner.commands import check

    monkeypatch.setattr(check, "_check", broken)
    assert cli.main(["check", str(tmp_path / "any.visit")]) == 2
    err = capsys.readouterr().err
    assert "Olena" not in err and "Kovalenko" not in err
    assert "has no seat" in err
    assert str(tmp_path / "logs") in err
    assert "without the visit's names or values" in err
