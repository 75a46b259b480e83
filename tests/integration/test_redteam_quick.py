"""A few of the red-team attacks (`benchmarks/redteam.py`), run through the script's own
functions so that it cannot rot: each must end clean (done right, or refused in one line
with the visit unchanged)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import redteam  # noqa: E402 - the script under test

#: Some forty runs of the command line: about a minute and a half on two cores.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> redteam.Lab:
    return redteam.Lab(tmp_path_factory.mktemp("redteam"))


def _not_clean(attacks: list[redteam.Attack]) -> list[str]:
    return [f"[{a.verdict}] {a.name}: {a.detail}" for a in attacks if a.verdict != "clean"]


def test_an_export_aimed_at_the_visit_or_a_backup_is_refused(lab: redteam.Lab) -> None:
    attacks = redteam.outputs(lab, quick=True)
    assert len(attacks) >= 20
    assert not _not_clean(attacks)


def test_refused_exports_keep_the_older_backups(lab: redteam.Lab) -> None:
    assert not _not_clean(redteam.backups(lab, quick=True))


def test_a_newer_or_foreign_file_is_refused_by_a_reading_and_a_writing_command(
    lab: redteam.Lab,
) -> None:
    attacks = redteam.bad_visit_files(lab, quick=True)
    assert not _not_clean(attacks)


def test_absurd_calendar_dates_are_refused_with_their_line(lab: redteam.Lab) -> None:
    assert not _not_clean(redteam.absurd_dates(lab, quick=True))


def test_a_harmful_outcome_is_not_called_clean(lab: redteam.Lab, tmp_path: Path) -> None:
    # The judge itself: an "export" that replaced the visit counts as lost.
    visit = lab.visit("judge")
    run = redteam.run_keeping(lab, [visit], "check", str(visit))
    visit.write_bytes(b"not a visit any more")
    run.code = 0
    attack = redteam.judge("t", "replaced", run, kept=[visit], refuse=True)
    assert attack.verdict == "lost"
    run.stderr = "visitplanner: internal error (KeyError)"
    assert redteam.judge("t", "bug", run).verdict == "internal"
