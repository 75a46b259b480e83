"""The roster as one list: each delegation's title row, then its people in order of precedence.

Rows are the delegations (by position) and, last, the people of no delegation
(authorities), each title followed by its members by rank unless the officer
folded it. The list is flat on purpose: a table lays out nothing per row, so a
keystroke in the filter costs the filter and the painting of one screen of rows,
whatever the size of the roster (a tree view walks every row through Python at
each reset: 20 ms of a 3,000-person summit's keystroke went there).

The filter lives in the model, not in a proxy: each person's names in both
scripts are folded once into a search key, so a keystroke costs one substring
test per person and one reset.

Dragging a person within its delegation, or a delegation among the others,
does not change the model: it emits `people_moved` / `delegations_moved` with
the new order, and the view turns that into one undoable edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon

from visitplanner.domain.decree import Decree, decree_for
from visitplanner.domain.labels import label
from visitplanner.domain.model import Delegation, Person, VisitData
from visitplanner.domain.precedence import visit_decree
from visitplanner.domain.search import Words, found, matching, search_text, search_words
from visitplanner.domain.values import Need
from visitplanner.i18n import N_, _, current_language
from visitplanner.ui.common.models import column_header
from visitplanner.ui.roster.cells import (
    decree_text,
    needs_text,
    needs_tooltip,
    roster_name,
    search_key,
)
from visitplanner.ui.roster.drops import RosterDrops

_Index = QModelIndex | QPersistentModelIndex


_UNKNOWN_COLOUR: Final = QColor("#8a5a00")
_COLUMN_COUNT: Final = 8
_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
_KIND_ROLE: Final = Qt.ItemDataRole.UserRole + 2
_ROLES: Final = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.DecorationRole,
        _ID_ROLE,
        _KIND_ROLE,
    )
)


@dataclass
class _Group:
    """A delegation (or None: the people of no delegation) and its members in order."""

    delegation: Delegation | None
    members: list[Person]
    shown: list[Person] = field(default_factory=list)
    #: The delegation's names in every language, folded for the filter.
    search: str = ""
    #: Each member's names folded for the filter, in the members' order.
    texts: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.delegation.id if self.delegation else ""


class RosterModel(RosterDrops, QAbstractTableModel):  # type: ignore[misc]  # mimeData's list
    """Delegations and their people in one list, filtered by name, folded by delegation,
    reorderable by drag and drop."""

    COLUMNS: Final = (
        N_("Name"),
        N_("Native name"),
        N_("Function"),
        N_("Role"),
        N_("Grade"),
        N_("Languages"),
        N_("Needs"),
        N_("Precedence (décret)"),
    )
    #: The id of the person or delegation of a row ("" for the people of no delegation).
    IdRole: Final = _ID_ROLE
    #: "person", "delegation", or "none" (the group of people of no delegation).
    KindRole: Final = _KIND_ROLE

    #: (delegation id or None, person ids in their new order)
    people_moved = Signal(object, list)
    #: delegation ids in their new order
    delegations_moved = Signal(list)
    #: a group was folded or unfolded: (group key, unfolded)
    folding_changed = Signal(str, bool)

    def __init__(self, data: VisitData | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._shown: list[_Group] = []
        #: Each row: a group (its title) or a person. Kept as the objects themselves so a
        #: keystroke builds the list with a few C-level extends, however long the roster.
        self._rows: list[_Group | Person] = []
        #: The row of each group's title shown.
        self._titles: dict[str, int] = {}
        #: The group of each person (by id).
        self._group_of: dict[str, _Group] = {}
        self._tokens: Words = ()
        self._filter = ""
        self._keys: dict[str, tuple[Person, str]] = {}
        self._folded: set[str] = set()
        self._main = "fr"
        self._decree: Decree = decree_for("")
        self._arrows: tuple[QIcon, QIcon, QIcon] | None = None
        self.movable = True
        self.set_movable(True)
        if data is not None:
            self.set_data(data)

    # -- contents ---------------------------------------------------------------

    def set_data(self, data: VisitData) -> None:
        """Show `data` (after any change), keeping the filter and what is folded."""
        self._main = data.visit.main_language
        self._decree = visit_decree(data.visit)
        by_delegation: dict[str | None, list[Person]] = {}
        for person in data.people:
            by_delegation.setdefault(person.delegation_id, []).append(person)
        order = sorted(enumerate(data.delegations), key=lambda pair: (pair[1].position, pair[0]))
        groups = [
            _Group(
                d,
                by_delegation.get(d.id, []),
                search=search_text(" ".join(d.name.to_dict().values())),
            )
            for _i, d in order
        ]
        groups.append(_Group(None, by_delegation.get(None, [])))
        for group in groups:
            group.members.sort(key=lambda p: (p.rank, p.family_name, p.given_name))
        group_of = {p.id: group for group in groups for p in group.members}
        keys: dict[str, tuple[Person, str]] = {}
        for person in data.people:
            cached = self._keys.get(person.id)
            # The session replaces a changed person by a new object: same object, same key.
            keys[person.id] = (
                cached
                if cached is not None and cached[0] is person
                else (person, search_key(person))
            )
        for group in groups:
            group.texts = [keys[p.id][1] for p in group.members]
        self.beginResetModel()
        self._groups = groups
        self._keys = keys
        self._group_of = group_of
        self._folded &= {g.key for g in groups}
        self._apply_filter()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only people with a name containing every word of `text` (either script)."""
        tokens = search_words(text)
        if tokens == self._tokens:
            return
        self.beginResetModel()
        self._filter = text
        self._tokens = tokens
        self._apply_filter()
        self.endResetModel()

    @property
    def filter_text(self) -> str:
        """The filter in force."""
        return self._filter if self._tokens else ""

    def is_filtered(self) -> bool:
        """Whether a filter hides anyone."""
        return bool(self._tokens)

    def _apply_filter(self) -> None:
        tokens = self._tokens
        if not tokens:
            for group in self._groups:
                group.shown = group.members
            self._shown = list(self._groups)
        else:
            shown = []
            for group in self._groups:
                if group.search and found(group.search, tokens):
                    group.shown = group.members  # the delegation's own name matches
                else:
                    # One pass per word over the group's keys, no call per person.
                    texts = group.texts
                    members = group.members
                    group.shown = [members[i] for i in matching(range(len(texts)), texts, tokens)]
                if group.shown:
                    shown.append(group)
            self._shown = shown
        self._lay_out()

    def _lay_out(self) -> None:
        """The rows: each group shown, then its people unless folded (a filter unfolds all)."""
        folded = set() if self._tokens else self._folded
        rows: list[_Group | Person] = []
        titles: dict[str, int] = {}
        for group in self._shown:
            titles[group.key] = len(rows)
            rows.append(group)
            if group.key not in folded:
                rows.extend(group.shown)
        self._rows = rows
        self._titles = titles

    # -- folding ----------------------------------------------------------------

    def is_folded(self, key: str) -> bool:
        """Whether a group's people are hidden under its title (never while filtering)."""
        return not self._tokens and key in self._folded

    def set_folded(self, key: str, folded: bool) -> None:
        """Fold or unfold a group ("" for the people of no delegation). While a filter is
        on, every group shows what it found and stays open."""
        if self._tokens or folded == (key in self._folded):
            return
        if folded:
            self._folded.add(key)
        else:
            self._folded.discard(key)
        title = self.index_of_group(key)
        if title.isValid():
            first, count = title.row() + 1, len(self._group_at(title.row()).shown)
            if count:
                if folded:
                    self.beginRemoveRows(QModelIndex(), first, first + count - 1)
                    self._lay_out()
                    self.endRemoveRows()
                else:
                    self.beginInsertRows(QModelIndex(), first, first + count - 1)
                    self._lay_out()
                    self.endInsertRows()
            self.dataChanged.emit(title, title, [Qt.ItemDataRole.DecorationRole])
        self.folding_changed.emit(key, not folded)

    def folded_keys(self) -> set[str]:
        """The groups the officer folded."""
        return set(self._folded)

    def _group_at(self, row: int) -> _Group:
        """The group of a row (a title's own, a person's delegation's)."""
        item = self._rows[row]
        return item if isinstance(item, _Group) else self._group_of[item.id]

    def set_arrows(self, unfolded: QIcon, folded: QIcon, blank: QIcon) -> None:
        """The icons before a group's title (unfolded, folded) and before a person's name
        (blank, so names line up under the titles)."""
        self._arrows = (unfolded, folded, blank)

    # -- finding rows -----------------------------------------------------------

    def group_rows(self) -> list[int]:
        """The rows holding a group's title."""
        return list(self._titles.values())

    def person_at(self, index: _Index) -> Person | None:
        """The person of a row, or None for a group's title."""
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        return None if isinstance(item, _Group) else item

    def group_key_at(self, index: _Index) -> str | None:
        """The delegation id of a row's group ("" for no delegation), None for no row."""
        return self._group_at(index.row()).key if index.isValid() else None

    def delegation_at(self, index: _Index) -> Delegation | None:
        """The delegation of a row (a person's delegation for a person row)."""
        return self._group_at(index.row()).delegation if index.isValid() else None

    def is_group(self, index: _Index) -> bool:
        """Whether a row is a group's title."""
        return index.isValid() and isinstance(self._rows[index.row()], _Group)

    def index_of_person(self, person_id: str) -> QModelIndex:
        """The row of a person, or an invalid index when the person is not shown."""
        group = self._group_of.get(person_id)
        title = None if group is None else self._titles.get(group.key)
        if group is None or title is None or self.is_folded(group.key):
            return QModelIndex()
        for offset, person in enumerate(group.shown, start=1):
            if person.id == person_id:
                return self.index(title + offset, 0)
        return QModelIndex()

    def index_of_group(self, key: str) -> QModelIndex:
        """The title row of a delegation ("" for the people of no delegation), or an
        invalid index."""
        row = self._titles.get(key)
        return QModelIndex() if row is None else self.index(row, 0)

    def group_of_person(self, person_id: str) -> str | None:
        """The group key of a person the filter lets through (folded or not), else None."""
        group = self._group_of.get(person_id)
        if group is None or group.key not in self._titles:
            return None
        return group.key if any(p.id == person_id for p in group.shown) else None

    def group_members(self, key: str) -> list[Person]:
        """A group's people in order, whatever the filter ("" for no delegation)."""
        return next((g.members for g in self._groups if g.key == key), [])

    def shown_count(self) -> int:
        """How many people the filter lets through (folded groups too)."""
        return sum(len(group.shown) for group in self._shown)

    def first_shown_person_id(self) -> str | None:
        """The first person the filter lets through, if any."""
        return next((group.shown[0].id for group in self._shown if group.shown), None)

    def shown_person_ids(self) -> list[str]:
        """The ids of every person the filter lets through, in order (folded groups too)."""
        return [p.id for group in self._shown for p in group.shown]

    # -- the item model ---------------------------------------------------------
    # index() and parent() are Qt's own (a table): no call into Python per row.

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.COLUMNS, section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The table asks each painted cell for a dozen roles; most are answered here at once.
        if role not in _ROLES or not index.isValid():
            return None
        item = self._rows[index.row()]
        if isinstance(item, _Group):
            return self._group_data(item, index.column(), role)
        return self._person_data(item, index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int) -> Any:
        delegation = group.delegation
        if role == self.IdRole:
            return group.key
        if role == self.KindRole:
            return "delegation" if delegation else "none"
        if column:
            return None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole:
            if self._arrows is None:
                return None
            return self._arrows[1] if self.is_folded(group.key) else self._arrows[0]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if delegation is None:
            name = _("No delegation (authorities)")
        else:
            name = _("{delegation} ({side})").format(
                delegation=delegation.name.get(current_language(), self._main),
                side=label(delegation.side),
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            count = len(group.members)
            return _("{name} — people: {count}").format(name=name, count=count)
        return name

    def _person_data(self, person: Person, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 6 and role == Qt.ItemDataRole.ToolTipRole:
                return needs_tooltip(person)
            return self._person_text(person, column)
        if role == self.IdRole:
            return person.id
        if role == self.KindRole:
            return "person"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._arrows[2] if column == 0 and self._arrows is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and column == 6:
            unknown = Need.UNKNOWN in (person.step_free, person.dietary)
            return QBrush(_UNKNOWN_COLOUR) if unknown else None
        return None

    def _person_text(self, person: Person, column: int) -> str:
        if column == 0:
            return roster_name(person)
        if column == 1:
            return person.native_name()
        if column == 2:
            # An authority of no delegation has a title but no function in the visit.
            return (person.function or person.title).get(current_language(), self._main)
        if column == 3:
            return label(person.role)
        if column == 4:
            return label(person.grade)
        if column == 5:
            return ", ".join(person.languages)
        if column == 7:
            return decree_text(self._decree, person)
        return needs_text(person)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Combined once in set_movable: or-ing enum flags in Python on every painted
        # cell would cost more than the answer. Nothing is a drop target itself: a drop
        # falls between two rows (see _new_order), on the list as a whole.
        if not index.isValid():
            return self._root_flags
        item = self._rows[index.row()]
        if not isinstance(item, _Group):
            return self._person_flags
        return self._delegation_flags if item.delegation is not None else self._none_flags

    def set_movable(self, movable: bool) -> None:
        """Whether people and delegations may be dragged (not in a read-only visit)."""
        self.movable = movable
        item = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        drag = Qt.ItemFlag.ItemIsDragEnabled if movable else Qt.ItemFlag.NoItemFlags
        drop = Qt.ItemFlag.ItemIsDropEnabled if movable else Qt.ItemFlag.NoItemFlags
        self._root_flags = drop
        self._person_flags = item | Qt.ItemFlag.ItemNeverHasChildren | drag
        self._delegation_flags = item | Qt.ItemFlag.ItemNeverHasChildren | drag
        self._none_flags = item | Qt.ItemFlag.ItemNeverHasChildren

    def retranslate(self) -> None:
        """Headers in the current language (rows follow with the next set_data)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
