"""The event dialog's "From the template" never replaces a written running order
unasked: Keep leaves the demo ceremony's 18 lines as written, Replace puts the
template's lines in their place, and Undo brings the officer's lines back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from visitplanner.demo import build_demo
from visitplanner.domain.model import Event
from visitplanner.domain.values import EventKind
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.shell.controller import VisitController


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Path, VisitController]]:
    set_language("en")
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    controller = VisitController(VisitSession.open(path))
    yield path, controller
    controller.session.close()


def _ceremony(path: Path) -> Event:
    return next(e for e in read_visit(path).events if e.kind is EventKind.CEREMONY)


def _actions(event: Event) -> list[str]:
    return [line.action.fr for line in sorted(event.running_order, key=lambda i: i.at)]


@pytest.mark.parametrize("replace", [False, True], ids=["keep", "replace"])
def test_the_template_asks_before_replacing_the_running_order(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Path, VisitController], monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    path, controller = demo
    written = _actions(_ceremony(path))
    assert len(written) == 18 and "Ravivage de la Flamme" in written
    dialog = EventDialog(controller, _ceremony(path))
    qtbot.addWidget(dialog)
    dialog.show()
    asked: list[bool] = []

    def ask() -> bool:
        asked.append(True)
        return replace

    monkeypatch.setattr(dialog, "ask_replace_running_order", ask)
    QTest.mouseClick(dialog.template, Qt.MouseButton.LeftButton)
    assert asked == [True]
    shown = [line.action.fr for line in dialog.running_order.model.lines()]
    assert ("Ravivage de la Flamme" in shown) is not replace
    assert (shown == written) is not replace
    # Nothing is saved before OK.
    assert _actions(_ceremony(path)) == written
    steps = controller.undo_stack.count()
    QTest.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    saved = _actions(_ceremony(path))
    if not replace:
        assert saved == written
        assert controller.undo_stack.count() == steps
        return
    assert saved == shown and "Ravivage de la Flamme" not in saved
    assert controller.undo_stack.count() == steps + 1
    controller.undo_stack.undo()
    assert _actions(_ceremony(path)) == written


def test_an_empty_running_order_is_filled_without_a_question(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Path, VisitController], monkeypatch: pytest.MonkeyPatch
) -> None:
    _path, controller = demo
    dialog = EventDialog(controller, None)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "ask_replace_running_order", lambda: pytest.fail("asked"))
    dialog.general.title.editor("fr").setText("Cérémonie")
    QTest.mouseClick(dialog.template, Qt.MouseButton.LeftButton)
    assert dialog.running_order.model.rowCount() > 0
