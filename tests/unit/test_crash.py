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
