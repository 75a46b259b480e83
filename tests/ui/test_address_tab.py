"""The person editor's Form of address tab: the proposal greyed, the officer's own form
typed over it, saved as one edit and undone as one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.editing import open_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id
from visitplanner.domain.address import AddressUse
from visitplanner.domain.values import Civility
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.roster.person_dialog import PersonDialog
from visitplanner.ui.shell.controller import VisitController


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:
    with open_visit(tmp_path, build_demo()) as opened:
        yield opened


def _dialog(qtbot, controller: VisitController, key: str) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(controller, controller.data.person(person_id(key)))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.address)
    return dialog


def test_the_tab_shows_what_the_rules_propose_greyed(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo
    tab = _dialog(qtbot, controller, "kalmykova").address
    card_uk = tab.inputs[AddressUse.CARD, "uk"]
    assert card_uk.text() == ""
    assert card_uk.placeholderText() == "Пані Міністерко"
    assert tab.inputs[AddressUse.SPOKEN, "fr"].placeholderText() == "Madame la Ministre"
    veteran = _dialog(qtbot, controller, "kovalenko").address
    assert veteran.inputs[AddressUse.SPOKEN, "uk"].placeholderText() == "Пане Андрію"


def test_the_proposal_follows_the_civility_changed_on_another_tab(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller = demo
    dialog = _dialog(qtbot, controller, "kalmykova")
    dialog.tabs.setCurrentWidget(dialog.identity)
    civility = dialog.identity.civility
    civility.setCurrentIndex(civility.findData(Civility.MONSIEUR))
    dialog.tabs.setCurrentWidget(dialog.address)
    assert dialog.address.inputs[AddressUse.CARD, "fr"].placeholderText() == (
        "Monsieur le Ministre"
    )


def test_an_own_form_is_saved_as_one_edit_and_undone(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller = demo
    dialog = _dialog(qtbot, controller, "kalmykova")
    card_en = dialog.address.inputs[AddressUse.CARD, "en"]
    type_text(card_en, "Her Excellency the Minister")
    dialog.accept()
    assert controller.undo_stack.count() == 1
    saved = read_visit(path).person(person_id("kalmykova"))
    assert saved.address_forms.get(AddressUse.CARD, "en") == "Her Excellency the Minister"
    assert saved.address_forms.get(AddressUse.CARD, "fr") == ""
    controller.undo_stack.undo()
    assert not read_visit(path).person(person_id("kalmykova")).address_forms
    # Opened again, the form typed shows over the proposal.
    controller.undo_stack.redo()
    again = _dialog(qtbot, controller, "kalmykova").address
    assert again.inputs[AddressUse.CARD, "en"].text() == "Her Excellency the Minister"
