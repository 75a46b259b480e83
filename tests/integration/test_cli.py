"""The command line end to end, as a script or an officer would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_process import run_visitplanner
from visitplanner.cli import main
from visitplanner.services.visit_files import read_visit

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, lang: str = "en_GB.UTF-8") -> subprocess.CompletedProcess[str]:
    """Run `visitplanner ARGS` in a child process, as from a shell."""
    env = {**os.environ, "LANG": lang, "LC_ALL": lang, "LANGUAGE": ""}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-m", "visitplanner", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("VisitPlanner ")


def test_demo_then_json_round_trip(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert run("demo", str(visit)).returncode == 0
    first = tmp_path / "first.json"
    assert run("export-json", str(visit), "-o", str(first)).returncode == 0
    again = tmp_path / "again.visit"
    assert run("import-json", str(first), "-o", str(again)).returncode == 0
    second = tmp_path / "second.json"
    assert run("export-json", str(again), "-o", str(second)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    text = first.read_text(encoding="utf-8")
    assert "Калмикова" in text
    assert read_visit(again) == read_visit(visit)


def test_new_makes_an_empty_visit(tmp_path: Path) -> None:
    visit = tmp_path / "summit.visit"
    result = run(
        "new",
        str(visit),
        "--title",
        "Sommet à Kyiv",
        "--start",
        "2026-06-01",
        "--end",
        "2026-06-03",
        "--tz",
        "Europe/Kyiv",
        "--no-encryption",
    )
    assert result.returncode == 0, result.stderr
    data = read_visit(visit)
    assert data.visit.title.get("fr") == "Sommet à Kyiv"
    assert data.visit.tz == "Europe/Kyiv"
    assert not data.events


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["new", "X.visit", "--title", "T", "--start", "2026-13-01", "--end", "2026-06-03"],
            "not a date",
        ),
        (
            ["new", "X.visit", "--title", "T", "--start", "2026-06-04", "--end", "2026-06-03"],
            "before",
        ),
        (
            [
                "new",
                "X.visit",
                "--title",
                "T",
                "--start",
                "2026-06-01",
                "--end",
                "2026-06-03",
                "--tz",
                "Mars/Olympus",
            ],
            "unknown time zone",
        ),
        (["export-json", "absent.visit", "-o", "out.json"], "no such file"),
        (["import-json", "absent.json", "-o", "new.visit"], "absent.json"),
        (["frobnicate"], "invalid choice"),
        (["new", "X.visit"], "required"),
    ],
    ids=[
        "bad date",
        "end before start",
        "unknown zone",
        "missing visit",
        "missing json",
        "unknown command",
        "missing option",
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    result = run_visitplanner(*args, cwd=tmp_path, lang="C.UTF-8")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_a_file_that_is_not_a_visit_is_refused_and_kept(tmp_path: Path) -> None:
    notes = tmp_path / "notes.visit"
    notes.write_text("Ceci n'est pas une visite.\n", encoding="utf-8")
    result = run("export-json", str(notes), "-o", str(tmp_path / "out.json"))
    assert result.returncode == 2
    assert "not a VisitPlanner visit file" in result.stderr
    assert notes.read_text(encoding="utf-8") == "Ceci n'est pas une visite.\n"
    assert not (tmp_path / "out.json").exists()


def test_a_broken_json_file_names_the_problem_and_writes_no_visit(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "visitplanner-visit", "version": 1,', encoding="utf-8")
    target = tmp_path / "never.visit"
    result = run("import-json", str(broken), "-o", str(target))
    assert result.returncode == 2
    assert "line 1" in result.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["broken.json"]


def test_demo_refuses_to_overwrite_a_visit(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert main(["demo", str(visit)]) == 0
    before = visit.read_bytes()
    assert main(["demo", str(visit)]) == 2
    assert visit.read_bytes() == before


def test_messages_follow_the_language_of_the_environment(tmp_path: Path) -> None:
    result = run("export-json", str(tmp_path / "absent.visit"), "-o", "x.json", lang="fr_FR.UTF-8")
    assert result.returncode == 2
    assert "fichier" in result.stderr  # "aucun fichier de ce nom"
    result = run("export-json", str(tmp_path / "absent.visit"), "-o", "x.json", lang="uk_UA.UTF-8")
    assert "файл" in result.stderr


def test_exported_json_names_its_format(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    main(["demo", str(visit)])
    out = tmp_path / "demo.json"
    assert main(["export-json", str(visit), "-o", str(out)]) == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "visitplanner-visit"
    assert document["version"] >= 1


def test_check_passes_the_demo_and_fails_a_double_booking(tmp_path: Path) -> None:
    import copy

    from visitplanner.demo import build_demo
    from visitplanner.services.visit_files import write_visit

    visit = tmp_path / "demo.visit"
    main(["demo", str(visit)])
    result = run("check", str(visit))
    assert result.returncode == 0, result.stdout
    assert "Errors: 0, warnings: 0." in result.stdout

    data = build_demo()
    ceremony = next(e for e in data.events if e.kind.value == "ceremony")
    clash = copy.deepcopy(ceremony)
    clash.id = "00000000-0000-4000-8000-000000000001"
    clash.running_order = []
    clash.wreaths, clash.placement = [], []  # their ids are the ceremony's own
    data.events.append(clash)
    broken = tmp_path / "broken.visit"
    write_visit(broken, data)
    result = run("check", str(broken), "--json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["errors"] >= 1
    kinds = {f["kind"] for f in document["findings"]}
    assert {"person-overlap", "venue-double-booked"} <= kinds
    overlap = next(f for f in document["findings"] if f["kind"] == "person-overlap")
    assert set(overlap["events"]) == {ceremony.id, clash.id}


def test_each_command_loads_only_its_own_module() -> None:
    """The table the command line starts from names every command its module adds, so
    `--version` loads no command and `check` none of the PDF or calendar libraries."""
    import subprocess
    import sys

    from visitplanner import cli

    for module, names in cli.COMMANDS.items():
        parser = cli.build_parser((module,))
        subparsers = next(a for a in parser._actions if a.dest == "command")
        assert tuple(n for n in subparsers.choices if n != "gui") == names, module
        for name in names:
            assert cli.modules_for([name, "x.visit"]) == (module,)
    assert cli.modules_for(["--version"]) == ()
    assert cli.modules_for([]) == ()
    assert cli.modules_for(["--help"]) == cli.COMMAND_MODULES
    assert cli.modules_for(["nope"]) == cli.COMMAND_MODULES
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from visitplanner.cli import main\n"
            "try:\n    main(['check', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for heavy in ("reportlab", "icalendar", "openpyxl", "PySide6"):
        assert heavy not in loaded, heavy
