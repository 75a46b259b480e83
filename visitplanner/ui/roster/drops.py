"""Dropping in the roster: a person moved within their delegation, or a delegation among
the others. A drop falls between two rows of the flat list; what it would do is worked
out from the rows above and below it (`_new_order`). The model does not change: it tells
the new order (`people_moved`, `delegations_moved`) and the view makes one undoable edit.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from visitplanner.domain.model import Person
from visitplanner.services.ordering import placed

if TYPE_CHECKING:
    from visitplanner.ui.roster.model import _Group

_Index = QModelIndex | QPersistentModelIndex

#: The MIME type of a drag inside the roster.
MIME_TYPE: Final = "application/x-visitplanner-roster"


class RosterDrops:
    """The drag-and-drop half of the roster's model (mixed into `RosterModel`, whose rows,
    groups and signals it reads)."""

    _rows: list[Any]
    _groups: list[_Group]
    _group_of: dict[str, _Group]
    movable: bool
    people_moved: Any
    delegations_moved: Any

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = [i for i in indexes if i.isValid() and i.column() == 0]
        entry = self._entry(rows[0].row()) if rows else None
        if entry is None:
            return mime
        group, person = entry
        kind, ident = ("person", person.id) if person is not None else ("delegation", group.key)
        mime.setData(MIME_TYPE, QByteArray(json.dumps({"kind": kind, "id": ident}).encode()))
        return mime

    def _new_order(
        self, mime: QMimeData, row: int, parent: _Index
    ) -> tuple[str, str | None, list[str]] | None:
        """What a drop before `row` would do: ("person", group key, ids) or
        ("delegation", None, ids); None when it would do nothing."""
        if not self.movable or not mime.hasFormat(MIME_TYPE):
            return None
        try:
            payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
            kind, ident = str(payload["kind"]), str(payload["id"])
        except (ValueError, KeyError, TypeError):
            return None
        if parent.isValid():  # dropped on a row itself: before it
            row = parent.row()
        if not 0 <= row < len(self._rows):
            row = len(self._rows)  # on the empty space after the last row
        below = self._entry(row)
        if kind == "delegation":
            real = [g for g in self._groups if g.delegation is not None]
            if ident not in {g.key for g in real}:
                return None
            if below is not None and below[1] is not None:
                return None  # a delegation goes between two delegations, not among people
            target = None
            if below is not None and below[0].delegation is not None:
                target = below[0].key
            return ("delegation", None, placed([g.key for g in real], ident, target))
        if kind != "person":
            return None
        group = self._group_of.get(ident)
        if group is None:
            return None
        full = [p.id for p in group.members]
        above = self._entry(row - 1)
        before: str | None
        if below is not None and below[0] is group and below[1] is not None:
            before = below[1].id
        elif above is not None and above[0] is group and above[1] is not None:
            # After the last person shown (the filter may hide people after them).
            last = full.index(above[1].id)
            after = [i for i in full[last + 1 :] if i != ident]
            before = after[0] if after else None
        else:
            return None  # a person moves within their own delegation only
        if before == ident:
            return None
        new = placed(full, ident, before)
        return None if new == full else ("person", group.key, new)

    def _entry(self, row: int) -> tuple[_Group, Person | None] | None:
        """A row as (its group, its person or None for the title); None beyond the list."""
        if not 0 <= row < len(self._rows):
            return None
        item = self._rows[row]
        return (self._group_of[item.id], item) if isinstance(item, Person) else (item, None)

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
