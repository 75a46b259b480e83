"""Planning and applying a roster import: names, delegations, matching, errors, undo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.factories import small_visit
from tests.roster_sheets import ENGLISH, FRENCH, UKRAINIAN, write_csv, write_xlsx
from visitplanner.domain.errors import InputError
from visitplanner.domain.roster_columns import RosterField, Target
from visitplanner.domain.values import Need, Role
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.roster_mappings import MappingStore, headers_key
from visitplanner.services.rosters import (
    ImportOptions,
    apply_import,
    plan_import,
    read_roster,
)
from visitplanner.services.visit_files import read_visit, write_visit

GUESTS = "Délégation ukrainienne"


def _session(tmp_path: Path) -> tuple[Path, VisitSession]:
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    return path, VisitSession.open(path)


def test_a_ukrainian_sheet_gives_people_with_derived_latin_names(tmp_path: Path) -> None:
    data = small_visit()
    sheet = read_roster(write_csv(tmp_path / "список.csv", UKRAINIAN, "utf-8", ","))
    plan = plan_import(data, sheet)
    assert not plan.errors
    [delegation] = plan.new_delegations
    assert delegation.name.uk == "Україна"
    people = {p.after.family_name_native: p.after for p in plan.people}
    minister = people["Калмикова"]
    assert (minister.given_name_native, minister.patronymic_native) == ("Наталія", "Іванівна")
    assert (minister.family_name, minister.given_name) == ("Kalmykova", "Nataliia")
    assert minister.latin_derived
    assert minister.role == Role.HEAD
    assert minister.title.uk == "Міністр"
    assert minister.accreditation.birth_date == date(1970, 1, 2)
    assert minister.rank == 1
    assert delegation.head_id == minister.id
    assert people["Мʼясоїдов"].family_name == "Miasoidov"
    assert people["Їжакевич"].given_name == "Yevheniia"
    assert people["Їжакевич"].role == Role.VETERAN


def test_latin_and_native_columns_are_both_kept(tmp_path: Path) -> None:
    rows = [
        ["Nom", "Prénom", "Прізвище", "Ім'я", "Délégation"],
        ["Kalmykova", "Natalia", "Калмикова", "Наталія", GUESTS],
    ]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "a.csv", rows)))
    [planned] = plan.people
    assert planned.action == "unchanged"  # she is in the visit already, just so
    assert planned.after.family_name_native == "Калмикова"
    assert not planned.after.latin_derived


def test_a_french_sheet_fills_french_texts_and_creates_its_delegation(tmp_path: Path) -> None:
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "liste.csv", FRENCH)))
    assert [d.name.fr for d in plan.new_delegations] == ["Ukraine"]
    koval = next(p for p in plan.people if p.after.family_name == "Koval'")
    # A title holds one line: the preview shows it as it will be written.
    assert koval.after.title.fr == "Vétéran blessé"
    assert koval.row == 3
    assert koval.after.role == Role.VETERAN


def test_the_delegation_option_puts_every_row_there(tmp_path: Path) -> None:
    data = small_visit()
    sheet = read_roster(write_csv(tmp_path / "liste.csv", FRENCH))
    plan = plan_import(data, sheet, ImportOptions(delegation="ukrainienne"))
    assert not plan.new_delegations
    assert {p.after.delegation_id for p in plan.people} == {data.delegations[0].id}
    # Kalmykova and Koval' are in that delegation already: matched, not added again.
    assert [p.after.family_name for p in plan.of("unchanged")] == ["Kalmykova"]
    [koval] = plan.of("update")
    assert koval.after.role == Role.VETERAN and koval.before is not None
    assert koval.before.role == "ветеран"
    assert len(plan.of("add")) == 1


def test_a_delegation_named_by_the_option_that_does_not_exist_is_created(tmp_path: Path) -> None:
    sheet = read_roster(write_csv(tmp_path / "liste.csv", FRENCH))
    plan = plan_import(small_visit(), sheet, ImportOptions(delegation="Délégation polonaise"))
    assert [d.name.fr for d in plan.new_delegations] == ["Délégation polonaise"]


def test_without_a_delegation_column_or_option_the_import_asks_for_one(tmp_path: Path) -> None:
    rows = [row[:5] for row in FRENCH]
    with pytest.raises(InputError, match="--delegation"):
        plan_import(small_visit(), read_roster(write_csv(tmp_path / "liste.csv", rows)))


def test_new_people_rank_after_the_delegation_s_members_in_sheet_order(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom"], ["Petrenko", "Ivan"], ["Sydorenko", "Olha"]]
    plan = plan_import(
        small_visit(),
        read_roster(write_csv(tmp_path / "l.csv", rows)),
        ImportOptions(delegation=GUESTS),
    )
    assert [(p.after.family_name, p.after.rank) for p in plan.people] == [
        ("Petrenko", 3),
        ("Sydorenko", 4),
    ]


def test_wrong_rows_are_named_by_the_sheet_s_own_row_number(tmp_path: Path) -> None:
    rows = [
        ["Liste"],
        ["Nom", "Prénom", "Date de naissance", "Rang", "Délégation"],
        ["Rufo", "Alice", "31/02/1980", "1", "France"],
        ["", "Sans nom", "", "", "France"],
        ["Dupont", "Jean", "", "premier", "France"],
        ["Martin", "Paul", "", "", "France"],
        ["MARTIN", "paul", "", "", "France"],
        ["", "", "", "", ""],
    ]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    messages = [str(e) for e in plan.errors]
    assert messages[0].startswith("row 3: ") and "31/02/1980" in messages[0]
    assert messages[1] == "row 4: no family name"
    assert messages[2].startswith("row 5: ") and "premier" in messages[2]
    assert messages[3] == "row 7: the same person as row 6"
    assert len(messages) == 4
    assert [p.row for p in plan.people] == [6]


@pytest.mark.parametrize(("lang", "word"), [("fr", "ligne 3 "), ("uk", "рядок 3")])
def test_row_messages_are_in_the_officer_s_language(tmp_path: Path, lang: str, word: str) -> None:
    rows = [["Nom", "Prénom", "Délégation"], ["Rufo", "Alice", "France"], ["", "X", "France"]]
    set_language(lang)
    try:
        plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
        assert str(plan.errors[0]).startswith(word)
    finally:
        set_language("en")


def test_a_ragged_row_is_wrong(tmp_path: Path) -> None:
    rows = [FRENCH[0], FRENCH[1], [*FRENCH[2], "de trop"]]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    assert [str(e) for e in plan.errors] == ["row 3: cells beyond the last column of the header: 1"]


def test_a_role_it_does_not_know_is_kept_and_listed(tmp_path: Path) -> None:
    rows = [["Nom", "Rôle", "Délégation"], ["Dupont", "Conseiller spécial", "France"]]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    assert plan.people[0].after.role == "Conseiller spécial"
    assert plan.unknown_roles == {"Conseiller spécial": [2]}


def test_yes_no_and_free_text_needs(tmp_path: Path) -> None:
    plan = plan_import(small_visit(), read_roster(write_xlsx(tmp_path / "en.xlsx", ENGLISH)))
    melnyk, bondar = (p.after for p in plan.people)
    assert melnyk.step_free is Need.GIVEN
    # A detail written in English under English headers is the English version.
    assert (melnyk.dietary, melnyk.dietary_detail.en) == (Need.GIVEN, "gluten free")
    assert (bondar.step_free, bondar.dietary) == (Need.NONE, Need.NONE)
    assert melnyk.title.en == "Sergeant"


def test_re_importing_updates_instead_of_duplicating(tmp_path: Path) -> None:
    path, session = _session(tmp_path)
    sheet = read_roster(write_csv(tmp_path / "список.csv", UKRAINIAN, "utf-8", ","))
    apply_import(session, plan_import(session.data, sheet))
    count = len(session.data.people)
    # Another apostrophe, another case, a new title: the same people, updated.
    changed = [list(row) for row in UKRAINIAN]
    changed[3][1] = "МʼЯСОЇДОВ Юрій".replace("ʼ", "’")
    changed[1][2] = "Міністр у справах ветеранів"
    again = plan_import(session.data, read_roster(write_csv(tmp_path / "2.csv", changed)))
    assert not again.errors
    assert len(again.of("add")) == 0
    updated = {p.after.family_name_native for p in again.of("update")}
    assert updated == {"Калмикова", "М’ЯСОЇДОВ"}
    assert len(again.of("unchanged")) == 2
    apply_import(session, again)
    assert len(read_visit(path).people) == count
    session.close()


def test_an_id_column_matches_whatever_the_names_say(tmp_path: Path) -> None:
    data = small_visit()
    minister = data.people[0]
    rows = [["Id", "Nom", "Délégation"], [minister.id.upper(), "Kalmykova-Renamed", GUESTS]]
    plan = plan_import(data, read_roster(write_csv(tmp_path / "l.csv", rows)))
    [planned] = plan.people
    assert planned.before is not None and planned.after.id == minister.id
    assert planned.after.family_name == "Kalmykova-Renamed"


def test_an_empty_cell_leaves_the_field_as_it_was(tmp_path: Path) -> None:
    rows = [["Nom", "Prénom", "Téléphone", "Délégation"], ["Kalmykova", "Natalia", "", GUESTS]]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    assert plan.people[0].after.private_phone == "+380 67 111 11 11"
    assert plan.people[0].action == "unchanged"


def test_a_mapping_gives_unrecognised_columns_a_meaning(tmp_path: Path) -> None:
    rows = [
        ["Nom", "Logement prévu", "Taille", "Délégation"],
        ["Dupont", "Hôtel Lutetia", "L", "X"],
    ]
    sheet = read_roster(write_csv(tmp_path / "l.csv", rows))
    plan = plan_import(small_visit(), sheet)
    assert plan.ignored_columns == ["Logement prévu", "Taille"]
    mapped = plan_import(
        small_visit(), sheet, ImportOptions(mapping={1: Target(RosterField.HOTEL), 2: None})
    )
    # No venue of the visit is that hotel: the text is kept in the notes, and said.
    assert mapped.people[0].after.notes == "Hôtel : Hôtel Lutetia"
    assert [str(w) for w in mapped.warnings] == [
        "row 2: the hotel “Hôtel Lutetia” is no venue of the visit: kept in the notes"
    ]
    assert mapped.ignored_columns == ["Taille"]


def test_applying_is_one_command_that_undo_takes_back_whole(tmp_path: Path) -> None:
    path, session = _session(tmp_path)
    before = read_visit(path)
    minister_before = next(p for p in before.people if p.family_name == "Kalmykova")
    rows = [
        ["Nom", "Prénom", "Téléphone", "Délégation"],
        ["Kalmykova", "Natalia", "+33 6 00 00 00 00", GUESTS],
        ["Petrenko", "Ivan", "", "Délégation polonaise"],
    ]
    plan = plan_import(session.data, read_roster(write_csv(tmp_path / "l.csv", rows)))
    apply_import(session, plan)
    after = read_visit(path)
    assert after.person(minister_before.id).private_phone == "+33 6 00 00 00 00"
    assert len(after.people) == len(before.people) + 1
    assert len(after.delegations) == len(before.delegations) + 1
    session.undo()
    restored = read_visit(path)
    assert restored == before
    assert session.data.person(minister_before.id) == minister_before
    session.close()


def test_nothing_is_applied_while_rows_are_wrong_unless_asked(tmp_path: Path) -> None:
    path, session = _session(tmp_path)
    rows = [["Nom", "Délégation"], ["Dupont", "France"], ["", "France"]]
    plan = plan_import(session.data, read_roster(write_csv(tmp_path / "l.csv", rows)))
    with pytest.raises(InputError, match="wrong rows: 1"):
        apply_import(session, plan)
    assert len(read_visit(path).people) == 3
    apply_import(session, plan, skip_invalid=True)
    assert len(read_visit(path).people) == 4
    session.close()


def test_remembered_mappings_follow_the_set_of_headers(tmp_path: Path) -> None:
    store = MappingStore(tmp_path / "cfg" / "roster-mappings.json")
    headers = ["Nom", "Logement prévu", "Taille"]
    assert store.recall(headers) == {}
    store.remember(headers, {1: Target(RosterField.HOTEL), 2: None})
    # Another order, another case, no accents: the same set of headers.
    again = ["TAILLE", "logement prevu", "nom"]
    assert store.recall(again) == {1: Target(RosterField.HOTEL), 0: None}
    assert headers_key(headers) == headers_key(again)
    assert store.path.stat().st_mode & 0o777 == 0o600


def test_a_damaged_mapping_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "roster-mappings.json"
    path.write_text("{not json", encoding="utf-8")
    store = MappingStore(path)
    assert store.recall(["Nom"]) == {}
    store.remember(["Nom", "X"], {1: Target(RosterField.NOTES)})
    assert store.recall(["Nom", "X"]) == {1: Target(RosterField.NOTES)}


def test_hostile_cells_are_kept_as_plain_text(tmp_path: Path) -> None:
    rows = [
        ["Nom", "Prénom", "Hôtel", "Remarques", "Délégation"],
        ["=1+1", "'=2+2", "@SUM(A1)", "<script>alert(1)</script>", GUESTS],
        ["'+cmd|' /C calc'!A0", "-x", "'-y", "'plain", GUESTS],
    ]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    first, second = (p.after for p in plan.people)
    # A formula character stays as text; the apostrophe an export put before it goes.
    assert (first.family_name, first.given_name) == ("=1+1", "=2+2")
    assert first.notes == "<script>alert(1)</script>\nHôtel : @SUM(A1)"
    assert (second.family_name, second.given_name) == ("+cmd|' /C calc'!A0", "-x")
    assert (
        second.notes == "'plain\nHôtel : -y"
    )  # an apostrophe before anything else is the text's own


# --- text as it enters the visit ------------------------------------------------------


def test_a_field_too_long_names_the_row_the_person_and_the_field(tmp_path: Path) -> None:
    path, session = _session(tmp_path)
    before = path.read_bytes()
    rows = [
        ["Nom", "Prénom", "Fonction dans la délégation", "Délégation"],
        ["Dupont", "Marie", "Attachée", GUESTS],
        ["Petrenko", "Ivan", "Conseiller" * 1_100, GUESTS],
    ]
    plan = plan_import(session.data, read_roster(write_csv(tmp_path / "l.csv", rows)))
    assert [str(e) for e in plan.errors] == [
        "row 3: “Ivan Petrenko”: the function is too long (11000 characters; at most 500)"
    ]
    assert [p.after.family_name for p in plan.people] == ["Dupont"]
    with pytest.raises(InputError, match="wrong rows: 1; nothing was imported"):
        apply_import(session, plan)
    assert path.read_bytes() == before
    assert session.undo_state().done == 0
    apply_import(session, plan, skip_invalid=True)  # the officer saw the row and confirmed
    names = {p.family_name for p in read_visit(path).people}
    assert "Dupont" in names and "Petrenko" not in names
    session.close()


def test_a_name_too_long_in_an_update_names_the_person_as_the_visit_knows_her(
    tmp_path: Path,
) -> None:
    rows = [
        ["Nom", "Prénom", "Fonction dans la délégation", "Délégation"],
        ["Kalmykova", "Natalia", "F" * 501, GUESTS],
    ]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    assert [str(e) for e in plan.errors] == [
        "row 2: “Natalia Kalmykova”: the function is too long (501 characters; at most 500)"
    ]


def test_an_accreditation_too_long_is_named_without_its_value(tmp_path: Path) -> None:
    secret = "ZZ" + "0" * 60
    rows = [["Nom", "N° de passeport", "Délégation"], ["Petrenko", secret, GUESTS]]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    [error] = [str(e) for e in plan.errors]
    assert error == (
        "row 2: “Petrenko”: accreditation: the passport number is too long "
        "(62 characters; at most 50)"
    )


def test_a_delegation_name_too_long_makes_its_rows_wrong(tmp_path: Path) -> None:
    rows = [["Nom", "Délégation"], ["Petrenko", "Ukraine " * 100], ["Dupont", "France"]]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    [error] = [str(e) for e in plan.errors]
    assert error.startswith("row 2: “Ukraine Ukraine")
    assert error.endswith("the name is too long (799 characters; at most 500)")
    assert [d.name.fr for d in plan.new_delegations] == ["France"]


def test_the_command_line_refuses_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from visitplanner.cli import main

    monkeypatch.setenv("VISITPLANNER_CONFIG_DIR", str(tmp_path / "config"))
    path, session = _session(tmp_path)
    session.close()
    rows = [["Nom", "Prénom", "Titre", "Délégation"], ["Petrenko", "Ivan", "x" * 10_000, GUESTS]]
    before = read_visit(path)
    status = main(["import-roster", str(path), str(write_csv(tmp_path / "l.csv", rows))])
    error = capsys.readouterr().err
    assert status == 2
    assert "row 2: “Ivan Petrenko”: the title is too long (10000 characters; at most 500)" in error
    assert "xxxx" not in error
    assert read_visit(path) == before


def test_characters_xml_cannot_hold_are_taken_out(tmp_path: Path) -> None:
    path, session = _session(tmp_path)
    filler = [[f"Membre{n}", "Test", GUESTS] for n in range(300)]  # past the first 8 KB
    rows = [
        ["Nom", "Prénom", "Délégation"],
        *filler,
        ["Pet\ufffeRenko", "Iv\uffffan\x1b", GUESTS],
        ["Nul\x00le", "Ma\x0brie", GUESTS],
    ]
    csv_path = write_csv(tmp_path / "l.csv", rows)
    assert csv_path.read_bytes().index(b"\x00") > 8192
    plan = plan_import(session.data, read_roster(csv_path))
    assert not plan.errors
    apply_import(session, plan)
    people = {p.family_name: p for p in read_visit(path).people}
    assert people["PetRenko"].given_name == "Ivan"
    assert people["Nulle"].given_name == "Marie"
    session.close()


# --- a Cyrillic name in a Latin name column -------------------------------------------


@pytest.mark.parametrize(
    "rows",
    [
        [["Nom", "Prénom", "Délégation"], ["Петренко", "Іван", GUESTS]],
        [["Nom", "Nom (cyrillique)", "Délégation"], ["Петренко", "", GUESTS]],
    ],
    ids=["no native column", "native column empty"],
)
def test_a_cyrillic_nom_without_a_native_name_becomes_the_native_name(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    [planned] = plan.people
    assert planned.after.family_name_native == "Петренко"
    assert planned.after.family_name == "Petrenko" and planned.after.latin_derived
    assert not plan.warnings


def test_a_cyrillic_nom_that_repeats_the_native_name_says_nothing(tmp_path: Path) -> None:
    rows = [["Nom", "Nom (cyrillique)", "Délégation"], ["ПЕТРЕНКО", "Петренко", GUESTS]]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    [planned] = plan.people
    assert (planned.after.family_name, planned.after.family_name_native) == (
        "Petrenko",
        "Петренко",
    )
    assert not plan.warnings


@pytest.mark.parametrize("native_first", [False, True])
def test_a_cyrillic_nom_beside_another_native_name_is_kept_in_latin_with_a_warning(
    tmp_path: Path, native_first: bool
) -> None:
    rows = [
        ["Nom", "Prénom", "Nom (cyrillique)", "Délégation"],
        ["Dupont", "Marie", "", "France"],
        ["Петренко", "Ivan", "Петренко-Сидоренко", GUESTS],
    ]
    if native_first:
        rows = [[row[2], row[0], row[1], row[3]] for row in rows]
    plan = plan_import(small_visit(), read_roster(write_csv(tmp_path / "l.csv", rows)))
    ivan = next(p.after for p in plan.people if p.row == 3)
    assert ivan.family_name_native == "Петренко-Сидоренко"  # the native-script column
    assert (ivan.family_name, ivan.given_name) == ("Petrenko", "Ivan")  # what "Nom" said
    assert [str(w) for w in plan.warnings] == [
        "row 3: Family name: “Петренко” is in Cyrillic and differs from the native-script "
        "name “Петренко-Сидоренко”; kept in Latin as “Petrenko”"
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_our_own_export_read_back_changes_nobody(tmp_path: Path, suffix: str) -> None:
    """A generated visit (delegations speaking English list it twice) exported and
    imported straight back: every person unchanged."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from summit import SummitSize, generate_summit

    from visitplanner.services.rosters import export_roster, plan_import, read_roster

    data = generate_summit(SummitSize(delegations=60, people_per_delegation=5, events=20))
    out = tmp_path / f"roster{suffix}"
    export_roster(data, out)
    plan = plan_import(data, read_roster(out))
    assert len(plan.of("unchanged")) == 300
    assert plan.of("update") == [] and plan.of("add") == []
