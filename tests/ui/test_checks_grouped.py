"""The Checks page shows one row per cause: the people a clash concerns are under it,
not one row each; rows are one line; the list sorts by severity, day and kind; an empty
page says what was checked."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.editing import open_visit
from visitplanner.demo import build_demo
from visitplanner.domain.checks import FindingKind, check_plan
from visitplanner.domain.finding_groups import group_findings
from visitplanner.domain.model import VisitData
from visitplanner.ui.checks.view import ChecksView
from visitplanner.ui.shell.controller import VisitController


def _clash() -> tuple[VisitData, set[str]]:
    """The demo with the two events sharing most people moved to the same time."""
    data = build_demo()
    first, second = max(
        itertools.combinations(data.events, 2),
        key=lambda pair: len(set(pair[0].participant_ids) & set(pair[1].participant_ids)),
    )
    second.start, second.end = first.start, first.end
    return data, set(first.participant_ids) & set(second.participant_ids)


@pytest.fixture
def clash(qtbot, tmp_path: Path) -> Iterator[tuple[VisitController, set[str]]]:  # type: ignore[no-untyped-def]
    data, both = _clash()
    with open_visit(tmp_path, data) as (_path, controller):
        yield controller, both


def test_one_cause_is_one_group_naming_everyone() -> None:
    data, both = _clash()
    assert len(both) > 5
    groups = [g for g in group_findings(check_plan(data)) if g.kind is FindingKind.PERSON_OVERLAP]
    (group,) = [g for g in groups if len(g.findings) > 1]
    assert set(group.person_ids) == both
    assert group.message.startswith(f"{len(both)} people are in two events at once: “")


def test_the_page_shows_the_cause_once_with_its_people_under_it(  # type: ignore[no-untyped-def]
    qtbot, clash: tuple[VisitController, set[str]]
) -> None:
    controller, both = clash
    view = ChecksView(controller)
    qtbot.addWidget(view)
    view.resize(1280, 600)
    view.show()
    view.show_findings(check_plan(controller.data))
    model = view.model
    overlaps = [
        r for r in range(model.rowCount()) if model.groups()[r].kind is FindingKind.PERSON_OVERLAP
    ]
    (row,) = [r for r in overlaps if model.rowCount(model.index(r, 0)) > 1]
    cause = model.index(row, 0)
    assert model.rowCount(cause) == len(both)
    names = {p.id: p.display_name() for p in controller.data.people}
    under = {model.index(r, 3, cause).data() for r in range(model.rowCount(cause))}
    assert under == {names[i] for i in both}  # each person's name, the cause above
    assert model.index(row, 2).data() == "in two places at once"
    assert model.index(row, 3).data().startswith(f"{len(both)} people are in two events")
    assert len(model.findings()) - model.rowCount() == len(both) - 1
    assert f"causes: {model.rowCount()}." in view.summary.text()
    # One line a row, however long the message (its tooltip holds it all).
    height = view.table.fontMetrics().height()
    assert view.table.visualRect(model.index(row, 3)).height() < 2 * height
    assert model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole) == model.index(row, 3).data()


def test_the_causes_sort_by_severity_day_and_kind(  # type: ignore[no-untyped-def]
    qtbot, clash: tuple[VisitController, set[str]]
) -> None:
    controller, _both = clash
    view = ChecksView(controller)
    qtbot.addWidget(view)
    view.show()
    view.show_findings(check_plan(controller.data))
    model = view.model
    view.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    kinds = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert kinds == sorted(kinds) and len(set(kinds)) > 1
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    severities = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert severities == sorted(severities, key=lambda s: s != "error")
    view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    days = [model._days[r][0] for r in range(model.rowCount())]
    assert days == sorted(days, reverse=True)


def test_an_empty_page_says_what_was_checked(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = build_demo()
    with open_visit(tmp_path, data) as (_path, controller):
        view = ChecksView(controller)
        qtbot.addWidget(view)
        view.show_findings([])
        text = view.summary.text()
        assert f"No problem found (events: {len(data.events)}, people: {len(data.people)}" in text
        assert view.table.isHidden()
