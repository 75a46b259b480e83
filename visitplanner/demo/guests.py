"""The demo's Ukrainian delegation: the minister, her deputy, four wounded veterans and staff.

The two ministers' names and titles come from the press release of 7 May 2026; everything
else (the veterans, the staff, contacts, passports, flights) is sample data, and every such
person is marked `sample`. Patronymics of the two real officials are left blank rather
than guessed.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from visitplanner.demo.common import (
    GUEST_DELEGATION_ID,
    UA_MAIL,
    paris,
    person_id,
    text,
)
from visitplanner.domain.model import Accreditation, Person, TravelLeg
from visitplanner.domain.values import Civility, Grade, Need, Role

#: Everybody in the Ukrainian delegation, in its order of precedence.
UA_ALL: Final = (
    "kalmykova",
    "shymanskyi",
    "hnatiuk",
    "kovalenko",
    "melnyk",
    "bondar",
    "tkachuk",
    "lytvynenko",
    "boiko",
    "marchenko",
    "shevchuk",
)
#: The four wounded veterans who travel with the minister.
UA_VETERANS: Final = ("kovalenko", "melnyk", "bondar", "tkachuk")
#: Who goes with the minister when the delegation splits on 7 May.
UA_MINISTER_TRACK: Final = ("kalmykova", "hnatiuk", "lytvynenko", "marchenko", "shevchuk")
#: Who goes with the deputy minister (the veterans, with their doctor) on 7 May.
UA_DEPUTY_TRACK: Final = ("shymanskyi", *UA_VETERANS, "boiko")
#: Who is seated at meals: the security officer stays on duty outside.
UA_AT_TABLE: Final = tuple(key for key in UA_ALL if key != "marchenko")
#: Who arrives on the delegation's flight: the security officer came the day before.
UA_ON_FLIGHT: Final = UA_AT_TABLE

_MINISTRY = text(
    "Ministère des Anciens combattants d’Ukraine",
    "Міністерство у справах ветеранів України",
    "Ministry of Veterans Affairs of Ukraine",
)
_ARMED_FORCES = text(
    "Forces armées de l’Ukraine",
    "Збройні Сили України",
    "Armed Forces of Ukraine",
)
_VETERAN_FUNCTION = text(
    "Vétéran blessé, membre de la délégation",
    "Поранений ветеран, член делегації",
    "Wounded veteran, member of the delegation",
)


# Travel legs are mutable dataclasses: each person gets a fresh one, so that editing one
# person's flight never changes another's.
def _in_flight() -> TravelLeg:
    """The delegation's flight to Paris (an arrival's time is the landing, in Paris time;
    the programme's flight event holds the take-off from Warsaw)."""
    return TravelLeg(
        carrier="LOT Polish Airlines",
        number="LO 333",
        time=paris(6, 12, 0),
        place="Varsovie-Chopin (WAW) → Paris-Charles de Gaulle (CDG), terminal 1",
    )


def _out_flight() -> TravelLeg:
    """The delegation's flight home (take-off in Paris time)."""
    return TravelLeg(
        carrier="LOT Polish Airlines",
        number="LO 334",
        time=paris(9, 13, 50),
        place="Paris-Charles de Gaulle (CDG), terminal 1 → Varsovie-Chopin (WAW)",
    )


def _advance_flight() -> TravelLeg:
    """The security officer goes ahead of the delegation to meet the host's security team."""
    return TravelLeg(
        carrier="LOT Polish Airlines",
        number="LO 335",
        time=paris(5, 17, 35),
        place="Varsovie-Chopin (WAW) → Paris-Charles de Gaulle (CDG), terminal 1",
    )


def _passport(name: str, birth_year: int, number: str) -> Accreditation:
    """Sample accreditation data: 1 January birth dates and ZZ numbers show they are fake."""
    return Accreditation(
        passport_name=name,
        birth_date=date(birth_year, 1, 1),
        nationality="UKR",
        passport_number=number,
        passport_expiry=date(2031, 1, 1),
    )


def _officials() -> list[Person]:
    """The minister and the deputy minister named in the press release."""
    return [
        Person(
            id=person_id("kalmykova"),
            family_name="Kalmykova",
            given_name="Natalia",
            family_name_native="Калмикова",
            given_name_native="Наталія",
            civility=Civility.MADAME,
            title=text(
                "Ministre des Anciens combattants d’Ukraine",
                "Міністр у справах ветеранів України",
                "Minister of Veterans Affairs of Ukraine",
            ),
            function=text(
                "Cheffe de la délégation ukrainienne",
                "Голова української делегації",
                "Head of the Ukrainian delegation",
            ),
            organisation=_MINISTRY,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.HEAD,
            grade=Grade.MINISTER,
            rank=1,
            languages=("uk", "en"),
            duty_phone="+380 44 000 10 01",
            duty_email=f"n.kalmykova@{UA_MAIL}",
            biography=text(
                "A signé en janvier 2026, avec Mme Alice Rufo, le mémorandum d’entente "
                "relatif à la prise en charge des anciens combattants et des blessés.",
                "У січні 2026 року підписала з пані Аліс Руфо меморандум про "
                "взаєморозуміння щодо підтримки ветеранів і поранених.",
                "Signed in January 2026, with Ms Alice Rufo, the memorandum of "
                "understanding on the care of veterans and the wounded.",
            ),
            dietary=Need.NONE,
            step_free=Need.NONE,
            # The passport spelling follows the official transliteration (Nataliia),
            # while she signs as Natalia: security lists must use the passport form.
            accreditation=_passport("KALMYKOVA NATALIIA", 1980, "ZZ0000101"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("shymanskyi"),
            family_name="Shymanskyi",
            given_name="Oleg",
            family_name_native="Шиманський",
            given_name_native="Олег",
            civility=Civility.MONSIEUR,
            title=text(
                "Vice-ministre des Anciens combattants d’Ukraine",
                "Заступник Міністра у справах ветеранів України",
                "Deputy Minister of Veterans Affairs of Ukraine",
            ),
            function=text(
                "Chef de délégation adjoint",
                "Заступник голови делегації",
                "Deputy head of delegation",
            ),
            organisation=_MINISTRY,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.DEPUTY,
            grade=Grade.DEPUTY_MINISTER,
            rank=2,
            languages=("uk", "en"),
            duty_phone="+380 44 000 10 02",
            duty_email=f"o.shymanskyi@{UA_MAIL}",
            biography=text(
                "Accompagne la ministre lors de la visite officielle en France.",
                "Супроводжує Міністра під час офіційного візиту до Франції.",
                "Accompanies the Minister on the official visit to France.",
            ),
            dietary=Need.NONE,
            step_free=Need.NONE,
            accreditation=_passport("SHYMANSKYI OLEH", 1980, "ZZ0000102"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
    ]


def _veterans() -> list[Person]:
    """Four wounded veterans (sample people) with the needs the programme must respect."""
    return [
        Person(
            id=person_id("kovalenko"),
            family_name="Kovalenko",
            given_name="Andrii",
            family_name_native="Коваленко",
            given_name_native="Андрій",
            patronymic_native="Петрович",
            civility=Civility.MONSIEUR,
            title=text(
                "Lieutenant, vétéran des Forces armées de l’Ukraine",
                "Лейтенант, ветеран Збройних Сил України",
                "Lieutenant, veteran of the Armed Forces of Ukraine",
            ),
            function=_VETERAN_FUNCTION,
            organisation=_ARMED_FORCES,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.VETERAN,
            grade=Grade.MEMBER,
            rank=4,
            languages=("uk", "en"),
            duty_phone="+380 67 000 20 01",
            private_phone="+380 50 000 30 01",
            dietary=Need.GIVEN,
            dietary_detail=text("Sans lactose", "Без лактози", "Lactose-free"),
            step_free=Need.GIVEN,
            accessibility_detail=text(
                "Fauteuil roulant manuel (double amputation des membres inférieurs) ; "
                "transfert voiture–fauteuil avec aide ; chambre accessible.",
                "Механічне крісло колісне (ампутація обох нижніх кінцівок); пересідання "
                "з автомобіля в крісло з допомогою; доступний номер.",
                "Manual wheelchair (double lower-limb amputation); car-to-chair transfer "
                "with help; accessible room.",
            ),
            accreditation=_passport("KOVALENKO ANDRII", 1992, "ZZ0000201"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("melnyk"),
            family_name="Melnyk",
            given_name="Yuliia",
            family_name_native="Мельник",
            given_name_native="Юлія",
            patronymic_native="Олександрівна",
            civility=Civility.MADAME,
            title=text(
                "Sergent, vétérane des Forces armées de l’Ukraine",
                "Сержант, ветеранка Збройних Сил України",
                "Sergeant, veteran of the Armed Forces of Ukraine",
            ),
            function=_VETERAN_FUNCTION,
            organisation=_ARMED_FORCES,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.VETERAN,
            grade=Grade.MEMBER,
            rank=5,
            languages=("uk",),
            duty_phone="+380 67 000 20 02",
            dietary=Need.GIVEN,
            dietary_detail=text(
                "Sans gluten (maladie cœliaque)",
                "Без глютену (целіакія)",
                "Gluten-free (coeliac disease)",
            ),
            step_free=Need.GIVEN,
            accessibility_detail=text(
                "Fauteuil roulant électrique (lésion médullaire) ; véhicule avec rampe "
                "indispensable ; chargeur à prévoir à l’hôtel.",
                "Електричне крісло колісне (травма спинного мозку); обовʼязково автомобіль "
                "із пандусом; у готелі потрібен зарядний пристрій.",
                "Electric wheelchair (spinal cord injury); a vehicle with a ramp is "
                "essential; a charger to be provided at the hotel.",
            ),
            accreditation=_passport("MELNYK YULIIA", 1996, "ZZ0000202"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("bondar"),
            family_name="Bondar",
            given_name="Taras",
            family_name_native="Бондар",
            given_name_native="Тарас",
            patronymic_native="Іванович",
            civility=Civility.MONSIEUR,
            title=text(
                "Soldat de première classe, vétéran des Forces armées de l’Ukraine",
                "Старший солдат, ветеран Збройних Сил України",
                "Senior Soldier, veteran of the Armed Forces of Ukraine",
            ),
            function=_VETERAN_FUNCTION,
            organisation=_ARMED_FORCES,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.VETERAN,
            grade=Grade.MEMBER,
            rank=6,
            languages=("uk",),
            duty_phone="+380 67 000 20 03",
            private_phone="+380 50 000 30 03",
            dietary=Need.NONE,
            step_free=Need.NONE,
            accessibility_detail=text(
                "Prothèse tibiale gauche : pause assise de 10 minutes toutes les 60 à "
                "90 minutes ; chaise à prévoir lors des cérémonies debout.",
                "Протез лівої гомілки: 10 хвилин перепочинку сидячи кожні 60–90 хвилин; "
                "на церемоніях, де стоять, потрібен стілець.",
                "Left below-knee prosthesis: a 10-minute seated break every 60 to "
                "90 minutes; a chair to be provided at standing ceremonies.",
            ),
            accreditation=_passport("BONDAR TARAS", 1988, "ZZ0000203"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("tkachuk"),
            family_name="Tkachuk",
            given_name="Dmytro",
            family_name_native="Ткачук",
            given_name_native="Дмитро",
            patronymic_native="Сергійович",
            civility=Civility.MONSIEUR,
            title=text(
                "Sergent-chef, vétéran des Forces armées de l’Ukraine",
                "Старший сержант, ветеран Збройних Сил України",
                "Staff Sergeant, veteran of the Armed Forces of Ukraine",
            ),
            function=_VETERAN_FUNCTION,
            organisation=_ARMED_FORCES,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.VETERAN,
            grade=Grade.MEMBER,
            rank=7,
            languages=("uk", "en"),
            duty_phone="+380 67 000 20 04",
            dietary=Need.GIVEN,
            dietary_detail=text(
                "Sans alcool (traitement en cours)",
                "Без алкоголю (триває лікування)",
                "No alcohol (under treatment)",
            ),
            step_free=Need.NONE,
            accessibility_detail=text(
                "Traumatisme crânien : accompagné en permanence par la médecin de la "
                "délégation ; le prévenir avant les honneurs militaires (musique, salves).",
                "Черепно-мозкова травма: постійно у супроводі лікарки делегації; "
                "попереджати перед військовими почестями (музика, салют).",
                "Head injury: accompanied at all times by the delegation’s doctor; warn "
                "him before the military honours (music, gun salutes).",
            ),
            accreditation=_passport("TKACHUK DMYTRO", 1990, "ZZ0000204"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
    ]


def _staff() -> list[Person]:
    """The minister's adviser, press secretary, doctor, security officer and interpreter."""
    return [
        Person(
            id=person_id("hnatiuk"),
            family_name="Hnatiuk",
            given_name="Maksym",
            family_name_native="Гнатюк",
            given_name_native="Максим",
            patronymic_native="Олегович",
            civility=Civility.MONSIEUR,
            title=text(
                "Conseiller de la ministre",
                "Радник Міністра",
                "Adviser to the Minister",
            ),
            function=text(
                "Conseiller pour la coopération internationale",
                "Радник з питань міжнародного співробітництва",
                "Adviser for international cooperation",
            ),
            organisation=_MINISTRY,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.STAFF,
            grade=Grade.ADVISER,
            rank=3,
            languages=("uk", "en", "fr"),
            duty_phone="+380 44 000 10 03",
            duty_email=f"m.hnatiuk@{UA_MAIL}",
            private_phone="+380 50 000 30 05",
            dietary=Need.GIVEN,
            dietary_detail=text("Végétarien", "Вегетаріанське харчування", "Vegetarian"),
            step_free=Need.NONE,
            accreditation=_passport("HNATIUK MAKSYM", 1987, "ZZ0000103"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("lytvynenko"),
            family_name="Lytvynenko",
            given_name="Viktoriia",
            family_name_native="Литвиненко",
            given_name_native="Вікторія",
            patronymic_native="Андріївна",
            civility=Civility.MADAME,
            title=text(
                "Attachée de presse de la ministre",
                "Прессекретар Міністра",
                "Press Secretary to the Minister",
            ),
            function=text(
                "Relations avec la presse ukrainienne et française",
                "Звʼязки з українськими та французькими медіа",
                "Relations with Ukrainian and French media",
            ),
            organisation=_MINISTRY,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.PRESS,
            grade=Grade.MEMBER,
            rank=8,
            languages=("uk", "en"),
            duty_phone="+380 44 000 10 04",
            duty_email=f"press@{UA_MAIL}",
            dietary=Need.NONE,
            step_free=Need.NONE,
            accreditation=_passport("LYTVYNENKO VIKTORIIA", 1994, "ZZ0000104"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("boiko"),
            family_name="Boiko",
            given_name="Iryna",
            family_name_native="Бойко",
            given_name_native="Ірина",
            patronymic_native="Миколаївна",
            civility=Civility.MADAME,
            title=text(
                "Médecin commandant, service de santé des armées",
                "Майор медичної служби",
                "Major (Medical Service)",
            ),
            function=text(
                "Médecin de la délégation, escorte médicale des vétérans",
                "Лікарка делегації, медичний супровід ветеранів",
                "Delegation physician, medical escort of the veterans",
            ),
            organisation=text(
                "Forces médicales des Forces armées de l’Ukraine",
                "Медичні сили Збройних Сил України",
                "Medical Forces of the Armed Forces of Ukraine",
            ),
            delegation_id=GUEST_DELEGATION_ID,
            # A free role: security and logistics extracts need to find the medical escort.
            role="medical",
            grade=Grade.MEMBER,
            rank=9,
            languages=("uk", "en"),
            duty_phone="+380 67 000 20 09",
            dietary=Need.NONE,
            step_free=Need.NONE,
            accreditation=_passport("BOIKO IRYNA", 1985, "ZZ0000105"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("marchenko"),
            family_name="Marchenko",
            given_name="Serhii",
            family_name_native="Марченко",
            given_name_native="Сергій",
            patronymic_native="Вікторович",
            civility=Civility.MONSIEUR,
            title=text(
                "Officier de sécurité",
                "Офіцер безпеки",
                "Security officer",
            ),
            function=text(
                "Sécurité de la ministre ; précurseur arrivé la veille",
                "Безпека Міністра; передова група, прибув напередодні",
                "Minister’s security; advance party, arrived the day before",
            ),
            organisation=_MINISTRY,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.SECURITY,
            grade=Grade.UNRANKED,
            rank=10,
            languages=("uk", "en"),
            duty_phone="+380 67 000 20 10",
            private_phone="+380 50 000 30 10",
            dietary=Need.NONE,
            step_free=Need.NONE,
            accreditation=_passport("MARCHENKO SERHII", 1983, "ZZ0000106"),
            arrival=_advance_flight(),
            departure=_out_flight(),
            sample=True,
        ),
        Person(
            id=person_id("shevchuk"),
            family_name="Shevchuk",
            given_name="Olena",
            family_name_native="Шевчук",
            given_name_native="Олена",
            patronymic_native="Василівна",
            civility=Civility.MADAME,
            title=text(
                "Interprète ukrainien–français",
                "Перекладачка з української та французької мов",
                "Ukrainian–French interpreter",
            ),
            function=text(
                "Interprète de la ministre",
                "Перекладачка Міністра",
                "Interpreter to the Minister",
            ),
            organisation=_MINISTRY,
            delegation_id=GUEST_DELEGATION_ID,
            role=Role.INTERPRETER,
            grade=Grade.UNRANKED,
            rank=11,
            languages=("uk", "fr"),
            duty_phone="+380 67 000 20 11",
            dietary=Need.NONE,
            step_free=Need.NONE,
            accreditation=_passport("SHEVCHUK OLENA", 1986, "ZZ0000107"),
            arrival=_in_flight(),
            departure=_out_flight(),
            sample=True,
        ),
    ]


def build_guests() -> list[Person]:
    """The Ukrainian delegation, in its order of precedence."""
    people = _officials() + _veterans() + _staff()
    return sorted(people, key=lambda person: person.rank)
