"""Plan checks of the protocol arrangements: seating plans, wreaths, arrivals, placement,
running orders whose times go back.

Each check reads a visit and the events to look at (cancelled ones left out) and
yields `Finding`s; `checks` runs them with the others, one event at a time
(`seating_findings`, `ceremony_findings`), sharing one `PrecedenceIndex` per run:
no event costs a pass over the visit's people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC

from visitplanner.domain import ceremony
from visitplanner.domain.arrangements import PlacementArea, PlacementPosition
from visitplanner.domain.checks import Finding, FindingKind, Severity
from visitplanner.domain.model import Event, RunningOrderItem, VisitData
from visitplanner.domain.precedence import PrecedenceIndex
from visitplanner.domain.values import Need, instant
from visitplanner.i18n import _, current_language, format_time, ngettext


def _title(data: VisitData, event: Event) -> str:
    return event.title.get(current_language(), data.visit.main_language)


def _when(event: Event) -> tuple[str, ...]:
    return (event.start.astimezone(UTC).isoformat(),)


@dataclass(frozen=True)
class TimeBreak:
    """A running-order line written after a line that comes later in the day."""

    number: int  #: the line's place in the running order, from 1
    line: RunningOrderItem
    previous: RunningOrderItem


def running_order_breaks(lines: Sequence[RunningOrderItem]) -> list[TimeBreak]:
    """Each line earlier in time than the line written just before it.

    The protocol sheet prints the lines as written and the briefing book by time: a
    running order that goes back in time reads differently in the two.
    """
    return [
        TimeBreak(n + 1, line, lines[n - 1])
        for n, line in enumerate(lines)
        if n and instant(line.at) < instant(lines[n - 1].at)
    ]


def running_order_findings(data: VisitData, event: Event) -> Iterator[Finding]:
    """One warning for an event whose running order goes back in time, naming each line."""
    breaks = running_order_breaks(event.running_order)
    if not breaks:
        return
    title = _title(data, event)
    lang = current_language()
    main = data.visit.main_language
    home = event.start.tzinfo

    def at(line: RunningOrderItem) -> str:
        return format_time(line.at.astimezone(home))

    said = "; ".join(
        _("line {number} “{action}” at {time} comes after {previous}").format(
            number=found.number,
            action=found.line.action.get(lang, main),
            time=at(found.line),
            previous=at(found.previous),
        )
        for found in breaks
    )
    yield Finding(
        FindingKind.RUNNING_ORDER_TIMES,
        Severity.WARNING,
        _(
            "the running order of “{event}” goes back in time: {lines} (the protocol "
            "sheet prints the lines as written, the briefing book by time)"
        ).format(event=title, lines=said),
        event_ids=(event.id,),
        sort_key=_when(event),
        cause=_("running order of “{event}”").format(event=title),
    )


def check_seating(data: VisitData, events: Iterable[Event]) -> Iterator[Finding]:
    """Seating plans: someone seated twice, a wheelchair user at a seat a wheelchair cannot
    reach, unknown dietary needs at table, participants without a seat, seated absentees."""
    index = PrecedenceIndex(data)
    for event in events:
        yield from seating_findings(data, event, index)


def seating_findings(data: VisitData, event: Event, index: PrecedenceIndex) -> Iterator[Finding]:
    """The seating checks of one event (see `check_seating`)."""
    people = index.people

    def name(ident: str) -> str:
        person = people.get(ident)
        return person.display_name() if person else ident

    plan = event.seating
    if plan is None or not plan.seated_ids():
        return
    title = _title(data, event)
    seats = [seat for _, seat in plan.seats() if seat.person_id]
    twice = [ident for ident, count in Counter(plan.seated_ids()).items() if count > 1]
    for ident in twice:
        numbers = ", ".join(str(s.number) for s in seats if s.person_id == ident)
        yield Finding(
            FindingKind.SEATED_TWICE,
            Severity.ERROR,
            _("{person} has two seats at “{event}”: seats {seats}").format(
                person=name(ident), event=title, seats=numbers
            ),
            event_ids=(event.id,),
            person_ids=(ident,),
            sort_key=_when(event),
        )
    for seat in seats:
        person = people.get(seat.person_id or "")
        if person is not None and person.needs_step_free and not seat.step_free:
            yield Finding(
                FindingKind.SEAT_NOT_STEP_FREE,
                Severity.ERROR,
                _(
                    "{person} needs step-free access, but seat {seat} at “{event}” "
                    "cannot be reached by a wheelchair"
                ).format(person=name(person.id), seat=seat.number, event=title),
                event_ids=(event.id,),
                person_ids=(person.id,),
                sort_key=_when(event),
            )
    unknown = [
        s for s in seats if (p := people.get(s.person_id or "")) and p.dietary is Need.UNKNOWN
    ]
    if unknown:
        yield Finding(
            FindingKind.SEAT_DIETARY_UNKNOWN,
            Severity.WARNING,
            _("dietary needs unknown at table for “{event}”: {seats}").format(
                event=title,
                seats=", ".join(
                    _("seat {number} ({person})").format(
                        number=s.number, person=name(s.person_id or "")
                    )
                    for s in unknown
                ),
            ),
            event_ids=(event.id,),
            person_ids=tuple(s.person_id or "" for s in unknown),
            sort_key=_when(event),
        )
    seated = set(plan.seated_ids())
    missing = [i for i in event.participant_ids if i not in seated]
    if missing:
        yield Finding(
            FindingKind.UNSEATED,
            Severity.WARNING,
            _("no seat for {people} at “{event}”").format(
                people=", ".join(name(i) for i in missing), event=title
            ),
            event_ids=(event.id,),
            person_ids=tuple(missing),
            sort_key=_when(event),
        )
    absent = [i for i in dict.fromkeys(plan.seated_ids()) if i not in event.participant_ids]
    if absent:
        yield Finding(
            FindingKind.SEATED_ABSENT,
            Severity.WARNING,
            ngettext(
                "{people} is seated at “{event}” but is not among its participants",
                "{people} are seated at “{event}” but are not among its participants",
                len(absent),
            ).format(people=", ".join(name(i) for i in absent), event=title),
            event_ids=(event.id,),
            person_ids=tuple(absent),
            sort_key=_when(event),
        )


def _where(position: PlacementPosition) -> str:
    """A place as a finding names it: "row 2, place 4", "press, place 1" ..."""
    if position.area is PlacementArea.WREATH_PARTY:
        return _("wreath {number}, place {place}").format(number=position.row, place=position.place)
    if position.area is PlacementArea.PRESS:
        return _("press, place {place}").format(place=position.place)
    return _("row {row}, place {place}").format(row=position.row, place=position.place)


def check_ceremonies(data: VisitData, events: Iterable[Event]) -> Iterator[Finding]:
    """Ceremonies: wreaths not laid in the reverse order of precedence, the highest
    authority not arriving last or not leaving first, a wheelchair user without a
    wheelchair place."""
    index = PrecedenceIndex(data)
    for event in events:
        yield from ceremony_findings(data, event, index)


def ceremony_findings(data: VisitData, event: Event, index: PrecedenceIndex) -> Iterator[Finding]:
    """The ceremony checks of one event (see `check_ceremonies`): an event with no
    wreaths, running order or placement costs nothing."""
    if not (event.wreaths or event.running_order or event.placement):
        return
    yield from running_order_findings(data, event)
    title = _title(data, event)
    for found in ceremony.wreath_breaks(data, event, index):
        yield Finding(
            FindingKind.WREATH_ORDER,
            Severity.WARNING,
            _(
                "at “{event}”, {later} lays a wreath after {earlier}, who precedes them: "
                "wreaths are laid in the reverse order of precedence"
            ).format(
                event=title,
                later=found.later_layer.display_name(),
                earlier=found.earlier_layer.display_name(),
            ),
            event_ids=(event.id,),
            person_ids=(found.earlier_layer.id, found.later_layer.id),
            sort_key=_when(event),
        )
    for kind, broken, message in (
        (
            FindingKind.ARRIVAL_ORDER,
            ceremony.arrival_break(data, event, index),
            _("at “{event}”, {person} is the highest authority and should arrive last"),
        ),
        (
            FindingKind.DEPARTURE_ORDER,
            ceremony.departure_break(data, event, index),
            _("at “{event}”, {person} is the highest authority and should leave first"),
        ),
    ):
        if broken is not None:
            yield Finding(
                kind,
                Severity.WARNING,
                message.format(event=title, person=broken.highest.display_name()),
                event_ids=(event.id,),
                person_ids=(broken.highest.id,),
                sort_key=_when(event),
            )
    for ident, positions in ceremony.placed_twice(event).items():
        person = index.people.get(ident)
        places = ", ".join(_where(position) for position in positions)
        yield Finding(
            FindingKind.PLACED_TWICE,
            Severity.ERROR,
            _("{person} has two places at “{event}”: {places}").format(
                person=person.display_name() if person else ident, event=title, places=places
            ),
            event_ids=(event.id,),
            person_ids=(ident,),
            sort_key=_when(event),
        )
    for position, person in ceremony.placement_breaks(data, event, index):
        yield Finding(
            FindingKind.PLACEMENT_NOT_WHEELCHAIR,
            Severity.ERROR,
            _(
                "{person} needs a wheelchair place at “{event}”, but stands in row {row}, "
                "place {place}"
            ).format(
                person=person.display_name(),
                event=title,
                row=position.row,
                place=position.place,
            ),
            event_ids=(event.id,),
            person_ids=(person.id,),
            sort_key=_when(event),
        )
