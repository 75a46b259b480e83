"""Emergency contacts and numbered copies: kept in the file and the JSON format, undone
with the same ids, the contacts shared and the distribution list internal, the check of
a day without a hospital, the pages of the book and the packs, `briefing --copies`."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from tests.integration.test_cli import run
from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id
from visitplanner.domain.checks import FindingKind, check_plan
from visitplanner.domain.contacts import Contact, DayHospital, EmergencyContacts
from visitplanner.domain.copies import BookCopy
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.model import VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import EventStatus, Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.visit_json import visit_to_dict
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.copies import (
    copy_operation,
    copy_paths,
    emergency_operation,
    holders_from_lines,
    print_copies,
)
from visitplanner.services.visit_files import read_visit, write_visit

MAY_8 = date(2026, 5, 8)


def _copy(number: int = 3, **fields: object) -> BookCopy:
    return BookCopy(number=number, total=12, printed_on=date(2026, 5, 5), **fields)  # type: ignore[arg-type]


# --- the domain and the file ----------------------------------------------------------------


def test_a_copy_and_the_hospitals_refuse_what_makes_no_sense() -> None:
    with pytest.raises(DomainError, match="numbered from 1"):
        _copy(13)
    with pytest.raises(DomainError, match="one nearest hospital"):
        EmergencyContacts(hospitals=(DayHospital(MAY_8, "A"), DayHospital(MAY_8, "B")))


def test_a_hospital_set_for_a_day_replaces_that_days_and_an_empty_one_takes_it_out() -> None:
    contacts = build_demo().visit.emergency
    changed = contacts.with_hospital(DayHospital(MAY_8, "Hôpital Bichat"))
    assert changed.hospital_on(MAY_8) == DayHospital(MAY_8, "Hôpital Bichat")
    assert [h.day for h in changed.hospitals] == [h.day for h in contacts.hospitals]
    assert changed.with_hospital(DayHospital(MAY_8)).hospital_on(MAY_8) is None


def test_the_demo_contacts_are_kept_in_the_file(demo: VisitSession) -> None:
    emergency = demo.data.visit.emergency
    assert emergency == build_demo().visit.emergency
    assert emergency.embassy.address == "21 avenue de Saxe, 75007 Paris"
    assert [h.day.day for h in emergency.hospitals] == [6, 7, 8, 9]


def test_editing_the_contacts_is_one_edit_undone_and_redone(demo: VisitSession) -> None:
    before = demo.data.visit.emergency
    edited = dataclasses.replace(
        before.with_hospital(DayHospital(MAY_8, "Hôpital Beaujon", "", "+33 1 99 00 14 00")),
        duty_officer=Contact("Lt Paul Arnaud", "", "+33 1 99 00 12 25"),
    )
    assert emergency_operation(demo.data, before) is None  # nothing changes
    operation = emergency_operation(demo.data, edited)
    assert operation is not None
    visit_id = demo.data.visit.id
    demo.apply(operation)
    assert demo.data.visit.emergency == edited
    assert demo.data.visit.id == visit_id
    demo.undo()
    assert demo.data.visit.emergency == before
    demo.redo()
    assert demo.data.visit.emergency.hospital_on(MAY_8).name == "Hôpital Beaujon"  # type: ignore[union-attr]


def test_a_copy_is_added_edited_deleted_and_undone_with_the_same_id(demo: VisitSession) -> None:
    new = _copy(holder_id=person_id("morel"))
    demo.apply(SaveEntity(new))
    assert demo.data.copies == [new]
    back = dataclasses.replace(new, returned_on=date(2026, 5, 10))
    operation = copy_operation(demo.data, back)
    assert operation is not None and copy_operation(demo.data, new) is None
    demo.apply(operation)
    # Deleting the holder keeps the copy in the list, its holder cut; undo links it again.
    demo.apply(delete_operation(demo.data, demo.data.person(person_id("morel"))))
    assert demo.data.copies[0].holder_id is None
    demo.undo()
    assert demo.data.copies == [back]
    demo.apply(delete_operation(demo.data, demo.data.copies[0]))
    assert demo.data.copies == []
    demo.undo()
    assert demo.data.copies == [back] and demo.data.copies[0].id == new.id


# --- the JSON format and privacy -------------------------------------------------------------


def _with_copies(data: VisitData) -> VisitData:
    data.copies = [_copy(1, holder_id=person_id("morel")), _copy(2, holder_name="Service courrier")]
    return data


def test_contacts_and_copies_round_trip_through_the_json_format() -> None:
    data = _with_copies(build_demo())
    document = json.loads(json.dumps(visit_to_dict(data)))
    assert document["visit"]["emergency"]["hospitals"][2] == {
        "day": "2026-05-08",
        "name": "Hôpital d’instruction des armées Bégin",
        "address": "69 avenue de Paris, 94160 Saint-Mandé",
        "phone": "+33 1 99 00 13 22",
    }
    assert document["copies"][1]["holder_name"] == "Service courrier"
    back = visit_from_dict(document)
    assert back.visit == data.visit
    assert back.copies == data.copies


def test_a_file_of_format_7_reads_without_contacts_nor_copies() -> None:
    document = json.loads(json.dumps(visit_to_dict(_with_copies(build_demo()))))
    document["version"] = 7
    del document["copies"], document["visit"]["emergency"]
    back = visit_from_dict(document)
    assert back.copies == [] and back.visit.emergency == EmergencyContacts()


def test_a_copy_held_by_no_one_of_the_visit_is_refused_with_its_place() -> None:
    document = json.loads(json.dumps(visit_to_dict(_with_copies(build_demo()))))
    document["copies"][0]["holder_id"] = document["copies"][1]["id"]
    with pytest.raises(InputError, match=r"copies\[0\]\.holder_id: no person with id"):
        visit_from_dict(document)


def test_the_shareable_profile_keeps_the_contacts_and_drops_the_distribution_list() -> None:
    data = _with_copies(build_demo())
    shared = for_profile(data, Profile.SHAREABLE)
    assert shared.copies == []
    assert shared.visit.emergency == data.visit.emergency
    assert for_profile(data, Profile.INTERNAL).copies == data.copies
    assert visit_to_dict(shared)["copies"] == []


# --- the check ----------------------------------------------------------------------------


def test_a_day_with_events_and_no_hospital_and_no_duty_officer_are_warnings() -> None:
    data = build_demo()
    assert check_plan(data) == []
    emergency = data.visit.emergency
    data.visit.emergency = dataclasses.replace(
        emergency.with_hospital(DayHospital(MAY_8)), duty_officer=Contact()
    )
    found = [(f.kind, f.severity.value) for f in check_plan(data)]
    assert found == [
        (FindingKind.NO_DUTY_OFFICER, "warning"),
        (FindingKind.NO_HOSPITAL, "warning"),
    ]
    assert "Friday, 8 May 2026" in check_plan(data)[1].message
    # A day whose every event is cancelled needs no hospital.
    for event in data.events:
        if event.start.date() == MAY_8:
            event.status = EventStatus.CANCELLED
    assert [f.kind for f in check_plan(data)] == [FindingKind.NO_DUTY_OFFICER]


# --- the pages ----------------------------------------------------------------------------


def _book(data: VisitData, profile: Profile, lang: str = "en", **options: object) -> list[str]:
    shown = for_profile(data, profile)
    pdf = render_briefing(shown, BriefingOptions(profile=profile, lang=lang, **options))  # type: ignore[arg-type]
    return read_pdf(pdf).pages


@pytest.mark.parametrize(
    ("lang", "title", "duty"),
    [
        ("en", "Emergency contacts", "24-hour duty officer"),
        ("fr", "Contacts d’urgence", "Permanence 24 h/24"),
        ("uk", "Екстрені контакти", "Цілодобовий черговий"),
    ],
)
def test_the_book_and_a_pack_print_the_emergency_contacts(lang: str, title: str, duty: str) -> None:
    data = build_demo()
    for person in (None, person_id("kovalenko")):
        pages = _book(data, Profile.SHAREABLE, lang, person_id=person)
        page = next(p for p in pages if title in p and duty in p)
        text = " ".join(page.split())
        assert "Ambassade d’Ukraine en France" in text
        assert "Hôpital d’instruction des armées Bégin" in text
        # A phone number is never broken across lines.
        assert "+33\u00a01\u00a099\u00a000\u00a013\u00a022" in page or "+33 1 99 00 13 22" in page
        assert "+33 1 99 00 13 22" in text


def test_the_distribution_list_is_in_the_internal_book_only() -> None:
    data = _with_copies(build_demo())
    internal = "\n".join(_book(data, Profile.INTERNAL, sections=("cover", "distribution")))
    assert "Distribution list" in internal and "Service courrier" in internal
    assert "Julien MOREL" in internal
    shared = "\n".join(_book(data, Profile.SHAREABLE))
    assert "Distribution list" not in shared and "Service courrier" not in shared
    pack = "\n".join(_book(data, Profile.INTERNAL, person_id=person_id("morel")))
    assert "Distribution list" not in pack and "Service courrier" not in pack


# --- numbered copies -------------------------------------------------------------------------


def test_copies_are_named_to_sort_in_order() -> None:
    assert [p.name for p in copy_paths(Path("BOOK.pdf"), 3)] == [
        "BOOK-01.pdf",
        "BOOK-02.pdf",
        "BOOK-03.pdf",
    ]
    assert copy_paths(Path("b.pdf"), 120)[0].name == "b-001.pdf"


def test_holders_are_people_of_the_visit_or_names_written_freely() -> None:
    data = build_demo()
    assert holders_from_lines(data, ["Julien Morel", "", "Cabinet du ministre"]) == [
        (person_id("morel"), ""),
        (None, ""),
        (None, "Cabinet du ministre"),
    ]


def test_print_copies_numbers_every_page_and_records_each_copy(
    demo: VisitSession, tmp_path: Path
) -> None:
    options = BriefingOptions(profile=Profile.INTERNAL, lang="fr", sections=("cover", "emergency"))
    holders = [(person_id("morel"), ""), (None, "Service courrier")]
    result = print_copies(demo, tmp_path / "BOOK.pdf", options, 3, holders, date(2026, 5, 5))
    assert [p.name for p in result.paths] == ["BOOK-01.pdf", "BOOK-02.pdf", "BOOK-03.pdf"]
    second = read_pdf(result.paths[1].read_bytes())
    for page in second.pages:
        # At the top and at the foot of every page.
        assert page.replace("\xa0", " ").count("Exemplaire n° 2 / 3") >= 2, page
    copies = sorted(demo.data.copies, key=lambda c: c.number)
    assert [(c.number, c.total, c.holder_id, c.holder_name) for c in copies] == [
        (1, 3, person_id("morel"), ""),
        (2, 3, None, "Service courrier"),
        (3, 3, None, ""),
    ]
    assert copies[0].edition == "fr · internal" and copies[0].printed_on == date(2026, 5, 5)
    demo.undo()  # the copies are one edit
    assert demo.data.copies == []


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    return path


def test_briefing_copies_writes_numbered_private_files_and_records_them(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holders = tmp_path / "holders.txt"
    holders.write_text("Julien Morel\nCabinet du ministre\n", encoding="utf-8")
    result = run(
        "briefing", str(demo_file), "-o", str(out / "BOOK.pdf"), "--copies", "3",
        "--profile", "internal", "--lang", "uk", "--sections", "cover,distribution",
        "--copy-holders", str(holders),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "3 numbered copies written" in result.stdout
    files = sorted(out.iterdir())
    assert [f.name for f in files] == ["BOOK-01.pdf", "BOOK-02.pdf", "BOOK-03.pdf"]
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    third = read_pdf(files[2].read_bytes())
    assert "Примірник № 3 / 3" in third.pages[0].replace("\xa0", " ")
    assert "Cabinet du ministre" in third.text  # the distribution list names every holder
    recorded = read_visit(demo_file).copies
    assert sorted((c.number, c.holder_name) for c in recorded) == [
        (1, ""),
        (2, "Cabinet du ministre"),
        (3, ""),
    ]
    assert recorded[0].holder_id == person_id("morel")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--copies", "0"), "the number of copies is a whole number from 1 to 999: 0"),
        (("--copies", "x"), "the number of copies is a whole number from 1 to 999: x"),
        (("--to", "Julien Morel"), "--to and --copy-holders name the holders of --copies N"),
        (("--copies", "1", "--to", "Morel", "Rufo"), "2 holders for 1 copies"),
    ],
)
def test_briefing_copies_refuses_bad_input_on_one_line(
    demo_file: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = run("briefing", str(demo_file), "-o", str(out / "BOOK.pdf"), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not list(out.iterdir())
    assert read_visit(demo_file).copies == []
