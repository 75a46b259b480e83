"""The Vehicles page's car plan: a movement's cars seat by seat, people dragged between
seats or moved by keyboard, Propose; each change one undoable edit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTreeWidgetItem

from tests.ui.editing import open_visit, unnamed_inputs
from visitplanner.demo import build_demo
from visitplanner.demo.common import event_id, person_id, vehicle_id
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.vehicles.car_plan import _PERSON, PERSON_MIME, CarPlanPanel
from visitplanner.ui.vehicles.view import VehiclesView

ARC_BACK = event_id("transfer-arc-hotel")


@pytest.fixture
def page(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, CarPlanPanel]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (path, controller):
        view = VehiclesView(controller)
        qtbot.addWidget(view)
        view.show()
        panel = view.car_plan
        assert panel.select_movement(ARC_BACK)
        yield path, controller, panel


def _items(panel: CarPlanPanel) -> Iterator[QTreeWidgetItem]:
    for n in range(panel.tree.topLevelItemCount()):
        top = panel.tree.topLevelItem(n)
        assert top is not None
        yield top
        for m in range(top.childCount()):
            child = top.child(m)
            assert child is not None
            yield child


def _item_of(panel: CarPlanPanel, person: str) -> QTreeWidgetItem:
    return next(i for i in _items(panel) if i.data(0, _PERSON) == person_id(person))


def _seat(path: Path, person: str) -> tuple[str, str, int | None]:
    found = [
        a
        for a in read_visit(path).car_assignments
        if a.event_id == ARC_BACK and a.person_id == person_id(person)
    ]
    return (found[0].vehicle_id, found[0].seat.value, found[0].number) if found else ("", "", None)


def test_the_cars_are_shown_in_convoy_order_seat_by_seat(page) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, panel = page
    tops = [panel.tree.topLevelItem(n).text(0) for n in range(panel.tree.topLevelItemCount())]  # type: ignore[union-attr]
    # Each car's name in the window's language (English here).
    assert tops[0].startswith("1. Lead car (GH-214-KP, Karim BENALI)")
    assert tops[1].startswith("2. Minister’s car")
    assert tops[-1] == "Without a car (0)"
    assert _item_of(panel, "kalmykova").text(0) == "rear right — Natalia KALMYKOVA"
    assert _item_of(panel, "kovalenko").text(0) == "seat 1 — Andrii KOVALENKO"
    assert not unnamed_inputs(panel)
    assert "(Ctrl+M)" in panel.move_action.toolTip()
    assert "(Ctrl+Shift+P)" in panel.propose_action.toolTip()


def test_a_person_dragged_onto_a_taken_seat_swaps_with_its_holder_in_one_undo(page) -> None:  # type: ignore[no-untyped-def]
    path, controller, panel = page
    minister, deputy = _seat(path, "kalmykova"), _seat(path, "shymanskyi")
    source, target = _item_of(panel, "shymanskyi"), _item_of(panel, "kalmykova")
    mime = QMimeData()
    mime.setData(PERSON_MIME, panel.tree.mimeData([source]).data(PERSON_MIME))
    panel.tree.scrollToItem(target)
    spot = panel.tree.visualItemRect(target).center()
    drop = QDropEvent(
        QPointF(spot),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    panel.tree.dropEvent(drop)
    assert _seat(path, "shymanskyi") == minister
    assert _seat(path, "kalmykova") == deputy
    assert _item_of(panel, "shymanskyi").text(0) == "rear right — Oleg SHYMANSKYI"
    controller.undo_stack.undo()
    assert _seat(path, "kalmykova") == minister
    assert _seat(path, "shymanskyi") == deputy


def test_move_to_by_keyboard_and_take_out_with_del(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    path, _controller, panel = page
    panel.tree.setFocus()
    panel.tree.setCurrentItem(_item_of(panel, "lytvynenko"))
    QTest.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert _seat(path, "lytvynenko") == ("", "", None)
    assert panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1).text(0) == (  # type: ignore[union-attr]
        "Without a car (1)"
    )
    panel.tree.setCurrentItem(_item_of(panel, "lytvynenko"))
    QTest.keyClick(panel.tree, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    dialog = panel.dialog
    assert dialog is not None
    choice = dialog.target.findText("    seat 3 — (free)")
    assert choice >= 0
    dialog.target.setCurrentIndex(choice)
    dialog.accept()
    assert _seat(path, "lytvynenko") == (vehicle_id("van"), "numbered", 3)


def test_propose_seats_those_without_a_car(page) -> None:  # type: ignore[no-untyped-def]
    path, _controller, panel = page
    for person in ("bondar", "tkachuk"):
        panel.tree.setCurrentItem(_item_of(panel, person))
        assert panel.take_out_current()
    assert _seat(path, "bondar") == ("", "", None)
    assert panel.summary.text().endswith("without a car: 2.")
    panel.propose_action.trigger()
    assert _seat(path, "bondar")[0] and _seat(path, "tkachuk")[0]
    assert panel.summary.text().endswith("without a car: 0.")


def test_a_car_finding_opens_its_movement_on_the_vehicles_page(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from visitplanner.domain.checks import FindingKind
    from visitplanner.operations.edits import delete_operation
    from visitplanner.ui.checks.view import FindingsModel
    from visitplanner.ui.shell.main_window import MainWindow
    from visitplanner.ui.shell.settings import AppSettings

    with open_visit(tmp_path, build_demo()) as (_path, controller):
        ini = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(controller, AppSettings(ini))
        qtbot.addWidget(window)
        window.show()
        # Take someone's seat away: the movement now has a participant without a car.
        seat = controller.data.car_assignments[0]
        assert controller.apply(delete_operation(controller.data, seat), window)
        checks = window.show_page("checks")
        checks.run_checks()
        qtbot.waitUntil(
            lambda: any(f.kind is FindingKind.CAR_MISSING for f in checks.model.findings()),
            timeout=20_000,
        )
        finding = next(f for f in checks.model.findings() if f.kind is FindingKind.CAR_MISSING)
        row = checks.model.row_of(finding)
        checks.table.doubleClicked.emit(checks.model.index(row.row(), 3))
        vehicles = window.stack.currentWidget()
        assert isinstance(vehicles, VehiclesView)
        shown = vehicles.car_plan.current_event()
        assert shown is not None and shown.id == finding.event_ids[0]
        assert checks.model.index(row.row(), 3).data(FindingsModel.FindingRole) is not None
