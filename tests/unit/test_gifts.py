"""The gifts register: gifts kept in the file and the JSON format, undone with the same
ids, private where they hold values and declarations, checked against the visit's
declaration threshold, printed in the internal book only, exported by the command line."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.integration.test_cli import run
from tests.pdfread import read_pdf
from visitplanner.demo import build_demo
from visitplanner.demo.common import demo_id, event_id, person_id
from visitplanner.domain.checks import CheckIndex, FindingKind, check_plan
from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.gift_checks import gift_findings
from visitplanner.domain.gifts import Gift, GiftStatus
from visitplanner.domain.model import VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import EventStatus, LocalizedText, Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.gifts import gifts_table
from visitplanner.exports.visit_json import visit_to_dict
from visitplanner.imports.visit_json import visit_from_dict
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.gifts import threshold_operation
from visitplanner.services.visit_files import read_visit

RUSHNYK = demo_id("gift:rushnyk")
MEDAL = demo_id("gift:medal")


def _gift(data: VisitData, ident: str) -> Gift:
    return next(g for g in data.gifts if g.id == ident)


# --- the entity -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": -1}, "value cannot be negative"),
        ({"currency": "euro"}, "three capital letters"),
        ({"declared_on": build_demo().visit.start_date}, "not declared"),
    ],
)
def test_a_gift_refuses_what_makes_no_sense(fields: dict[str, object], message: str) -> None:
    with pytest.raises(DomainError, match=message):
        Gift(**fields)  # type: ignore[arg-type]


# --- the file, undo ------------------------------------------------------------------------


def test_the_demo_register_is_kept_in_the_file(demo: VisitSession) -> None:
    assert demo.data.gifts == build_demo().gifts
    assert demo.data.visit.gift_threshold == 150
    assert demo.data.visit.gift_currency == "EUR"


def test_adding_editing_deleting_a_gift_is_undone_with_the_same_id(demo: VisitSession) -> None:
    new = Gift(
        description=LocalizedText(fr="Stylo", en="Pen"),
        giver_id=person_id("rufo"),
        recipient_name="Ambassade d’Ukraine",
        value=200,
        currency="UAH",
    )
    demo.apply(SaveEntity(new))
    assert _gift(demo.data, new.id) == new
    edited = dataclasses.replace(new, status=GiftStatus.GIVEN, declared=True)
    demo.apply(SaveEntity(edited, new))
    assert _gift(demo.data, new.id).status is GiftStatus.GIVEN
    demo.apply(delete_operation(demo.data, _gift(demo.data, new.id)))
    assert new.id not in {g.id for g in demo.data.gifts}
    demo.undo()
    assert _gift(demo.data, new.id) == edited
    demo.undo()
    demo.undo()
    assert new.id not in {g.id for g in demo.data.gifts}
    demo.redo()
    assert _gift(demo.data, new.id) == new


def test_deleting_a_person_or_an_event_keeps_the_gift_and_undo_links_it_again(
    demo: VisitSession,
) -> None:
    demo.apply(delete_operation(demo.data, demo.data.person(person_id("rufo"))))
    kept = _gift(demo.data, RUSHNYK)
    assert kept.recipient_id is None
    assert _gift(demo.data, MEDAL).giver_id is None
    demo.apply(delete_operation(demo.data, demo.data.event(event_id("dinner"))))
    assert _gift(demo.data, RUSHNYK).event_id is None
    demo.undo()
    demo.undo()
    assert _gift(demo.data, RUSHNYK) == _gift(build_demo(), RUSHNYK)
    assert _gift(demo.data, MEDAL) == _gift(build_demo(), MEDAL)


def test_the_threshold_is_one_undoable_edit_of_the_visit(demo: VisitSession) -> None:
    assert threshold_operation(demo.data, 150, "EUR") is None  # nothing changes
    operation = threshold_operation(demo.data, 100, "EUR")
    assert operation is not None
    demo.apply(operation)
    assert demo.data.visit.gift_threshold == 100
    assert [f.kind for f in check_plan(demo.data)] == [FindingKind.GIFT_UNDECLARED]
    demo.undo()
    assert demo.data.visit.gift_threshold == 150


# --- JSON ---------------------------------------------------------------------------------


def test_the_register_round_trips_through_the_json_format() -> None:
    data = build_demo()
    _gift(data, MEDAL).declared = True
    _gift(data, MEDAL).declared_on = data.visit.end_date
    document = json.loads(json.dumps(visit_to_dict(data)))
    assert document["version"] >= 7  # gifts since format version 7
    assert document["visit"]["gift_threshold"] == 150
    written = document["gifts"][1]
    assert written["id"] == MEDAL
    assert (written["status"], written["value"], written["declared_on"]) == (
        "bought",
        45,
        "2026-05-09",
    )
    back = visit_from_dict(document)
    assert back.gifts == data.gifts
    assert back.visit == data.visit


def test_a_file_of_format_6_reads_without_gifts() -> None:
    document = json.loads(json.dumps(visit_to_dict(build_demo())))
    document["version"] = 6
    del document["gifts"]
    del document["visit"]["gift_threshold"], document["visit"]["gift_currency"]
    back = visit_from_dict(document)
    assert back.gifts == []
    assert (back.visit.gift_threshold, back.visit.gift_currency) == (None, "EUR")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.update(recipient_id=g["id"]), "gifts[0].recipient_id: no person with id"),
        (lambda g: g.update(event_id=g["giver_id"]), "gifts[0].event_id: no event with id"),
        (lambda g: g.update(status="lost"), "gifts[0].status: unknown value"),
        (lambda g: g.update(currency="€"), "gifts[0]: a currency is three capital letters"),
    ],
)
def test_a_broken_gift_is_refused_with_its_place(change: object, message: str) -> None:
    document = json.loads(json.dumps(visit_to_dict(build_demo())))
    change(document["gifts"][0])  # type: ignore[operator]
    with pytest.raises(InputError, match=re.escape(message)):
        visit_from_dict(document)


# --- privacy --------------------------------------------------------------------------------


def test_the_shareable_profile_keeps_who_gives_what_and_empties_the_rest() -> None:
    data = build_demo()
    _gift(data, MEDAL).declared = True
    shared = for_profile(data, Profile.SHAREABLE)
    for gift, original in zip(shared.gifts, data.gifts, strict=True):
        assert (gift.description, gift.giver_id, gift.recipient_id, gift.event_id) == (
            original.description,
            original.giver_id,
            original.recipient_id,
            original.event_id,
        )
        assert (gift.value, gift.currency, gift.keeper_id) == (None, "", None)
        assert (gift.declared, gift.declared_on, gift.notes) == (False, None, "")
    assert shared.visit.gift_threshold is None
    assert _gift(data, MEDAL).value == 45  # the visit itself is untouched
    assert for_profile(data, Profile.INTERNAL).gifts == data.gifts


def test_the_shareable_register_has_no_value_column_nor_value() -> None:
    data = build_demo()
    shared = gifts_table(data, Profile.SHAREABLE, "en")
    assert shared.headers == ["Date", "Event", "Giver", "Recipient", "Gift", "Status"]
    cells = {str(c) for row in shared.rows for c in row}
    assert not {"120", "45", "EUR", "Maksym HNATIUK", "Thomas GARNIER"} & cells
    internal = gifts_table(data, Profile.INTERNAL, "en")
    assert internal.rows[0][4:9] == [
        "Embroidered Poltava rushnyk and a book on the art of Ukrainian veterans",
        "wrapped",
        120,
        "EUR",
        "Maksym HNATIUK",
    ]


# --- the check --------------------------------------------------------------------------------


def _findings(data: VisitData) -> list[str]:
    return [f.message for f in gift_findings(CheckIndex(data))]


def test_a_host_official_given_a_gift_above_the_threshold_must_declare_it() -> None:
    data = build_demo()
    assert _findings(data) == []  # 120 EUR: under the threshold
    rushnyk = _gift(data, RUSHNYK)
    rushnyk.value = 151
    assert _findings(data) == [
        "Alice Rufo receives “Embroidered Poltava rushnyk and a book on the art of Ukrainian "
        "veterans” (151 EUR), above the declaration threshold (150 EUR), and it is not "
        "declared (“Working dinner of the two delegations”, 06/05 20:00)"
    ]
    finding = next(iter(gift_findings(CheckIndex(data))))
    assert finding.person_ids == (person_id("rufo"),)
    assert finding.event_ids == (event_id("dinner"),)
    assert finding.gift_ids == (RUSHNYK,)
    assert finding.to_dict()["gifts"] == [RUSHNYK]
    rushnyk.declared = True
    assert _findings(data) == []


def test_what_the_check_leaves_alone_and_what_it_cannot_compare() -> None:
    data = build_demo()
    medal = _gift(data, MEDAL)
    medal.value = 5000  # received by the guest minister: not a host official
    rushnyk = _gift(data, RUSHNYK)
    rushnyk.value = 150  # at the threshold, not above
    assert _findings(data) == []
    rushnyk.value, rushnyk.currency = 4000, "UAH"  # cannot be compared offline
    assert "compare with the declaration threshold (150 EUR)" in _findings(data)[0]
    data.event(event_id("dinner")).status = EventStatus.CANCELLED
    assert _findings(data) == []
    data.visit.gift_threshold = None
    data.event(event_id("dinner")).status = EventStatus.CONFIRMED
    assert _findings(data) == []


# --- the book ----------------------------------------------------------------------------------


def _book(data: VisitData, profile: Profile, **options: object) -> str:
    shown = for_profile(data, profile)
    pdf = render_briefing(shown, BriefingOptions(profile=profile, lang="en", **options))  # type: ignore[arg-type]
    return read_pdf(pdf).text


def test_the_internal_book_has_the_gifts_sheet_and_no_other_does() -> None:
    data = build_demo()
    internal = _book(data, Profile.INTERNAL, sections=("cover", "gifts"))
    assert "Who gives what to whom" in internal
    assert "Commemorative medal of 8 May 1945 in its case" in internal
    assert "120 EUR" in internal and "Thomas GARNIER" in internal
    shared = _book(data, Profile.SHAREABLE)
    assert "Who gives what to whom" not in shared and "120 EUR" not in shared
    pack = _book(data, Profile.INTERNAL, person_id=person_id("kalmykova"))
    assert "Who gives what to whom" not in pack and "120 EUR" not in pack


# --- the command line -----------------------------------------------------------------------------


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    from visitplanner.services.visit_files import write_visit

    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    return path


def test_export_gifts_writes_a_shareable_csv_and_an_internal_xlsx(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "gifts.csv"
    result = run("export-gifts", str(demo_file), "-o", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "3 gifts, shareable" in result.stdout
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Date", "Event", "Giver", "Recipient", "Gift", "Status"]
    assert rows[1][:4] == [
        "2026-05-06",
        "Working dinner of the two delegations",
        "Natalia KALMYKOVA",
        "Alice RUFO",
    ]
    assert "120" not in out.read_text(encoding="utf-8-sig")
    assert out.stat().st_mode & 0o777 == 0o600
    book = tmp_path / "gifts.xlsx"
    result = run("export-gifts", str(demo_file), "-o", str(book), "--profile", "internal")
    assert result.returncode == 0, result.stderr
    sheet = load_workbook(book).active
    assert sheet is not None
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][6:9] == [120, "EUR", "Maksym HNATIUK"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-o", "OUT/gifts.pdf"), "gifts.pdf: the gifts register is written as .csv or .xlsx"),
        (("-o", "OUT/gifts.csv", "--profile", "secret"), "invalid Profile value"),
    ],
)
def test_export_gifts_refuses_bad_input_on_one_line(
    demo_file: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = run("export-gifts", str(demo_file), *(a.replace("OUT", str(folder)) for a in args))
    assert result.returncode == 2
    assert message in result.stderr
    assert not list(folder.iterdir())
    assert read_visit(demo_file).gifts == build_demo().gifts


def test_export_gifts_of_a_missing_visit_says_so(tmp_path: Path) -> None:
    result = run("export-gifts", str(tmp_path / "none.visit"), "-o", str(tmp_path / "g.csv"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
