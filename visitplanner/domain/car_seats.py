"""The car plan's entity: one person in one vehicle of one movement, in one seat.

A car has named seats (front passenger, rear left, middle, right); a minibus or a van
has numbered seats. The seat is `CarSeat`, with `number` for a numbered seat only.
The order of the convoy stays that of the vehicles' ranks (`Vehicle.convoy_position`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from visitplanner.domain.errors import DomainError
from visitplanner.domain.ids import new_id
from visitplanner.i18n import _


class CarSeat(StrEnum):
    """A seat in a vehicle: a car's named seats, or a numbered seat (minibus, van)."""

    REAR_RIGHT = "rear_right"
    REAR_LEFT = "rear_left"
    FRONT = "front"
    REAR_MIDDLE = "rear_middle"
    NUMBERED = "numbered"


#: A car's seats in their order of honour: the principal sits rear right.
CAR_SEATS: Final = (CarSeat.REAR_RIGHT, CarSeat.REAR_LEFT, CarSeat.FRONT, CarSeat.REAR_MIDDLE)

#: A seat as (kind, number): ("rear_right", 0), ("numbered", 3).
SeatKey = tuple[CarSeat, int]


@dataclass(slots=True)
class CarAssignment:
    """For one movement (a transfer event), one person in one of its vehicles, in a seat."""

    event_id: str
    vehicle_id: str
    person_id: str
    seat: CarSeat = CarSeat.REAR_RIGHT
    #: The seat's number in a minibus (1, 2 ...); None for a car's named seat.
    number: int | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.seat is CarSeat.NUMBERED:
            if self.number is None or self.number < 1:
                raise DomainError(_("a numbered seat needs a number from 1"))
        elif self.number is not None:
            raise DomainError(_("only a numbered seat has a number"))

    @property
    def seat_key(self) -> SeatKey:
        """The seat as (kind, number), unique within a vehicle of a movement."""
        return self.seat, self.number or 0
