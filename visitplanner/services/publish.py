"""Publish calendars to a CalDAV server, so that phones subscribed to them update.

The calendars are those of an export (`services.calendars`): the whole visit, a
delegation, a person, or one per person, in a language and a profile. Each is a
calendar collection on the server, under the folder the user gives (`PublishTarget`),
named from the visit's, the calendar's and the variant's ids so that it stays the same
when titles change, and shown under the file's title. Each event is a resource
"<UID>.ics": a calendar holding that event alone with its time zones, the bytes of the
file export, at the same SEQUENCE.

What the server holds is remembered per collection and resource (`PublishedResource`:
the ETag it gave and a digest of the event sent, but DTSTAMP), in small batches as soon
as it accepted them, so that a publish cut short resumes without sending twice. A
second publish sends only what changed (If-Match on the ETag), new events on condition
that the server has none yet (If-None-Match: *), and deleted events and people taken
off as CANCELLED (never deleted: phones must see the cancellation). An event cancelled
before it ever reached a collection is not sent to it. A 412 on a new resource is a
publish cut short after the server accepted it: it is replaced. A 412 on a known one
means someone changed it on the server: publishing stops, says so, and the next publish
puts the visit's version back. The calendars' memory (sequences, what each calendar
held) is remembered as an export's, with the first batch the server accepted.

Nothing here needs the window: `publish` runs in the calling thread, with a session
of its own when that is a worker thread (open the visit again there), and reports to a
`Progress`, which may cancel it between two resources.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final
from urllib.parse import urlsplit

from visitplanner.domain.calendars import UTC, CalendarItem, Scope
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import PublishedResource, VisitData
from visitplanner.exports.caldav_client import (
    CaldavClient,
    PasswordSource,
    PublishError,
    same_event,
)
from visitplanner.exports.ics import CalendarWriter, event_uid
from visitplanner.i18n import _
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import (
    CalendarFile,
    ExportPlan,
    ExportRequest,
    plan_export,
    remember_export,
    render_items,
)
from visitplanner.services.progress import Progress, silent
from visitplanner.services.visit_files import calendar_ghosts

__all__ = [
    "PublishError",
    "PublishResult",
    "PublishTarget",
    "Subscription",
    "collection_urls",
    "publish",
]

log = logging.getLogger(__name__)

#: What the server accepted is written to the visit file after this many resources,
#: or this many seconds, whichever comes first.
BATCH: Final = 50
BATCH_SECONDS: Final = 2.0
#: How many resources are sent at once (connections to the server).
WORKERS: Final = 4
_STAMP: Final = re.compile(rb"\r\nDTSTAMP:[0-9TZ]+\r\n")


@dataclass(frozen=True, slots=True)
class PublishTarget:
    """Where to publish: the folder of a CalDAV account where its calendars are made
    (Radicale "https://host/user/", Nextcloud ".../remote.php/dav/calendars/user/"),
    and the user name when the server asks for a login."""

    url: str
    user: str | None = None

    @property
    def home(self) -> str:
        """The folder's address, checked, ending with "/"."""
        parts = urlsplit(self.url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(
                _("not the address of a CalDAV server (https://...): {url}").format(url=self.url)
            )
        if parts.username or parts.password:
            raise InputError(_("give the user name with --user, not in the address"))
        home = parts.geturl()
        return home if home.endswith("/") else home + "/"


@dataclass(frozen=True, slots=True)
class Subscription:
    """One published calendar: its title in apps, whose it is, and its address (to put
    on a phone: DAVx5, iOS "Add CalDAV account", Thunderbird)."""

    title: str
    scope: Scope
    url: str

    @property
    def webcal(self) -> str:
        """The read-only subscription address of the calendar as one .ics (webcal), for
        apps that only subscribe; given where the server serves a collection whole."""
        return "webcal://" + self.url.split("://", 1)[1]


@dataclass(slots=True)
class PublishResult:
    """What a publish did: its calendars, how many it made, and how many events it
    sent (of which cancelled) or left as the server had them."""

    calendars: list[Subscription]
    made: int = 0
    sent: int = 0
    cancelled: int = 0
    unchanged: int = 0
    #: Whether the server gives each calendar whole as one .ics (a GET on it): then
    #: its webcal address subscribes apps that read no CalDAV.
    webcal: bool = False


def collection_slug(data: VisitData, scope: Scope, variant: str) -> str:
    """The last segment of a calendar's address: stable ids, never titles, so that a
    renamed visit or person keeps their calendar ("1a2b3c4d-person-5e6f7a8b-fr-shareable")."""
    parts = [data.visit.id[:8], str(scope.kind)]
    if scope.ident is not None:
        parts.append(scope.ident[:8])
    parts.extend(variant.split("/"))
    return "-".join(parts)


def _subscriptions(data: VisitData, plan: ExportPlan, home: str) -> list[Subscription]:
    return [
        Subscription(
            item.title,
            item.contents.scope,
            f"{home}{collection_slug(data, item.contents.scope, plan.variant)}/",
        )
        for item in plan.files
    ]


def collection_urls(
    data: VisitData, request: ExportRequest, target: PublishTarget
) -> list[Subscription]:
    """The address of each calendar a publish makes (per person with `per_person`),
    without asking the server anything: what the window shows to put on phones."""
    plan = plan_export(data, request)
    return _subscriptions(data, plan, target.home)


def resource_digest(vevent: bytes, title: str) -> str:
    """The fingerprint of a resource: its event as written (but DTSTAMP, which every
    publish renews) and the calendar's name; the rest of the resource (its time zones,
    the VisitPlanner version that wrote it) follows from them or says nothing to apps.
    Computed without writing the resource: 30,000 unchanged ones are not rendered."""
    payload = title.encode("utf-8") + b"\0" + _STAMP.sub(b"\r\n", vevent)
    return hashlib.sha256(payload).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class _Job:
    collection: str
    resource: str
    title: str
    item: CalendarItem
    writer: CalendarWriter
    digest: str
    known: PublishedResource | None

    @property
    def cancelled(self) -> bool:
        """Whether it goes out as cancelled."""
        return self.item.cancelled

    def body(self) -> bytes:
        """The resource: a calendar holding the event alone (written when sent)."""
        return self.writer.calendar([self.item], self.title)


@dataclass(slots=True)
class _Run:
    """One publish under way: what the server accepted and is not yet remembered."""

    session: VisitSession
    plan: ExportPlan
    accepted: list[PublishedResource] = field(default_factory=list)
    flushed_at: float = field(default_factory=time.monotonic)
    memory_saved: bool = False

    def accept(self, job: _Job, etag: str, digest: str | None = None) -> None:
        now = datetime.now(UTC).replace(microsecond=0)
        found = job.digest if digest is None else digest
        self.accepted.append(PublishedResource(job.collection, job.resource, etag, found, now))
        if len(self.accepted) >= BATCH or time.monotonic() - self.flushed_at > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Remember what the server accepted (and, the first time, the sequences)."""
        if self.accepted:
            rows, self.accepted = self.accepted, []
            with self.session.database.writing():
                self.session.repository.save_published(rows)
            if not self.memory_saved:
                self.remember_memory()
        self.flushed_at = time.monotonic()

    def remember_memory(self) -> None:
        """The calendars' memory, as an export's: only when it changed."""
        memory = self.session.data.calendars
        changed = bool(self.plan.marks) or any(
            item.contents.remembered != memory.sent.get(item.contents.scope.key, frozenset())
            or item.contents.dropped != memory.dropped.get(item.contents.scope.key, frozenset())
            for item in self.plan.files
        )
        if changed:
            remember_export(self.session, self.plan)
        self.memory_saved = True


def _jobs(
    writer: CalendarWriter,
    itemised: list[tuple[CalendarFile, list[CalendarItem]]],
    calendars: list[Subscription],
    published: dict[tuple[str, str], PublishedResource],
) -> Iterator[_Job | None]:
    """A job per resource to send; None for one the server has as it should."""
    for (item, items), calendar in zip(itemised, calendars, strict=True):
        held = item.contents.held
        for entry in items:
            resource = f"{event_uid(entry.event)}.ics"
            known = published.get((calendar.url, resource))
            if known is None and entry.event.id not in held:
                continue  # cancelled before this calendar ever had it: nothing to say
            digest = resource_digest(writer.vevent_bytes(entry), item.title)
            if known is not None and known.digest == digest:
                yield None
            else:
                yield _Job(calendar.url, resource, item.title, entry, writer, digest, known)


class _LostCalendar(Exception):
    """A calendar the server held is gone (deleted there): it is made again."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What the server did with a resource: accepted (its ETag), or holds another
    version changed there since (`conflict`, the ETag of that version)."""

    etag: str
    conflict: bool = False


def _put(client: CaldavClient, job: _Job) -> _Outcome:
    """Put one resource (in any thread: no visit file here)."""
    url = job.collection + job.resource
    body = job.body()
    reply = client.put(url, body, job.known.etag if job.known is not None else None)
    if reply.status in (404, 409) and not client.collection_exists(job.collection):
        raise _LostCalendar(job.collection)
    if reply.status == 412:
        held = client.get(url)
        if job.known is not None and not same_event(held.body, body):
            return _Outcome(held.etag, conflict=True)
        # A publish cut short after the server accepted this resource and before the
        # visit remembered it; the name is our UID: replaced, never duplicated.
        reply = client.put(url, body, held.etag or "")
    if reply.status >= 300:
        raise PublishError(
            _(
                "the calendar server {server} refused {url} (HTTP {status}): what it "
                "accepted is remembered; publish again later"
            ).format(server=client.server, url=url, status=reply.status)
        )
    return _Outcome(reply.etag or client.get(url).etag)


@dataclass(slots=True)
class _Sender:
    """Sends the jobs over a few connections at once; what the server accepted is
    remembered in the calling thread, the only one that writes the visit file."""

    client: CaldavClient
    run: _Run
    result: PublishResult
    failure: BaseException | None = None
    _local: threading.local = field(default_factory=threading.local)
    _clients: list[CaldavClient] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _own_client(self) -> CaldavClient:
        mine: CaldavClient | None = getattr(self._local, "client", None)
        if mine is None:
            mine = self._local.client = self.client.clone()
            with self._lock:
                self._clients.append(mine)
        return mine

    def _work(self, job: _Job) -> _Outcome:
        return _put(self._own_client(), job)

    def take(self, job: _Job, outcome: _Outcome) -> None:
        """Remember what the server did with `job`."""
        if outcome.conflict:
            self.run.accept(job, outcome.etag, "")  # the next publish replaces it
            if self.failure is None:
                self.failure = PublishError(
                    _(
                        "the calendar server {server} holds a version of {url} changed "
                        "there since the last publish: publish again to put back the "
                        "visit's version"
                    ).format(server=self.client.server, url=job.collection + job.resource)
                )
            return
        self.run.accept(job, outcome.etag)
        self.result.sent += 1
        self.result.cancelled += job.cancelled

    def send(self, todo: list[_Job], progress: Progress, workers: int) -> None:
        """Send every job; raise the first failure once what was sent is remembered."""
        if not todo:
            return
        progress.step(0, len(todo), todo[0].resource)
        # The first alone: a login the server asks for is asked once, here.
        self.take(todo[0], _put(self.client, todo[0]))
        done = 1
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="publish")
        futures = {pool.submit(self._work, job): job for job in todo[1:]}
        pending = set(futures)
        try:
            for future in as_completed(futures):
                pending.discard(future)
                self._settle(future, futures[future], pending)
                done += 1
                progress.step(done, len(todo), futures[future].resource)
        finally:
            for future in pending:
                future.cancel()
            pool.shutdown(wait=True)
            for future in pending:  # those under way when the work stopped
                self._settle(future, futures[future], set())
            for other in self._clients:
                other.close()
        if self.failure is not None:
            raise self.failure

    def _settle(self, future: Future[_Outcome], job: _Job, pending: set[Future[_Outcome]]) -> None:
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            self.take(job, future.result())
            return
        if self.failure is None:
            self.failure = error
        for other in pending:  # stop: the next publish goes on from what was remembered
            other.cancel()


def _ensure_collection(
    client: CaldavClient, calendar: Subscription, known: bool, result: PublishResult
) -> None:
    if known or client.collection_exists(calendar.url):
        return
    client.make_collection(calendar.url, calendar.title)
    result.made += 1
    log.info("made the calendar %s", calendar.url)


def publish(
    session: VisitSession,
    request: ExportRequest,
    target: PublishTarget,
    password: PasswordSource | None = None,
    progress: Progress | None = None,
    client: CaldavClient | None = None,
    workers: int = WORKERS,
) -> PublishResult:
    """Publish the calendars `request` asks for to `target`; return what was done.

    `password` is asked for the password when the server wants a login and neither the
    system keyring nor VISITPLANNER_CALDAV_PASSWORD has it. Raises PublishError (one
    line) when the server cannot be reached or refuses; what it accepted until then is
    remembered, and the next publish goes on from there.
    """
    if session.read_only:
        raise PublishError(
            _("the visit is open read-only: publishing must remember what the server holds")
        )
    progress = progress or silent()
    own_client = client is None
    client = client or CaldavClient(target.home, target.user, password)
    try:
        try:
            return _publish(session, request, target, progress, client, workers)
        except _LostCalendar as lost:
            # Deleted on the server: forget what it held, and send it all again.
            log.info("the calendar %s is gone from the server: made again", lost.url)
            with session.database.writing():
                session.repository.forget_published(lost.url)
            return _publish(session, request, target, progress, client, workers)
    except _LostCalendar as lost:
        raise PublishError(
            _(
                "the calendar server {server} keeps losing the calendar {url}: ask its "
                "administrator"
            ).format(server=client.server, url=lost.url)
        ) from lost
    finally:
        if own_client:
            client.close()


def _serves_whole(client: CaldavClient, url: str) -> bool:
    """Whether the server answers a GET on a calendar with the calendar as one .ics."""
    try:
        reply = client.get(url)
    except PublishError:
        return False
    return reply.status == 200 and reply.body.lstrip().startswith(b"BEGIN:VCALENDAR")


def _publish(
    session: VisitSession,
    request: ExportRequest,
    target: PublishTarget,
    progress: Progress,
    client: CaldavClient,
    workers: int,
) -> PublishResult:
    home = target.home
    data = session.data
    plan = plan_export(data, request, ghosts=calendar_ghosts(session))
    calendars = _subscriptions(data, plan, home)
    writer, itemised = render_items(data, plan, progress)
    published = session.repository.load_published(c.url for c in calendars)
    jobs = list(_jobs(writer, itemised, calendars, published))
    todo = [job for job in jobs if job is not None]
    result = PublishResult(calendars, unchanged=len(jobs) - len(todo))
    known_collections = {collection for collection, _resource in published}
    run = _Run(session, plan)
    try:
        for calendar in calendars:
            _ensure_collection(client, calendar, calendar.url in known_collections, result)
        _Sender(client, run, result).send(todo, progress, workers)
    finally:
        run.flush()
        if result.sent and not run.memory_saved:
            run.remember_memory()
    if not run.memory_saved and not todo:
        run.remember_memory()  # nothing to send; sequences or calendars may still move
    if calendars and (result.made or result.sent):  # a publish that sent nothing asks nothing
        result.webcal = _serves_whole(client, calendars[0].url)
    log.info(
        "published %d calendars: %d events sent, %d unchanged",
        len(calendars),
        result.sent,
        result.unchanged,
    )
    return result
