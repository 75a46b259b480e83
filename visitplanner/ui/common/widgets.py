"""Reusable inputs: a text in fr/uk/en, a time-zone picker, a searchable entity combo,
a checkable list with search.

Every input gets an accessible name built from its field's name, so screen
readers say "Title, French" rather than "edit".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Final
from zoneinfo import available_timezones

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError, InputError
from visitplanner.domain.lookup import normalise
from visitplanner.domain.model import VisitData
from visitplanner.domain.search import Words, found, search_text, search_words
from visitplanner.domain.values import LANGUAGES, LocalizedText, zone_name
from visitplanner.i18n import N_, _, zone_city

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex
#: Item data role holding the normalised text a search compares with.
SEARCH_ROLE: Final = Qt.ItemDataRole.UserRole + 11
#: Item data role holding the id of the entity a row stands for.
ID_ROLE: Final = Qt.ItemDataRole.UserRole + 12
#: Zones offered before any is typed, after the visit's own.
COMMON_ZONES: Final = ("Europe/Paris", "Europe/Kyiv", "Europe/Warsaw", "UTC")
LANGUAGE_NAMES: Final = {"fr": N_("French"), "uk": N_("Ukrainian"), "en": N_("English")}


def languages_in_order(main_language: str) -> list[str]:
    """fr, uk, en with the visit's main language first."""
    return sorted(LANGUAGES, key=lambda code: (code != main_language, LANGUAGES.index(code)))


def labelled(text: str, buddy: QWidget, parent: QWidget | None = None) -> QLabel:
    """A label for `buddy` (its mnemonic focuses it); gives `buddy` an accessible name."""
    caption = QLabel(text, parent)
    caption.setBuddy(buddy)
    if not buddy.accessibleName():
        buddy.setAccessibleName(text.replace("&", "").rstrip(" :\u00a0\u202f"))
    return caption


class LocalizedTextEdit(QWidget):
    """One text in French, Ukrainian and English: three inputs labelled FR, UK, EN.

    The visit's main language comes first. `multiline` gives three small text
    boxes instead of lines (a purpose, a briefing note).
    """

    changed = Signal()

    def __init__(
        self,
        name: str,
        main_language: str = "fr",
        multiline: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.name = name
        self._editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        for row, code in enumerate(languages_in_order(main_language)):
            editor: QLineEdit | QPlainTextEdit
            if multiline:
                editor = QPlainTextEdit(self)
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
                editor.textChanged.connect(self.changed)
            else:
                editor = QLineEdit(self)
                editor.textChanged.connect(self.changed)
            language = _(LANGUAGE_NAMES[code])
            editor.setAccessibleName(_("{field}, {language}").format(field=name, language=language))
            caption = QLabel(code.upper(), self)
            caption.setToolTip(language)
            caption.setBuddy(editor)
            grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, row, 1)
            self._editors[code] = editor
        self.setFocusProxy(self.editors()[0])
        # As tall as its inputs: a form must not stretch the gaps between them.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def editors(self) -> list[QLineEdit | QPlainTextEdit]:
        """The inputs in the order shown (main language first)."""
        return list(self._editors.values())

    def editor(self, lang: str) -> QLineEdit | QPlainTextEdit:
        """The input for one language."""
        return self._editors[lang]

    def value(self) -> LocalizedText:
        """The text as typed, each version stripped of surrounding spaces."""
        parts = {}
        for code, editor in self._editors.items():
            text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            parts[code] = text.strip()
        return LocalizedText(**parts)

    def set_value(self, text: LocalizedText) -> None:
        """Show `text` (every version)."""
        for code, editor in self._editors.items():
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(getattr(text, code))
            else:
                editor.setText(getattr(text, code))
                editor.setCursorPosition(0)  # show the start of a long text, not its end


@cache
def known_zones() -> frozenset[str]:
    """Every IANA zone this machine knows (read once: it scans the zone database)."""
    return frozenset(available_timezones())


def zones_in_use(data: VisitData) -> list[str]:
    """The visit's zone, then the zones its events use, then the common ones."""
    found = [data.visit.tz]
    for event in data.events:
        found.extend((zone_name(event.start), zone_name(event.end)))
    found.extend(COMMON_ZONES)
    return list(dict.fromkeys(found))


class ZoneCombo(QComboBox):
    """Pick a time zone from those the visit uses, or type any IANA zone (checked)."""

    def __init__(self, zones: Iterable[str] = COMMON_ZONES, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for name in zones:
            self.addItem(name)
            self.setItemData(self.count() - 1, zone_city(name), Qt.ItemDataRole.ToolTipRole)
        completer = QCompleter(QStringListModel(sorted(known_zones()), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.editTextChanged.connect(self._mark)

    def zone_name(self) -> str:
        """The zone as typed."""
        return self.currentText().strip()

    def is_valid(self) -> bool:
        """Whether what is typed is a known IANA zone."""
        return self.zone_name() in known_zones()

    def checked_zone(self) -> str:
        """The zone typed, or a DomainError saying it is unknown."""
        if not self.is_valid():
            raise DomainError(_("Unknown time zone “{zone}”.").format(zone=self.zone_name()))
        return self.zone_name()

    def set_zone(self, name: str) -> None:
        """Show `name` (added to the list when missing)."""
        if self.findText(name) < 0:
            self.addItem(name)
        self.setCurrentIndex(self.findText(name))
        self.setEditText(name)

    def _mark(self) -> None:
        editor = self.lineEdit()
        if editor is None:
            return
        if self.is_valid():
            editor.setStyleSheet("")
            self.setToolTip(zone_city(self.zone_name()))
        else:
            editor.setStyleSheet("color: #D00000;")
            self.setToolTip(_("Not a known time zone: type a name such as Europe/Paris."))


class EntityCombo(QComboBox):
    """Pick one venue (person ...) by typing part of its name; the first item is "none"."""

    def __init__(self, none_text: str, missing: str, parent: QWidget | None = None) -> None:
        """`missing` says that nothing matches what was typed ({text})."""
        super().__init__(parent)
        self._none_text = none_text
        self._missing = missing
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def set_entities(self, items: Sequence[tuple[str, str]]) -> None:
        """The choices, as (id, text) pairs, after an empty "none" (shown greyed when empty)."""
        self.clear()
        self.addItem("", None)
        self.setItemData(0, self._none_text, Qt.ItemDataRole.ToolTipRole)
        self.setItemData(0, self._none_text, Qt.ItemDataRole.AccessibleTextRole)
        for ident, text in items:
            self.addItem(text, ident)
        editor = self.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self._none_text)

    def set_current_id(self, ident: str | None) -> None:
        """Show the entity with this id (or "none")."""
        index = self.findData(ident) if ident is not None else 0
        self.setCurrentIndex(max(0, index))

    def current_id(self) -> str | None:
        """The id of the entity named, None for "none"; InputError when nothing matches."""
        text = self.currentText().strip()
        if not text or text == self._none_text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0:
            matches = [
                n for n in range(1, self.count()) if normalise(text) in normalise(self.itemText(n))
            ]
            if len(matches) != 1:
                raise InputError(self._missing.format(text=text))
            index = matches[0]
        value = self.itemData(index)
        return str(value) if value is not None else None


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One row of a checkable list."""

    id: str
    text: str
    search: str = ""  # extra text a search matches (another script, a plate)
    tooltip: str = ""


def in_kept_order(previous: Sequence[str], checked: Sequence[str]) -> list[str]:
    """The checked ids: those already chosen in their old order, then the new ones."""
    wanted = set(checked)
    kept = [ident for ident in previous if ident in wanted]
    known = set(kept)
    return kept + [ident for ident in checked if ident not in known]


class CheckListModel(QAbstractListModel):
    """A list of items the user ticks (vehicles, interpreters)."""

    checked_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[CheckItem] = []
        self._keys: list[str] = []
        self._checked: set[str] = set()

    def set_items(self, items: Sequence[CheckItem]) -> None:
        """Replace every item (ticks on ids that remain are kept)."""
        self.beginResetModel()
        self._items = list(items)
        self._keys = [search_text(f"{item.text} {item.search}") for item in self._items]
        self.endResetModel()

    def set_checked(self, ids: Iterable[str]) -> None:
        """Tick exactly `ids`."""
        self._checked = set(ids)
        if self._items:
            self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))
        self.checked_changed.emit()

    def checked_ids(self) -> list[str]:
        """The ticked ids in list order."""
        return [item.id for item in self._items if item.id in self._checked]

    def search_key(self, row: int, parent: _Index) -> str:
        """What a search compares with for a row (the filter's fast path)."""
        return self._keys[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.text
        if role == Qt.ItemDataRole.CheckStateRole:
            checked = item.id in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.tooltip or item.text
        if role == SEARCH_ROLE:
            return self._keys[index.row()]
        if role == ID_ROLE:
            return item.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsUserCheckable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        ident = self._items[index.row()].id
        if check_state(value) == Qt.CheckState.Checked:
            self._checked.add(ident)
        else:
            self._checked.discard(ident)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()
        return True


def check_state(value: Any) -> Qt.CheckState:
    """A check state from what a view passes to setData (an int or a Qt.CheckState)."""
    if isinstance(value, Qt.CheckState):
        return value
    return Qt.CheckState(int(value))


class SearchFilter(QSortFilterProxyModel):
    """Keeps rows whose normalised text (SEARCH_ROLE) holds what was typed, in any script.

    In a tree, a child row also stays when its parent matches (a delegation's
    name shows all its members), and a parent stays when a child matches.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._query: Words = ()
        self.setRecursiveFilteringEnabled(True)

    def set_query(self, text: str) -> None:
        """Filter by `text` (empty: show everything): every word, in either script."""
        self.beginFilterChange()
        self._query = search_words(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._query:
            return True
        model = self.sourceModel()
        fast = getattr(model, "search_key", None)
        if fast is not None:  # a model that keeps its keys: no QModelIndex per row
            if found(fast(source_row, source_parent), self._query):
                return True
            if source_parent.isValid():
                parent = source_parent.parent()
                return found(fast(source_parent.row(), parent), self._query)
            return False
        own = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
        if found(own, self._query):
            return True
        if source_parent.isValid():
            return found(model.data(source_parent, SEARCH_ROLE) or "", self._query)
        return False


class CheckList(QWidget):
    """A checkable list with a search field above it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CheckListModel(self)
        self.proxy = SearchFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Type part of a name"))
        self.search.setAccessibleName(_("Search {list}").format(list=name))
        self.search.textChanged.connect(self.proxy.set_query)
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(name)
        self.view.setUniformItemSizes(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(labelled(_("&Search:"), self.search, self))
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
