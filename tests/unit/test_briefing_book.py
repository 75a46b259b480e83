"""The demo's briefing book read back: names in both scripts, the ceremony's running order,
"page X of Y" in each language, contents and bookmarks, embedded fonts."""

from __future__ import annotations

import re

import pytest

from tests.pdfread import ReadPdf, read_pdf
from visitplanner.demo import build_demo
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.pdf_fonts import missing_glyphs

PAGE_WORDS = {
    "fr": r"page (\d+) sur (\d+)",
    "uk": r"сторінка (\d+) з (\d+)",
    "en": r"page (\d+) of (\d+)",
}


@pytest.fixture(scope="module", params=["fr", "uk", "en"])
def book(request: pytest.FixtureRequest) -> tuple[str, ReadPdf]:
    lang = request.param
    data = for_profile(build_demo(), Profile.SHAREABLE)
    return lang, read_pdf(render_briefing(data, BriefingOptions(lang=lang)))


def test_every_page_says_page_x_of_y_in_the_books_language(book: tuple[str, ReadPdf]) -> None:
    lang, pdf = book
    total = len(pdf.pages)
    assert total > 20
    for number in range(1, total + 1):
        found = re.findall(PAGE_WORDS[lang], pdf.page_text(number))
        assert (str(number), str(total)) in found, f"page {number}: {found}"


def test_names_print_in_both_scripts_family_names_in_capitals(book: tuple[str, ReadPdf]) -> None:
    _lang, pdf = book
    text = pdf.text
    for name in (
        "Natalia KALMYKOVA",
        "Наталія КАЛМИКОВА",
        "Андрій Петрович КОВАЛЕНКО",
        "Oleg SHYMANSKYI",
        "Олег ШИМАНСЬКИЙ",
        "Hélène DUMAS",
        "Пʼєр-Ів КАРАДЕК",
        "Alice RUFO",
    ):
        assert name in text, name


def test_labels_and_dates_follow_the_language(book: tuple[str, ReadPdf]) -> None:
    lang, pdf = book
    expected = {
        "fr": ("Programme jour par jour", "vendredi 8 mai 2026", "Sommaire", "DOSSIER DE VISITE"),
        "uk": ("Програма по днях", "пʼятниця, 8 травня 2026 р.", "Зміст", "ІНФОРМАЦІЙНИЙ ПАКЕТ"),
        "en": ("Programme day by day", "Friday, 8 May 2026", "Contents", "BRIEFING BOOK"),
    }[lang]
    for words in expected:
        assert words in pdf.text, words
    # The visit's marking, "Diffusion restreinte", in the book's language.
    marking = {
        "fr": "DIFFUSION RESTREINTE",
        "uk": "ДЛЯ СЛУЖБОВОГО КОРИСТУВАННЯ",
        "en": "RESTRICTED",
    }
    assert marking[lang] in pdf.page_text(2)
    # At the top and at the foot of every page after the cover.
    for number in range(2, len(pdf.pages) + 1):
        assert pdf.page_text(number).count(marking[lang]) >= 2, number


def test_the_ceremony_sheet_holds_its_running_order_in_time_order(
    book: tuple[str, ReadPdf],
) -> None:
    lang, pdf = book
    lines = {
        "fr": ["Arrivée des autorités", "Ravivage de la Flamme", "Départ des autorités"],
        "uk": ["Прибуття офіційних осіб", "Відновлення Вогню"],
        "en": ["Arrival of the authorities", "Rekindling of the Flame"],
    }[lang]
    text = pdf.text
    positions = [text.find(line) for line in lines]
    assert all(p >= 0 for p in positions), dict(zip(lines, positions, strict=True))
    assert positions == sorted(positions)
    assert re.search(r"18:00 \S", text)


def test_contents_list_sections_with_pages_and_bookmarks_match(
    book: tuple[str, ReadPdf],
) -> None:
    lang, pdf = book
    contents = {"fr": "Sommaire", "uk": "Зміст", "en": "Contents"}[lang]
    programme = {"fr": "Programme jour par jour", "uk": "Програма по днях", "en": ""}[lang]
    programme = programme or "Programme day by day"
    page = next(i for i, t in enumerate(pdf.pages, 1) if t.startswith(contents) or contents in t)
    listed = re.search(rf"{re.escape(programme)}[ .]*(\d+)", pdf.page_text(page))
    assert listed, pdf.page_text(page)
    target = int(listed.group(1))
    assert programme in pdf.page_text(target)
    titles = pdf.outline_titles()
    assert programme in titles and contents in titles
    assert any("8" in t and "2026" in t for t in titles)  # the days are bookmarked


def test_every_font_is_embedded_and_covers_every_character(book: tuple[str, ReadPdf]) -> None:
    _lang, pdf = book
    fonts = pdf.fonts()
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, font["/BaseFont"]
        assert "DejaVuSans" in str(font["/BaseFont"])
    assert missing_glyphs(pdf.text) == set()


def test_the_book_takes_two_layout_passes() -> None:
    from visitplanner.exports.briefing import BriefingBookRenderer

    data = for_profile(build_demo(), Profile.SHAREABLE)
    renderer = BriefingBookRenderer(data, BriefingOptions(lang="fr"))
    renderer.render()
    assert renderer.passes == 2


def test_the_book_holds_the_dinner_seating_chart_and_the_ceremony_placement() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from visitplanner.demo import build_demo

    data = build_demo()
    pdf = render_briefing(data, BriefingOptions(lang="en", sections=("seating",)))
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert "Seating plan: Working dinner of the two delegations" in text
    assert "Placement: " in text
    assert "KALMYKOVA" in text and "Калмикова" in text


def test_a_persons_pack_names_their_seat_at_the_dinner() -> None:
    from io import BytesIO

    from pypdf import PdfReader

    from visitplanner.demo import build_demo
    from visitplanner.domain.lookup import find_person

    data = build_demo()
    minister = find_person(data, "Kalmykova")
    pdf = render_briefing(data, BriefingOptions(lang="en", person_id=minister.id))
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert ", seat " in text
