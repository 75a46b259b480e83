"""Hotel rooming: stays kept in the file and the JSON format, free-text hotels of older
files turned into stays or notes, the rooming checks, privacy, the rooming list as XLSX
and PDF with the changes since the list sent, and export-rooming on the command line."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlite_utils import Database

from tests.integration.test_cli import run
from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import PARIS, demo_id, person_id, venue_id
from visitplanner.demo.rooming import ACCESSIBLE, SINGLE, TWIN
from visitplanner.domain.checks import CheckIndex, FindingKind, check_plan
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.model import VisitData
from visitplanner.domain.privacy import for_profile, only_own_private
from visitplanner.domain.rooming import Billing, RoomType, Stay, match_hotel
from visitplanner.domain.rooming_checks import rooming_findings
from visitplanner.domain.rooming_list import Change, passport_name
from visitplanner.domain.values import LocalizedText, Need, Profile
from visitplanner.exports.rooming import sheet_of
from visitplanner.exports.visit_json import visit_to_dict
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.rooming import export_rooming, rooming_lists
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.storage.schema import APPLICATION_ID, MIGRATION_NAMES, MIGRATIONS

HOTEL = venue_id("hotel")
NOVOTEL = "Hôtel Novotel Paris Centre Tour Eiffel, 61 quai de Grenelle, 75015 Paris"


def _stay(data: VisitData, key: str) -> Stay:
    return next(s for s in data.stays if s.id == demo_id(f"stay:{key}"))


def _kinds(data: VisitData) -> list[FindingKind]:
    return [f.kind for f in rooming_findings(CheckIndex(data))]


# --- the entities ------------------------------------------------------------------------


def test_a_stay_and_a_room_type_refuse_what_makes_no_sense() -> None:
    moment = datetime(2026, 5, 6, 15, tzinfo=PARIS)
    with pytest.raises(DomainError, match="ends before it starts"):
        Stay(person_id="a", hotel_id="h", check_in=moment, check_out=moment)
    with pytest.raises(DomainError, match="themselves"):
        Stay(
            person_id="a",
            hotel_id="h",
            check_in=moment,
            check_out=moment + timedelta(days=1),
            shares_with_id="a",
        )
    with pytest.raises(DomainError, match="at least one"):
        RoomType(capacity=0)


def test_a_free_text_hotel_matches_a_venue_by_name_case_and_accents_aside() -> None:
    names = {"n": ["Hôtel Novotel Paris Centre Tour Eiffel"], "l": ["Hôtel Lutetia"]}
    assert match_hotel(NOVOTEL, names) == "n"
    assert match_hotel("HOTEL LUTETIA", names) == "l"
    assert match_hotel("hotel lutetia paris 6e", names) == "l"
    assert match_hotel("Chez l'ambassadeur", names) is None
    assert match_hotel("Hôtel Lutetia", {**names, "x": ["Hotel Lutétia"]}) is None  # two


# --- the file, undo ----------------------------------------------------------------------


def test_the_demo_stays_and_room_types_are_kept_in_the_file(demo: VisitSession) -> None:
    built = build_demo()
    assert demo.data.stays == built.stays
    hotel = demo.data.venue(HOTEL)
    assert hotel.hotel and hotel.room_types == built.venue(HOTEL).room_types
    assert len({s.person_id for s in demo.data.stays}) == 11


def test_deleting_a_person_takes_their_stay_and_only_cuts_the_roommate(
    demo: VisitSession,
) -> None:
    demo.apply(delete_operation(demo.data, demo.data.person(person_id("bondar"))))
    assert demo_id("stay:bondar") not in {s.id for s in demo.data.stays}
    assert _stay(demo.data, "tkachuk").shares_with_id is None
    demo.undo()
    assert demo.data.stays == build_demo().stays


def test_editing_a_stay_is_undone(demo: VisitSession) -> None:
    before = _stay(demo.data, "boiko")
    demo.apply(SaveEntity(dataclasses.replace(before, room_number="1112"), before))
    assert _stay(demo.data, "boiko").room_number == "1112"
    demo.undo()
    assert _stay(demo.data, "boiko") == before


# --- older files: the free-text hotel ------------------------------------------------------


def _older_file(path: Path, data: VisitData, hotels: dict[str, str]) -> None:
    """A visit file of the schema before stays, holding `data` and a hotel text per person."""
    path.touch(mode=0o600)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    stop = "0014_rooming"
    MIGRATIONS.apply(Database(conn), stop_before=stop)
    conn.execute(f"PRAGMA user_version = {MIGRATION_NAMES.index(stop)}")
    visit = data.visit
    conn.execute(
        "INSERT INTO visit (id, title, start_date, end_date, tz, languages) VALUES (?,?,?,?,?,?)",
        (visit.id, "{}", "2026-05-06", "2026-05-09", "Europe/Paris", '["fr","uk","en"]'),
    )
    for venue in data.venues:
        conn.execute(
            "INSERT INTO venue (id, name) VALUES (?, ?)",
            (venue.id, json.dumps(venue.name.to_dict(), ensure_ascii=False)),
        )
    for person in data.people:
        conn.execute(
            "INSERT INTO person (id, family_name, hotel, notes) VALUES (?, ?, ?, ?)",
            (person.id, person.family_name, hotels.get(person.id, ""), person.notes),
        )
    conn.commit()
    conn.close()


def test_an_older_file_gets_stays_where_its_hotel_texts_name_a_venue(tmp_path: Path) -> None:
    data = build_demo()
    minister, deputy, veteran = (person_id(k) for k in ("kalmykova", "shymanskyi", "melnyk"))
    data.people = [p for p in data.people if p.id in {minister, deputy, veteran}]
    data.person(deputy).notes = "Arrive seul."
    path = tmp_path / "old.visit"
    hotels = {minister: NOVOTEL, deputy: "Résidence de l’ambassadeur", veteran: "hotel novotel"}
    _older_file(path, data, hotels)
    opened = VisitSession.open(path)
    migrated = opened.data
    opened.close()
    assert migrated.venue(HOTEL).hotel
    stay = migrated.stays_of(minister)[0]
    assert (stay.hotel_id, stay.check_in, stay.check_out) == (
        HOTEL,
        datetime(2026, 5, 6, 15, tzinfo=PARIS),
        datetime(2026, 5, 9, 12, tzinfo=PARIS),
    )
    # Neither the residence nor "hotel novotel" names a venue: kept in the notes.
    assert migrated.stays_of(deputy) == [] and migrated.stays_of(veteran) == []
    assert migrated.person(deputy).notes == "Arrive seul.\nHôtel : Résidence de l’ambassadeur"
    assert migrated.person(veteran).notes == "Hôtel : hotel novotel"
    columns = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(person)")}
    assert "hotel" not in columns


def test_a_json_file_of_format_9_has_its_hotel_texts_read_as_stays_or_notes() -> None:
    document = json.loads(json.dumps(visit_to_dict(build_demo())))
    document["version"] = 9
    del document["stays"]
    for venue in document["venues"]:
        del venue["hotel"], venue["room_types"], venue["rooming_language"]
    document["people"][0]["hotel"] = NOVOTEL
    document["people"][1]["hotel"] = "Ailleurs ?"
    back = visit_from_dict(document)
    assert [s.person_id for s in back.stays] == [document["people"][0]["id"]]
    assert back.venue(HOTEL).hotel
    assert back.people[1].notes.endswith("Hôtel : Ailleurs ?")
    document["version"] = 10
    with pytest.raises(InputError, match=r"people\[0\]\.hotel: unknown field"):
        visit_from_dict(document)


def test_the_stays_round_trip_through_the_json_format() -> None:
    data = build_demo()
    document = json.loads(json.dumps(visit_to_dict(data)))
    assert document["version"] >= 10  # the stays came with version 10
    written = next(s for s in document["stays"] if s["id"] == demo_id("stay:kalmykova"))
    assert (written["check_in"], written["check_in_tz"]) == ("2026-05-06T12:00:00Z", "Europe/Paris")
    assert (written["billing"], written["room_number"]) == ("host", "1201")
    back = visit_from_dict(document)
    assert back.stays == data.stays and back.venues == data.venues


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s.update(hotel_id=s["person_id"]), "stays[0].hotel_id: no hotel with id"),
        (lambda s: s.update(room_type_id=s["id"]), "stays[0].room_type_id: no room type"),
        (lambda s: s.update(billing="embassy"), "stays[0].billing: unknown value"),
    ],
)
def test_a_broken_stay_is_refused_with_its_place(change: object, message: str) -> None:
    document = json.loads(json.dumps(visit_to_dict(build_demo())))
    change(document["stays"][0])  # type: ignore[operator]
    with pytest.raises(InputError, match=re.escape(message)):
        visit_from_dict(document)


# --- privacy -------------------------------------------------------------------------------


def test_billing_room_numbers_and_notes_stay_internal_and_a_pack_keeps_its_own() -> None:
    data = build_demo()
    shared = for_profile(data, Profile.SHAREABLE)
    assert {(s.room_number, s.notes, s.billing) for s in shared.stays} == {("", "", Billing.HOST)}
    assert [s.hotel_id for s in shared.stays] == [s.hotel_id for s in data.stays]
    pack = only_own_private(data, person_id("kalmykova"))
    numbers = {s.person_id: s.room_number for s in pack.stays}
    assert numbers[person_id("kalmykova")] == "1201"
    assert numbers[person_id("shymanskyi")] == ""
    assert _stay(data, "shymanskyi").room_number == "1104"  # the visit itself untouched


# --- the checks -----------------------------------------------------------------------------


def test_the_demo_rooming_is_without_findings() -> None:
    assert _kinds(build_demo()) == []


def test_a_guest_without_a_stay_has_no_room_for_the_nights_of_the_visit() -> None:
    data = build_demo()
    data.stays = [s for s in data.stays if s.person_id != person_id("boiko")]
    findings = list(rooming_findings(CheckIndex(data)))
    assert [f.message for f in findings] == [
        "Iryna Boiko has no room for the 3 nights from 6 May to 8 May (no stay)"
    ]
    assert FindingKind.ROOM_MISSING in {f.kind for f in check_plan(data)}


def test_a_night_between_two_hotels_and_a_stay_short_of_the_journey_are_found() -> None:
    data = build_demo()
    first = _stay(data, "boiko")
    first.check_out = datetime(2026, 5, 7, 11, tzinfo=PARIS)
    second = dataclasses.replace(
        first,
        id=demo_id("stay:boiko-2"),
        check_in=datetime(2026, 5, 8, 15, tzinfo=PARIS),
        check_out=datetime(2026, 5, 8, 23, tzinfo=PARIS),
    )
    data.stays.append(second)
    messages = [f.message for f in rooming_findings(CheckIndex(data))]
    assert messages == [
        "Iryna Boiko: stays from 6 May to 8 May, but arrives on 6 May and leaves on 9 May",
        "Iryna Boiko has no room for the night of 7 May",
    ]


def test_a_room_over_its_capacity_and_a_wheelchair_user_upstairs_are_found() -> None:
    data = build_demo()
    _stay(data, "boiko").room_number = "1110"  # the security officers' twin room
    kovalenko = _stay(data, "kovalenko")
    kovalenko.room_type_id = SINGLE
    assert data.person(person_id("kovalenko")).step_free is Need.GIVEN
    findings = list(rooming_findings(CheckIndex(data)))
    assert [f.kind for f in findings] == [
        FindingKind.ROOM_OVER_CAPACITY,
        FindingKind.ROOM_NOT_STEP_FREE,
    ]
    assert findings[0].message.endswith(
        ": 3 in one room for 2 at Novotel Paris Centre Tour Eiffel hotel (1110)"
    )
    assert "Andrii Kovalenko needs a step-free room, but “Single room”" in findings[1].message
    kovalenko.room_type_id = ACCESSIBLE
    _stay(data, "boiko").room_number = ""
    _stay(data, "boiko").room_type_id = TWIN
    _stay(data, "boiko").shares_with_id = person_id("lytvynenko")
    assert _kinds(data) == []


# --- the rooming list ---------------------------------------------------------------------------


def test_names_are_in_latin_script_as_in_the_passport_or_transliterated() -> None:
    data = build_demo()
    assert passport_name(data.person(person_id("kalmykova"))) == ("KALMYKOVA NATALIIA", False)
    minister = dataclasses.replace(
        data.person(person_id("kalmykova")),
        family_name="",
        given_name="",
        accreditation=dataclasses.replace(
            data.person(person_id("kalmykova")).accreditation, passport_name=""
        ),
    )
    assert passport_name(minister) == ("KALMYKOVA NATALIIA", True)


def test_the_list_is_in_the_hotels_language_sorted_by_name_billing_internal_only() -> None:
    data = build_demo()
    (shared,) = rooming_lists(data, [], Profile.SHAREABLE)
    assert shared.lang == "fr"  # a hotel in France
    sheet = sheet_of(data, shared, Profile.SHAREABLE)
    assert sheet.keys[:3] == ["name", "room_type", "room_number"]
    assert "billing" not in sheet.keys and "change" not in sheet.keys
    assert [row[0] for row in sheet.rows][:3] == ["BOIKO IRYNA", "BONDAR TARAS", "HNATIUK MAKSYM"]
    (internal,) = rooming_lists(data, [], Profile.INTERNAL)
    assert "billing" in sheet_of(data, internal, Profile.INTERNAL).keys
    data.venue(HOTEL).rooming_language = "uk"
    (ukrainian,) = rooming_lists(data, [], Profile.SHAREABLE)
    assert ukrainian.lang == "uk"


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    return path


def test_changes_since_the_list_sent_are_marked(demo_file: Path, tmp_path: Path) -> None:
    export_rooming(demo_file, tmp_path / "first.xlsx", sent=True)
    session = VisitSession.open(demo_file)
    boiko = _stay(session.data, "boiko")
    session.apply(SaveEntity(dataclasses.replace(boiko, room_number="1112"), boiko))
    session.apply(delete_operation(session.data, session.data.person(person_id("shevchuk"))))
    session.close()
    done = export_rooming(demo_file, tmp_path / "second.xlsx")
    (rooming,) = done.lists
    assert rooming.since is not None and rooming.since.number == 1
    changes = {r.name: r.change for r in rooming.rows if r.change is not Change.SAME}
    assert changes == {"BOIKO IRYNA": Change.CHANGED, "SHEVCHUK OLENA": Change.REMOVED}
    sheet = load_workbook(tmp_path / "second.xlsx").active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Rooming list — Hôtel Novotel Paris Centre Tour Eiffel"
    # In the hotel's language: French, for a hotel in France.
    assert "changements depuis la liste 1 envoyée le" in values[1][0]
    assert values[2][:3] == [
        "Depuis la dernière liste",
        "Nom (comme au passeport)",
        "Type de chambre",
    ]
    assert values[3][:2] == ["modifié", "BOIKO IRYNA"]
    assert ["retiré", "SHEVCHUK OLENA"] in [v[:2] for v in values]
    # --since by number or by day; an unknown one is said.
    again = export_rooming(demo_file, tmp_path / "third.xlsx", since="1")
    assert again.lists[0].since is not None
    with pytest.raises(InputError, match="neither a list number nor a day"):
        export_rooming(demo_file, tmp_path / "fourth.xlsx", since="last week")


def test_the_pdf_has_a_section_per_hotel_in_its_language(tmp_path: Path) -> None:
    data = build_demo()
    second = dataclasses.replace(
        data.venue(HOTEL),
        id=demo_id("venue:kyiv-hotel"),
        name=LocalizedText(uk="Готель «Дніпро»", en="Dnipro Hotel"),
        country="Україна",
        room_types=[],
    )
    data.venues.append(second)
    late = dataclasses.replace(
        _stay(data, "boiko"),
        id=demo_id("stay:kyiv"),
        hotel_id=second.id,
        room_type_id=None,
        check_in=datetime(2026, 5, 9, 20, tzinfo=PARIS),
        check_out=datetime(2026, 5, 10, 9, tzinfo=PARIS),
    )
    data.stays.append(late)
    path = tmp_path / "two.visit"
    write_visit(path, data)
    export_rooming(path, tmp_path / "two.pdf", Profile.INTERNAL)
    pdf = read_pdf((tmp_path / "two.pdf").read_bytes())
    assert len(pdf.pages) == 2
    assert "Hôtel Novotel Paris Centre Tour Eiffel" in pdf.pages[0]
    assert "KALMYKOVA NATALIIA" in pdf.pages[0]
    assert "Готель «Дніпро»" in pdf.pages[1] and "BOIKO IRYNA" in pdf.pages[1]
    # Each column at least as wide as its longest word: no header is broken in two.
    for word in ("Chambre", "Facturation", "Remarques", "Arrivée", "passeport)"):
        assert word in pdf.pages[0].split(), word
    for word in ("Оплата", "Примітки", "поселення"):
        assert word in pdf.pages[1].split(), word


# --- the command line ---------------------------------------------------------------------


def test_export_rooming_writes_xlsx_and_pdf_without_touching_the_visit(
    demo_file: Path, tmp_path: Path
) -> None:
    before = hashlib.sha256(demo_file.read_bytes()).hexdigest()
    for name in ("list.xlsx", "list.pdf"):
        out = tmp_path / name
        result = run(
            "export-rooming",
            str(demo_file),
            "-o",
            str(out),
            "--hotel",
            "novotel paris centre tour eiffel hotel",
        )
        assert result.returncode == 0, result.stderr
        assert "1 hotel, 11 stays" in result.stdout
        assert out.stat().st_mode & 0o777 == 0o600
    assert hashlib.sha256(demo_file.read_bytes()).hexdigest() == before
    result = run("export-rooming", str(demo_file), "-o", str(tmp_path / "s.xlsx"), "--sent")
    assert result.returncode == 0, result.stderr
    assert "Remembered as sent" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "OUT/list.docx"), "list.docx: a rooming list is written as .xlsx or .pdf"),
        (("-o", "OUT/list.xlsx", "--hotel", "Ritz"), "no hotel named “Ritz” in the visit"),
        (("-o", "OUT/list.xlsx", "--since", "yesterday"), "neither a list number nor a day"),
    ],
)
def test_export_rooming_refuses_bad_input_on_one_line(
    demo_file: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    before = demo_file.read_bytes()
    result = run("export-rooming", str(demo_file), *(a.replace("OUT", str(folder)) for a in args))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(folder.iterdir())
    assert demo_file.read_bytes() == before
    assert read_visit(demo_file).stays == build_demo().stays


# --- the book and the packs ----------------------------------------------------------------


def _book(data: VisitData, profile: Profile, **options: object) -> str:
    from visitplanner.exports.briefing import BriefingOptions, render_briefing

    shown = for_profile(data, profile)
    person = options.get("person_id")
    if isinstance(person, str):
        shown = only_own_private(shown, person)
    pdf = render_briefing(shown, BriefingOptions(profile=profile, lang="en", **options))  # type: ignore[arg-type]
    return read_pdf(pdf).text


def test_the_book_lists_the_hotels_with_room_numbers_and_billing_only_when_internal() -> None:
    data = build_demo()
    internal = _book(data, Profile.INTERNAL, sections=("hotels",))
    assert "Who stays where, in which room, from when to when." in internal
    assert "Suite 1201 Wednesday 6 May 14:00 Saturday 9 May 10:00" in internal
    assert "Billing" in internal and "guest" in internal
    shared = _book(data, Profile.SHAREABLE, sections=("hotels",))
    assert "Suite Wednesday 6 May 14:00" in shared
    assert "1201" not in shared and "Billing" not in shared


def test_a_pack_says_your_hotel_with_the_own_room_number_only() -> None:
    data = build_demo()
    pack = _book(data, Profile.INTERNAL, person_id=person_id("kalmykova"))
    assert "Your hotel Novotel Paris Centre Tour Eiffel hotel — 61 quai de Grenelle" in pack
    assert "Wednesday 6 May 14:00 → Saturday 9 May 10:00 · Suite, 1201" in pack
    assert "1104" not in pack and "Billing" not in pack
    shared = _book(data, Profile.SHAREABLE, person_id=person_id("kalmykova"))
    assert "Saturday 9 May 10:00 · Suite" in shared and "1201" not in shared


def test_an_internal_list_after_a_shareable_one_marks_only_what_changed(
    demo_file: Path, tmp_path: Path
) -> None:
    export_rooming(demo_file, tmp_path / "hotel.xlsx", sent=True)  # shareable: no billing
    done = export_rooming(demo_file, tmp_path / "internal.pdf", Profile.INTERNAL)
    assert {row.change for row in done.lists[0].rows} == {Change.SAME}


# --- the roster's hotel column ---------------------------------------------------------------


def test_the_roster_hotel_column_makes_or_moves_a_stay(demo: VisitSession, tmp_path: Path) -> None:
    from tests.roster_sheets import write_csv
    from visitplanner.services.rosters import apply_import, plan_import, read_roster

    guests = next(
        d
        for d in demo.data.delegations
        if d.id == demo.data.person(person_id("boiko")).delegation_id
    )
    rows = [
        ["Nom", "Prénom", "Hôtel", "Délégation"],
        [
            "Dupont",
            "Marie",
            "HOTEL NOVOTEL PARIS CENTRE TOUR EIFFEL, 61 quai de Grenelle",
            guests.name.fr,
        ],
        ["Boiko", "Iryna", "Hôtel Novotel Paris Centre Tour Eiffel", guests.name.fr],
    ]
    plan = plan_import(demo.data, read_roster(write_csv(tmp_path / "r.csv", rows)))
    assert plan.warnings == []
    ((made, before),) = plan.stays  # Iryna Boiko already stays there: nothing for her
    assert before is None and made.hotel_id == HOTEL
    apply_import(demo, plan)
    dupont = next(p for p in demo.data.people if p.family_name == "Dupont")
    assert [s.hotel_id for s in demo.data.stays_of(dupont.id)] == [HOTEL]
    demo.undo()
    assert len(demo.data.stays) == 11
