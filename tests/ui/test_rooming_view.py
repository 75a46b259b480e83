"""The Rooming page and the stay editor: the stays listed, filtered in either script or
by hotel, a stay added, edited and deleted as one undoable edit each, the private fields
marked; and a venue's room types edited on the venue editor's Rooms tab."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.ui.editing import open_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.demo.common import PARIS, demo_id, person_id, venue_id
from visitplanner.demo.rooming import SINGLE
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.common.privacy_marks import is_marked_private
from visitplanner.ui.rooming.view import RoomingView, StayDialog
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.venues.dialog import VenueDialog

HOTEL = venue_id("hotel")


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, RoomingView]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (path, controller):
        view = RoomingView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def _column(view: RoomingView, column: int) -> list[str]:
    model = view.table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_stays_are_listed_with_hotel_room_and_dates(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    assert len(_column(view, 0)) == 11
    # The advance security officer checks in the evening before the others.
    assert _column(view, 4)[_column(view, 0).index("Serhii MARCHENKO")] == "05/05 20:00"
    assert set(_column(view, 1)) == {"Novotel Paris Centre Tour Eiffel hotel"}
    row = _column(view, 0).index("Natalia KALMYKOVA")
    assert [_column(view, c)[row] for c in range(2, 6)] == [
        "Suite",
        "1201",
        "06/05 14:00",
        "09/05 10:00",
    ]


def test_the_filter_finds_a_guest_in_either_script_or_a_hotel(demo) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = demo
    type_text(view.filter, "ткачук")  # typed in Cyrillic: himself, and his roommate's row
    assert sorted(_column(view, 0)) == ["Dmytro TKACHUK", "Taras BONDAR"]
    view.filter.clear()
    type_text(view.filter, "novotel accessible")
    assert sorted(_column(view, 0)) == ["Andrii KOVALENKO", "Yuliia MELNYK"]


def test_a_new_stay_is_one_undoable_edit(demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    dialog = view.new()
    assert isinstance(dialog, StayDialog)
    assert is_marked_private(dialog.billing) and is_marked_private(dialog.room_number)
    dialog.person.setCurrentIndex(dialog.person.findData(person_id("rufo")))
    dialog.hotel.setCurrentIndex(dialog.hotel.findData(HOTEL))
    dialog.room_type.setCurrentIndex(dialog.room_type.findData(SINGLE))
    type_text(dialog.room_number, "808")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
    added = next(s for s in read_visit(path).stays if s.person_id == person_id("rufo"))
    assert (added.hotel_id, added.room_type_id, added.room_number) == (HOTEL, SINGLE, "808")
    assert added.check_in == datetime(2026, 5, 6, 15, tzinfo=PARIS)
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert person_id("rufo") not in {s.person_id for s in read_visit(path).stays}


def test_editing_and_deleting_a_stay_are_undone(monkeypatch, demo) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = demo
    stay = demo_id("stay:boiko")
    assert view.select_stay(stay)
    dialog = view.edit_current()
    assert isinstance(dialog, StayDialog)
    dialog.accept()  # nothing changed: no edit
    assert controller.undo_stack.count() == 0
    dialog = view.edit_current()
    assert isinstance(dialog, StayDialog)
    dialog.late_arrival.setChecked(True)
    dialog.accept()
    assert next(s for s in read_visit(path).stays if s.id == stay).late_arrival
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    view.select_stay(stay)
    assert view.delete_current()
    assert stay not in {s.id for s in read_visit(path).stays}
    controller.undo_stack.undo()
    controller.undo_stack.undo()
    assert read_visit(path).stays == build_demo().stays


def test_the_venue_editor_edits_a_hotels_room_types(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (path, controller):
        hotel = controller.data.venue(HOTEL)
        dialog = VenueDialog(controller, hotel)
        qtbot.addWidget(dialog)
        rooms = dialog.rooms
        assert rooms.hotel.isChecked() and rooms.table.rowCount() == 4
        rooms.add.click()
        rooms.table.item(4, 2).setText("Family room")  # type: ignore[union-attr]
        dialog.accept()
        assert dialog.result() == dialog.DialogCode.Accepted, dialog.error.text()
        saved = read_visit(path).venue(HOTEL)
        assert [t.name.en for t in saved.room_types][-1] == "Family room"
        assert saved.room_types[:4] == hotel.room_types  # the others keep their ids
        controller.undo_stack.undo()
        assert read_visit(path).venue(HOTEL).room_types == hotel.room_types
