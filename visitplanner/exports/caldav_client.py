"""A CalDAV server (RFC 4791) as publishing needs it: calendars made where missing,
events put one resource each, on condition of the ETag last seen.

Built on the `caldav` library: MKCALENDAR (with the display name) and PROPFIND are
its own; PUT and GET go through its client's `request`, which keeps its login
negotiation, so that the ETag headers are ours to set and read (`If-Match` on the ETag
remembered, `If-None-Match: *` for a resource the server should not hold yet).

No credentials are sent until the server asks for them (401); a password is then
taken from the system keyring or the environment, else asked for once
(`PasswordSource`). HTTPS certificates are always verified. Every
failure the user can act on is a `PublishError` with one line naming the server and
what to do; a 412 is an answer (`Reply`), left for publishing to decide.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

import niquests
from caldav.collection import CalendarSet
from caldav.davclient import DAVClient
from caldav.lib import error as dav_error
from icalendar import Calendar

from visitplanner.domain.errors import VisitPlannerError
from visitplanner.i18n import _

log = logging.getLogger(__name__)

#: The system keyring's service under which passwords are kept ("user@url" as user).
KEYRING_SERVICE: Final = "visitplanner-caldav"
#: The variable a script gives the password in.
PASSWORD_VARIABLE: Final = "VISITPLANNER_CALDAV_PASSWORD"
_TIMEOUT: Final = 60
_CALENDAR: Final = {"Content-Type": "text/calendar; charset=utf-8"}

#: Asked for the password of a user on a server (user, server), when the server asks
#: for one; None when there is none to give.
PasswordSource = Callable[[str, str], str | None]

T = TypeVar("T")


class PublishError(VisitPlannerError):
    """Publishing stopped: the server cannot be reached, refused the login or the work.
    What the server accepted before is remembered; the next publish goes on."""


def same_event(held: bytes, sent: bytes) -> bool:
    """Whether a resource as the server gives it back says what `sent` says, but for
    DTSTAMP (servers write calendars again in their own way: compared as read)."""

    def lines(payload: bytes) -> list[bytes] | None:
        try:
            events = Calendar.from_ical(payload).walk("VEVENT")
        except ValueError:
            return None
        if len(events) != 1:
            return None
        written = bytes(events[0].to_ical()).replace(b"\r\n ", b"").split(b"\r\n")
        return sorted(line for line in written if not line.startswith(b"DTSTAMP"))

    found = lines(held)
    return found is not None and found == lines(sent)


def server_of(url: str) -> str:
    """The server part of an address ("https://cal.example.org:8443"), for messages."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{f':{parts.port}' if parts.port else ''}"


def stored_password(user: str, url: str) -> str | None:
    """The password kept for `user` at `url`: in the system keyring (service
    "visitplanner-caldav", user "user@url"), else in VISITPLANNER_CALDAV_PASSWORD."""
    try:
        import keyring
        import keyring.errors

        try:
            found = keyring.get_password(KEYRING_SERVICE, f"{user}@{url}")
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            log.info("no system keyring to read the password from: %s", exc)
            found = None
    except ImportError:
        found = None
    return found or os.environ.get(PASSWORD_VARIABLE) or None


@dataclass(frozen=True, slots=True)
class Reply:
    """The server's answer to a PUT or GET: its status, the resource's ETag, the body."""

    status: int
    etag: str
    body: bytes = b""


class CaldavClient:
    """One CalDAV account: the folder (`home`) where its calendars are made."""

    def __init__(
        self,
        home: str,
        user: str | None = None,
        password: PasswordSource | None = None,
        timeout: int = _TIMEOUT,
    ) -> None:
        self.home = home if home.endswith("/") else home + "/"
        self.server = server_of(self.home)
        self.user = user
        self._password = password
        self._timeout = timeout
        # A password kept for the user is sent when the server asks (one 401 later);
        # none is typed until the server asks for a login.
        self._word = stored_password(user, self.home) if user else None
        self._logged_in = self._word is not None
        self._dav = self._connect(self._word)

    def clone(self) -> CaldavClient:
        """Another client for the same account, with the password already given (for a
        connection of its own in another thread)."""
        other = CaldavClient.__new__(CaldavClient)
        other.home, other.server, other.user = self.home, self.server, self.user
        other._password, other._timeout = self._password, self._timeout
        other._word, other._logged_in = self._word, self._logged_in
        other._dav = other._connect(self._word)
        # The login this one negotiated (Basic, Digest...): sent at once, no 401 first.
        other._dav.auth = self._dav.auth
        return other

    def _connect(self, password: str | None) -> DAVClient:
        return DAVClient(
            url=self.home,
            username=self.user if password is not None else None,
            password=password,
            timeout=self._timeout,
            ssl_verify_cert=True,
            enable_rfc6764=False,
        )

    def close(self) -> None:
        """Close the connections."""
        self._dav.close()

    # -- errors and login --------------------------------------------------------

    def _call(self, work: Callable[[DAVClient], T]) -> T:
        """Run `work`, logging in once if the server asks; its errors made one line."""
        try:
            try:
                return work(self._dav)
            except dav_error.AuthorizationError as exc:
                if exc.status == 403 or self._logged_in:
                    raise
                self._log_in()
                return work(self._dav)
        except dav_error.AuthorizationError as exc:
            raise self._refused(exc) from exc
        except niquests.exceptions.SSLError as exc:
            raise PublishError(
                _(
                    "the calendar server {server} has a certificate that cannot be "
                    "verified: install the certificate of its authority on this computer "
                    "(certificates are never skipped)"
                ).format(server=self.server)
            ) from exc
        except (niquests.exceptions.RequestException, OSError) as exc:
            log.info("cannot reach %s: %s", self.server, exc)
            raise PublishError(
                _(
                    "cannot reach the calendar server {server}: check the address and the "
                    "network, then publish again"
                ).format(server=self.server)
            ) from exc

    def _log_in(self) -> None:
        if not self.user:
            raise PublishError(
                _(
                    "the calendar server {server} asks for a login: give the user name with --user"
                ).format(server=self.server)
            )
        word = stored_password(self.user, self.home)
        if word is None and self._password is not None:
            word = self._password(self.user, self.server)
        if not word:
            raise PublishError(
                _(
                    "no password for {user} on {server}: keep it in the system keyring "
                    "(service visitplanner-caldav, user {key}) or in {variable}"
                ).format(
                    user=self.user,
                    server=self.server,
                    key=f"{self.user}@{self.home}",
                    variable=PASSWORD_VARIABLE,
                )
            )
        self._dav.close()
        self._word = word
        self._dav = self._connect(word)
        self._logged_in = True

    def _refused(self, exc: dav_error.AuthorizationError) -> PublishError:
        if exc.status == 403:
            return PublishError(
                _(
                    "the calendar server {server} refuses {user} access to {url}: ask its "
                    "administrator, or give --url a folder of your own"
                ).format(server=self.server, user=self.user or "—", url=self.home)
            )
        return PublishError(
            _(
                "the calendar server {server} refused the password of {user}: correct it "
                "in the system keyring (service visitplanner-caldav) or in {variable}, "
                "then publish again"
            ).format(server=self.server, user=self.user or "—", variable=PASSWORD_VARIABLE)
        )

    # -- calendars ---------------------------------------------------------------

    def collection_exists(self, url: str) -> bool:
        """Whether the server holds a collection at `url` (PROPFIND, depth 0)."""
        reply = self._call(lambda dav: dav.propfind(url, "", depth=0))
        if reply.status == 404:
            return False
        if reply.status >= 300:
            raise self._failed(url, reply.status)
        return True

    def make_collection(self, url: str, name: str) -> None:
        """Make the calendar `url` (a child of `home`), shown as `name` (MKCALENDAR)."""
        slug = url.removeprefix(self.home).strip("/")
        home = CalendarSet(client=self._dav, url=self.home)

        def make(dav: DAVClient) -> Any:
            home.client = dav
            return home.make_calendar(name=name, cal_id=slug)

        try:
            self._call(make)
        except dav_error.DAVError as exc:
            raise PublishError(
                _(
                    "the calendar server {server} refused to make the calendar {url} "
                    "(HTTP {status}): make it there by hand, or give --url a folder where "
                    "you may make calendars, then publish again"
                ).format(server=self.server, url=url, status=exc.status or "?")
            ) from exc

    # -- events ------------------------------------------------------------------

    def put(self, url: str, body: bytes, etag: str | None) -> Reply:
        """Put one resource: replacing the one with ETag `etag` (If-Match), or on
        condition that there is none yet (`etag` None: If-None-Match). A 412 (the
        condition failed) and a 404/409 (no such calendar) are answers; any other
        refusal is a PublishError."""
        headers = dict(_CALENDAR)
        if etag is None:
            headers["If-None-Match"] = "*"
        elif etag:
            headers["If-Match"] = etag
        # The library types its body as text; it sends bytes as they are (`to_wire`).
        reply = self._call(lambda dav: dav.request(url, "PUT", body, headers))  # type: ignore[arg-type]
        if reply.status in (404, 409, 412) or reply.status < 300:
            return Reply(reply.status, reply.headers.get("ETag") or "")
        raise self._failed(url, reply.status)

    def get(self, url: str) -> Reply:
        """The resource at `url` as the server holds it (404: none)."""
        reply = self._call(lambda dav: dav.request(url, "GET", ""))
        if reply.status != 404 and reply.status >= 300:
            raise self._failed(url, reply.status)
        raw = reply.raw.encode("utf-8") if reply.status < 300 else b""
        return Reply(reply.status, reply.headers.get("ETag") or "", raw)

    def _failed(self, url: str, status: int) -> PublishError:
        return PublishError(
            _(
                "the calendar server {server} refused {url} (HTTP {status}): what it "
                "accepted is remembered; publish again later"
            ).format(server=self.server, url=url, status=status)
        )
