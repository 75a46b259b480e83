"""What every section of a book reads: the visit, the language, look-ups and wording.

One `BookContext` is made per book. It indexes the visit once (people, venues,
vehicles by id; events by day) so that sections never search lists, which keeps a
summit-sized book linear in its size.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo

from reportlab.platypus.tableofcontents import TableOfContents

from visitplanner.domain.car_plan import CarIndex
from visitplanner.domain.errors import InputError
from visitplanner.domain.labels import civility, label
from visitplanner.domain.markings import marking_in
from visitplanner.domain.model import Delegation, Event, Person, Vehicle, Venue, VisitData
from visitplanner.domain.values import EventKind, LocalizedText, instant, zone
from visitplanner.exports.briefing.cells import CellCache
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.options import BriefingOptions, ChangesBasis
from visitplanner.exports.briefing.protocol import precedence_order, programme_version_label
from visitplanner.exports.briefing.styles import MUTED_HEX, BookStyles
from visitplanner.i18n import N_, UI_LANGUAGES, _, format_date, format_time, gettext_in, zone_city

#: Events that move people; the movements sheet lists them, they get no event sheet.
MOVES = frozenset({EventKind.TRANSFER, EventKind.TRAVEL})


class BookContext:
    """The visit as one book shows it, in one language, for the visit or for one person."""

    def __init__(
        self,
        data: VisitData,
        options: BriefingOptions,
        styles: BookStyles | None = None,
        changes: ChangesBasis | None = None,
    ) -> None:
        lang = options.lang or data.visit.main_language
        if lang not in UI_LANGUAGES:
            raise InputError(_("unknown language {lang}").format(lang=lang))
        self.data = data
        self.options = options
        self.changes = changes
        self.lang = lang
        self.fallback = data.visit.main_language
        self.styles = styles or BookStyles()
        self.zone: ZoneInfo = zone(data.visit.tz)
        self.people: dict[str, Person] = {p.id: p for p in data.people}
        self.venues: dict[str, Venue] = {v.id: v for v in data.venues}
        self.vehicles: dict[str, Vehicle] = {v.id: v for v in data.vehicles}
        self.delegations: dict[str, Delegation] = {d.id: d for d in data.delegations}
        self.person: Person | None = None
        if options.person_id is not None:
            if options.person_id not in self.people:
                raise InputError(
                    _("no person with id {id} in this visit").format(id=options.person_id)
                )
            self.person = self.people[options.person_id]
        marking = data.visit.marking if options.marking is None else options.marking
        # A known marking in the book's language ("Diffusion restreinte" in a Ukrainian
        # book reads "Для службового користування").
        self.marking = marking_in(marking, lang)
        self._keys = itertools.count(1)
        #: What the book's table cells read and wrapped, shared between cells.
        self.cells = CellCache()
        #: The table of contents (made by the contents section, kept across the layout
        #: passes: it lays out the entries of the pass before); None without contents.
        self.contents: TableOfContents | None = None

    # -- wording -------------------------------------------------------------------

    def t(self, message: str) -> str:
        """An English message of the book in the book's language."""
        return gettext_in(self.lang, message)

    def text(self, value: LocalizedText) -> str:
        """A multilingual text in the book's language (else the visit's main one)."""
        return value.get(self.lang, self.fallback)

    def enum(self, value: StrEnum | str) -> str:
        """The word for an enumeration value (or a role written freely)."""
        return label(value, self.lang)

    def new_key(self) -> str:
        """A fresh bookmark key, unique in the book."""
        return f"k{next(self._keys)}"

    def restart(self) -> None:
        """Start making the book again from its first page: the same headings get the
        same bookmark keys each time the book is made (once per layout pass)."""
        self._keys = itertools.count(1)

    @cached_property
    def cars(self) -> CarIndex:
        """The car plan by movement and by person (built the first time it is asked for)."""
        return CarIndex(self.data)

    @cached_property
    def version_label(self) -> str:
        """The programme's version, as the cover and the footers name it."""
        return programme_version_label(self.data, self.lang)

    # -- dates and times -----------------------------------------------------------

    def local(self, moment: datetime) -> datetime:
        """A time in the visit's zone."""
        return moment.astimezone(self.zone)

    def day(self, value: date) -> str:
        """A date in full, as the language writes it ("jeudi 7 mai 2026")."""
        return format_date(value, "full", self.lang)

    def short_day(self, moment: datetime) -> str:
        """The day of a time, short, in the time's own zone ("mercredi 6 mai")."""
        return format_date(moment.date(), "EEEE d MMMM", self.lang)

    def time(self, moment: datetime) -> str:
        """A time of day in the visit's zone."""
        return format_time(self.local(moment), self.lang)

    def span(self, event: Event) -> str:
        """Start and end in the visit's zone ("09:30 – 11:00")."""
        return f"{self.time(event.start)} – {self.time(event.end)}"

    def elsewhere(self, event: Event) -> str:
        """The local times of an event planned in another zone, else ""."""
        parts = []
        for moment in (event.start, event.end):
            key = getattr(moment.tzinfo, "key", self.data.visit.tz)
            if key != self.data.visit.tz:
                city = zone_city(key, self.lang)
                parts.append(f"{format_time(moment, self.lang)} ({city})")
        if not parts:
            return ""
        return self.t(N_("local time: {times}")).format(times=", ".join(parts))

    # -- the events of the book ----------------------------------------------------

    @cached_property
    def events(self) -> list[Event]:
        """The book's events by start: all of them, or the person's only."""
        chosen = self.data.events
        if self.person is not None:
            wanted = self.person.id
            chosen = [e for e in chosen if wanted in e.participant_ids]
        return sorted(chosen, key=lambda e: (instant(e.start), instant(e.end)))

    @cached_property
    def by_day(self) -> list[tuple[date, list[Event]]]:
        """The book's events grouped by day in the visit's zone, days in order."""
        days: dict[date, list[Event]] = defaultdict(list)
        for event in self.events:
            days[self.local(event.start).date()].append(event)
        return sorted(days.items())

    @cached_property
    def live_events(self) -> list[Event]:
        """The book's events that are not cancelled."""
        return [e for e in self.events if not e.cancelled]

    def venue(self, ident: str | None) -> Venue | None:
        """The venue with id `ident`, if any."""
        return self.venues.get(ident) if ident else None

    def venue_name(self, ident: str | None) -> str:
        """The name of a venue in the book's language, or ""."""
        venue = self.venue(ident)
        return self.text(venue.name) if venue else ""

    def participants(self, event: Event) -> list[Person]:
        """An event's participants in order of precedence."""
        found = [self.people[i] for i in event.participant_ids if i in self.people]
        return precedence_order(self.data, found)

    # -- people --------------------------------------------------------------------

    def latin(self, person: Person) -> str:
        """Given name and family name in capitals, in Latin script ("" if unknown)."""
        if not person.family_name:
            return person.given_name
        return " ".join(p for p in (person.given_name, person.family_name.upper()) if p)

    def native(self, person: Person) -> str:
        """Given name, patronymic and family name in capitals, native script ("" if none)."""
        if not (person.family_name_native or person.given_name_native):
            return ""
        family = person.family_name_native.upper()
        parts = (person.given_name_native, person.patronymic_native, family)
        return " ".join(p for p in parts if p)

    def scripts(self, person: Person) -> tuple[str, str]:
        """The name first in the script the reader reads, then in the other (or "")."""
        latin, native = self.latin(person), self.native(person)
        if self.lang == "uk" and native:
            latin, native = native, latin
        if not latin:
            return native, ""
        return latin, native if native != latin else ""

    def civility(self, person: Person) -> str:
        """ "Madame", "пані", "Mrs" (or "")."""
        return civility(person.civility, self.lang)

    def name_markup(self, person: Person, with_civility: bool = True) -> str:
        """The person's name as two lines of markup: the first script bold, the other muted."""
        first, second = self.scripts(person)
        address = self.civility(person) if with_civility else ""
        line = f"{esc(address)} <b>{esc(first)}</b>" if address else f"<b>{esc(first)}</b>"
        if second:
            line += f'<br/><font color="{MUTED_HEX}">{esc(second)}</font>'
        return line

    def name_inline(self, person: Person) -> str:
        """The name on one line of plain text: "Natalia KALMYKOVA (Наталія ... КАЛМИКОВА)"."""
        first, second = self.scripts(person)
        return f"{first} ({second})" if second else first

    def short_name(self, person: Person) -> str:
        """The name on one line, without patronymic: "Natalia KALMYKOVA (Наталія КАЛМИКОВА)"."""
        latin = self.latin(person)
        native = " ".join(
            p for p in (person.given_name_native, person.family_name_native.upper()) if p
        )
        first, second = (native, latin) if self.lang == "uk" and native else (latin, native)
        if not first:
            return second
        return f"{first} ({second})" if second and second != first else first

    def compact_participants(self, event: Event) -> str:
        """An event's participants for a programme line (markup): a delegation that
        attends as a whole by its name and number, anyone else by name. A personal
        pack names the people its reader meets: the reader's own delegation is a
        number, whole or not."""
        people = self.participants(event)
        attending: dict[str, int] = defaultdict(int)
        for person in people:
            if person.delegation_id in self.delegations:
                attending[person.delegation_id] += 1
        ours = self.person.delegation_id if self.person is not None else None
        lines: list[str] = []
        whole: set[str] = set()
        for ident in sorted(attending, key=lambda i: self.delegations[i].position):
            members = self.members(ident)
            name = self.text(self.delegations[ident].name)
            if attending[ident] == len(members) and (len(members) >= 3 or ident == ours):
                wording = self.t(N_("{delegation} (all {count})")).format(
                    delegation=name, count=len(members)
                )
            elif ident == ours:
                wording = self.t(N_("{delegation} ({count} of {total})")).format(
                    delegation=name, count=attending[ident], total=len(members)
                )
            else:
                continue
            whole.add(ident)
            lines.append(f"<b>{esc(wording)}</b>")
        others = [p for p in people if p.delegation_id not in whole]
        lines += [esc(self.short_name(p)) for p in others]
        return "<br/>".join(lines)

    def members(self, delegation_id: str) -> list[Person]:
        """A delegation's members in its order of precedence (computed once)."""
        return self._members.get(delegation_id, [])

    @cached_property
    def _members(self) -> dict[str, list[Person]]:
        found: dict[str, list[Person]] = defaultdict(list)
        for person in self.data.people:
            if person.delegation_id:
                found[person.delegation_id].append(person)
        for members in found.values():
            members.sort(key=lambda p: (p.rank, p.family_name, p.given_name))
        return dict(found)

    def title_of(self, person: Person) -> str:
        """Title, then function when it says more, in the book's language."""
        title, function = self.text(person.title), self.text(person.function)
        if function and function != title:
            return f"{title} — {function}" if title else function
        return title

    def delegation_name(self, person: Person) -> str:
        """The name of the person's delegation, or ""."""
        delegation = self.delegations.get(person.delegation_id or "")
        return self.text(delegation.name) if delegation else ""
