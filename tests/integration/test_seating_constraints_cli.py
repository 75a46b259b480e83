"""`visitplanner seating --constraint` and `--propose` with constraints, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import run
from visitplanner.cli import main
from visitplanner.services.visit_files import read_visit


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    visit = tmp_path / "demo.visit"
    assert main(["demo", str(visit)]) == 0
    return visit


def test_the_demo_dinner_lists_its_constraint_kept(demo: Path) -> None:
    result = run("seating", str(demo), "Dîner de travail", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Constraints:" in result.stdout
    assert "[kept] Dmytro Tkachuk — next to — Iryna Boiko (hard)" in result.stdout


def test_a_constraint_added_then_a_proposal_that_cannot_keep_it_says_why(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["seating", str(demo), "Dîner de travail", "--lang", "en"]
    assert main([*args, "--constraint", "other-table:Kalmykova,Rufo", "--propose"]) == 0
    out = capsys.readouterr().out
    assert "Constraint added: Natalia Kalmykova — not at the same table — Alice Rufo (hard)" in out
    assert "Cannot keep a hard constraint: Natalia Kalmykova (seat" in out
    assert "are at the same table" in out
    assert "[not kept] Natalia Kalmykova — not at the same table — Alice Rufo (hard)" in out
    assert "error: [seating-constraint]" in out
    assert len(read_visit(demo).seating_constraints) == 2


def test_an_interpreter_behind_is_listed_behind_without_a_seat(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["seating", str(demo), "Dîner de travail", "--lang", "en"]
    behind = "interpreter-behind:Shevchuk,Kalmykova"
    assert main([*args, "--constraint", behind, "--propose"]) == 0
    out = capsys.readouterr().out
    assert "Olena SHEVCHUK: behind Natalia KALMYKOVA, without a seat" in out
    assert "No seat:" not in out


def test_a_wrong_constraint_is_refused_with_one_line(demo: Path) -> None:
    result = run("seating", str(demo), "Dîner de travail", "--constraint", "beside:Kalmykova,Rufo")
    assert result.returncode == 2
    assert "not a seating constraint" in result.stderr and "Traceback" not in result.stderr
