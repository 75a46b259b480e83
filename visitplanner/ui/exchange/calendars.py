"""The calendar dialogs: export the programme as calendars, import another calendar.

`export_calendar_dialog(parent, session)` chooses the scope, profile, language,
drafts and reminder, shows how many events (and files) the export holds, and
writes; one file per person is written off the GUI thread, with progress and
cancel. `import_calendar_dialog(parent, session)` asks for a file and previews,
event by event, what will be added, updated or skipped, and why (the skips counted by
kind: outside the visit's dates, events or lines that cannot be read...), before
anything is written; confirming applies it as one undoable operation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.calendars import Scope, ScopeKind
from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import Event
from visitplanner.domain.values import Profile
from visitplanner.i18n import _, format_datetime, ngettext
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendar_import import (
    Action,
    ImportPlan,
    import_operation,
    plan_import,
    skip_summary,
)
from visitplanner.services.calendars import (
    ExportPlan,
    ExportRequest,
    plan_export,
    remember_export,
    write_calendars,
)
from visitplanner.services.progress import Progress
from visitplanner.services.visit_files import calendar_ghosts
from visitplanner.ui.common.worker import Worker, run_with_progress_dialog

_LANGUAGE_NAMES = {"fr": "Français", "uk": "Українська", "en": "English"}


class ExportCalendarDialog(QDialog):
    """Choose what to export as calendars, see how much it holds, and write it."""

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker: Worker[list[Path]] | None = None
        self.written: list[Path] = []
        self._ghosts: dict[str, Event] | None = None
        data = session.data
        self.setWindowTitle(_("Export calendars"))
        self.scope = QComboBox(self)
        for text, kind in (
            (_("Whole visit"), "visit"),
            (_("One delegation"), "delegation"),
            (_("One person"), "person"),
            (_("One file per person"), "per_person"),
        ):
            self.scope.addItem(text, kind)
        self.who = QComboBox(self)
        self.who.setAccessibleName(_("Delegation or person"))
        self.profile = QComboBox(self)
        self.profile.addItem(_("Shareable (no private field)"), Profile.SHAREABLE)
        self.profile.addItem(_("Internal"), Profile.INTERNAL)
        self.language = QComboBox(self)
        for code in data.visit.languages:
            self.language.addItem(_LANGUAGE_NAMES.get(code, code), code)
        self.drafts = QCheckBox(_("Include draft events"), self)
        self.alarm = QSpinBox(self)
        self.alarm.setRange(0, 24 * 60)
        self.alarm.setSuffix(_(" min"))
        self.alarm.setSpecialValueText(_("No reminder"))
        self.summary = QLabel(self)
        self.summary.setAccessibleName(_("What the export holds"))
        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(
            _("Write…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.form = form = QFormLayout()
        form.addRow(_("Calendar of"), self.scope)
        form.addRow(_("Whose"), self.who)
        form.addRow(_("Profile"), self.profile)
        form.addRow(_("Language"), self.language)
        form.addRow("", self.drafts)
        form.addRow(_("Reminder"), self.alarm)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.scope.currentIndexChanged.connect(self._fill_who)
        for signal in (
            self.who.currentIndexChanged,
            self.profile.currentIndexChanged,
            self.language.currentIndexChanged,
            self.drafts.toggled,
        ):
            signal.connect(self.refresh)
        self.write_button.clicked.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        self._fill_who()

    def _fill_who(self) -> None:
        kind = self.scope.currentData()
        data = self.session.data
        lang = self.language.currentData() or data.visit.main_language
        self.who.blockSignals(True)
        self.who.clear()
        if kind == "delegation":
            for delegation in data.delegations:
                self.who.addItem(delegation.name.get(lang, data.visit.main_language), delegation.id)
        elif kind == "person":
            for person in sorted(data.people, key=lambda p: p.display_name().casefold()):
                self.who.addItem(person.display_name(), person.id)
        self.who.blockSignals(False)
        self.who.setEnabled(kind in ("delegation", "person"))
        self.refresh()

    def request(self) -> ExportRequest:
        """The export the dialog describes now."""
        kind = self.scope.currentData()
        scope = Scope(ScopeKind.VISIT)
        if kind in ("delegation", "person") and self.who.currentData():
            scope = Scope(ScopeKind(kind), self.who.currentData())
        return ExportRequest(
            scope=scope,
            per_person=kind == "per_person",
            profile=self.profile.currentData(),
            lang=self.language.currentData(),
            drafts=self.drafts.isChecked(),
            alarm_minutes=self.alarm.value() or None,
        )

    def plan(self) -> ExportPlan:
        """What writing now would do (nothing is remembered until it is written)."""
        if self._ghosts is None:  # read from the journal once, not at every choice
            self._ghosts = calendar_ghosts(self.session)
        return plan_export(self.session.data, self.request(), ghosts=self._ghosts)

    def refresh(self) -> None:
        """Show how many events and files the export holds."""
        plan = self.plan()
        # Which events rise in sequence is known once they are written.
        text = _("Events: {events} (cancelled: {cancelled})").format(
            events=plan.event_count, cancelled=plan.cancelled_count
        )
        if plan.request.per_person:
            files = len(plan.files)
            text += " — " + ngettext("{files} file", "{files} files", files).format(files=files)
        self.summary.setText(text)
        self.write_button.setEnabled(bool(plan.files))

    def ask_target(self, per_person: bool) -> Path | None:
        """Where to write: a folder for one file per person, else a file."""
        if per_person:
            folder = QFileDialog.getExistingDirectory(self, _("Folder for the calendars"))
            return Path(folder) if folder else None
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Write the calendar"), "calendar.ics", _("Calendars (*.ics)")
        )
        return Path(name) if name else None

    def write(self, target: Path | None = None) -> None:
        """Write the export to `target` (asked for when not given)."""
        plan = self.plan()
        target = target or self.ask_target(plan.request.per_person)
        if target is None:
            return
        data = self.session.data
        if not plan.request.per_person:
            try:
                self.written = write_calendars(data, plan, target)
            except VisitPlannerError as exc:
                QMessageBox.warning(self, _("Export calendars"), exc.message)
                return
            self._finish(plan)
            return

        def work(progress: Progress) -> list[Path]:
            return write_calendars(data, plan, target, progress)

        self.worker = Worker(work, self)
        self.worker.done.connect(lambda written: self._finish(plan, written))
        self.worker.error.connect(self._failed)
        self.setEnabled(False)
        run_with_progress_dialog(self, _("Writing calendars"), self.worker)

    def _finish(self, plan: ExportPlan, written: list[Path] | None = None) -> None:
        if written is not None:
            self.written = written
        remember_export(self.session, plan)
        self.setEnabled(True)
        self.accept()

    def _failed(self, exc: object) -> None:
        self.setEnabled(True)
        if isinstance(exc, VisitPlannerError):
            QMessageBox.warning(self, _("Export calendars"), exc.message)
            return
        raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))


def export_calendar_dialog(parent: QWidget | None, session: VisitSession) -> None:
    """File > Export calendars: the dialog, modal over `parent`."""
    ExportCalendarDialog(session, parent).exec()


class ImportPreviewModel(QAbstractTableModel):
    """The events of a calendar file and what the import does with each."""

    COLUMNS = (
        lambda: _("Action"),
        lambda: _("Line"),
        lambda: _("Event"),
        lambda: _("Start"),
        lambda: _("Why"),
    )

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self._words = {Action.ADD: _("add"), Action.UPDATE: _("update"), Action.SKIP: _("skip")}

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]()
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.plan.items[index.row()]
        column = index.column()
        if column == 0:
            return self._words[item.action]
        if column == 1:
            return item.line
        if column == 2:
            return item.title
        if column == 3:
            return format_datetime(item.start, "short") if item.start else ""
        return item.reason


class ImportCalendarDialog(QDialog):
    """The preview of an import: what will be added, updated or skipped, then confirm."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(_("Import calendar {name}").format(name=plan.source))
        self.resize(900, 500)
        counts = _("{added} to add, {updated} to update, {skipped} skipped").format(
            added=plan.count(Action.ADD),
            updated=plan.count(Action.UPDATE),
            skipped=plan.count(Action.SKIP),
        )
        if plan.venues:
            new = len(plan.venues)
            counts += " — " + ngettext("{count} new venue", "{count} new venues", new).format(
                count=new
            )
        self.summary = QLabel(counts, self)
        kinds = skip_summary(plan)
        self.skips = QLabel(_("Skipped: {kinds}.").format(kinds=kinds) if kinds else "", self)
        self.skips.setAccessibleName(_("What is skipped, by kind"))
        self.skips.setWordWrap(True)
        self.skips.setVisible(bool(kinds))
        self.table = QTableView(self)
        self.model = ImportPreviewModel(plan, self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("What the import does"))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(not plan.empty)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.skips)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)


def import_calendar_dialog(
    parent: QWidget | None,
    session: VisitSession,
    apply: Callable[[Operation], object] | None = None,
    path: Path | None = None,
) -> None:
    """File > Import calendar: choose a file, preview, and apply as one undoable operation.

    `apply` carries the operation out (the window's undo stack pushes it); by default
    the session applies it. `path` skips the file chooser.
    """
    if path is None:
        name, _filter = QFileDialog.getOpenFileName(
            parent, _("Import a calendar"), "", _("Calendars (*.ics);;All files (*)")
        )
        if not name:
            return
        path = Path(name)
    try:
        plan = plan_import(session.data, path)
    except VisitPlannerError as exc:
        QMessageBox.warning(parent, _("Import calendar"), exc.message)
        return
    preview = ImportCalendarDialog(plan, parent)
    if preview.exec() != QDialog.DialogCode.Accepted or plan.empty:
        return
    operation = import_operation(plan)
    (apply or session.apply)(operation)
