"""The protocol arrangements of an event: seating plans, wreaths and placement on a site.

Pure data, held by `Event` (model.py): a meal's `SeatingPlan` (tables and numbered
seats), a ceremony's `Wreath`s and `PlacementPosition`s. The rules that fill them
live in seating.py and ceremony.py; precedence.py says who comes first.

Seats are described as a protocol officer thinks of them, not by coordinates: the
side of the table (north is the top of the printed chart) and the position along it,
counted west to east on a long side and clockwise from the top on a round table.
Everyone faces the table, so a person's right-hand neighbour is the next seat
counter-clockwise: a lower position on the north side and round tables, a higher one
on the south side.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from visitplanner.domain.errors import DomainError, NotFoundError
from visitplanner.domain.ids import new_id
from visitplanner.domain.values import LocalizedText
from visitplanner.i18n import _


class SeatingStrategy(StrEnum):
    """How a seating plan is proposed from the order of precedence."""

    #: Dîner de travail: the delegations face each other, heads at the centre.
    WORKING = "working"
    #: À la française: host and co-host face each other, guests on their right.
    OFFICIAL = "official"


class TableShape(StrEnum):
    """The shape of a table."""

    #: Two long sides facing each other, and seats at the ends if any.
    LONG = "long"
    ROUND = "round"
    #: A table of honour: one row of seats, all facing the room.
    HEAD = "head"
    #: Imperial: a long table with rounded ends, seats all round.
    IMPERIAL = "imperial"
    #: U-shaped: the base at the top, two arms down; seats outside (and on the base's
    #: inner side, south, if any).
    U = "u"


class SeatRole(StrEnum):
    """Who a seat is kept for, whoever sits there now ("" for no one in particular)."""

    NONE = ""
    HOST = "host"
    GUEST = "guest"
    INTERPRETER = "interpreter"


class FeatureKind(StrEnum):
    """A fixed thing of a room, drawn on the plan."""

    DOOR = "door"
    EXIT = "exit"
    STAGE = "stage"
    FIXED = "fixed"


class SeatSide(StrEnum):
    """Where a seat is at its table (north is the top of the printed chart)."""

    NORTH = "north"
    SOUTH = "south"
    WEST = "west"
    EAST = "east"
    ROUND = "round"


@dataclass(slots=True)
class Seat:
    """One numbered seat, perhaps taken by a person, perhaps locked by the officer."""

    number: int
    side: SeatSide
    position: int
    label: str = ""
    step_free: bool = True
    locked: bool = False
    person_id: str | None = None
    id: str = field(default_factory=new_id)
    #: Who the seat is kept for (format 13).
    reserved: SeatRole = SeatRole.NONE
    #: Whether the seat is near an exit (a seating constraint may ask for one).
    near_exit: bool = False

    def __post_init__(self) -> None:
        if self.number < 1:
            raise DomainError(_("a seat's number starts at 1"))
        if self.position < 0:
            raise DomainError(_("a seat's position cannot be negative"))

    def right_step(self) -> int:
        """How the position changes towards the seated person's right."""
        return 1 if self.side is SeatSide.SOUTH else -1


@dataclass(slots=True)
class Table:
    """A table of a seating plan, its centre at (x, y) metres from the room's centre
    (x east, y south), turned `rotation` degrees clockwise; `length` is its length (a
    round table's diameter) in metres, 0 for the length its seats need; `number` is
    printed on its card (None: the name is)."""

    name: str
    shape: TableShape = TableShape.LONG
    x: float = 0.0
    y: float = 0.0
    seats: list[Seat] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    rotation: float = 0.0
    length: float = 0.0
    number: int | None = None

    def __post_init__(self) -> None:
        if self.length < 0:
            raise DomainError(_("a table's length cannot be negative"))
        self.rotation = self.rotation % 360

    def side(self, side: SeatSide) -> list[Seat]:
        """The seats of one side, by position."""
        return sorted((s for s in self.seats if s.side is side), key=lambda s: s.position)


@dataclass(slots=True)
class RoomFeature:
    """A door, an exit, a stage or a fixed thing of a room: a rectangle (or a point, 0 × 0)
    centred at (x, y) metres from the room's centre."""

    kind: FeatureKind = FeatureKind.DOOR
    label: str = ""
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    depth: float = 0.0
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.width < 0 or self.depth < 0:
            raise DomainError(_("a room's feature cannot have a negative size"))


@dataclass(slots=True)
class Room:
    """The room of a meal: its name, its size in metres (0 × 0: not drawn), its features."""

    name: str = ""
    width: float = 0.0
    depth: float = 0.0
    features: list[RoomFeature] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.width < 0 or self.depth < 0:
            raise DomainError(_("a room cannot have a negative size"))


@dataclass(slots=True)
class SeatingPlan:
    """A meal's seating plan: the strategy chosen for it, its tables and their room."""

    strategy: SeatingStrategy = SeatingStrategy.WORKING
    tables: list[Table] = field(default_factory=list)
    room: Room = field(default_factory=Room)
    #: How couples and delegations are seated (seating_rules.py, seating_proposal.py).
    options: SeatingOptions = field(default_factory=lambda: SeatingOptions())

    def __post_init__(self) -> None:
        numbers = [seat.number for _table, seat in self.seats()]
        if len(set(numbers)) != len(numbers):
            raise DomainError(_("two seats of a seating plan have the same number"))

    def seats(self) -> Iterator[tuple[Table, Seat]]:
        """Every seat with its table, table by table, by number."""
        for table in self.tables:
            for seat in sorted(table.seats, key=lambda s: s.number):
                yield table, seat

    def seat(self, seat_id: str) -> Seat:
        """The seat with id `seat_id`."""
        for _table, seat in self.seats():
            if seat.id == seat_id:
                return seat
        raise NotFoundError(_("no seat with id {ident}").format(ident=seat_id))

    def seat_by_number(self, number: int) -> Seat:
        """The seat numbered `number`."""
        for _table, seat in self.seats():
            if seat.number == number:
                return seat
        raise NotFoundError(_("no seat number {number}").format(number=number))

    def seat_of(self, person_id: str) -> Seat | None:
        """Where `person_id` sits (the first seat, if seated twice)."""
        return next((s for _table, s in self.seats() if s.person_id == person_id), None)

    def seated_ids(self) -> list[str]:
        """Who sits, seat by seat."""
        return [s.person_id for _table, s in self.seats() if s.person_id]

    def table(self, table_id: str) -> Table:
        """The table with id `table_id`."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise NotFoundError(_("no table with id {ident}").format(ident=table_id))

    def table_of(self, seat_id: str) -> Table:
        """The table of the seat `seat_id`."""
        for table, seat in self.seats():
            if seat.id == seat_id:
                return table
        raise NotFoundError(_("no seat with id {ident}").format(ident=seat_id))


class StepKind(StrEnum):
    """What a line of a running order is: the ceremony checks read arrivals and departures."""

    OTHER = "other"
    ARRIVAL = "arrival"
    HONOURS = "honours"
    WREATH = "wreath"
    MUSIC = "music"
    SILENCE = "silence"
    ANTHEM = "anthem"
    DEPARTURE = "departure"


@dataclass(slots=True)
class Wreath:
    """A wreath of a ceremony: who lays it, who carries it, what its ribbon says.

    An event's wreaths are listed in the order they are laid.
    """

    ribbon: LocalizedText = field(default_factory=LocalizedText)
    layer_ids: list[str] = field(default_factory=list)
    carrier_ids: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if len(set(self.layer_ids)) != len(self.layer_ids):
            raise DomainError(_("a wreath lists the same layer twice"))
        if len(set(self.carrier_ids)) != len(self.carrier_ids):
            raise DomainError(_("a wreath lists the same carrier twice"))


class PlacementArea(StrEnum):
    """Where on a ceremony's site a position is."""

    #: The rows facing the monument, row 1 the nearest.
    ROW = "row"
    #: The wreath party, beside the monument: layers and carriers.
    WREATH_PARTY = "wreath-party"
    PRESS = "press"


@dataclass(slots=True)
class PlacementPosition:
    """A place to stand (or a wheelchair place) on a ceremony's site."""

    area: PlacementArea = PlacementArea.ROW
    row: int = 1
    place: int = 1
    label: str = ""
    wheelchair: bool = False
    person_id: str | None = None
    id: str = field(default_factory=new_id)

    def __post_init__(self) -> None:
        if self.row < 1 or self.place < 1:
            raise DomainError(_("rows and places are counted from 1"))


class Grouping(StrEnum):
    """Whether people who belong together (a couple, a delegation) sit together."""

    #: No wish: the strategy decides.
    FREE = "free"
    TOGETHER = "together"
    #: Apart (a couple) or mixed with the others (a delegation).
    APART = "apart"


@dataclass(slots=True)
class SeatingOptions:
    """A plan's options: couples kept together or apart, delegations together or mixed."""

    couples: Grouping = Grouping.FREE
    delegations: Grouping = Grouping.FREE
