"""Text entering a visit through any operation: NFC, nothing XML cannot hold, one line where
a field holds one, and a length limit that names the entity and the field."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from visitplanner.demo import build_demo
from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Person
from visitplanner.domain.values import LocalizedText
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
        "UPDATE person SET hotel = ? WHERE id = ?", ("Novotel\nParis", minister.id)
    )
    session.repository.conn.commit()
    other = VisitSession.open(session.path)  # type: ignore[arg-type]
    loaded = other.data.person(minister.id)
    other.close()
    session.reload(Change.of("person", [minister.id]))
    session.apply(SaveEntity(dataclasses.replace(loaded, notes="Vu"), loaded))
    stored = read_visit(session.path).person(minister.id)  # type: ignore[arg-type]
    assert stored.hotel == "Novotel\nParis" and stored.notes == "Vu"
