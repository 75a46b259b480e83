"""The window's live link to the sync server: a shared visit open in the window stays in
step with its room while the officer works.

`LiveSharing` owns the replica of the window's own session (`KeptReplica`) and a
`sync.live.LiveLink` running on a thread of its own. After each change of the window's
(an edit, an undo, a redo, another program's edit seen in the file), what the journal
holds that the shared document has not had is handed over, kept in the visit file, and
pushed to the link, which sends it at once when online, on reconnection otherwise.
Another officer's update comes back to the GUI thread through a queued signal and is
written into the visit file through the one write path (`Replica.receive`: one journal
entry, not undoable), then every page is told as for any edit. When the server confirms
it holds everything pushed, nothing waits any more (`Replica.acknowledge`).

The token comes from the system keyring, or was typed once in this run (Share, Join,
Sync now, Work online) and is kept in memory only, never in the visit file.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _, ngettext
from visitplanner.services.sharing import kept_token, share_status
from visitplanner.sync.link_status import ConnectionStatus, LinkState
from visitplanner.ui.shell.controller import VisitController

if TYPE_CHECKING:
    from visitplanner.sync.kept import KeptReplica
    from visitplanner.sync.live import LiveLink
    from visitplanner.sync.replica import Received

log = logging.getLogger(__name__)

#: Tokens typed during this run, by (server, officer): in memory only.
_TYPED: dict[tuple[str, str], str] = {}

#: Seconds between attempts after a failure (the tests make them shorter).
RETRY_SECONDS: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)
#: Seconds between two looks at who else is connected.
PEERS_EVERY: float = 5.0


def remember_token(server: str, officer: str, token: str) -> None:
    """Keep a token typed in this run, in memory only, for the live link."""
    if token:
        _TYPED[(server, officer)] = token


def forget_token(server: str, officer: str) -> None:
    """Forget a token typed in this run (the server refused it)."""
    _TYPED.pop((server, officer), None)


def typed_token(server: str, officer: str) -> str | None:
    """The token typed in this run, if any."""
    return _TYPED.get((server, officer))


def known_token(server: str, officer: str) -> str | None:
    """The token typed in this run, else the one kept in the system keyring."""
    return _TYPED.get((server, officer)) or kept_token(server, officer)


class LiveSharing(QObject):
    """The live link of the visit open in the window (idle for a visit not shared, or
    while no token is known, or while the officer works offline)."""

    #: Where the link stands changed (a ConnectionStatus): the status bar reads again.
    status_changed = Signal(object)
    #: Another officer's changes came in (a Received): what to tell the officer.
    received = Signal(object)
    # From the link's thread (queued: handled on the GUI thread).
    _remote = Signal(bytes)
    # Each carries the number of the link it came from: a closed link's last words,
    # still queued when a new link starts, are not taken for the new one's.
    _status = Signal(int, object)
    _confirmed = Signal(int, int)

    def __init__(self, controller: VisitController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.status = ConnectionStatus()
        self.kept: KeptReplica | None = None
        self.link: LiveLink | None = None
        self._pushed = 0
        self._generation = 0
        self._remote.connect(self._take_in)
        self._status.connect(self._show_status)
        self._confirmed.connect(self._acknowledge)
        controller.changed.connect(self._after_change)

    @property
    def running(self) -> bool:
        """Whether the link is up (or trying to be)."""
        return self.link is not None

    @property
    def officer(self) -> str | None:
        """The officer this replica belongs to (None: not linked)."""
        return self.kept.state.officer if self.kept is not None else None

    def peers(self) -> tuple[str, ...]:
        """The other officers connected to the visit now."""
        me = (self.officer or "").casefold()
        return tuple(name for name in self.status.peers if name.casefold() != me)

    def start(self, token: str | None = None) -> bool:
        """Link the open visit to its room: False when it is not shared, read-only, or
        no token is known (given, typed in this run, or in the keyring)."""
        if self.link is not None:
            return True
        session = self.controller.session
        if session.closed or self.controller.read_only:
            return False
        try:
            shared = share_status(session)  # light: the network's libraries stay unloaded
        except VisitPlannerError:
            shared = None
        if shared is None:
            return False
        from visitplanner.sync.kept import KeptReplica
        from visitplanner.sync.live import LiveLink

        try:
            kept = KeptReplica.load(session)
        except VisitPlannerError as exc:
            log.warning("cannot read the shared visit's standing: %s", exc)
            return False
        if kept is None:
            return False
        server, officer = kept.state.server, kept.state.officer
        token = token or known_token(server, officer)
        if not token:
            return False
        remember_token(server, officer, token)
        self.kept = kept
        self._hand_over(push=False)  # kept in the file before any network
        self._pushed = 0
        self._generation += 1
        generation = self._generation
        self.status = ConnectionStatus(LinkState.SYNCING, last_sync=kept.state.last_sync)
        self.link = LiveLink(
            server,
            kept.state.room,
            token,
            kept.replica.document.state(),
            on_remote=self._remote.emit,
            on_status=lambda status: self._status.emit(generation, status),
            on_confirmed=lambda count: self._confirmed.emit(generation, count),
            retry_seconds=RETRY_SECONDS,
            peers_every=PEERS_EVERY,
        )
        self.link.start()
        self.status_changed.emit(self.status)
        return True

    def stop(self) -> None:
        """Close the link (the visit closes, or the officer works offline); what waits
        stays in the visit file and goes on the next sync."""
        link, self.link = self.link, None
        if link is not None:
            link.stop()
        self.kept = None
        self.status = ConnectionStatus()
        self.status_changed.emit(self.status)

    def confirm(self) -> None:
        """Connect again now if offline; have the server confirm what it holds."""
        if self.link is not None:
            self.link.confirm()

    # -- on the GUI thread --------------------------------------------------------------

    def _usable(self) -> KeptReplica | None:
        kept = self.kept
        if kept is None or self.link is None or self.controller.session.closed:
            return None
        if kept.replica.session is not self.controller.session:
            return None
        return kept

    def _hand_over(self, push: bool = True) -> None:
        """Hand over what the journal holds that the document has not had, keep it in
        the file, and push it to the link."""
        kept = self.kept
        if kept is None:
            return
        made = kept.replica.hand_over()
        if not made:
            return
        kept.save(made)
        if push and self.link is not None:
            for update in made:
                self._pushed = self.link.push(update)

    def _after_change(self, _change: object) -> None:
        if self._usable() is None:
            return
        try:
            self._hand_over()
        except VisitPlannerError as exc:
            log.warning("cannot hand the change over to the shared visit: %s", exc)

    def _take_in(self, update: bytes) -> None:
        kept = self._usable()
        if kept is None:
            return
        try:
            self._hand_over()  # this officer's first: nothing of theirs is left behind
            got: Received = kept.replica.receive(update)
            repairs = [got.incoming.update] if got.incoming.update else []
            kept.save(repairs)
            for repair in repairs:
                assert self.link is not None
                self._pushed = self.link.push(repair)
        except VisitPlannerError as exc:
            log.warning("cannot take in another officer's update: %s", exc)
            self._bring_in_step(kept)
            return
        shown = self.controller.announce()
        if got.change and not shown:
            self.controller.undo_stack.refresh()
            self.controller.changed.emit(got.change)
        self.status_changed.emit(self.status)
        if got.incoming or got.messages:
            self.received.emit(got)

    def _bring_in_step(self, kept: KeptReplica) -> None:
        """After an update whose writing failed: write into the visit file whatever
        differs from the shared document, then show it."""
        try:
            kept.replica.resync()
            kept.save()
        except VisitPlannerError as exc:
            log.warning("cannot bring the visit in step with the shared document: %s", exc)
        self.controller.look_for_outside_changes()
        self.controller.announce()

    def _show_status(self, generation: int, status: ConnectionStatus) -> None:
        if self.link is None or generation != self._generation:
            return
        self.status = status
        if status.state is LinkState.REFUSED and self.kept is not None:
            forget_token(self.kept.state.server, self.kept.state.officer)
        self.status_changed.emit(status)

    def _acknowledge(self, generation: int, count: int) -> None:
        kept = self._usable()
        if kept is None or generation != self._generation or count != self._pushed:
            return  # more went out since: their confirmation follows
        try:
            self._hand_over()
            if count != self._pushed:
                return
            kept.replica.acknowledge()
            kept.save(synced=True)
        except VisitPlannerError as exc:
            log.warning("cannot note the server's confirmation: %s", exc)
            return
        self.status = replace(self.status, last_sync=kept.state.last_sync)
        self.status_changed.emit(self.status)


def tell_received(window: QMainWindow, controller: VisitController, received: object) -> None:
    """Tell the officer, without stopping their work, what another officer's changes
    did: a word in the status bar, and the merge report (a window left open beside the
    main one) when a value of theirs was replaced or something was settled against them."""
    from visitplanner.services.sharing import SyncReport
    from visitplanner.sync.reports import who
    from visitplanner.ui.exchange.sharing import MergeReportDialog

    got = cast("Received", received)
    summary = ngettext(
        "Received {count} change from {who}.",
        "Received {count} changes from {who}.",
        got.incoming.count,
    ).format(count=got.incoming.count, who=who(got.incoming.authors))
    if not got.messages:
        window.statusBar().showMessage(summary, 10_000)
        return
    window.statusBar().showMessage(" ".join([summary, *got.messages]), 30_000)
    report = SyncReport(0, got.incoming.count, list(got.messages), tuple(got.incoming.conflicts))
    old = window.findChild(MergeReportDialog, "live-merge-report")
    if old is not None:
        old.close()
        old.deleteLater()
    dialog = MergeReportDialog(controller, summary, report, window, title=_("Merge report"))
    dialog.setObjectName("live-merge-report")
    dialog.setModal(False)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
