"""Every search of the window finds people and events by any part of a name in either
script: Latin typing finds a name written only in Cyrillic (by the 2010 transliteration
the roster import uses), Cyrillic typing a name written only in Latin. On the demo, with
one veteran entered in Cyrillic only and one officer in Latin only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6

from tests.ui.editing import open_visit
from tests.ui.keyboard import type_text
from visitplanner.demo import build_demo
from visitplanner.domain.model import VisitData
from visitplanner.ui.programme.event_dialog import EventDialog
from visitplanner.ui.programme.page import ProgrammePage
from visitplanner.ui.roster.view import RosterView
from visitplanner.ui.shell.controller import VisitController


def _demo() -> VisitData:
    data = build_demo()
    tkachuk = next(p for p in data.people if p.family_name == "Tkachuk")
    tkachuk.family_name = tkachuk.given_name = ""  # written in Cyrillic only: Ткачук
    roux = next(p for p in data.people if p.family_name == "Roux")
    roux.family_name_native = roux.given_name_native = roux.patronymic_native = ""
    return data


@pytest.fixture
def demo(qtbot, tmp_path: Path) -> Iterator[VisitController]:  # type: ignore[no-untyped-def]
    with open_visit(tmp_path, _demo()) as (_path, controller):
        yield controller


def test_the_roster_finds_either_script(qtbot, demo: VisitController) -> None:  # type: ignore[no-untyped-def]
    view = RosterView(demo)
    qtbot.addWidget(view)
    view.show()
    tkachuk = next(p.id for p in demo.data.people if p.family_name_native == "Ткачук")
    roux = next(p.id for p in demo.data.people if p.family_name == "Roux")
    type_text(view.filter, "tkach")
    assert view.model.shown_person_ids() == [tkachuk]
    view.filter.clear()
    type_text(view.filter, "РОУ")  # РОУ is "rou": Roux, written in Latin only
    assert view.model.shown_person_ids() == [roux]
    view.filter.clear()
    type_text(view.filter, "РУКС")
    assert view.model.shown_person_ids() == []  # Рукс is Ruks, not Roux: no guessing


def test_the_programme_list_finds_events_by_their_participants(  # type: ignore[no-untyped-def]
    qtbot, demo: VisitController
) -> None:
    page = ProgrammePage(demo)
    page.tabs.setCurrentWidget(page.list)
    page.show()
    try:
        minister = next(p for p in demo.data.people if p.family_name == "Kalmykova")
        hers = {e.id for e in demo.data.events if minister.id in e.participant_ids}
        type_text(page.list.filter, "Калмик")  # her name typed in Cyrillic
        model = page.list.model
        assert {e.id for e in model.shown_objects()} == hers
        page.list.filter.clear()
        tkachuk = next(p for p in demo.data.people if p.family_name_native == "Ткачук")
        type_text(page.list.filter, "tkachuk")
        assert {e.id for e in model.shown_objects()} == {
            e.id for e in demo.data.events if tkachuk.id in e.participant_ids
        }
    finally:
        page.close()
        shiboken6.delete(page)


def test_the_participants_picker_finds_either_script(qtbot, demo: VisitController) -> None:  # type: ignore[no-untyped-def]
    dialog = EventDialog(demo, demo.data.events[0])
    qtbot.addWidget(dialog)
    dialog.show()
    picker = dialog.participants
    type_text(picker.search, "tkach")
    proxy = picker.proxy
    groups = [proxy.index(r, 0) for r in range(proxy.rowCount())]
    people = [proxy.index(r, 0, g).data() for g in groups for r in range(proxy.rowCount(g))]
    assert len(people) == 1 and "Ткачук" in people[0]
