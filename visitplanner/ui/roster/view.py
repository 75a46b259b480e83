"""The roster screen: delegations and their people in order of precedence, edited in place.

A filter narrows the list as the officer types a name in either script; people
and delegations are reordered by drag and drop or with Ctrl+Up / Ctrl+Down,
each move one undoable edit; Ins adds a person, Enter edits, Del deletes.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.model import Delegation, Person
from visitplanner.i18n import _, current_language
from visitplanner.operations.change import Change
from visitplanner.operations.edits import delete_operation
from visitplanner.operations.engine import Operation
from visitplanner.services.ordering import (
    delegation_order,
    moved,
    reorder_delegations,
    reorder_people,
)
from visitplanner.ui.common.actions import button_row, describe, screen_action
from visitplanner.ui.common.forms import confirm
from visitplanner.ui.roster.delegation_dialog import DelegationDialog
from visitplanner.ui.roster.model import RosterModel
from visitplanner.ui.roster.person_dialog import PersonDialog
from visitplanner.ui.roster.precedence_dialog import PrecedenceSettingsDialog
from visitplanner.ui.roster.table import RosterTable
from visitplanner.ui.shell.controller import VisitController

log = logging.getLogger(__name__)

_KEYS = QKeySequence.StandardKey
_D = TypeVar("_D", bound=QDialog)


class RosterView(QWidget):
    """The delegations and their people; the lead embeds it as the Roster page."""

    #: A person was activated (double-click, Enter): the view opens the editor on them.
    person_activated = Signal(str)

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        #: The editor opened last (None before any): tests and the window may reach it.
        self.dialog: QDialog | None = None
        self.model = RosterModel(parent=self)  # filled by retranslate() below
        self.model.people_moved.connect(self._apply_people_order)
        self.model.delegations_moved.connect(self._apply_delegation_order)
        self.filter_label = QLabel(self)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._filter_done)
        self.count = QLabel(self)
        #: Titles and people in one list (double-click edits, the arrow folds).
        self.table = RosterTable(self.model, self)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(self._activated)
        self.person_activated.connect(self.edit_person)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        em = self.fontMetrics().horizontalAdvance("M")
        for column, width in enumerate((22, 18, 22, 12, 11, 7, 10)):
            header.resizeSection(column, width * em)

        list_only = Qt.ShortcutContext.WidgetShortcut
        self.new_person_action = screen_action(self, self.new_person, ["Ins"])
        self.new_delegation_action = screen_action(self, self.new_delegation, ["Shift+Ins"])
        self.edit_action = screen_action(
            self.table, self.edit_current, ["Return", "Enter"], list_only
        )
        self.delete_action = screen_action(
            self.table, self.delete_current, [_KEYS.Delete], list_only
        )
        self.edit_delegation_action = screen_action(self, self.edit_delegation)
        self.delete_delegation_action = screen_action(self, self.delete_delegation)
        self.move_up_action = screen_action(self.table, self.move_up, ["Ctrl+Up"], list_only)
        self.move_down_action = screen_action(self.table, self.move_down, ["Ctrl+Down"], list_only)
        self.precedence_action = screen_action(self, self.edit_precedence_settings)
        buttons = button_row(
            self,
            [
                self.new_person_action,
                self.new_delegation_action,
                None,
                self.edit_action,
                self.delete_action,
                None,
                self.move_up_action,
                self.move_down_action,
                None,
                self.precedence_action,
            ],
        )
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)
        self.table.selectionModel().currentChanged.connect(self.update_actions)
        controller.changed.connect(self._on_change)
        self.retranslate()

    # -- public -----------------------------------------------------------------

    def select_person(self, person_id: str) -> bool:
        """Show and select a person (clearing the filter if it hides them); False if unknown."""
        if self.model.group_of_person(person_id) is None and self.model.is_filtered():
            self.filter.clear()
        group = self.model.group_of_person(person_id)
        if group is None:
            return False
        self.table.set_folded(group, False)
        index = self.model.index_of_person(person_id)
        self._make_current(index)
        return True

    def select_delegation(self, delegation_id: str) -> bool:
        """Show and select a delegation; False if unknown."""
        index = self.model.index_of_group(delegation_id)
        if not index.isValid() and self.model.is_filtered():
            self.filter.clear()
            index = self.model.index_of_group(delegation_id)
        if not index.isValid():
            return False
        self._make_current(index)
        return True

    def current_person(self) -> Person | None:
        """The person selected, if a person row is."""
        return self.model.person_at(self.table.currentIndex())

    def current_delegation(self) -> Delegation | None:
        """The delegation selected, or the delegation of the person selected."""
        return self.model.delegation_at(self.table.currentIndex())

    def focus_filter(self) -> None:
        """Put the cursor in the filter (for the window's Find)."""
        self.filter.setFocus()
        self.filter.selectAll()

    def refresh(self) -> None:
        """Show the visit as it is now, keeping the selection, the filter and what is folded."""
        current = self._current_key()
        self.model.set_data(self.controller.data)
        self._restore_current(current)
        self._update_count()  # "People: 3" must follow every change, not only the filter
        self.update_actions()

    def retranslate(self) -> None:
        """Every text in the current language."""
        self.filter_label.setText(_("&Filter:"))
        self.filter.setPlaceholderText(_("Name in Latin or Cyrillic script"))
        self.filter.setAccessibleName(_("Filter the roster by name"))
        self.table.setAccessibleName(_("Roster: delegations and their people"))
        describe(
            self.new_person_action, _("&New person…"), _("Add a person to the delegation selected")
        )
        describe(self.new_delegation_action, _("New &delegation…"))
        describe(self.edit_action, _("&Edit…"), _("Edit the person or delegation selected"))
        describe(self.delete_action, _("De&lete…"), _("Delete the person or delegation selected"))
        describe(self.edit_delegation_action, _("Edit delegation…"))
        describe(self.delete_delegation_action, _("Delete delegation…"))
        describe(self.move_up_action, _("Move &up"), _("Move up in the order of precedence"))
        describe(self.move_down_action, _("Move do&wn"), _("Move down in the order of precedence"))
        describe(
            self.precedence_action,
            _("&Precedence rules…"),
            _("Where the guests stand against hosts of equal grade; the version of the décret"),
        )
        self.model.retranslate()
        self.refresh()  # every row's words (roles, grades, sides) in the new language
        self._update_count()

    # -- editing ----------------------------------------------------------------

    def new_person(self) -> PersonDialog | None:
        """Open the editor on a new person of the delegation selected."""
        if self.controller.read_only:
            return None
        key = self.model.group_key_at(self.table.currentIndex())
        return self._open(PersonDialog(self.controller, None, key or None, self))

    def edit_person(self, person_id: str) -> PersonDialog:
        """Open the editor on a person."""
        person = self.controller.data.person(person_id)
        return self._open(PersonDialog(self.controller, person, person.delegation_id, self))

    def edit_current(self) -> QDialog | None:
        """Open the editor on the person or delegation selected."""
        index = self.table.currentIndex()
        person = self.model.person_at(index)
        if person is not None:
            self.person_activated.emit(person.id)
            return self.dialog
        return self.edit_delegation()

    def new_delegation(self) -> DelegationDialog | None:
        """Open the editor on a new delegation."""
        if self.controller.read_only:
            return None
        return self._open(DelegationDialog(self.controller, None, self))

    def edit_delegation(self) -> DelegationDialog | None:
        """Open the editor on the delegation selected (or the selected person's)."""
        delegation = self.current_delegation()
        if delegation is None:
            return None
        return self._open(DelegationDialog(self.controller, delegation, self))

    def edit_precedence_settings(self) -> PrecedenceSettingsDialog:
        """Open the visit's rules of precedence (guest placement, version of the décret)."""
        return self._open(PrecedenceSettingsDialog(self.controller, self))

    def delete_current(self) -> bool:
        """Delete the person or delegation selected, once the officer confirms."""
        person = self.current_person()
        if person is None:
            return self.delete_delegation()
        if self.controller.read_only:
            return False
        name = person.formal_name()
        if not confirm(
            self,
            _("Delete a person"),
            _("Delete {name} from the visit? Edit > Undo brings them back.").format(name=name),
        ):
            return False
        neighbour = self._neighbour(person)
        operation = delete_operation(self.controller.data, person)
        operation.label = _("Delete {name}").format(name=name)
        if not self._apply(operation):
            return False
        if neighbour:
            self._restore_current(neighbour)
        return True

    def delete_delegation(self) -> bool:
        """Delete the delegation selected and its members, once the officer confirms."""
        delegation = self.current_delegation()
        if delegation is None or self.controller.read_only:
            return False
        name = delegation.name.get(current_language(), self.controller.data.visit.main_language)
        members = self.controller.data.members(delegation.id)
        question = _(
            "Delete the delegation {name} and the people in it ({count})? "
            "Edit > Undo brings them back."
        ).format(name=name, count=len(members))
        if not confirm(self, _("Delete a delegation"), question):
            return False
        operation = delete_operation(self.controller.data, delegation)
        operation.label = _("Delete {name}").format(name=name)
        return self._apply(operation)

    def move_up(self) -> bool:
        """Move the person (or delegation) selected one place up."""
        return self._move(-1)

    def move_down(self) -> bool:
        """Move the person (or delegation) selected one place down."""
        return self._move(+1)

    # -- internals --------------------------------------------------------------

    def _open(self, dialog: _D) -> _D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after_dialog(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _after_dialog(self, dialog: QDialog) -> None:
        saved = getattr(dialog, "saved", None)
        if isinstance(saved, Person):
            self.select_person(saved.id)
        elif isinstance(saved, Delegation):
            self.select_delegation(saved.id)

    def _apply(self, operation: Operation | None) -> bool:
        if operation is None:
            return False
        return self.controller.apply(operation, self)

    def _move(self, offset: int) -> bool:
        if self.controller.read_only:
            return False
        data = self.controller.data
        person = self.current_person()
        if person is not None:
            order = [p.id for p in data.members(person.delegation_id)]
            new = moved(order, person.id, offset)
            return self._apply(reorder_people(data, person.delegation_id, new))
        delegation = self.current_delegation()
        if delegation is None:
            return False
        new = moved(delegation_order(data), delegation.id, offset)
        return self._apply(reorder_delegations(data, new))

    def _apply_people_order(self, delegation_id: str | None, ids: list[str]) -> None:
        data = self.controller.data
        self._apply(reorder_people(data, delegation_id, ids))

    def _apply_delegation_order(self, ids: list[str]) -> None:
        self._apply(reorder_delegations(self.controller.data, ids))

    def _on_change(self, change: Change) -> None:
        if change.touches("person") or change.touches("delegation") or change.touches("visit"):
            self.refresh()

    def _activated(self, index: QModelIndex) -> None:
        person = self.model.person_at(index)
        if person is not None:
            self.person_activated.emit(person.id)
        else:
            self.edit_delegation()

    def _filter_changed(self, text: str) -> None:
        current = self._current_key()
        self.model.set_filter(text)
        if not self._restore_current(current) and self.model.is_filtered():
            first = self.model.first_shown_person_id()
            if first is not None:
                self._restore_current(("person", first), scroll=False)
        self._update_count()
        self.update_actions()

    def _filter_done(self) -> None:
        self.table.setFocus()

    def _update_count(self) -> None:
        if self.model.is_filtered():
            shown = self.model.shown_count()
            self.count.setText(
                _("People shown: {shown} of {total}").format(
                    shown=shown, total=len(self.controller.data.people)
                )
            )
        else:
            self.count.setText(_("People: {total}").format(total=len(self.controller.data.people)))

    def _current_key(self) -> tuple[str, str] | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        kind = "person" if index.data(RosterModel.KindRole) == "person" else "group"
        return (kind, str(index.data(RosterModel.IdRole)))

    def _restore_current(self, key: tuple[str, str] | None, scroll: bool = True) -> bool:
        if key is None:
            return False
        kind, ident = key
        if kind == "person":
            index = self.model.index_of_person(ident)
        else:
            index = self.model.index_of_group(ident)
        if not index.isValid():
            return False
        self._make_current(index, scroll)
        return True

    def _make_current(self, index: QModelIndex, scroll: bool = True) -> None:
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if scroll:
            self.table.scrollTo(index)

    def _neighbour(self, person: Person) -> tuple[str, str] | None:
        members = [p.id for p in self.controller.data.members(person.delegation_id)]
        at = members.index(person.id)
        rest = members[at + 1 :] or members[:at][-1:]
        if rest:
            return ("person", rest[0])
        return ("group", person.delegation_id or "")

    def _context_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        for action in (
            self.new_person_action,
            self.edit_action,
            self.delete_action,
            None,
            self.move_up_action,
            self.move_down_action,
            None,
            self.new_delegation_action,
            self.edit_delegation_action,
            self.delete_delegation_action,
        ):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(point))

    def update_actions(self) -> None:
        """Enable what can be done now (after the selection or the read-only state changes)."""
        writable = not self.controller.read_only
        index = self.table.currentIndex()
        person = self.model.person_at(index)
        delegation = self.model.delegation_at(index)
        selected = index.isValid()
        if self.model.movable != writable:
            self.model.set_movable(writable)
        self.table.setDragEnabled(writable)
        self.new_person_action.setEnabled(writable)
        self.new_delegation_action.setEnabled(writable)
        self.edit_action.setEnabled(person is not None or delegation is not None)
        self.delete_action.setEnabled(writable and (person is not None or delegation is not None))
        self.edit_delegation_action.setEnabled(delegation is not None)
        self.delete_delegation_action.setEnabled(writable and delegation is not None)
        first = last = True
        data = self.controller.data
        if selected and person is not None:
            order = [p.id for p in self.model.group_members(person.delegation_id or "")]
            first, last = order[0] == person.id, order[-1] == person.id
        elif delegation is not None:
            order = delegation_order(data)
            first, last = order[0] == delegation.id, order[-1] == delegation.id
        self.move_up_action.setEnabled(writable and not first)
        self.move_down_action.setEnabled(writable and not last)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
