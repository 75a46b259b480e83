"""The demo's 8 May ceremony at the Arc de Triomphe, with its minute-by-minute running order.

The press release says the minister and four wounded veterans take part in the 8 May
commemorative ceremony. The demo places it at the evening rekindling of the Flame over the
Tomb of the Unknown Soldier, presided by Alice Rufo; the running order, the times and the
authorities present are sample data. French protocol for a foreign delegation: the guest
nation's anthem is played first and La Marseillaise last; wreaths are laid in the reverse
order of precedence (France's, then Ukraine's, whose minister ranks higher); the highest
authority, Natalia Kalmykova, arrives last and leaves first.
"""

from __future__ import annotations

from typing import Final

from visitplanner.demo.common import (
    demo_id,
    event_id,
    interpreted,
    paris,
    person_id,
    person_ids,
    text,
    venue_id,
)
from visitplanner.demo.guests import UA_ALL
from visitplanner.demo.hosts import CEREMONY_AUTHORITIES
from visitplanner.domain.arrangements import StepKind, Wreath
from visitplanner.domain.model import Event, RunningOrderItem
from visitplanner.domain.values import EventKind, EventStatus, InterpretationMode, PressAccess

_AT_THE_TOMB: Final = text(
    "Tombe du Soldat inconnu",
    "Могила Невідомого солдата",
    "Tomb of the Unknown Soldier",
)
_DROP_OFF: Final = text(
    "Dépose au pied de l’Arc, côté avenue des Champs-Élysées",
    "Висадка біля підніжжя Арки, з боку Єлисейських Полів",
    "Drop-off at the foot of the Arc, Champs-Élysées side",
)
_BOTH_MINISTERS: Final = text(
    "Mme Natalia Kalmykova et Mme Alice Rufo",
    "Пані Наталія Калмикова та пані Аліс Руфо",
    "Ms Natalia Kalmykova and Ms Alice Rufo",
)
_MUSIC: Final = text(
    "Musique militaire",
    "Військовий оркестр",
    "Military band",
)

_UA_VETERANS_LAYING: Final = ("kovalenko", "melnyk")
_UA_VETERANS_CARRYING: Final = ("bondar", "tkachuk")
_AUTHORITIES_FIRST: Final = ("aubry", "dumas", "arnaud")

#: What each line of the table below is, and whom it concerns (demo keys), line by line.
_STEPS: Final = (
    (StepKind.OTHER, ()),
    (StepKind.ARRIVAL, _AUTHORITIES_FIRST),
    (StepKind.ARRIVAL, ("lacombe",)),
    (StepKind.ARRIVAL, ("rufo", "delorme", "garnier", "morel", "girard", "dicod")),
    (StepKind.ARRIVAL, UA_ALL),
    (StepKind.HONOURS, ("kalmykova", "rufo", "lacombe")),
    (StepKind.WREATH, ("rufo", "morel")),
    (StepKind.WREATH, ("kalmykova", *_UA_VETERANS_LAYING, *_UA_VETERANS_CARRYING)),
    (StepKind.OTHER, ("kalmykova", "rufo", "arnaud")),
    (StepKind.MUSIC, ()),
    (StepKind.SILENCE, ()),
    (StepKind.ANTHEM, ()),
    (StepKind.ANTHEM, ()),
    (StepKind.OTHER, ("kalmykova", "rufo")),
    (StepKind.OTHER, ("kalmykova", "rufo")),
    (StepKind.DEPARTURE, UA_ALL),
    (StepKind.DEPARTURE, ("rufo", "delorme", "garnier", "morel", "girard", "dicod")),
    (StepKind.DEPARTURE, ("lacombe", *_AUTHORITIES_FIRST)),
)

#: (time in Paris, action, who, where). A line's id comes from its number in this table, so
#: rewording a line keeps its id (and the calendars and briefing books that refer to it).
_LINES: Final = (
    (
        "17:50",
        text(
            "Mise en place du détachement d’honneur, de la musique et des porte-drapeaux",
            "Шикування почесної варти, оркестру та прапороносців",
            "Guard of honour, band and standard-bearers take position",
        ),
        text("Comité de la Flamme", "Комітет Вогню", "Committee of the Flame"),
        _AT_THE_TOMB,
    ),
    (
        "18:00",
        text(
            "Arrivée des autorités",
            "Прибуття офіційних осіб",
            "Arrival of the authorities",
        ),
        text(
            "Maire du 8e arrondissement, ONaCVG, président du Comité de la Flamme",
            "Мер 8-го округу, ONaCVG, голова Комітету Вогню",
            "Mayor of the 8th arrondissement, ONaCVG, President of the Committee of the Flame",
        ),
        _DROP_OFF,
    ),
    (
        "18:05",
        text(
            "Arrivée du gouverneur militaire de Paris",
            "Прибуття військового губернатора Парижа",
            "Arrival of the Military Governor of Paris",
        ),
        text(
            "Général d’armée Bertrand Lacombe",
            "Генерал армії Бертран Лакомб",
            "General Bertrand Lacombe",
        ),
        _DROP_OFF,
    ),
    (
        "18:10",
        text(
            "Arrivée de Mme Alice Rufo, accueillie par le gouverneur militaire de Paris",
            "Прибуття пані Аліс Руфо; її зустрічає військовий губернатор Парижа",
            "Arrival of Ms Alice Rufo, received by the Military Governor of Paris",
        ),
        text("Mme Alice Rufo", "Пані Аліс Руфо", "Ms Alice Rufo"),
        _DROP_OFF,
    ),
    (
        "18:12",
        text(
            "Arrivée de Mme Natalia Kalmykova et des vétérans ukrainiens, accueillis par "
            "Mme Alice Rufo",
            "Прибуття пані Наталії Калмикової та українських ветеранів; їх зустрічає "
            "пані Аліс Руфо",
            "Arrival of Ms Natalia Kalmykova and the Ukrainian veterans, received by Ms Alice Rufo",
        ),
        text("Délégation ukrainienne", "Українська делегація", "Ukrainian delegation"),
        _DROP_OFF,
    ),
    (
        "18:15",
        text(
            "Honneurs militaires ; revue du détachement d’honneur",
            "Військові почесті; обхід почесної варти",
            "Military honours; inspection of the guard of honour",
        ),
        text(
            "Les deux ministres, avec le gouverneur militaire de Paris",
            "Обидві міністерки разом з військовим губернатором Парижа",
            "Both ministers, with the Military Governor of Paris",
        ),
        text("Place Charles-de-Gaulle", "Площа Шарля де Голля", "Place Charles-de-Gaulle"),
    ),
    (
        "18:25",
        text(
            "Dépôt de gerbe de la France",
            "Покладання вінка від Франції",
            "Wreath laid on behalf of France",
        ),
        text("Mme Alice Rufo", "Пані Аліс Руфо", "Ms Alice Rufo"),
        _AT_THE_TOMB,
    ),
    (
        "18:28",
        text(
            "Dépôt de gerbe de l’Ukraine",
            "Покладання вінка від України",
            "Wreath laid on behalf of Ukraine",
        ),
        text(
            "Mme Natalia Kalmykova et les quatre vétérans ukrainiens",
            "Пані Наталія Калмикова та четверо українських ветеранів",
            "Ms Natalia Kalmykova and the four Ukrainian veterans",
        ),
        _AT_THE_TOMB,
    ),
    (
        "18:30",
        text(
            "Ravivage de la Flamme",
            "Відновлення Вогню",
            "Rekindling of the Flame",
        ),
        text(
            "Les deux ministres, avec le président du Comité de la Flamme",
            "Обидві міністерки разом з головою Комітету Вогню",
            "Both ministers, with the President of the Committee of the Flame",
        ),
        _AT_THE_TOMB,
    ),
    (
        "18:33",
        text("Sonnerie aux morts", "Сигнал «Памʼяті загиблих»", "Last Post (Sonnerie aux morts)"),
        _MUSIC,
        _AT_THE_TOMB,
    ),
    (
        "18:34",
        text("Minute de silence", "Хвилина мовчання", "Minute of silence"),
        text("Toute l’assistance", "Усі присутні", "All present"),
        _AT_THE_TOMB,
    ),
    (
        "18:35",
        text(
            "Hymne national de l’Ukraine",
            "Державний Гімн України",
            "National anthem of Ukraine",
        ),
        _MUSIC,
        _AT_THE_TOMB,
    ),
    (
        "18:37",
        text(
            "La Marseillaise, hymne national de la France",
            "«Марсельєза», державний гімн Франції",
            "La Marseillaise, national anthem of France",
        ),
        _MUSIC,
        _AT_THE_TOMB,
    ),
    (
        "18:40",
        text(
            "Signature du livre d’or du Comité de la Flamme",
            "Запис у Книзі почесних гостей Комітету Вогню",
            "Signing of the Committee of the Flame’s visitors’ book",
        ),
        _BOTH_MINISTERS,
        text("Sous la voûte de l’Arc", "Під склепінням Арки", "Under the vault of the Arc"),
    ),
    (
        "18:45",
        text(
            "Salut aux porte-drapeaux et aux anciens combattants présents",
            "Привітання прапороносців і присутніх ветеранів",
            "Greeting of the standard-bearers and the veterans present",
        ),
        _BOTH_MINISTERS,
        _AT_THE_TOMB,
    ),
    (
        "18:55",
        text(
            "Départ de Mme Natalia Kalmykova et de la délégation ukrainienne",
            "Відʼїзд пані Наталії Калмикової та української делегації",
            "Departure of Ms Natalia Kalmykova and the Ukrainian delegation",
        ),
        text("Délégation ukrainienne", "Українська делегація", "Ukrainian delegation"),
        _DROP_OFF,
    ),
    (
        "19:00",
        text(
            "Départ de Mme Alice Rufo",
            "Відʼїзд пані Аліс Руфо",
            "Departure of Ms Alice Rufo",
        ),
        text("Mme Alice Rufo", "Пані Аліс Руфо", "Ms Alice Rufo"),
        _DROP_OFF,
    ),
    (
        "19:05",
        text(
            "Départ des autorités",
            "Відʼїзд офіційних осіб",
            "Departure of the authorities",
        ),
        text(
            "Autorités civiles et militaires",
            "Цивільні та військові посадовці",
            "Civil and military authorities",
        ),
        _DROP_OFF,
    ),
)


def _wreaths() -> list[Wreath]:
    """France's wreath, then Ukraine's: laid in the reverse order of precedence."""
    return [
        Wreath(
            id=demo_id("ceremony:wreath:france"),
            ribbon=text(
                "La ministre déléguée auprès de la ministre des Armées et des Anciens combattants",
                "Міністр-делегат при Міністрі збройних сил і ветеранів Франції",
                "The Minister Delegate for the Armed Forces and Veterans",
            ),
            layer_ids=person_ids("rufo"),
            carrier_ids=person_ids("morel"),
        ),
        Wreath(
            id=demo_id("ceremony:wreath:ukraine"),
            ribbon=text(
                "Le ministère des Anciens combattants d’Ukraine",
                "Міністерство у справах ветеранів України",
                "The Ministry of Veterans Affairs of Ukraine",
            ),
            layer_ids=person_ids("kalmykova", *_UA_VETERANS_LAYING),
            carrier_ids=person_ids(*_UA_VETERANS_CARRYING),
        ),
    ]


def build_ceremony() -> Event:
    """The 8 May ceremony, with its running order."""
    return Event(
        id=event_id("ceremony"),
        title=text(
            "Cérémonie commémorative du 8 Mai et ravivage de la Flamme",
            "Церемонія памʼяті 8 травня та відновлення Вогню",
            "8 May commemorative ceremony and rekindling of the Flame",
        ),
        start=paris(8, 17, 50),
        end=paris(8, 19, 10),
        kind=EventKind.CEREMONY,
        status=EventStatus.CONFIRMED,
        venue_id=venue_id("arc"),
        participant_ids=person_ids(
            *UA_ALL,
            "rufo",
            "delorme",
            "garnier",
            "morel",
            "girard",
            "dicod",
            *CEREMONY_AUTHORITIES,
        ),
        press=PressAccess.OPEN,
        dress_code=text(
            "Tenue de ville sombre, décorations pendantes ; les vétérans peuvent porter "
            "l’uniforme avec leurs décorations.",
            "Темний діловий костюм, повнорозмірні нагороди; ветерани можуть бути у "
            "військовій формі з нагородами.",
            "Dark lounge suit, full-size decorations; veterans may wear uniform with "
            "their decorations.",
        ),
        purpose=text(
            "Commémorer la victoire du 8 mai 1945 et honorer ensemble les combattants "
            "français et ukrainiens.",
            "Вшанувати перемогу 8 травня 1945 року та разом віддати шану французьким і "
            "українським воїнам.",
            "Commemorate the victory of 8 May 1945 and honour French and Ukrainian "
            "servicemen and women together.",
        ),
        # Whispered interpretation: nothing may be said aloud over the ceremony itself.
        interpretation=interpreted(InterpretationMode.WHISPERED, "shevchuk", "girard"),
        responsible_id=person_id("morel"),
        notes=text(
            "Deux emplacements pour fauteuils roulants réservés au premier rang. "
            "Presse : accueil des journalistes accrédités par le centre médias (DICOD).",
            "Два місця для крісел колісних зарезервовано в першому ряду. Преса: "
            "акредитованих журналістів зустрічає медіацентр (DICOD).",
            "Two wheelchair spaces reserved in the front row. Press: accredited "
            "journalists are welcomed by the media centre (DICOD).",
        ),
        running_order=[
            RunningOrderItem(
                id=demo_id(f"ceremony:line:{number:02d}"),
                at=paris(8, int(clock[:2]), int(clock[3:])),
                action=action,
                who=who,
                where=where,
                kind=_STEPS[number - 1][0],
                person_ids=person_ids(*_STEPS[number - 1][1]),
            )
            for number, (clock, action, who, where) in enumerate(_LINES, start=1)
        ],
        wreaths=_wreaths(),
        sample=True,
    )
