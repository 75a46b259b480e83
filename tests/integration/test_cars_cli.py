"""`visitplanner cars` end to end on the demo: a movement's cars listed seat by seat,
proposed and saved, bad input refused on one line with exit status 2."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.integration.test_cli import run
from visitplanner.cli import main
from visitplanner.demo.common import event_id, person_id
from visitplanner.services.visit_files import read_visit

ARC_BACK = "Arc de Triomphe → hôtel"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    visit = tmp_path / "demo.visit"
    assert main(["demo", str(visit)]) == 0
    return visit


def test_a_movement_is_listed_car_by_car_seat_by_seat(demo: Path) -> None:
    before = hashlib.sha256(demo.read_bytes()).hexdigest()
    result = run("cars", str(demo), "--event", ARC_BACK, "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Transfer Arc de Triomphe → hotel — 19:20"
    # The car's name in the language asked for.
    assert "2. Minister’s car (GJ-508-LM, Stéphane ROUX, +33 6 39 98 40 02)" in lines
    assert "  rear right           Natalia KALMYKOVA" in lines
    assert "  seat 1               Andrii KOVALENKO" in lines
    assert "No car" not in result.stdout
    assert hashlib.sha256(demo.read_bytes()).hexdigest() == before


def test_every_transfer_is_listed_with_its_seats(demo: Path) -> None:
    result = run("cars", str(demo))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 15
    assert f"{event_id('transfer-arc-hotel')}  08/05 19:20" in result.stdout


def test_propose_seats_those_without_a_car_and_replace_makes_it_again(demo: Path) -> None:
    def minister_seat() -> tuple[str, str]:
        found = next(
            a
            for a in read_visit(demo).car_assignments
            if a.event_id == event_id("transfer-arc-hotel")
            and a.person_id == person_id("kalmykova")
        )
        return found.vehicle_id, found.seat.value

    kept = minister_seat()
    result = run("cars", str(demo), "--event", ARC_BACK, "--propose", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Everyone already has a car: nothing changed." in result.stdout
    assert minister_seat() == kept
    result = run("cars", str(demo), "--event", ARC_BACK, "--propose", "--replace", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Car plan proposed and saved." in result.stdout
    assert minister_seat() != kept  # the lead car now, rear right
    assert minister_seat()[1] == "rear_right"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--event", "no such event"), "no event named “no such event”"),
        (
            ("--event", "Cérémonie commémorative"),
            "is not a transfer: only transfers have a car plan",
        ),
        (("--event", ARC_BACK, "--replace"), "--replace goes with --propose"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    demo: Path, arguments: tuple[str, ...], message: str
) -> None:
    before = hashlib.sha256(demo.read_bytes()).hexdigest()
    result = run("cars", str(demo), *arguments, "--lang", "en")
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert hashlib.sha256(demo.read_bytes()).hexdigest() == before
