"""The demo's programme, 6–9 May 2026: flights, transfers, meetings, visits and meals.

The press release fixes the substance (meetings with institutions, associations and
companies; the operational roadmap steered by the DCSD; the 8 May ceremony; a working
dinner, already held when the release came out on 7 May). Times, places and who goes
where are sample data, planned so that nobody is in two places at once, every move leaves
the travel time the venues record, and wheelchair users only go where access is step-free.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from visitplanner.demo.ceremony import build_ceremony
from visitplanner.demo.common import (
    event_id,
    interpreted,
    paris,
    person_id,
    person_ids,
    text,
    vehicle_id,
    venue_id,
    warsaw,
)
from visitplanner.demo.guests import (
    UA_ALL,
    UA_AT_TABLE,
    UA_DEPUTY_TRACK,
    UA_MINISTER_TRACK,
    UA_ON_FLIGHT,
)
from visitplanner.demo.places import ALL_VEHICLES, SHORT_NAMES, VEHICLE_DRIVERS
from visitplanner.domain.model import Event, Interpretation
from visitplanner.domain.values import (
    EventKind,
    EventStatus,
    InterpretationMode,
    LocalizedText,
    PressAccess,
)

CITY_DRESS: Final = text("Tenue de ville", "Діловий стиль одягу", "Business attire")
#: Who escorts the Ukrainian delegation everywhere: the liaison officer and an interpreter.
_ESCORT: Final = ("morel", "girard")

_CONSECUTIVE = InterpretationMode.CONSECUTIVE


def _event(
    key: str,
    title: LocalizedText,
    span: tuple[datetime, datetime],
    kind: EventKind,
    venue: str,
    people: tuple[str, ...],
    *,
    purpose: LocalizedText | None = None,
    interpretation: Interpretation | None = None,
    press: PressAccess = PressAccess.CLOSED,
    responsible: str = "morel",
    status: EventStatus = EventStatus.CONFIRMED,
    notes: LocalizedText | None = None,
) -> Event:
    """A sample event of the programme; `venue` and `people` are demo keys."""
    return Event(
        id=event_id(key),
        title=title,
        start=span[0],
        end=span[1],
        kind=kind,
        status=status,
        venue_id=venue_id(venue),
        participant_ids=person_ids(*people),
        press=press,
        # Resting at the hotel has no dress code; everything else is in business attire.
        dress_code=LocalizedText() if kind is EventKind.REST else CITY_DRESS,
        purpose=purpose or LocalizedText(),
        interpretation=interpretation or Interpretation(),
        responsible_id=person_id(responsible),
        notes=notes or LocalizedText(),
        sample=True,
    )


def _transfer(
    key: str,
    span: tuple[datetime, datetime],
    route: tuple[str, str],
    passengers: tuple[str, ...],
    vehicles: tuple[str, ...] = ALL_VEHICLES,
) -> Event:
    """A move by road, from the first venue of `route` (the pick-up point) to the second.

    The drivers of `vehicles` ride along as participants.
    """
    origin, destination = SHORT_NAMES[route[0]], SHORT_NAMES[route[1]]
    drivers = tuple(VEHICLE_DRIVERS[vehicle] for vehicle in vehicles)
    return Event(
        id=event_id(key),
        title=text(
            f"Transfert {origin.fr} → {destination.fr}",
            f"Переїзд {origin.uk} → {destination.uk}",
            f"Transfer {origin.en} → {destination.en}",
        ),
        start=span[0],
        end=span[1],
        kind=EventKind.TRANSFER,
        status=EventStatus.CONFIRMED,
        venue_id=venue_id(route[0]),
        destination_id=venue_id(route[1]),
        participant_ids=person_ids(*passengers, *drivers),
        vehicle_ids=[vehicle_id(vehicle) for vehicle in vehicles],
        press=PressAccess.CLOSED,
        responsible_id=person_id("morel" if "morel" in passengers else drivers[0]),
        sample=True,
    )


def _flight(
    key: str,
    title: LocalizedText,
    span: tuple[datetime, datetime],
    route: tuple[str, str],
    passengers: tuple[str, ...],
    notes: LocalizedText,
) -> Event:
    """A flight leg from the first venue of `route` to the second, its start and end in
    their own zones; the liaison officer answers for it."""
    return Event(
        id=event_id(key),
        title=title,
        start=span[0],
        end=span[1],
        kind=EventKind.TRAVEL,
        status=EventStatus.CONFIRMED,
        venue_id=venue_id(route[0]),
        destination_id=venue_id(route[1]),
        participant_ids=person_ids(*passengers),
        press=PressAccess.CLOSED,
        responsible_id=person_id("morel"),
        notes=notes,
        sample=True,
    )


def _arrival_day() -> list[Event]:
    """Wednesday 6 May: flight, welcome, the Invalides, the working dinner."""
    with_escort = (*UA_ALL, *_ESCORT)
    return [
        # Take-off in Warsaw time, landing in Paris time: the leg crosses no offset in
        # May, but the two zones are what the delegation's phones will show.
        _flight(
            "flight-in",
            text(
                "Vol LO 333 Varsovie → Paris-Charles de Gaulle",
                "Рейс LO 333 Варшава → Париж – Шарль де Голль",
                "Flight LO 333 Warsaw → Paris-Charles de Gaulle",
            ),
            (warsaw(6, 9, 35), paris(6, 12, 0)),
            ("waw", "cdg"),
            UA_ON_FLIGHT,
            text(
                "Arrivée à Varsovie la veille depuis Kyiv par la route (hors programme).",
                "Прибуття до Варшави напередодні з Києва автомобільним шляхом (поза програмою).",
                "Arrival in Warsaw the day before from Kyiv by road (outside the programme).",
            ),
        ),
        _event(
            "welcome",
            text(
                "Accueil de la délégation ukrainienne",
                "Зустріч української делегації",
                "Welcome of the Ukrainian delegation",
            ),
            (paris(6, 12, 15), paris(6, 12, 45)),
            EventKind.MEETING,
            "cdg",
            (*with_escort, "garnier"),
            purpose=text(
                "Accueil au salon d’honneur par le conseiller de la ministre déléguée.",
                "Зустріч у залі офіційних делегацій радником Міністра-делегата.",
                "Welcome in the VIP lounge by the Minister Delegate’s adviser.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "girard"),
        ),
        _transfer(
            "transfer-cdg-hotel",
            (paris(6, 12, 45), paris(6, 13, 45)),
            ("cdg", "hotel"),
            with_escort,
        ),
        _event(
            "rest-arrival",
            text(
                "Installation à l’hôtel et déjeuner",
                "Поселення в готелі та обід",
                "Check-in at the hotel and lunch",
            ),
            (paris(6, 13, 45), paris(6, 15, 15)),
            EventKind.REST,
            "hotel",
            UA_ALL,
            responsible="marchenko",
        ),
        _transfer(
            "transfer-hotel-ini",
            (paris(6, 15, 15), paris(6, 15, 50)),
            ("hotel", "ini"),
            with_escort,
        ),
        _event(
            "ini",
            text(
                "Visite de l’Institution nationale des Invalides",
                "Відвідання Національного інституту Інвалідів",
                "Visit to the Institution nationale des Invalides",
            ),
            (paris(6, 16, 0), paris(6, 17, 30)),
            EventKind.VISIT,
            "ini",
            (*with_escort, "caradec"),
            purpose=text(
                "Découvrir la prise en charge des grands blessés : soins, rééducation, "
                "hébergement des pensionnaires ; échanges avec l’équipe médicale.",
                "Ознайомитися з доглядом за тяжкопораненими: лікування, реабілітація, "
                "проживання пацієнтів; зустріч з медичним персоналом.",
                "See how the severely wounded are cared for: treatment, rehabilitation, "
                "residents’ accommodation; talks with the medical team.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "girard", "shevchuk"),
        ),
        _transfer(
            "transfer-ini-hotel", (paris(6, 17, 30), paris(6, 18, 0)), ("ini", "hotel"), with_escort
        ),
        _transfer(
            "transfer-hotel-cercle",
            (paris(6, 19, 25), paris(6, 19, 55)),
            ("hotel", "cercle"),
            with_escort,
        ),
        _event(
            "dinner",
            text(
                "Dîner de travail des deux délégations",
                "Робоча вечеря двох делегацій",
                "Working dinner of the two delegations",
            ),
            (paris(6, 20, 0), paris(6, 22, 0)),
            EventKind.MEAL,
            "cercle",
            (*UA_AT_TABLE, "rufo", "delorme", "garnier", "vasseur", "girard"),
            purpose=text(
                "Poursuivre les échanges et approfondir les pistes de coopération : droit à "
                "réparation, prise en charge médicale, réhabilitation et réinsertion, mémoire.",
                "Продовжити обговорення та поглибити напрями співпраці: право на "
                "відшкодування, медична допомога, реабілітація та реінтеграція, памʼять.",
                "Continue the talks and explore the avenues of cooperation: right to "
                "reparation, medical care, rehabilitation and reintegration, remembrance.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "shevchuk", "girard"),
            responsible="garnier",
            notes=text(
                "L’officier de sécurité et l’officier de liaison restent à proximité.",
                "Офіцер безпеки та офіцер звʼязку залишаються поблизу.",
                "The security officer and the liaison officer stay close by.",
            ),
        ),
        _transfer(
            "transfer-cercle-hotel",
            (paris(6, 22, 15), paris(6, 22, 45)),
            ("cercle", "hotel"),
            with_escort,
        ),
    ]


def _roadmap_day() -> list[Event]:
    """Thursday 7 May: the roadmap at Balard, then two tracks (minister; deputy and veterans)."""
    with_escort = (*UA_ALL, *_ESCORT)
    roadmap_table = (*UA_ALL, "delorme", "vasseur", "garnier", *_ESCORT)
    return [
        _transfer(
            "transfer-hotel-balard",
            (paris(7, 9, 0), paris(7, 9, 20)),
            ("hotel", "balard"),
            with_escort,
        ),
        _event(
            "roadmap",
            text(
                "Réunion de travail : feuille de route opérationnelle",
                "Робоча нарада: операційна дорожня карта",
                "Working meeting: operational roadmap",
            ),
            (paris(7, 9, 30), paris(7, 12, 30)),
            EventKind.MEETING,
            "balard",
            roadmap_table,
            purpose=text(
                "Élaborer, sous le pilotage de la DCSD, la feuille de route de la mise en "
                "œuvre du mémorandum d’entente de janvier 2026 : droit à réparation, prise "
                "en charge médicale, réhabilitation et réinsertion, volet mémoriel.",
                "Під керівництвом DCSD розробити дорожню карту виконання меморандуму про "
                "взаєморозуміння від січня 2026 року: право на відшкодування, медична "
                "допомога, реабілітація та реінтеграція, меморіальний напрям.",
                "Draw up, steered by the DCSD, the roadmap implementing the January 2026 "
                "memorandum of understanding: right to reparation, medical care, "
                "rehabilitation and reintegration, remembrance.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "shevchuk", "girard"),
            responsible="vasseur",
        ),
        _event(
            "lunch-balard",
            text(
                "Déjeuner offert par le directeur de la coopération de sécurité et de défense",
                "Обід від імені директора з питань співробітництва у сфері безпеки та оборони",
                "Lunch hosted by the Director for Security and Defence Cooperation",
            ),
            (paris(7, 12, 30), paris(7, 13, 45)),
            EventKind.MEAL,
            "balard",
            roadmap_table,
            interpretation=interpreted(_CONSECUTIVE, "shevchuk", "girard"),
            responsible="vasseur",
        ),
        # The minister's track: the right to reparation at the ONaCVG, then Alice Rufo.
        _transfer(
            "transfer-balard-onacvg",
            (paris(7, 13, 50), paris(7, 14, 10)),
            ("balard", "onacvg"),
            UA_MINISTER_TRACK,
            ("lead", "minister"),
        ),
        _event(
            "onacvg",
            text(
                "Entretien à l’Office national des combattants et des victimes de guerre",
                "Зустріч у Національному управлінні у справах комбатантів і жертв війни",
                "Meeting at the National Office for Combatants and Victims of War",
            ),
            (paris(7, 14, 30), paris(7, 15, 30)),
            EventKind.MEETING,
            "onacvg",
            (*UA_MINISTER_TRACK, "dumas"),
            purpose=text(
                "Droit à réparation (pensions militaires d’invalidité, carte du combattant), "
                "solidarité envers les ressortissants et action mémorielle de l’Office.",
                "Право на відшкодування (військові пенсії по інвалідності, посвідчення "
                "учасника бойових дій), соціальна підтримка та меморіальна діяльність.",
                "Right to reparation (military disability pensions, veteran’s card), "
                "support for veterans and the Office’s remembrance work.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "shevchuk"),
            responsible="marchenko",
        ),
        _transfer(
            "transfer-onacvg-brienne",
            (paris(7, 15, 35), paris(7, 15, 50)),
            ("onacvg", "brienne"),
            UA_MINISTER_TRACK,
            ("lead", "minister"),
        ),
        _event(
            "brienne",
            text(
                "Entretien de travail avec Mme Alice Rufo",
                "Робоча зустріч з пані Аліс Руфо",
                "Working meeting with Ms Alice Rufo",
            ),
            (paris(7, 16, 0), paris(7, 17, 15)),
            EventKind.MEETING,
            "brienne",
            (*UA_MINISTER_TRACK, "rufo", "delorme", "garnier"),
            purpose=text(
                "Point d’étape de la feuille de route ; premières actions concrètes dès 2026.",
                "Проміжні підсумки дорожньої карти; перші конкретні кроки вже у 2026 році.",
                "Progress on the roadmap; first concrete actions as early as 2026.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "shevchuk"),
            press=PressAccess.POOL,
            responsible="garnier",
            notes=text(
                "Tour d’images en début d’entretien (pool), puis entretien à huis clos.",
                "Зйомка на початку зустрічі (пул), далі розмова за зачиненими дверима.",
                "Photo opportunity at the start (pool), then talks behind closed doors.",
            ),
        ),
        _transfer(
            "transfer-brienne-hotel",
            (paris(7, 17, 20), paris(7, 17, 45)),
            ("brienne", "hotel"),
            UA_MINISTER_TRACK,
            ("lead", "minister"),
        ),
        # The deputy's track, with the veterans: an accessible vehicle and venue throughout.
        # Their convoy leaves Balard once the minister's has gone, as protocol has it.
        _transfer(
            "transfer-balard-company",
            (paris(7, 14, 10), paris(7, 14, 35)),
            ("balard", "company"),
            (*UA_DEPUTY_TRACK, *_ESCORT),
            ("minibus", "van"),
        ),
        _event(
            "company",
            text(
                "Visite d’une entreprise d’appareillage et de réadaptation",
                "Відвідання компанії з протезування та реабілітації",
                "Visit to a prosthetics and rehabilitation company",
            ),
            (paris(7, 14, 45), paris(7, 16, 30)),
            EventKind.VISIT,
            "company",
            (*UA_DEPUTY_TRACK, *_ESCORT, "colin"),
            purpose=text(
                "Découvrir une filière française d’appareillage (prothèses, orthèses) ; essais "
                "de matériel ; pistes de formation de prothésistes ukrainiens.",
                "Ознайомитися з французьким виробництвом протезів і ортезів; випробування "
                "обладнання; можливості навчання українських протезистів.",
                "See a French prosthetics and orthotics maker; equipment trials; training "
                "of Ukrainian prosthetists.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "girard"),
        ),
        _transfer(
            "transfer-company-hotel",
            (paris(7, 16, 45), paris(7, 17, 15)),
            ("company", "hotel"),
            (*UA_DEPUTY_TRACK, *_ESCORT),
            ("minibus", "van"),
        ),
    ]


def _ceremony_day() -> list[Event]:
    """Friday 8 May: a press interview (to be confirmed), rest, and the ceremony."""
    with_escort = (*UA_ALL, *_ESCORT)
    return [
        _event(
            "press-interview",
            text(
                "Entretien de la ministre avec la presse française",
                "Інтервʼю Міністра французьким медіа",
                "Minister’s interview with the French press",
            ),
            (paris(8, 9, 30), paris(8, 10, 15)),
            EventKind.PRESS,
            "hotel",
            ("kalmykova", "lytvynenko", "shevchuk", "dicod"),
            purpose=text(
                "Entretien coordonné par le centre médias du ministère (DICOD) : le mémorandum "
                "d’entente et la cérémonie du 8 Mai.",
                "Інтервʼю, яке координує медіацентр міністерства (DICOD): меморандум про "
                "взаєморозуміння та церемонія 8 травня.",
                "Interview arranged by the ministry’s media centre (DICOD): the memorandum "
                "of understanding and the 8 May ceremony.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "shevchuk"),
            press=PressAccess.POOL,
            responsible="lytvynenko",
            status=EventStatus.DRAFT,
            notes=text(
                "Liste des médias à confirmer par la DICOD la veille.",
                "Список ЗМІ DICOD підтверджує напередодні.",
                "The DICOD confirms the list of media the day before.",
            ),
        ),
        _event(
            "rest-ceremony",
            text(
                "Déjeuner et repos avant la cérémonie",
                "Обід і відпочинок перед церемонією",
                "Lunch and rest before the ceremony",
            ),
            (paris(8, 12, 0), paris(8, 16, 45)),
            EventKind.REST,
            "hotel",
            UA_ALL,
            responsible="boiko",
        ),
        _transfer(
            "transfer-hotel-arc",
            (paris(8, 17, 15), paris(8, 17, 40)),
            ("hotel", "arc"),
            with_escort,
        ),
        build_ceremony(),
        _transfer(
            "transfer-arc-hotel",
            (paris(8, 19, 20), paris(8, 19, 45)),
            ("arc", "hotel"),
            with_escort,
        ),
    ]


def _departure_day() -> list[Event]:
    """Saturday 9 May: the Gueules cassées, farewell at the airport, flight home."""
    with_escort = (*UA_ALL, *_ESCORT)
    return [
        _transfer(
            "transfer-hotel-ubft",
            (paris(9, 8, 50), paris(9, 9, 25)),
            ("hotel", "ubft"),
            with_escort,
        ),
        _event(
            "ubft",
            text(
                "Rencontre avec l’association Les Gueules cassées",
                "Зустріч з асоціацією «Les Gueules cassées»",
                "Meeting with the Gueules cassées association",
            ),
            (paris(9, 9, 30), paris(9, 11, 0)),
            EventKind.VISIT,
            "ubft",
            (*with_escort, "lemaire"),
            purpose=text(
                "Entraide entre blessés de guerre, accompagnement des familles, réinsertion "
                "professionnelle : l’expérience d’une association centenaire.",
                "Взаємодопомога поранених, підтримка родин, професійна реінтеграція: "
                "досвід столітньої асоціації.",
                "Mutual aid among the war-wounded, support for families, return to work: "
                "the experience of a century-old association.",
            ),
            interpretation=interpreted(_CONSECUTIVE, "girard", "shevchuk"),
            press=PressAccess.OPEN,
        ),
        _transfer(
            "transfer-ubft-cdg", (paris(9, 11, 0), paris(9, 11, 55)), ("ubft", "cdg"), with_escort
        ),
        _event(
            "farewell",
            text(
                "Départ de la délégation ukrainienne",
                "Проводи української делегації",
                "Farewell to the Ukrainian delegation",
            ),
            (paris(9, 12, 15), paris(9, 12, 45)),
            EventKind.MEETING,
            "cdg",
            (*with_escort, "vasseur"),
            interpretation=interpreted(_CONSECUTIVE, "girard"),
        ),
        _flight(
            "flight-out",
            text(
                "Vol LO 334 Paris-Charles de Gaulle → Varsovie",
                "Рейс LO 334 Париж – Шарль де Голль → Варшава",
                "Flight LO 334 Paris-Charles de Gaulle → Warsaw",
            ),
            (paris(9, 13, 50), warsaw(9, 16, 5)),
            ("cdg", "waw"),
            UA_ALL,
            text(
                "Retour vers Kyiv par la route depuis Varsovie (hors programme).",
                "Повернення до Києва з Варшави автомобільним шляхом (поза програмою).",
                "Return to Kyiv by road from Warsaw (outside the programme).",
            ),
        ),
    ]


def build_programme() -> list[Event]:
    """Every event of the visit, day by day."""
    return _arrival_day() + _roadmap_day() + _ceremony_day() + _departure_day()
