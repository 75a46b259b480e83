"""The Gifts page: every gift of the visit in a sortable table, filtered in either script.

`GiftDialog` edits one gift: its description in each language, the giver and the
recipient (a person of the visit, or a name typed for an institution), the event, its
status, and what is internal (marked private): the estimated value and currency, who
bought or keeps it, its declaration and notes. `ThresholdDialog` sets the visit's
declaration threshold. Every edit is one undoable operation through the controller.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import DomainError
from visitplanner.domain.gifts import Gift, GiftStatus, party, valid_currency
from visitplanner.domain.labels import label
from visitplanner.domain.model import Event, Person
from visitplanner.i18n import N_, _, current_language, format_time
from visitplanner.services.gifts import threshold_operation
from visitplanner.ui.common.actions import describe, screen_action
from visitplanner.ui.common.date_inputs import OptionalDateEdit, with_clear_button
from visitplanner.ui.common.edits import EntityEditor, apply_or_reason
from visitplanner.ui.common.entity_list import EntityListView
from visitplanner.ui.common.forms import (
    add_row,
    error_label,
    fill_combo,
    make_read_only,
    select_data,
    show_error,
)
from visitplanner.ui.common.models import Column
from visitplanner.ui.common.privacy_marks import mark_private
from visitplanner.ui.common.text_inputs import LocalizedLineEdit
from visitplanner.ui.common.time_input import ClockEdit
from visitplanner.ui.shell.controller import VisitController

__all__ = ["GiftDialog", "GiftsView", "ThresholdDialog"]

#: The largest value a gift or the threshold may be given (whole units).
_MOST = 100_000_000


def _event_text(event: Event, main: str) -> str:
    title = event.title.get(current_language(), main)
    return f"{event.start:%d/%m} {format_time(event.start)} {title}"


def _person_combo(parent: QWidget, people: list[Person], editable: bool) -> QComboBox:
    """A list of the visit's people (first: none), or a name typed when `editable`."""
    combo = QComboBox(parent)
    combo.setEditable(editable)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    fill_combo(
        combo,
        [("", "")] + [(p.formal_name(), p.id) for p in sorted(people, key=Person.formal_name)],
    )
    return combo


def _chosen(combo: QComboBox, known: set[str]) -> tuple[str | None, str]:
    """A person's id (and no name), or no id and the name typed."""
    typed = combo.currentText().strip()
    chosen = combo.currentData() or ""
    if chosen in known and typed == combo.itemText(combo.currentIndex()):
        return chosen, ""
    return None, typed


def _show_party(combo: QComboBox, person_id: str | None, name: str) -> None:
    if person_id:
        select_data(combo, person_id)
    else:
        combo.setCurrentIndex(0)
        combo.setEditText(name)


class GiftDialog(EntityEditor[Gift]):
    """Create a gift (`gift` None) or edit one; accept() saves it."""

    def __init__(
        self, controller: VisitController, gift: Gift | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.before = gift
        self.saved: Gift | None = None
        data = controller.data
        main = data.visit.main_language
        self._people = {p.id for p in data.people}
        self.description = LocalizedLineEdit(_("Description"), self)
        self.giver = _person_combo(self, data.people, editable=True)
        self.giver.setToolTip(_("Choose a person of the visit, or type an institution's name."))
        self.recipient = _person_combo(self, data.people, editable=True)
        self.recipient.setToolTip(self.giver.toolTip())
        self.occasion = QComboBox(self)
        events = sorted(data.events, key=lambda e: e.start)
        fill_combo(self.occasion, [("", "")] + [(_event_text(e, main), e.id) for e in events])
        self.at = ClockEdit(self)
        self.at.setToolTip(
            _("When it is handed over: the event's running order shows it then (empty: last)")
        )
        self.status = QComboBox(self)
        fill_combo(self.status, [(label(s), s.value) for s in GiftStatus])
        self.value = QSpinBox(self)
        self.value.setRange(-1, _MOST)
        self.value.setSpecialValueText(_("not estimated"))
        self.currency = QLineEdit(self)
        self.currency.setMaxLength(3)
        self.currency.setPlaceholderText(data.visit.gift_currency)
        self.keeper = _person_combo(self, data.people, editable=False)
        self.declared = QCheckBox(_("Declared by the recipient"), self)
        self.declared_on = OptionalDateEdit(self, start_from=data.visit.end_date)
        declared_row = with_clear_button(self.declared_on, _("date of declaration"))
        self.declared.toggled.connect(self._declared_toggled)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        #: Each field's input, by the field's name.
        self.field_widgets: dict[str, QWidget] = {
            "description": self.description,
            "giver_id": self.giver,
            "recipient_id": self.recipient,
            "event_id": self.occasion,
            "at": self.at,
            "status": self.status,
            "value": self.value,
            "currency": self.currency,
            "keeper_id": self.keeper,
            "declared": self.declared,
            "declared_on": self.declared_on,
            "notes": self.notes,
        }
        for name in ("value", "currency", "keeper_id", "declared", "declared_on", "notes"):
            mark_private(self.field_widgets[name])
        form = QFormLayout()
        add_row(form, _("Descri&ption:"), self.description, self.description.first_editor())
        add_row(form, _("&Giver:"), self.giver)
        add_row(form, _("&Recipient:"), self.recipient)
        add_row(form, _("E&vent:"), self.occasion)
        add_row(form, _("Handed &over at:"), self.at)
        add_row(form, _("S&tatus:"), self.status)
        add_row(form, _("Estimated v&alue:"), self.value)
        add_row(form, _("&Currency:"), self.currency)
        add_row(form, _("&Bought or kept by:"), self.keeper)
        add_row(form, _("Declaration:"), self.declared)
        add_row(form, _("Date of &declaration:"), declared_row, self.declared_on)
        add_row(form, _("&Notes:"), self.notes)
        self.lay_out(form)
        if gift is not None:
            self.description.set_value(gift.description)
            _show_party(self.giver, gift.giver_id, gift.giver_name)
            _show_party(self.recipient, gift.recipient_id, gift.recipient_name)
            select_data(self.occasion, gift.event_id or "")
            if gift.at is not None:
                event = next((e for e in data.events if e.id == gift.event_id), None)
                shown = gift.at.astimezone(ZoneInfo(event.tz)) if event is not None else gift.at
                self.at.setTime(QTime(shown.hour, shown.minute))
            select_data(self.status, gift.status.value)
            self.value.setValue(-1 if gift.value is None else gift.value)
            self.currency.setText(gift.currency)
            select_data(self.keeper, gift.keeper_id or "")
            self.declared.setChecked(gift.declared)
            self.declared_on.set_value(gift.declared_on)
            what = gift.description.get(current_language(), main) or _("gift")
            self.setWindowTitle(_("Gift: {description}").format(description=what))
        else:
            self.value.setValue(-1)
            self.setWindowTitle(_("New gift"))
        self._declared_toggled(self.declared.isChecked())
        if controller.read_only:
            make_read_only(self)
        self.remember_loaded()
        self.resize(560, 520)

    def _declared_toggled(self, on: bool) -> None:
        self.declared_on.setEnabled(on)

    def shown_fields(self) -> dict[str, Any]:
        """The fields the dialog shows, as typed; DomainError when one is wrong."""
        currency = self.currency.text().strip().upper()
        if not valid_currency(currency):
            raise DomainError(_("A currency is three letters (EUR, UAH, USD)."))
        giver_id, giver_name = _chosen(self.giver, self._people)
        recipient_id, recipient_name = _chosen(self.recipient, self._people)
        declared = self.declared.isChecked()
        value = self.value.value()
        return {
            "description": self.description.value(),
            "giver_id": giver_id,
            "giver_name": giver_name,
            "recipient_id": recipient_id,
            "recipient_name": recipient_name,
            "event_id": self.occasion.currentData() or None,
            "status": GiftStatus(self.status.currentData()),
            "value": None if value < 0 else value,
            "currency": currency,
            "keeper_id": self.keeper.currentData() or None,
            "declared": declared,
            "declared_on": self.declared_on.value() if declared else None,
            "notes": self.notes.toPlainText().strip(),
            "at": self._handed_at(self.occasion.currentData() or None),
        }

    def _handed_at(self, event_id: str | None) -> datetime | None:
        """The time typed, on the event's day in its zone (None when empty); a time
        without an event, or one that is no time, is refused."""
        if not self.at.text().strip():
            return None
        event = next((e for e in self.controller.data.events if e.id == event_id), None)
        if event is None:
            raise DomainError(_("A gift's time is a time of its event: choose the event."))
        clock = self.at.clock()
        home = ZoneInfo(event.tz)
        start, end = event.start.astimezone(home), event.end.astimezone(home)
        day = end.date() if clock < start.time() and end.date() > start.date() else start.date()
        return datetime.combine(day, clock, tzinfo=home)

    def draft(self) -> Gift:
        """A new gift starts planned, with nothing else known."""
        return Gift()

    def edit_label(self, new: Gift) -> str:
        """What the edit is called on the undo stack."""
        return _("Add a gift") if self.before is None else _("Edit the gift")

    def failure(self) -> str:
        """The message when the edit could not be made."""
        return _("The gift could not be saved: {reason}")


class ThresholdDialog(QDialog):
    """The value above which a host official declares a gift received: one undoable edit."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        visit = controller.data.visit
        self.setWindowTitle(_("Gift declaration threshold"))
        self.threshold = QSpinBox(self)
        self.threshold.setRange(-1, _MOST)
        self.threshold.setSpecialValueText(_("none"))
        self.threshold.setValue(-1 if visit.gift_threshold is None else visit.gift_threshold)
        self.currency = QLineEdit(visit.gift_currency, self)
        self.currency.setMaxLength(3)
        for widget in (self.threshold, self.currency):
            mark_private(widget)
        form = QFormLayout()
        add_row(form, _("&Threshold:"), self.threshold)
        add_row(form, _("&Currency:"), self.currency)
        self.error = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if controller.read_only:
            make_read_only(self)

    def accept(self) -> None:
        """Save the threshold as one undoable edit (nothing when unchanged)."""
        currency = self.currency.text().strip().upper()
        if len(currency) != 3 or not valid_currency(currency):
            show_error(self.error, _("A currency is three letters (EUR, UAH, USD)."))
            return
        value = self.threshold.value()
        operation = threshold_operation(
            self.controller.data, None if value < 0 else value, currency
        )
        if operation is not None and not self.controller.read_only:
            reason = apply_or_reason(self.controller, operation, self)
            if reason is not None:
                show_error(self.error, reason)
                return
        super().accept()


class GiftsView(EntityListView[Gift]):
    """The gifts register: New (Ins), Edit (Enter), Delete (Del), filtered in either script."""

    kind = "gift"

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        #: The visit's events and people by id, made again when the rows are.
        self._events: dict[str, Event] = {}
        self._people: dict[str, Person] = {}
        super().__init__(controller, self._columns(), sortable=True, filterable=True, parent=parent)
        self.retranslate()
        self.fit_columns()

    def _columns(self) -> list[Column[Gift]]:
        def main() -> str:
            return str(self.controller.data.visit.main_language)

        def when(gift: Gift) -> str:
            event = self._events.get(gift.event_id or "")
            return "" if event is None else f"{event.start:%d/%m} {format_time(event.start)}"

        def when_key(gift: Gift) -> str:
            event = self._events.get(gift.event_id or "")
            return "\uffff" if event is None else event.start.astimezone(UTC).isoformat()

        def event_title(gift: Gift) -> str:
            event = self._events.get(gift.event_id or "")
            return "" if event is None else event.title.get(current_language(), main())

        def value(gift: Gift) -> str:
            if gift.value is None:
                return ""
            return f"{gift.value} {gift.currency_in(self.controller.data.visit.gift_currency)}"

        def declared(gift: Gift) -> str:
            if not gift.declared:
                return ""
            day = gift.declared_on
            return _("yes") if day is None else f"{day:%d/%m/%Y}"

        return [
            Column(N_("When"), when, when_key),
            Column(N_("Event"), event_title),
            Column(N_("Giver"), lambda g: party(g.giver_id, g.giver_name, self._people)),
            Column(
                N_("Recipient"), lambda g: party(g.recipient_id, g.recipient_name, self._people)
            ),
            Column(N_("Gift"), lambda g: g.description.get(current_language(), main())),
            Column(N_("Status"), lambda g: label(g.status)),
            Column(N_("Value"), value, lambda g: -1 if g.value is None else g.value),
            Column(N_("Declared"), declared),
        ]

    def extra_actions(self) -> list[QAction]:
        """The declaration threshold (a setting of the visit)."""
        self.threshold_action = screen_action(self, self.edit_threshold)
        return [self.threshold_action]

    def edit_threshold(self) -> QDialog:
        """Open the threshold's dialog."""
        dialog = ThresholdDialog(self.controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def select_gift(self, gift_id: str) -> bool:
        """Select a gift; False if unknown."""
        return self.select(gift_id)

    def rows(self) -> list[Gift]:
        """Every gift, as made."""
        data = self.controller.data
        self._events = {e.id: e for e in data.events}
        self._people = {p.id: p for p in data.people}
        return list(data.gifts)

    def search_text(self, item: Gift) -> str:
        """The description in every language, the giver's and recipient's names in both
        scripts, the event's title."""
        parts = [*item.description.to_dict().values(), item.giver_name, item.recipient_name]
        for ident in (item.giver_id, item.recipient_id):
            person = self._people.get(ident or "")
            if person is not None:
                parts += [person.latin_name(), person.native_name()]
        event = self._events.get(item.event_id or "")
        if event is not None:
            parts += event.title.to_dict().values()
        return " ".join(parts)

    def make_dialog(self, item: Gift | None) -> QDialog:
        """The gift editor."""
        return GiftDialog(self.controller, item, self)

    def delete_title(self) -> str:
        """The confirmation's title."""
        return _("Delete a gift")

    def delete_question(self, item: Gift) -> str:
        """Name the gift."""
        return _("Delete the gift “{description}”? Edit > Undo brings it back.").format(
            description=self._name(item)
        )

    def delete_label(self, item: Gift) -> str:
        """How Edit > Undo names the deletion."""
        return _("Delete the gift “{description}”").format(description=self._name(item))

    def _name(self, item: Gift) -> str:
        main = self.controller.data.visit.main_language
        return item.description.get(current_language(), main) or _("gift")

    def _also_touches(self, change: Any) -> bool:
        """People and events name the gifts' givers, recipients and events."""
        return bool(change.touches("person") or change.touches("event"))

    def retranslate(self) -> None:
        """Every text in the current language."""
        if self.filter is not None and self.filter_label is not None:
            self.filter_label.setText(_("&Filter:"))
            self.filter.setPlaceholderText(_("Gift, giver, recipient or event"))
            self.filter.setAccessibleName(_("Filter the gifts"))
        self.table.setAccessibleName(_("Gifts"))
        describe(self.new_action, _("&New gift…"))
        describe(self.edit_action, _("&Edit…"), _("Edit the gift selected"))
        describe(self.delete_action, _("De&lete…"), _("Delete the gift selected"))
        describe(
            self.threshold_action,
            _("Declaration &threshold…"),
            _("The value above which a host official declares a gift received"),
        )
        super().retranslate()
