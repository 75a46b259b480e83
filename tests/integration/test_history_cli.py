"""history, undo and redo from the command line: the same journal as the window's Edit menu."""

from __future__ import annotations

import getpass
import json
import socket
import sqlite3
from pathlib import Path

import pytest

from visitplanner.cli import main
from visitplanner.demo import build_demo
from visitplanner.services.visit_files import read_visit, write_visit


def _propose(path: Path) -> list[str]:
    return ["seating", str(path), "Dîner de travail", "--propose", "--strategy", "official"]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    return path


def _dinner_seats(path: Path) -> list[str | None]:
    dinner = next(e for e in read_visit(path).events if e.seating is not None)
    assert dinner.seating is not None
    return [seat.person_id for table in dinner.seating.tables for seat in table.seats]


def test_history_lists_a_command_line_edit_and_undo_takes_it_back(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["history", str(demo)]) == 0
    assert "No change has been made" in capsys.readouterr().out
    seats = _dinner_seats(demo)
    assert main(_propose(demo)) == 0
    assert _dinner_seats(demo) != seats
    capsys.readouterr()

    assert main(["history", str(demo)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 1 and "command line" in listing[0]
    # Who made it, on which machine: the computer's user for a visit not shared.
    assert f"{getpass.getuser()} on {socket.gethostname()}, command line" in listing[0]

    assert main(["undo", str(demo)]) == 0
    assert capsys.readouterr().out.startswith("Undone: ")
    assert _dinner_seats(demo) == seats

    assert main(["history", str(demo), "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["state"] == "undone" and entry["program"] == "command line"
    assert entry["officer"] == getpass.getuser() and entry["machine"] == socket.gethostname()

    assert main(["redo", str(demo)]) == 0
    assert capsys.readouterr().out.startswith("Redone: ")
    assert _dinner_seats(demo) != seats


def test_undo_with_nothing_to_undo_says_so_in_one_line(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo.read_bytes()
    assert main(["undo", str(demo)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "visitplanner: nothing to undo"
    assert main(["redo", str(demo)]) == 2
    assert "nothing to redo" in capsys.readouterr().err
    assert demo.read_bytes() == before


def test_history_of_a_file_that_is_not_a_visit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "notes.visit"
    bogus.write_text("shopping list")
    assert main(["history", str(bogus)]) == 2
    assert "not a VisitPlanner visit file" in capsys.readouterr().err


def test_entries_of_a_file_older_than_the_officers_name_name_no_one(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_propose(demo)) == 0
    conn = sqlite3.connect(demo)
    conn.execute("ALTER TABLE journal DROP COLUMN officer")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0021_journal_officer'")
    (count,) = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()
    conn.execute(f"PRAGMA user_version = {count}")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["history", str(demo)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.endswith(f"— command line, {socket.gethostname()}")
    # Read-only, the file was not migrated; the next edit migrates it and names its officer.
    assert main(["precedence", str(demo), "--guest-placement", "after_host"]) == 0
    capsys.readouterr()
    assert main(["history", str(demo), "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [e["officer"] for e in entries] == [getpass.getuser(), ""]
