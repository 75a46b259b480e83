"""The flags of a ceremony or an official meal, on the Ceremony page and in the event
editor: the list in order of precedence (dragged, or moved with the buttons), a flag
added from the list of countries or taken away, back to the proposal, and how the
audience will see them.

The panel holds no rule: it shows what it is given and says what the officer asks for
(`flags_wanted`, `honour_wanted`); the Ceremony page turns that into one undoable edit,
the event editor into part of the event's edit.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.flags import EUROPEAN_UNION, FlagHonour, flag_name, flags_seen, valid_flag
from visitplanner.i18n import _, babel_locale, current_language


class FlagsPanel(QWidget):
    """An event's flags in order of precedence, to reorder, add to or take from."""

    #: The flags the officer wants, in order (empty: as proposed).
    flags_wanted = Signal(list)
    #: Whose national flag the officer puts at the place of honour.
    honour_wanted = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Flags, in order of precedence"))
        self.list.setToolTip(_("Drag a flag, or use Up and Down, to change the order"))
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.model().rowsMoved.connect(self._moved)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.seen = QLabel(self)
        self.seen.setWordWrap(True)
        for said in (self.state, self.seen):
            said.setBuddy(self.list)  # each says what the list holds
        self.up = QPushButton(_("Up"), self)
        self.down = QPushButton(_("Down"), self)
        self.remove = QPushButton(_("Remove"), self)
        self.reset = QPushButton(_("As proposed"), self)
        self.reset.setToolTip(_("The host's flag, each guest's, then the European Union's"))
        self.country = QComboBox(self)
        self.country.setAccessibleName(_("Flag to add"))
        self.country.setEditable(True)
        self.country.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add = QPushButton(_("Add the flag"), self)
        self.honour = QComboBox(self)
        self.honour.setAccessibleName(_("Flag at the place of honour"))
        self.honour.addItem(_("The host's flag at the place of honour"), FlagHonour.HOST)
        self.honour.addItem(_("The guest's flag at the place of honour"), FlagHonour.GUEST)
        self._fill_countries()
        buttons = QHBoxLayout()
        for button in (self.up, self.down, self.remove, self.reset):
            buttons.addWidget(button)
        adding = QHBoxLayout()
        adding.addWidget(self.country, 1)
        adding.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.honour)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(adding)
        layout.addWidget(self.state)
        layout.addWidget(self.seen)
        self.up.clicked.connect(lambda: self._step(-1))
        self.down.clicked.connect(lambda: self._step(1))
        self.remove.clicked.connect(self._remove)
        self.reset.clicked.connect(lambda: self.flags_wanted.emit([]))
        self.add.clicked.connect(self._add)
        self.honour.activated.connect(
            lambda _index: self.honour_wanted.emit(FlagHonour(self.honour.currentData()))
        )

    def _fill_countries(self) -> None:
        names = {str(k): str(v) for k, v in babel_locale(current_language()).territories.items()}
        codes = sorted(
            (code for code in names if valid_flag(code) and code not in ("ZZ", "QO", "XA", "XB")),
            key=lambda code: names[code],
        )
        if EUROPEAN_UNION in codes:
            codes.remove(EUROPEAN_UNION)
        codes.insert(0, EUROPEAN_UNION)
        for code in codes:
            self.country.addItem(f"{names[code]} ({code})", code)
        self.country.setCurrentIndex(-1)

    def set_flags(self, flags: Sequence[str], own: bool, honour: FlagHonour) -> None:
        """Show `flags` (the event's own list when `own`, else the proposal)."""
        lang = current_language()
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for number, code in enumerate(flags, start=1):
            item = QListWidgetItem(f"{number}. {flag_name(code, lang)}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self.state.setText(
            _("The event's own order.") if own else _("Proposed from the delegations' countries.")
        )
        self.reset.setEnabled(own)
        self.honour.setCurrentIndex(self.honour.findData(honour))
        seen = flags_seen(flags, lang)
        self.seen.setText(
            _("As the audience sees them, from left to right: {flags}").format(flags=seen)
            if flags
            else _("No flags.")
        )

    def codes(self) -> list[str]:
        """The flags listed, in order."""
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.list.count())
        ]

    def _moved(self, *_args: object) -> None:
        self.flags_wanted.emit(self.codes())

    def _step(self, by: int) -> None:
        row = self.list.currentRow()
        codes = self.codes()
        if row < 0 or not 0 <= row + by < len(codes):
            return
        codes[row], codes[row + by] = codes[row + by], codes[row]
        self.list.setCurrentRow(row + by)
        self.flags_wanted.emit(codes)

    def _remove(self) -> None:
        row = self.list.currentRow()
        codes = self.codes()
        if 0 <= row < len(codes):
            del codes[row]
            self.flags_wanted.emit(codes)

    def _add(self) -> None:
        code = self.country.currentData()
        if code is None:  # typed: a code, or a name from the list
            typed = self.country.currentText().strip()
            found = self.country.findText(typed, Qt.MatchFlag.MatchStartsWith)
            code = self.country.itemData(found) if found >= 0 else typed.upper()
        codes = self.codes()
        if code and code not in codes:
            self.flags_wanted.emit([*codes, code])
