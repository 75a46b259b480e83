"""The delegation editor: name in three languages, side, country, head (one of its members)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.labels import label
from visitplanner.domain.model import Delegation
from visitplanner.domain.values import LocalizedText, Side
from visitplanner.i18n import _, current_language
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.common.forms import (
    add_row,
    fill_combo,
    make_read_only,
    select_data,
)
from visitplanner.ui.common.text_inputs import LocalizedLineEdit
from visitplanner.ui.shell.controller import VisitController


class DelegationDialog(EntityEditor[Delegation]):
    """Create a delegation (`delegation` None) or edit one; accept() saves it."""

    def __init__(
        self,
        controller: VisitController,
        delegation: Delegation | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.before = delegation
        self.saved: Delegation | None = None
        data = controller.data
        self.name = LocalizedLineEdit(_("Name"), self)
        self.side = QComboBox(self)
        fill_combo(self.side, [(label(s), s.value) for s in Side])
        self.country = QLineEdit(self)
        self.country.setPlaceholderText(_("e.g. UA, FR"))
        self.head = QComboBox(self)
        members = data.members(delegation.id) if delegation else []
        if delegation is not None and delegation.head_id not in {None, *(p.id for p in members)}:
            # A head who is not (or no longer) a member stays offered, not dropped on save.
            members += [p for p in data.people if p.id == delegation.head_id]
        fill_combo(
            self.head, [(_("(no head yet)"), "")] + [(p.formal_name(), p.id) for p in members]
        )
        if not members:
            self.head.setToolTip(_("Add people to the delegation first, then choose its head."))
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 4 + 12)
        form = QFormLayout()
        add_row(form, _("&Name:"), self.name, self.name.first_editor())
        add_row(form, _("&Side:"), self.side)
        add_row(form, _("&Country:"), self.country)
        add_row(form, _("&Head of delegation:"), self.head)
        add_row(form, _("Notes:"), self.notes)
        self.lay_out(form)
        if delegation is not None:
            self.name.set_value(delegation.name)
            select_data(self.side, delegation.side.value)
            self.country.setText(delegation.country)
            select_data(self.head, delegation.head_id or "")
            self.notes.setPlainText(delegation.notes)
            shown = delegation.name.get(current_language(), data.visit.main_language)
            self.setWindowTitle(_("Delegation: {name}").format(name=shown))
        else:
            self.setWindowTitle(_("New delegation"))
        if controller.read_only:
            make_read_only(self)
        self.remember_loaded()
        self.resize(520, 360)

    def shown_fields(self) -> dict[str, Any]:
        """The fields the dialog shows, as typed; DomainError when the name is missing."""
        name = self.name.value()
        if not name:
            raise DomainError(_("Give the delegation a name in at least one language."))
        return {
            "name": name,
            "side": Side(self.side.currentData()),
            "country": self.country.text().strip().upper(),
            "head_id": self.head.currentData() or None,
            "notes": self.notes.toPlainText().strip(),
        }

    def draft(self) -> Delegation:
        """A new delegation comes after the others."""
        positions = [d.position for d in self.controller.data.delegations]
        return Delegation(name=LocalizedText(), position=max(positions, default=-1) + 1)

    def delegation_from_fields(self) -> Delegation:
        """The delegation to save: as loaded with what was changed (a new one: as typed)."""
        return self.build_entity()

    def edit_label(self, new: Delegation) -> str:
        """What the edit is called on the undo stack."""
        return _("Add a delegation") if self.before is None else _("Edit the delegation")

    def failure(self) -> str:
        """The message when the edit could not be made."""
        return _("The delegation could not be saved: {reason}")
