"""Text entering a visit through any operation: NFC, nothing XML cannot hold, one line where
a field holds one, and a length limit that names the entity and the field."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest

from visitplanner.demo import build_demo
from visitplanner.domain.errors import DomainError
from visitplanner.domain.kinds import KINDS
from visitplanner.domain.model import Event, Person
from visitplanner.domain.text import text_fields
from visitplanner.domain.values import EventKind, LocalizedText
from visitplanner.operations.change import Change
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit


@pytest.fixture
def session(tmp_path: Path) -> VisitSession:
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    opened = VisitSession.open(path)
    yield opened
    opened.close()


def test_new_text_is_composed_and_cleaned(session: VisitSession) -> None:
    delegation = session.data.delegations[0]
    person = Person(
        family_name="Le\u0301vy\x07",  # "é" as e + combining accent, and a bell
        given_name="Hélène\ufffe",
        function=LocalizedText(fr="Conseillère\npresse"),
        notes="Arrive le 6 mai.\nRepart le 9.",
        delegation_id=delegation.id,
    )
    session.apply(SaveEntity(person))
    stored = read_visit(session.path).person(person.id)  # type: ignore[arg-type]
    assert stored.family_name == "Lévy" and len(stored.family_name) == 4
    assert stored.given_name == "Hélène"
    assert stored.function.fr == "Conseillère presse"  # one line
    assert stored.notes == "Arrive le 6 mai.\nRepart le 9."  # notes keep their lines


def test_a_name_too_long_is_refused_naming_the_person_and_the_field(
    session: VisitSession,
) -> None:
    minister = next(p for p in session.data.people if p.family_name == "Kalmykova")
    before = session.path.read_bytes()  # type: ignore[union-attr]
    longer = dataclasses.replace(minister, function=LocalizedText(fr="Ministre " * 400))
    with pytest.raises(DomainError) as refused:
        session.apply(SaveEntity(longer, minister))
    message = refused.value.message
    assert "the function is too long (3600 characters; at most 500)" in message
    assert "KALMYKOVA" in message.upper()
    assert session.path.read_bytes() == before  # type: ignore[union-attr]
    assert session.undo_state().done == 0


def test_saving_leaves_untouched_text_as_it_was(session: VisitSession) -> None:
    minister = next(p for p in session.data.people if p.family_name == "Kalmykova")
    # A value written before the rule (an old file): kept until the officer changes it.
    session.repository.conn.execute(
        "UPDATE person SET duty_phone = ? WHERE id = ?", ("+33\n1 00", minister.id)
    )
    session.repository.conn.commit()
    other = VisitSession.open(session.path)  # type: ignore[arg-type]
    loaded = other.data.person(minister.id)
    other.close()
    session.reload(Change.of("person", [minister.id]))
    session.apply(SaveEntity(dataclasses.replace(loaded, notes="Vu"), loaded))
    stored = read_visit(session.path).person(minister.id)  # type: ignore[arg-type]
    assert stored.duty_phone == "+33\n1 00" and stored.notes == "Vu"


# --- the parts an entity holds ---------------------------------------------------------


def _ceremony(session: VisitSession) -> Event:
    return next(e for e in session.data.events if e.kind is EventKind.CEREMONY)


def test_a_running_order_line_is_cleaned_and_kept_on_one_line(session: VisitSession) -> None:
    ceremony = _ceremony(session)
    lines = [dataclasses.replace(line) for line in ceremony.running_order]
    lines[6] = dataclasses.replace(
        lines[6],
        action=LocalizedText(fr="Dépôt\x00 de la gerbe\ufffe\npar la ministre"),
        who=LocalizedText(fr="Garde\r\nrépublicaine"),
    )
    session.apply(SaveEntity(dataclasses.replace(ceremony, running_order=lines), ceremony))
    stored = read_visit(session.path).event(ceremony.id)  # type: ignore[arg-type]
    assert stored.running_order[6].action.fr == "Dépôt de la gerbe par la ministre"
    assert stored.running_order[6].who.fr == "Garde républicaine"
    # The other lines are as they were.
    assert stored.running_order[5] == ceremony.running_order[5]


def test_a_running_order_line_too_long_is_refused_naming_the_event_and_the_line(
    session: VisitSession,
) -> None:
    ceremony = _ceremony(session)
    before = session.path.read_bytes()  # type: ignore[union-attr]
    lines = list(ceremony.running_order)
    lines[6] = dataclasses.replace(lines[6], action=LocalizedText(fr="x" * 100_000))
    with pytest.raises(DomainError) as refused:
        session.apply(SaveEntity(dataclasses.replace(ceremony, running_order=lines), ceremony))
    message = refused.value.message
    assert message.startswith("“8 May commemorative ceremony")  # as the officer reads it
    assert "running order, line 7: the action is too long (100000 characters; at most 500)" in (
        message
    )
    assert "xxx" not in message and len(message) < 300
    assert session.path.read_bytes() == before  # type: ignore[union-attr]
    assert session.undo_state().done == 0


def test_a_seat_label_too_long_names_the_table_and_the_seat(session: VisitSession) -> None:
    dinner = next(e for e in session.data.events if e.seating is not None)
    assert dinner.seating is not None
    plan = copy.deepcopy(dinner.seating)
    seat = plan.tables[0].seats[2]
    seat.label = "Place réservée " * 20
    with pytest.raises(DomainError) as refused:
        session.apply(SaveEntity(dataclasses.replace(dinner, seating=plan), dinner))
    expected = f"seating plan, table 1, seat {seat.number}: the label is too long (300 characters"
    assert expected in refused.value.message


def test_an_accreditation_is_cleaned_and_refused_without_showing_its_value(
    session: VisitSession,
) -> None:
    minister = next(p for p in session.data.people if p.family_name == "Kalmykova")
    typed = dataclasses.replace(
        minister.accreditation, passport_name="KALMYKOVA\nNATALIIA\x1b", nationality="UKR\ufeff"
    )
    session.apply(SaveEntity(dataclasses.replace(minister, accreditation=typed), minister))
    stored = read_visit(session.path).person(minister.id)  # type: ignore[arg-type]
    assert stored.accreditation.passport_name == "KALMYKOVA NATALIIA"
    assert stored.accreditation.nationality == "UKR\ufeff"  # a BOM is a character XML holds

    current = session.data.person(minister.id)
    secret = "FF" + "7" * 98
    leaked = dataclasses.replace(current.accreditation, passport_number=secret)
    with pytest.raises(DomainError) as refused:
        session.apply(SaveEntity(dataclasses.replace(current, accreditation=leaked), current))
    message = refused.value.message
    assert "Kalmykova" in message
    assert "accreditation: the passport number is too long (100 characters; at most 50)" in message
    assert "7777" not in message


def test_the_organiser_of_the_visit_is_cleaned(session: VisitSession) -> None:
    visit = session.data.visit
    organiser = dataclasses.replace(
        visit.organiser, phone="+33 1\n99 00\x0012 00", address="60 bd Valin\n75015 Paris"
    )
    session.apply(SaveEntity(dataclasses.replace(visit, organiser=organiser), visit))
    stored = read_visit(session.path).visit.organiser  # type: ignore[arg-type]
    assert stored.phone == "+33 1 99 0012 00"
    assert stored.address == "60 bd Valin\n75015 Paris"  # an address holds several lines


def test_parts_nobody_changed_keep_their_text(tmp_path: Path) -> None:
    data = build_demo()
    ceremony = next(e for e in data.events if e.kind is EventKind.CEREMONY)
    # Text written before the rule (an old file): kept until the officer changes it.
    ceremony.running_order[0].action = LocalizedText(fr="Mise en place\ndu détachement")
    path = tmp_path / "old.visit"
    write_visit(path, data)
    opened = VisitSession.open(path)
    loaded = opened.data.event(ceremony.id)
    opened.apply(SaveEntity(dataclasses.replace(loaded, notes=LocalizedText(fr="Vu")), loaded))
    opened.close()
    stored = read_visit(path).event(ceremony.id)
    assert stored.running_order[0].action.fr == "Mise en place\ndu détachement"
    assert stored.notes.fr == "Vu"


# --- what the documentation says ------------------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "json-format.md"
_BEGIN = "<!-- text-limits: begin -->"
_END = "<!-- text-limits: end -->"


def limits_table() -> str:
    """The table of text fields the JSON format documents, as the code has them."""
    lines = [
        "| object | field | at most (characters) | several lines |",
        "| --- | --- | --- | --- |",
    ]
    for kind in KINDS:
        where = f"{kind.collection}[]" if kind.collection else "visit"
        for found in text_fields(kind.cls, where):
            several = "yes" if found.multiline else "no"
            lines.append(f"| `{found.where}` | `{found.name}` | {found.limit:,} | {several} |")
    return "\n".join(lines)


def test_the_documented_limits_are_those_of_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = text[text.index(_BEGIN) + len(_BEGIN) : text.index(_END)].strip()
    expected = limits_table()
    assert documented == expected, f"docs/json-format.md should hold:\n{expected}"
