"""Small visits for the protocol rules: a guest and a host delegation, authorities, one meal."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from visitplanner.domain.decree import GuestPlacement
from visitplanner.domain.model import Delegation, Event, Person, Visit, VisitData
from visitplanner.domain.values import Civility, EventKind, Grade, LocalizedText, Need, Role, Side

PARIS = ZoneInfo("Europe/Paris")


def person(
    family: str,
    delegation: Delegation | None,
    grade: Grade,
    rank: int,
    role: str = Role.MEMBER,
    step_free: Need = Need.NONE,
    dietary: Need = Need.NONE,
) -> Person:
    """A person of `delegation` (None: an authority) with a name, a grade and a rank."""
    return Person(
        family_name=family,
        given_name=family[0],
        family_name_native=family.upper() + "О",
        given_name_native="І",
        civility=Civility.MADAME if rank % 2 else Civility.MONSIEUR,
        title=LocalizedText(
            fr=f"Titre de {family}", uk=f"Посада {family}", en=f"Title of {family}"
        ),
        delegation_id=delegation.id if delegation else None,
        role=role,
        grade=grade,
        rank=rank,
        step_free=step_free,
        dietary=dietary,
    )


def protocol_visit(
    guests: int = 4,
    hosts: int = 4,
    authorities: int = 0,
    rule: GuestPlacement = GuestPlacement.GUEST_FIRST,
) -> VisitData:
    """Guests G1.. (a minister, then deputies, then members), hosts H1.. likewise, and
    authorities A1.. of no delegation, all at one meal; G1 outranks H1 (minister vs
    minister delegate). At equal grade the guest comes first unless `rule` says else
    (the protocol tests were written for the courtesy rule)."""
    guest = Delegation(name=LocalizedText(fr="Invités"), side=Side.GUEST, country="UA", position=0)
    host = Delegation(name=LocalizedText(fr="Hôtes"), side=Side.HOST, country="FR", position=1)
    grades = [Grade.DEPUTY_MINISTER, Grade.DIRECTOR, Grade.ADVISER, Grade.MEMBER, Grade.MEMBER]
    people = [person("G1", guest, Grade.MINISTER, 1, Role.HEAD)]
    people += [person(f"G{i}", guest, grades[min(i - 2, 4)], i) for i in range(2, guests + 1)]
    people += [person("H1", host, Grade.MINISTER_DELEGATE, 1, Role.HEAD)]
    people += [person(f"H{i}", host, grades[min(i - 2, 4)], i) for i in range(2, hosts + 1)]
    people += [person(f"A{i}", None, Grade.SENIOR_OFFICIAL, i) for i in range(1, authorities + 1)]
    guest.head_id, host.head_id = people[0].id, people[guests].id
    meal = Event(
        title=LocalizedText(fr="Dîner", en="Dinner"),
        kind=EventKind.MEAL,
        start=datetime(2026, 5, 6, 20, 0, tzinfo=PARIS),
        end=datetime(2026, 5, 6, 22, 0, tzinfo=PARIS),
        participant_ids=[p.id for p in people],
    )
    ceremony = Event(
        title=LocalizedText(fr="Cérémonie", en="Ceremony"),
        kind=EventKind.CEREMONY,
        start=datetime(2026, 5, 8, 18, 0, tzinfo=PARIS),
        end=datetime(2026, 5, 8, 19, 0, tzinfo=PARIS),
        participant_ids=[p.id for p in people],
    )
    return VisitData(
        visit=Visit(
            title=LocalizedText(fr="Visite"),
            start_date=date(2026, 5, 6),
            end_date=date(2026, 5, 9),
            guest_placement=rule,
        ),
        delegations=[guest, host],
        people=people,
        events=[meal, ceremony],
    )


def by_name(data: VisitData, family: str) -> Person:
    """The person called `family`."""
    return next(p for p in data.people if p.family_name == family)
