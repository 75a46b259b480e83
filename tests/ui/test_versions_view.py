"""The Versions page: issue a version, see what changed since, open or save a past one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.factories import small_visit
from tests.ui.editing import open_visit, unnamed_inputs
from visitplanner.domain.values import EventStatus
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.main_window import PAGES, MainWindow
from visitplanner.ui.versions.view import VersionsView


@pytest.fixture
def page(qtbot, tmp_path: Path) -> Iterator[tuple[Path, VisitController, VersionsView]]:  # type: ignore[no-untyped-def]
    data = small_visit()
    for event in data.events:
        event.status = EventStatus.CONFIRMED
    with open_visit(tmp_path, data) as (path, controller):
        view = VersionsView(controller)
        qtbot.addWidget(view)
        view.show()
        yield path, controller, view


def test_an_issued_version_is_listed_kept_and_selected(page) -> None:  # type: ignore[no-untyped-def]
    path, _controller, view = page
    assert view.empty.isVisible() and not view.open_button.isEnabled()
    version = view.issue("for the embassy")
    assert version is not None and version.number == 1
    assert view.table.rowCount() == 1 and view.table.item(0, 2).text() == "for the embassy"
    assert view.selected() == version and view.open_button.isEnabled()
    assert not view.empty.isVisible()
    assert [v.number for v in read_visit(path).versions] == [1]


def test_the_changes_since_a_version_are_shown(page) -> None:  # type: ignore[no-untyped-def]
    _path, controller, view = page
    view.issue("")
    meeting = controller.data.events[1]
    meeting.start += timedelta(hours=1)
    meeting.end += timedelta(hours=1)
    QTest.mouseClick(view.changes_button, Qt.MouseButton.LeftButton)
    text = view.changes_text.toPlainText()
    assert "Events moved" in text and "Talks" in text


def test_a_past_version_opens_read_only_or_becomes_a_new_file(  # type: ignore[no-untyped-def]
    page, qtbot, tmp_path: Path, monkeypatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    _path, controller, view = page
    view.issue("")
    controller.data.events.clear()  # as the programme stands later
    with qtbot.waitSignal(view.open_requested) as opened:
        QTest.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    snapshot = opened.args[0]
    session = VisitSession.open(snapshot, read_only=True)
    try:
        assert len(session.data.events) == 3 and session.read_only
    finally:
        session.close()
    target = tmp_path / "copy.visit"
    assert view.save_as(target)
    assert len(read_visit(target).events) == 3
    assert not view.save_as(target)  # never over an existing file
    assert len(warnings) == 1


def test_every_input_is_named(page) -> None:  # type: ignore[no-untyped-def]
    _path, _controller, view = page
    assert unnamed_inputs(view) == []


def test_the_window_has_a_versions_page_before_the_checks(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    _path, controller, _view = page
    keys = [key for key, _title in PAGES]
    assert keys.index("versions") == keys.index("checks") - 1
    opened: list[Path] = []
    window = MainWindow(controller, open_read_only=opened.append)
    qtbot.addWidget(window)
    versions = window.show_page("versions")
    assert isinstance(versions, VersionsView)
    versions.issue("")
    versions.open_read_only()
    assert len(opened) == 1 and opened[0].suffix == ".visit"
