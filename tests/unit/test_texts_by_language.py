"""Vehicles' names and notes and people's printed details have a version per language:
kept in the file (and brought over from files that had one text), in the JSON format,
undone like any edit, emptied in every language by the shareable profile, and printed
in the book's language."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest

from tests.factories import small_visit
from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id, vehicle_id
from visitplanner.domain.model import VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import LocalizedText, Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.visit_json import visit_to_json
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage.database import VisitDatabase

CAR = LocalizedText(fr="Véhicule de la ministre", uk="Автомобіль Міністра", en="Minister’s car")


def _uk_first() -> VisitData:
    """A small visit whose main language is Ukrainian (so "the main language" is not
    French by chance)."""
    data = small_visit()
    data.visit = dataclasses.replace(data.visit, languages=("uk", "fr", "en"))
    return data


def test_a_vehicle_and_a_persons_details_come_back_in_each_language(tmp_path: Path) -> None:
    data = small_visit()
    car = data.vehicles[0]
    data.vehicles[0] = dataclasses.replace(
        car, label=CAR, notes=LocalizedText(fr="Berline", uk="Седан", en="Saloon")
    )
    path = tmp_path / "v.visit"
    write_visit(path, data)
    back = read_visit(path)
    assert back.vehicle(car.id).label == CAR
    assert back.vehicle(car.id).notes.uk == "Седан"
    minister = next(p for p in back.people if p.family_name == "Kalmykova")
    assert minister.dietary_detail == LocalizedText(fr="sans gluten", uk="без глютену")


def test_editing_the_english_name_is_undone_like_any_edit(tmp_path: Path) -> None:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    session = VisitSession.open(path)
    car = session.data.vehicles[0]
    renamed = dataclasses.replace(car, label=car.label.replace("en", "Embassy car"))
    session.apply(SaveEntity(renamed, car, "Rename"))
    assert read_visit(path).vehicle(car.id).label.en == "Embassy car"
    assert read_visit(path).vehicle(car.id).label.fr == "Voiture 1"  # the others kept
    session.undo()
    assert read_visit(path).vehicle(car.id).label == car.label
    session.close()


def _old_file(path: Path, languages: tuple[str, ...]) -> tuple[str, str]:
    """A visit file as it was before migration 0013 (which changes no table, only what
    the columns hold): its vehicle's label and notes and a person's details as one text
    each, and a journal entry that renamed the vehicle; (vehicle id, person id)."""
    data = small_visit()
    data.visit = dataclasses.replace(data.visit, languages=languages)
    write_visit(path, data)
    car, person = data.vehicles[0], data.people[0]
    conn = sqlite3.connect(path)
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0013_texts_by_language'")
    (count,) = conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()
    conn.execute(f"PRAGMA user_version = {count}")
    conn.execute(
        "UPDATE vehicle SET label = 'Voiture 1', notes = 'Berline' WHERE id = ?", (car.id,)
    )
    conn.execute(
        "UPDATE person SET dietary_detail = 'sans gluten', accessibility_detail = '' WHERE id = ?",
        (person.id,),
    )
    changes = [
        {
            "kind": "vehicle",
            "id": car.id,
            "before": {"label": "V1"},
            "after": {"label": "Voiture 1"},
        }
    ]
    conn.execute(
        "INSERT INTO journal (id, at_utc, machine, program, label, changes) "
        "VALUES ('j1', '2026-05-01T10:00:00+00:00', 'm', 'p', 'Rename', ?)",
        (json.dumps(changes),),
    )
    conn.commit()
    conn.close()
    return car.id, person.id


@pytest.mark.parametrize("languages", [("fr", "uk", "en"), ("uk", "fr")])
def test_a_file_with_one_text_keeps_it_as_the_main_languages_version(
    tmp_path: Path, languages: tuple[str, ...]
) -> None:
    path = tmp_path / "old.visit"
    car_id, person_id_ = _old_file(path, languages)
    main = languages[0]
    data = read_visit(path)
    assert data.vehicle(car_id).label == LocalizedText.from_dict({main: "Voiture 1"})
    assert data.vehicle(car_id).notes == LocalizedText.from_dict({main: "Berline"})
    person = data.person(person_id_)
    assert person.dietary_detail == LocalizedText.from_dict({main: "sans gluten"})
    assert person.accessibility_detail == LocalizedText()
    # The journal's older edit is undone into the same language's version.
    session = VisitSession.open(path)
    session.undo()
    assert read_visit(path).vehicle(car_id).label == LocalizedText.from_dict({main: "V1"})
    session.close()


def test_the_migrated_file_stores_texts_as_a_new_file_does(tmp_path: Path) -> None:
    path = tmp_path / "old.visit"
    car_id, _person = _old_file(path, ("fr", "uk", "en"))
    VisitDatabase.open(path).close()
    conn = sqlite3.connect(path)
    label, notes = conn.execute(
        "SELECT label, notes FROM vehicle WHERE id = ?", (car_id,)
    ).fetchone()
    conn.close()
    assert (label, notes) == ('{"fr": "Voiture 1"}', '{"fr": "Berline"}')


def test_the_json_format_holds_each_version() -> None:
    data = build_demo()
    document = json.loads(visit_to_json(data))
    car = next(v for v in document["vehicles"] if v["id"] == vehicle_id("minister"))
    assert car["label"] == {
        "fr": "Véhicule de la ministre",
        "uk": "Автомобіль Міністра",
        "en": "Minister’s car",
    }
    assert set(car["notes"]) == {"fr", "uk", "en"}
    back = visit_from_dict(document)
    assert back.vehicles == data.vehicles
    assert back.people == data.people


@pytest.mark.parametrize("version", [7, 8])
@pytest.mark.parametrize("main", ["fr", "uk"])
def test_an_older_json_file_with_plain_texts_reads_them_in_the_main_language(
    version: int, main: str
) -> None:
    data = small_visit()
    data.visit = dataclasses.replace(data.visit, languages=(main, "en"))
    document = json.loads(visit_to_json(data))
    document["version"] = version
    document["vehicles"][0]["label"] = "Voiture 1"
    document["vehicles"][0]["notes"] = ""
    document["people"][0]["dietary_detail"] = "sans gluten"
    document["people"][0]["accessibility_detail"] = "rampe"
    back = visit_from_dict(document)
    assert back.vehicles[0].label == LocalizedText.from_dict({main: "Voiture 1"})
    assert back.vehicles[0].notes == LocalizedText()
    assert back.people[0].dietary_detail == LocalizedText.from_dict({main: "sans gluten"})
    assert back.people[0].accessibility_detail == LocalizedText.from_dict({main: "rampe"})


def test_a_current_json_file_may_not_hold_a_plain_text_there() -> None:
    document = json.loads(visit_to_json(small_visit()))
    document["vehicles"][0]["label"] = "Voiture 1"
    with pytest.raises(Exception, match=r"vehicles\[0\]\.label"):
        visit_from_dict(document)


def test_the_shareable_profile_empties_every_language_version() -> None:
    data = for_profile(build_demo(), Profile.SHAREABLE)
    for person in data.people:
        assert person.dietary_detail == LocalizedText()
        assert person.accessibility_detail == LocalizedText()
    internal = for_profile(build_demo(), Profile.INTERNAL)
    assert any(p.accessibility_detail.uk and p.accessibility_detail.en for p in internal.people)


#: The demo's convoy as each book names it.
CONVOY = {
    "fr": ("Véhicule de tête", "Véhicule de la ministre", "Minibus accessible"),
    "uk": ("Головний автомобіль", "Автомобіль Міністра", "Мікроавтобус із пандусом"),
    "en": ("Lead car", "Minister’s car", "Accessible minibus"),
}


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_each_book_names_the_vehicles_and_prints_the_details_in_its_language(lang: str) -> None:
    data = build_demo()
    options = BriefingOptions(
        lang=lang, profile=Profile.INTERNAL, sections=("programme", "delegations", "movements")
    )
    text = read_pdf(render_briefing(data, options)).text
    flat = " ".join(text.split())
    for name in CONVOY[lang]:
        assert name in flat, name
    others = [name for other, names in CONVOY.items() if other != lang for name in names]
    assert [name for name in others if name in flat and name not in CONVOY[lang]] == []
    veteran = data.person(person_id("kovalenko"))
    detail = " ".join(veteran.accessibility_detail.get(lang).split())
    assert detail[:40] in flat
    for other in {"fr", "uk", "en"} - {lang}:
        assert veteran.accessibility_detail.get(other)[:40] not in flat
