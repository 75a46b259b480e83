"""The main window: the visit in its title bar, a page per part of the plan, the menus.

Pages: Programme, Roster, Venues, Vehicles, Checks. Every edit goes through the
controller's undo stack and is in the visit file at once: there is no Save.
Switching the interface language rebuilds the pages and menus in place; the old
ones are cut off from the visit first, so no edit ever reaches a deleted widget.

Only what the first paint needs is imported with the window (the programme and
the checks); the other pages and the import, export and book dialogs (reportlab,
icalendar, openpyxl) are imported when first used.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.domain.markings import marking_in
from visitplanner.i18n import N_, _, current_language, format_date_range
from visitplanner.operations.change import Change
from visitplanner.operations.engine import Operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.visit_files import save_copy
from visitplanner.ui.checks.view import ChecksView
from visitplanner.ui.exchange.live import LiveSharing, tell_received
from visitplanner.ui.exchange.sharing import add_sharing_entries
from visitplanner.ui.exchange.sharing_status import SharingStatus
from visitplanner.ui.programme.page import ProgrammePage
from visitplanner.ui.shell.controller import VisitController
from visitplanner.ui.shell.dialogs import PreferencesDialog, about_text
from visitplanner.ui.shell.history_dialog import HistoryDialog
from visitplanner.ui.shell.settings import AppSettings

log = logging.getLogger(__name__)

#: The pages, in the order of the navigation list: key, title (translated when shown).
PAGES = (
    ("programme", N_("Programme")),
    ("roster", N_("Roster")),
    ("venues", N_("Venues")),
    ("vehicles", N_("Vehicles")),
    ("seating", N_("Seating")),
    ("ceremony", N_("Ceremony")),
    ("versions", N_("Versions")),
    ("checks", N_("Checks")),
    ("gifts", N_("Gifts")),
    ("contacts", N_("Contacts")),
    ("rooming", N_("Rooming")),
)


#: Each page as the View menu names it, with its mnemonic (each language picks its own).
PAGE_MENU_ENTRIES = {
    "programme": N_("&Programme"),
    "roster": N_("&Roster"),
    "venues": N_("&Venues"),
    "vehicles": N_("V&ehicles"),
    "seating": N_("&Seating"),
    "ceremony": N_("Cere&mony"),
    "versions": N_("Versio&ns"),
    "checks": N_("&Checks"),
    "gifts": N_("&Gifts"),
    "contacts": N_("Con&tacts"),
    "rooming": N_("R&ooming"),
}

#: The pages made with the window: what shows first, and the checks that mark it.
EAGER_PAGES = ("programme", "checks")


def window_title(session: VisitSession) -> str:
    """The visit, its dates and its marking, as the title bar shows them."""
    visit = session.data.visit
    lang = current_language()
    parts = [
        visit.title.get(lang, visit.main_language),
        format_date_range(visit.start_date, visit.end_date),
    ]
    if visit.marking.strip():
        parts.append(marking_in(visit.marking, lang).upper())
    title = " — ".join(parts)
    if session.read_only:
        title += " " + _("[read-only]")
    return title + " · VisitPlanner"


class MainWindow(QMainWindow):
    """The window over one open visit."""

    def __init__(
        self,
        controller: VisitController,
        settings: AppSettings | None = None,
        open_visit: Callable[[Path], object] | None = None,
        new_visit: Callable[[], None] | None = None,
        change_language: Callable[[str | None], None] | None = None,
        open_read_only: Callable[[Path], object] | None = None,
        reopen_visit: Callable[[Path], object] | None = None,
    ) -> None:
        super().__init__()
        self._reopen_visit = reopen_visit
        self._open_read_only = open_read_only
        self.controller = controller
        self.settings = settings or AppSettings()
        self._open_visit = open_visit
        self._new_visit = new_visit
        self._change_language = change_language
        self._nav: QListWidget | None = None
        self.resize(1280, 800)
        geometry = self.settings.window_geometry
        if geometry:
            self.restoreGeometry(geometry)
        controller.changed.connect(self._on_change)
        controller.error.connect(self._show_error)
        self.watcher = controller.watch(self)
        self.live = LiveSharing(controller, self)
        self.live.received.connect(self._show_received)
        self.sharing_status = SharingStatus(controller, self, self.live)
        self.statusBar().addPermanentWidget(self.sharing_status)
        self.build()
        self.live.start()  # a shared visit whose token is known goes online

    # -- building ---------------------------------------------------------------

    def build(self) -> None:
        """Make the pages and the menus in the current language (again after a switch)."""
        current = self._nav.currentRow() if self._nav is not None else 0
        old = self.centralWidget()
        if old is not None:
            self._let_go(old)
        self.pages: dict[str, QWidget] = {}
        self.nav = self._nav = QListWidget()
        self.nav.setAccessibleName(_("Parts of the visit"))
        self.nav.setMaximumWidth(220)
        self.nav.setMinimumWidth(140)
        self.nav.setStyleSheet("QListWidget::item { padding: 6px 10px; }")
        self.stack = QStackedWidget()
        for key, title in PAGES:
            # A page is made when first shown (the programme and the checks at once):
            # the window opens quicker on a summit visit.
            self.stack.addWidget(QWidget())
            item = QListWidgetItem(_(title))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        for key in EAGER_PAGES:
            self._ensure_page(key)
        self.nav.currentRowChanged.connect(self._show_row)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        splitter.setSizes([170, 1100])
        self.setCentralWidget(splitter)  # hides the old pages and deletes them later
        self.nav.setCurrentRow(current)
        self._build_menus()
        self._update_title()
        self._show_counts()
        self.sharing_status.refresh()  # in the language just chosen

    def _let_go(self, old: QWidget) -> None:
        """Cut every connection from the visit to the widgets of `old`, before they go.

        Qt drops a connection when its receiver is deleted, but the old pages are
        only deleted once the event loop comes back: until then, the refresh that
        follows a language switch would still run on pages nobody sees. A slot
        that is not a method of a widget (a lambda) is never dropped by Qt, and
        would run on deleted widgets at every later edit: pages connect methods.
        """
        senders = (self.controller, self.controller.undo_stack)
        for receiver in [old, *old.findChildren(QObject)]:
            for sender in senders:
                sender.disconnect(receiver)

    def _make_page(self, key: str) -> QWidget:
        # Each page's module is imported when the page is first shown.
        c = self.controller
        if key == "programme":
            return ProgrammePage(c)
        if key == "roster":
            from visitplanner.ui.roster.view import RosterView

            return RosterView(c)
        if key == "venues":
            from visitplanner.ui.venues.view import VenuesView

            return VenuesView(c)
        if key == "vehicles":
            from visitplanner.ui.vehicles.view import VehiclesView

            return VehiclesView(c)
        if key == "seating":
            from visitplanner.ui.seating.view import SeatingView

            seating = SeatingView(c.session, apply=self._apply_and_report)
            c.changed.connect(seating.follow)  # a method: it goes when the page goes
            return seating
        if key == "ceremony":
            from visitplanner.ui.ceremony.view import CeremonyView

            ceremony = CeremonyView(c.session, apply=self._apply_and_report)
            c.changed.connect(ceremony.follow)  # a method: it goes when the page goes
            return ceremony
        if key == "gifts":
            from visitplanner.ui.gifts.view import GiftsView

            return GiftsView(c)
        if key == "contacts":
            from visitplanner.ui.contacts.view import ContactsView

            return ContactsView(c)
        if key == "rooming":
            from visitplanner.ui.rooming.view import RoomingView

            return RoomingView(c)
        if key == "versions":
            from visitplanner.ui.versions.view import VersionsView

            return VersionsView(c, open_snapshot=self._open_read_only)
        checks = ChecksView(c)
        checks.go_to.connect(self.go_to)
        programme = self.pages.get("programme")
        if isinstance(programme, ProgrammePage):
            checks.findings_changed.connect(programme.set_findings)
        return checks

    def _apply_and_report(self, operation: Operation) -> Change:
        """Apply through the undo stack, for views that want the Change back."""
        if self.controller.apply(operation, self):
            return Change.everything()
        return Change()

    def show_history(self) -> HistoryDialog:
        """Edit > History: who changed what, when, on which machine (not modal)."""
        dialog = HistoryDialog(self.controller, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, menu)  # goes with the menu when the language changes
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        # A new bar each time: the old one goes with its menus and actions (and the
        # undo and redo actions' hold on the undo stack), none piles up on the window.
        bar = QMenuBar(self)
        self.setMenuBar(bar)
        std = QKeySequence.StandardKey
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&New visit…"), self._new, std.New)
        self._action(file_menu, _("&Open…"), self._open, std.Open)
        self.recent_menu = file_menu.addMenu(_("Open recen&t"))
        self._fill_recent()
        file_menu.addSeparator()
        self._action(file_menu, _("Save a cop&y as…"), self._save_copy, std.SaveAs)
        file_menu.addSeparator()
        self._encryption_entries(file_menu)
        file_menu.addSeparator()
        add_sharing_entries(self, file_menu.addMenu(_("Shared &visit")), self.controller, self.live)
        file_menu.addSeparator()
        self._action(file_menu, _("Import &roster…"), self._import_roster, "Ctrl+Shift+R")
        self._action(file_menu, _("&Import calendar…"), self._import_calendar, "Ctrl+Shift+I")
        file_menu.addSeparator()
        exports = file_menu.addMenu(_("&Export"))
        self._action(exports, _("&Briefing book (PDF)…"), self._briefing, "Ctrl+P")
        self._action(exports, _("&Calendars (ICS)…"), self._export_calendars, "Ctrl+Shift+E")
        self._action(exports, _("&Publish calendars (CalDAV)…"), self._publish_calendars)
        self._action(exports, _("R&oster (CSV, XLSX)…"), self._export_roster)
        file_menu.addSeparator()
        self._action(file_menu, _("&Close"), self.close, std.Close)
        self._action(file_menu, _("&Quit"), self.close, std.Quit)

        edit_menu = bar.addMenu(_("&Edit"))
        undo = self.controller.undo_stack.createUndoAction(edit_menu, _("&Undo"))
        undo.setShortcut(QKeySequence(std.Undo))
        redo = self.controller.undo_stack.createRedoAction(edit_menu, _("&Redo"))
        redo.setShortcut(QKeySequence(std.Redo))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        edit_menu.addSeparator()
        self._action(edit_menu, _("&Find"), self.find_in_page, std.Find)
        self._action(edit_menu, _("Hi&story…"), self.show_history)
        edit_menu.addSeparator()
        preferences = self._action(
            edit_menu, _("&Preferences…"), self._preferences, std.Preferences
        )
        preferences.setObjectName("preferences")

        view_menu = bar.addMenu(_("&View"))
        for number, (key, _title) in enumerate(PAGES, start=1):
            entry = _(PAGE_MENU_ENTRIES[key])
            shortcut = f"Ctrl+{number}" if number <= 9 else None  # Ctrl+1 to Ctrl+9
            self._action(view_menu, entry, self._page_opener(key), shortcut)

        versions_menu = bar.addMenu(_("Ve&rsions"))
        issue = self._action(versions_menu, _("&Issue version…"), self._issue_version)
        issue.setEnabled(not self.controller.read_only)

        help_menu = bar.addMenu(_("&Help"))
        self._action(help_menu, _("&Manual"), self.show_manual, std.HelpContents)
        self._action(help_menu, _("&About VisitPlanner"), self._about)

    def show_manual(self) -> None:
        """Help > Manual (F1): the manual, at the section of the page shown."""
        from visitplanner.ui.shell.manual import open_manual

        open_manual(self, PAGES[max(0, self.nav.currentRow())][0])

    def _issue_version(self) -> None:
        """Versions > Issue version: the Versions page, and its note dialog."""
        page = self.show_page("versions")
        ask = getattr(page, "ask_and_issue", None)
        if callable(ask):
            ask()

    def _page_opener(self, key: str) -> Callable[[], object]:
        return lambda: self.show_page(key)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.settings.recent_visits if p != self._path()]
        for path in recent:
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self._open_path(p))
        self.recent_menu.setEnabled(bool(recent))

    # -- what the window shows --------------------------------------------------

    def _path(self) -> Path | None:
        path = self.controller.session.path
        return path.resolve() if path else None

    def _on_change(self, change: Change) -> None:
        self._update_title()
        self._show_counts()

    def _update_title(self) -> None:
        self.setWindowTitle(window_title(self.controller.session))

    def _show_counts(self) -> None:
        data = self.controller.data
        self.statusBar().showMessage(
            _("People: {people}, events: {events}. Every change is saved as it is made.").format(
                people=len(data.people), events=len(data.events)
            )
        )

    def _ensure_page(self, key: str) -> QWidget:
        """The page `key`, made now if it was not yet."""
        page = self.pages.get(key)
        if page is None:
            index = [k for k, _title in PAGES].index(key)
            page = self._make_page(key)
            # No page may make the window wider than it is (a page whose texts are long
            # in Ukrainian once widened it past a laptop's screen, and it was remembered).
            policy = page.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
            page.setSizePolicy(policy)
            self.pages[key] = page
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
        return page

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self._ensure_page(PAGES[row][0])
            self.stack.setCurrentIndex(row)

    def show_page(self, key: str) -> QWidget:
        """Show the page `key` ("programme", "roster" ...)."""
        index = [k for k, _title in PAGES].index(key)
        page = self._ensure_page(key)
        self.nav.setCurrentRow(index)
        self.stack.setCurrentIndex(index)
        return page

    def go_to(self, kind: str, ident: str) -> None:
        """Show the thing a finding is about: an event, a person, a venue, a vehicle, a
        movement's car plan, or a gift."""
        page_key = {
            "event": "programme",
            "person": "roster",
            "venue": "venues",
            "vehicle": "vehicles",
            "movement": "vehicles",
            "gift": "gifts",
            "stay": "rooming",
        }.get(kind)
        if page_key is None:
            return
        page = self.show_page(page_key)
        # Each page selects in its own words; none is imported here for this.
        method = {
            "event": "select",
            "person": "select_person",
            "venue": "select_venue",
            "vehicle": "select_vehicle",
            "movement": "select_movement",
            "gift": "select_gift",
            "stay": "select_stay",
        }[kind]
        select = getattr(page, method, None)
        if callable(select):
            select(ident)

    def find_in_page(self) -> None:
        """Edit > Find: put the cursor in the current page's filter."""
        page = self.stack.currentWidget()
        focus = getattr(page, "focus_filter", None)
        if callable(focus):
            focus()

    def _show_received(self, received: object) -> None:
        tell_received(self, self.controller, received)

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, _("The change was not made"), message)

    # -- file actions -----------------------------------------------------------

    def _new(self) -> None:
        if self._new_visit is not None:
            self._new_visit()

    def _open(self) -> None:
        current = self._path()
        folder = str(current.parent) if current else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Open a visit"), folder, _("Visits (*.visit);;All files (*)")
        )
        if chosen:
            self._open_path(Path(chosen))

    def open_path(self, path: Path) -> None:
        """Open the visit at `path` in this window (a shared visit just joined)."""
        self._open_path(path)

    def _open_path(self, path: Path) -> None:
        if self._open_visit is not None:
            self._open_visit(path)

    def _save_copy(self) -> None:
        current = self._path()
        folder = current.parent if current else Path.home()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy as"), str(folder), _("Visits (*.visit)")
        )
        if not chosen:
            return
        target = Path(chosen if chosen.endswith(".visit") else chosen + ".visit")
        if target.resolve() == self._path():
            QMessageBox.warning(
                self, _("Save a copy as"), _("Choose another file than the visit itself.")
            )
            return
        try:
            save_copy(self.controller.session, target)
        except VisitPlannerError as exc:
            QMessageBox.warning(self, _("Save a copy as"), exc.message)
            return
        self.statusBar().showMessage(_("A copy was saved to {path}.").format(path=target), 8000)

    def _encryption_entries(self, menu: QMenu) -> None:
        """File > Encrypt…, Change passphrase…, Remove encryption… (the one that fits)."""
        from visitplanner.services.encryption import is_encrypted

        session = self.controller.session
        path = session.path
        try:
            encrypted = path is not None and is_encrypted(path)
        except VisitPlannerError:
            encrypted = False
        entries = (
            (_("Encry&pt…"), "encrypt", not encrypted),
            (_("Change passphr&ase…"), "rekey", encrypted),
            (_("Re&move encryption…"), "decrypt", encrypted),
        )
        for text, change, fits in entries:
            action = self._action(menu, text, self._encryption_slot(change))
            action.setObjectName(f"encryption-{change}")
            action.setEnabled(fits and not session.read_only and self._reopen_visit is not None)

    def _encryption_slot(self, change: str) -> Callable[[], None]:
        from visitplanner.ui.shell.passphrase import change_encryption

        return lambda: change_encryption(self, self.controller.session, change, self._reopen_visit)

    def _import_calendar(self) -> None:
        from visitplanner.ui.exchange.calendars import import_calendar_dialog

        import_calendar_dialog(self, self.controller.session, apply=self._apply_quietly)

    def _apply_quietly(self, operation: Operation) -> bool:
        return self.controller.apply(operation, self)

    def _import_roster(self) -> None:
        from visitplanner.ui.exchange.roster_import import import_roster_dialog

        import_roster_dialog(self, self.controller.session, apply=self._apply_quietly)

    def _export_roster(self) -> None:
        from visitplanner.ui.exchange.roster_export import export_roster_dialog

        export_roster_dialog(self, self.controller.session)

    def _briefing(self) -> None:
        from visitplanner.ui.exchange.briefing import briefing_dialog

        briefing_dialog(self, self.controller.session)

    def _export_calendars(self) -> None:
        from visitplanner.ui.exchange.calendars import export_calendar_dialog

        export_calendar_dialog(self, self.controller.session)

    def _publish_calendars(self) -> None:
        from visitplanner.ui.exchange.publish import publish_calendar_dialog

        publish_calendar_dialog(self, self.controller.session)

    def _preferences(self) -> None:
        dialog = PreferencesDialog(self.settings.language, self)
        if dialog.exec() and self._change_language is not None:
            self._change_language(dialog.chosen_language())

    def _about(self) -> None:
        QMessageBox.about(self, _("About VisitPlanner"), about_text())

    def closeEvent(self, event: QCloseEvent) -> None:
        # Nothing to save: every edit is in the file already.
        self.live.stop()
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.settings.sync()
        super().closeEvent(event)
