"""`-o -` writes the file to standard output where its format allows it; what the
command says goes to standard error, so a pipe receives nothing but the file."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.cli_process import run_visitplanner
from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.domain.errors import InputError
from visitplanner.services.visit_files import open_visit, save_copy, write_visit

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return run_visitplanner(*args, cwd=cwd, lang="C.UTF-8", binary=True)


@pytest.fixture
def visit(tmp_path: Path) -> Path:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    return path


def test_json_calendar_and_roster_go_to_a_pipe_whole(visit: Path, tmp_path: Path) -> None:
    done = _run("export-json", str(visit), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0
    assert json.loads(done.stdout)["format"] == "visitplanner-visit"
    assert b"standard output" in done.stderr
    written = _run("export-json", str(visit), "-o", "visit.json", cwd=tmp_path)
    assert written.returncode == 0 and (tmp_path / "visit.json").read_bytes() == done.stdout

    calendar = _run("export-ics", str(visit), "-o", "-", cwd=tmp_path)
    assert calendar.returncode == 0
    events = Calendar.from_ical(calendar.stdout).walk("VEVENT")
    assert len(events) == 30

    roster = _run("export-roster", str(visit), "-o", "-", cwd=tmp_path)
    assert roster.returncode == 0
    lines = roster.stdout.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Délégation") and len(lines) == 30
    assert not (tmp_path / "-").exists()


def test_a_pdf_goes_to_a_redirected_standard_output(visit: Path, tmp_path: Path) -> None:
    done = _run("briefing", str(visit), "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")
    assert any("Programme" in page for page in read_pdf(done.stdout).pages)


def test_what_cannot_go_to_standard_output_is_refused_in_one_line(
    visit: Path, tmp_path: Path
) -> None:
    for args, reason in (
        (("export-ics", str(visit), "--per-person", "-o", "-"), b"give a folder"),
        (("demo", "-"), b"cannot be written to standard output"),
        (("import-json", str(tmp_path / "none.json"), "-o", "-"), b"standard output"),
    ):
        done = _run(*args, cwd=tmp_path)
        assert done.returncode == 2, args
        assert reason in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
        assert done.stdout == b""
    assert not (tmp_path / "-").exists()
    session = open_visit(visit)
    try:
        with pytest.raises(InputError, match="standard output"):
            save_copy(session, Path("-"))
    finally:
        session.close()


def test_place_cards_go_to_a_pipe_and_the_plan_to_standard_error(
    visit: Path, tmp_path: Path
) -> None:
    done = _run("seating", str(visit), "Dîner de travail", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")
    assert "KALMYKOVA" in done.stderr.decode() and b"standard output" in done.stderr
