"""The `cars` command: a movement's car plan, listed or proposed."""

from __future__ import annotations

import argparse
from pathlib import Path

from visitplanner.commands.base import EXIT_OK, Subcommands, add_language_option
from visitplanner.domain import car_plan
from visitplanner.domain.car_checks import movement_findings
from visitplanner.domain.car_seats import CarSeat
from visitplanner.domain.checks import CheckIndex, Severity
from visitplanner.domain.errors import InputError
from visitplanner.domain.model import Event, VisitData
from visitplanner.i18n import _, format_time, gettext_in
from visitplanner.services import cars as cars_service
from visitplanner.services.visit_files import open_visit


def _seat(seat: CarSeat, number: int | None, lang: str) -> str:
    if seat is CarSeat.NUMBERED:
        return gettext_in(lang, "seat {number}").format(number=number)
    return gettext_in(lang, car_plan.seat_text(seat))


def print_cars(data: VisitData, event: Event, lang: str) -> None:
    """A movement's cars in convoy order, seat by seat, then who is left without one."""
    main = data.visit.main_language
    people = {p.id: p for p in data.people}
    when = format_time(event.start.astimezone(event.start.tzinfo), lang)
    print(f"{event.title.get(lang, main)} — {when}")
    placed: set[str] = set()
    for car in car_plan.cars(data, event):
        vehicle = car.vehicle
        driver = car_plan.driver_of(vehicle, people)
        details = ", ".join(p for p in (vehicle.plate, driver, vehicle.duty_phone) if p)
        print()
        label = vehicle.label.get(lang, main)
        print(f"{vehicle.convoy_position}. {label}" + (f" ({details})" if details else ""))
        riders = {a.seat_key: a for a in car.riders()}
        for key in [*car.seats, *(k for k in riders if k not in car.seats)]:
            assignment = riders.get(key)
            person = people.get(assignment.person_id) if assignment else None
            if assignment is not None:
                placed.add(assignment.person_id)
            who = person.formal_name() if person is not None else "—"
            print(f"  {_seat(key[0], key[1] or None, lang):<20} {who}")
    missing = [p for p in car_plan.passengers(data, event) if p.id not in placed]
    if missing:
        print()
        print(_("No car: {people}").format(people=", ".join(p.formal_name() for p in missing)))


def _cars(args: argparse.Namespace) -> int:
    if args.replace and not args.propose:
        raise InputError(_("--replace goes with --propose"))
    session = open_visit(args.visit, read_only=not args.propose)
    try:
        data = session.data
        if args.event is None:
            for event in cars_service.movements(data):
                count = sum(1 for a in data.car_assignments if a.event_id == event.id)
                title = event.title.get(
                    args.lang or data.visit.main_language, data.visit.main_language
                )
                print(f"{event.id}  {event.start:%d/%m %H:%M}  {title}  ({count})")
            return EXIT_OK
        event = cars_service.movement(data, args.event)
        lang = args.lang or data.visit.main_language
        if args.propose:
            operation = cars_service.propose_operation(data, event, replace=args.replace)
            if operation is None:
                print(_("Everyone already has a car: nothing changed."))
            else:
                session.apply(operation)
                print(_("Car plan proposed and saved."))
            data = session.data
            event = data.event(event.id)
        print_cars(data, event, lang)
        ix = CheckIndex(data)
        found = list(movement_findings(ix, event, cars_service.assignments_of(data, event)))
        if found:
            print()
        words = {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}
        for finding in found:
            print(f"{words[finding.severity]}: [{finding.kind.value}] {finding.message}")
    finally:
        session.close()
    return EXIT_OK


def register(commands: Subcommands) -> None:
    """Add the cars command."""
    cars = commands.add_parser("cars", help=_("the car plan of a movement"))
    cars.add_argument("visit", type=Path, metavar="VISIT")
    cars.add_argument(
        "--event",
        metavar="EVENT",
        help=_("the transfer, by title or id (without it: every transfer, with its count)"),
    )
    cars.add_argument(
        "--list", action="store_true", help=_("list the cars seat by seat (the default)")
    )
    cars.add_argument(
        "--propose",
        action="store_true",
        help=_("seat the passengers without a car from the order of precedence and save"),
    )
    cars.add_argument(
        "--replace",
        action="store_true",
        help=_("with --propose: make the whole plan again, hand-made seats too"),
    )
    add_language_option(cars)
    cars.set_defaults(handler=_cars)
