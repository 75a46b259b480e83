"""Typing in the filters of the programme list and the roster, as an officer does.

On the demo: the rows shown (accents and case aside, in Latin or Cyrillic script),
the timeline following the list, the selection kept. On generated visits of a few
hundred and a few thousand rows: the models' Python `data()` is not called per
row at each keystroke (the count per keystroke does not grow with the visit).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.editing import open_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.domain.model import VisitData
from visitplanner.domain.search import fold
from visitplanner.operations.edits import delete_operation
from visitplanner.ui.common.models import EntityTableModel
from visitplanner.ui.programme.model import ProgrammeModel
from visitplanner.ui.programme.page import ProgrammePage
from visitplanner.ui.roster.model import RosterModel
from visitplanner.ui.roster.view import RosterView
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.language import apply_language

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from summit import SummitSize, generate_summit

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def english() -> Iterator[None]:
    yield
    apply_language("en")  # Qt's own strings too (key names in tooltips, for the next test)


@contextmanager
def _shown(widget: W) -> Iterator[W]:
    """`widget` shown, then deleted at once: before the visit under it is closed, and
    before another test switches the language (a closed widget lives on otherwise)."""
    widget.resize(1200, 700)
    widget.show()
    QApplication.processEvents()
    try:
        yield widget
    finally:
        widget.close()
        shiboken6.delete(widget)


@contextmanager
def _page(controller: VisitController) -> Iterator[ProgrammePage]:
    page = ProgrammePage(controller)
    page.tabs.setCurrentWidget(page.list)
    with _shown(page):
        yield page


def _titles(page: ProgrammePage) -> list[str]:
    model = page.list.table.model()
    return [str(model.index(row, 3).data()) for row in range(model.rowCount())]


def _timeline_ids(page: ProgrammePage) -> set[str]:
    page.tabs.setCurrentWidget(page.timeline)
    QApplication.processEvents()
    layout = page.timeline.area.layout_
    assert layout is not None
    return set(layout.by_event)


def test_the_programme_filter_folds_accents_and_the_timeline_follows(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, english: None
) -> None:
    with open_visit(tmp_path, build_demo()) as (_path, controller):
        apply_language("fr")
        with _page(controller) as page:
            type_text(page.list.filter, "ceremonie")
            assert _titles(page) == [
                "Déjeuner et repos avant la cérémonie",
                "Cérémonie commémorative du 8 Mai et ravivage de la Flamme",
            ]
            shown = {e.id for e in controller.data.events if "érémonie" in e.title.fr}
            assert _timeline_ids(page) == shown
            page.list.filter.clear()
            assert len(_titles(page)) == len(controller.data.events)
            assert _timeline_ids(page) == {e.id for e in controller.data.events}


def test_the_programme_filter_in_cyrillic_and_with_words_in_any_order(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, english: None
) -> None:
    with open_visit(tmp_path, build_demo()) as (_path, controller):
        apply_language("uk")
        with _page(controller) as page:
            type_text(page.list.filter, "ЦЕРЕМОН")
            assert _titles(page) == [
                "Обід і відпочинок перед церемонією",
                "Церемонія памʼяті 8 травня та відновлення Вогню",
            ]
            page.list.filter.clear()
            type_text(page.list.filter, "готель переїзд інваліди")  # й folded as и, any order
            assert _titles(page) == [
                "Переїзд готель → Інваліди (INI)",
                "Переїзд Інваліди (INI) → готель",
            ]


def test_the_selection_stays_on_its_event_while_typing(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (_path, controller), _page(controller) as page:
        ceremony = next(e for e in controller.data.events if e.kind.value == "ceremony")
        assert page.list.select(ceremony.id)
        type_text(page.list.filter, "flame")
        assert page.list.selected_id() == ceremony.id
        assert page.list.table.currentIndex().data(EntityTableModel.IdRole) == ceremony.id
        type_text(page.list.filter, "zzz")  # hides it: nothing selected
        assert page.list.selected_id() is None
        assert page.list.table.model().rowCount() == 0


def test_sorting_and_filtering_together(qtbot, qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, build_demo()) as (_path, controller), _page(controller) as page:
        model = page.list.model
        qtmodeltester.check(model)
        page.list.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by title
        qtmodeltester.check(model)
        titles = _titles(page)
        assert titles == sorted(titles, key=str.casefold, reverse=True)
        type_text(page.list.filter, "transfer hotel")
        qtmodeltester.check(model)
        titles = _titles(page)
        assert titles and all("Transfer" in t and "hotel" in fold(t) for t in titles)
        assert titles == sorted(titles, key=str.casefold, reverse=True)
        page.list.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # back to time order
        starts = [model.row_object(row).start for row in range(model.rowCount())]
        assert starts == sorted(starts)
        page.list.filter.clear()
        qtmodeltester.check(model)
        assert model.rowCount() == len(controller.data.events)


def _visit(events: int, delegations: int) -> VisitData:
    # Enough venues and people that the generator finds free slots for every event.
    size = SummitSize(
        delegations=delegations,
        people_per_delegation=50,
        events=events,
        venues=max(30, events // 10),
        vehicles_per_delegation=1,
    )
    return generate_summit(size)


def _programme_calls(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, events: int, delegations: int
) -> list[int]:
    """The calls of the programme model's data() at each keystroke of "meeting"."""
    tmp_path.mkdir()
    with open_visit(tmp_path, _visit(events, delegations)) as (_path, controller):
        calls = [0]
        original = ProgrammeModel.data

        def data(self: Any, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
            calls[0] += 1
            return original(self, index, role)

        monkeypatch.setattr(ProgrammeModel, "data", data)  # before the page: Qt looks it up
        with _page(controller) as page:
            per_key = []
            for char in "meeting":
                calls[0] = 0
                type_text(page.list.filter, char)
                per_key.append(calls[0])
            shown = page.list.table.model().rowCount()
            assert shown == sum(1 for e in controller.data.events if e.kind.value == "meeting")
            assert 0 < shown < events
        return per_key


def test_a_keystroke_in_the_programme_list_costs_no_call_per_row(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _programme_calls(qtbot, tmp_path / "small", monkeypatch, 300, 4)
    large = _programme_calls(qtbot, tmp_path / "large", monkeypatch, 3000, 30)
    # What is painted (a window of rows), whatever the programme's length.
    assert max(large) < 3000 / 2, large
    assert max(large) <= max(small) * 1.2, (small, large)


def _roster_calls(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, delegations: int
) -> list[int]:
    """The calls into the roster model's Python (data(), flags(), rowCount()) at each
    keystroke of "fam"."""
    tmp_path.mkdir()
    with open_visit(tmp_path, _visit(200, delegations)) as (_path, controller):
        calls = [0]

        def counted(name: str) -> None:
            original = getattr(RosterModel, name)

            def method(self: Any, *args: Any) -> Any:
                calls[0] += 1
                return original(self, *args)

            monkeypatch.setattr(RosterModel, name, method)

        for name in ("data", "flags", "rowCount"):
            counted(name)
        with _shown(RosterView(controller)) as view:
            per_key = []
            for char in "fam":
                calls[0] = 0
                type_text(view.filter, char)
                per_key.append(calls[0])
            # Every family name matches: the whole roster is shown again at each key.
            assert len(view.model.shown_person_ids()) == len(controller.data.people)
        return per_key


def test_a_keystroke_in_the_roster_costs_no_python_call_per_person(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = _roster_calls(qtbot, tmp_path / "small", monkeypatch, 6)  # 300 people
    large = _roster_calls(qtbot, tmp_path / "large", monkeypatch, 60)  # 3,000 people
    assert max(large) < 3000, large
    assert max(large) <= max(small) * 1.2, (small, large)


def test_a_bar_says_the_list_filters_the_timeline_too_and_clears_it(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    with open_visit(tmp_path, build_demo()) as (_path, controller), _page(controller) as page:
        assert page.filter_bar.isHidden()
        type_text(page.list.filter, "ceremony")
        assert page.filter_bar.isVisible()
        total = len(controller.data.events)
        assert page.filter_note.text() == (
            f"Filter “ceremony”: events shown 2 of {total}, on the timeline too"
        )
        page.tabs.setCurrentWidget(page.timeline)  # the bar is there on the timeline too
        assert page.filter_bar.isVisible()
        assert len(_timeline_ids(page)) == 2
        # A change to the visit: the list is filtered again, the bar and timeline follow.
        ceremony = next(e for e in controller.data.events if e.wreaths)
        controller.apply(delete_operation(controller.data, ceremony))
        assert page.filter_note.text().startswith("Filter “ceremony”: events shown 1 of")
        assert len(_timeline_ids(page)) == 1
        page.clear_filter.click()
        assert page.filter_bar.isHidden()
        assert not page.list.filter.text()
        assert _timeline_ids(page) == {e.id for e in controller.data.events}


def test_the_programme_actions_need_an_event_name_their_keys_and_take_the_tab_key(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path
) -> None:
    with open_visit(tmp_path, build_demo()) as (_path, controller), _page(controller) as page:
        actions = page.actions_by_name
        assert actions["new"].isEnabled()
        for name in ("edit", "duplicate", "cancel", "delete"):
            assert not actions[name].isEnabled(), f"{name} with nothing selected"
        page.list.select(controller.data.events[2].id)
        assert all(actions[n].isEnabled() for n in ("edit", "duplicate", "cancel", "delete"))
        assert actions["duplicate"].toolTip() == "Duplicate (Ctrl+D)"
        assert actions["new"].toolTip().endswith("(Ins)")
        for action in actions.values():
            button = page.toolbar.widgetForAction(action)
            assert button is not None and button.focusPolicy() & Qt.FocusPolicy.TabFocus
        page.tabs.setCurrentWidget(page.timeline)
        page.timeline.select_event(None)
        assert not actions["delete"].isEnabled()
