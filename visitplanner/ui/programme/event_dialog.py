"""The event editor, and the programme's other event edits: duplicate, cancel, delete.

The dialog shows an event's fields on tabs and saves, as one undoable edit
(SaveEntity through the controller), the event as loaded with only what the
officer changed: its seating plan, wreaths, placement, order of precedence,
imported UID and each running-order line's kind and people stay as they were.
OK without a change saves nothing. When the domain refuses a value (an end
before the start, an unknown zone), it stays open and says why; nothing is saved.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.flags import proposed_flags
from visitplanner.domain.model import Event, Interpretation, VisitData
from visitplanner.domain.values import (
    LANGUAGES,
    EventStatus,
    LocalizedText,
    PressAccess,
    instant,
    zone_name,
)
from visitplanner.i18n import _, current_language, gettext_in, ngettext
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.services import ceremony as ceremony_service
from visitplanner.ui.common.edits import EntityEditor
from visitplanner.ui.common.flags_panel import FlagsPanel
from visitplanner.ui.common.text_inputs import LocalizedTextArea
from visitplanner.ui.common.widgets import CheckItem, CheckList, labelled
from visitplanner.ui.programme.event_dialog_parts import (
    DetailsPage,
    GeneralPage,
    InterpretationPage,
)
from visitplanner.ui.programme.participants_picker import ParticipantsPicker
from visitplanner.ui.programme.running_order_dialog import RunningOrderTab, gift_texts
from visitplanner.ui.programme.running_order_model import items_from, lines_from
from visitplanner.ui.shell.controller import VisitController

log = logging.getLogger(__name__)

#: A new event starts at this time on the visit's first day, and lasts an hour.
NEW_EVENT_START: Final = time(10, 0)


class _Invalid(VisitPlannerError):
    """A field the user must correct; `widget` is where to put the cursor."""

    def __init__(self, message: str, widget: QWidget | None = None) -> None:
        super().__init__(message)
        self.widget = widget


def event_title(event: Event, data: VisitData) -> str:
    """An event's title in the interface language (the visit's main one as fallback)."""
    return event.title.get(current_language(), data.visit.main_language) or _("(untitled)")


def new_event(data: VisitData, start: datetime | None = None) -> Event:
    """A draft event on the visit's first day, 10:00–11:00 in the visit's zone."""
    home = ZoneInfo(data.visit.tz)
    if start is None:
        start = datetime.combine(data.visit.start_date, NEW_EVENT_START, tzinfo=home)
    return Event(title=LocalizedText(), start=start, end=start + timedelta(hours=1))


def _now() -> datetime:
    return datetime.now(UTC).astimezone(ZoneInfo("UTC")).replace(microsecond=0)


class EventDialog(EntityEditor[Event]):
    """Create or edit one event: its fields on tabs, the changes saved as one undoable edit.

    `event` None makes a new event (a draft on the visit's first day at 10:00,
    or at `start`). After `exec()` returns Accepted, `saved` is the event saved.
    """

    def __init__(
        self,
        controller: VisitController,
        event: Event | None,
        parent: QWidget | None = None,
        *,
        start: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.before = copy.deepcopy(event)
        self.saved: Event | None = None
        data = controller.data
        self._draft = new_event(data, start)
        shown = event if event is not None else self._draft
        self.setWindowTitle(
            _("New event")
            if event is None
            else _("Event: {title}").format(title=event_title(event, data))
        )
        self.general = GeneralPage(data, self)
        self.details = DetailsPage(data, self)
        self.participants = ParticipantsPicker(data, self)
        self.vehicles = CheckList(_("Vehicles"), self)
        main, lang = data.visit.main_language, current_language()
        labels = {v.id: v.label.get(lang, main) for v in data.vehicles}
        self.vehicles.model.set_items(
            [
                CheckItem(
                    v.id, _vehicle_text(v.convoy_position, labels[v.id], v.plate), v.driver_name
                )
                for v in sorted(data.vehicles, key=lambda v: (v.convoy_position, labels[v.id]))
            ]
        )
        self.interpretation = InterpretationPage(data, self)
        self.running_order = RunningOrderTab(data.visit.main_language, self._title_typed, self)
        self.template = self.running_order.extra_button(
            _("From the &template"),
            _("Fill the running order from the commemoration template and the participants"),
        )
        self.template.clicked.connect(self.fill_from_template)
        self.flags = FlagsPanel(self)
        self.flags.honour.hide()  # the visit's setting: on the Ceremony page
        self.flags.flags_wanted.connect(self._flags_wanted)
        self._flags: list[str] = []
        # Printed on the event's sheet in each book's language: a version per language.
        self.notes = LocalizedTextArea(_("Notes"), self, lines=4)
        notes_page = QWidget(self)
        notes_layout = QVBoxLayout(notes_page)
        notes_layout.addWidget(
            labelled(_("&Notes (for the organisers):"), self.notes.first_editor(), self)
        )
        notes_layout.addWidget(self.notes)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(_("Event fields"))
        for page, title in (
            (self.general, _("&General")),
            (self.details, _("Detai&ls")),
            (self.participants, _("&Participants")),
            (self.vehicles, _("Ve&hicles")),
            (self.interpretation, _("&Interpretation")),
            (self.running_order, _("&Running order")),
            (self.flags, _("&Flags")),
            (notes_page, _("N&otes")),
        ):
            self.tabs.addTab(page, title)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #D00000; font-weight: bold;")
        self.error.setAccessibleName(_("Error"))
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        if controller.read_only:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.show_error(_("This visit is open read-only; it cannot be changed."))
        # The chain is a ring: after Cancel comes the tab bar, then the page's first field.
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        QWidget.setTabOrder(cancel, self.tabs.tabBar())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.participants.model.checked_changed.connect(self._count_participants)
        self.general.start.time.timeChanged.connect(
            lambda value: self.running_order.set_default_time(time(value.hour(), value.minute()))
        )
        self._load(shown)
        self.remember_loaded()
        self.resize(760, 640)
        self.general.title.setFocus()

    def _load(self, event: Event) -> None:
        self.general.load(event, self.controller.data.visit.tz)
        self.details.load(event)
        self.participants.set_selected(event.participant_ids)
        self.vehicles.model.set_checked(event.vehicle_ids)
        self.interpretation.load(event.interpretation)
        zone = ZoneInfo(event.tz)
        self.running_order.model.set_lines(
            lines_from(event.running_order, zone, event.start.date())
        )
        self.running_order.set_default_time(event.start.time().replace(tzinfo=None))
        self.running_order.set_gifts(gift_texts(self.controller.data, event))
        self._flags_wanted(list(event.flags))
        self.notes.set_value(event.notes)
        self._count_participants()

    def _title_typed(self) -> str:
        typed = self.general.title.value()
        main = self.controller.data.visit.main_language
        return typed.get(current_language(), main) or _("(untitled)")

    def fill_from_template(self) -> None:
        """Fill the running order from the commemoration template, as the tabs show the
        event now; lines already there are replaced only if the officer says so. Nothing
        is saved before OK, and the save is one edit that Undo takes back."""
        try:
            event = self.build_event()
        except VisitPlannerError as exc:
            self.show_problem(exc)
            return
        if self.running_order.model.lines() and not self.ask_replace_running_order():
            return
        lines = ceremony_service.template_running_order(self.controller.data, event)
        zone = ZoneInfo(event.tz)
        self.running_order.model.set_lines(lines_from(lines, zone, event.start.date()))

    def ask_replace_running_order(self) -> bool:
        """Replace or Keep: whether the template may replace the lines already written."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Replace the running order?"),
            ngettext(
                "This event already has a running order of {count} line.",
                "This event already has a running order of {count} lines.",
                len(self.running_order.model.lines()),
            ).format(count=len(self.running_order.model.lines())),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setInformativeText(
            _(
                "Replace puts the template's lines in their place (once saved, Undo "
                "brings the old ones back); Keep leaves them as written."
            )
        )
        replace_button = box.addButton(_("&Replace"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(_("&Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is replace_button

    def _count_participants(self) -> None:
        count = len(self.participants.model.checked_ids())
        index = self.tabs.indexOf(self.participants)
        self.tabs.setTabText(index, _("&Participants ({count})").format(count=count))

    def show_error(self, message: str) -> None:
        """Say what is wrong, under the tabs."""
        self.error.setText(message)
        self.error.setAccessibleDescription(message)
        self.error.show()

    def shown_fields(self) -> dict[str, Any]:
        """The event's fields the tabs show, as typed; _Invalid (a VisitPlannerError)
        when one is wrong."""
        general = self.general
        title = general.title.value()
        if not title:
            raise _Invalid(_("Give the event a title, in at least one language."), general.title)
        try:
            start, end = general.times()
        except VisitPlannerError as exc:
            raise _Invalid(exc.message, general.start_zone) from exc
        if instant(end) < instant(start):
            raise _Invalid(
                _("The event ends before it starts: check the end date and time."),
                general.end.date,
            )
        try:
            venue_id = general.venue.current_id()
            destination_id = general.destination.current_id() if general.is_journey() else None
        except VisitPlannerError as exc:
            raise _Invalid(exc.message, general.venue) from exc
        try:
            responsible_id = self.details.responsible.current_id()
        except VisitPlannerError as exc:
            raise _Invalid(exc.message, self.details.responsible) from exc
        before = self.before
        previous = before.interpretation if before is not None else Interpretation()
        try:
            interpretation = self.interpretation.value(previous)
        except VisitPlannerError as exc:
            raise _Invalid(exc.message, self.interpretation.other) from exc
        vehicles = self.vehicles.model.checked_ids()
        kept_vehicles = [v for v in (before.vehicle_ids if before else []) if v in vehicles]
        running = items_from(
            self.running_order.model.lines(),
            ZoneInfo(zone_name(start)),
            start.date(),
            before.running_order if before is not None else (),
        )
        return {
            "title": title,
            "start": start,
            "end": end,
            "kind": general.current_kind(),
            "status": EventStatus(general.status.currentData()),
            "venue_id": venue_id,
            "destination_id": destination_id,
            "participant_ids": self.participants.selected_ids(),
            "vehicle_ids": kept_vehicles + [v for v in vehicles if v not in kept_vehicles],
            "press": PressAccess(self.details.press.currentData()),
            "dress_code": self.details.dress_code.value(),
            "purpose": self.details.purpose.value(),
            "interpretation": interpretation,
            "responsible_id": responsible_id,
            "notes": self.notes.value(),
            "running_order": running,
            "flags": tuple(self._flags),
        }

    def _flags_wanted(self, flags: list[str]) -> None:
        """The flags as the officer orders them here (the proposal's order, or none: as
        proposed), saved with the event; a ceremony's and a meal's are printed."""
        data = self.controller.data
        proposed = list(proposed_flags(data))
        self._flags = [] if flags == proposed else list(flags)
        self.flags.set_flags(self._flags or proposed, bool(self._flags), data.visit.flag_honour)

    def build_event(self) -> Event:
        """The event to save: as loaded, with what the officer changed (a new one: as typed)."""
        return self.build_entity()

    def draft(self) -> Event:
        """A new event starts from a draft on the visit's first day."""
        return self._draft

    def finish(self, new: Event) -> Event:
        """An event that changed is stamped with the time of the change."""
        return replace(new, modified=_now())

    def edit_label(self, new: Event) -> str:
        """What the edit is called on the undo stack."""
        title = event_title(new, self.controller.data)
        if self.before is None:
            return _("Add event “{title}”").format(title=title)
        return _("Edit event “{title}”").format(title=title)

    def failure(self) -> str:
        """The message when the edit could not be made: the reason alone."""
        return "{reason}"

    def show_problem(self, exc: VisitPlannerError) -> None:
        """Say what is wrong, on the tab of the field to correct, with the cursor there."""
        self._fail(exc.message, exc.widget if isinstance(exc, _Invalid) else None)

    def _fail(self, message: str, widget: QWidget | None) -> None:
        self.show_error(message)
        if widget is None:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus()


def _vehicle_text(position: int, label: str, plate: str) -> str:
    text = f"{position}. {label}" if position else label
    return f"{text} — {plate}" if plate else text


def edit_event(
    controller: VisitController,
    event: Event | None,
    parent: QWidget | None = None,
    start: datetime | None = None,
) -> Event | None:
    """Open the editor on `event` (None: a new one); the event saved, or None if cancelled."""
    dialog = EventDialog(controller, event, parent, start=start)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    saved = dialog.saved if accepted else None
    dialog.deleteLater()
    return saved


def duplicate_event(
    controller: VisitController, event: Event, parent: QWidget | None = None
) -> Event | None:
    """Add a draft copy of `event` (new ids, title marked as a copy) as one edit."""
    source = event.copy_with_new_ids()
    title = {
        code: gettext_in(code, "{title} (copy)").format(title=text)
        for code, text in source.title.to_dict().items()
        if code in LANGUAGES
    }
    duplicate = replace(
        source,
        title=LocalizedText.from_dict(title),
        status=EventStatus.DRAFT,
        modified=_now(),
    )
    label = _("Duplicate event “{title}”").format(title=event_title(event, controller.data))
    return duplicate if controller.apply(SaveEntity(duplicate, None, label=label), parent) else None


def cancel_event(controller: VisitController, event: Event, parent: QWidget | None = None) -> bool:
    """Mark `event` cancelled (kept in the programme, sent as cancelled); False if it was."""
    if event.cancelled:
        return False
    after = replace(copy.deepcopy(event), status=EventStatus.CANCELLED, modified=_now())
    label = _("Cancel event “{title}”").format(title=event_title(event, controller.data))
    return controller.apply(SaveEntity(after, event, label=label), parent)


def delete_event(controller: VisitController, event: Event, parent: QWidget | None = None) -> bool:
    """Delete `event` after the user confirms; undo brings it back with the same id."""
    data = controller.data
    count = len(event.participant_ids)
    # No ngettext: the catalogs' tooling has no plural forms yet (Ukrainian needs three).
    question = _("Delete “{title}” from the programme? Participants: {count}.").format(
        title=event_title(event, data), count=count
    )
    answer = QMessageBox.question(
        parent,
        _("Delete event"),
        question + "\n" + _("Edit > Undo brings it back."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    return controller.apply(delete_operation(data, event), parent)
