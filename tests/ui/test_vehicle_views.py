"""The convoy screen and the vehicle editor: order on the road, drivers, one edit per change."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.factories import small_visit
from tests.ui.editing import open_visit, unnamed_inputs
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import person_id, vehicle_id
from visitplanner.domain.values import Access, Role
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.vehicles.view import VehicleDialog, VehiclesView


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, VehiclesView]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (path, controller):
        view = VehiclesView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def _labels(view: VehiclesView) -> list[str]:
    model = view.table.model()
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def _convoy(path: Path) -> list[tuple[str, int]]:
    vehicles = read_visit(path).vehicles
    return sorted(((v.label.fr, v.convoy_position) for v in vehicles), key=lambda pair: pair[1])


def test_the_convoy_is_listed_in_order_with_its_drivers(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    # Each vehicle's name in the window's language (English here).
    assert _labels(view) == [
        "Lead car",
        "Minister’s car",
        "Accessible minibus",
        "Staff and luggage van",
    ]
    model = view.table.model()
    assert model.index(0, 0).data() == "1"
    assert model.index(1, 3).data() == "Stéphane ROUX"
    assert model.index(2, 6).data() == "yes"


def test_moving_a_vehicle_renumbers_the_convoy_as_one_edit(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    before = _convoy(path)
    assert view.select_vehicle(vehicle_id("minibus"))
    assert view.move_up()
    after = _convoy(path)
    assert [label for label, _p in after][:3] == [
        "Véhicule de tête",
        "Minibus accessible",
        "Véhicule de la ministre",
    ]
    assert [position for _l, position in after] == [1, 2, 3, 4]
    assert _labels(view)[1] == "Accessible minibus"
    assert view.current_id() == vehicle_id("minibus")
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert _convoy(path) == before


def test_ctrl_down_moves_the_vehicle_back(demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    view.select_vehicle(vehicle_id("lead"))
    assert not view.move_up_action.isEnabled()
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _convoy(path)[1] == ("Véhicule de tête", 2)
    view.select_vehicle(vehicle_id("van"))
    assert not view.move_down_action.isEnabled()


def test_the_driver_is_a_person_of_the_roster_or_a_name(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    view.select_vehicle(vehicle_id("van"))
    dialog = view.edit_current()
    assert isinstance(dialog, VehicleDialog)
    drivers = {dialog.driver.itemData(i) for i in range(1, dialog.driver.count())}
    expected = {p.id for p in controller.data.people if p.role == Role.DRIVER}
    assert drivers == expected
    dialog.driver.setCurrentIndex(dialog.driver.findData(person_id("perrin")))
    dialog.accept()
    van = read_visit(path).vehicle(vehicle_id("van"))
    assert van.driver_id == person_id("perrin") and van.driver_name == ""
    dialog = view.edit_current()
    assert isinstance(dialog, VehicleDialog)
    dialog.driver.setEditText("Chauffeur de l’ambassade")
    dialog.accept()
    van = read_visit(path).vehicle(vehicle_id("van"))
    assert van.driver_id is None and van.driver_name == "Chauffeur de l’ambassade"
    model = view.table.model()
    assert model.index(view.table.currentIndex().row(), 3).data() == "Chauffeur de l’ambassade"


def test_choosing_a_driver_fills_an_empty_duty_phone(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (_path, controller):
        dialog = VehicleDialog(controller, None)
        qtbot.addWidget(dialog)
        dialog.driver.setCurrentIndex(dialog.driver.findData(person_id("roux")))
        assert dialog.duty_phone.text() == controller.data.person(person_id("roux")).duty_phone


def test_a_new_vehicle_joins_the_end_of_the_convoy(demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    dialog = view.new()
    assert isinstance(dialog, VehicleDialog)
    dialog.accept()
    assert "label" in dialog.error.text()
    type_text(dialog.label.editor("fr"), "Voiture de l’ambassade")
    type_text(dialog.plate, "cd-123-ab")
    dialog.seats.setValue(4)
    dialog.wheelchair.setCurrentIndex(dialog.wheelchair.findData(Access.NO.value))
    dialog.accept()
    added = next(v for v in read_visit(path).vehicles if v.label.fr == "Voiture de l’ambassade")
    assert added.convoy_position == 5 and added.plate == "CD-123-AB" and added.seats == 4
    assert _labels(view)[-1] == "Voiture de l’ambassade"
    assert view.current_id() == added.id


def test_deleting_a_vehicle_frees_its_transfers_until_undone(monkeypatch, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    view.select_vehicle(vehicle_id("minibus"))
    assert view.delete_current()
    data = read_visit(path)
    assert vehicle_id("minibus") not in {v.id for v in data.vehicles}
    assert all(vehicle_id("minibus") not in e.vehicle_ids for e in data.events)
    controller.undo_stack.undo()
    assert any(vehicle_id("minibus") in e.vehicle_ids for e in read_visit(path).events)


def test_a_renamed_driver_shows_in_the_convoy(demo) -> None:  # type: ignore[no-untyped-def]
    import copy

    from visitplanner.operations.edits import SaveEntity

    _path, controller, view = demo
    roux = controller.data.person(person_id("roux"))
    renamed = copy.deepcopy(roux)
    renamed.given_name = "Stéfane"
    controller.apply(SaveEntity(renamed, roux))
    assert view.table.model().index(1, 3).data() == "Stéfane ROUX"


def test_a_read_only_visit_offers_no_edit(demo) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = demo
    controller.read_only = True
    view.refresh()
    view.select_vehicle(vehicle_id("minibus"))
    for action in (view.new_action, view.delete_action, view.move_up_action, view.move_down_action):
        assert not action.isEnabled()
    assert not view.move_up()


def test_the_vehicle_models_and_names(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, small_visit()) as (_path, controller):
        view = VehiclesView(controller)
        qtbot.addWidget(view)
        qtmodeltester.check(view.model)
        assert unnamed_inputs(view) == []
        dialog = VehicleDialog(controller, controller.data.vehicles[0])
        qtbot.addWidget(dialog)
        assert dialog.driver.currentText() == "Jean"  # a driver typed freely
        assert unnamed_inputs(dialog) == []


def test_the_english_name_is_edited_beside_the_others_and_undone(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    view.select_vehicle(vehicle_id("minister"))
    dialog = view.edit_current()
    assert isinstance(dialog, VehicleDialog)
    # One input per language, each loaded with its own version.
    assert dialog.label.editor("fr").text() == "Véhicule de la ministre"
    assert dialog.label.editor("uk").text() == "Автомобіль Міністра"
    english = dialog.label.editor("en")
    assert english.text() == "Minister’s car"
    assert english.accessibleName() == "Label (English)"
    english.clear()
    type_text(english, "The minister’s saloon")
    type_text(dialog.notes.editor("en"), "Tinted windows. ")
    dialog.accept()
    car = read_visit(path).vehicle(vehicle_id("minister"))
    assert car.label.en == "The minister’s saloon"
    assert car.label.fr == "Véhicule de la ministre" and car.label.uk == "Автомобіль Міністра"
    assert "Tinted windows." in car.notes.en and car.notes.fr.startswith("Berline")
    assert _labels(view)[1] == "The minister’s saloon"  # the list shows the window's language
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert read_visit(path).vehicle(vehicle_id("minister")).label.en == "Minister’s car"
    assert _labels(view)[1] == "Minister’s car"


def test_a_vehicle_named_in_one_language_only_is_listed_in_it(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = demo
    dialog = view.new()
    assert isinstance(dialog, VehicleDialog)
    type_text(dialog.label.editor("uk"), "Автомобіль посольства")
    dialog.accept()
    added = next(v for v in read_visit(path).vehicles if v.convoy_position == 5)
    assert added.label.uk == "Автомобіль посольства" and not added.label.fr
    assert _labels(view)[-1] == "Автомобіль посольства"
