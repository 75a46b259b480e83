"""The practical pages: venue sheets, the movements sheet (convoy, transfers, arrivals
and departures) and the contacts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from reportlab.platypus import CondPageBreak, Flowable, Spacer

from visitplanner.domain import car_plan
from visitplanner.domain.model import Event, Person, TravelLeg, Venue
from visitplanner.domain.rooming_list import hotel_names
from visitplanner.domain.values import Access, EventKind, EventStatus, Profile, Role
from visitplanner.exports.briefing.blocks import (
    data_table,
    facts,
    heading,
    section_title,
    titled,
)
from visitplanner.exports.briefing.cars import build_car_plan
from visitplanner.exports.briefing.context import MOVES, BookContext
from visitplanner.exports.briefing.details import vehicles
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.protocol import precedence_order
from visitplanner.exports.briefing.rooming import own_hotel
from visitplanner.exports.briefing.styles import MUTED_HEX, SHADE
from visitplanner.i18n import N_, format_time, zone_city

#: The contact groups, by role, in the order they print.
CONTACT_ROLES = (
    (Role.LIAISON, N_("Liaison officers")),
    (Role.INTERPRETER, N_("Interpreters")),
    (Role.DRIVER, N_("Drivers")),
    (Role.PRESS, N_("Press")),
    (Role.SECURITY, N_("Security")),
)


def _used_venues(ctx: BookContext) -> list[tuple[Venue, list[Event]]]:
    """The venues of the book's live events, by first use, with the events held there
    (a move's pick-up point and destination are used, but hold no event)."""
    held: dict[str, list[Event]] = {}
    for event in ctx.live_events:
        if event.kind in MOVES:
            for ident in (event.venue_id, event.destination_id):
                if ident in ctx.venues:
                    held.setdefault(ident, [])
        elif event.venue_id in ctx.venues:
            held.setdefault(event.venue_id, []).append(event)
    return [(ctx.venues[ident], events) for ident, events in held.items()]


#: What a personal pack's venue sheet leaves out: its programme says what happens
#: where, and the rest is the office's.
_PACK_LEAVES_OUT = (N_("Coordinates"), N_("Capacity"), N_("Travel times"), N_("Events here"))
#: The readers whose pack keeps the venues' security notes: those who act on them.
_KEEP_SECURITY_NOTES = frozenset({Role.SECURITY, Role.LIAISON, Role.DRIVER})


def build_venues(ctx: BookContext) -> Iterator[Flowable]:
    """A sheet per venue: address, contact, access, travel times, events held there
    (each made as the layout reaches it). A personal pack's sheets say how to get in:
    address, contact, access."""
    used = _used_venues(ctx)
    if not used:
        return
    yield from section_title(ctx, ctx.t(N_("Venues")))
    names = {venue.id: ctx.text(venue.name) for venue, _events in used}
    for index, (venue, events) in enumerate(used):
        if index:
            yield CondPageBreak(200 if ctx.person is None else 110)
        yield heading(ctx, ctx.text(venue.name), 1)
        contact = " — ".join(p for p in (venue.contact_name, venue.contact_phone) if p)
        coordinates = (
            f"{venue.latitude:.5f}, {venue.longitude:.5f}"
            if venue.latitude is not None and venue.longitude is not None
            else ""
        )
        travel = [
            ctx.t(N_("{label}: {value}")).format(label=names[other], value=f"{minutes} min")
            for other, minutes in sorted(venue.travel_minutes.items(), key=lambda kv: kv[1])
            if other in names
        ]
        held = [
            f"{ctx.day(ctx.local(e.start).date())}, {ctx.span(e)} — {ctx.text(e.title)}"
            for e in events
        ]
        rows = [
            (ctx.t(N_("Address")), esc(venue.full_address())),
            (ctx.t(N_("Coordinates")), esc(coordinates)),
            (ctx.t(N_("Contact on site")), esc(contact)),
            (ctx.t(N_("Capacity")), esc(str(venue.capacity)) if venue.capacity else ""),
            (ctx.t(N_("Step-free access")), _access(ctx, venue.step_free)),
            (ctx.t(N_("Access")), esc(ctx.text(venue.access_notes))),
            (ctx.t(N_("Security")), esc(ctx.text(venue.security_notes))),
            (ctx.t(N_("Travel times")), esc("\n".join(travel))),
            (ctx.t(N_("Events here")), esc("\n".join(held))),
        ]
        if ctx.person is not None:
            left_out = {ctx.t(label) for label in _PACK_LEAVES_OUT}
            if ctx.person.role not in _KEEP_SECURITY_NOTES:
                # How the site is secured is the officers' business, not each guest's.
                left_out.add(ctx.t(N_("Security")))
            rows = [(label, value) for label, value in rows if label not in left_out]
        yield from facts(ctx, rows)


def _access(ctx: BookContext, access: Access) -> str:
    return "" if access is Access.UNKNOWN else esc(ctx.enum(access))


def build_movements(ctx: BookContext) -> list[Flowable]:
    """The convoy, the transfers and travel legs in time order, arrivals and departures."""
    moves = [e for e in ctx.live_events if e.kind in MOVES]
    travellers = _travellers(ctx)
    if not (moves or travellers or ctx.data.vehicles):
        return []
    parts = section_title(ctx, ctx.t(N_("Movements")))
    parts += _convoy(ctx, moves)
    # A personal pack's programme gives each of its reader's moves, vehicles and all.
    if moves and ctx.person is None:
        header = [
            ctx.t(N_("When")),
            ctx.t(N_("From → to")),
            ctx.t(N_("Vehicles")),
            ctx.t(N_("Passengers")),
        ]
        rows = []
        for event in moves:
            when = f"{esc(ctx.short_day(ctx.local(event.start)))}<br/><b>{esc(ctx.span(event))}</b>"
            elsewhere = ctx.elsewhere(event)
            if elsewhere:
                when += f'<br/><font color="{MUTED_HEX}">{esc(elsewhere)}</font>'
            route = f"<b>{esc(ctx.text(event.title))}</b>"
            cars = vehicles(ctx, event, plates=False)
            rows.append([when, route, cars, ctx.compact_participants(event)])
        table = data_table(ctx, header, rows, [0.17, 0.3, 0.22, 0.31])
        parts += titled(heading(ctx, ctx.t(N_("Transfers and journeys")), 1), table)
        parts += build_car_plan(ctx, moves)
    if travellers:
        hotels = hotel_names(ctx.data, ctx.lang)
        header = [
            ctx.t(N_("Travellers")),
            ctx.t(N_("Arrival")),
            ctx.t(N_("Departure")),
            ctx.t(N_("Hotel")),
        ]
        rows = [
            [
                "<br/>".join(esc(ctx.short_name(p)) for p in group),
                _leg(ctx, group[0], group[0].arrival, arriving=True),
                _leg(ctx, group[0], group[0].departure, arriving=False),
                esc(hotels.get(group[0].id, "")),
            ]
            for group in travellers
        ]
        table = data_table(ctx, header, rows, [0.24, 0.3, 0.3, 0.16])
        # A row says both ends of two legs: the heading goes over with a first row.
        title = heading(ctx, ctx.t(N_("Arrivals and departures")), 1)
        parts += titled(title, table, room=170)
    parts += own_hotel(ctx)
    return parts


def _convoy(ctx: BookContext, moves: list[Event]) -> list[Flowable]:
    used = {i for e in moves for i in e.vehicle_ids}
    fleet = [v for v in ctx.data.vehicles if ctx.person is None or v.id in used]
    if not fleet:
        return []
    fleet.sort(key=lambda v: (v.convoy_position or 10**6, ctx.text(v.label)))
    header = [
        ctx.t(N_("Pos.")),
        ctx.t(N_("Vehicle")),
        ctx.t(N_("Plate")),
        ctx.t(N_("Driver")),
        ctx.t(N_("Duty phone")),
        ctx.t(N_("Seats")),
        ctx.t(N_("Wheelchair")),
    ]
    rows = []
    for vehicle in fleet:
        driver = ctx.people.get(vehicle.driver_id or "")
        rows.append(
            [
                str(vehicle.convoy_position or ""),
                f"<b>{esc(ctx.text(vehicle.label))}</b>",
                esc(vehicle.plate),
                ctx.name_markup(driver, False) if driver else esc(vehicle.driver_name),
                esc(vehicle.duty_phone),
                str(vehicle.seats) if vehicle.seats is not None else "",
                _access(ctx, vehicle.wheelchair),
            ]
        )
    return titled(
        heading(ctx, ctx.t(N_("Convoy order")), 1),
        data_table(ctx, header, rows, [0.06, 0.22, 0.13, 0.24, 0.17, 0.08, 0.1], right=(0, 5)),
    )


def _travellers(ctx: BookContext) -> list[list[Person]]:
    """People with an arrival or a departure recorded (in a pack: the person only),
    grouped by identical journeys (a delegation on one flight is one row)."""
    people = [ctx.person] if ctx.person is not None else ctx.data.people
    hotels = hotel_names(ctx.data, ctx.lang)
    groups: dict[tuple[object, ...], list[Person]] = {}
    for person in precedence_order(ctx.data, (p for p in people if p.arrival or p.departure)):
        key = (_leg_key(person.arrival), _leg_key(person.departure), hotels.get(person.id, ""))
        groups.setdefault(key, []).append(person)
    return sorted(groups.values(), key=lambda group: _leg_key(group[0].arrival))


def _leg_key(leg: TravelLeg) -> tuple[float, str, str, str]:
    moment = leg.time.timestamp() if leg.time is not None else float("inf")
    return (moment, leg.carrier, leg.number, leg.place)


def _leg(ctx: BookContext, person: Person, leg: TravelLeg, arriving: bool) -> str:
    """A journey as the traveller lives it: the flight, then where and when it leaves and
    where and when it lands, each time in its own zone.

    The programme's travel event for the leg gives both ends (its start and end, its
    venue and destination); without one, the leg's own time and place say when and
    where the person arrives (an arrival) or leaves (a departure).
    """
    if not leg:
        return ""
    flight = " ".join(p for p in (leg.carrier, leg.number) if p)
    lines = [f"<b>{esc(flight)}</b>" if flight else ""]
    journey = _journey(ctx, person, leg)
    if journey is not None:
        crossing = _zone(ctx, journey.start) != _zone(ctx, journey.end)
        for word, moment, venue_id in (
            (_TIMED[False], journey.start, journey.venue_id),
            (_TIMED[True], journey.end, journey.destination_id),
        ):
            venue = ctx.venues.get(venue_id or "")
            where = ctx.text(venue.name) if venue is not None else ""
            lines.append(_end(ctx, word, where, _when(ctx, moment, crossing)))
        return "<br/>".join(line for line in lines if line)
    # A place written as a route ("WAW → CDG") names both ends; the time is the known end's.
    origin, arrow, destination = (part.strip() for part in leg.place.partition("→"))
    ends = [(False, origin), (True, destination)] if arrow else [(arriving, leg.place)]
    for at_arrival, where in ends:
        if at_arrival == arriving and leg.time is not None:
            word = _TIMED[at_arrival]
            lines.append(_end(ctx, word, where, _when(ctx, leg.time, False)))
        else:
            lines.append(_end(ctx, _UNTIMED[at_arrival], where))
    return "<br/>".join(line for line in lines if line)


#: A leg's two ends, by "is the arrival", with and without their time.
_TIMED = {False: N_("Departure: {where}, {when}"), True: N_("Arrival: {where}, {when}")}
_UNTIMED = {False: N_("Departure: {where}"), True: N_("Arrival: {where}")}


def _end(ctx: BookContext, word: str, where: str, when: str = "") -> str:
    """One end of a leg as markup, its day and time in bold (they are what is looked for)."""
    return esc(ctx.t(word)).format(where=esc(where), when=f"<b>{esc(when)}</b>")


def _zone(ctx: BookContext, moment: datetime) -> str:
    return str(getattr(moment.tzinfo, "key", ctx.data.visit.tz))


def _when(ctx: BookContext, moment: datetime, named: bool) -> str:
    """The day and time in the moment's own zone, the zone's city named when it is not
    the visit's, or when `named` (a journey between two zones names both)."""
    when = f"{ctx.short_day(moment)}, {format_time(moment, ctx.lang)}"
    zone = _zone(ctx, moment)
    if named or zone != ctx.data.visit.tz:
        when += f" ({zone_city(zone, ctx.lang)})"
    return when


def _journey(ctx: BookContext, person: Person, leg: TravelLeg) -> Event | None:
    """The programme's travel event of `leg`: the person travels on it, and it carries
    the flight's number in its title, or starts or ends at the leg's time."""
    number = "".join(leg.number.split()).casefold()
    for event in ctx.data.events:
        if event.kind is not EventKind.TRAVEL or person.id not in event.participant_ids:
            continue
        if event.status is EventStatus.CANCELLED:
            continue
        title = event.title
        titles = "".join(f"{title.fr}{title.uk}{title.en}".split()).casefold()
        if (number and number in titles) or leg.time in (event.start, event.end):
            return event
    return None


def _own_drivers(ctx: BookContext) -> set[str]:
    """In a pack, the drivers of the cars its reader rides in (need to know: the others'
    drivers are not the reader's to call); empty for a book, or a reader in no car."""
    if ctx.person is None:
        return set()
    vehicles = {a.vehicle_id for a in ctx.data.car_assignments if a.person_id == ctx.person.id}
    return car_plan.drivers_of(v for v in ctx.data.vehicles if v.id in vehicles)


def build_contacts(ctx: BookContext) -> list[Flowable]:
    """Who to call: the protocol office, liaison officers, interpreters, drivers, press."""
    internal = ctx.options.profile is Profile.INTERNAL
    organiser = ctx.data.visit.organiser
    parts = section_title(ctx, ctx.t(N_("Contacts")))
    office = [
        (ctx.t(N_("Protocol office")), esc(ctx.text(organiser.name))),
        (ctx.t(N_("Phone")), esc(organiser.phone)),
        (ctx.t(N_("E-mail")), esc(organiser.email)),
        (ctx.t(N_("Address")), esc(organiser.address)),
    ]
    parts += facts(ctx, office)
    # A pack is read by one person: the delegation column gives its room to the e-mail
    # addresses, which then stay on one line.
    pack = ctx.person is not None
    header = [
        ctx.t(N_("Name")),
        ctx.t(N_("Title and function")),
        *([] if pack else [ctx.t(N_("Delegation"))]),
        ctx.t(N_("Duty phone and e-mail")),
    ]
    widths = [0.28, 0.34, 0.38] if pack else [0.27, 0.29, 0.14, 0.3]
    printed = False
    own_drivers = _own_drivers(ctx)
    # A pack's contacts are one table under one header, a line naming each group: the
    # reader finds the interpreter's number at a glance, in a page rather than two.
    grouped: list[list[str]] = []
    group_rows: list[int] = []
    for role, title in CONTACT_ROLES:
        people = [p for p in ctx.data.people if p.role == role.value]
        if role is Role.DRIVER and own_drivers:
            people = [p for p in people if p.id in own_drivers]
        if not people:
            continue
        people.sort(key=lambda p: (p.delegation_id or "", p.rank))
        rows = []
        for person in people:
            phones = [person.duty_phone, person.duty_email]
            if internal and person.private_phone:
                phones.append(ctx.t(N_("private: {phone}")).format(phone=person.private_phone))
            rows.append(
                [
                    ctx.name_markup(person),
                    esc(ctx.title_of(person)),
                    *([] if pack else [esc(ctx.delegation_name(person))]),
                    esc("\n".join(p for p in phones if p)),
                ]
            )
        printed = True
        if pack:
            group_rows.append(len(grouped) + 1)  # the header is the table's row 0
            grouped += [[f"<b>{esc(ctx.t(title))}</b>", "", ""], *rows]
            continue
        table = data_table(ctx, header, rows, widths)
        parts += titled(heading(ctx, ctx.t(title), 1), table)
    if grouped:
        table = data_table(ctx, header, grouped, widths)
        table.setStyle(
            [("SPAN", (0, row), (-1, row)) for row in group_rows]
            + [("BACKGROUND", (0, row), (-1, row), SHADE) for row in group_rows]
        )
        parts += titled(Spacer(1, 4), table)
    if not printed and not any(value for _label, value in office):
        return []
    return parts
