"""send-updates as mail clients and people without e-mail receive it: each .eml read back
with Python's parser (names exactly, a draft, the invitation inline and attached, what
changed was → now), and the calendar, printed notice and index.csv of those reached
by hand."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import os
import stat
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.factories import small_visit
from tests.ics_parsers import all_parsers
from tests.pdfread import read_pdf
from visitplanner.domain.values import EventStatus
from visitplanner.exports.update_mail import mail_address
from visitplanner.operations.session import VisitSession
from visitplanner.services.updates import UpdateResult, send_updates
from visitplanner.services.versions import issue_version
from visitplanner.services.visit_files import open_visit, write_visit

UTC = ZoneInfo("UTC")
NOW = datetime(2026, 5, 2, 9, 30, tzinfo=UTC)
#: 67 characters: folded over several lines by any encoder that splits names.
LONG_NAME = "Олександра-Вікторія Костянтинівна Ткачук-Переяславська-Новгородська"
OFFICE = "Bureau du protocole du ministère des Armées et des Anciens combattants"
OFFICE_UK = "Протокольний відділ Міністерства збройних сил і ветеранів Французької Республіки"


@pytest.fixture
def session(tmp_visit_path: Path) -> VisitSession:
    """The minister (Ukrainian, a long Cyrillic name) has a duty e-mail; the veteran's
    address has an é before the @; the host has none."""
    data = small_visit()
    data.visit.organiser.name = data.visit.organiser.name.replace("fr", OFFICE).replace(
        "uk", OFFICE_UK
    )
    data.visit.organiser.phone = "+33 1 00 00 00 00"
    minister, veteran, _host = data.people
    minister.given_name_native, minister.patronymic_native = "Олександра-Вікторія", "Костянтинівна"
    minister.family_name_native = "Ткачук-Переяславська-Новгородська"
    minister.duty_email = "o.tkachuk@mva.gov.example"
    veteran.duty_email = "andré.koval@example.org"
    for person in data.people:
        person.notes = "NOTE-PRIVÉE"
    write_visit(tmp_visit_path, data)
    opened = open_visit(tmp_visit_path)
    yield opened
    opened.close()


def _edit(session: VisitSession) -> dict[str, str]:
    """Version 1, then: the meeting moves an hour later, the arrival is cancelled, the
    ceremony (confirmed since) is deleted."""
    data = session.data
    arrival, meeting, ceremony = data.events
    ceremony.status = EventStatus.CONFIRMED
    issue_version(session, now=NOW)
    meeting.start += timedelta(hours=1)
    meeting.end += timedelta(hours=1)
    arrival.status = EventStatus.CANCELLED
    data.events.remove(ceremony)
    return {"arrival": arrival.id, "meeting": meeting.id, "ceremony": ceremony.id}


def _read(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def _people(session: VisitSession) -> dict[str, str]:
    return {p.family_name: p.id for p in session.data.people}


def test_every_eml_reads_back_exactly_as_a_draft_with_its_invitation(
    session: VisitSession, tmp_path: Path
) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", now=NOW)
    minister = _people(session)["Kalmykova"]
    assert {u.person_id for u in result.updates} == {minister}
    assert len(result.updates) == 3
    for update in result.updates:
        raw = update.eml.read_bytes()
        head = raw.split(b"\r\n\r\n", 1)[0]
        assert head.isascii() and all(len(line) <= 998 for line in head.split(b"\r\n"))
        message = _read(update.eml)
        (to,) = message["To"].addresses
        assert to.display_name == LONG_NAME  # in Ukrainian: her name in Cyrillic, whole
        assert to.addr_spec == "o.tkachuk@mva.gov.example"
        assert message["From"].addresses[0].display_name == OFFICE_UK
        assert message["X-Unsent"] == "1"
        assert not message.defects and not message["To"].defects
        assert [p.get_content_type() for p in message.walk()] == [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/calendar",
            "application/ics",
        ]
        _mixed, _alternative, text, inline, attached = message.walk()
        assert inline.get_param("method") == update.method
        assert attached.get_filename() == "invite.ics" and attached.is_attachment()
        calendar = update.ics.read_bytes()
        assert inline.get_content().encode("utf-8") == calendar
        assert attached.get_content() == calendar
        assert str(Calendar.from_ical(calendar)["METHOD"]) == update.method
        assert text.get_content().strip()


def test_a_long_cyrillic_name_folds_between_words_and_decodes_whole(
    session: VisitSession, tmp_path: Path
) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", now=NOW)
    raw = result.updates[0].eml.read_bytes().decode("ascii")
    to_header = raw.split("\r\nTo: ", 1)[1].split("\r\nSubject: ", 1)[0]
    assert "\r\n " in to_header  # folded: the address on its own line
    assert _read(result.updates[0].eml)["To"].addresses[0].display_name == LONG_NAME
    subject = _read(result.updates[0].eml)["Subject"]
    assert "\r" not in subject and "\n" not in subject


def test_the_body_says_what_was_and_what_is(session: VisitSession, tmp_path: Path) -> None:
    ids = _edit(session)
    result = send_updates(session, 1, tmp_path / "out", "en", now=NOW)
    texts = {
        u.event_id: _read(u.eml).get_body(("plain",)).get_content()  # type: ignore[union-attr]
        for u in result.updates
    }
    assert (
        "Time: was Thursday 7 May 10:00–11:00, now Thursday 7 May 11:00–12:00"
        in (texts[ids["meeting"]])
    )
    assert "Status: was confirmed, now cancelled" in texts[ids["arrival"]]
    assert (
        "Taken out of the programme: Cérémonie du 8 Mai — Friday 8 May 11:00–12:00"
        in (texts[ids["ceremony"]])
    )
    assert all(OFFICE in text and "+33 1 00 00 00 00" in text for text in texts.values())


def test_each_person_reads_their_own_language(session: VisitSession, tmp_path: Path) -> None:
    ids = _edit(session)
    result = send_updates(session, 1, tmp_path / "out", now=NOW)
    meeting = next(u for u in result.updates if u.event_id == ids["meeting"])
    message = _read(meeting.eml)
    assert message["Subject"] == "Оновлення програми: Entretien"
    assert "Час: було" in message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    host = next(b for b in result.by_hand if b.person.family_name == "Rufo")
    assert "Heure : auparavant jeudi 7 mai 10:00–11:00" in read_pdf(host.notice.read_bytes()).text


def test_an_address_with_an_accent_before_the_at_is_reached_by_hand(
    session: VisitSession, tmp_path: Path
) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", "en", now=NOW)
    veteran = _people(session)["Koval'"]
    assert veteran not in {u.person_id for u in result.updates}
    (entry,) = [b for b in result.by_hand if b.person.id == veteran]
    assert "andré.koval@example.org" in entry.reason and "ASCII" in entry.reason
    assert entry.notice.exists() and entry.ics.exists()
    assert not list(entry.notice.parent.glob("*.eml"))


def test_a_person_without_e_mail_gets_a_calendar_and_a_one_page_notice(
    session: VisitSession, tmp_path: Path
) -> None:
    ids = _edit(session)
    result = send_updates(session, 1, tmp_path / "out", "en", now=NOW)
    host = _people(session)["Rufo"]
    (entry,) = [b for b in result.by_hand if b.person.id == host]
    assert entry.reason == "no duty e-mail address"
    pdf = read_pdf(entry.notice.read_bytes())
    assert len(pdf.pages) == 1
    text = pdf.text
    assert "RESTRICTED" in text and "Alice Rufo" in text  # the marking in English
    assert "Time: was Thursday 7 May 10:00–11:00, now Thursday 7 May 11:00–12:00" in text
    assert "Taken out of the programme: Cérémonie du 8 Mai" in text
    assert "Printed 2 May 2026 11:30" in text  # in the visit's zone
    assert entry.ics.name in text
    calendar = Calendar.from_ical(entry.ics.read_bytes())
    events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(events) == {ids["meeting"], ids["ceremony"]}
    assert str(events[ids["ceremony"]]["STATUS"]) == "CANCELLED"
    # The same SEQUENCE as the invitation sent by e-mail for the same change.
    sent = next(u for u in result.updates if u.event_id == ids["meeting"])
    (invited,) = Calendar.from_ical(sent.ics.read_bytes()).walk("VEVENT")
    assert events[ids["meeting"]]["SEQUENCE"] == invited["SEQUENCE"]
    for path in (entry.ics, entry.notice, result.index):
        assert path is not None
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_index_lists_who_must_be_reached_by_hand(session: VisitSession, tmp_path: Path) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", "en", now=NOW)
    assert result.index == tmp_path / "out" / "index.csv"
    raw = result.index.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # as the rosters: Excel reads it in UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Name", "Delegation", "Duty e-mail", "Reached"]
    folders = {b.person.display_name(): b.notice.parent.name for b in result.by_hand}
    folders["Natalia Kalmykova"] = result.updates[0].eml.parent.name
    reached = {row[0]: (row[3], row[6]) for row in rows[1:]}
    assert reached == {
        "Alice Rufo": ("by hand", folders["Alice Rufo"]),
        "Andrii Koval'": ("by hand", folders["Andrii Koval'"]),
        "Natalia Kalmykova": ("e-mail", folders["Natalia Kalmykova"]),
    }
    assert {row[3] for row in rows[1:3]} == {"by hand"}  # those to reach by hand first
    assert all((result.index.parent / folder).is_dir() for folder in folders.values())


def _texts(result: UpdateResult, out: Path) -> list[str]:
    """Every text a reader of the output folder can see, decoded."""
    found = []
    for path in sorted(out.rglob("*")):
        if path.suffix == ".pdf":
            found.append(read_pdf(path.read_bytes()).text)
        elif path.suffix == ".eml":
            message = _read(path)
            found += [str(v) for v in message.values()]
            found += [
                p.get_content() if p.get_content_maintype() == "text" else p.get_content().decode()
                for p in message.walk()
                if not p.is_multipart()
            ]
        elif path.is_file():
            found.append(path.read_bytes().decode("utf-8-sig"))
    return found


def test_nothing_private_in_any_file_written(session: VisitSession, tmp_path: Path) -> None:
    _edit(session)
    out = tmp_path / "out"
    result = send_updates(session, 1, out, "fr", now=NOW)
    texts = _texts(result, out)
    assert any("Entretien" in t for t in texts)
    for text in texts:
        for secret in (
            "+380 67 111 11 11",
            "FX000001",
            "KALMYKOVA NATALIIA",
            "sans gluten",
            "fauteuil roulant",
            "badge",
            "NOTE-PRIVÉE",
        ):
            assert secret not in text


def test_addresses_as_headers_hold_them() -> None:
    assert mail_address("protocole@défense.example") == ("protocole", "xn--dfense-bva.example")
    assert mail_address(" a.b@example.org ") == ("a.b", "example.org")
    assert mail_address("stéphane.roux@defense.gouv.example") is None
    assert mail_address("not an address") is None
    assert mail_address("@example.org") is None


def test_the_calendar_to_hand_over_reads_the_same_in_five_parsers(
    session: VisitSession, tmp_path: Path
) -> None:
    _edit(session)
    result = send_updates(session, 1, tmp_path / "out", now=NOW)
    paths = [b.ics for b in result.by_hand]
    parsers = all_parsers(paths)
    for path in map(str, paths):
        read = sorted(parsers["icalendar"][path], key=str)
        assert read
        for name, by_path in parsers.items():
            assert sorted(by_path[path], key=str) == read, (name, path)
