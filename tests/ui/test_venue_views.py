"""The venues screen and editor: step-free access shown, travel times saved both ways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget

from tests.factories import small_visit
from tests.ui.editing import open_visit, unnamed_inputs
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.domain.model import Venue
from visitplanner.domain.privacy import PRIVATE_FIELDS
from visitplanner.domain.values import LANGUAGES, Access, LocalizedText
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.common.privacy_marks import is_marked_private
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.venues.travel_times import TravelTimesModel
from visitplanner.ui.venues.view import VenueDialog, VenuesView


@pytest.fixture
def small(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, VenuesView]]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, small_visit()) as (path, controller):
        view = VenuesView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def _venues(controller: VisitController) -> tuple[Venue, Venue]:
    by_name = {v.name.fr: v for v in controller.data.venues}
    return by_name["Hôtel de Brienne"], by_name["Arc de Triomphe"]


def _table(view: VenuesView) -> list[list[str]]:
    model = view.table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _set_minutes(dialog: VenueDialog, other: Venue, text: str) -> None:
    model = dialog.travel
    assert model.setData(model.index(model.row_of(other.id), 1), text)


def test_the_table_lists_venues_with_step_free_access(small) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = small
    rows = _table(view)
    assert [row[0] for row in rows] == ["Arc de Triomphe", "Hôtel de Brienne"]  # sorted by name
    assert [row[2] for row in rows] == ["unknown", "yes"]
    colour = view.table.model().index(1, 2).data(Qt.ItemDataRole.ForegroundRole)
    assert colour.color().name() == "#1b7f3b"


def test_the_table_sorts_and_filters(small) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = small
    view.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [row[0] for row in _table(view)] == ["Hôtel de Brienne", "Arc de Triomphe"]
    assert view.filter is not None
    type_text(view.filter, "hotel")  # accents aside
    assert [row[0] for row in _table(view)] == ["Hôtel de Brienne"]
    view.filter.clear()
    type_text(view.filter, "75007")
    assert [row[0] for row in _table(view)] == ["Hôtel de Brienne"]


def test_a_travel_time_is_saved_both_ways_as_one_edit(small) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = small
    brienne, arc = _venues(controller)
    assert view.select_venue(brienne.id)
    dialog = view.edit_current()
    assert isinstance(dialog, VenueDialog)
    assert dialog.both_ways.isChecked()
    _set_minutes(dialog, arc, "20")
    row = dialog.travel.row_of(arc.id)
    assert dialog.travel.index(row, 2).data() == "20"  # shown as it will be saved
    dialog.accept()
    data = read_visit(path)
    assert data.venue(brienne.id).travel_minutes == {arc.id: 20}
    assert data.venue(arc.id).travel_minutes == {brienne.id: 20}
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    data = read_visit(path)
    assert data.venue(brienne.id).travel_minutes == {arc.id: 15}
    assert data.venue(arc.id).travel_minutes == {brienne.id: 15}


def test_one_way_only_when_the_box_is_unticked(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller, _view = small
    brienne, arc = _venues(controller)
    dialog = VenueDialog(controller, brienne)
    qtbot.addWidget(dialog)
    dialog.both_ways.setChecked(False)
    _set_minutes(dialog, arc, "25")
    dialog.accept()
    data = read_visit(path)
    assert data.venue(brienne.id).travel_minutes == {arc.id: 25}
    assert data.venue(arc.id).travel_minutes == {brienne.id: 15}


def test_a_cleared_time_becomes_unknown_both_ways(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller, _view = small
    brienne, arc = _venues(controller)
    dialog = VenueDialog(controller, brienne)
    qtbot.addWidget(dialog)
    _set_minutes(dialog, arc, "")
    dialog.accept()
    data = read_visit(path)
    assert data.venue(brienne.id).travel_minutes == {}
    assert data.venue(arc.id).travel_minutes == {}


def test_minutes_must_be_a_whole_number(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller, _view = small
    brienne, arc = _venues(controller)
    dialog = VenueDialog(controller, brienne)
    qtbot.addWidget(dialog)
    model = dialog.travel
    index = model.index(model.row_of(arc.id), 1)
    assert not model.setData(index, "ten")
    assert not model.setData(index, "-5")
    assert model.index(index.row(), 1).data() == "15"


def test_typing_minutes_in_the_table(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller, _view = small
    brienne, arc = _venues(controller)
    dialog = VenueDialog(controller, brienne)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentIndex(2)
    table = dialog.travel_table
    table.setFocus()
    table.setCurrentIndex(dialog.travel.index(dialog.travel.row_of(arc.id), 1))
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    QTest.keyClicks(editor, "12x")  # the letter is refused as typed
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: dialog.travel.index(dialog.travel.row_of(arc.id), 1).data() == "12")
    dialog.accept()
    assert read_visit(path).venue(arc.id).travel_minutes == {brienne.id: 12}


def test_a_new_venue_with_a_travel_time_and_undo(small) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = small
    _brienne, arc = _venues(controller)
    dialog = view.new()
    assert isinstance(dialog, VenueDialog)
    type_text(dialog.name.editor("fr"), "Musée de l’Armée")
    type_text(dialog.city, "Paris")
    dialog.step_free.setCurrentIndex(dialog.step_free.findData(Access.YES.value))
    _set_minutes(dialog, arc, "18")
    dialog.accept()
    data = read_visit(path)
    musee = next(v for v in data.venues if v.name.fr == "Musée de l’Armée")
    assert musee.step_free is Access.YES and musee.capacity is None
    assert musee.travel_minutes == {arc.id: 18}
    assert data.venue(arc.id).travel_minutes[musee.id] == 18
    assert view.current_id() == musee.id
    controller.undo_stack.undo()
    data = read_visit(path)
    assert musee.id not in {v.id for v in data.venues}
    assert musee.id not in data.venue(arc.id).travel_minutes


def test_coordinates_come_in_pairs_and_in_range(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    path, controller, _view = small
    _brienne, arc = _venues(controller)
    dialog = VenueDialog(controller, arc)
    qtbot.addWidget(dialog)
    type_text(dialog.latitude, "48,8738")  # a French decimal comma
    dialog.accept()
    assert "both the latitude and the longitude" in dialog.error.text()
    type_text(dialog.longitude, "200")
    dialog.accept()
    assert "longitude" in dialog.error.text() and "180" in dialog.error.text()
    assert controller.undo_stack.count() == 0
    dialog.longitude.setText("2.295")
    dialog.accept()
    saved = read_visit(path).venue(arc.id)
    assert (saved.latitude, saved.longitude) == (48.8738, 2.295)


def test_only_the_security_notes_are_marked_private(qtbot, small) -> None:  # type: ignore[no-untyped-def]
    _path, controller, _view = small
    brienne, _arc = _venues(controller)
    dialog = VenueDialog(controller, brienne)
    qtbot.addWidget(dialog)
    marked = {name for name, w in dialog.field_widgets.items() if is_marked_private(w)}
    assert marked == set(PRIVATE_FIELDS[Venue])
    assert dialog.security_notes.value() == LocalizedText(fr="badge")
    assert unnamed_inputs(dialog) == []
    editors = {dialog.security_notes.editor(lang) for lang in LANGUAGES}
    for widget in dialog.findChildren(QWidget):
        if is_marked_private(widget):
            assert widget is dialog.security_notes or widget in editors


def test_deleting_a_venue_asks_and_undo_brings_it_back(monkeypatch, small) -> None:  # type: ignore[no-untyped-def]
    path, controller, view = small
    brienne, arc = _venues(controller)
    asked: list[str] = []

    def yes(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    view.select_venue(brienne.id)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert "Hôtel de Brienne" in asked[0] and "(1)" in asked[0]
    data = read_visit(path)
    assert brienne.id not in {v.id for v in data.venues}
    assert data.venue(arc.id).travel_minutes == {}
    assert all(e.venue_id != brienne.id for e in data.events)
    controller.undo_stack.undo()
    data = read_visit(path)
    assert data.venue(brienne.id).travel_minutes == {arc.id: 15}
    assert data.venue(arc.id).travel_minutes == {brienne.id: 15}
    assert any(e.venue_id == brienne.id for e in data.events)


def test_a_read_only_visit_offers_no_edit(small) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = small
    controller.read_only = True
    view.refresh()
    view.select_venue(_venues(controller)[0].id)
    assert not view.new_action.isEnabled()
    assert not view.delete_action.isEnabled()
    assert view.edit_action.isEnabled()
    dialog = view.edit_current()
    assert isinstance(dialog, VenueDialog)
    assert dialog.address.isReadOnly()
    dialog.reject()


def test_the_demo_venues_and_their_models(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (_path, controller):
        view = VenuesView(controller)
        qtbot.addWidget(view)
        assert view.table.model().rowCount() == len(controller.data.venues)
        qtmodeltester.check(view.model)
        venue = controller.data.venues[0]
        others = controller.data.venues[1:]
        travel = TravelTimesModel(venue.id, venue.travel_minutes, others, "fr")
        qtmodeltester.check(travel)
        assert unnamed_inputs(view) == []


@pytest.mark.parametrize(
    ("lang", "shown"), [("fr", "48,8738"), ("uk", "48,8738"), ("en", "48.8738")]
)
def test_coordinates_are_shown_as_the_language_writes_numbers(qtbot, small, lang, shown) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.i18n import set_language

    path, controller, _view = small
    _brienne, arc = _venues(controller)
    set_language(lang)
    try:
        dialog = VenueDialog(controller, arc)
        qtbot.addWidget(dialog)
        type_text(dialog.latitude, "48,8738")
        type_text(dialog.longitude, "2.295")
        dialog.accept()
        again = VenueDialog(controller, controller.data.venue(arc.id))
        qtbot.addWidget(again)
        assert again.latitude.text() == shown
        assert not again.has_changes()  # shown as written, read back the same
        again.reject()
    finally:
        set_language("en")
    assert read_visit(path).venue(arc.id).latitude == 48.8738
