"""The status bar's word on where a shared visit stands: online, syncing, offline with
changes waiting, or its token refused; the last sync; who else is connected. Read again
after every change (the window's or another program's) and every change of the link."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _, format_date, format_time, ngettext
from visitplanner.services.sharing import share_status
from visitplanner.sync.link_status import LinkState
from visitplanner.ui.exchange.live import LiveSharing
from visitplanner.ui.shell.controller import VisitController


def _when(last_sync: datetime | None) -> str:
    """The time of a sync as the status bar says it (its day too when not today)."""
    if last_sync is None:
        return _("never")
    local = last_sync.astimezone()
    when = format_time(local)
    if local.date() != datetime.now(local.tzinfo).date():  # not today: its day too
        when = f"{format_date(local.date(), 'd MMM')} {when}"
    return when


def _live_text(state: LinkState, when: str, waiting: int) -> str:
    """Where a live link stands, in words: its state, the last sync, what waits."""
    if state is LinkState.ONLINE:
        if not waiting:
            return _("Online · last sync {time} · nothing waiting").format(time=when)
        return ngettext(
            "Online · last sync {time} · sending {count} change",
            "Online · last sync {time} · sending {count} changes",
            waiting,
        ).format(time=when, count=waiting)
    if state is LinkState.SYNCING:
        if not waiting:
            return _("Syncing… · last sync {time} · nothing waiting").format(time=when)
        return ngettext(
            "Syncing… · last sync {time} · {count} change waiting",
            "Syncing… · last sync {time} · {count} changes waiting",
            waiting,
        ).format(time=when, count=waiting)
    if state is LinkState.REFUSED:
        if not waiting:
            return _("Token refused: give it again with Sync now (Ctrl+Shift+Y)")
        return ngettext(
            "Token refused: give it again with Sync now (Ctrl+Shift+Y) · {count} change waiting",
            "Token refused: give it again with Sync now (Ctrl+Shift+Y) · {count} changes waiting",
            waiting,
        ).format(count=waiting)
    if not waiting:
        return _("Offline · last sync {time} · nothing waiting").format(time=when)
    return ngettext(
        "Offline · {count} change waiting · last sync {time}",
        "Offline · {count} changes waiting · last sync {time}",
        waiting,
    ).format(time=when, count=waiting)


def status_text(controller: VisitController, live: LiveSharing | None = None) -> str:
    """Where a shared visit stands, for the status bar ("" for a visit not shared):
    the live link's state when it runs, and who else is connected."""
    if controller.session.closed:
        return ""
    try:
        status = share_status(controller.session)
    except VisitPlannerError:
        return ""
    if status is None:
        return ""
    if live is None or not live.running:
        when = _when(status.last_sync)
        if status.waiting:
            return ngettext(
                "Shared · last sync {time} · {count} change waiting",
                "Shared · last sync {time} · {count} changes waiting",
                status.waiting,
            ).format(time=when, count=status.waiting)
        return _("Shared · last sync {time} · nothing waiting").format(time=when)
    link = live.status
    times = [t for t in (status.last_sync, link.last_sync) if t is not None]
    text = _live_text(link.state, _when(max(times) if times else None), status.waiting)
    peers = live.peers()
    if peers and link.state is LinkState.ONLINE:
        text += " · " + _("also here: {names}").format(names=", ".join(peers))
    return text


class SharingStatus(QLabel):
    """The status bar's word on where a shared visit stands (empty for one not shared),
    read again after every change, the window's or another program's, and whenever the
    live link's state moves."""

    def __init__(
        self,
        controller: VisitController,
        parent: QWidget | None = None,
        live: LiveSharing | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.live = live
        self.setAccessibleName(_("Where the shared visit stands"))
        controller.changed.connect(self._changed)
        if live is not None:
            live.status_changed.connect(self._changed)
        self.refresh()

    def _changed(self, _what: object) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Read the standing again."""
        self.setText(status_text(self.controller, self.live))
        error = self.live.status.error if self.live is not None and self.live.running else None
        self.setToolTip(error or "")
