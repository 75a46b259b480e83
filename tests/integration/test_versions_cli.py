"""The version commands end to end: version, changes (text, JSON, PDF), send-updates,
briefing --changes-since, and the bad input cases."""

from __future__ import annotations

import json
from pathlib import Path

from tests.factories import small_visit
from tests.integration.test_cli import run
from visitplanner.domain.values import EventStatus
from visitplanner.services.visit_files import write_visit


def _visit(tmp_path: Path) -> Path:
    data = small_visit()
    for event in data.events:
        event.status = EventStatus.CONFIRMED
    for person in data.people:
        person.duty_email = f"p{len(person.family_name)}@example.org"
    path = tmp_path / "v.visit"
    write_visit(path, data)
    return path


def test_a_version_then_its_changes_then_the_updates(tmp_path: Path) -> None:
    visit = _visit(tmp_path)
    done = run("version", str(visit), "--note", "for the embassy")
    assert done.returncode == 0 and "Programme version 1 issued" in done.stdout
    done = run("changes", str(visit), "--lang", "en")
    assert done.returncode == 0 and "Nothing changed." in done.stdout
    done = run("changes", str(visit), "--since", "1", "--json")
    assert json.loads(done.stdout)["added"] == []
    pdf = tmp_path / "changes.pdf"
    done = run("changes", str(visit), "-o", str(pdf))
    assert done.returncode == 0 and pdf.read_bytes().startswith(b"%PDF")
    out = tmp_path / "updates"
    done = run("send-updates", str(visit), "--since", "1", "-o", str(out))
    assert done.returncode == 0 and "0 update messages" in done.stdout
    book = tmp_path / "book.pdf"
    done = run("briefing", str(visit), "-o", str(book), "--changes-since", "1")
    assert done.returncode == 0 and book.exists()


def test_bad_versions_are_one_line_errors(tmp_path: Path) -> None:
    visit = _visit(tmp_path)
    done = run("changes", str(visit))
    assert done.returncode == 2 and "no programme version has been issued yet" in done.stderr
    assert "Traceback" not in done.stderr
    run("version", str(visit))
    done = run("changes", str(visit), "--since", "3")
    assert done.returncode == 2 and "no programme version 3" in done.stderr
    done = run("changes", str(visit), "--since", "zero")
    assert done.returncode == 2 and "not a version number" in done.stderr
    done = run("send-updates", str(visit), "-o", str(tmp_path / "u"))
    assert done.returncode == 2 and "--since" in done.stderr


def test_send_updates_on_the_demo_lists_who_must_be_reached_by_hand(tmp_path: Path) -> None:
    """The ceremony moves: the four veterans, who have no e-mail address, are named with
    their folder, where a calendar and a one-page notice wait; index.csv lists everyone."""
    from datetime import timedelta

    from tests.pdfread import read_pdf
    from visitplanner.demo import build_demo
    from visitplanner.services.visit_files import read_visit

    visit = tmp_path / "demo.visit"
    write_visit(visit, build_demo())
    assert run("version", str(visit)).returncode == 0
    data = read_visit(visit)
    veterans = [p for p in data.people if p.role == "veteran"]
    assert len(veterans) == 4 and not any(p.duty_email for p in veterans)
    event = next(e for e in data.events if all(p.id in e.participant_ids for p in veterans))
    event.start += timedelta(minutes=30)
    event.end += timedelta(minutes=30)
    edited = tmp_path / "edited.visit"
    write_visit(edited, data)
    out = tmp_path / "updates"
    done = run("send-updates", str(edited), "--since", "1", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "To reach by hand" in done.stdout
    for veteran in veterans:
        (line,) = [x for x in done.stdout.splitlines() if veteran.display_name() in x]
        assert "no duty e-mail address" in line
        folder = Path(line.rsplit("(", 1)[1].rstrip(")"))
        assert folder.parent == out and folder.name.endswith(veteran.id[:8])
        (notice,) = folder.glob("*.pdf")
        pdf = read_pdf(notice.read_bytes())
        assert len(pdf.pages) == 1
        assert event.title.get("uk") in pdf.text  # in the veteran's own language
        assert list(notice.parent.glob("*.ics"))
    assert str(out / "index.csv") in done.stdout
    index = (out / "index.csv").read_text(encoding="utf-8-sig")
    assert all(v.display_name() in index for v in veterans)
    assert list(out.glob("*/*.eml"))
