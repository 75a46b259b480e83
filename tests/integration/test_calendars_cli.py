"""The calendar commands end to end: export-ics and import-ics as a script runs them."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import run
from visitplanner.services.visit_files import read_visit


def test_export_every_scope_then_import_back(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert run("demo", str(visit)).returncode == 0
    whole = run("export-ics", str(visit), "-o", str(tmp_path / "all.ics"), "--lang", "uk")
    assert whole.returncode == 0, whole.stderr
    assert "30 events" in whole.stdout
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
    assert "0 events added, 0 updated, 30 skipped." in back.stdout


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert run("demo", str(visit)).returncode == 0
    before = read_visit(visit)
    broken = tmp_path / "broken.ics"
    broken.write_bytes(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;TZID=Nowhere:20260507T090000\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    result = run("import-ics", str(visit), str(broken))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "visitplanner: broken.ics, line 3: unknown time zone “Nowhere”"
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
