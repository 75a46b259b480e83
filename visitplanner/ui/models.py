"""Item models over the visit's domain objects; columns declared once per model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.i18n import N_, _, current_language, format_date, format_time_in_zone

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header (translated when shown), its text and its sort key."""

    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None


class EntityTableModel(QAbstractTableModel, Generic[T]):
    """A read-only table over a list of domain objects.

    Sort keys must be numbers or strings: the proxy compares them as QVariants.
    """

    SortRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, columns: list[Column[T]]) -> None:
        super().__init__()
        self._columns = columns
        self._rows: list[T] = []

    def set_rows(self, rows: list[T]) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_object(self, row: int) -> T:
        """The domain object shown in `row`."""
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(item)
        if role == self.SortRole:
            return column.sort_key(item) if column.sort_key else column.text(item)
        if role == self.IdRole:
            return getattr(item, "id", None)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return _(self._columns[section].header)
        return None


def programme_model(data: VisitData) -> EntityTableModel[Event]:
    """The programme as a table: day, times, title, venue, status."""
    venues = {v.id: v for v in data.venues}
    main = data.visit.main_language
    home = data.visit.tz

    def lang() -> str:
        return current_language()

    def venue_name(event: Event) -> str:
        venue = venues.get(event.venue_id or "")
        return venue.name.get(lang(), main) if venue else ""

    columns: list[Column[Event]] = [
        Column(
            N_("Day"), lambda e: format_date(e.start.date(), "full"), lambda e: e.start.timestamp()
        ),
        Column(
            N_("Start"),
            lambda e: format_time_in_zone(e.start, home),
            lambda e: e.start.timestamp(),
        ),
        Column(N_("End"), lambda e: format_time_in_zone(e.end, home), lambda e: e.end.timestamp()),
        Column(N_("Title"), lambda e: e.title.get(lang(), main)),
        Column(N_("Venue"), venue_name),
        Column(N_("Status"), lambda e: label(e.status)),
        Column(
            "Participants", lambda e: str(len(e.participant_ids)), lambda e: len(e.participant_ids)
        ),
    ]
    model: EntityTableModel[Event] = EntityTableModel(columns)
    model.set_rows(sorted(data.events, key=lambda e: e.start))
    return model


def roster_model(data: VisitData) -> EntityTableModel[Person]:
    """The roster as a table: delegation, rank, names in both scripts, function, role."""
    delegations = {d.id: d for d in data.delegations}
    main = data.visit.main_language

    def delegation_name(person: Person) -> str:
        found = delegations.get(person.delegation_id or "")
        return found.name.get(current_language(), main) if found else _("(no delegation)")

    def delegation_key(person: Person) -> int:
        # One number, not a tuple: Qt sorts QVariants, and a Python tuple is opaque to it.
        found = delegations.get(person.delegation_id or "")
        return (found.position if found else 1_000_000) * 1_000_000 + person.rank

    columns: list[Column[Person]] = [
        Column(N_("Delegation"), delegation_name, delegation_key),
        Column(N_("Rank"), lambda p: str(p.rank), lambda p: p.rank),
        Column(N_("Name"), lambda p: p.formal_name()),
        Column(N_("Native name"), lambda p: p.native_name()),
        Column(N_("Function"), lambda p: p.function.get(current_language(), main)),
        Column(N_("Role"), lambda p: label(p.role)),
    ]
    model: EntityTableModel[Person] = EntityTableModel(columns)
    model.set_rows(sorted(data.people, key=delegation_key))
    return model
