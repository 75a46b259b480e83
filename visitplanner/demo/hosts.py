"""The demo's French side: Alice Rufo's delegation, the drivers, and authorities of no delegation.

Alice Rufo's title and the media centre's contact come from the press release of 7 May
2026; the officials, drivers and authorities are sample people with invented names.
French people also carry their names in Cyrillic (in the native-name fields) because the
Ukrainian edition of the briefing book prints every name in both scripts.
"""

from __future__ import annotations

from typing import Final

from visitplanner.demo.common import FR_MAIL, HOST_DELEGATION_ID, person_id, text
from visitplanner.domain.decree import DecreeList, DecreePosition
from visitplanner.domain.model import Person
from visitplanner.domain.values import Civility, Grade, LocalizedText, Need, Role

#: The French officials who accompany or receive the delegation (drivers apart).
FR_OFFICIALS: Final = ("rufo", "delorme", "garnier", "vasseur", "morel", "girard", "dicod")
#: The DCSD officials who steer the operational roadmap.
FR_DCSD: Final = ("delorme", "vasseur")
#: Authorities at the 8 May ceremony who belong to no delegation.
CEREMONY_AUTHORITIES: Final = ("lacombe", "aubry", "dumas", "arnaud")

_MINISTRY = text(
    "Ministère des Armées et des Anciens combattants",
    "Міністерство збройних сил і ветеранів Франції",
    "Ministry of the Armed Forces and Veterans (France)",
)
_DCSD = text(
    "Ministère de l’Europe et des Affaires étrangères – Direction de la coopération de "
    "sécurité et de défense (DCSD)",
    "Міністерство Європи та закордонних справ Франції – Дирекція співробітництва у сфері "
    "безпеки та оборони (DCSD)",
    "Ministry for Europe and Foreign Affairs – Directorate for Security and Defence "
    "Cooperation (DCSD)",
)


def _official(
    key: str,
    *,
    given: tuple[str, str],
    family: tuple[str, str],
    civility: Civility,
    title: LocalizedText,
    function: LocalizedText,
    organisation: LocalizedText,
    role: str,
    grade: Grade,
    rank: int,
    languages: tuple[str, ...],
    phone: str,
    dietary: LocalizedText | None = None,
) -> Person:
    """A sample French host official; `given` and `family` are (Latin, Cyrillic) pairs."""
    return Person(
        id=person_id(key),
        given_name=given[0],
        given_name_native=given[1],
        family_name=family[0],
        family_name_native=family[1],
        civility=civility,
        title=title,
        function=function,
        organisation=organisation,
        delegation_id=HOST_DELEGATION_ID,
        role=role,
        grade=grade,
        rank=rank,
        languages=languages,
        duty_phone=phone,
        duty_email=f"{given[0].lower()}.{family[0].lower()}@{FR_MAIL}",
        # Everyone on the host side eats at the working meals, so none is left unknown.
        dietary=Need.GIVEN if dietary else Need.NONE,
        dietary_detail=dietary or LocalizedText(),
        step_free=Need.NONE,
        sample=True,
    )


def _rufo() -> Person:
    """The head of the host delegation, as the press release names her."""
    return Person(
        id=person_id("rufo"),
        given_name="Alice",
        given_name_native="Аліс",
        family_name="Rufo",
        family_name_native="Руфо",
        civility=Civility.MADAME,
        title=text(
            "Ministre déléguée auprès de la ministre des Armées et des Anciens combattants",
            "Міністр-делегат при Міністрі збройних сил і ветеранів Франції",
            "Minister Delegate to the Minister for the Armed Forces and Veterans",
        ),
        function=text(
            "Cheffe de la délégation française",
            "Голова французької делегації",
            "Head of the French delegation",
        ),
        organisation=_MINISTRY,
        delegation_id=HOST_DELEGATION_ID,
        role=Role.HEAD,
        grade=Grade.MINISTER_DELEGATE,
        rank=1,
        precedence_position=DecreePosition(DecreeList.NATIONAL, "gouvernement"),
        languages=("fr", "en"),
        duty_phone="+33 1 99 00 10 01",
        duty_email=f"cabinet.md@{FR_MAIL}",
        biography=text(
            "A signé en janvier 2026, lors de sa visite en Ukraine, avec Mme Natalia "
            "Kalmykova, le mémorandum d’entente relatif à la prise en charge des anciens "
            "combattants et des blessés.",
            "У січні 2026 року під час візиту до України підписала з пані Наталією "
            "Калмиковою меморандум про взаєморозуміння щодо підтримки ветеранів і поранених.",
            "Signed in January 2026, during her visit to Ukraine, with Ms Natalia Kalmykova, "
            "the memorandum of understanding on the care of veterans and the wounded.",
        ),
        dietary=Need.NONE,
        step_free=Need.NONE,
        # The contact phone and dietary answer are invented: the record holds sample data.
        sample=True,
    )


def _media_centre() -> Person:
    """The ministry's media centre, exactly as the press release gives it."""
    return Person(
        id=person_id("dicod"),
        family_name="Centre médias du ministère des Armées et des Anciens combattants",
        title=text(
            "Centre médias du ministère des Armées et des Anciens combattants",
            "Медіацентр Міністерства збройних сил і ветеранів Франції",
            "Media Centre of the Ministry of the Armed Forces and Veterans",
        ),
        function=text("Contact médias", "Контакт для медіа", "Media contact"),
        organisation=text(
            "Délégation à l’information et à la communication de la défense (DICOD)",
            "Делегація з питань інформації та комунікації у сфері оборони (DICOD)",
            "Defence Information and Communication Delegation (DICOD)",
        ),
        delegation_id=HOST_DELEGATION_ID,
        role=Role.PRESS,
        grade=Grade.UNRANKED,
        rank=7,
        languages=("fr", "en"),
        # The international form of the press release's 09 88 67 33 33, so that the
        # Ukrainian delegation can dial it from their own phones.
        duty_phone="+33 9 88 67 33 33",
        duty_email="media@dicod.fr",
        notes=(
            "Coordonnées du communiqué de presse du 7 mai 2026 : 09 88 67 33 33, "
            "media@dicod.fr ; 60 boulevard du général Martial Valin, CS 21623, "
            "Paris Cedex 15."
        ),
    )


def _delegation() -> list[Person]:
    """Alice Rufo's delegation apart from the drivers, in its order of precedence."""
    return [
        _rufo(),
        _official(
            "delorme",
            given=("Jean-Marc", "Жан-Марк"),
            family=("Delorme", "Делорм"),
            civility=Civility.MONSIEUR,
            title=text(
                "Général de division, directeur de la coopération de sécurité et de défense",
                "Генерал-майор, директор з питань співробітництва у сфері безпеки та оборони",
                "Major General, Director for Security and Defence Cooperation",
            ),
            function=text(
                "Pilote de la feuille de route opérationnelle",
                "Керівник робіт над операційною дорожньою картою",
                "Lead for the operational roadmap",
            ),
            organisation=_DCSD,
            role=Role.MEMBER,
            grade=Grade.DIRECTOR,
            rank=2,
            languages=("fr", "en"),
            phone="+33 1 99 00 10 02",
        ),
        _official(
            "garnier",
            given=("Thomas", "Тома"),
            family=("Garnier", "Гарньє"),
            civility=Civility.MONSIEUR,
            title=text(
                "Conseiller anciens combattants et mémoire au cabinet de la ministre déléguée",
                "Радник з питань ветеранів і памʼяті в апараті Міністра-делегата",
                "Adviser for Veterans and Remembrance, Minister Delegate’s Office",
            ),
            function=text(
                "Conseiller chargé de la visite",
                "Радник, відповідальний за візит",
                "Adviser in charge of the visit",
            ),
            organisation=_MINISTRY,
            role=Role.MEMBER,
            grade=Grade.ADVISER,
            rank=3,
            languages=("fr", "en"),
            phone="+33 6 39 98 10 03",
            dietary=text("Pescétarien", "Пескетаріанське харчування", "Pescatarian"),
        ),
        _official(
            "vasseur",
            given=("Claire", "Клер"),
            family=("Vasseur", "Вассер"),
            civility=Civility.MADAME,
            title=text(
                "Colonel, cheffe du bureau Europe orientale",
                "Полковник, начальниця відділу Східної Європи",
                "Colonel, Head of the Eastern Europe Office",
            ),
            function=text(
                "Coordinatrice de la feuille de route",
                "Координаторка дорожньої карти",
                "Roadmap coordinator",
            ),
            organisation=_DCSD,
            role=Role.MEMBER,
            grade=Grade.OFFICER,
            rank=4,
            languages=("fr", "en", "uk"),
            phone="+33 6 39 98 10 04",
        ),
        _official(
            "morel",
            given=("Julien", "Жюльєн"),
            family=("Morel", "Морель"),
            civility=Civility.MONSIEUR,
            title=text(
                "Commandant, officier de liaison",
                "Майор, офіцер звʼязку",
                "Major, liaison officer",
            ),
            function=text(
                "Officier de liaison auprès de la délégation ukrainienne",
                "Офіцер звʼязку при українській делегації",
                "Liaison officer to the Ukrainian delegation",
            ),
            organisation=_MINISTRY,
            role=Role.LIAISON,
            grade=Grade.OFFICER,
            rank=5,
            languages=("fr", "en"),
            phone="+33 6 39 98 10 05",
        ),
        _official(
            "girard",
            given=("Oksana", "Оксана"),
            family=("Girard", "Жирар"),
            civility=Civility.MADAME,
            title=text(
                "Interprète de conférence ukrainien–français",
                "Конференц-перекладачка з української та французької мов",
                "Ukrainian–French conference interpreter",
            ),
            function=text(
                "Interprète de la partie française",
                "Перекладачка французької сторони",
                "Interpreter for the French side",
            ),
            organisation=_MINISTRY,
            role=Role.INTERPRETER,
            grade=Grade.UNRANKED,
            rank=6,
            languages=("fr", "uk", "en"),
            phone="+33 6 39 98 10 06",
        ),
        _media_centre(),
    ]


def _driver(
    key: str, *, given: tuple[str, str], family: tuple[str, str], rank: int, function: LocalizedText
) -> Person:
    """A sample driver of the convoy: drivers take part in transfers only."""
    woman = key == "perrin"
    person = _official(
        key,
        given=given,
        family=family,
        civility=Civility.MADAME if woman else Civility.MONSIEUR,
        title=text("Conductrice" if woman else "Conducteur", "Водій", "Driver"),
        function=function,
        organisation=_MINISTRY,
        role=Role.DRIVER,
        grade=Grade.UNRANKED,
        rank=rank,
        languages=("fr",),
        phone=f"+33 6 39 98 20 {rank:02d}",
    )
    # Drivers are not seated at the working meals, so nobody asked about their diet.
    person.dietary = Need.UNKNOWN
    return person


def _drivers() -> list[Person]:
    """The convoy's four drivers, one per vehicle."""
    return [
        _driver(
            "benali",
            given=("Karim", "Карім"),
            family=("Benali", "Беналі"),
            rank=8,
            function=text(
                "Conducteur du véhicule de tête",
                "Водій головного автомобіля",
                "Driver of the lead car",
            ),
        ),
        _driver(
            "roux",
            given=("Stéphane", "Стефан"),
            family=("Roux", "Ру"),
            rank=9,
            function=text(
                "Conducteur du véhicule de la ministre",
                "Водій автомобіля Міністра",
                "Driver of the Minister’s car",
            ),
        ),
        _driver(
            "perrin",
            given=("Nathalie", "Наталі"),
            family=("Perrin", "Перрен"),
            rank=10,
            function=text(
                "Conductrice du minibus accessible",
                "Водій мікроавтобуса з рампою",
                "Driver of the wheelchair-accessible minibus",
            ),
        ),
        _driver(
            "fontaine",
            given=("Lucas", "Люка"),
            family=("Fontaine", "Фонтен"),
            rank=11,
            function=text(
                "Conducteur du fourgon du personnel",
                "Водій мікроавтобуса персоналу",
                "Driver of the staff van",
            ),
        ),
    ]


def _authority(
    key: str,
    *,
    given: tuple[str, str],
    family: tuple[str, str],
    civility: Civility,
    title: LocalizedText,
    organisation: LocalizedText,
    grade: Grade,
    rank: int,
    role: str = Role.AUTHORITY,
    position: str = "",
) -> Person:
    """A sample person of no delegation: an authority, or the head of a host organisation."""
    return Person(
        id=person_id(key),
        given_name=given[0],
        given_name_native=given[1],
        family_name=family[0],
        family_name_native=family[1],
        civility=civility,
        title=title,
        organisation=organisation,
        delegation_id=None,
        role=role,
        grade=grade,
        rank=rank,
        languages=("fr",),
        duty_phone=f"+33 1 99 00 30 {rank:02d}",
        # Paris: the national order of the décret (article 2).
        precedence_position=DecreePosition(DecreeList.NATIONAL, position) if position else None,
        sample=True,
    )


def _authorities() -> list[Person]:
    """Authorities at the ceremony and the heads of the places visited, by precedence."""
    return [
        _authority(
            "lacombe",
            given=("Bertrand", "Бертран"),
            family=("Lacombe", "Лакомб"),
            civility=Civility.MONSIEUR,
            title=text(
                "Général d’armée, gouverneur militaire de Paris",
                "Генерал армії, військовий губернатор Парижа",
                "General, Military Governor of Paris",
            ),
            organisation=text(
                "Gouvernement militaire de Paris",
                "Військове губернаторство Парижа",
                "Military Government of Paris",
            ),
            grade=Grade.SENIOR_OFFICIAL,
            rank=1,
            position="gouverneur-militaire-de-paris",
        ),
        _authority(
            "aubry",
            given=("Catherine", "Катрін"),
            family=("Aubry", "Обрі"),
            civility=Civility.MADAME,
            title=text(
                "Maire du 8e arrondissement de Paris",
                "Мер 8-го округу Парижа",
                "Mayor of the 8th arrondissement of Paris",
            ),
            organisation=text(
                "Mairie du 8e arrondissement de Paris",
                "Мерія 8-го округу Парижа",
                "Town hall of the 8th arrondissement of Paris",
            ),
            grade=Grade.SENIOR_OFFICIAL,
            rank=2,
        ),
        _authority(
            "caradec",
            given=("Pierre-Yves", "Пʼєр-Ів"),
            family=("Caradec", "Карадек"),
            civility=Civility.MONSIEUR,
            title=text(
                "Médecin général, directeur de l’Institution nationale des Invalides",
                "Генерал медичної служби, директор Національного інституту Інвалідів",
                "Surgeon General, Director of the Institution nationale des Invalides",
            ),
            organisation=text(
                "Institution nationale des Invalides (INI)",
                "Національний інститут Інвалідів (INI)",
                "Institution nationale des Invalides (INI)",
            ),
            grade=Grade.DIRECTOR,
            rank=3,
        ),
        _authority(
            "dumas",
            given=("Hélène", "Елен"),
            family=("Dumas", "Дюма"),
            civility=Civility.MADAME,
            title=text(
                "Directrice générale adjointe de l’Office national des combattants et des "
                "victimes de guerre",
                "Заступниця генерального директора Національного управління у справах "
                "комбатантів і жертв війни",
                "Deputy Director General, National Office for Combatants and Victims of War",
            ),
            organisation=text(
                "Office national des combattants et des victimes de guerre (ONaCVG)",
                "Національне управління у справах комбатантів і жертв війни (ONaCVG)",
                "National Office for Combatants and Victims of War (ONaCVG)",
            ),
            grade=Grade.DEPUTY_DIRECTOR,
            rank=4,
        ),
        _authority(
            "arnaud",
            given=("Michel", "Мішель"),
            family=("Arnaud", "Арно"),
            civility=Civility.MONSIEUR,
            title=text(
                "Président du Comité de la Flamme sous l’Arc de Triomphe",
                "Голова Комітету Вогню під Тріумфальною аркою",
                "President of the Committee of the Flame under the Arc de Triomphe",
            ),
            organisation=text(
                "La Flamme sous l’Arc de Triomphe",
                "Вогонь під Тріумфальною аркою",
                "The Flame under the Arc de Triomphe",
            ),
            grade=Grade.MEMBER,
            rank=5,
        ),
        # The heads of the association and the company receive the delegation on their
        # own premises; they are hosts, not public authorities, hence a free role.
        _authority(
            "lemaire",
            given=("François", "Франсуа"),
            family=("Lemaire", "Лемер"),
            civility=Civility.MONSIEUR,
            title=text(
                "Président de l’Union des blessés de la face et de la tête – Les Gueules cassées",
                "Президент Союзу поранених в обличчя та голову «Les Gueules cassées»",
                "President of the Union of the Wounded of the Face and Head – Les Gueules cassées",
            ),
            organisation=text(
                "Union des blessés de la face et de la tête (UBFT)",
                "Союз поранених в обличчя та голову (UBFT)",
                "Union of the Wounded of the Face and Head (UBFT)",
            ),
            grade=Grade.MEMBER,
            rank=6,
            role="host",
        ),
        _authority(
            "colin",
            given=("Sandrine", "Сандрін"),
            family=("Colin", "Колен"),
            civility=Civility.MADAME,
            title=text(
                "Présidente-directrice générale",
                "Генеральна директорка",
                "Chief Executive Officer",
            ),
            organisation=text(
                "Horizon Prothèses & Réadaptation",
                "Horizon Prothèses & Réadaptation",
                "Horizon Prothèses & Réadaptation",
            ),
            grade=Grade.MEMBER,
            rank=7,
            role="host",
        ),
    ]


def build_hosts() -> list[Person]:
    """The French delegation (drivers included), then the people of no delegation."""
    return _delegation() + _drivers() + _authorities()
