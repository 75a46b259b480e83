"""`visitplanner seating` and `visitplanner ceremony` end to end on the demo."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_cli import run
from tests.pdfread import read_pdf
from visitplanner.cli import main
from visitplanner.domain.arrangements import SeatingStrategy
from visitplanner.services.visit_files import read_visit


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    visit = tmp_path / "demo.visit"
    assert main(["demo", str(visit)]) == 0
    return visit


def test_seating_prints_the_demo_dinner_seat_by_seat(demo: Path) -> None:
    result = run("seating", str(demo), "Dîner de travail", "--lang", "en")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Working dinner of the two delegations"
    kalmykova = next(line for line in lines if "KALMYKOVA" in line)
    rufo = next(line for line in lines if "RUFO" in line)
    assert "north side 4" in kalmykova and "south side 4" in rufo
    assert "Errors: 0, warnings: 0." in result.stdout


def test_propose_saves_and_a_locked_seat_stays(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["seating", str(demo), "Dîner de travail", "--propose", "--strategy", "official"]) == 0
    )
    assert "proposed and saved" in capsys.readouterr().out
    dinner = next(e for e in read_visit(demo).events if e.seating)
    assert dinner.seating is not None and dinner.seating.strategy is SeatingStrategy.OFFICIAL
    assert main(["seating", str(demo), "Dîner de travail", "--lang", "en"]) == 0
    assert "official meal" in capsys.readouterr().out


def test_propose_with_tables_of_the_room(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [
        "seating",
        str(demo),
        "Dîner de travail",
        "--propose",
        "--tables",
        "head:5,round:6,round:6",
        "--lang",
        "en",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "head table, seats: 5" in out and out.count("round table, seats: 6") == 2


def test_seating_writes_place_cards_and_chart(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "cards.pdf"
    result = run("seating", str(demo), "Dîner de travail", "-o", str(pdf), "--lang", "uk")
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_seating_prints_the_room_to_scale_and_table_cards(demo: Path, tmp_path: Path) -> None:
    plan, cards = tmp_path / "plan.pdf", tmp_path / "tables.pdf"
    result = run(
        "seating",
        str(demo),
        "Dîner de travail",
        "--print-plan",
        str(plan),
        "--paper",
        "a3",
        "--per-table",
        "--table-cards",
        str(cards),
        "--lang",
        "en",
    )
    assert result.returncode == 0, result.stderr
    assert "Plan of the room written" in result.stdout and "Table cards written" in result.stdout
    text = read_pdf(plan.read_bytes())
    assert "Scale 1:" in text.page_text(1) and "for the caterer" in text.text
    assert "Dietary needs" not in text.text  # shareable unless asked
    assert (
        read_pdf(cards.read_bytes()).pages[0].count("Table of honour") == 2
    )  # in the cards' language


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Nothing like it"], "no event named"),
        (["Dîner de travail", "--tables", "square:4"], "not a table"),
        (["Dîner de travail", "-o", "cards.txt"], ".pdf"),
        (["Dîner de travail", "--strategy", "buffet"], "invalid choice"),
        (["Dîner de travail", "--print-plan", "plan.txt"], ".pdf"),
        (["Dîner de travail", "--print-plan", "p.pdf", "--paper", "a5"], "invalid choice"),
        (["Dîner de travail", "--per-table"], "--print-plan"),
        (["Dîner de travail", "--table-cards", "cards.odt"], ".pdf"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(demo: Path, args: list[str], message: str) -> None:
    result = run("seating", str(demo), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_ceremony_template_and_placement_diagram(demo: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "ceremony.pdf"
    result = run("ceremony", str(demo), "8 Mai", "--template", "--replace", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert ("Sonnerie aux morts" in out and "Arrival of" in out) or "Arrivée de" in out
    assert out.index("La Marseillaise") > out.index("Ukraine")
    assert "Errors: 0, warnings: 0." in out
    assert pdf.read_bytes().startswith(b"%PDF")
    assert run("check", str(demo)).returncode == 0


def _ceremony(visit: Path) -> list[str]:
    """The demo ceremony's running order as saved, line by line (French actions)."""
    event = next(e for e in read_visit(visit).events if e.title.fr.startswith("Cérémonie"))
    return [line.action.fr for line in sorted(event.running_order, key=lambda i: i.at)]


def test_the_template_never_replaces_a_written_running_order_unasked(demo: Path) -> None:
    written = _ceremony(demo)
    assert len(written) == 18 and "Ravivage de la Flamme" in written
    result = run("ceremony", str(demo), "8 Mai", "--template", "--lang", "en")
    assert result.returncode == 2
    assert "already has a running order of 18 lines" in result.stderr
    assert "--replace" in result.stderr and "Traceback" not in result.stderr
    assert _ceremony(demo) == written

    result = run("ceremony", str(demo), "8 Mai", "--template", "--replace")
    assert result.returncode == 0, result.stderr
    replaced = _ceremony(demo)
    assert replaced != written and "Ravivage de la Flamme" not in replaced

    # One undo brings the officer's running order back.
    assert run("undo", str(demo)).returncode == 0
    assert _ceremony(demo) == written


def test_the_demo_checks_clean(demo: Path) -> None:
    result = run("check", str(demo))
    assert result.returncode == 0
    assert "Errors: 0, warnings: 0." in result.stdout
