"""Publishing to a real CalDAV server (Radicale), read back by independent clients.

The demo is published whole and per person, then changed as the window and the
command line change it (operations of the session): an event moved, one cancelled,
one deleted, a person taken off one. Read back with the `caldav` library and with a
plain REPORT calendar-query, the server must hold the same resources under the same
names and UIDs, SEQUENCE raised exactly where something changed, CANCELLED instead of
missing, no duplicate; a publish with nothing changed sends no request at all.
"""

from __future__ import annotations

import copy
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import niquests
import pytest
import requests
from caldav.davclient import DAVClient
from icalendar import Calendar

from tests.cli_process import run_visitplanner
from tests.ics_parsers import all_parsers
from tests.radicale_server import NO_NEW_CALENDARS, SKIP_REASON, RadicaleServer, radicale
from visitplanner.domain.calendars import Scope, ScopeKind
from visitplanner.domain.lookup import find_event, find_person
from visitplanner.domain.values import EventStatus
from visitplanner.operations.edits import SaveEntity, delete_operation
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import ExportRequest
from visitplanner.services.progress import Cancelled, Progress
from visitplanner.services.publish import PublishTarget, collection_urls, publish
from visitplanner.services.visit_files import read_visit

pytestmark = pytest.mark.skipif(SKIP_REASON is not None, reason=SKIP_REASON or "")

USER, PASSWORD = "officer", "s3cret-pass"

_QUERY = b"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter>
  </C:filter>
</C:calendar-query>"""


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[RadicaleServer]:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    monkeypatch.setenv("VISITPLANNER_CALDAV_PASSWORD", PASSWORD)
    with radicale(tmp_path / "radicale", {USER: PASSWORD}) as running:
        yield running


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every HTTP request the publishing client sends, by method; "PUT 2xx" counts the
    resources the server accepted, "401" the challenges of its login."""
    counted: Counter[str] = Counter()
    original = niquests.Session.request

    def counting(self: niquests.Session, method: str, *args: Any, **kwargs: Any) -> Any:
        answer = original(self, method, *args, **kwargs)
        counted[method] += 1
        counted["401"] += answer.status_code == 401
        if method == "PUT" and answer.status_code < 300:
            counted["PUT 2xx"] += 1
        return answer

    monkeypatch.setattr(niquests.Session, "request", counting)
    return counted


def _report(url: str) -> dict[str, tuple[str, int, str]]:
    """The events of a calendar as a plain REPORT calendar-query gives them: by
    resource name, (UID, SEQUENCE, STATUS)."""
    answer = requests.request(
        "REPORT",
        url,
        data=_QUERY,
        headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
        auth=(USER, PASSWORD),
        timeout=30,
    )
    assert answer.status_code == 207, answer.text
    from lxml import etree

    tree = etree.fromstring(answer.content)
    found = {}
    for response in tree.iter("{DAV:}response"):
        href = response.findtext("{DAV:}href") or ""
        data = response.findtext(".//{urn:ietf:params:xml:ns:caldav}calendar-data") or ""
        events = Calendar.from_ical(data).walk("VEVENT")
        assert len(events) == 1, href  # one event per resource
        event = events[0]
        name = href.rstrip("/").rsplit("/", 1)[-1].replace("%40", "@")
        assert name not in found, f"{name} twice"
        found[name] = (str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"]))
    return found


def _by_caldav(url: str) -> dict[str, int]:
    """The events of a calendar as the `caldav` library reads them: SEQUENCE by UID."""
    with DAVClient(url=url, username=USER, password=PASSWORD, enable_rfc6764=False) as client:
        calendar = client.calendar(url=url)
        found: dict[str, int] = {}
        for item in calendar.get_events():
            component = item.icalendar_component
            uid = str(component["UID"])
            assert uid not in found, f"{uid} twice"
            found[uid] = int(component["SEQUENCE"])
        return found


def _target(server: RadicaleServer) -> PublishTarget:
    return PublishTarget(server.home(USER), USER)


def _edit(session: VisitSession, title: str, change: Callable[[Any], None]) -> str:
    event = find_event(session.data, title)
    edited = copy.deepcopy(event)
    change(edited)
    session.apply(SaveEntity(edited, event))
    return f"{event.id}@visitplanner"


def test_the_demo_published_whole_reads_back_in_every_client(
    demo: VisitSession, server: RadicaleServer, tmp_path: Path
) -> None:
    result = publish(demo, ExportRequest(), _target(server))
    assert (result.made, result.sent, result.unchanged) == (1, 30, 0)
    [calendar] = result.calendars
    # Radicale serves a calendar whole: its webcal address subscribes apps that read
    # no CalDAV, and reading it (as http, as such apps do) gives every event.
    assert result.webcal and calendar.webcal == "webcal://" + calendar.url.split("://")[1]
    whole = requests.get(calendar.url, auth=(USER, PASSWORD), timeout=30)
    assert Calendar.from_ical(whole.content).walk("VEVENT").__len__() == 30
    assert calendar.url.startswith(server.home(USER))
    held = _report(calendar.url)
    assert len(held) == 30
    expected = {
        f"{e.id}@visitplanner" for e in demo.data.events if e.status is not EventStatus.DRAFT
    }
    assert {uid for uid, _seq, _status in held.values()} == expected
    assert all(name == f"{uid}.ics" for name, (uid, _s, _st) in held.items())
    assert set(_by_caldav(calendar.url)) == expected
    # Its display name is the visit's title.
    with DAVClient(url=calendar.url, username=USER, password=PASSWORD) as client:
        assert client.calendar(url=calendar.url).get_display_name() == calendar.title
    # Resources, as the server gives them back, read the same in the five parsers
    # (Radicale and the caldav library read them above).
    name = sorted(held)[0]
    got = requests.get(calendar.url + name, auth=(USER, PASSWORD), timeout=30)
    resource = tmp_path / "resource.ics"
    resource.write_bytes(got.content)
    event = next(e for e in demo.data.events if f"{e.id}@visitplanner.ics" == name)
    utc = "%Y-%m-%dT%H:%M:%SZ"
    instants = (event.start.astimezone(UTC).strftime(utc), event.end.astimezone(UTC).strftime(utc))
    for name_of_parser, by_path in all_parsers([resource]).items():
        parsed = by_path[str(resource)]
        assert [(p.start, p.end) for p in parsed] == [instants], name_of_parser


def test_a_second_publish_sends_only_what_changed(
    demo: VisitSession, server: RadicaleServer, sent: Counter[str]
) -> None:
    target = _target(server)
    whole = ExportRequest()
    people = ExportRequest(per_person=True)
    publish(demo, whole, target)
    first = publish(demo, people, target)
    assert first.made == len(first.calendars) > 20
    minister = find_person(demo.data, "Kalmykova")
    minister_url = next(
        c.url for c in first.calendars if c.scope == Scope(ScopeKind.PERSON, minister.id)
    )
    [whole_url] = [c.url for c in collection_urls(demo.data, whole, target)]
    before_whole = _report(whole_url)
    before_minister = _report(minister_url)
    before_all = {c.url: _report(c.url) for c in first.calendars}

    # Nothing changed: not one request.
    sent.clear()
    again = publish(demo, whole, target)
    again_people = publish(demo, people, target)
    assert sum(sent.values()) == 0
    assert again.sent == again_people.sent == 0
    assert again.unchanged == 30

    # Moved, cancelled, deleted, a person taken off.
    moved = _edit(
        demo,
        "Réunion de travail",
        lambda e: (
            setattr(e, "start", e.start + timedelta(hours=1)),
            setattr(e, "end", e.end + timedelta(hours=1)),
        ),
    )
    dinner = next(e for e in demo.data.events if e.seating is not None)
    cancelled = _edit(demo, dinner.title.fr, lambda e: setattr(e, "status", EventStatus.CANCELLED))
    doomed = next(
        e
        for e in demo.data.events
        if minister.id in e.participant_ids and f"{e.id}@visitplanner" not in (moved, cancelled)
    )
    deleted = f"{doomed.id}@visitplanner"
    demo.apply(delete_operation(demo.data, doomed))
    off_event = next(
        e
        for e in demo.data.events
        if minister.id in e.participant_ids
        and f"{e.id}@visitplanner" not in (moved, cancelled)
        and e.responsible_id != minister.id
    )
    taken_off = _edit(
        demo,
        off_event.title.fr,
        lambda e: setattr(e, "participant_ids", [p for p in e.participant_ids if p != minister.id]),
    )

    sent.clear()
    second = publish(demo, whole, target)
    # Moved, cancelled, deleted: three resources, and the server's one login challenge.
    assert second.sent == sent["PUT 2xx"] == 3
    assert sent["PUT"] == 3 + sent["401"] and sent["401"] == 1
    assert second.cancelled == 2
    after_whole = _report(whole_url)
    assert set(after_whole) == set(before_whole)  # same names: deleted stays, no duplicate
    for name, (uid, sequence, status) in after_whole.items():
        old_uid, old_sequence, _old_status = before_whole[name]
        assert uid == old_uid
        changed = uid in (moved, cancelled, deleted)
        assert sequence == old_sequence + (1 if changed else 0), uid
        assert status == ("CANCELLED" if uid in (cancelled, deleted) else "CONFIRMED"), uid

    sent.clear()
    second_people = publish(demo, people, target)
    assert sent["PUT 2xx"] == second_people.sent > 0
    after_minister = _report(minister_url)
    assert set(after_minister) == set(before_minister)
    by_uid = {uid: (seq, status) for uid, seq, status in after_minister.values()}
    old = {uid: seq for uid, seq, _status in before_minister.values()}
    assert by_uid[taken_off] == (old[taken_off] + 1, "CANCELLED")
    assert by_uid[deleted] == (old[deleted] + 1, "CANCELLED")
    for uid, (sequence, _status) in by_uid.items():
        if uid not in (moved, cancelled, deleted, taken_off):
            assert sequence == old[uid], uid
    # Every calendar: nothing vanished, nothing twice; only changed events were sent.
    puts = 0
    for url, before in before_all.items():
        after = _report(url)
        assert set(after) == set(before), url
        puts += sum(1 for name in after if after[name][1:] != before[name][1:])
    assert puts == second_people.sent
    assert _by_caldav(minister_url)[taken_off] == old[taken_off] + 1

    # And again nothing: no request.
    sent.clear()
    publish(demo, whole, target)
    publish(demo, people, target)
    assert sum(sent.values()) == 0


def test_a_publish_cut_short_is_completed_by_the_next_without_duplicates(
    demo: VisitSession, server: RadicaleServer
) -> None:
    target = _target(server)
    request = ExportRequest(per_person=True)
    seen: list[int] = []

    def stop_half_way(done: int, total: int, _what: str) -> None:
        seen.append(done)
        if total > 100 and done > total // 2:
            raise Cancelled

    with pytest.raises(Cancelled):
        publish(demo, request, target, progress=Progress(stop_half_way))
    kept = demo.repository.load_published()
    assert 0 < len(kept) < 403
    # A publish killed after the server accepted a resource but before it was
    # remembered: the server holds some the visit does not know of.
    with demo.database.writing():
        demo.database.conn.execute(
            "DELETE FROM calendar_published WHERE rowid IN "
            "(SELECT rowid FROM calendar_published ORDER BY resource LIMIT 20)"
        )
    done = publish(demo, request, target)
    assert done.sent == 403 - len(kept) + 20
    assert done.unchanged == len(kept) - 20
    for calendar in done.calendars:
        held = _report(calendar.url)
        assert len({uid for uid, _s, _st in held.values()}) == len(held)
        assert all(sequence == 0 for _uid, sequence, _status in held.values())
    assert publish(demo, request, target).sent == 0
    # Killed after the server accepted a changed event, before the visit remembered
    # it: the server holds what the visit would send, under another ETag than the one
    # remembered. Not a change made there: taken as it is, no error.
    remembered = demo.repository.load_published()
    _edit(demo, "Réunion de travail", lambda e: setattr(e, "end", e.end + timedelta(minutes=5)))
    assert publish(demo, request, target).sent > 0
    with demo.database.writing():
        demo.repository.save_published(remembered.values())
    assert publish(demo, request, target).sent > 0
    assert publish(demo, request, target).sent == 0


def test_a_calendar_deleted_on_the_server_is_made_again_whole(
    demo: VisitSession, server: RadicaleServer
) -> None:
    target = _target(server)
    [calendar] = publish(demo, ExportRequest(), target).calendars
    gone = requests.delete(calendar.url, auth=(USER, PASSWORD), timeout=30)
    assert gone.status_code in (200, 204)
    _edit(demo, "Réunion de travail", lambda e: setattr(e, "end", e.end + timedelta(minutes=5)))
    again = publish(demo, ExportRequest(), target)
    assert (again.made, again.sent) == (1, 30)
    assert len(_report(calendar.url)) == 30


def test_a_server_without_login_is_asked_nothing(
    demo: VisitSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISITPLANNER_CALDAV_PASSWORD", raising=False)

    def never(_user: str, _server: str) -> str:
        raise AssertionError("a password was asked for")

    with radicale(tmp_path / "open") as open_server:
        folder = requests.request("MKCOL", open_server.home("anyone"), timeout=30)
        assert folder.status_code == 201, folder.text
        result = publish(
            demo, ExportRequest(), PublishTarget(open_server.home("anyone")), password=never
        )
        assert result.sent == 30


def test_the_password_comes_from_the_keyring_else_is_asked_once(
    demo: VisitSession, server: RadicaleServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring

    monkeypatch.delenv("VISITPLANNER_CALDAV_PASSWORD")
    target = _target(server)
    kept = {("visitplanner-caldav", f"{USER}@{target.home}"): PASSWORD}
    monkeypatch.setattr(keyring, "get_password", lambda service, user: kept.get((service, user)))

    def never(_user: str, _server: str) -> str:
        raise AssertionError("a password was asked for")

    assert publish(demo, ExportRequest(), target, password=never).sent == 30
    kept.clear()
    asked: list[tuple[str, str]] = []

    def typed(user: str, where: str) -> str:
        asked.append((user, where))
        return PASSWORD

    assert publish(demo, ExportRequest(lang="uk"), target, password=typed).sent == 30
    assert asked == [(USER, server.base)]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """`visitplanner ARGS` in a child process, the password in its environment."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")

    def run(*args: str, password: str = PASSWORD) -> Any:
        monkeypatch.setenv("VISITPLANNER_CALDAV_PASSWORD", password)
        return run_visitplanner(*args)

    return run


def _journal(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT * FROM journal ORDER BY seq").fetchall()
        rows += conn.execute("SELECT * FROM calendar_published").fetchall()
    return rows


def test_bad_conditions_say_one_line_exit_2_and_lose_nothing(
    tmp_path: Path, server: RadicaleServer, cli: Callable[..., Any]
) -> None:
    visit = tmp_path / "cli.visit"
    assert run_visitplanner("demo", str(visit)).returncode == 0
    url = server.home(USER)
    before, journal = read_visit(visit), _journal(visit)

    def fails(result: Any, *words: str) -> None:
        assert result.returncode == 2, result.stderr
        line = result.stderr.strip()
        assert "\n" not in line and "Traceback" not in line, line
        assert line.startswith("visitplanner: "), line
        for word in words:
            assert word in line, line
        assert read_visit(visit) == before
        assert _journal(visit) == journal

    # A wrong password; no user name for a server that asks for a login.
    fails(
        cli("publish", str(visit), "--url", url, "--user", USER, password="wrong"),
        "refused the password",
        server.base,
    )
    fails(cli("publish", str(visit), "--url", url), "--user")
    # A server that cannot be reached.
    closed = f"http://127.0.0.1:{_closed_port()}/{USER}/"
    fails(cli("publish", str(visit), "--url", closed, "--user", USER), "cannot reach")
    # An address that is no CalDAV server's.
    fails(cli("publish", str(visit), "--url", "ftp://example.org/"), "https://")

    # It works once the password is right; and prints the address to subscribe to.
    done = cli("publish", str(visit), "--url", url, "--user", USER, "--per-person")
    assert done.returncode == 0, done.stderr
    assert "DAVx5" in done.stdout and url in done.stdout
    whole = cli("publish", str(visit), "--url", url, "--user", USER)
    assert whole.returncode == 0, whole.stderr
    addresses = [
        line.rsplit(": ", 1)[1] for line in whole.stdout.splitlines() if line.startswith("  ")
    ]
    # The CalDAV address, then (Radicale serves a calendar whole) its webcal one.
    [collection, webcal] = addresses
    assert webcal == "webcal://" + collection.split("://")[1]

    # 412: someone changed an event on the server since.
    held = _report(collection)
    name = sorted(held)[0]
    got = requests.get(collection + name, auth=(USER, PASSWORD), timeout=30)
    changed = got.content.replace(b"END:VEVENT", b"COMMENT:(changed)\r\nEND:VEVENT", 1)
    put = requests.put(collection + name, data=changed, auth=(USER, PASSWORD), timeout=30)
    assert put.ok and put.headers["ETag"] != got.headers["ETag"]
    session = VisitSession.open(visit)
    try:
        event = next(e for e in session.data.events if f"{e.id}@visitplanner.ics" == name)
        _edit(session, event.title.fr, lambda e: setattr(e, "end", e.end + timedelta(minutes=5)))
    finally:
        session.close()
    before, journal = read_visit(visit), _journal(visit)
    conflict = cli("publish", str(visit), "--url", url, "--user", USER)
    assert conflict.returncode == 2, conflict.stdout
    assert "changed there since" in conflict.stderr and "publish again" in conflict.stderr
    assert read_visit(visit).events == before.events  # the programme is untouched
    # The next publish puts the visit's version back.
    again = cli("publish", str(visit), "--url", url, "--user", USER)
    assert again.returncode == 0, again.stderr
    back = requests.get(collection + name, auth=(USER, PASSWORD), timeout=30).content
    assert b"(changed)" not in back and b"SEQUENCE:1" in back


def test_a_server_refusing_to_make_calendars(tmp_path: Path, cli: Callable[..., Any]) -> None:
    visit = tmp_path / "cli.visit"
    assert run_visitplanner("demo", str(visit)).returncode == 0
    before, journal = read_visit(visit), _journal(visit)
    with radicale(tmp_path / "strict", {USER: PASSWORD}, NO_NEW_CALENDARS) as strict:
        result = cli("publish", str(visit), "--url", strict.home(USER), "--user", USER)
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and "refused to make the calendar" in line, line
    assert strict.base in line
    assert read_visit(visit) == before and _journal(visit) == journal


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
