"""The parts of the briefing book other features replace or extend: precedence, the
programme's version, the section registry, escaping."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from reportlab.platypus import Flowable

from tests.factories import small_visit
from tests.pdfread import read_pdf
from visitplanner.domain.decree import GuestPlacement
from visitplanner.domain.model import Person
from visitplanner.domain.values import Grade, Side
from visitplanner.exports.briefing import (
    BriefingOptions,
    Section,
    register_section,
    registered_sections,
    render_briefing,
    sections,
)
from visitplanner.exports.briefing.blocks import section_title
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.protocol import precedence_order, programme_version_label


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (GuestPlacement.GUEST_FIRST, ["Invitée", "Second", "Hôte", "Directeur"]),
        (GuestPlacement.AFTER_HOST, ["Hôte", "Invitée", "Second", "Directeur"]),
    ],
)
def test_precedence_is_grade_then_the_visits_guest_placement_then_rank(
    rule: GuestPlacement, expected: list[str]
) -> None:
    data = small_visit()
    data.visit.guest_placement = rule
    guests, hosts = data.delegations
    assert guests.side is Side.GUEST and hosts.side is Side.HOST
    host_minister = Person(family_name="Hôte", delegation_id=hosts.id, grade=Grade.MINISTER, rank=1)
    guest_minister = Person(
        family_name="Invitée", delegation_id=guests.id, grade=Grade.MINISTER, rank=3
    )
    director = Person(family_name="Directeur", delegation_id=guests.id, grade=Grade.DIRECTOR)
    second = Person(family_name="Second", delegation_id=guests.id, grade=Grade.MINISTER, rank=4)
    ordered = precedence_order(data, [director, second, host_minister, guest_minister])
    assert [p.family_name for p in ordered] == expected


def test_the_programme_version_is_dated_by_the_latest_change() -> None:
    data = small_visit()
    data.events[0].modified = datetime(2026, 5, 3, 18, 0, tzinfo=ZoneInfo("UTC"))
    assert programme_version_label(data, "fr") == "Programme : version de travail du 3 mai 2026"
    assert "3 травня 2026" in programme_version_label(data, "uk")


def test_escaping_keeps_text_literal() -> None:
    assert esc("Smith <Jr> & Co") == "Smith &lt;Jr&gt; &amp; Co"
    assert esc('a "b"\nc\x00') == "a &quot;b&quot;<br/>c"


def test_a_registered_section_prints_where_asked_and_is_absent_when_empty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sections, "_REGISTRY", list(sections._REGISTRY))
    seats: list[str] = []

    def build(ctx: BookContext) -> list[Flowable]:
        return section_title(ctx, "Plans de table") if seats else []

    register_section(Section("seating", "Seating plans", build), after="events")
    keys = [s.key for s in registered_sections()]
    assert keys.index("seating") == keys.index("events") + 1
    options = BriefingOptions(lang="fr", sections=("contents", "events", "seating"))
    assert "Plans de table" not in read_pdf(render_briefing(small_visit(), options)).text
    seats.append("table 1")
    pdf = read_pdf(render_briefing(small_visit(), options))
    assert "Plans de table" in pdf.page_text(1)  # in the contents
    assert "Plans de table" in pdf.page_text(len(pdf.pages))
    assert "Plans de table" in pdf.outline_titles()
