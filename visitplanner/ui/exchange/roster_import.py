"""File > Import roster: read an embassy's sheet, map its columns, preview, confirm.

The sheet is read and checked off the GUI thread (a 10,000-row sheet takes a
moment) with a progress bar. Columns the import does not recognise are shown
with the first rows, each with a list of what it may become; the choice is
remembered for the next sheet with the same headers. The preview lists the
people added and updated and the rows that are wrong; nothing is written until
the officer confirms, and then as one edit that undo takes back whole.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import Person
from visitplanner.domain.roster_columns import FIELD_HEADERS, RosterField, Target
from visitplanner.i18n import _, current_language
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.progress import Progress
from visitplanner.services.roster_mappings import MappingStore
from visitplanner.services.rosters import (
    ENCODINGS,
    ImportOptions,
    ImportPlan,
    Sheet,
    apply_import,
    encoding_name,
    has_delegation_column,
    plan_import,
    read_roster,
    recognised_targets,
)
from visitplanner.ui.common.worker import Worker
from visitplanner.ui.exchange.roster_export import export_roster_dialog

log = logging.getLogger(__name__)

__all__ = ["RosterImportDialog", "export_roster_dialog", "import_roster_dialog"]

_Index = QModelIndex | QPersistentModelIndex
_FROM_COLUMN = "column"
_NEW = "new"
_SHOWN_ROWS = 5


def _action_words() -> dict[str, str]:
    return {
        "add": _("New"),
        "update": _("Update"),
        "unchanged": _("Unchanged"),
        "error": _("Error"),
    }


class PreviewModel(QAbstractTableModel):
    """The preview: one line per row of the sheet, with what the import does with it."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[tuple[int, str, str, str, str]] = []
        self._headers = [_("Row"), _("Action"), _("Name"), _("Delegation"), _("Detail")]

    def set_plan(self, plan: ImportPlan) -> None:
        """Show what `plan` does, in the sheet's order."""
        words = _action_words()
        new = {d.id for d in plan.new_delegations}

        def where(person: Person, name: str) -> str:
            is_new = person.delegation_id in new
            return _("{name} (new)").format(name=name) if is_new else name

        lines = [
            (p.row, words[p.action], p.after.display_name(), where(p.after, p.delegation_name), "")
            for p in plan.people
        ]
        lines.extend((e.row, words["error"], "", "", e.message) for e in plan.errors)
        lines.sort(key=lambda line: line[0])
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(self.lines[index.row()][index.column()])

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class RosterImportDialog(QDialog):
    """Import the roster sheet at `path` into the open visit."""

    def __init__(
        self,
        parent: QWidget | None,
        session: VisitSession,
        path: Path,
        apply: Callable[[Operation], object] | None = None,
        store: MappingStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.path = path
        self._apply = apply
        self.store = store or MappingStore()
        self.sheet: Sheet | None = None
        self.plan: ImportPlan | None = None
        self.operation: Operation | None = None
        self.worker: Worker[Any] | None = None
        self._closing = False
        self.column_boxes: list[QComboBox] = []
        self.setWindowTitle(_("Import roster — {name}").format(name=path.name))
        self.resize(960, 640)
        self._build()
        self._read()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.source = QLabel(self)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.encoding = QComboBox(self)
        self.encoding.setAccessibleName(_("Encoding"))
        self.encoding.addItem(_("Detected"), None)
        for codec in ENCODINGS:
            self.encoding.addItem(encoding_name(codec), codec)
        self.encoding.activated.connect(lambda _index: self._read())
        self.delegation = QComboBox(self)
        self.delegation.setAccessibleName(_("Delegation"))
        self.delegation.activated.connect(lambda _index: self._delegation_changed())
        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(_("Name of the new delegation"))
        self.new_name.editingFinished.connect(self._plan_if_previewing)
        form = QFormLayout()
        form.addRow(_("File:"), self.source)
        form.addRow(_("Encoding:"), self.encoding)
        where = QHBoxLayout()
        where.addWidget(self.delegation, 1)
        where.addWidget(self.new_name, 1)
        form.addRow(_("Delegation:"), where)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._reading_page())
        self.pages.addWidget(self._columns_page())
        self.pages.addWidget(self._preview_page())

        self.buttons = QDialogButtonBox(self)
        self.back = self.buttons.addButton(_("Columns…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.next = self.buttons.addButton(_("Next"), QDialogButtonBox.ButtonRole.ActionRole)
        self.confirm: QPushButton = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Cancel"))  # Qt's own words are not translated here
        self.back.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.next.clicked.connect(self._columns_done)
        self.confirm.clicked.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)
        self._show_buttons()

    def _reading_page(self) -> QWidget:
        page = QWidget(self)
        self.status = QLabel(_("Reading the sheet…"), page)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, 0)
        layout = QVBoxLayout(page)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget(self)
        self.columns_note = QLabel(page)
        self.columns_note.setWordWrap(True)
        self.columns_note.setTextFormat(Qt.TextFormat.PlainText)
        self.columns = QTableWidget(page)
        self.columns.setAccessibleName(_("Columns of the sheet"))
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(page)
        layout.addWidget(self.columns_note)
        layout.addWidget(self.columns, 1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget(self)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_model = PreviewModel()
        self.preview = QTableView(page)
        self.preview.setAccessibleName(_("Preview of the import"))
        self.preview.setModel(self.preview_model)
        self.preview.verticalHeader().hide()
        self.preview.setAlternatingRowColors(True)
        self.preview.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        return page

    def _show_buttons(self) -> None:
        page = self.pages.currentIndex()
        busy = self.worker is not None
        self.back.setVisible(page == 2 and self.sheet is not None)
        self.next.setVisible(page == 1)
        self.next.setEnabled(not busy)
        self.confirm.setVisible(page == 2)
        writes = self.plan is not None and any(p.action != "unchanged" for p in self.plan.people)
        self.confirm.setEnabled(page == 2 and not busy and writes)
        self.encoding.setEnabled(not busy and (self.sheet is None or self.sheet.kind == "csv"))
        self.delegation.setEnabled(not busy and self.sheet is not None)
        self.new_name.setVisible(self.delegation.currentData() == _NEW)

    # -- work off the GUI thread -------------------------------------------------------

    def _run(self, work: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        self.pages.setCurrentIndex(0)
        self.progress.setRange(0, 0)
        worker: Worker[Any] = Worker(work, self)
        worker.progressed.connect(self._progressed)
        worker.done.connect(lambda result: self._finished(done, result))
        worker.error.connect(self._failed)
        worker.cancelled.connect(self._stopped)
        self.worker = worker
        self._show_buttons()
        worker.start()

    def _progressed(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        if what:
            self.status.setText(what)

    def _finished(self, done: Callable[[Any], None], result: Any) -> None:
        self.worker = None
        if self._closing:
            super().reject()
            return
        done(result)
        self._show_buttons()

    def _stopped(self) -> None:
        self.worker = None
        super().reject()

    def _failed(self, exc: object) -> None:
        self.worker = None
        if self._closing:
            super().reject()
            return
        if not isinstance(exc, VisitPlannerError):
            raise exc  # type: ignore[misc]  # a bug: to the crash handler
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(exc.message)
        self.pages.setCurrentIndex(0)
        self._show_buttons()
        self.encoding.setEnabled(True)

    def reject(self) -> None:
        """Cancel: stop the reading or checking, then close without writing anything.

        Work in progress stops at its next step; the dialog closes when it has (its
        thread must not outlive it).
        """
        if self.worker is None:
            super().reject()
            return
        self._closing = True
        self.status.setText(_("Cancelling…"))
        for button in (self.back, self.next, self.confirm):
            button.setEnabled(False)
        self.worker.cancel()

    # -- the steps ------------------------------------------------------------------

    def _read(self) -> None:
        codec = self.encoding.currentData()
        self.status.setText(_("Reading the sheet…"))
        self._run(lambda progress: read_roster(self.path, codec, progress), self._read_done)

    def _read_done(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.source.setText(_describe(sheet))
        targets = recognised_targets(sheet)
        remembered = self.store.recall(sheet.headers)
        for index, target in remembered.items():
            targets[index] = target
        self._fill_columns(sheet, targets, remembered)
        self._fill_delegations(targets)
        unknown = [i for i, t in enumerate(targets) if t is None and i not in remembered]
        if unknown:
            self.pages.setCurrentIndex(1)
        else:
            self._plan()

    def _fill_columns(
        self, sheet: Sheet, targets: list[Target | None], remembered: dict[int, Target | None]
    ) -> None:
        rows = sheet.first_rows(_SHOWN_ROWS)
        table = self.columns
        table.clear()
        table.setColumnCount(len(sheet.headers))
        table.setRowCount(len(rows) + 1)
        table.setHorizontalHeaderLabels(
            [h or _("column {number}").format(number=i + 1) for i, h in enumerate(sheet.headers)]
        )
        table.setVerticalHeaderLabels(
            [_("becomes"), *(_("row {row}").format(row=r.number) for r in rows)]
        )
        self.column_boxes = []
        unknown = 0
        first_unknown: int | None = None
        for index, target in enumerate(targets):
            box = QComboBox(table)
            box.setAccessibleName(_("What column {number} becomes").format(number=index + 1))
            # Item data are the targets' keys: Qt compares strings, not Python objects.
            box.addItem(_("(left out)"), "")
            for roster_field in RosterField:
                if roster_field is not RosterField.VEHICLE_PLATES:
                    box.addItem(_(FIELD_HEADERS[roster_field]), Target(roster_field).key())
            wanted = target.key() if target is not None else ""
            if box.findData(wanted) < 0 and target is not None:
                box.addItem(_(FIELD_HEADERS[target.field]) + f" ({target.lang})", wanted)
            box.setCurrentIndex(max(box.findData(wanted), 0))
            if target is None and index not in remembered:
                unknown += 1
                first_unknown = index if first_unknown is None else first_unknown
                box.setToolTip(_("Not recognised: choose what this column holds"))
                header = table.horizontalHeaderItem(index)
                if header is not None:
                    font = header.font()
                    font.setBold(True)
                    header.setFont(font)
                    header.setText("⚠ " + header.text())
            table.setCellWidget(0, index, box)
            self.column_boxes.append(box)
            for line, row in enumerate(rows, start=1):
                item = QTableWidgetItem(row.cells[index] if index < len(row.cells) else "")
                table.setItem(line, index, item)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.columns_note.setText(
            _(
                "Columns not recognised: {count}. Say what each column becomes; "
                "the choice is remembered for sheets with the same headers."
            ).format(count=unknown)
            if unknown
            else _("Every column was recognised. Change what a column becomes if need be.")
        )
        first_cell = table.item(1, first_unknown) if first_unknown is not None else None
        if first_cell is not None:
            table.scrollToItem(first_cell)

    def _fill_delegations(self, targets: list[Target | None]) -> None:
        box = self.delegation
        box.clear()
        if has_delegation_column(targets):
            box.addItem(_("As the sheet's delegation column says"), _FROM_COLUMN)
        for delegation in sorted(self.session.data.delegations, key=lambda d: d.position):
            box.addItem(delegation.name.get(current_language()), delegation.id)
        box.addItem(_("New delegation…"), _NEW)
        if not self.new_name.text() and self.sheet is not None:
            self.new_name.setText(Path(self.sheet.name).stem)
        box.setCurrentIndex(0)

    def mapping(self) -> dict[int, Target | None]:
        """What each column becomes, as chosen in the columns step."""
        return {
            index: Target.from_key(box.currentData()) if box.currentData() else None
            for index, box in enumerate(self.column_boxes)
        }

    def _columns_done(self) -> None:
        if self.sheet is not None:
            try:
                self.store.remember(self.sheet.headers, self.mapping())
            except VisitPlannerError as exc:
                log.warning("cannot remember the column mapping: %s", exc)
            self._fill_delegations(list(self.mapping().values()))
        self._plan()

    def _delegation_changed(self) -> None:
        self._show_buttons()
        self._plan_if_previewing()

    def _plan_if_previewing(self) -> None:
        if self.pages.currentIndex() == 2 and self.worker is None:
            self._plan()

    def options(self) -> ImportOptions:
        """The options the dialog's choices make."""
        chosen = self.delegation.currentData()
        mapping = self.mapping() if self.column_boxes else None
        if chosen == _NEW:
            return ImportOptions(new_delegation=self.new_name.text() or "?", mapping=mapping)
        if chosen in (None, _FROM_COLUMN):
            return ImportOptions(mapping=mapping)
        return ImportOptions(delegation=str(chosen), mapping=mapping)

    def _plan(self) -> None:
        sheet, options, data = self.sheet, self.options(), self.session.data
        if sheet is None:
            return
        self.status.setText(_("Checking the rows…"))
        self._run(lambda progress: plan_import(data, sheet, options, progress), self._planned)

    def _planned(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.preview_model.set_plan(plan)
        self.preview.resizeColumnsToContents()
        self.summary.setText(_summary(plan))
        self.pages.setCurrentIndex(2)

    def _confirm(self) -> None:
        if self.plan is None:
            return
        try:
            self.operation = apply_import(self.session, self.plan, True, self._apply)
        except VisitPlannerError as exc:
            QMessageBox.critical(self, _("Import roster"), exc.message)
            return
        self.accept()


def _describe(sheet: Sheet) -> str:
    if sheet.kind == "xlsx":
        return _("{name} — XLSX, sheet “{sheet}”").format(name=sheet.name, sheet=sheet.worksheet)
    delimiter = {"\t": _("tab")}.get(sheet.delimiter, f"“{sheet.delimiter}”")
    return _("{name} — CSV, {encoding}, cells separated by {delimiter}").format(
        name=sheet.name, encoding=encoding_name(sheet.encoding), delimiter=delimiter
    )


def _summary(plan: ImportPlan) -> str:
    parts = [
        _("{added} to add, {updated} to update, {unchanged} unchanged.").format(
            added=len(plan.of("add")),
            updated=len(plan.of("update")),
            unchanged=len(plan.of("unchanged")),
        )
    ]
    if plan.errors:
        count = len(plan.error_rows)
        parts.append(_("Wrong rows, left out: {count}.").format(count=count))
    if plan.new_delegations:
        names = ", ".join(d.name.get(current_language()) for d in plan.new_delegations)
        parts.append(_("New delegations: {names}.").format(names=names))
    if plan.unknown_roles:
        roles = ", ".join(f"“{role}”" for role in plan.unknown_roles)
        parts.append(_("Roles kept as written: {roles}.").format(roles=roles))
    if plan.ignored_columns:
        parts.append(_("Columns left out: {names}.").format(names=", ".join(plan.ignored_columns)))
    return " ".join(parts)


def import_roster_dialog(
    parent: QWidget | None,
    session: VisitSession,
    apply: Callable[[Operation], object] | None = None,
) -> None:
    """File > Import roster: choose a file, then map, preview and confirm.

    `apply` carries the import's operation out (the window's undo stack);
    `session.apply` by default.
    """
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import roster"),
        "",
        _("Spreadsheets (*.csv *.xlsx *.xlsm *.txt);;All files (*)"),
    )
    if not name:
        return
    RosterImportDialog(parent, session, Path(name), apply).exec()
