"""Pick an event's participants: delegations with their members in order of precedence.

A tree of delegations (then "No delegation" for authorities), each with its
people; ticks on people, a delegation's tick selecting or clearing all of it;
a search in either script.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.labels import label
from visitplanner.domain.model import Person, VisitData
from visitplanner.domain.search import search_text
from visitplanner.i18n import _, current_language
from visitplanner.ui.common.widgets import (
    ID_ROLE,
    SEARCH_ROLE,
    SearchFilter,
    check_state,
    in_kept_order,
)

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
# Flags combined once: combining enum flags in Python is slow in a 3,000-row tree.
_PLAIN = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_GROUP = _PLAIN | Qt.ItemFlag.ItemIsUserCheckable
_PERSON = _GROUP | Qt.ItemFlag.ItemNeverHasChildren


@dataclass(slots=True)
class _Group:
    """A delegation (or the people of none) and its members in order of precedence."""

    id: str | None
    name: str
    people: list[Person]
    search: str
    # Per member, what a search compares with: computed once, not per keystroke.
    keys: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys = [_person_search(person) for person in self.people]


def _person_search(person: Person) -> str:
    return search_text(
        " ".join((person.latin_name(), person.native_name(), person.formal_name(), str(person.id)))
    )


def _person_text(person: Person) -> str:
    native = person.native_name()
    latin = person.formal_name()
    return f"{latin} — {native}" if native and latin else latin or native


class ParticipantsModel(QAbstractItemModel):
    """Delegations (top level) and their members (children), each with a tick.

    Columns: name (both scripts) and role. A delegation's tick is checked when
    all its members are, partly checked when some are.
    """

    checked_changed = Signal()

    def __init__(self, data: VisitData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        main = data.visit.main_language
        lang = current_language()
        self._groups: list[_Group] = []
        for delegation in sorted(data.delegations, key=lambda d: (d.position, d.name.get(main))):
            name = delegation.name.get(lang, main)
            members = data.members(delegation.id)
            every = " ".join(delegation.name.to_dict().values())
            self._groups.append(_Group(delegation.id, name, members, search_text(every)))
        loose = data.members(None)
        if loose:
            name = _("No delegation")
            self._groups.append(_Group(None, name, loose, search_text(name)))
        self._checked: set[str] = set()

    # ----- ticks -----------------------------------------------------------------------

    def set_checked(self, ids: Iterable[str]) -> None:
        """Tick exactly the people with these ids."""
        self.beginResetModel()
        self._checked = set(ids)
        self.endResetModel()
        self.checked_changed.emit()

    def checked_ids(self) -> list[str]:
        """The ticked people in order: delegation by delegation, by precedence."""
        return [p.id for g in self._groups for p in g.people if p.id in self._checked]

    def group_state(self, row: int) -> Qt.CheckState:
        """Whether all, some or none of a delegation's members are ticked."""
        people = self._groups[row].people
        count = sum(1 for p in people if p.id in self._checked)
        if people and count == len(people):
            return Qt.CheckState.Checked
        return Qt.CheckState.PartiallyChecked if count else Qt.CheckState.Unchecked

    def set_group_checked(self, row: int, checked: bool) -> None:
        """Tick or clear every member of a delegation."""
        group = self._groups[row]
        ids = {p.id for p in group.people}
        self._checked = self._checked | ids if checked else self._checked - ids
        parent = self.index(row, 0)
        if group.people:
            last = self.index(len(group.people) - 1, 0, parent)
            self.dataChanged.emit(self.index(0, 0, parent), last)
        self.dataChanged.emit(parent, self.index(row, 1))  # its tick and its "3/3"
        self.checked_changed.emit()

    def group_row_of(self, index: _Index) -> int | None:
        """The delegation row of a delegation or member index."""
        if not index.isValid():
            return None
        return index.row() if index.internalId() == 0 else index.internalId() - 1

    # ----- the model --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Bounds checked by hand: hasIndex() costs a round trip through rowCount().
        if row < 0 or not 0 <= column < 2:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        group = parent.row()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        if row >= len(self._groups[group].people):
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def search_key(self, row: int, parent: _Index) -> str:
        """What a search compares with for a row (the filter's fast path)."""
        if not parent.isValid():
            return self._groups[row].search
        return self._groups[parent.row()].keys[row]

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()].people)
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def _person(self, index: _Index) -> Person | None:
        if index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1].people[index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        person = self._person(index)
        if person is None:
            return self._group_data(index, role)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _person_text(person) if column == 0 else label(person.role)
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            ticked = person.id in self._checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return person.function.get(current_language()) or _person_text(person)
        if role == SEARCH_ROLE:
            return self._groups[index.internalId() - 1].keys[index.row()]
        if role == ID_ROLE:
            return person.id
        return None

    def _group_data(self, index: _Index, role: int) -> Any:
        group = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return group.name
            count = sum(1 for p in group.people if p.id in self._checked)
            return f"{count}/{len(group.people)}"
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 0:
            return self.group_state(index.row())
        if role == SEARCH_ROLE:
            return group.search
        if role == ID_ROLE:
            return group.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() != 0:
            return _PLAIN
        return _PERSON if index.internalId() else _GROUP

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column():
            return False
        checked = check_state(value) == Qt.CheckState.Checked
        person = self._person(index)
        if person is None:
            self.set_group_checked(index.row(), checked)
            return True
        if checked:
            self._checked.add(person.id)
        else:
            self._checked.discard(person.id)
        parent = index.parent()
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.dataChanged.emit(parent, self.index(parent.row(), 1))
        self.checked_changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Name"), _("Role"))[section] if 0 <= section < 2 else None
        return None


class ParticipantsPicker(QWidget):
    """Search, tick people or whole delegations, see how many are chosen."""

    def __init__(self, data: VisitData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ParticipantsModel(data, self)
        self.proxy = SearchFilter(self)
        self.proxy.setSourceModel(self.model)
        self._previous: list[str] = []
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Name in Latin or Cyrillic script, or a delegation"))
        self.search.setAccessibleName(_("Search participants"))
        search_label = QLabel(_("&Search:"), self)
        search_label.setBuddy(self.search)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(_("Participants by delegation"))
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed start width: sizing to contents would read every one of 3,000 rows.
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(1, self.fontMetrics().horizontalAdvance("m") * 16)
        self.tree.header().setStretchLastSection(False)
        self._expand()
        self.whole = QPushButton(_("Select &whole delegation"), self)
        self.whole.setCheckable(True)
        self.whole.setAccessibleName(_("Select whole delegation"))
        self.whole.setToolTip(_("Tick or clear every member of the delegation of the current row"))
        self.count = QLabel(self)
        self.count.setAccessibleName(_("Participants chosen"))
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.whole)
        bottom.addStretch(1)
        bottom.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.search.textChanged.connect(self._filter)
        self.whole.clicked.connect(self._toggle_whole)
        self.tree.selectionModel().currentChanged.connect(self._sync_whole)
        self.model.checked_changed.connect(self._counted)
        self.model.modelReset.connect(self._expand)
        self._counted()

    def set_selected(self, ids: Sequence[str]) -> None:
        """Tick these people (an event's participants, in the event's order)."""
        self._previous = list(ids)
        self.model.set_checked(ids)
        self.tree.setCurrentIndex(self.proxy.index(0, 0))

    def selected_ids(self) -> list[str]:
        """The ticked people: those of the event in its order, then the new ones by precedence."""
        return in_kept_order(self._previous, self.model.checked_ids())

    def _filter(self, text: str) -> None:
        self.proxy.set_query(text)
        self._expand()

    def _expand(self) -> None:
        # Only the delegations: expandAll() would also visit each of 3,000 people.
        for row in range(self.proxy.rowCount()):
            self.tree.expand(self.proxy.index(row, 0))

    def _current_group(self) -> int | None:
        return self.model.group_row_of(self.proxy.mapToSource(self.tree.currentIndex()))

    def _toggle_whole(self, checked: bool) -> None:
        row = self._current_group()
        if row is None:
            self.whole.setChecked(False)
            return
        self.model.set_group_checked(row, checked)

    def _sync_whole(self) -> None:
        row = self._current_group()
        full = row is not None and self.model.group_state(row) == Qt.CheckState.Checked
        self.whole.setEnabled(row is not None)
        self.whole.setChecked(full)

    def _counted(self) -> None:
        count = len(self.model.checked_ids())
        self.count.setText(_("Participants chosen: {count}").format(count=count))
        self._sync_whole()
