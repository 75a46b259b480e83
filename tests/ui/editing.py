"""Helpers for the tests of the roster, venue and vehicle screens."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from visitplanner.domain.model import VisitData
from visitplanner.i18n import set_language
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import write_visit
from visitplanner.ui.shell.controller import VisitController


@contextmanager
def open_visit(tmp_path: Path, data: VisitData) -> Iterator[tuple[Path, VisitController]]:
    """`data` written to a visit file, opened under a controller, closed afterwards."""
    set_language("en")
    path = tmp_path / "visit.visit"
    write_visit(path, data)
    session = VisitSession.open(path)
    try:
        yield path, VisitController(session)
    finally:
        session.close()


def unnamed_inputs(root: QWidget) -> list[QWidget]:
    """The inputs under `root` a screen reader could not name (no accessible name)."""
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QCheckBox, QAbstractItemView)
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds):
            continue
        if isinstance(widget, QHeaderView):
            continue  # named by its view
        if _inside(widget, root, (QComboBox, QAbstractSpinBox)):
            continue  # the line edit or pop-up list of a combo box or date input: named by it
        if isinstance(widget, QCheckBox) and widget.text():
            continue  # a tick box is named by its own text
        if not widget.accessibleName():
            found.append(widget)
    return found


def _inside(widget: QWidget, root: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False
