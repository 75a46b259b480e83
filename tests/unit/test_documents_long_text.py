"""Documents never fail on long text: names, functions, titles and lines of 3,000 and
10,000 characters, with and without spaces, in Latin and Cyrillic, print in the book,
a pack, the seating chart and place cards, the ceremony sheet and the changes sheet.

Text that flows wraps (a word longer than a line too) and a table row taller than a
page is split; text in a fixed box is cut with "…" and a note number, and the note
gives it whole. What a reader would notice is checked on the PDF read back: the start
of the long text is there, the note holds it whole, and nothing is drawn off the page.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from reportlab.platypus.doctemplate import LayoutError

from tests.pdfread import ReadPdf, read_pdf
from visitplanner.cli import main
from visitplanner.demo import build_demo
from visitplanner.domain.model import Event, Person, ProgrammeVersion, VisitData
from visitplanner.domain.values import LocalizedText
from visitplanner.domain.version_store import ProgrammeText
from visitplanner.exports.briefing import BriefingOptions, render_briefing
from visitplanner.exports.pdf_layout import DocumentError, layout_failure
from visitplanner.exports.protocol_pdf import ceremony_pdf, seating_pdf
from visitplanner.exports.visit_json import programme_to_json
from visitplanner.i18n import gettext_in
from visitplanner.services.briefing import build_briefing
from visitplanner.services.visit_files import write_visit


def long_text(length: int, *, spaces: bool, cyrillic: bool) -> str:
    """A text of `length` characters that says where it starts: "START" then words (or
    one word without a space)."""
    letter = "Ж" if cyrillic else "W"
    if spaces:
        body = ("Слово довге " if cyrillic else "Longword text ") * (length // 10 + 1)
    else:
        body = letter * length
    return ("START" + body)[:length]


def _meal(data: VisitData) -> Event:
    return next(e for e in data.events if e.seating is not None and e.seating.tables)


def _ceremony(data: VisitData) -> Event:
    return next(e for e in data.events if e.placement and e.running_order)


def _seated(data: VisitData) -> Person:
    """A person with a seat at the dinner and a place at the ceremony."""
    seated = {s.person_id for t in _meal(data).seating.tables for s in t.seats}  # type: ignore[union-attr]
    placed = {p.person_id for p in _ceremony(data).placement}
    return next(p for p in data.people if p.id in seated and p.id in placed)


def _with_person(data: VisitData, person: Person, **changes: object) -> VisitData:
    """The visit with `person` changed, bypassing the operations (as an older file may)."""
    changed = dataclasses.replace(person, **changes)  # type: ignore[arg-type]
    people = [changed if p.id == person.id else p for p in data.people]
    return dataclasses.replace(data, people=people)


def _with_event(data: VisitData, event: Event, **changes: object) -> VisitData:
    changed = dataclasses.replace(event, **changes)  # type: ignore[arg-type]
    events = [changed if e.id == event.id else e for e in data.events]
    return dataclasses.replace(data, events=events)


def assert_on_the_page(pdf: ReadPdf) -> None:
    """No text run starts or ends outside its page (a point of tolerance)."""
    for number, page in enumerate(pdf.reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for run in pdf.runs(number):
            for x, y in ((run.x0, run.y0), (run.x1, run.y1)):
                assert -1 <= x <= width + 1 and -1 <= y <= height + 1, (number, run.text[:40])


def assert_cut_with_a_note(pdf: ReadPdf, text: str, lang: str = "fr") -> None:
    """The text is cut with an ellipsis and a note number, and a note gives it whole
    (over pages if need be: their furniture read apart)."""
    flat = pdf.body_text("DIFFUSION RESTREINTE").replace(" ", "")
    assert re.search("…[¹²³⁴⁵⁶⁷⁸⁹]", pdf.text)
    assert gettext_in(lang, "Texts cut short above, in full") in pdf.text
    assert text.replace(" ", "") in flat


def assert_printed_whole(pdf: ReadPdf, text: str) -> None:
    """Every word (or every letter of a text without spaces) of `text` is printed, in
    pieces when it runs over pages (the running header and footer come between)."""
    assert text[:40].replace(" ", "") in pdf.text.replace(" ", "")
    for unit in ("Longword", "Слово", "W", "Ж"):
        if unit in text:
            assert pdf.text.count(unit) >= text.count(unit), unit
            return
    raise AssertionError("no known unit in the text")


@pytest.fixture(scope="module")
def demo() -> VisitData:
    return build_demo()


@pytest.mark.parametrize(
    ("length", "spaces", "cyrillic"),
    [(3000, False, True), (3000, True, False), (10_000, False, False)],
)
def test_a_long_family_name_prints_on_the_cards_the_chart_and_the_placement(
    demo: VisitData, length: int, spaces: bool, cyrillic: bool
) -> None:
    name = long_text(length, spaces=spaces, cyrillic=cyrillic)
    data = _with_person(demo, _seated(demo), family_name=name, family_name_native="")
    cards = read_pdf(seating_pdf(data, _meal(data), "fr"))
    assert "START" in cards.text
    assert_cut_with_a_note(cards, name.upper())
    assert_on_the_page(cards)
    ceremony = read_pdf(ceremony_pdf(data, _ceremony(data), "fr"))
    assert_cut_with_a_note(ceremony, name.upper())
    assert_on_the_page(ceremony)


@pytest.mark.parametrize(
    ("lang", "sections"),
    [
        pytest.param("fr", None, marks=pytest.mark.slow),
        ("uk", ("cover", "delegations", "seating")),
        ("en", ("glance", "seating")),
    ],
)
def test_a_book_with_a_long_name_and_function_prints_every_section(
    demo: VisitData, lang: str, sections: tuple[str, ...] | None
) -> None:
    person = _seated(demo)
    data = _with_person(
        demo,
        person,
        family_name=long_text(3000, spaces=False, cyrillic=False),
        function=LocalizedText(fr=long_text(3000, spaces=True, cyrillic=True)),
    )
    pdf = read_pdf(render_briefing(data, BriefingOptions(lang=lang, sections=sections)))
    assert "STARTWWW" in pdf.text
    if sections is None or "delegations" in sections:
        assert "STARTСлово довге" in pdf.text
    assert_on_the_page(pdf)
    # The seat of the chart could not hold the name: its note gives it whole.
    assert_cut_with_a_note(pdf, long_text(3000, spaces=False, cyrillic=False).upper(), lang)


def test_a_pack_for_a_person_of_10000_characters_is_made(demo: VisitData) -> None:
    person = _seated(demo)
    name = long_text(10_000, spaces=False, cyrillic=True)
    title = LocalizedText(fr=long_text(10_000, spaces=True, cyrillic=False))
    data = _with_person(demo, person, given_name=name, title=title)
    pdf = read_pdf(
        render_briefing(
            data, BriefingOptions(lang="fr", person_id=person.id, sections=("cover", "seating"))
        )
    )
    assert "STARTЖЖЖ" in pdf.text and "STARTLongword text" in pdf.text
    assert_on_the_page(pdf)


@pytest.mark.parametrize("spaces", [False, True])
def test_long_event_titles_purposes_and_running_order_lines_print(
    demo: VisitData, spaces: bool
) -> None:
    ceremony = _ceremony(demo)
    lines = list(ceremony.running_order)
    lines[0] = dataclasses.replace(
        lines[0], action=LocalizedText(fr=long_text(10_000, spaces=spaces, cyrillic=False))
    )
    lines[1] = dataclasses.replace(
        lines[1], who=LocalizedText(fr=long_text(3000, spaces=spaces, cyrillic=True))
    )
    data = _with_event(
        demo,
        ceremony,
        title=LocalizedText(fr=long_text(3000, spaces=spaces, cyrillic=True)),
        purpose=LocalizedText(fr=long_text(20_000, spaces=True, cyrillic=False)),
        running_order=lines,
    )
    book = read_pdf(
        render_briefing(data, BriefingOptions(lang="fr", sections=("contents", "events")))
    )
    assert_printed_whole(book, long_text(20_000, spaces=True, cyrillic=False))
    assert_printed_whole(book, long_text(10_000, spaces=spaces, cyrillic=False))
    assert_on_the_page(book)
    sheet = read_pdf(ceremony_pdf(data, _ceremony(data), "uk"))
    assert "STARTЖЖЖ" in sheet.text or "STARTСлово" in sheet.text
    assert_printed_whole(sheet, long_text(10_000, spaces=spaces, cyrillic=False))
    assert_on_the_page(sheet)


def test_a_long_table_label_is_cut_in_its_drawing_and_given_whole_in_a_note(
    demo: VisitData,
) -> None:
    meal = _meal(demo)
    assert meal.seating is not None
    label = long_text(3000, spaces=False, cyrillic=True)
    tables = [dataclasses.replace(meal.seating.tables[0], name=label), *meal.seating.tables[1:]]
    data = _with_event(demo, meal, seating=dataclasses.replace(meal.seating, tables=tables))
    pdf = read_pdf(seating_pdf(data, _meal(data), "en"))
    assert "STARTЖЖЖ" in pdf.text
    assert_cut_with_a_note(pdf, label, "en")
    assert_on_the_page(pdf)


def test_the_changes_sheet_prints_a_long_title_and_note(demo: VisitData, tmp_path: Path) -> None:
    version = ProgrammeVersion(
        number=1,
        issued=datetime(2026, 5, 1, 9, 0, tzinfo=UTC),
        note=long_text(3000, spaces=True, cyrillic=True),
        programme=ProgrammeText(programme_to_json(demo)),
    )
    data = dataclasses.replace(demo, versions=[version])
    title = LocalizedText(fr=long_text(10_000, spaces=False, cyrillic=False))
    data = _with_event(data, _ceremony(data), title=title)
    out = tmp_path / "changes.pdf"
    build_briefing(data, out, BriefingOptions(lang="fr", sections=("changes",), changes_since=1))
    pdf = read_pdf(out.read_bytes())
    assert "Changements" in pdf.text
    assert_printed_whole(pdf, title.fr)
    assert_on_the_page(pdf)


def test_the_briefing_command_prints_a_visit_file_holding_long_text(
    demo: VisitData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = _seated(demo)
    data = _with_person(
        demo,
        person,
        family_name=long_text(3000, spaces=False, cyrillic=False),
        function=LocalizedText(fr=long_text(10_000, spaces=True, cyrillic=True)),
    )
    visit = tmp_path / "long.visit"
    write_visit(visit, data)
    out = tmp_path / "book.pdf"
    sections = "cover,programme,delegations"
    assert main(["briefing", str(visit), "-o", str(out), "--sections", sections]) == 0
    assert "book.pdf" in capsys.readouterr().out
    assert "STARTWWW" in read_pdf(out.read_bytes()).text


def test_a_layout_that_cannot_be_made_names_the_longest_text(demo: VisitData) -> None:
    person = _seated(demo)
    data = _with_person(demo, person, function=LocalizedText(en="x" * 12_345))
    error = layout_failure("Briefing book", data, LayoutError("too large on page"))
    assert isinstance(error, DocumentError)
    message = str(error)
    assert message.startswith("Briefing book:")
    assert "function" in message and "12345" in message
    assert person.display_name()[:20] in message
