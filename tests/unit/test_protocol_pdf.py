"""Place cards, seating chart and placement diagram as PDFs: text, fonts, pages, privacy."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import Flowable

from visitplanner.demo import build_demo
from visitplanner.domain.arrangements import SeatSide, TableShape
from visitplanner.domain.lookup import find_event
from visitplanner.domain.model import VisitData
from visitplanner.domain.table_geometry import reseat
from visitplanner.exports.pdf_layout import Notes
from visitplanner.exports.place_cards import cards_for
from visitplanner.exports.protocol_pdf import (
    ceremony_pdf,
    seating_pdf,
    write_seating_pdf,
)
from visitplanner.exports.seating_chart import TableDrawing, seating_chart_flowables

pytestmark = pytest.mark.skipif(
    not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists()
    and not (Path(__file__).parents[2] / "visitplanner/resources/fonts/DejaVuSans.ttf").exists(),
    reason="the DejaVu fonts are not installed (apt-get install fonts-dejavu-core)",
)


@pytest.fixture(scope="module")
def demo() -> VisitData:
    return build_demo()


def _text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_place_cards_carry_civility_both_scripts_and_title(demo: VisitData) -> None:
    dinner = find_event(demo, "Dîner de travail")
    pdf = seating_pdf(demo, dinner, "fr")
    reader = PdfReader(io.BytesIO(pdf))
    sheets = math.ceil(len(dinner.participant_ids) / 2)
    assert len(reader.pages) > sheets
    first = reader.pages[0]
    assert (float(first.mediabox.width), float(first.mediabox.height)) == pytest.approx(A4)
    pages = _text(pdf)
    cards = "\n".join(pages[:sheets])
    for expected in (
        "Natalia KALMYKOVA",
        "Наталія КАЛМИКОВА",
        "Madame",
        "Ministre des Anciens combattants d’Ukraine",
        "Alice RUFO",
        "Monsieur",
        "plier",  # the fold, in the cards' language
        "Table d’honneur, place 1",
    ):
        assert expected in cards, expected
    # Each name is printed twice on its card: once upright, once upside down.
    assert cards.count("Natalia KALMYKOVA") == 2
    chart = "\n".join(pages[sheets:])
    assert "Table d’honneur" in chart and "KALMYKOVA" in chart and "RUFO" in chart


def test_cards_in_ukrainian_use_the_ukrainian_civility_and_title(demo: VisitData) -> None:
    dinner = find_event(demo, "Dîner de travail")
    cards = {card.name: card for card in cards_for(demo, dinner, "uk")}
    kalmykova = cards["Natalia KALMYKOVA"]
    assert kalmykova.civility == "Пані Міністерко"  # her form of address on a card
    assert kalmykova.title == "Міністр у справах ветеранів України"
    assert kalmykova.native_name == "Наталія КАЛМИКОВА"
    assert "Стіл" in kalmykova.seat or "Table" in kalmykova.seat or kalmykova.seat


def test_every_text_is_set_in_the_embedded_dejavu_fonts(demo: VisitData) -> None:
    pdf = seating_pdf(demo, find_event(demo, "Dîner de travail"), "uk")
    used = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"]["/Font"]
        for name in re.findall(rb"/(\S+) [\d.]+ Tf", page.get_contents().get_data()):
            used.add(str(fonts["/" + name.decode()].get_object()["/BaseFont"]))
    # reportlab lists Helvetica in every page's resources, but no text is set in it.
    assert used == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"}


def test_the_ceremony_pdf_has_the_running_order_wreaths_and_placement(demo: VisitData) -> None:
    ceremony = find_event(demo, "Cérémonie commémorative")
    text = "\n".join(_text(ceremony_pdf(demo, ceremony, "en")))
    for expected in ("Sonnerie aux morts", "Wreath party", "Row 1", "KALMYKOVA", "♿"):
        assert expected in text, expected


def test_the_chart_flowables_serve_the_briefing_book(demo: VisitData) -> None:
    notes = Notes()
    flowables = seating_chart_flowables(
        demo, find_event(demo, "Dîner de travail"), "fr", notes=notes
    )
    assert flowables and all(isinstance(f, Flowable) for f in flowables)
    assert not len(notes)  # the demo's names fit their seats


def test_the_pdf_is_written_for_its_owner_only(demo: VisitData, tmp_path: Path) -> None:
    path = tmp_path / "cards.pdf"
    write_seating_pdf(path, demo, find_event(demo, "Dîner de travail"), "fr")
    assert path.read_bytes().startswith(b"%PDF") and path.stat().st_mode & 0o777 == 0o600


def test_a_meal_without_a_plan_still_prints_its_cards(demo: VisitData) -> None:
    lunch = next(e for e in demo.events if e.kind.value == "meal" and e.seating is None)
    text = "\n".join(_text(seating_pdf(demo, lunch, "fr")))
    assert "KALMYKOVA" in text


@pytest.mark.parametrize(
    ("lang", "marking", "page_words"),
    [
        ("fr", "DIFFUSION RESTREINTE", "page {page} sur {total}"),
        ("uk", "ДЛЯ СЛУЖБОВОГО КОРИСТУВАННЯ", "сторінка {page} з {total}"),
        ("en", "RESTRICTED", "page {page} of {total}"),
    ],
)
def test_every_chart_page_carries_the_marking_top_and_foot_its_number_and_the_date(
    demo: VisitData, lang: str, marking: str, page_words: str
) -> None:
    ceremony = find_event(demo, "Cérémonie commémorative")
    reader = PdfReader(io.BytesIO(ceremony_pdf(demo, ceremony, lang)))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        lines = page.extract_text().splitlines()
        assert lines.count(marking) == 2, (number, lines[-4:])  # at the top and at the foot
        assert page_words.format(page=number, total=total) in lines
    info = reader.metadata
    assert info is not None and info.title and info.subject and info.author
    assert info.title == ceremony.title.get(lang, "fr")  # the ceremony, in the sheet's language
    assert (
        reader.trailer["/Root"].get("/Lang") == {"fr": "fr-FR", "uk": "uk-UA", "en": "en-GB"}[lang]
    )


def test_place_cards_fill_their_sheet_and_the_chart_pages_are_furnished(demo: VisitData) -> None:
    dinner = find_event(demo, "Dîner de travail")
    pages = _text(seating_pdf(demo, dinner, "fr"))
    sheets = math.ceil(len(dinner.participant_ids) / 2)
    assert not any("DIFFUSION RESTREINTE" in page for page in pages[:sheets])
    assert all(page.count("DIFFUSION RESTREINTE") == 2 for page in pages[sheets:])
    assert f"page {len(pages)} sur {len(pages)}" in pages[-1]
    assert "Imprimé le" in pages[-1]


def test_a_long_name_without_given_name_takes_two_lines_of_its_box_not_a_smaller_size(
    demo: VisitData,
) -> None:
    """The press area's organisation ("Centre médias du ministère des Armées …") read
    "CENTRE MÉ…" shrunk on one line; it now fills the box's two lines at 7 pt, the note
    giving it whole."""
    ceremony = find_event(demo, "Cérémonie commémorative")
    placement = _text(ceremony_pdf(demo, ceremony, "fr"))[-1]
    lines = placement.splitlines()
    assert "CENTRE" in lines
    assert any(line.startswith("MÉDIAS DU") and line.endswith("…¹") for line in lines)
    assert "1. CENTRE MÉDIAS DU MINISTÈRE DES ARMÉES ET DES ANCIENS COMBATTANTS" in placement


def test_a_person_known_only_in_cyrillic_gets_a_latin_face_by_transliteration(
    demo: VisitData,
) -> None:
    import copy

    data = copy.deepcopy(demo)
    dinner = find_event(data, "Dîner de travail")
    assert dinner.seating is not None
    seated = next(p for p in data.people if p.id in set(dinner.seating.seated_ids()))
    seated.family_name, seated.given_name = "", ""
    seated.family_name_native, seated.given_name_native = "Ткачук", "Дмитро"
    card = next(c for c in cards_for(data, dinner, "fr") if "ТКАЧУК" in c.native_name)
    assert card.name == "Dmytro TKACHUK"  # the national transliteration, as the import
    assert card.native_name == "Дмитро ТКАЧУК"


def test_the_seating_pdf_ends_with_the_guests_in_alphabetical_order_for_the_door(
    demo: VisitData,
) -> None:
    dinner = find_event(demo, "Dîner de travail")
    assert dinner.seating is not None
    pages = _text(seating_pdf(demo, dinner, "fr"))
    door = next(
        i for i, page in enumerate(pages) if "pour l’accueil" in page or "for the door" in page
    )
    lines = "\n".join(pages[door:]).splitlines()
    people = {p.id: p for p in demo.people}
    families = sorted(
        (people[i].family_name or people[i].family_name_native).upper()
        for i in dinner.seating.seated_ids()
    )
    found = [line.split()[0] for line in lines if line.split() and line.split()[0] in families]
    assert found == sorted(found) and set(found) == set(families)


@pytest.mark.parametrize(
    ("shape", "counts", "caption"),
    [
        (
            TableShape.IMPERIAL,
            {SeatSide.NORTH: 7, SeatSide.SOUTH: 7, SeatSide.WEST: 1, SeatSide.EAST: 1},
            "table impériale, places : 16",
        ),
        (
            TableShape.U,
            {SeatSide.NORTH: 6, SeatSide.SOUTH: 2, SeatSide.WEST: 4, SeatSide.EAST: 4},
            "table en U, places : 16",
        ),
    ],
)
def test_imperial_and_u_tables_are_drawn_in_their_shape_with_every_seat(
    shape: TableShape, counts: dict[SeatSide, int], caption: str
) -> None:
    """They were drawn as long tables, their end and arm seats piled at the ends. Now
    the chart takes the room plan's outline and seats: every seat's number is drawn,
    and the sitters of the inner side of a U are named inside it."""
    data = build_demo()
    dinner = find_event(data, "Dîner de travail")
    assert dinner.seating is not None
    table = dinner.seating.tables[0]
    table.shape = shape
    reseat(table, counts)
    drawing = TableDrawing(table, {p.id: p for p in data.people}, frozenset(), 26 * cm, Notes())
    points = [p for _seat, p in drawing.footprint.seats]
    assert len(points) == 16 and len(set(points)) == 16  # no two seats at one place
    assert drawing.height <= 11 * cm  # half a landscape page at most
    chart = next(page for page in _text(seating_pdf(data, dinner, "fr")) if caption in page)
    assert all(str(n) in chart.split() for n in range(1, 17))
    sitters = [data.person(s.person_id) for s in table.seats if s.person_id]
    inner = [p for s, p in zip(table.seats, sitters, strict=False) if s.side is SeatSide.SOUTH]
    for person in inner if shape is TableShape.U else sitters:
        assert person.family_name.upper() in chart, person.family_name
