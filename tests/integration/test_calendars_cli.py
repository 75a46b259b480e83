"""The calendar commands end to end: export-ics and import-ics as a script runs them."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import run
from visitplanner.services.visit_files import read_visit

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"


def test_export_every_scope_then_import_back(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert run("demo", str(visit)).returncode == 0
    whole = run("export-ics", str(visit), "-o", str(tmp_path / "all.ics"), "--lang", "uk")
    assert whole.returncode == 0, whole.stderr
    assert "(events: 30," in whole.stdout
    person = run(
        "export-ics",
        str(visit),
        "-o",
        str(tmp_path / "p.ics"),
        "--person",
        "Калмикова",
        "--alarm",
        "15",
        "--drafts",
    )
    assert person.returncode == 0, person.stderr
    assert "TRIGGER:-PT15M" in (tmp_path / "p.ics").read_text(encoding="utf-8")
    group = run("export-ics", str(visit), "-o", str(tmp_path / "d.ics"), "--delegation", "ukrain")
    assert group.returncode == 0, group.stderr
    per = run("export-ics", str(visit), "--per-person", "-o", str(tmp_path / "people"))
    assert per.returncode == 0, per.stderr
    assert len(list((tmp_path / "people").glob("*.ics"))) > 20
    back = run("import-ics", str(visit), str(tmp_path / "all.ics"))
    assert back.returncode == 0, back.stderr
    assert "Events added: 0, updated: 0, skipped: 30." in back.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert run("demo", str(visit)).returncode == 0
    before = read_visit(visit)
    broken = tmp_path / "broken.ics"
    broken.write_bytes(b"<html><body>Session expired</body></html>\r\n")
    result = run("import-ics", str(visit), str(broken))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "visitplanner: broken.ics, line 1: not a calendar file "
        "(it does not start with BEGIN:VCALENDAR)"
    )
    assert read_visit(visit) == before  # the visit is untouched
    for args in (
        ["--person", "Nobody at all"],
        ["--per-person", "--person", "Kalmykova"],
        ["--alarm", "soon"],
    ):
        result = run("export-ics", str(visit), "-o", str(tmp_path / "x.ics"), *args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_import_brings_what_can_be_read_and_counts_each_kind_of_skip(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert run("demo", str(visit)).returncode == 0
    before = len(read_visit(visit).events)
    text = (DATA / "exchange.ics").read_bytes()
    text = text.replace(b"TZID=UTC+11:", b"TZID=Pacific Local Time:")  # defined nowhere
    text = text.replace(b"END:VCALENDAR\r\n", b"END:VCALENDAR\r\nX-CACHED:1\r\n")
    calendar = tmp_path / "exchange.ics"
    calendar.write_bytes(text)
    result = run("import-ics", str(visit), str(calendar))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "skipped (line 108): Appel avec Nouméa: unknown time zone “Pacific Local Time”" in lines
    assert "skipped (line 113): X-CACHED:1: a property after the end of the calendar" in lines
    assert "Events added: 4, updated: 0, skipped: 2." in lines
    assert lines[-1] == "Skipped: lines that cannot be read: 1, unknown time zone: 1."
    assert len(read_visit(visit).events) == before + 4
    for name in ("lotus-notes.ics", "apple.ics", "thunderbird.ics", "google.ics", "nextcloud.ics"):
        result = run("import-ics", str(visit), str(DATA / name))
        assert result.returncode == 0, (name, result.stderr)
        assert "updated: 0," in result.stdout
    assert len(read_visit(visit).events) == before + 4 + 4 + 2 + 2 + 3 + 4
