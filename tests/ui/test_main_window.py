"""The window shows the visit: title bar, programme and roster, filterable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.factories import small_visit
from tests.ui.keyboard import type_text
from visitplanner.i18n import set_language
from visitplanner.services.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.main_window import MainWindow
from visitplanner.ui.models import programme_model, roster_model


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    set_language("en")
    path = tmp_path / "v.visit"
    write_visit(path, small_visit())
    session = VisitSession.open(path)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    yield win
    session.close()


def test_the_title_bar_shows_the_visit_its_dates_and_marking(window) -> None:  # type: ignore[no-untyped-def]
    title = window.windowTitle()
    assert "Visite « officielle »" in title
    assert "6" in title and "9" in title and "2026" in title
    assert "DIFFUSION RESTREINTE" in title


def test_the_programme_lists_every_event_in_time_order(window) -> None:  # type: ignore[no-untyped-def]
    table = window.programme.table
    model = table.model()
    assert model.rowCount() == 3
    titles = [model.index(row, 3).data() for row in range(model.rowCount())]
    assert titles == ["Arrivée", "Talks", "Cérémonie du 8 Mai"]  # English where given


def test_typing_in_the_roster_filter_narrows_the_list(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.roster)
    page = window.roster
    assert page.table.model().rowCount() == 3
    type_text(page.filter, "Калми")
    assert page.table.model().rowCount() == 1
    assert page.table.model().index(0, 2).data() == "Natalia KALMYKOVA"
    page.filter.clear()
    assert page.table.model().rowCount() == 3


def test_the_roster_shows_both_scripts_and_free_roles(window) -> None:  # type: ignore[no-untyped-def]
    model = window.roster.table.model()
    rows = {model.index(r, 2).data(): model.index(r, 3).data() for r in range(model.rowCount())}
    assert rows["Natalia KALMYKOVA"] == "Наталія Іванівна Калмикова"
    roles = {model.index(r, 5).data() for r in range(model.rowCount())}
    assert "ветеран" in roles and "head of delegation" in roles


def test_headers_follow_the_interface_language(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = small_visit()
    set_language("fr")
    try:
        model = programme_model(data)
        headers = [
            model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())
        ]
        assert "Jour" in headers
        assert model.index(0, 0).data().startswith("mercredi")
    finally:
        set_language("en")


def test_models_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    data = small_visit()
    qtmodeltester.check(programme_model(data))
    qtmodeltester.check(roster_model(data))


def test_a_time_in_another_zone_names_its_city(window) -> None:  # type: ignore[no-untyped-def]
    model = window.programme.table.model()
    starts = [model.index(row, 1).data() for row in range(model.rowCount())]
    assert starts[0] == "09:00 (Warsaw)"  # the arrival leaves Warsaw
    assert starts[1] == "10:00"  # Paris time, the visit's own, needs no name


def test_the_roster_is_in_order_of_precedence_by_delegation(window) -> None:  # type: ignore[no-untyped-def]
    window.roster.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    model = window.roster.table.model()
    names = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert names == ["Natalia KALMYKOVA", "Andrii KOVAL'", "Alice RUFO"]
