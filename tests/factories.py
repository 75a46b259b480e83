"""Small visits built by hand for tests: every field filled, both scripts, three zones."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from visitplanner.domain.arrangements import PlacementArea, PlacementPosition, StepKind, Wreath
from visitplanner.domain.model import (
    Accreditation,
    Delegation,
    Event,
    Interpretation,
    Organiser,
    Person,
    RunningOrderItem,
    TravelLeg,
    Vehicle,
    Venue,
    Visit,
    VisitData,
)
from visitplanner.domain.values import (
    Access,
    Civility,
    EventKind,
    EventStatus,
    Grade,
    InterpretationMode,
    LocalizedText,
    Need,
    PressAccess,
    Role,
    Side,
)

PARIS = ZoneInfo("Europe/Paris")
KYIV = ZoneInfo("Europe/Kyiv")
WARSAW = ZoneInfo("Europe/Warsaw")


def small_visit() -> VisitData:
    """Two delegations, three people, two venues, a vehicle and three events."""
    visit = Visit(
        title=LocalizedText(fr="Visite « officielle »", uk="Офіційний візит", en="Official visit"),
        start_date=date(2026, 5, 6),
        end_date=date(2026, 5, 9),
        marking="Diffusion restreinte",
        organiser=Organiser(
            name=LocalizedText(fr="Bureau du protocole"), email="protocole@example.fr"
        ),
    )
    guests = Delegation(name=LocalizedText(fr="Délégation ukrainienne", uk="Українська делегація"))
    hosts = Delegation(name=LocalizedText(fr="Délégation française"), side=Side.HOST, position=1)
    minister = Person(
        family_name="Kalmykova",
        given_name="Natalia",
        family_name_native="Калмикова",
        given_name_native="Наталія",
        patronymic_native="Іванівна",
        civility=Civility.MADAME,
        title=LocalizedText(fr="Ministre", uk="Міністр", en="Minister"),
        function=LocalizedText(fr="Ministre des Anciens combattants d’Ukraine"),
        delegation_id=guests.id,
        role=Role.HEAD,
        grade=Grade.MINISTER,
        rank=1,
        languages=("uk", "en"),
        duty_phone="+380 44 000 00 00",
        private_phone="+380 67 111 11 11",
        dietary=Need.GIVEN,
        dietary_detail=LocalizedText(fr="sans gluten", uk="без глютену"),
        step_free=Need.NONE,
        accreditation=Accreditation(
            passport_name="KALMYKOVA NATALIIA",
            birth_date=date(1970, 1, 2),
            nationality="UKR",
            passport_number="FX000001",
            passport_expiry=date(2030, 1, 1),
        ),
        arrival=TravelLeg("LOT", "LO333", datetime(2026, 5, 6, 9, 0, tzinfo=WARSAW), "WAW"),
        photo=b"\x89PNG\r\n\x1a\nfake",
        photo_type="image/png",
    )
    veteran = Person(
        family_name="Koval'",
        given_name="Andrii",
        family_name_native="Коваль",
        given_name_native="Андрій",
        delegation_id=guests.id,
        role="ветеран",  # a role written freely is kept as written
        rank=2,
        step_free=Need.GIVEN,
        accessibility_detail=LocalizedText(fr="fauteuil roulant"),
    )
    host = Person(
        family_name="Rufo",
        given_name="Alice",
        civility=Civility.MADAME,
        delegation_id=hosts.id,
        role=Role.HEAD,
        grade=Grade.MINISTER_DELEGATE,
        rank=1,
        languages=("fr",),
    )
    guests.head_id = minister.id
    hosts.head_id = host.id
    brienne = Venue(
        name=LocalizedText(fr="Hôtel de Brienne"),
        address="14 rue Saint-Dominique",
        postcode="75007",
        city="Paris",
        latitude=48.8597,
        longitude=2.3179,
        step_free=Access.YES,
        security_notes=LocalizedText(fr="badge"),
    )
    arc = Venue(name=LocalizedText(fr="Arc de Triomphe"), step_free=Access.UNKNOWN)
    brienne.travel_minutes = {arc.id: 15}
    arc.travel_minutes = {brienne.id: 15}
    car = Vehicle(
        label=LocalizedText(fr="Voiture 1", uk="Автомобіль 1", en="Car 1"),
        plate="GA-123-BC",
        driver_name="Jean",
        wheelchair=Access.NO,
    )
    arrival = Event(
        title=LocalizedText(fr="Arrivée", uk="Прибуття"),
        kind=EventKind.TRAVEL,
        start=datetime(2026, 5, 6, 9, 0, tzinfo=WARSAW),
        end=datetime(2026, 5, 6, 11, 30, tzinfo=PARIS),
        status=EventStatus.CONFIRMED,
        participant_ids=[minister.id, veteran.id],
    )
    meeting = Event(
        title=LocalizedText(fr="Entretien", en="Talks"),
        start=datetime(2026, 5, 7, 10, 0, tzinfo=PARIS),
        end=datetime(2026, 5, 7, 11, 0, tzinfo=PARIS),
        status=EventStatus.CONFIRMED,
        venue_id=brienne.id,
        participant_ids=[minister.id, host.id],
        vehicle_ids=[car.id],
        press=PressAccess.POOL,
        interpretation=Interpretation(InterpretationMode.CONSECUTIVE, ("fr", "uk"), [veteran.id]),
        responsible_id=host.id,
        modified=datetime(2026, 5, 1, 12, 0, tzinfo=ZoneInfo("UTC")),
    )
    ceremony = Event(
        title=LocalizedText(fr="Cérémonie du 8 Mai"),
        kind=EventKind.CEREMONY,
        start=datetime(2026, 5, 8, 11, 0, tzinfo=PARIS),
        end=datetime(2026, 5, 8, 12, 0, tzinfo=PARIS),
        venue_id=arc.id,
        participant_ids=[minister.id, veteran.id, host.id],
        running_order=[
            RunningOrderItem(
                at=datetime(2026, 5, 8, 11, 0, tzinfo=PARIS),
                action=LocalizedText(fr="Arrivée des autorités", uk="Прибуття"),
                who=LocalizedText(fr="Mme Rufo"),
                where=LocalizedText(fr="Place Charles-de-Gaulle"),
                kind=StepKind.ARRIVAL,
                person_ids=[host.id],
            ),
            RunningOrderItem(
                at=datetime(2026, 5, 8, 11, 10, tzinfo=PARIS),
                action=LocalizedText(fr="Sonnerie aux morts"),
                kind=StepKind.MUSIC,
            ),
        ],
        wreaths=[
            Wreath(
                ribbon=LocalizedText(fr="La ministre", uk="Міністр"),
                layer_ids=[minister.id],
                carrier_ids=[veteran.id],
            )
        ],
        placement=[
            PlacementPosition(PlacementArea.ROW, 1, 4, person_id=minister.id),
            PlacementPosition(PlacementArea.ROW, 1, 1, wheelchair=True, person_id=veteran.id),
        ],
    )
    return VisitData(
        visit=visit,
        delegations=[guests, hosts],
        people=[minister, veteran, host],
        venues=[brienne, arc],
        vehicles=[car],
        events=[arrival, meeting, ceremony],
    )
