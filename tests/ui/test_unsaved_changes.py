"""Cancel, Esc or the window's close button never throw an editor's changes away unasked.

Every editor, opened on every entity of the demo visit (a ceremony with wreaths,
placement and a running order, a dinner with its seating plan), closes at once when
nothing was changed; with a change it asks: Save saves it as one undoable edit,
Discard leaves the visit as it was, Cancel keeps the editor open with the change.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from tests.ui.editing import open_visit
from tests.ui.test_editors_roundtrip import EDITORS, TYPED, Editor, demo_with_import, type_into
from visitplanner.exports.visit_json import visit_to_json
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.shell.controller import VisitController

#: The real question (tests/ui/conftest.py answers Discard for every other test).
ASK_FOR_REAL = EntityEditor.__dict__["ask_unsaved"]


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[VisitController]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, demo_with_import()) as (_path, controller):
        yield controller


def _opened(qtbot, controller: VisitController, editor: Editor, item: Any) -> Any:  # type: ignore[no-untyped-def]
    dialog = editor.open(controller, item)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize("editor", EDITORS, ids=[e.kind for e in EDITORS])
def test_an_editor_left_alone_closes_without_asking(  # type: ignore[no-untyped-def]
    qtbot, demo: VisitController, editor: Editor, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    for item in editor.items(demo.data):
        dialog = _opened(qtbot, demo, editor, item)
        monkeypatch.setattr(dialog, "ask_unsaved", lambda ident=item.id: asked.append(ident))
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.result() == QDialog.DialogCode.Rejected
        assert not dialog.isVisible()
    assert asked == [], f"{editor.kind}: asked about changes no one made"


@pytest.mark.parametrize("editor", EDITORS, ids=[e.kind for e in EDITORS])
@pytest.mark.parametrize(
    ("answer", "kept_open", "saved"),
    [
        (QMessageBox.StandardButton.Cancel, True, False),
        (QMessageBox.StandardButton.Discard, False, False),
        (QMessageBox.StandardButton.Save, False, True),
    ],
    ids=["keep editing", "discard", "save"],
)
def test_a_change_is_never_lost_unasked(  # type: ignore[no-untyped-def]
    qtbot,
    demo: VisitController,
    editor: Editor,
    answer: QMessageBox.StandardButton,
    kept_open: bool,
    saved: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    item = editor.items(demo.data)[-1]
    before = visit_to_json(demo.data)
    steps = demo.undo_stack.count()
    dialog = _opened(qtbot, demo, editor, item)
    type_into(editor.input(dialog), TYPED)
    asked: list[bool] = []

    def ask() -> QMessageBox.StandardButton:
        asked.append(True)
        return answer

    monkeypatch.setattr(dialog, "ask_unsaved", ask)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [True]
    assert dialog.isVisible() is kept_open
    if saved:
        assert demo.undo_stack.count() == steps + 1
        assert TYPED.strip() in visit_to_json(demo.data)
    else:
        assert demo.undo_stack.count() == steps
        assert visit_to_json(demo.data) == before
    if kept_open:
        text = editor.input(dialog)
        shown = text.toPlainText() if hasattr(text, "toPlainText") else text.text()
        assert shown.endswith(TYPED)
    QDialog.reject(dialog)  # done with it: closed without asking again


def test_the_question_is_a_real_box_with_save_discard_and_cancel(  # type: ignore[no-untyped-def]
    qtbot, demo: VisitController, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(EntityEditor, "ask_unsaved", ASK_FOR_REAL)
    editor = EDITORS[0]  # an event: the ceremony, with its wreaths and running order
    ceremony = next(e for e in demo.data.events if e.wreaths)
    dialog = _opened(qtbot, demo, editor, ceremony)
    type_into(editor.input(dialog), TYPED)
    seen: list[tuple[str, set[QMessageBox.StandardButton]]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        buttons = {box.standardButton(b) for b in box.buttons()}
        seen.append((box.text(), buttons))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    dialog.close()  # the window's close button asks too
    assert seen and seen[0][0] == "Save the changes made in this editor?"
    assert seen[0][1] == {
        QMessageBox.StandardButton.Save,
        QMessageBox.StandardButton.Discard,
        QMessageBox.StandardButton.Cancel,
    }
    assert dialog.isVisible()
    QDialog.reject(dialog)
