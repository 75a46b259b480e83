"""The car plan in print: "your car" for a person at a movement, and the movements'
cars with their passengers, seat by seat (the movements sheet's car plan)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from visitplanner.domain import car_plan
from visitplanner.domain.car_plan import TheirCar
from visitplanner.domain.car_seats import CarSeat
from visitplanner.domain.model import Event
from visitplanner.exports.briefing.blocks import data_table, heading, titled
from visitplanner.exports.briefing.context import BookContext
from visitplanner.exports.briefing.hyphenation import unbroken
from visitplanner.exports.briefing.markup import esc
from visitplanner.exports.briefing.styles import MUTED_HEX
from visitplanner.i18n import N_


def seat_words(ctx: BookContext, seat: CarSeat, number: int | None) -> str:
    """A seat in the book's language ("arrière droit", "place 4")."""
    if seat is CarSeat.NUMBERED:
        return ctx.t(N_("seat {number}")).format(number=number)
    return ctx.t(car_plan.seat_text(seat))


def their_car_text(ctx: BookContext, car: TheirCar) -> str:
    """A person's car as their pack prints it: vehicle, plate, seat, driver, duty phone."""
    vehicle = car.vehicle
    label = ctx.text(vehicle.label)
    name = f"{label} ({vehicle.plate})" if vehicle.plate else label
    parts = [name, seat_words(ctx, car.seat, car.number)]
    if car.driver:
        parts.append(ctx.t(N_("driver {name}")).format(name=car.driver))
    if car.duty_phone:
        parts.append(unbroken(car.duty_phone))
    return ", ".join(parts)


def movement_rows(ctx: BookContext, event: Event) -> list[tuple[str, str, str]]:
    """One row per car of a movement that carries someone: the vehicle's id, the car
    (convoy position, label, plate, driver and duty phone), its passengers seat by seat."""
    rows = []
    for car in ctx.cars.movement_cars(event):
        riders = car.riders()
        if not riders:
            continue
        vehicle = car.vehicle
        position = f"{vehicle.convoy_position}. " if vehicle.convoy_position else ""
        lines = [f"<b>{esc(position + ctx.text(vehicle.label))}</b>"]
        driver = car_plan.driver_of(vehicle, ctx.people)
        details = [p for p in (vehicle.plate, driver, vehicle.duty_phone) if p]
        if details:
            lines.append(f'<font color="{MUTED_HEX}">{esc(" — ".join(details))}</font>')
        seats = []
        for assignment in riders:
            person = ctx.people.get(assignment.person_id)
            if person is None:
                continue
            seat = esc(seat_words(ctx, assignment.seat, assignment.number))
            seats.append(f'<font color="{MUTED_HEX}">{seat}</font> {ctx.name_markup(person)}')
        rows.append((vehicle.id, "<br/>".join(lines), "<br/>".join(seats)))
    return rows


def build_car_plan(ctx: BookContext, moves: list[Event]) -> list[Flowable]:
    """The movements' cars with their passengers (in a pack: the person's own cars)."""
    header = [ctx.t(N_("Movement")), ctx.t(N_("Vehicle")), ctx.t(N_("Passengers"))]
    rows = []
    for event in moves:
        if not car_plan.is_movement(event):
            continue
        cars = movement_rows(ctx, event)
        if ctx.person is not None:
            own = ctx.cars.their_car(ctx.person.id, event.id)
            if own is None:
                continue
            cars = [row for row in cars if row[0] == own.vehicle.id]
        when = f"{esc(ctx.short_day(ctx.local(event.start)))}<br/><b>{esc(ctx.span(event))}</b>"
        title = f"{when}<br/>{esc(ctx.text(event.title))}"
        for n, (_vehicle, car, seats) in enumerate(cars):
            rows.append([title if n == 0 else "", car, seats])
    if not rows:
        return []
    table = data_table(ctx, header, rows, [0.26, 0.32, 0.42])
    return titled(heading(ctx, ctx.t(N_("Car plan")), 1), table)
