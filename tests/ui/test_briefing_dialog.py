"""Exports > Briefing book: the dialog builds the book off the GUI thread and offers to open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.pdfread import read_pdf
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.exchange.briefing import BriefingDialog


@pytest.fixture
def dialog(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    set_language("en")
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    session = VisitSession.open(path)
    widget = BriefingDialog(session)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    if widget.worker is not None:
        widget.worker.cancel()
        widget.worker.wait()
    session.close()


def _only(dialog: BriefingDialog, *keys: str) -> None:
    for key, box in dialog.section_boxes.items():
        box.setChecked(key in keys)


def test_the_dialog_starts_from_the_visits_language_and_marking(dialog: BriefingDialog) -> None:
    assert dialog.language.currentData() == "fr"
    assert dialog.marking.currentText() == "Diffusion restreinte"
    assert dialog.marking.findText("Для службового користування") >= 0
    assert all(box.isChecked() for box in dialog.section_boxes.values())
    assert dialog.output.text().endswith("demo-briefing.pdf")
    assert dialog.build_button.isEnabled()


def test_build_writes_the_book_and_offers_to_open_it(
    dialog: BriefingDialog, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []
    opened: list[object] = []

    def answer(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    monkeypatch.setattr(
        "visitplanner.ui.exchange.briefing.QDesktopServices.openUrl", lambda url: opened.append(url)
    )
    _only(dialog, "cover", "contents", "programme")
    dialog.language.setCurrentIndex(dialog.language.findData("uk"))
    dialog.marking.setEditText("Для службового користування")
    target = tmp_path / "book.pdf"
    dialog.output.setText(str(target))
    with qtbot.waitSignal(dialog.built, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.build_button, Qt.MouseButton.LeftButton)
        assert not dialog.build_button.isEnabled()
        assert dialog.cancel_button.isEnabled()
    result = blocker.args[0]
    assert result is not None and result.path == target
    pdf = read_pdf(target.read_bytes())
    assert len(pdf.pages) == result.pages > 3
    assert "ДЛЯ СЛУЖБОВОГО КОРИСТУВАННЯ" in pdf.page_text(2)
    assert "Програма по днях" in pdf.text
    assert asked and str(target) in asked[0]
    assert len(opened) == 1
    assert dialog.build_button.isEnabled()


def test_one_persons_pack_is_chosen_by_typing_part_of_a_name(
    dialog: BriefingDialog, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    dialog.one_person.setChecked(True)
    assert not dialog.build_button.isEnabled()  # nobody chosen yet
    dialog.person.setFocus()
    type_text(dialog.person.lineEdit(), "Шиманський")
    completer = dialog.person.completer()
    assert completer.completionCount() == 1
    dialog.person.setCurrentText(completer.currentCompletion())
    ident = dialog.chosen_person_id()
    assert ident is not None
    assert dialog.session.data.person(ident).family_name == "Shymanskyi"
    assert dialog.build_button.isEnabled()
    _only(dialog, "cover", "programme")
    target = tmp_path / "pack.pdf"
    dialog.output.setText(str(target))
    with qtbot.waitSignal(dialog.built, timeout=60_000):
        dialog.build()
    text = read_pdf(target.read_bytes()).text
    assert "DOSSIER PERSONNEL" in text and "Oleg SHYMANSKYI" in text


def test_cancel_stops_the_build_and_writes_nothing(
    dialog: BriefingDialog, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "never.pdf"
    dialog.output.setText(str(target))
    with qtbot.waitSignal(dialog.built, timeout=60_000) as blocker:
        dialog.build()
        dialog.cancel()
    assert blocker.args == [None]
    assert not target.exists()
    assert "no file" in dialog.status.text()


def test_a_failed_build_says_why(
    dialog: BriefingDialog, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda parent, title, text, *args: warned.append(text)
    )
    _only(dialog, "cover")
    dialog.output.setText(str(tmp_path / "missing-folder" / "book.pdf"))
    with qtbot.waitSignal(dialog.built, timeout=60_000):
        dialog.build()
    assert warned and "cannot write" in warned[0]


def test_the_dietary_sheets_are_offered_for_an_internal_book_of_the_whole_visit(
    dialog: BriefingDialog,
) -> None:
    from visitplanner.domain.values import Profile

    dietary = dialog.section_boxes["dietary"]
    assert not dietary.isEnabled()  # shareable by default: medical details never in it
    assert "dietary" not in (dialog.options().sections or ())
    dialog.profile.setCurrentIndex(dialog.profile.findData(Profile.INTERNAL))
    assert dietary.isEnabled()
    assert "dietary" in (dialog.options().sections or ())
    dialog.one_person.setChecked(True)
    assert not dietary.isEnabled()
    _only(dialog, "dietary")
    assert not dialog.build_button.isEnabled()  # nothing left to print


def test_the_gifts_sheet_is_offered_for_an_internal_book_of_the_whole_visit(
    dialog: BriefingDialog,
) -> None:
    from visitplanner.domain.values import Profile

    gifts = dialog.section_boxes["gifts"]
    assert not gifts.isEnabled()  # shareable by default: values of gifts never in it
    assert "gifts" not in (dialog.options().sections or ())
    dialog.profile.setCurrentIndex(dialog.profile.findData(Profile.INTERNAL))
    assert gifts.isEnabled()
    assert "gifts" in (dialog.options().sections or ())
    dialog.one_person.setChecked(True)
    assert not gifts.isEnabled()
