"""Exports > Briefing book: choose sections, language, marking and who the book is for,
then build it off the GUI thread with a progress bar, and offer to open it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.model import Person
from visitplanner.domain.values import Profile
from visitplanner.i18n import _, ngettext
from visitplanner.operations.session import VisitSession
from visitplanner.services.briefing import (
    MARKING_SUGGESTIONS,
    BriefingOptions,
    BriefingResult,
    build_briefing,
    section_choices,
)
from visitplanner.services.progress import Progress
from visitplanner.ui.common.worker import Worker

log = logging.getLogger(__name__)

#: The book languages, as each language names itself.
LANGUAGE_NAMES = (("fr", "Français"), ("uk", "Українська"), ("en", "English"))


def person_label(person: Person) -> str:
    """How the person list shows someone: both scripts, so either can be typed."""
    latin, native = person.latin_name(), person.native_name()
    return f"{latin} — {native}" if latin and native else latin or native


class BriefingDialog(QDialog):
    """The choices of a briefing book, and its build with progress and cancel."""

    #: Emitted when a build ends: the result, or None when it failed or was cancelled.
    built = Signal(object)

    def __init__(self, session: VisitSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.worker: Worker[BriefingResult] | None = None
        self.setWindowTitle(_("Briefing book"))
        data = session.data
        layout = QVBoxLayout(self)

        self.section_boxes: dict[str, QCheckBox] = {}
        sections = QGroupBox(_("Sections"), self)
        grid = QGridLayout(sections)
        for index, (key, title) in enumerate(section_choices()):
            box = QCheckBox(title, sections)
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
            self.section_boxes[key] = box
            grid.addWidget(box, index // 2, index % 2)
        layout.addWidget(sections)

        form = QFormLayout()
        self.language = QComboBox(self)
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(data.visit.main_language))
        form.addRow(_("&Language"), self.language)

        self.marking = QComboBox(self)
        self.marking.setEditable(True)
        self.marking.addItems(list(MARKING_SUGGESTIONS))
        self.marking.setEditText(data.visit.marking)
        self.marking.setToolTip(_("Printed on the cover and at the top of every page"))
        form.addRow(_("&Marking"), self.marking)

        self.profile = QComboBox(self)
        self.profile.addItem(_("Shareable: no private details"), Profile.SHAREABLE)
        self.profile.addItem(_("Internal: with private details"), Profile.INTERNAL)
        form.addRow(_("&For"), self.profile)
        self.profile.currentIndexChanged.connect(self._update_buttons)
        layout.addLayout(form)

        layout.addWidget(self._scope_box())

        output = QHBoxLayout()
        self.output = QLineEdit(str(self._default_output()), self)
        self.output.textChanged.connect(self._update_buttons)
        choose = QPushButton(_("Choose…"), self)
        choose.clicked.connect(self._choose_output)
        output.addWidget(self.output, 1)
        output.addWidget(choose)
        saving = QFormLayout()
        save_label = QLabel(_("&Save as"), self)
        save_label.setBuddy(self.output)
        saving.addRow(save_label, output)
        layout.addLayout(saving)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.status = QLabel("", self)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)

        self.buttons = QDialogButtonBox(self)
        self.build_button = self.buttons.addButton(
            _("&Build"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.build_button.clicked.connect(self.build)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.setEnabled(False)
        layout.addWidget(self.buttons)
        self._update_buttons()

    def _scope_box(self) -> QGroupBox:
        box = QGroupBox(_("Book for"), self)
        layout = QVBoxLayout(box)
        self.whole_visit = QRadioButton(_("&The whole visit"), box)
        self.one_person = QRadioButton(_("&One person:"), box)
        self.whole_visit.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.whole_visit)
        group.addButton(self.one_person)
        self.person = QComboBox(box)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        people = sorted(self.session.data.people, key=lambda p: person_label(p).casefold())
        for person in people:
            self.person.addItem(person_label(person), person.id)
        self.person.setCurrentIndex(-1)
        editor = self.person.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(_("Type part of a name, in either script"))
        completer = QCompleter(self.person.model(), self.person)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.person.setCompleter(completer)
        self.person.setEnabled(False)
        self.one_person.toggled.connect(self.person.setEnabled)
        self.one_person.toggled.connect(self._update_buttons)
        self.person.currentIndexChanged.connect(self._update_buttons)
        self.person.editTextChanged.connect(self._update_buttons)
        row = QHBoxLayout()
        row.addWidget(self.one_person)
        row.addWidget(self.person, 1)
        layout.addWidget(self.whole_visit)
        layout.addLayout(row)
        return box

    def _default_output(self) -> Path:
        path = self.session.path
        folder = path.parent if path is not None else Path.home()
        stem = path.stem if path is not None else "visit"
        return folder / f"{stem}-briefing.pdf"

    def _choose_output(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the briefing book as"), self.output.text(), _("PDF files (*.pdf)")
        )
        if chosen:
            self.output.setText(chosen if chosen.lower().endswith(".pdf") else f"{chosen}.pdf")

    def chosen_person_id(self) -> str | None:
        """The person the pack is for (None for the whole visit, or when none matches)."""
        if not self.one_person.isChecked():
            return None
        index = self.person.findText(self.person.currentText(), Qt.MatchFlag.MatchExactly)
        if index < 0:
            return None
        ident = self.person.itemData(index)
        return str(ident) if ident else None

    def options(self) -> BriefingOptions:
        """The book the dialog describes."""
        return BriefingOptions(
            sections=tuple(k for k, box in self.section_boxes.items() if self._chosen(box)),
            lang=str(self.language.currentData()),
            profile=Profile(self.profile.currentData()),
            marking=self.marking.currentText().strip(),
            person_id=self.chosen_person_id(),
        )

    @staticmethod
    def _chosen(box: QCheckBox) -> bool:
        return box.isChecked() and box.isEnabled()

    def _update_buttons(self) -> None:
        # The dietary sheets hold medical details: an internal book of the whole visit only.
        dietary = self.section_boxes.get("dietary")
        if dietary is not None:
            internal = self.profile.currentData() == Profile.INTERNAL
            dietary.setEnabled(internal and not self.one_person.isChecked())
            dietary.setToolTip(_("Internal book of the whole visit only: holds medical details"))
        # The gifts sheet holds values and declarations: likewise.
        gifts = self.section_boxes.get("gifts")
        if gifts is not None:
            internal = self.profile.currentData() == Profile.INTERNAL
            gifts.setEnabled(internal and not self.one_person.isChecked())
            gifts.setToolTip(_("Internal book of the whole visit only: holds values of gifts"))
        busy = self.worker is not None
        ready = (
            any(self._chosen(box) for box in self.section_boxes.values())
            and bool(self.output.text().strip())
            and (not self.one_person.isChecked() or self.chosen_person_id() is not None)
        )
        self.build_button.setEnabled(ready and not busy)
        self.cancel_button.setEnabled(busy)
        self.close_button.setEnabled(not busy)

    def build(self) -> None:
        """Build the book in a worker thread."""
        if self.worker is not None:
            return
        options = self.options()
        target = Path(self.output.text().strip()).expanduser()
        data = self.session.data

        def work(progress: Progress) -> BriefingResult:
            return build_briefing(data, target, options, progress)

        self.worker = Worker(work, self)
        self.worker.progressed.connect(self._show_progress)
        self.worker.done.connect(self._done)
        self.worker.error.connect(self._failed)
        self.worker.cancelled.connect(self._cancelled)
        self.progress_bar.setRange(0, 0)
        self.progress_bar.show()
        self.status.setText(_("Building the briefing book…"))
        self._update_buttons()
        self.worker.start()

    def cancel(self) -> None:
        """Stop the build at its next step; no file is written."""
        if self.worker is not None:
            self.worker.cancel()
            self.status.setText(_("Cancelling…"))

    def _show_progress(self, done: int, total: int, what: str) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)))
        if what:
            self.status.setText(what)

    def _finish(self) -> None:
        self.worker = None
        self.progress_bar.setRange(0, 1)
        self._update_buttons()

    def _done(self, result: BriefingResult) -> None:
        self._finish()
        self.progress_bar.setValue(1)
        self.status.setText(
            ngettext(
                "Written to {path} ({pages} page).",
                "Written to {path} ({pages} pages).",
                result.pages,
            ).format(path=result.path, pages=result.pages)
        )
        self.built.emit(result)
        if self.ask_to_open(result):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))

    def ask_to_open(self, result: BriefingResult) -> bool:
        """Whether the user wants to open the book just written."""
        answer = QMessageBox.question(
            self,
            _("Briefing book"),
            ngettext(
                "The briefing book is written to {path} ({pages} page). Open it now?",
                "The briefing book is written to {path} ({pages} pages). Open it now?",
                result.pages,
            ).format(path=result.path, pages=result.pages),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.status.setText("")
        self.built.emit(None)
        if isinstance(exc, VisitPlannerError):
            QMessageBox.warning(self, _("Briefing book"), exc.message)
            return
        # Our bug, not the user's: the crash handler logs it and says so.
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _cancelled(self) -> None:
        self._finish()
        self.status.setText(_("Cancelled: no file was written."))
        self.built.emit(None)

    def reject(self) -> None:
        """Close, unless a build is running (cancel it first)."""
        if self.worker is not None:
            self.cancel()
            return
        super().reject()


def briefing_dialog(parent: QWidget | None, session: VisitSession) -> None:
    """Show the briefing book dialog over `parent` for the open visit (modal)."""
    dialog = BriefingDialog(session, parent)
    dialog.exec()
