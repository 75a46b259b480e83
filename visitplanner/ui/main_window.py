"""The main window: the visit in its title bar, the programme and the roster."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner import __version__
from visitplanner.i18n import _, format_date_range
from visitplanner.services.session import VisitSession
from visitplanner.ui.models import EntityTableModel, programme_model, roster_model


def window_title(session: VisitSession) -> str:
    """The visit, its dates and its marking, as the title bar shows them."""
    visit = session.data.visit
    parts = [
        visit.title.get(visit.main_language),
        format_date_range(visit.start_date, visit.end_date),
    ]
    if visit.marking:
        parts.append(visit.marking.upper())
    return " — ".join(parts) + " · VisitPlanner"


class TablePage(QWidget):
    """A filter box over a sortable table."""

    def __init__(self, model: EntityTableModel[Any], name: str) -> None:
        super().__init__()
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(EntityTableModel.SortRole)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_("Filter"))
        self.filter.setAccessibleName(_("Filter {name}").format(name=name))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(name)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)


class MainWindow(QMainWindow):
    """The window over one open visit."""

    def __init__(self, session: VisitSession) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(window_title(session))
        self.resize(1280, 800)
        self.tabs = QTabWidget(self)
        self.programme = TablePage(programme_model(session.data), _("Programme"))
        self.roster = TablePage(roster_model(session.data), _("Roster"))
        self.tabs.addTab(self.programme, _("Programme"))
        self.tabs.addTab(self.roster, _("Roster"))
        self.setCentralWidget(self.tabs)
        self._build_menus()
        self.statusBar().showMessage(
            _("{people} people, {events} events. Every change is saved as it is made.").format(
                people=len(session.data.people), events=len(session.data.events)
            )
        )

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        close = QAction(_("&Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        file_menu.addAction(close)
        help_menu = self.menuBar().addMenu(_("&Help"))
        about = QAction(_("&About VisitPlanner"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About VisitPlanner"),
            _("VisitPlanner {version}\nPlan official delegation visits offline.").format(
                version=__version__
            ),
        )
