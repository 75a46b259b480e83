"""The seating page's constraints panel: a meal's constraints, the broken ones marked.

A table lists the meal's constraints (kind, people, hard or soft, kept or why not),
refreshed with the plan, so a constraint broken by a move is marked at once. Add, Edit
and Delete (Insert, Enter, Del on the list) each make one undoable operation; the
constraint dialog picks one or two people from lists filtered as one types, in either
script. Two lists above set the plan's options: couples together or apart, delegations
together or mixed. After a proposal, what it could not keep is said under the table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.arrangements import Grouping, SeatingOptions
from visitplanner.domain.errors import InputError, VisitPlannerError
from visitplanner.domain.model import Event, Person, VisitData
from visitplanner.domain.seating_rules import (
    SINGLE,
    Broken,
    ConstraintKind,
    SeatingConstraint,
    kind_label,
)
from visitplanner.i18n import _
from visitplanner.operations.engine import Operation
from visitplanner.services import seating as seating_service
from visitplanner.ui.common.widgets import EntityCombo

_Index = QModelIndex | QPersistentModelIndex

#: The columns of the constraints' table.
COLUMNS = ("kind", "people", "strength", "state")


def _headers() -> list[str]:
    # Short heads: the panel is narrow beside the chart; the cells say hard or soft, kept
    # or not kept.
    return [_("Constraint"), _("People"), _("Level"), _("Plan")]


def person_label(person: Person) -> str:
    """A person as the lists show them: the Latin name, and the native one when it differs."""
    latin, native = person.latin_name(), person.native_name()
    return f"{latin} ({native})" if latin and native and native != latin else latin or native


class ConstraintsModel(QAbstractTableModel):
    """The constraints of one meal, each with whether the plan keeps it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[SeatingConstraint] = []
        self.broken: dict[str, str] = {}
        self.name: Callable[[str], str] = str

    def set_rows(
        self,
        rows: Sequence[SeatingConstraint],
        broken: Sequence[Broken],
        name: Callable[[str], str],
    ) -> None:
        """Show `rows`; those in `broken` marked, with why."""
        self.beginResetModel()
        self.rows = list(rows)
        self.broken = {b.constraint.id: b.reason for b in broken}
        self.name = name
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = COLUMNS[index.column()]
        reason = self.broken.get(row.id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column, reason)
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason or _("Kept by the plan")
        if role == Qt.ItemDataRole.ForegroundRole and reason and row.hard:
            return QBrush(QColor("#B00020"))
        if role == Qt.ItemDataRole.DecorationRole and reason and column == "kind":
            # An icon, not a ⛔ character, which many fonts lack.
            style = QApplication.style()
            hard, soft = (
                QStyle.StandardPixmap.SP_MessageBoxCritical,
                QStyle.StandardPixmap.SP_MessageBoxWarning,
            )
            return style.standardIcon(hard if row.hard else soft)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: SeatingConstraint, column: str, reason: str | None) -> str:
        if column == "kind":
            return kind_label(row.kind)
        if column == "people":
            return " — ".join(self.name(ident) for ident in row.people())
        if column == "strength":
            return _("hard") if row.hard else _("soft")
        return _("not kept") if reason else _("kept")


class ConstraintDialog(QDialog):
    """Set a constraint's kind, its person or pair, hard or soft."""

    def __init__(
        self,
        data: VisitData,
        event: Event,
        constraint: SeatingConstraint | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Seating constraint"))
        self.meal = event
        self.before = constraint
        self.kind = QComboBox()
        for kind in ConstraintKind:
            self.kind.addItem(kind_label(kind), kind)
        missing = _("No participant of this meal is called “{text}”")
        self.first = EntityCombo(_("choose a person"), missing)
        self.second = EntityCombo(_("choose a person"), missing)
        people = [data.person(i) for i in event.participant_ids if _known(data, i)]
        choices = [(p.id, person_label(p)) for p in people]
        self.first.set_entities(choices)
        self.second.set_entities(choices)
        self.hard = QCheckBox(_("&Hard: a proposal must keep it"))
        self.hard.setChecked(True)
        form = QFormLayout()
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&Person:"), self.first)
        self.second_label = QLabel(_("&With:"))
        self.second_label.setBuddy(self.second)
        form.addRow(self.second_label, self.second)
        form.addRow("", self.hard)
        kind_label_widget = form.labelForField(self.kind)
        if isinstance(kind_label_widget, QLabel):
            kind_label_widget.setBuddy(self.kind)
        first_label = form.labelForField(self.first)
        if isinstance(first_label, QLabel):
            first_label.setBuddy(self.first)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if constraint is not None:
            self.kind.setCurrentIndex(self.kind.findData(constraint.kind))
            self.first.set_current_id(constraint.person_id)
            self.second.set_current_id(constraint.other_id)
            self.hard.setChecked(constraint.hard)
        self._kind_changed()

    def _kind_changed(self) -> None:
        single = self.kind.currentData() in SINGLE
        self.second.setEnabled(not single)
        self.second_label.setEnabled(not single)

    def constraint(self) -> SeatingConstraint:
        """The constraint as set (the same id when edited); InputError when incomplete."""
        kind = ConstraintKind(self.kind.currentData())
        first = self.first.current_id()
        second = None if kind in SINGLE else self.second.current_id()
        if first is None or (kind not in SINGLE and second is None):
            raise InputError(_("Choose the people the constraint names."))
        hard = self.hard.isChecked()
        if self.before is not None:
            return dataclasses.replace(
                self.before, kind=kind, person_id=first, other_id=second, hard=hard
            )
        return SeatingConstraint(self.meal.id, kind, first, second, hard)

    def accept(self) -> None:
        """Close only with a constraint that holds together."""
        try:
            self.constraint()
        except VisitPlannerError as exc:
            QMessageBox.warning(self, _("Seating constraint"), exc.message)
            return
        super().accept()


def _known(data: VisitData, ident: str) -> bool:
    return any(p.id == ident for p in data.people)


class ConstraintTable(QTableView):
    """The constraints' table: Insert adds, Enter edits, Del deletes."""

    def __init__(self, panel: ConstraintsPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Insert:
            self.panel.add()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.panel.edit()
        elif key == Qt.Key.Key_Delete:
            self.panel.delete()
        else:
            super().keyPressEvent(event)


class ConstraintsPanel(QWidget):
    """A meal's constraints and its plan's options, each change one undoable operation."""

    def __init__(self, run: Callable[[Callable[[], Operation]], None], parent: QWidget) -> None:
        super().__init__(parent)
        self.run = run
        self.data: VisitData | None = None
        self.meal: Event | None = None
        #: Opens the dialog and gives what it set (None: cancelled); tests replace it.
        self.ask: Callable[[ConstraintDialog], SeatingConstraint | None] = _ask
        self.model = ConstraintsModel(self)
        self.table = ConstraintTable(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Seating constraints"))
        self.table.setToolTip(_("Insert: add a constraint. Enter: edit it. Del: delete it."))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The people take what is left; the kind, strength and state stay whole.
        header.setSectionResizeMode(COLUMNS.index("people"), QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.add_button = QPushButton(_("&Add…"))
        self.edit_button = QPushButton(_("&Edit…"))
        self.delete_button = QPushButton(_("&Delete"))
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.couples = self._grouping_combo(
            {
                Grouping.FREE: _("as they come"),
                Grouping.TOGETHER: _("together"),
                Grouping.APART: _("apart"),
            }
        )
        self.delegations = self._grouping_combo(
            {
                Grouping.FREE: _("as they come"),
                Grouping.TOGETHER: _("together"),
                Grouping.APART: _("mixed"),
            }
        )
        self.unmet = QLabel()
        self.unmet.setWordWrap(True)
        self.unmet.setStyleSheet("color: #B00020;")
        self._build()

    def _grouping_combo(self, texts: dict[Grouping, str]) -> QComboBox:
        combo = QComboBox()
        for grouping, text in texts.items():
            combo.addItem(text, grouping)
        combo.activated.connect(lambda _index: self._set_options())
        return combo

    def _build(self) -> None:
        options = QHBoxLayout()
        for text, combo in ((_("&Couples:"), self.couples), (_("Dele&gations:"), self.delegations)):
            label = QLabel(text)
            label.setBuddy(combo)
            options.addWidget(label)
            options.addWidget(combo)
        options.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        title = QLabel(_("C&onstraints:"))
        title.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addLayout(options)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.unmet)

    # -- showing ---------------------------------------------------------------------------

    def show_event(self, data: VisitData, event: Event | None) -> None:
        """Show the constraints of `event` as its plan keeps them now."""
        if event is None or self.meal is None or event.id != self.meal.id:
            self.unmet.clear()
        self.data, self.meal = data, event
        rows = seating_service.constraints_of(data, event) if event else []
        broken = seating_service.broken_constraints(data, event) if event else []
        self.model.set_rows(rows, broken, seating_service.person_name(data))
        planned = event is not None and event.seating is not None
        for combo in (self.couples, self.delegations):
            combo.setEnabled(planned)
        if event is not None and event.seating is not None:
            options = event.seating.options
            self.couples.setCurrentIndex(self.couples.findData(options.couples))
            self.delegations.setCurrentIndex(self.delegations.findData(options.delegations))
        self.add_button.setEnabled(event is not None)
        self.edit_button.setEnabled(bool(rows))
        self.delete_button.setEnabled(bool(rows))

    def show_unmet(self, unmet: Sequence[Broken]) -> None:
        """Say what the proposal just made could not keep, and why."""
        if not unmet:
            self.unmet.clear()
            return
        lines = [_("The proposal could not keep:")]
        lines += [f"• {b.reason}" for b in unmet]
        self.unmet.setText("\n".join(lines))

    def broken_count(self) -> int:
        """How many constraints the plan shown breaks."""
        return len(self.model.broken)

    def selected(self) -> SeatingConstraint | None:
        """The constraint of the current row."""
        index = self.table.currentIndex()
        rows = self.model.rows
        return rows[index.row()] if index.isValid() and index.row() < len(rows) else None

    # -- edits -----------------------------------------------------------------------------

    def add(self) -> None:
        """A new constraint, from the dialog."""
        data, event = self.data, self.meal
        if data is None or event is None:
            return
        made = self.ask(ConstraintDialog(data, event, None, self))
        if made is not None:
            self.run(lambda: seating_service.add_constraint_operation(data, made))

    def edit(self) -> None:
        """Change the selected constraint, from the dialog."""
        data, event, before = self.data, self.meal, self.selected()
        if data is None or event is None or before is None:
            return
        after = self.ask(ConstraintDialog(data, event, before, self))
        if after is not None:
            self.run(lambda: seating_service.edit_constraint_operation(before, after))

    def delete(self) -> None:
        """Delete the selected constraint."""
        data, chosen = self.data, self.selected()
        if data is not None and chosen is not None:
            self.run(lambda: seating_service.delete_constraint_operation(data, chosen))

    def _set_options(self) -> None:
        event = self.meal
        if event is None or event.seating is None:
            return
        options = SeatingOptions(
            Grouping(self.couples.currentData()), Grouping(self.delegations.currentData())
        )
        if options != event.seating.options:
            self.run(lambda: seating_service.options_operation(event, options))


def _ask(dialog: ConstraintDialog) -> SeatingConstraint | None:
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.constraint()
