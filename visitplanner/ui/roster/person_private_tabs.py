"""The person editor's tabs that hold private fields: needs and accreditation.

Each private input is marked with privacy_marks (padlock badge, tint, tooltip);
which fields are private comes from domain.privacy, and a test holds the two
in step.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.model import Accreditation, Person
from visitplanner.domain.values import LANGUAGES, Need
from visitplanner.i18n import _
from visitplanner.ui.common.date_inputs import OptionalDateEdit, with_clear_button
from visitplanner.ui.common.forms import add_row, fill_combo, select_data
from visitplanner.ui.common.privacy_marks import PrivateBadge, lock_pixmap, mark_private, with_badge
from visitplanner.ui.common.text_inputs import LocalizedTextArea


def _private_text(name: str, parent: QWidget) -> LocalizedTextArea:
    """A private detail in French, Ukrainian and English (each printed in the book of its
    language), each language's input tinted as private."""
    area = LocalizedTextArea(name, parent, lines=2, grow=False)
    for lang in LANGUAGES:
        mark_private(area.editor(lang))
    return area


class NeedsTab(QWidget):
    """Dietary and step-free needs, each unknown, none or given, with a private detail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dietary = QComboBox(self)
        fill_combo(
            self.dietary,
            [
                (_("not known yet"), Need.UNKNOWN.value),
                (_("none"), Need.NONE.value),
                (_("yes (see the detail)"), Need.GIVEN.value),
            ],
        )
        self.dietary_detail = _private_text(_("Dietary detail"), self)
        self.step_free = QComboBox(self)
        fill_combo(
            self.step_free,
            [
                (_("not known yet"), Need.UNKNOWN.value),
                (_("not needed"), Need.NONE.value),
                (_("needed (wheelchair, no stairs)"), Need.GIVEN.value),
            ],
        )
        self.accessibility_detail = _private_text(_("Accessibility detail"), self)
        form = QFormLayout()
        add_row(form, _("&Dietary needs:"), self.dietary)
        add_row(
            form,
            _("Dietary detail:"),
            with_badge(self.dietary_detail, self),
            self.dietary_detail.first_editor(),
        )
        add_row(form, _("&Step-free access:"), self.step_free)
        add_row(
            form,
            _("Accessibility detail:"),
            with_badge(self.accessibility_detail, self),
            self.accessibility_detail.first_editor(),
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.field_widgets: dict[str, QWidget] = {
            "dietary": self.dietary,
            "dietary_detail": self.dietary_detail,
            "step_free": self.step_free,
            "accessibility_detail": self.accessibility_detail,
        }

    def set_person(self, person: Person) -> None:
        """Show `person`."""
        select_data(self.dietary, person.dietary.value)
        self.dietary_detail.set_value(person.dietary_detail)
        select_data(self.step_free, person.step_free.value)
        self.accessibility_detail.set_value(person.accessibility_detail)

    def values(self) -> dict[str, Any]:
        """The needs chosen."""
        return {
            "dietary": Need(self.dietary.currentData()),
            "dietary_detail": self.dietary_detail.value(),
            "step_free": Need(self.step_free.currentData()),
            "accessibility_detail": self.accessibility_detail.value(),
        }


class AccreditationTab(QWidget):
    """What security services ask for: every field of it is private."""

    def __init__(self, visit_end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._visit_end = visit_end
        banner = QHBoxLayout()
        lock = QLabel(self)
        lock.setPixmap(lock_pixmap(20))
        words = QLabel(
            _(
                "Everything on this tab is private: it is for the security services "
                "and never leaves in shareable exports."
            ),
            self,
        )
        words.setWordWrap(True)
        banner.addWidget(lock)
        banner.addWidget(words, 1)
        banner.addWidget(PrivateBadge(self))
        self.passport_name = QLineEdit(self)
        self.birth_date = OptionalDateEdit(self, start_from=date(1980, 1, 1))
        self.nationality = QLineEdit(self)
        self.nationality.setPlaceholderText(_("e.g. UKR"))
        self.passport_number = QLineEdit(self)
        self.passport_expiry = OptionalDateEdit(self, start_from=visit_end)
        self.expiry_warning = QLabel(self)
        self.expiry_warning.setStyleSheet("color: #8a5a00;")
        self.expiry_warning.hide()
        inputs = (
            self.passport_name,
            self.birth_date,
            self.nationality,
            self.passport_number,
            self.passport_expiry,
        )
        for widget in inputs:
            mark_private(widget)
        mark_private(self, tint=False)
        form = QFormLayout()
        add_row(form, _("Name in the &passport:"), self.passport_name)
        add_row(
            form,
            _("Birth date:"),
            with_clear_button(self.birth_date, _("the birth date")),
            self.birth_date,
        )
        add_row(form, _("Nationality:"), self.nationality)
        add_row(form, _("Passport number:"), self.passport_number)
        add_row(
            form,
            _("Passport expiry:"),
            with_clear_button(self.passport_expiry, _("the passport's expiry date")),
            self.passport_expiry,
        )
        form.addRow(self.expiry_warning)
        layout = QVBoxLayout(self)
        layout.addLayout(banner)
        layout.addLayout(form)
        layout.addStretch(1)
        self.passport_expiry.dateChanged.connect(self._check_expiry)
        self.field_widgets: dict[str, QWidget] = {"accreditation": self}

    def _check_expiry(self) -> None:
        expiry = self.passport_expiry.value()
        late = expiry is not None and expiry < self._visit_end
        self.expiry_warning.setText(_("The passport expires before the visit ends."))
        self.expiry_warning.setVisible(late)

    def set_person(self, person: Person) -> None:
        """Show `person`."""
        accreditation = person.accreditation
        self.passport_name.setText(accreditation.passport_name)
        self.birth_date.set_value(accreditation.birth_date)
        self.nationality.setText(accreditation.nationality)
        self.passport_number.setText(accreditation.passport_number)
        self.passport_expiry.set_value(accreditation.passport_expiry)
        self._check_expiry()

    def values(self) -> dict[str, Any]:
        """The accreditation typed."""
        born = self.birth_date.value()
        if born is not None and born > date.today():
            raise DomainError(_("The birth date is in the future."))
        return {
            "accreditation": Accreditation(
                passport_name=self.passport_name.text().strip(),
                birth_date=born,
                nationality=self.nationality.text().strip().upper(),
                passport_number=self.passport_number.text().strip(),
                passport_expiry=self.passport_expiry.value(),
            )
        }
