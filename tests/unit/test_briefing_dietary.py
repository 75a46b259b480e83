"""The dietary sheet of the demo's working dinner: for the caterer, by table and seat,
each guest's needs; only in an internal book, never in a shareable one or a pack; and
`briefing --dietary` prints it alone, refused outside the internal profile."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.integration.test_cli import run
from tests.pdfread import read_pdf
from visitplanner.cli import main
from visitplanner.demo import build_demo
from visitplanner.domain.model import Event, VisitData
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.table_names import printed_table_name
from visitplanner.domain.values import Profile
from visitplanner.exports.briefing import BriefingOptions, render_briefing


def _dinner(data: VisitData) -> Event:
    return next(e for e in data.events if e.seating is not None and e.seating.tables)


def _pdf(data: VisitData, **options: object) -> str:
    profile = options.get("profile", Profile.SHAREABLE)
    assert isinstance(profile, Profile)
    shown = for_profile(data, profile)
    return read_pdf(render_briefing(shown, BriefingOptions(**options))).text  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "title", "none"),
    [
        ("fr", "Fiche des régimes alimentaires : ", "aucun"),
        ("uk", "Лист особливого харчування: ", "немає"),
        ("en", "Dietary sheet: ", "none"),
    ],
)
def test_the_dinners_sheet_gives_every_guest_by_table_and_seat(
    lang: str, title: str, none: str
) -> None:
    data = build_demo()
    dinner = _dinner(data)
    text = _pdf(data, lang=lang, profile=Profile.INTERNAL, sections=("dietary",))
    assert title + dinner.title.get(lang, "fr") in text
    people = {p.id: p for p in data.people}
    assert dinner.seating is not None
    seated = [(t, s) for t, s in dinner.seating.seats() if s.person_id]
    assert len(seated) >= 10
    # Each seat's line: the table, the seat's number, the guest, their needs, in order.
    at = 0
    for table, seat in seated:
        person = people[seat.person_id or ""]
        needs = person.dietary_detail.get(lang) or none  # in the sheet's language
        family = person.family_name_native if lang == "uk" else person.family_name
        line = re.compile(
            rf"{re.escape(printed_table_name(table.name, lang))} {seat.number} .*?"
            rf"{re.escape(family.upper())}.*?" + re.escape(needs.split()[0])
        )
        found = line.search(text, at)
        assert found is not None, (person.family_name, needs)
        at = found.start() + 1
    with_needs = [
        people[s.person_id or ""] for _t, s in seated if people[s.person_id or ""].dietary_detail
    ]
    assert {p.family_name for p in with_needs} >= {"Kovalenko", "Melnyk", "Tkachuk"}


def test_the_sheet_is_in_the_internal_book_only() -> None:
    data = build_demo()
    melnyk = next(p for p in data.people if p.family_name == "Melnyk")
    internal = _pdf(data, lang="en", profile=Profile.INTERNAL)
    shareable = _pdf(data, lang="en")
    pack = _pdf(data, lang="en", profile=Profile.INTERNAL, person_id=melnyk.id)
    assert "Dietary sheet: " in internal
    assert "Dietary sheet" not in shareable
    assert "Dietary sheet" not in pack


def test_briefing_dietary_prints_the_sheets_alone_and_only_internal(tmp_path: Path) -> None:
    visit = tmp_path / "demo.visit"
    assert main(["demo", str(visit)]) == 0
    out = tmp_path / "dietary.pdf"
    refused = run("briefing", str(visit), "-o", str(out), "--dietary", "--lang", "en")
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "--profile internal" in refused.stderr
    assert not out.exists()
    result = run(
        "briefing", str(visit), "-o", str(out), "--dietary", "--profile", "internal",
        "--lang", "en",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    pdf = read_pdf(out.read_bytes())
    assert "Dietary sheets written to" in result.stdout
    assert "Dietary sheet: " in pdf.text and "Cover" not in pdf.text
    assert "Gluten-free" in pdf.text  # Melnyk's, in the sheet's language
    shared = run(
        "briefing", str(visit), "-o", str(out), "--sections", "cover,dietary", "--lang", "en"
    )
    assert shared.returncode == 2 and "medical" in shared.stderr
