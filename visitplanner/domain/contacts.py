"""The visit's emergency contacts: whom to call, day and night, when something goes wrong.

A setting of the visit (`Visit.emergency`): the 24-hour duty officer, the embassy of
the guest delegation, the security lead, and for each day of the visit the hospital
nearest to that day's venues. These are duty contacts, printed in every book and pack
and shared with the delegations (no field is private); a private phone is not one.

Hospitals are kept by day, not by venue: a day's venues are a few streets apart in a
city visit, the security plan names one receiving hospital per day, and the page an
officer hands out lists the days. An officer whose day spreads over two towns writes
both in the hospital's address.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from visitplanner.domain.errors import DomainError
from visitplanner.i18n import _


@dataclass(frozen=True, slots=True)
class Contact:
    """Someone (or an office) to call: a name, an address and a duty phone."""

    name: str = ""
    address: str = ""
    phone: str = ""

    def __bool__(self) -> bool:
        return any((self.name.strip(), self.address.strip(), self.phone.strip()))


@dataclass(frozen=True, slots=True)
class DayHospital:
    """The hospital nearest to one day's venues."""

    day: date
    name: str = ""
    address: str = ""
    phone: str = ""

    def __bool__(self) -> bool:
        return any((self.name.strip(), self.address.strip(), self.phone.strip()))


@dataclass(frozen=True, slots=True)
class EmergencyContacts:
    """The duty officer, the embassy, the security lead and a hospital for each day."""

    duty_officer: Contact = field(default_factory=Contact)
    embassy: Contact = field(default_factory=Contact)
    security_lead: Contact = field(default_factory=Contact)
    #: One hospital per day at most, in the order of the days.
    hospitals: tuple[DayHospital, ...] = ()

    def __post_init__(self) -> None:
        days = [h.day for h in self.hospitals]
        if len(set(days)) != len(days):
            raise DomainError(_("a day of the visit has one nearest hospital, not two"))

    def __bool__(self) -> bool:
        return bool(self.duty_officer or self.embassy or self.security_lead or self.hospitals)

    def hospital_on(self, day: date) -> DayHospital | None:
        """The hospital written for `day` (None: none, or only an empty line)."""
        for hospital in self.hospitals:
            if hospital.day == day:
                return hospital if hospital else None
        return None

    def with_hospital(self, hospital: DayHospital) -> EmergencyContacts:
        """These contacts with `hospital` as its day's (an empty one takes the day's out)."""
        kept = [h for h in self.hospitals if h.day != hospital.day]
        if hospital:
            kept.append(hospital)
        kept.sort(key=lambda h: h.day)
        return EmergencyContacts(self.duty_officer, self.embassy, self.security_lead, tuple(kept))


def visit_days(start: date, end: date) -> Iterator[date]:
    """Every day from `start` to `end`, both included."""
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)
