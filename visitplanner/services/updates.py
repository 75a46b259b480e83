"""Updates that calendars apply: iTIP invitations (RFC 5546) since a programme version.

Importing a second calendar file makes duplicates in Outlook and Thunderbird; an
invitation is how they apply a change. For each person affected by the changes since
version N, one folder; in it, one message per changed event: METHOD:REQUEST (an event
new to them, moved or renamed) or METHOD:CANCEL (an event cancelled, taken out, or that
they were taken off), under the event's UID and SEQUENCE as the calendar export sets
them, written as an .ics file and as a draft .eml to the person's duty e-mail
(`exports.update_mail`), in the person's language.

A person without a duty e-mail, or whose address many mail servers would refuse
(letters outside ASCII before the @), gets instead one calendar file of their changed
events and a printable notice (`exports.update_notice`) in their folder, to be handed
over. `index.csv` lists everyone concerned and how each is reached. Nothing is sent.
Always the shareable profile: no private field of anyone.
"""

from __future__ import annotations

import logging
from collections import ChainMap
from dataclasses import dataclass, field, replace
from datetime import datetime
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
from visitplanner.domain.markings import marking_in
from visitplanner.domain.model import (
    CalendarMemory,
    Event,
    ExportMark,
    Person,
    ProgrammeVersion,
    VisitData,
)
from visitplanner.domain.plain import to_plain
from visitplanner.domain.privacy import for_profile
from visitplanner.domain.values import LANGUAGES, Profile, zone
from visitplanner.domain.versions import PersonChanges, in_programme
from visitplanner.exports.changes import ChangeWords, changes_heading
from visitplanner.exports.files import make_private_folder, write_private
from visitplanner.exports.ics import UID_DOMAIN, CalendarWriter, IcsOptions
from visitplanner.exports.roster import Table, to_csv
from visitplanner.exports.update_mail import (
    ADDED,
    CANCELLED,
    CHANGED,
    REMOVED,
    TAKEN_OFF,
    Envelope,
    EventChange,
    body,
    build_message,
    mail_address,
    subject,
)
from visitplanner.exports.update_notice import NoticeHead, notice_pdf
from visitplanner.i18n import _, current_language, format_date, format_time
from visitplanner.operations.session import VisitSession
from visitplanner.services.calendars import safe_filename
from visitplanner.services.versions import changes
from visitplanner.storage.journal import EntityChange

log = logging.getLogger(__name__)

#: The summary's file name, at the top of the output folder.
INDEX_NAME = "index.csv"


@dataclass(frozen=True, slots=True)
class Update:
    """One message: to whom, about which event, REQUEST or CANCEL, and its files."""

    person_id: str
    event_id: str
    method: str
    ics: Path
    eml: Path


@dataclass(frozen=True, slots=True)
class ByHand:
    """A person to reach by hand: why, and the calendar and notice in their folder."""

    person: Person
    reason: str
    ics: Path
    notice: Path


@dataclass(slots=True)
class UpdateResult:
    """What send-updates wrote: the messages, who must be reached by hand, the index."""

    updates: list[Update] = field(default_factory=list)
    by_hand: list[ByHand] = field(default_factory=list)
    index: Path | None = None

    @property
    def unreachable(self) -> list[Person]:
        """The people no message is written to."""
        return [b.person for b in self.by_hand]


def _shareable(data: VisitData) -> VisitData:
    """The programme as anyone may see it (versions' programmes are not rebuilt here)."""
    return for_profile(replace(data, calendars=CalendarMemory()), Profile.SHAREABLE)


def _with_gone(old: VisitData, new: VisitData) -> VisitData:
    """`new` with the events (and their venues) that only `old` has: one writer then
    writes the cancellation of an event deleted since, beside the events of today."""
    events = {e.id for e in new.events}
    venues = {v.id for v in new.venues}
    return replace(
        new,
        events=[*new.events, *(e for e in old.events if e.id not in events)],
        venues=[*new.venues, *(v for v in old.venues if v.id not in venues)],
    )


def person_language(person: Person, default: str) -> str:
    """The first language the person speaks among fr, uk, en; else `default`."""
    return next((code for code in person.languages if code in LANGUAGES), default)


def unreachable_reason(person: Person) -> str | None:
    """Why no message can be written to `person` (in the user's language), or None."""
    address = person.duty_email.strip()
    if not address:
        return _("no duty e-mail address")
    if mail_address(address) is not None:
        return None
    user, at, _domain = address.rpartition("@")
    if at and user and not user.isascii():
        return _(
            "the address {address} has letters outside ASCII before the @, "
            "which many mail servers refuse"
        ).format(address=address)
    return _("{address} is not an e-mail address").format(address=address)


class _Changes:
    """The two shareable programmes, and the change of each event for one person."""

    def __init__(self, old: VisitData, new: VisitData) -> None:
        self.current = {e.id: e for e in new.events}
        self.previous = {e.id: e for e in old.events}

    def of(self, mine: PersonChanges) -> list[EventChange]:
        """One person's changes: new events, changed ones, then those they lose."""
        found: list[EventChange] = []
        for event in mine.added:
            was = self.previous.get(event.id)
            earlier = was if was is not None and was.cancelled else None
            found.append(EventChange(ADDED, earlier, self.current[event.id]))
        found += [
            EventChange(CHANGED, self.previous[e.id], self.current[e.id]) for e in mine.changed
        ]
        for event in mine.removed:
            now, was = self.current.get(event.id), self.previous.get(event.id)
            if now is not None and now.cancelled:
                found.append(EventChange(CANCELLED, was, now))
            elif now is None or not in_programme(now):
                found.append(EventChange(REMOVED, was or event, None))
            else:
                found.append(EventChange(TAKEN_OFF, None, now))
        return found

    def shown(self, event_id: str) -> Event:
        """The event as a calendar shows it: as it is, else as it was."""
        return self.current.get(event_id) or self.previous[event_id]


def send_updates(
    session: VisitSession,
    since: int,
    out_dir: Path,
    lang: str | None = None,
    now: datetime | None = None,
) -> UpdateResult:
    """Write the invitations that bring calendars from version `since` to the current
    programme into `out_dir`, each in the person's language unless `lang` is given;
    remember the sequences they set (as an export does)."""
    data = session.data
    if lang is not None and lang not in LANGUAGES:
        raise InputError(_("unknown language {lang!r}").format(lang=lang))
    main = data.visit.main_language
    organiser = data.visit.organiser
    if not organiser.email:
        raise InputError(
            _("the protocol office has no e-mail address: set it in the visit's details")
        )
    sender = mail_address(organiser.email)
    if sender is None:
        raise InputError(
            _("the protocol office's address {address} cannot be written in a message").format(
                address=organiser.email
            )
        )
    comparison = changes(data, since)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    old, new = _shareable(comparison.old), _shareable(data)
    old.versions = new.versions
    shown_data = _with_gone(old, new)
    events = _Changes(old, new)
    touched = {
        e.id
        for p in comparison.changes.by_person.values()
        for e in (*p.added, *p.removed, *p.changed)
    }
    highest = highest_sequences(data.calendars)
    marks: dict[tuple[str, str], ExportMark] = {}
    people = {p.id: p for p in [*old.people, *new.people]}
    since_version = next(v for v in data.versions if v.number == comparison.since)
    writers: dict[str, CalendarWriter] = {}
    words: dict[str, ChangeWords] = {}

    def words_in(code: str) -> ChangeWords:
        if code not in words:
            words[code] = ChangeWords(comparison.old, data, code)
            writer = writers[code] = CalendarWriter(shown_data, IcsOptions(code), moment)
            # Sequences as the shareable calendar files in this language set them: +1
            # where what they say of an event changed (a deleted one: that it is cancelled).
            digests = {}
            for ident in sorted(touched):
                shown = events.shown(ident)
                gone = ident not in events.current
                digests[ident] = writer.digest(shown, gone or shown.cancelled)
            in_variant = variant(code, Profile.SHAREABLE)
            marks.update(plan_marks(data.calendars, digests, in_variant, moment, highest=highest))
        return words[code]

    # The marks this run sets, over those already kept: looked through, never copied (one
    # look-up per message, not a copy of every mark of the visit).
    known = ChainMap(marks, data.calendars.marks)

    def item(change: EventChange, code: str) -> CalendarItem:
        shown = events.shown(change.event.id)
        sequence = sequence_of(known, highest, shown.id, variant(code, Profile.SHAREABLE))
        # Taken off an event that goes on: the cancellation is news to this person alone,
        # one above the event's sequence (as their next calendar file says).
        taken_off = change.kind == TAKEN_OFF
        return CalendarItem(
            event=shown,
            sequence=sequence + 1 if taken_off else sequence,
            cancelled=change.method == "CANCEL",
            last_modified=(shown.modified or moment).astimezone(UTC),
        )

    # The index and the folders are the officer's: in the user's language.
    officer = ChangeWords(comparison.old, data, current_language())
    result = UpdateResult()
    rows: list[list[str | int]] = []
    make_private_folder(out_dir)
    for person_id, mine in sorted(
        comparison.changes.by_person.items(), key=lambda i: officer.person(i[0])
    ):
        person = people.get(person_id)
        if person is None:
            continue
        code = lang or person_language(person, main)
        said, writer = words_in(code), writers[code]
        mine_changes = events.of(mine)
        folder = out_dir / f"{safe_filename(person.display_name())}-{person_id[:8]}"
        make_private_folder(folder)
        reason = unreachable_reason(person)
        if reason is None:
            recipient = mail_address(person.duty_email)
            assert recipient is not None
            envelope = Envelope(
                organiser.name.get(code, main),
                sender,
                said.person(person_id),
                recipient,
                UID_DOMAIN,
            )
            for change in mine_changes:
                payload = writer.message(item(change, code), change.method, person)
                stem = f"{safe_filename(said.title(change.event))}-{change.event.id[:8]}"
                stem += f"-{change.method.lower()}"
                ics, eml = folder / f"{stem}.ics", folder / f"{stem}.eml"
                write_private(ics, payload)
                text = body(change, said, envelope.sender_name, [organiser.phone])
                message = build_message(
                    envelope, subject(change, said), text, payload, change.method, moment
                )
                write_private(eml, message)
                result.updates.append(Update(person_id, change.event.id, change.method, ics, eml))
        else:
            ics, notice = folder / f"{folder.name}.ics", folder / f"{folder.name}.pdf"
            title = data.visit.title.get(code, main)
            calendar = writer.calendar(
                [item(c, code) for c in mine_changes], f"{title} — {said.person(person_id)}"
            )
            write_private(ics, calendar)
            head = _notice_head(data, code, said, person_id, since_version, moment, ics.name)
            write_private(notice, notice_pdf(head, mine_changes, said))
            result.by_hand.append(ByHand(person, reason, ics, notice))
        rows.append(_row(data, person, reason, len(mine_changes), folder.name, officer))
    result.index = out_dir / INDEX_NAME
    write_private(result.index, to_csv(_index(rows)))
    _remember(session, marks)
    log.info(
        "%d update messages written to %s, %d people to reach by hand",
        len(result.updates),
        out_dir,
        len(result.by_hand),
    )
    return result


def _notice_head(
    data: VisitData,
    lang: str,
    words: ChangeWords,
    person_id: str,
    since: ProgrammeVersion,
    moment: datetime,
    calendar_file: str,
) -> NoticeHead:
    main, organiser = data.visit.main_language, data.visit.organiser
    local = moment.astimezone(zone(data.visit.tz))
    return NoticeHead(
        visit=data.visit.title.get(lang, main),
        marking=marking_in(data.visit.marking, lang),
        printed=f"{format_date(local.date(), 'long', lang)} {format_time(local, lang)}",
        person=words.person(person_id),
        since=changes_heading(words, since, None),
        office=organiser.name.get(lang, main),
        contacts=tuple(c for c in (organiser.phone, organiser.email) if c),
        calendar_file=calendar_file,
    )


def _row(
    data: VisitData,
    person: Person,
    reason: str | None,
    count: int,
    folder: str,
    words: ChangeWords,
) -> list[str | int]:
    """One line of the index: who, their delegation, how they are reached and why."""
    delegation = next((d for d in data.delegations if d.id == person.delegation_id), None)
    return [
        words.person(person.id),
        delegation.name.get(words.lang, words.main) if delegation else "",
        person.duty_email,
        _("e-mail") if reason is None else _("by hand"),
        reason or "",
        count,
        folder,
    ]


def _index(rows: list[list[str | int]]) -> Table:
    """Everyone concerned, those to reach by hand first."""
    by_hand = _("by hand")
    ordered = sorted(rows, key=lambda r: r[3] != by_hand)
    headers = [
        _("Name"),
        _("Delegation"),
        _("Duty e-mail"),
        _("Reached"),
        _("Why by hand"),
        _("Changes"),
        _("Folder"),
    ]
    return Table(_("Updates"), headers, [list(r) for r in ordered])


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


__all__ = [
    "INDEX_NAME",
    "ByHand",
    "Update",
    "UpdateResult",
    "person_language",
    "send_updates",
    "unreachable_reason",
]
