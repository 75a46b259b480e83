"""Sharing a visit between officers: put it on a sync server (`share_visit`), make a
replica of it from an invitation (`join_visit`), and bring a replica in step (`sync_visit`).

The exchange runs on a copy of the replica's document: the server is sent what it lacks
and gives what this replica lacks; what it gave then comes into the visit file as one
operation through the one write path (`Replica.receive`), so the journal, the revisions,
the checks and the window see it as any edit. Tokens are never kept in the visit file.
"""

from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import urlsplit

from visitplanner.domain.checks import Finding, finding_lines
from visitplanner.domain.errors import InputError
from visitplanner.domain.plan_checker import PlanChecker, snapshot
from visitplanner.i18n import _, ngettext
from visitplanner.operations.session import PROGRAM_COMMAND_LINE, VisitSession
from visitplanner.storage import journal
from visitplanner.storage.sync_rows import load_sync_state, pending_count

if TYPE_CHECKING:
    from pycrdt import Doc

    from visitplanner.domain.model import VisitData
    from visitplanner.operations.edits import SaveEntity
    from visitplanner.sync.client import ExchangeResult
    from visitplanner.sync.document import Conflict
    from visitplanner.sync.replica import Replica

#: Seconds an exchange with the sync server may take.
DEFAULT_TIMEOUT: Final = 30.0


@dataclass(frozen=True)
class Invitation:
    """Where a shared visit is: the server's address and the visit's room on it. It holds
    no token: each officer joins with their own."""

    server: str
    room: str

    def __str__(self) -> str:
        return f"{self.server.rstrip('/')}/{self.room}"

    @classmethod
    def parse(cls, text: str) -> Invitation:
        """An invitation as `share` prints it ("wss://server:8765/ROOM")."""
        text = text.strip()
        parts = urlsplit(text)
        server, _sep, room = text.rstrip("/").rpartition("/")
        if parts.scheme not in ("ws", "wss", "http", "https") or not parts.netloc:
            raise InputError(
                _(
                    "not an invitation to a shared visit: {text} (expected wss://SERVER/VISIT)"
                ).format(text=text)
            )
        try:
            uuid.UUID(room)
        except ValueError:
            raise InputError(
                _(
                    "not an invitation to a shared visit: {text} "
                    "(it does not end with the visit's id)"
                ).format(text=text)
            ) from None
        return cls(server, room)


@dataclass(frozen=True)
class SyncReport:
    """What a sync did: updates sent and changes received, what to tell the officer."""

    sent: int
    received: int
    messages: list[str] = field(default_factory=list)
    #: This officer's values the merge replaced, each told by the message of the same
    #: place in `messages`; `restore_value` sets one back.
    conflicts: tuple[Conflict, ...] = ()
    #: What the plan checks find in the merged visit that they did not find before it
    #: (two officers who each booked the minister at 10:00: a double booking).
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ShareStatus:
    """Where a shared visit stands, as the window shows it."""

    server: str
    room: str
    officer: str
    last_sync: datetime | None
    #: Changes made here (in this file, by any program) the server has not had.
    waiting: int


def share_status(session: VisitSession) -> ShareStatus | None:
    """Where the visit open in `session` stands with its sync server (None: not shared)."""
    conn = session.database.conn
    state = load_sync_state(conn, document=False)  # read after every edit: no blob
    if state is None:
        return None
    later = journal.done_after(conn, state.handed_through)
    waiting = sum(1 for seq in later if seq not in state.received)
    return ShareStatus(
        server=state.server,
        room=state.room,
        officer=state.officer,
        last_sync=state.last_sync,
        waiting=pending_count(conn) + waiting,
    )


#: The system keyring's service under which officers' sync tokens are kept.
KEYRING_SERVICE: Final = "VisitPlanner sync"


def kept_token(server: str, officer: str) -> str | None:
    """The token kept in the system keyring for `officer` on `server`, if any."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, f"{officer}@{server}")
    except Exception:  # noqa: BLE001 - no keyring on this machine: the token is asked
        return None


def keep_token(server: str, officer: str, token: str) -> bool:
    """Keep the token in the system keyring (never in the visit file); False if there
    is no keyring to keep it."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, f"{officer}@{server}", token)
    except Exception:  # noqa: BLE001 - no keyring on this machine
        return False
    return True


def this_machine() -> str:
    """The name this machine goes by in the history of a shared visit."""
    return socket.gethostname() or "?"


def _exchange(doc: Doc[Any], server: str, room: str, token: str, timeout: float) -> ExchangeResult:
    # The network's libraries are loaded only to sync: the window starts as fast.
    import anyio

    from visitplanner.sync.client import exchange

    run: Callable[[], Coroutine[Any, Any, ExchangeResult]] = lambda: exchange(  # noqa: E731
        doc, server, room, token, timeout=timeout
    )
    return anyio.run(run)


def _copy(replica: Replica) -> tuple[Doc[Any], bytes]:
    """A copy of the replica's document to exchange, and the document's state vector."""
    from pycrdt import Doc

    doc: Doc[Any] = Doc()
    doc.apply_update(replica.document.state())
    return doc, replica.document.state_vector()


def share_visit(
    path: Path,
    server: str,
    token: str,
    officer: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    program: str = PROGRAM_COMMAND_LINE,
) -> Invitation:
    """Put the visit at `path` on the server at `server`, its room named by the visit's
    id, and keep the visit file a replica of it; the invitation other officers join by."""
    from visitplanner.sync.document import Identity
    from visitplanner.sync.kept import KeptReplica
    from visitplanner.sync.replica import Replica

    session = VisitSession.open(path, program=program)
    try:
        if KeptReplica.load(session) is not None:
            raise InputError(
                _("{path}: this visit is shared already; use `visitplanner sync`").format(path=path)
            )
        replica = Replica.share(session, Identity(officer, this_machine()))
        room = session.data.visit.id
        doc, _vector = _copy(replica)
        _exchange(doc, server, room, token, timeout)
        KeptReplica.start(replica, server, room)
        return Invitation(server, room)
    finally:
        session.close()


def join_visit(
    invitation: Invitation,
    path: Path,
    token: str,
    officer: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
) -> str:
    """Make a replica of the shared visit at `path` (which must not exist); the visit's
    title."""
    from pycrdt import Doc

    from visitplanner.sync.document import Identity
    from visitplanner.sync.kept import KeptReplica
    from visitplanner.sync.replica import Replica

    if path.exists():
        raise InputError(
            _("{path}: the file already exists; choose another name").format(path=path)
        )
    doc: Doc[Any] = Doc()
    result = _exchange(doc, invitation.server, invitation.room, token, timeout)
    if not result.received:
        raise InputError(
            _("no visit is shared at {invitation}: ask the officer who shared it").format(
                invitation=invitation
            )
        )
    replica = Replica.create(path, doc.get_update(), Identity(officer, this_machine()))
    try:
        KeptReplica.start(replica, invitation.server, invitation.room)
        return replica.session.data.visit.title.get(replica.session.data.visit.main_language)
    finally:
        replica.session.close()


def sync_visit(
    path: Path, token: str, *, timeout: float = DEFAULT_TIMEOUT, program: str = PROGRAM_COMMAND_LINE
) -> SyncReport:
    """Send the server what this replica changed, bring in what others changed; what
    was changed here is kept waiting when the server cannot be reached."""
    from visitplanner.sync.kept import KeptReplica

    session = VisitSession.open(path, program=program)
    try:
        kept = KeptReplica.load(session)
        if kept is None:
            raise InputError(
                _("{path}: this visit is not shared; share it first (visitplanner share)").format(
                    path=path
                )
            )
        kept.hand_over()  # kept before the network: nothing is lost if it fails
        sent = kept.waiting
        doc, vector = _copy(kept.replica)
        # The checks of the visit before the merge run while the network is waited for:
        # after it, only what the merge changed is checked again.
        # Stopped as soon as it is not needed: the exchange failed, or brought nothing.
        checker = PlanChecker()
        stop = threading.Event()

        def step(_done: int, _total: int) -> None:
            if stop.is_set():
                raise _ChecksNotNeeded

        before: list[Finding] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="checks") as pool:
            checking = pool.submit(checker.run, snapshot(session.data), step)
            try:
                result = _exchange(doc, kept.state.server, kept.state.room, token, timeout)
            except BaseException:
                stop.set()
                raise
            if result.changed:
                before = checking.result()
            else:
                stop.set()
        theirs = doc.get_update(vector)
        received = kept.replica.receive(theirs)
        if received.incoming.update:
            # The merge mended what it left inconsistent (a seat freed, a dependent
            # deleted): the server and the other officers get the mend too.
            doc, _vector = _copy(kept.replica)
            _exchange(doc, kept.state.server, kept.state.room, token, timeout)
        kept.replica.acknowledge()
        kept.save(synced=True)
        found: tuple[Finding, ...] = ()
        if received.incoming.count and before is not None:
            found = new_findings(checker, before, session.data)
        return SyncReport(
            sent,
            received.incoming.count,
            received.messages,
            tuple(received.incoming.conflicts),
            found,
        )
    finally:
        session.close()


class _ChecksNotNeeded(Exception):
    """Stops the checks of the visit before a merge that brought nothing."""


def new_findings(
    checker: PlanChecker, before: list[Finding], data: VisitData
) -> tuple[Finding, ...]:
    """What the plan checks find in `data` (the visit after a merge) that they did not
    find in the visit `checker` last ran on (`before`, its findings): what the merge
    brought, the only units checked again those whose entities changed."""
    known = set(before)
    return tuple(f for f in checker.run(snapshot(data)) if f not in known)


def findings_told(findings: Sequence[Finding]) -> list[str]:
    """What the officer is told of the problems a merge brought: a line saying how many,
    then each as `check` prints it (nothing when there are none)."""
    if not findings:
        return []
    head = ngettext(
        "The plan checks find {count} new problem in the merged visit:",
        "The plan checks find {count} new problems in the merged visit:",
        len(findings),
    ).format(count=len(findings))
    return [head, *finding_lines(findings)]


def shared_status(path: Path) -> ShareStatus | None:
    """Where the visit at `path` stands with its sync server (None: not shared), read
    without writing to the file."""
    session = VisitSession.open(path, read_only=True)
    try:
        return share_status(session)
    finally:
        session.close()


def restore_value(data: VisitData, conflict: Conflict) -> SaveEntity:
    """The edit that sets back this officer's value a merge replaced (undoable; it goes
    to the others at the next sync)."""
    from visitplanner.sync.replica import restore_operation

    return restore_operation(data, conflict)
