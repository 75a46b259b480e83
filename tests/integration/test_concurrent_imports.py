"""Two or three imports of the same roster at once give what one after the other gives:
each matches the visit under the file's write lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from visitplanner.cli import main
from visitplanner.demo import build_demo
from visitplanner.services.visit_files import read_visit, write_visit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_roster import sheet_rows, write_csv  # noqa: E402 - the benchmark's generator


def _start(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "LANGUAGE": ""}
    env["VISITPLANNER_CONFIG_DIR"] = str(tmp_path / "config")
    env.pop("PYTHONPATH", None)
    return subprocess.Popen(
        [sys.executable, "-m", "visitplanner", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.parametrize("round_", range(10))
def test_imports_of_one_roster_at_once_add_its_people_once(tmp_path: Path, round_: int) -> None:
    at_once = 2 if round_ % 2 else 3
    sheet = tmp_path / "roster.csv"
    write_csv(sheet, sheet_rows(150, seed=round_))
    visit = tmp_path / "v.visit"
    write_visit(visit, build_demo())
    before = len(read_visit(visit).people)
    runs = [_start(tmp_path, "import-roster", str(visit), str(sheet)) for _ in range(at_once)]
    for child in runs:
        _out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    after = read_visit(visit)
    assert len(after.people) == before + 150
    assert len({p.id for p in after.people}) == len(after.people)
    # One import added them; the others found them all there already.
    assert main(["history", str(visit), "--json"]) == 0


def test_two_calendar_imports_at_once_add_each_event_once(tmp_path: Path) -> None:
    visit = tmp_path / "v.visit"
    write_visit(visit, build_demo())
    calendar = tmp_path / "ministere.ics"
    events = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:ministere-{n}\r\n"
        f"DTSTART;TZID=Europe/Paris:2026050{6 + n % 3}T1{n % 10}0000\r\n"
        f"DTEND;TZID=Europe/Paris:2026050{6 + n % 3}T1{n % 10}3000\r\n"
        f"SUMMARY:Point de situation {n}\r\n"
        "END:VEVENT\r\n"
        for n in range(20)
    )
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Ministere//FR\r\n"
        + events
        + "END:VCALENDAR\r\n"
    )
    before = len(read_visit(visit).events)
    runs = [_start(tmp_path, "import-ics", str(visit), str(calendar)) for _ in range(2)]
    for child in runs:
        _out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    assert len(read_visit(visit).events) == before + 20
