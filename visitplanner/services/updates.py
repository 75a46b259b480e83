"""Updates that calendars apply: iTIP invitations (RFC 5546) since a programme version.

Importing a second calendar file makes duplicates in Outlook and Thunderbird; an
invitation is how they apply a change. For each person affected by the changes since
version N, one message per changed event: METHOD:REQUEST (an event new to them, moved
or renamed) or METHOD:CANCEL (an event cancelled, taken out, or that they were taken
off), under the event's UID and SEQUENCE as the calendar export sets them. Each is
written as an .ics file and as a ready-to-send .eml message to the person's duty
e-mail. Nothing is sent. Always the shareable profile: no private field of anyone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import format_datetime, make_msgid
from pathlib import Path

from visitplanner.domain.calendars import (
    UTC,
    CalendarItem,
    highest_sequences,
    plan_marks,
    sequence_of,
    variant,
)
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import CalendarMemory, Event, ExportMark, Person, VisitData
from visitplanner.domain.plain import to_plain
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import LANGUAGES, Profile
from visitplanner.exports.changes import ChangeWords
from visitplanner.exports.files import make_private_folder, write_private
from visitplanner.exports.ics import UID_DOMAIN, CalendarWriter, IcsOptions
from visitplanner.i18n import N_, _
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import safe_filename
from visitplanner.services.versions import changes
from visitplanner.storage.journal import EntityChange

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Update:
    """One message: to whom, about which event, REQUEST or CANCEL, and its files."""

    person_id: str
    event_id: str
    method: str
    ics: Path
    eml: Path


@dataclass(slots=True)
class UpdateResult:
    """What send-updates wrote, and who could not be reached (no duty e-mail)."""

    updates: list[Update] = field(default_factory=list)
    unreachable: list[Person] = field(default_factory=list)


def _shareable(data: VisitData) -> VisitData:
    """The programme as anyone may see it (versions' programmes are not rebuilt here)."""
    return for_profile(replace(data, calendars=CalendarMemory()), Profile.SHAREABLE)


def send_updates(
    session: VisitSession,
    since: int,
    out_dir: Path,
    lang: str | None = None,
    now: datetime | None = None,
) -> UpdateResult:
    """Write the invitations that bring calendars from version `since` to the current
    programme into `out_dir`; remember the sequences they set (as an export does)."""
    data = session.data
    lang = lang or data.visit.main_language
    if lang not in LANGUAGES:
        raise InputError(_("unknown language {lang!r}").format(lang=lang))
    organiser = data.visit.organiser
    if not organiser.email:
        raise InputError(
            _("the protocol office has no e-mail address: set it in the visit's details")
        )
    comparison = changes(data, since)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    old, new = _shareable(comparison.old), _shareable(data)
    old.versions = new.versions
    options = IcsOptions(lang)
    writers = {
        False: CalendarWriter(new, options, moment),
        True: CalendarWriter(old, options, moment),
    }
    current = {e.id: e for e in new.events}
    previous = {e.id: e for e in old.events}
    # Sequences as the calendar export sets them, in the shareable files of `lang`: +1
    # where what the file says of an event changed (a deleted event says it is cancelled).
    in_variant = variant(lang, Profile.SHAREABLE)
    digests: dict[str, str] = {}
    for mine in comparison.changes.by_person.values():
        for event in (*mine.added, *mine.removed, *mine.changed):
            if event.id in digests:
                continue
            if event.id in current:
                now_shown = current[event.id]
                digests[event.id] = writers[False].digest(now_shown, now_shown.cancelled)
            else:
                digests[event.id] = writers[True].digest(previous[event.id], True)
    highest = highest_sequences(data.calendars)
    marks = plan_marks(data.calendars, digests, in_variant, moment, highest=highest)
    known: dict[tuple[str, str], ExportMark] = {**data.calendars.marks, **marks}
    people = {p.id: p for p in [*old.people, *new.people]}
    words = ChangeWords(comparison.old, data, lang)
    result = UpdateResult()
    make_private_folder(out_dir)
    for person_id, mine in sorted(
        comparison.changes.by_person.items(), key=lambda i: words.person(i[0])
    ):
        person = people.get(person_id)
        if person is None:
            continue
        if not person.duty_email:
            result.unreachable.append(person)
            continue
        messages = [("REQUEST", e) for e in (*mine.added, *mine.changed)]
        messages += [("CANCEL", e) for e in mine.removed]
        for method, event in messages:
            gone = event.id not in current
            shown = previous[event.id] if gone else current[event.id]
            sequence = sequence_of(known, highest, event.id, in_variant)
            # Taken off an event that goes on: the cancellation is news to this person
            # alone, one above the event's sequence (as their next calendar file says).
            dropped = method == "CANCEL" and not gone and not shown.cancelled
            item = CalendarItem(
                event=shown,
                sequence=sequence + 1 if dropped else sequence,
                cancelled=method == "CANCEL",
                last_modified=(shown.modified or moment).astimezone(UTC),
            )
            payload = writers[gone].message(item, method, person)
            stem = f"{safe_filename(words.person(person_id))}-{person_id[:8]}--"
            stem += f"{safe_filename(words.title(shown))}-{shown.id[:8]}-{method.lower()}"
            ics, eml = out_dir / f"{stem}.ics", out_dir / f"{stem}.eml"
            write_private(ics, payload)
            write_private(eml, _email(data, person, shown, method, payload, words, moment))
            result.updates.append(Update(person_id, shown.id, method, ics, eml))
    _remember(session, marks)
    log.info("%d update messages written to %s", len(result.updates), out_dir)
    return result


def _remember(session: VisitSession, marks: dict[tuple[str, str], ExportMark]) -> None:
    """Keep the sequences sent, so that the next calendar file agrees with them."""
    if session.read_only or not marks:
        return
    session.record(
        _("Remember the updates sent"),
        lambda repo: repo.save_marks(marks),
        [("calendars", "marks")],
        [
            EntityChange("calendar_mark", event_id, None, {"variant": key, **to_plain(mark)})
            for (event_id, key), mark in marks.items()
        ],
    )


def _address(name: str, email: str) -> Address:
    user, _at, domain = email.rpartition("@")
    return Address(display_name=name.replace("\n", " "), username=user, domain=domain)


def _one_line(text: str) -> str:
    """`text` with its line breaks and runs of spaces made single spaces (for a header)."""
    return " ".join(text.split())


def _email(
    data: VisitData,
    person: Person,
    event: Event,
    method: str,
    payload: bytes,
    words: ChangeWords,
    moment: datetime,
) -> bytes:
    """A ready-to-send message: a text part saying what changed, and the invitation."""
    lang = words.lang
    say = words.t
    organiser = data.visit.organiser
    title = words.title(event)
    subject = (
        say(N_("Programme update: {title}"))
        if method == "REQUEST"
        else say(N_("Cancelled: {title}"))
    ).format(title=title)
    message = EmailMessage()
    message["From"] = _address(
        _one_line(organiser.name.get(lang, data.visit.main_language)), organiser.email
    )
    message["To"] = _address(_one_line(words.person(person.id)), person.duty_email)
    # A header is one line: a title with line breaks (ordinary in an imported calendar)
    # keeps its words, joined by spaces.
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(moment)
    message["Message-ID"] = make_msgid(domain=UID_DOMAIN)
    if method == "REQUEST":
        body = say(N_("{title}: {when}. Open the invitation to put it in your calendar."))
    else:
        body = say(N_("{title} ({when}) is no longer in your programme."))
    text = body.format(title=title, when=words.where(event)) + "\n"
    message.set_content(text)
    message.add_alternative(
        payload, maintype="text", subtype="calendar", params={"method": method, "charset": "utf-8"}
    )
    ascii_only = all(a.isascii() for a in (organiser.email, person.duty_email))
    return message.as_bytes(policy=SMTP if ascii_only else SMTPUTF8)


__all__ = ["Update", "UpdateResult", "send_updates"]
