"""The Programme page: the timeline and the list of events, with the editing actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.checks import Finding
from visitplanner.domain.model import Event
from visitplanner.i18n import _
from visitplanner.ui.common.actions import describe
from visitplanner.ui.common.table_page import TablePage
from visitplanner.ui.programme.model import ProgrammeModel
from visitplanner.ui.programme.timeline import TimelineView
from visitplanner.ui.shell.controller import VisitController


class ProgrammePage(QWidget):
    """The programme as a day-by-day timeline and as a sortable, filterable list."""

    def __init__(self, controller: VisitController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.timeline = TimelineView(controller)
        self.list = TablePage(controller, ProgrammeModel(controller.data), _("Programme"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.timeline, _("Timeline"))
        self.tabs.addTab(self.list, _("List"))
        self.toolbar = QToolBar(self)
        self.toolbar.setAccessibleName(_("Programme actions"))
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, shortcut, slot in (
            ("new", _("&New event"), "Ins", self.new_event),
            ("edit", _("&Edit event"), "Return", self.edit_selected),
            ("duplicate", _("D&uplicate"), "Ctrl+D", self.duplicate_selected),
            ("cancel", _("&Cancel event"), "Ctrl+Shift+X", self.cancel_selected),
            ("delete", _("&Delete event"), QKeySequence.StandardKey.Delete, self.delete_selected),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            describe(action, text)  # its tooltip names its key
            # Other pages use the same keys: each page's keys work where its focus is.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            # The toolbar's buttons are in the Tab chain, for an officer without a mouse.
            button = self.toolbar.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.addAction(action)
            self.actions_by_name[name] = action
        # The list's filter filters the timeline too: a bar above both says so.
        self.filter_bar = QWidget(self)
        self.filter_note = QLabel(self.filter_bar)
        self.filter_note.setObjectName("filterNote")
        self.clear_filter = QPushButton(_("C&lear the filter"), self.filter_bar)
        self.clear_filter.clicked.connect(self.list.filter.clear)
        bar = QHBoxLayout(self.filter_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        bar.addWidget(self.filter_note, 1)
        bar.addWidget(self.clear_filter)
        self.filter_bar.setStyleSheet("QWidget { background: palette(tool-tip-base); }")
        self.filter_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.tabs)
        self.timeline.event_activated.connect(self._edit_id)
        self.timeline.slot_activated.connect(self._new_at)
        self.timeline.slot_range_activated.connect(self.new_between)
        self.timeline.event_selected.connect(self._timeline_selected)
        self.timeline.event_context_menu.connect(self._context_menu)
        self.list.activated.connect(self._edit_id)
        self.list.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.list.model.modelReset.connect(self._update_actions)
        self.tabs.currentChanged.connect(self._update_actions)
        self.list.filter.textChanged.connect(self._filter_timeline)
        # After a change the list is filtered again: the timeline and the bar follow it.
        self.list.model.modelReset.connect(lambda: self._filter_timeline(""))
        self._update_actions()

    # -- selection --------------------------------------------------------------

    def selected_event(self) -> Event | None:
        """The event selected on the page shown (timeline or list)."""
        ident = (
            self.timeline.selected_event_id()
            if self.tabs.currentWidget() is self.timeline
            else self.list.selected_id()
        )
        return next((e for e in self.controller.data.events if e.id == ident), None)

    def select(self, ident: str) -> bool:
        """Show the event `ident` on the timeline and in the list."""
        found = self.list.select(ident)
        self.timeline.select_event(ident)
        return found

    def focus_filter(self) -> None:
        """Edit > Find: filter the list (the timeline follows)."""
        self.tabs.setCurrentWidget(self.list)
        self.list.focus_filter()

    def set_findings(self, findings: Iterable[Finding]) -> None:
        """Mark on the timeline the events the checks found in error."""
        self.timeline.set_findings(list(findings))

    def _timeline_selected(self, ident: str) -> None:
        if ident:
            self.list.select(ident)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        """New whenever the visit may change; the others only with an event selected."""
        editable = not self.controller.read_only
        self.actions_by_name["new"].setEnabled(editable)
        selected = self.selected_event() is not None
        for name in ("edit", "duplicate", "cancel", "delete"):
            self.actions_by_name[name].setEnabled(editable and selected)

    def _filter_timeline(self, _text: str) -> None:
        # The list has filtered already (its slot is connected first): the timeline
        # shows the same events, laid out when it is next shown.
        model = self.list.model
        self.timeline.set_filter(model.shown_ids() if model.is_filtered() else None)
        self._show_filter()

    def _show_filter(self) -> None:
        """The bar saying which filter is on and how many events it shows, or nothing."""
        model = self.list.model
        if not model.is_filtered():
            self.filter_bar.hide()
            return
        self.filter_note.setText(
            _("Filter “{text}”: events shown {shown} of {total}, on the timeline too").format(
                text=self.list.filter.text().strip(),
                shown=model.rowCount(),
                total=len(self.controller.data.events),
            )
        )
        self.filter_bar.show()

    # -- actions ----------------------------------------------------------------

    # The editor's module (participants picker, running order) is imported when
    # first used: the window's first paint does not need it.

    def _with_selected(self, name: str) -> None:
        event = self.selected_event()
        if event is not None:
            from visitplanner.ui.programme import event_dialog

            action: Callable[[VisitController, Event, QWidget], object] = getattr(
                event_dialog, name
            )
            action(self.controller, event, self)

    def new_event(self) -> None:
        """Open the editor on a new event."""
        from visitplanner.ui.programme.event_dialog import edit_event

        edit_event(self.controller, None, self)

    def _new_at(self, start: datetime) -> None:
        from visitplanner.ui.programme.event_dialog import edit_event

        edit_event(self.controller, None, self, start=start)

    def new_between(self, start: datetime, end: datetime) -> Event | None:
        """Open the editor on a new event from `start` to `end` (empty time swept on the
        timeline); select it once saved."""
        from visitplanner.ui.programme.event_dialog import EventDialog

        dialog = EventDialog(self.controller, None, self, start=start)
        dialog.general.end.set(end)
        dialog.remember_loaded()  # the swept times are what it opened with, not an edit
        saved = dialog.saved if dialog.exec() == QDialog.DialogCode.Accepted else None
        dialog.deleteLater()
        if saved is not None:
            self.select(saved.id)
        return saved

    def _edit_id(self, ident: str) -> None:
        event = next((e for e in self.controller.data.events if e.id == ident), None)
        if event is not None:
            from visitplanner.ui.programme.event_dialog import edit_event

            edit_event(self.controller, event, self)

    def edit_selected(self) -> None:
        """Open the editor on the selected event."""
        self._with_selected("edit_event")

    def duplicate_selected(self) -> None:
        """Copy the selected event as a new draft."""
        self._with_selected("duplicate_event")

    def cancel_selected(self) -> None:
        """Mark the selected event cancelled (calendars then send it as cancelled)."""
        self._with_selected("cancel_event")

    def delete_selected(self) -> None:
        """Delete the selected event, after asking."""
        self._with_selected("delete_event")

    def _context_menu(self, ident: str, where: QPoint) -> None:
        self.timeline.select_event(ident, scroll=False)
        menu = QMenu(self)
        for name in ("edit", "duplicate", "cancel", "delete"):
            menu.addAction(self.actions_by_name[name])
        menu.exec(where)
