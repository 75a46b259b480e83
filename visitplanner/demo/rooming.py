"""The demo's rooming: the Novotel by the Eiffel Tower, its room types, and a stay for
every member of the Ukrainian delegation.

Sample data, like every hotel detail beyond the press release. The hotel's two
accessible rooms go to the two veterans who need step-free access; the two security
officers share a twin room; the minister has a suite. The advance security officer
arrives the day before. Host pays for the minister and her deputy, the ministry for the
others. Ids are stable (demo.common).
"""

from __future__ import annotations

import dataclasses
from typing import Final

from visitplanner.demo.common import demo_id, paris, person_id, text, venue_id
from visitplanner.domain.model import VisitData
from visitplanner.domain.rooming import Billing, RoomType, Stay

SUITE: Final = demo_id("room-type:suite")
SINGLE: Final = demo_id("room-type:single")
TWIN: Final = demo_id("room-type:twin")
ACCESSIBLE: Final = demo_id("room-type:accessible")

_ROOM_TYPES: Final = (
    RoomType(id=SUITE, name=text("Suite", "Люкс", "Suite"), capacity=2, step_free=False),
    RoomType(
        id=SINGLE,
        name=text("Chambre individuelle", "Одномісний номер", "Single room"),
        capacity=1,
    ),
    RoomType(
        id=TWIN,
        name=text("Chambre à deux lits", "Двомісний номер (два ліжка)", "Twin room"),
        capacity=2,
    ),
    RoomType(
        id=ACCESSIBLE,
        name=text("Chambre accessible", "Номер без бар’єрів", "Accessible room"),
        capacity=1,
        step_free=True,
    ),
)

#: Who stays in which type of room, which number if known, with whom, paid by whom.
_STAYS: Final = (
    ("kalmykova", SUITE, "1201", None, Billing.HOST),
    ("shymanskyi", SINGLE, "1104", None, Billing.HOST),
    ("kovalenko", ACCESSIBLE, "012", None, Billing.GUEST),
    ("melnyk", ACCESSIBLE, "014", None, Billing.GUEST),
    ("bondar", TWIN, "1110", "tkachuk", Billing.GUEST),
    ("tkachuk", TWIN, "1110", "bondar", Billing.GUEST),
    ("hnatiuk", SINGLE, "1106", None, Billing.GUEST),
    ("lytvynenko", SINGLE, "", None, Billing.GUEST),
    ("boiko", SINGLE, "", None, Billing.GUEST),
    ("marchenko", SINGLE, "1108", None, Billing.GUEST),
    ("shevchuk", SINGLE, "", None, Billing.GUEST),
)


def add_rooming(data: VisitData) -> VisitData:
    """Make the demo's hotel a hotel with room types, and give each guest a stay there."""
    hotel = data.venue(venue_id("hotel"))
    index = data.venues.index(hotel)
    data.venues[index] = dataclasses.replace(
        hotel, hotel=True, room_types=[dataclasses.replace(t) for t in _ROOM_TYPES]
    )
    data.stays = [
        Stay(
            id=demo_id(f"stay:{key}"),
            person_id=person_id(key),
            hotel_id=hotel.id,
            room_type_id=room_type,
            room_number=number,
            # The advance security officer lands the evening before everyone else.
            check_in=paris(5, 20, 0) if key == "marchenko" else paris(6, 14, 0),
            check_out=paris(9, 10, 0),
            shares_with_id=person_id(mate) if mate else None,
            step_free=room_type == ACCESSIBLE,
            late_arrival=key == "marchenko",
            billing=billing,
            notes="Suite au 12e étage, côté Seine." if key == "kalmykova" else "",
        )
        for key, room_type, number, mate, billing in _STAYS
    ]
    return data
