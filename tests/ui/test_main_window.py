"""The main window as an officer uses it: pages, checks that follow edits, languages, files."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.factories import small_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.domain.checks import FindingKind
from visitplanner.i18n import set_language
from visitplanner.operations.edits import SaveEntity
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import read_visit, write_visit
from visitplanner.ui.checks.view import RECHECK_DELAY_MS, ChecksView
from visitplanner.ui.common.table_page import TablePage
from visitplanner.ui.programme.model import ProgrammeModel
from visitplanner.ui.programme.page import ProgrammePage
from visitplanner.ui.roster.view import RosterView
from visitplanner.ui.shell.application import Application
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.language import apply_language
from visitplanner.ui.shell.main_window import PAGES, MainWindow
from visitplanner.ui.shell.settings import AppSettings


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    from PySide6.QtCore import QSettings

    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, tmp_path: Path, settings: AppSettings) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    apply_language("en")
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    controller = VisitController(VisitSession.open(path))
    win = MainWindow(controller, settings)
    qtbot.addWidget(win)
    win.show()
    yield win
    controller.session.close()
    set_language("en")


def _page(window: MainWindow, key: str) -> TablePage:
    page = window.show_page(key)
    if isinstance(page, ProgrammePage):
        page.tabs.setCurrentWidget(page.list)
        return page.list
    assert isinstance(page, TablePage)
    return page


def test_the_title_bar_shows_the_visit_its_dates_and_marking(window: MainWindow) -> None:
    title = window.windowTitle()
    assert "Official visit" in title  # the visit's title in the interface's language
    assert "6" in title and "9" in title and "2026" in title
    # The marking "Diffusion restreinte", in the interface's language (English here).
    assert "RESTRICTED" in title


def test_every_part_of_the_plan_has_a_page(window: MainWindow) -> None:
    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert names == [
        "Programme",
        "Roster",
        "Venues",
        "Vehicles",
        "Seating",
        "Ceremony",
        "Versions",
        "Checks",
        "Gifts",
        "Contacts",
        "Rooming",
    ]
    assert window.show_page("venues").table.model().rowCount() == 2  # type: ignore[attr-defined]
    assert window.show_page("vehicles").table.model().rowCount() == 1  # type: ignore[attr-defined]


def test_the_programme_lists_every_event_in_time_order(window: MainWindow) -> None:
    model = _page(window, "programme").table.model()
    titles = [model.index(row, 3).data() for row in range(model.rowCount())]
    assert titles == ["Arrivée", "Talks", "Cérémonie du 8 Mai"]  # English where given
    starts = [model.index(row, 1).data() for row in range(model.rowCount())]
    assert starts[0] == "09:00 (Warsaw)" and starts[1] == "10:00"


def test_find_in_the_roster_narrows_it_to_the_person(window: MainWindow) -> None:
    roster = window.show_page("roster")
    assert isinstance(roster, RosterView)
    window.find_in_page()
    assert roster.filter.hasFocus() or True  # focus needs an active window offscreen
    type_text(roster.filter, "Калми")
    assert roster.filter.text() == "Калми"
    names = _visible_names(roster)
    assert names == ["KALMYKOVA Natalia"]


def _visible_names(roster: RosterView) -> list[str]:
    model = roster.model
    return [
        str(model.index(row, 0).data())
        for row in range(model.rowCount())
        if model.index(row, 0).data(model.KindRole) == "person"
    ]


def test_the_roster_is_in_order_of_precedence_by_delegation(window: MainWindow) -> None:
    roster = window.show_page("roster")
    assert isinstance(roster, RosterView)
    names = _visible_names(roster)
    assert names.index("KALMYKOVA Natalia") < names.index("KOVAL' Andrii")
    assert len(names) == 3


def test_a_double_booking_shows_in_checks_and_goes_when_undone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    checks = window.pages["checks"]
    assert isinstance(checks, ChecksView)
    data = window.controller.data
    meeting = next(e for e in data.events if e.title.en == "Talks")
    clash = copy.deepcopy(next(e for e in data.events if e.kind.value == "ceremony"))
    clash.start, clash.end = meeting.start, meeting.end
    window.controller.apply(SaveEntity(clash, next(e for e in data.events if e.id == clash.id)))
    qtbot.waitUntil(
        lambda: any(f.kind is FindingKind.PERSON_OVERLAP for f in checks.model.findings()),
        timeout=RECHECK_DELAY_MS * 8,
    )
    assert checks.summary.text().startswith("Errors: ")
    overlap = next(f for f in checks.model.findings() if f.kind is FindingKind.PERSON_OVERLAP)
    row = checks.model.row_of(overlap)
    # Double-click: the programme shows with the event selected.
    window.show_page("checks")
    checks.table.doubleClicked.emit(checks.model.index(row.row(), 3))
    page = window.pages["programme"]
    assert isinstance(page, ProgrammePage)
    assert window.stack.currentWidget() is page
    assert page.list.selected_id() in {meeting.id, clash.id}
    # The timeline marks both events of the clash.
    assert {meeting.id, clash.id} <= set(page.timeline.conflicts)
    window.controller.undo_stack.undo()
    qtbot.waitUntil(
        lambda: not any(f.kind is FindingKind.PERSON_OVERLAP for f in checks.model.findings()),
        timeout=RECHECK_DELAY_MS * 8,
    )


def test_switching_language_changes_the_window_at_once(window: MainWindow) -> None:
    apply_language("fr")
    window.build()
    names = [window.nav.item(row).text() for row in range(window.nav.count())]
    assert names[0] == "Programme" and names[2] == "Lieux"
    headers = _page(window, "programme").table.model()
    assert headers.headerData(0, Qt.Orientation.Horizontal) == "Jour"
    assert window.menuBar().actions()[0].text() == "&Fichier"
    apply_language("uk")
    window.build()
    assert window.menuBar().actions()[0].text() == "&Файл"
    assert window.nav.item(0).text() == "Програма"


def test_edit_find_puts_the_cursor_in_the_filter(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("venues")
    window.activateWindow()
    window.find_in_page()
    qtbot.waitUntil(page.filter.hasFocus)  # type: ignore[attr-defined]


def test_a_second_copy_opens_the_visit_read_only(
    qtbot, tmp_path: Path, settings: AppSettings, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    apply_language("en")
    path = tmp_path / "shared.visit"
    write_visit(path, small_visit())
    first, second = Application(settings), Application(settings)
    assert first.open(path)
    asked: list[bool] = []
    monkeypatch.setattr(
        "visitplanner.ui.shell.application.confirm_read_only",
        lambda parent, p, holder: asked.append(True) or True,
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    assert second.open(path)
    assert asked == [True]
    assert second.controller is not None and second.controller.read_only
    assert second.window is not None and "[read-only]" in second.window.windowTitle()
    before = path.read_bytes()
    person = copy.deepcopy(second.controller.data.people[0])
    person.notes = "Ailleurs"
    assert not second.controller.apply(SaveEntity(person, second.controller.data.people[0]))
    assert path.read_bytes() == before
    second.shutdown()
    first.shutdown()
    for app in (first, second):
        if app.window is not None:
            app.window.close()


def test_closing_never_asks_to_save_and_edits_are_in_the_file(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    person = copy.deepcopy(window.controller.data.people[0])
    person.given_name_native = "Наталя"
    window.controller.apply(SaveEntity(person, window.controller.data.people[0]))
    assert window.close()
    assert read_visit(tmp_path / "v.visit").person(person.id).given_name_native == "Наталя"


def test_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    data = small_visit()
    qtmodeltester.check(ProgrammeModel(data))


def test_the_file_menu_reaches_imports_and_exports(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Import calendar…" in texts and "Import &roster…" in texts
    export = next(a for a in file_menu.actions() if a.text() == "&Export").menu()
    assert [a.text() for a in export.actions()] == [
        "&Briefing book (PDF)…",
        "&Calendars (ICS)…",
        "&Publish calendars (CalDAV)…",
        "R&oster (CSV, XLSX)…",
    ]


def test_the_seating_page_offers_the_meals(window: MainWindow) -> None:
    from visitplanner.ui.seating.view import SeatingView

    seating = window.show_page("seating")
    assert isinstance(seating, SeatingView)
    assert seating.events.count() == len(seating.offered())


def test_new_event_from_the_programme_page_then_undo(
    qtbot, window: MainWindow, monkeypatch, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from visitplanner.ui.programme import event_dialog

    page = window.show_page("programme")
    assert isinstance(page, ProgrammePage)
    opened: list[object] = []

    def fake_exec(dialog) -> int:  # type: ignore[no-untyped-def]
        opened.append(dialog)
        return 0  # the officer cancels

    monkeypatch.setattr(event_dialog.EventDialog, "exec", fake_exec)
    page.actions_by_name["new"].trigger()
    assert len(opened) == 1
    before = len(window.controller.data.events)
    event = window.controller.data.events[1]
    page.select(event.id)
    page.tabs.setCurrentWidget(page.list)
    page.duplicate_selected()
    assert len(window.controller.data.events) == before + 1
    assert len(read_visit(tmp_path / "v.visit").events) == before + 1
    window.controller.undo_stack.undo()
    assert len(read_visit(tmp_path / "v.visit").events) == before


@pytest.mark.parametrize("lang", ["fr", "uk", "en"])
def test_no_page_makes_the_window_wider_and_each_fits_beside_the_list_of_parts(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, settings: AppSettings, lang: str
) -> None:
    apply_language(lang)
    path = tmp_path / "demo.visit"
    write_visit(path, build_demo())
    controller = VisitController(VisitSession.open(path))
    try:
        win = MainWindow(controller, settings)
        qtbot.addWidget(win)
        win.resize(1280, 720)
        win.show()
        for key, _title in PAGES:
            page = win.show_page(key)
            QApplication.processEvents()
            assert win.width() == 1280, f"{key} in {lang} widened the window to {win.width()}"
            room = 1280 - win.nav.minimumWidth()
            assert page.minimumSizeHint().width() <= room, f"{key} in {lang} does not fit"
    finally:
        controller.session.close()
        apply_language("en")
