"""The person editor: every field of a Person on eight tabs; what is changed is saved as one edit.

Private fields (domain.privacy) carry a padlock badge, a tinted input and a
tooltip saying that they never leave in shareable exports. Nothing is saved
while any field is wrong: the reason shows above the buttons, in words.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.address import AddressBook
from visitplanner.domain.errors import DomainError, VisitPlannerError
from visitplanner.domain.model import Person
from visitplanner.domain.values import Role
from visitplanner.i18n import _
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.common.forms import error_label, make_read_only
from visitplanner.ui.common.privacy_marks import lock_icon
from visitplanner.ui.roster.address_tab import AddressTab
from visitplanner.ui.roster.person_private_tabs import AccreditationTab, NeedsTab
from visitplanner.ui.roster.person_tabs import BiographyTab, ContactsTab, IdentityTab, RoleTab
from visitplanner.ui.roster.travel_inputs import TravelTab
from visitplanner.ui.shell.controller import VisitController

log = logging.getLogger(__name__)


class PersonDialog(EntityEditor[Person]):
    """Create a person (`person` None) or edit one; accept() saves it through the controller."""

    def __init__(
        self,
        controller: VisitController,
        person: Person | None,
        delegation_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.before = person
        self.saved: Person | None = None
        data = controller.data
        visit = data.visit
        self.identity = IdentityTab(self)
        self.role = RoleTab(data, self)
        self.contacts = ContactsTab(self)
        self.needs = NeedsTab(self)
        self.accreditation = AccreditationTab(visit.end_date, self)
        self.travel = TravelTab(visit.tz, visit.start_date, visit.end_date, self)
        self.biography = BiographyTab(self)
        self.address = AddressTab(AddressBook.of(data), self)
        self.address.current = self._current_person
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Parts of the person's record"))
        pages: list[tuple[QWidget, str]] = [
            (self.identity, _("&Identity")),
            (self.role, _("R&ole")),
            (self.contacts, _("&Contacts")),
            (self.needs, _("&Needs")),
            (self.accreditation, _("&Accreditation")),
            (self.travel, _("&Travel")),
            (self.biography, _("&Biography")),
            (self.address, _("For&m of address")),
        ]
        for page, title in pages:
            self.tabs.addTab(page, title)
        self.tabs.setTabIcon(self.tabs.indexOf(self.accreditation), lock_icon())
        self.tabs.setTabToolTip(
            self.tabs.indexOf(self.accreditation),
            _("Private: never in shareable exports"),
        )
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(self)
        layout = QVBoxLayout(self)
        if controller.read_only:
            notice = QLabel(_("This visit is open read-only: nothing can be changed."), self)
            notice.setStyleSheet("font-weight: 600;")
            layout.addWidget(notice)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        if controller.read_only:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
            make_read_only(self.tabs)
            self.identity.photo.set_read_only(True)
        else:
            self.buttons.setStandardButtons(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        #: The input of each field of Person, by the domain's field name.
        self.field_widgets: dict[str, QWidget] = {}
        for page, _title in pages:
            self.field_widgets.update(page.field_widgets)  # type: ignore[attr-defined]
        self._draft = self._new_person(delegation_id)
        shown = person if person is not None else self._draft
        for page, _title in pages:
            page.set_person(shown)  # type: ignore[attr-defined]
        self.remember_loaded()
        if person is None:
            self.setWindowTitle(_("New person"))
        else:
            self.setWindowTitle(_("Person: {name}").format(name=person.formal_name()))
        self.resize(800, 660)
        self.identity.family_name.setFocus()

    def _new_person(self, delegation_id: str | None) -> Person:
        members = self.controller.data.members(delegation_id)
        rank = max((p.rank for p in members), default=0) + 1
        # A placeholder name lets the dataclass be built; the field is shown empty.
        blank = Person(family_name="-", delegation_id=delegation_id, role=Role.MEMBER, rank=rank)
        blank.family_name = ""
        return blank

    def _pages(self) -> tuple[Any, ...]:
        return (
            self.identity,
            self.role,
            self.contacts,
            self.needs,
            self.accreditation,
            self.travel,
            self.biography,
            self.address,
        )

    def shown_fields(self) -> dict[str, Any]:
        """Every field the tabs show, as typed; DomainError (on its tab) when one is wrong."""
        values: dict[str, Any] = {}
        for page in self._pages():
            try:
                values.update(page.values())
            except DomainError:
                self.tabs.setCurrentWidget(page)
                raise
        return values

    def loaded_fields(self) -> dict[str, Any]:
        """The fields as loaded, tab by tab: a tab that cannot give them is left out."""
        values: dict[str, Any] = {}
        for page in self._pages():
            try:
                values.update(page.values())
            except DomainError:
                continue
        return values

    def _current_person(self) -> Person | None:
        """The person as the tabs show it now (a tab that cannot be read yet left as it
        was), for the proposals of the Form of address tab; None if it cannot be made."""
        try:
            return dataclasses.replace(self.before or self._draft, **self.loaded_fields())
        except (DomainError, VisitPlannerError):
            return None

    def draft(self) -> Person:
        """A new person starts from a blank of the delegation, ranked last."""
        return self._draft

    def person_from_fields(self) -> Person:
        """The person to save: as loaded with what was changed (a new one: as typed)."""
        return self.build_entity()

    def edit_label(self, new: Person) -> str:
        """What the edit is called on the undo stack."""
        return (_("Add {name}") if self.before is None else _("Edit {name}")).format(
            name=new.formal_name()
        )

    def failure(self) -> str:
        """The message when the edit could not be made."""
        return _("The person could not be saved: {reason}")


def edit_person(
    controller: VisitController,
    person_id: str | None,
    parent: QWidget | None = None,
    delegation_id: str | None = None,
) -> Person | None:
    """Edit a person (a new one when `person_id` is None), modally; the person saved, or None."""
    person = controller.data.person(person_id) if person_id else None
    dialog = PersonDialog(controller, person, delegation_id, parent)
    dialog.exec()
    return dialog.saved
