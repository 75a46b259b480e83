"""How the facts of one event are worded: place, dress, press, interpretation, vehicles,
and for a per-person pack the person's role, vehicle and seat."""

from __future__ import annotations

from visitplanner.domain.labels import label
from visitplanner.domain.model import Event
from visitplanner.domain.values import EventKind, EventStatus, InterpretationMode, PressAccess
from visitplanner.exports.briefing.cars import their_car_text
from visitplanner.exports.briefing.context import MOVES, BookContext
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.protocol import places_held, role_at, vehicle_of
from visitplanner.exports.briefing.styles import MUTED_HEX, WARN_HEX
from visitplanner.i18n import N_, babel_locale


def labelled(ctx: BookContext, label: str, value: str) -> str:
    """ "Label: value" as markup (`value` already escaped), the label muted."""
    if not value:
        return ""
    pattern = ctx.t(N_("{label}: {value}"))
    head, _sep, tail = pattern.partition("{value}")
    head = head.replace("{label}", esc(label))
    return f'<font color="{MUTED_HEX}">{head}</font>{value}{esc(tail)}'


def status_flag(ctx: BookContext, event: Event) -> str:
    """A warning word for an event that is not confirmed ("DRAFT", "CANCELLED"), else ""."""
    if event.status is EventStatus.CONFIRMED:
        return ""
    return f'<font color="{WARN_HEX}"><b>{esc(ctx.enum(event.status).upper())}</b></font>'


def place(ctx: BookContext, event: Event, with_address: bool = True) -> str:
    """Where the event is (a move: from → to), with the address muted below."""
    venue = ctx.venue(event.venue_id)
    if event.kind in MOVES and event.destination_id:
        names = [ctx.venue_name(event.venue_id), ctx.venue_name(event.destination_id)]
        return esc(" → ".join(n for n in names if n))
    if venue is None:
        return ""
    markup = esc(ctx.text(venue.name))
    address = venue.full_address()
    if with_address and address:
        markup += f'<br/><font color="{MUTED_HEX}">{esc(address)}</font>'
    return markup


def languages(ctx: BookContext, codes: tuple[str, ...]) -> str:
    """Language codes as the book's language names them ("français, ukrainien")."""
    names = babel_locale(ctx.lang).languages
    return ", ".join(str(names.get(code, code)) for code in codes)


def interpretation(ctx: BookContext, event: Event) -> str:
    """The interpretation arranged: mode, languages, interpreters (escaped), or ""."""
    arranged = event.interpretation
    if arranged.mode is InterpretationMode.NONE:
        return ""
    parts = [ctx.enum(arranged.mode)]
    if arranged.languages:
        parts.append(languages(ctx, arranged.languages))
    who = [ctx.name_inline(ctx.people[i]) for i in arranged.interpreter_ids if i in ctx.people]
    text = " — ".join(parts)
    if who:
        text += " — " + ", ".join(who)
    return esc(text)


def press(ctx: BookContext, event: Event) -> str:
    """The press arrangement, or "" when not decided."""
    return "" if event.press is PressAccess.UNKNOWN else esc(ctx.enum(event.press))


def vehicles(ctx: BookContext, event: Event, plates: bool = True) -> str:
    """The event's vehicles in convoy order ("1. Lead car (GH-214-KP)")."""
    found = [ctx.vehicles[i] for i in event.vehicle_ids if i in ctx.vehicles]
    found.sort(key=lambda v: (v.convoy_position, ctx.text(v.label)))
    lines = []
    for vehicle in found:
        position = f"{vehicle.convoy_position}. " if vehicle.convoy_position else ""
        plate = f" ({vehicle.plate})" if plates and vehicle.plate else ""
        lines.append(esc(f"{position}{ctx.text(vehicle.label)}{plate}"))
    return "<br/>".join(lines)


def responsible(ctx: BookContext, event: Event) -> str:
    """The officer in charge and their duty phone."""
    person = ctx.people.get(event.responsible_id or "")
    if person is None:
        return ""
    phone = f" — {person.duty_phone}" if person.duty_phone else ""
    return esc(ctx.name_inline(person) + phone)


def personal(ctx: BookContext, event: Event) -> list[tuple[str, str]]:
    """For a per-person pack: the person's role, vehicle and places at `event` (labels,
    markup). The role only when it is not the one they hold all visit long (interpreting
    a meeting, in charge of it): the minister read "Your role: head of delegation" under
    each of her 25 events."""
    person = ctx.person
    if person is None:
        return []
    facts: list[tuple[str, str]] = []
    role = role_at(event, person, ctx.lang)
    if role != label(person.role, ctx.lang):
        facts.append((ctx.t(N_("Your role")), esc(role)))
    seat = ctx.cars.their_car(person.id, event.id)
    car = vehicle_of(ctx.data, event, person) if seat is None else None
    if seat is not None:
        facts.append((ctx.t(N_("Your car")), esc(their_car_text(ctx, seat))))
    elif car is not None:
        plate = f" ({car.plate})" if car.plate else ""
        facts.append((ctx.t(N_("Your vehicle")), esc(f"{ctx.text(car.label)}{plate}")))
    # Every place the person holds, each on its own line (the wreath party and the rows).
    facts += [(ctx.t(N_("Your place")), esc(p)) for p in places_held(event, person, ctx.lang)]
    return facts


def summary_lines(ctx: BookContext, event: Event) -> list[str]:
    """The facts the day-by-day programme prints under an event's title (markup lines)."""
    # A pack whose reader has a seat in the convoy gives that car ("Your car" below),
    # not every car of the movement: need-to-know, and a line less per transfer.
    own_car = ctx.person is not None and ctx.cars.their_car(ctx.person.id, event.id) is not None
    # "Press: closed" under a transfer, a flight or a rest says nothing: the press line
    # is kept there only when the press is let in (a pool at the airport).
    quiet = event.kind in MOVES or event.kind is EventKind.REST
    closed = quiet and event.press is PressAccess.CLOSED
    lines = [
        labelled(ctx, ctx.t(N_("Dress code")), esc(ctx.text(event.dress_code))),
        "" if closed else labelled(ctx, ctx.t(N_("Press")), press(ctx, event)),
        labelled(ctx, ctx.t(N_("Interpretation")), interpretation(ctx, event)),
        ""
        if own_car
        else labelled(ctx, ctx.t(N_("Vehicles")), vehicles(ctx, event).replace("<br/>", "; ")),
    ]
    # What the person must know about their own part stands out.
    lines += [labelled(ctx, label, f"<b>{value}</b>") for label, value in personal(ctx, event)]
    return [line for line in lines if line]
