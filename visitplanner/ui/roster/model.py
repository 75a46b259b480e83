"""The roster as a tree: delegations in their order, their people in order of precedence.

Top-level rows are the delegations (by position) and, last, the people of no
delegation (authorities); their children are people by rank. The filter lives
in the model, not in a proxy: each person's names in both scripts are folded
once into a search key, so a keystroke costs one substring test per person and
one reset, which keeps typing fast on a 3,000-person summit.

Dragging a person within its delegation, or a delegation among the others,
does not change the model: it emits `people_moved` / `delegations_moved` with
the new order, and the view turns that into one undoable edit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Final

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from visitplanner.domain.labels import label
from visitplanner.domain.model import Delegation, Person, VisitData
from visitplanner.domain.search import Words, found, matching, search_text, search_words
from visitplanner.domain.values import Need
from visitplanner.i18n import N_, _, current_language
from visitplanner.services.ordering import placed
from visitplanner.ui.common.models import column_header

_Index = QModelIndex | QPersistentModelIndex

#: The MIME type of a drag inside the roster.
MIME_TYPE: Final = "application/x-visitplanner-roster"

_UNKNOWN_COLOUR: Final = QColor("#8a5a00")
_COLUMN_COUNT: Final = 7
_ID_ROLE: Final = Qt.ItemDataRole.UserRole + 1
_KIND_ROLE: Final = Qt.ItemDataRole.UserRole + 2
_ROLES: Final = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ForegroundRole,
        _ID_ROLE,
        _KIND_ROLE,
    )
)


def search_key(person: Person) -> str:
    """Every name of a person, in both scripts (the Cyrillic ones in Latin too), folded
    for the filter."""
    names = (
        person.given_name,
        person.family_name,
        person.given_name_native,
        person.patronymic_native,
        person.family_name_native,
    )
    return search_text("\n".join(n for n in names if n))


def roster_name(person: Person) -> str:
    """The family name in capitals, then the given name ("KALMYKOVA Natalia")."""
    family = (person.family_name or person.family_name_native).upper()
    given = person.given_name if person.family_name else person.given_name_native
    return f"{family} {given}".strip()


def needs_text(person: Person) -> str:
    """Step-free and dietary needs in a few words; nothing when known to be none."""
    parts = []
    if person.step_free is Need.GIVEN:
        parts.append(_("step-free"))
    elif person.step_free is Need.UNKNOWN:
        parts.append(_("step-free?"))
    if person.dietary is Need.GIVEN:
        parts.append(_("diet"))
    elif person.dietary is Need.UNKNOWN:
        parts.append(_("diet?"))
    return " · ".join(parts)


def needs_tooltip(person: Person) -> str:
    """Both needs in full sentences."""
    step_free = {
        Need.UNKNOWN: _("Step-free access: not known yet."),
        Need.NONE: _("Step-free access: not needed."),
        Need.GIVEN: _("Step-free access: needed."),
    }[person.step_free]
    dietary = {
        Need.UNKNOWN: _("Dietary needs: not known yet."),
        Need.NONE: _("Dietary needs: none."),
        Need.GIVEN: _("Dietary needs: given (see the person's record)."),
    }[person.dietary]
    return f"{step_free}\n{dietary}"


@dataclass
class _Group:
    """A delegation (or None: the people of no delegation) and its members in order."""

    delegation: Delegation | None
    members: list[Person]
    shown: list[Person] = field(default_factory=list)
    #: The delegation's names in every language, folded for the filter.
    search: str = ""

    @property
    def key(self) -> str:
        return self.delegation.id if self.delegation else ""


class RosterModel(QAbstractItemModel):
    """Delegations and their people, filtered by name, reorderable by drag and drop."""

    COLUMNS: Final = (
        N_("Name"),
        N_("Native name"),
        N_("Function"),
        N_("Role"),
        N_("Grade"),
        N_("Languages"),
        N_("Needs"),
    )
    #: The id of the person or delegation of a row ("" for the people of no delegation).
    IdRole: Final = _ID_ROLE
    #: "person", "delegation", or "none" (the group of people of no delegation).
    KindRole: Final = _KIND_ROLE

    #: (delegation id or None, person ids in their new order)
    people_moved = Signal(object, list)
    #: delegation ids in their new order
    delegations_moved = Signal(list)

    def __init__(self, data: VisitData | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups: list[_Group] = []
        self._shown: list[_Group] = []
        self._tokens: Words = ()
        self._filter = ""
        self._keys: dict[str, tuple[Person, str]] = {}
        self._main = "fr"
        self.movable = True
        self.set_movable(True)
        if data is not None:
            self.set_data(data)

    # -- contents ---------------------------------------------------------------

    def set_data(self, data: VisitData) -> None:
        """Show `data` (after any change), keeping the filter."""
        self._main = data.visit.main_language
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
        keys: dict[str, tuple[Person, str]] = {}
        for person in data.people:
            cached = self._keys.get(person.id)
            # The session replaces a changed person by a new object: same object, same key.
            keys[person.id] = (
                cached
                if cached is not None and cached[0] is person
                else (person, search_key(person))
            )
        self.beginResetModel()
        self._groups = groups
        self._keys = keys
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
            return
        keys = self._keys
        shown = []
        for group in self._groups:
            if group.search and found(group.search, tokens):
                group.shown = group.members  # the delegation's own name matches
            else:
                # One pass per word over the group's keys, no call per person.
                texts = [keys[p.id][1] for p in group.members]
                members = group.members
                group.shown = [members[i] for i in matching(range(len(texts)), texts, tokens)]
            if group.shown:
                shown.append(group)
        self._shown = shown

    # -- finding rows -----------------------------------------------------------

    def person_at(self, index: _Index) -> Person | None:
        """The person of a row, or None for a group row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._shown[index.internalId() - 1].shown[index.row()]

    def group_key_at(self, index: _Index) -> str | None:
        """The delegation id of a row's group ("" for no delegation), None for no row."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._shown[row].key

    def delegation_at(self, index: _Index) -> Delegation | None:
        """The delegation of a row (a person's delegation for a person row)."""
        if not index.isValid():
            return None
        row = index.row() if index.internalId() == 0 else index.internalId() - 1
        return self._shown[row].delegation

    def index_of_person(self, person_id: str) -> QModelIndex:
        """The row of a person, or an invalid index when the person is not shown."""
        for g, group in enumerate(self._shown):
            for r, person in enumerate(group.shown):
                if person.id == person_id:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    def index_of_group(self, key: str) -> QModelIndex:
        """The row of a delegation ("" for the people of no delegation), or an invalid index."""
        for g, group in enumerate(self._shown):
            if group.key == key:
                return self.createIndex(g, 0, 0)
        return QModelIndex()

    def shown_person_ids(self) -> list[str]:
        """The ids of every person shown, in order."""
        return [p.id for group in self._shown for p in group.shown]

    # -- the item model ---------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # No hasIndex(): it calls back into rowCount and columnCount, and the tree asks
        # for every row of a 3,000-person roster after each keystroke of the filter.
        # The tree lays out every row after each keystroke: as few calls into Qt as
        # can be (an invalid parent has row -1 and internal id 0).
        if not 0 <= column < _COLUMN_COUNT or row < 0:
            return QModelIndex()
        group = parent.row()
        if group < 0:
            return self.createIndex(row, column, 0) if row < len(self._shown) else QModelIndex()
        if parent.internalId() == 0 and row < len(self._shown[group].shown):
            return self.createIndex(row, column, group + 1)
        return QModelIndex()

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        group = index.internalId()  # 0 for a delegation row and for an invalid index
        return self.createIndex(group - 1, 0, 0) if group else QModelIndex()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._shown)
        if parent.column() != 0 or parent.internalId() != 0:
            return 0
        return len(self._shown[parent.row()].shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header(self.COLUMNS, section, orientation, role)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The tree asks each painted cell for a dozen roles; most are answered here at once.
        if role not in _ROLES or not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(self._shown[index.row()], index.column(), role)
        person = self._shown[index.internalId() - 1].shown[index.row()]
        return self._person_data(person, index.column(), role)

    def _group_data(self, group: _Group, column: int, role: int) -> Any:
        delegation = group.delegation
        if role == self.IdRole:
            return group.key
        if role == self.KindRole:
            return "delegation" if delegation else "none"
        if role == Qt.ItemDataRole.FontRole and column == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or column:
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
        return needs_text(person)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        # Combined once in set_movable: or-ing enum flags in Python on every call
        # was most of the cost of laying out the tree.
        if index.internalId():  # a person (an invalid index has id 0): the most rows
            return self._person_flags
        if not index.isValid():
            return self._root_flags
        if self._shown[index.row()].delegation is not None:
            return self._delegation_flags
        return self._none_flags

    def set_movable(self, movable: bool) -> None:
        """Whether people and delegations may be dragged (not in a read-only visit)."""
        self.movable = movable
        item = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        drag = Qt.ItemFlag.ItemIsDragEnabled if movable else Qt.ItemFlag.NoItemFlags
        drop = Qt.ItemFlag.ItemIsDropEnabled if movable else Qt.ItemFlag.NoItemFlags
        self._root_flags = drop
        self._person_flags = item | Qt.ItemFlag.ItemNeverHasChildren | drag
        self._delegation_flags = item | drop | drag
        self._none_flags = item | drop

    # -- drag and drop ----------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        mime = QMimeData()
        rows = [i for i in indexes if i.isValid() and i.column() == 0]
        if not rows:
            return mime
        first = rows[0]
        kind = "person" if first.internalId() != 0 else "delegation"
        ident = first.data(self.IdRole)
        mime.setData(MIME_TYPE, QByteArray(json.dumps({"kind": kind, "id": ident}).encode()))
        return mime

    def _new_order(
        self, mime: QMimeData, row: int, parent: _Index
    ) -> tuple[str, str | None, list[str]] | None:
        """What a drop would do: ("person", group key, ids) or ("delegation", None, ids)."""
        if not self.movable or not mime.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
            kind, ident = str(payload["kind"]), str(payload["id"])
        except (ValueError, KeyError, TypeError):
            return None
        if kind == "delegation":
            if parent.isValid():
                return None
            real = [g for g in self._groups if g.delegation is not None]
            if ident not in {g.key for g in real}:
                return None
            target = None
            if 0 <= row < len(self._shown) and self._shown[row].delegation is not None:
                target = self._shown[row].key
            return ("delegation", None, placed([g.key for g in real], ident, target))
        if kind != "person" or not parent.isValid() or parent.internalId() != 0:
            return None
        group = self._shown[parent.row()]
        full = [p.id for p in group.members]
        if ident not in full:
            return None  # a person moves within their own delegation only
        before: str | None
        if 0 <= row < len(group.shown):
            before = group.shown[row].id
        else:
            # After the last person shown (the filter may hide people after them).
            last = full.index(group.shown[-1].id) if group.shown else len(full) - 1
            after = [i for i in full[last + 1 :] if i != ident]
            before = after[0] if after else None
        if before == ident:
            return None
        return ("person", group.key, placed(full, ident, before))

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        return action == Qt.DropAction.MoveAction and self._new_order(data, row, parent) is not None

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: _Index,
    ) -> bool:
        if action != Qt.DropAction.MoveAction:
            return False
        move = self._new_order(data, row, parent)
        if move is None:
            return False
        kind, key, ids = move
        if kind == "person":
            self.people_moved.emit(key or None, ids)
        else:
            self.delegations_moved.emit(ids)
        # The view removes nothing after the drop: removeRows is not implemented.
        return True

    def retranslate(self) -> None:
        """Headers in the current language (rows follow with the next set_data)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
