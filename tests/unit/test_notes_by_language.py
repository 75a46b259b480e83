"""A venue's security notes and an event's notes have a version per language, as a
vehicle's name does (tests/unit/test_texts_by_language.py): kept in the file and brought
over from files that had one text, in the JSON format, undone like any edit, emptied in
every language by the shareable profile (the security notes), and printed in the book's
language. The names the program gives tables are printed in the book's language too, a
name typed as typed, and a phone number in a pack's "Your car" line stays whole."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from tests.factories import small_visit
from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id, venue_id
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.table_names import printed_table_name
from visitplanner.domain.values import EventKind, LocalizedText, Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.visit_json import visit_to_json
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage.database import VisitDatabase

SECURITY = LocalizedText(fr="Fouille à l’entrée", uk="Огляд на вході", en="Search at the gate")
NOTES = LocalizedText(fr="Prévoir un pupitre", uk="Потрібна трибуна", en="A lectern is needed")


def _ceremony(data: VisitData) -> Event:
    return next(e for e in data.events if e.kind is EventKind.CEREMONY)


def test_security_notes_and_event_notes_come_back_in_each_language(tmp_path: Path) -> None:
    data = small_visit()
    data.venues[0] = dataclasses.replace(data.venues[0], security_notes=SECURITY)
    ceremony = _ceremony(data)
    data.events[data.events.index(ceremony)] = dataclasses.replace(ceremony, notes=NOTES)
    path = tmp_path / "v.visit"
    write_visit(path, data)
    back = read_visit(path)
    assert back.venue(data.venues[0].id).security_notes == SECURITY
    assert back.event(ceremony.id).notes == NOTES


def test_editing_the_english_notes_is_undone_like_any_edit(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    data = small_visit()
    ceremony = _ceremony(data)
    data.events[data.events.index(ceremony)] = dataclasses.replace(ceremony, notes=NOTES)
    write_visit(path, data)
    session = VisitSession.open(path)
    event = session.data.event(ceremony.id)
    edited = dataclasses.replace(event, notes=event.notes.replace("en", "Two lecterns"))
    session.apply(SaveEntity(edited, event, "Notes"))
    assert read_visit(path).event(ceremony.id).notes.en == "Two lecterns"
    assert read_visit(path).event(ceremony.id).notes.uk == "Потрібна трибуна"  # kept
    session.undo()
    assert read_visit(path).event(ceremony.id).notes == NOTES
    session.close()


def _old_file(path: Path, languages: tuple[str, ...]) -> tuple[str, str]:
    """A visit file as it was before migration 0019 (which changes no table, only what
    the columns hold): a venue's security notes and an event's notes as one text each,
    and a journal entry that edited the event's notes; (venue id, event id)."""
    data = small_visit()
    data.visit = dataclasses.replace(data.visit, languages=languages)
    write_visit(path, data)
    venue, event = data.venues[0], _ceremony(data)
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0019_more_texts_by_language'")
    (count,) = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()
    conn.execute(f"PRAGMA user_version = {count}")
    conn.execute("UPDATE venue SET security_notes = 'Fouille' WHERE id = ?", (venue.id,))
    conn.execute("UPDATE venue SET security_notes = '' WHERE id != ?", (venue.id,))
    conn.execute("UPDATE event SET notes = 'Pupitre' WHERE id = ?", (event.id,))
    changes = [
        {"kind": "event", "id": event.id, "before": {"notes": ""}, "after": {"notes": "Pupitre"}}
    ]
    conn.execute(
        "INSERT INTO journal (id, at_utc, machine, program, label, changes) "
        "VALUES ('j1', '2026-05-01T10:00:00+00:00', 'm', 'p', 'Notes', ?)",
        (json.dumps(changes),),
    )
    conn.commit()
    conn.close()
    return venue.id, event.id


@pytest.mark.parametrize("languages", [("fr", "uk", "en"), ("uk", "fr")])
def test_a_file_with_one_text_keeps_it_as_the_main_languages_version(
    tmp_path: Path, languages: tuple[str, ...]
) -> None:
    path = tmp_path / "old.visit"
    venue_id_, event_id_ = _old_file(path, languages)
    main = languages[0]
    data = read_visit(path)
    assert data.venue(venue_id_).security_notes == LocalizedText.from_dict({main: "Fouille"})
    assert data.event(event_id_).notes == LocalizedText.from_dict({main: "Pupitre"})
    assert all(v.security_notes == LocalizedText() for v in data.venues if v.id != venue_id_)
    # The journal's older edit is undone into the same language's version (empty).
    session = VisitSession.open(path)
    session.undo()
    assert read_visit(path).event(event_id_).notes == LocalizedText()
    session.close()


def test_the_migrated_file_stores_texts_as_a_new_file_does(tmp_path: Path) -> None:
    path = tmp_path / "old.visit"
    venue_id_, event_id_ = _old_file(path, ("fr", "uk", "en"))
    VisitDatabase.open(path).close()
    conn = sqlite3.connect(path)
    (security,) = conn.execute(
        "SELECT security_notes FROM venue WHERE id = ?", (venue_id_,)
    ).fetchone()
    (notes,) = conn.execute("SELECT notes FROM event WHERE id = ?", (event_id_,)).fetchone()
    (entry,) = conn.execute("SELECT changes FROM journal WHERE id = 'j1'").fetchone()
    conn.close()
    assert (security, notes) == ('{"fr": "Fouille"}', '{"fr": "Pupitre"}')
    assert json.loads(entry)[0]["after"]["notes"] == {"fr": "Pupitre"}


def test_the_json_format_holds_each_version() -> None:
    data = build_demo()
    document = json.loads(visit_to_json(data))
    arc = next(v for v in document["venues"] if v["id"] == venue_id("arc"))
    assert set(arc["security_notes"]) == {"fr", "uk", "en"}
    assert arc["security_notes"]["en"].startswith("Square closed to traffic")
    ceremony = next(e for e in document["events"] if e["id"] == _ceremony(data).id)
    assert ceremony["notes"]["uk"].startswith("Два місця для крісел колісних")
    back = visit_from_dict(document)
    assert back.venues == data.venues
    assert back.events == data.events


@pytest.mark.parametrize("version", [9, 14])
@pytest.mark.parametrize("main", ["fr", "uk"])
def test_an_older_json_file_with_plain_texts_reads_them_in_the_main_language(
    version: int, main: str
) -> None:
    data = small_visit()
    data.visit = dataclasses.replace(data.visit, languages=(main, "en"))
    document = json.loads(visit_to_json(data))
    document["version"] = version
    document["venues"][0]["security_notes"] = "Fouille"
    document["events"][0]["notes"] = ""
    document["events"][1]["notes"] = "Pupitre"
    back = visit_from_dict(document)
    assert back.venues[0].security_notes == LocalizedText.from_dict({main: "Fouille"})
    assert back.events[0].notes == LocalizedText()
    assert back.events[1].notes == LocalizedText.from_dict({main: "Pupitre"})


@pytest.mark.parametrize(("kind", "key"), [("venues", "security_notes"), ("events", "notes")])
def test_a_current_json_file_may_not_hold_a_plain_text_there(kind: str, key: str) -> None:
    document = json.loads(visit_to_json(small_visit()))
    document[kind][0][key] = "Fouille"
    with pytest.raises(Exception, match=rf"{kind}\[0\]\.{key}"):
        visit_from_dict(document)


def test_the_shareable_profile_empties_every_version_of_the_security_notes() -> None:
    shared = for_profile(build_demo(), Profile.SHAREABLE)
    assert all(v.security_notes == LocalizedText() for v in shared.venues)
    internal = for_profile(build_demo(), Profile.INTERNAL)
    assert sum(1 for v in internal.venues if v.security_notes.uk and v.security_notes.en) >= 5


#: What the demo's books print of the texts that were French only, in each language.
PRINTED = {
    "fr": (
        "Place fermée à la circulation",
        "Accès au tarmac sur accréditation",
        "Deux emplacements pour fauteuils roulants",
        "Table d’honneur",
    ),
    "uk": (
        "Площу закрито для руху",
        "Доступ на перон за акредитацією",
        "Два місця для крісел колісних",
        "Почесний стіл",
    ),
    "en": (
        "Square closed to traffic",
        "Access to the apron on accreditation",
        "Two wheelchair spaces reserved",
        "Table of honour",
    ),
}


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_each_book_prints_the_notes_and_the_tables_in_its_language(lang: str) -> None:
    options = BriefingOptions(
        lang=lang, profile=Profile.INTERNAL, sections=("events", "seating", "venues")
    )
    text = read_pdf(render_briefing(build_demo(), options)).text
    flat = " ".join(text.replace("\u00a0", " ").split())
    for words in PRINTED[lang]:
        assert words in flat, words
    others = [w for other, texts in PRINTED.items() if other != lang for w in texts]
    assert [w for w in others if w in flat] == []


def test_the_shareable_book_prints_no_version_of_the_security_notes() -> None:
    options = BriefingOptions(lang="en", profile=Profile.SHAREABLE, sections=("events", "venues"))
    shared = for_profile(build_demo(), Profile.SHAREABLE)  # as services/briefing.py cuts it
    flat = " ".join(read_pdf(render_briefing(shared, options)).text.split())
    assert "Square closed to traffic" not in flat
    assert "Two wheelchair spaces reserved" in flat  # an event's notes are not private


@pytest.mark.parametrize(
    ("name", "lang", "printed"),
    [
        ("Table d’honneur", "en", "Table of honour"),
        ("table d'honneur", "uk", "Почесний стіл"),
        ("Table of honour", "fr", "Table d’honneur"),
        ("Table 3", "uk", "Стіл 3"),
        ("Стіл 12", "en", "Table 12"),
        ("3", "uk", "3"),  # the Seating page's own names are numbers: the same everywhere
        ("Table des anciens combattants", "en", "Table des anciens combattants"),  # typed
        ("Table 3 bis", "uk", "Table 3 bis"),
    ],
)
def test_the_names_the_program_gives_tables_are_printed_in_each_language(
    name: str, lang: str, printed: str
) -> None:
    assert printed_table_name(name, lang) == printed


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_the_drivers_phone_in_a_packs_car_line_stays_on_one_line(lang: str) -> None:
    options = BriefingOptions(
        lang=lang,
        profile=Profile.INTERNAL,
        person_id=person_id("kalmykova"),
        sections=("programme",),
    )
    pdf = read_pdf(render_briefing(build_demo(), options))
    lines = [
        line.replace("\u00a0", " ").rstrip()
        for page in pdf.reader.pages
        for line in page.extract_text(extraction_mode="layout").splitlines()
    ]
    with_phone = [line for line in lines if "6 39 98 40 02" in line]
    assert len(with_phone) >= 10  # a line per transfer in her car
    assert all("+33 6 39 98 40 02" in line for line in with_phone)
    assert not any(line.endswith("+33") for line in lines)
