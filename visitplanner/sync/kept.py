"""A replica kept in its visit file: the shared document's state, how far the journal was
handed over, and the updates the server has not acknowledged, saved after each step.

A crash loses nothing: the journal is the visit file's, and whatever was not yet handed
over when it stopped is handed over at the next opening (an entry handed over twice sets
the same values again). Edits made by another program on the file, or by the window
while no sync ran, go out at the next sync alike.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from visitplanner.domain.values import zone
from visitplanner.operations.session import VisitSession
from visitplanner.storage.sync_rows import (
    SyncState,
    add_pending,
    forget_sync,
    load_sync_state,
    pending_count,
    save_sync_state,
)
from visitplanner.sync.document import Identity
from visitplanner.sync.replica import Replica

_UTC = zone("UTC")


def _now() -> datetime:
    return datetime.now(_UTC)


class KeptReplica:
    """A replica and its standing, saved in the visit file after each step."""

    def __init__(self, replica: Replica, state: SyncState) -> None:
        self.replica = replica
        self.state = state

    @classmethod
    def load(cls, session: VisitSession) -> KeptReplica | None:
        """The replica of the visit open in `session`, as last kept (None: not shared)."""
        state = load_sync_state(session.database.conn)
        if state is None:
            return None
        replica = Replica.join(session, state.state, Identity(state.officer, state.machine))
        replica.resume(state.handed_through, state.undo_states, state.received)
        replica.document.remember_my_writes(state.my_writes)
        replica.cut = set(state.cut_links)
        kept = cls(replica, state)
        if not state.in_step:
            # An update the kept document holds never reached the file: write it now.
            replica.in_step = False
            replica.resync()
            kept.save()
        return kept

    @classmethod
    def start(cls, replica: Replica, server: str, room: str) -> KeptReplica:
        """Keep a replica newly shared or joined, in step with the server now."""
        identity = replica.document.identity
        state = SyncState(
            server=server,
            room=room,
            officer=identity.officer,
            machine=identity.machine,
            state=b"",
            last_sync=_now(),
        )
        kept = cls(replica, state)
        replica.acknowledge()
        kept.save()
        return kept

    @property
    def waiting(self) -> int:
        """How many updates made here the server has not acknowledged."""
        return pending_count(self.replica.session.database.conn)

    def hand_over(self) -> int:
        """Hand over what the journal holds that the document has not had, and keep it
        (before any exchange: a server that cannot be reached loses nothing); how many
        updates that made."""
        made = self.replica.hand_over()
        self.save(made)
        return len(made)

    def save(self, made: list[bytes] | None = None, synced: bool = False) -> None:
        """Write the standing to the visit file, with `made` updates waiting, or none
        waiting any more when the server has just acknowledged everything (`synced`)."""
        seq, states, received = self.replica.progress()
        self.state = replace(
            self.state,
            state=self.replica.document.state(),
            handed_through=seq,
            undo_states=states,
            received=received,
            my_writes=self.replica.document.my_writes(),
            in_step=self.replica.in_step,
            cut_links=tuple(sorted(self.replica.cut)),
            last_sync=_now() if synced else self.state.last_sync,
        )
        database = self.replica.session.database
        with database.transaction():
            save_sync_state(database.conn, self.state)
            if synced:
                database.conn.execute("DELETE FROM sync_pending")
            elif made:
                add_pending(database.conn, made, _now())

    def forget(self) -> None:
        """The visit is no longer shared from this file."""
        database = self.replica.session.database
        with database.transaction():
            forget_sync(database.conn)
