"""The demo's venues in and around Paris and the vehicles of the delegation's convoy.

Addresses and coordinates are those of the real places (rounded); the hotel, the company,
on-site contacts, capacities, access facts and plates are sample data, so every venue and
vehicle is marked `sample`. Access facts are what a reconnaissance would record: check
them before a real visit.
"""

from __future__ import annotations

from typing import Final

from visitplanner.demo.common import person_id, text, vehicle_id, venue_id
from visitplanner.domain.model import Vehicle, Venue
from visitplanner.domain.values import Access, LocalizedText

#: Short names used in transfer titles ("Transfert hôtel → Invalides").
SHORT_NAMES: Final[dict[str, LocalizedText]] = {
    "cdg": text("aéroport CDG", "аеропорт CDG", "CDG airport"),
    "hotel": text("hôtel", "готель", "hotel"),
    "brienne": text("hôtel de Brienne", "особняк Брієнн", "Hôtel de Brienne"),
    "balard": text("Balard", "Балар", "Balard"),
    "arc": text("Arc de Triomphe", "Тріумфальна арка", "Arc de Triomphe"),
    "ini": text("Invalides (INI)", "Інваліди (INI)", "Invalides (INI)"),
    "onacvg": text("ONaCVG", "ONaCVG", "ONaCVG"),
    "ubft": text("Gueules cassées", "Gueules cassées", "Gueules cassées"),
    "company": text("Horizon (Issy)", "Horizon (Іссі)", "Horizon (Issy)"),
    "cercle": text("Cercle national des armées", "Клуб збройних сил", "Armed forces club"),
    "waw": text("aéroport de Varsovie", "аеропорт Варшави", "Warsaw airport"),
}

#: Minutes by car with a police escort, for each pair of venues the delegation moves between.
_TRAVEL_MINUTES: Final = (
    ("cdg", "hotel", 50),
    ("cdg", "ubft", 45),
    ("cdg", "cercle", 55),
    ("hotel", "ini", 20),
    ("hotel", "cercle", 25),
    ("hotel", "balard", 10),
    ("hotel", "brienne", 15),
    ("hotel", "company", 20),
    ("hotel", "arc", 20),
    ("hotel", "ubft", 25),
    ("hotel", "onacvg", 20),
    ("balard", "onacvg", 20),
    ("balard", "brienne", 20),
    ("balard", "company", 15),
    ("onacvg", "brienne", 5),
    ("onacvg", "ini", 5),
    ("ini", "brienne", 5),
    ("brienne", "arc", 15),
    ("arc", "cercle", 10),
)

#: The convoy: vehicle key -> its driver's key.
VEHICLE_DRIVERS: Final = {
    "lead": "benali",
    "minister": "roux",
    "minibus": "perrin",
    "van": "fontaine",
}
ALL_VEHICLES: Final = tuple(VEHICLE_DRIVERS)


def _travel_from(key: str) -> dict[str, int]:
    """Travel minutes from venue `key` to each venue it is paired with (both ways)."""
    minutes: dict[str, int] = {}
    for one, other, duration in _TRAVEL_MINUTES:
        if key == one:
            minutes[venue_id(other)] = duration
        elif key == other:
            minutes[venue_id(one)] = duration
    return minutes


def _venue(
    key: str,
    name: LocalizedText,
    address: str,
    postcode: str,
    city: str,
    position: tuple[float, float],
    contact: tuple[str, str],
    capacity: int,
    step_free: Access,
    access_notes: LocalizedText,
    security_notes: LocalizedText | None = None,
    country: str = "FR",
) -> Venue:
    """A sample venue with its stable id and its travel times."""
    return Venue(
        id=venue_id(key),
        name=name,
        address=address,
        postcode=postcode,
        city=city,
        country=country,
        latitude=position[0],
        longitude=position[1],
        contact_name=contact[0],
        contact_phone=contact[1],
        capacity=capacity,
        step_free=step_free,
        access_notes=access_notes,
        security_notes=security_notes or LocalizedText(),
        travel_minutes=_travel_from(key),
        sample=True,
    )


def build_venues() -> list[Venue]:
    """Every place of the programme, in the order the delegation first goes there."""
    return [
        _venue(
            "cdg",
            text(
                "Aéroport Paris-Charles de Gaulle – terminal 1, salon d’honneur",
                "Аеропорт Париж – Шарль де Голль, термінал 1, зала офіційних делегацій",
                "Paris-Charles de Gaulle Airport – Terminal 1, VIP lounge",
            ),
            "Aéroport Paris-Charles de Gaulle, terminal 1",
            "95700",
            "Roissy-en-France",
            (49.0147, 2.5414),
            ("Permanence du salon d’honneur", "+33 1 99 00 20 10"),
            30,
            Access.YES,
            text(
                "Accueil en pied d’avion ; assistance aux personnes à mobilité réduite "
                "(fauteuils, ambulift) à réserver auprès de l’aéroport 48 heures avant.",
                "Зустріч біля літака; допомогу для людей з інвалідністю (крісла колісні, "
                "амбуліфт) замовити в аеропорту за 48 годин.",
                "Met at the aircraft; reduced-mobility assistance (wheelchairs, ambulift) "
                "to be booked with the airport 48 hours ahead.",
            ),
            text(
                "Accès au tarmac sur accréditation de la police aux frontières ; liste "
                "nominative et numéros de passeport à transmettre la veille.",
                "Доступ на перон за акредитацією прикордонної поліції; іменний список і "
                "номери паспортів передати напередодні.",
                "Access to the apron on accreditation by the border police; list of names "
                "and passport numbers to be sent the day before.",
            ),
        ),
        _venue(
            "hotel",
            text(
                "Hôtel Novotel Paris Centre Tour Eiffel",
                "Готель Novotel Paris Centre Tour Eiffel",
                "Novotel Paris Centre Tour Eiffel hotel",
            ),
            "61 quai de Grenelle",
            "75015",
            "Paris",
            (48.8497, 2.2846),
            ("Réception – service groupes", "+33 1 99 00 20 20"),
            20,
            Access.YES,
            text(
                "Entrée de plain-pied quai de Grenelle ; deux chambres accessibles ; "
                "salon de réunion au rez-de-chaussée.",
                "Вхід без сходинок з набережної Гренель; два доступні номери; "
                "конференц-зала на першому поверсі.",
                "Step-free entrance on quai de Grenelle; two accessible rooms; "
                "meeting room on the ground floor.",
            ),
            text(
                "Étage de la délégation réservé ; clés remises par l’officier de liaison.",
                "Поверх делегації зарезервовано; ключі видає офіцер звʼязку.",
                "The delegation’s floor is reserved; keys handed over by the liaison officer.",
            ),
        ),
        _venue(
            "ini",
            text(
                "Institution nationale des Invalides",
                "Національний інститут Інвалідів",
                "Institution nationale des Invalides",
            ),
            "6 boulevard des Invalides",
            "75007",
            "Paris",
            (48.8544, 2.3150),
            ("Secrétariat de la direction", "+33 1 99 00 20 30"),
            25,
            Access.YES,
            text(
                "Établissement de soins entièrement accessible ; ascenseurs vers les services "
                "de rééducation. Pas de photographie des pensionnaires sans leur accord.",
                "Заклад повністю доступний; ліфти до відділень реабілітації. "
                "Не фотографувати пацієнтів без їхньої згоди.",
                "Fully accessible care facility; lifts to the rehabilitation wards. "
                "No photographs of residents without their consent.",
            ),
        ),
        _venue(
            "cercle",
            text(
                "Cercle national des armées",
                "Національний клуб збройних сил (Cercle national des armées)",
                "Cercle national des armées (national armed forces club)",
            ),
            "8 place Saint-Augustin",
            "75008",
            "Paris",
            (48.8757, 2.3195),
            ("Maître d’hôtel", "+33 1 99 00 20 40"),
            40,
            Access.YES,
            text(
                "Rampe amovible à l’entrée sur la place Saint-Augustin ; ascenseur vers les "
                "salons du premier étage.",
                "Знімний пандус біля входу з площі Сент-Огюстен; ліфт до залів другого поверху.",
                "Removable ramp at the entrance on place Saint-Augustin; lift to the "
                "first-floor rooms.",
            ),
        ),
        _venue(
            "balard",
            text(
                "Hexagone Balard – ministère des Armées et des Anciens combattants",
                "Гексагон Балар – Міністерство збройних сил і ветеранів Франції",
                "Hexagone Balard – Ministry of the Armed Forces and Veterans",
            ),
            "60 boulevard du Général Martial Valin",
            "75015",
            "Paris",
            (48.8352, 2.2785),
            ("Accueil des délégations étrangères", "+33 1 99 00 20 50"),
            30,
            Access.YES,
            text(
                "Hall d’accueil de plain-pied ; ascenseurs ; badges remis à l’accueil sur "
                "présentation du passeport.",
                "Вестибюль без сходинок; ліфти; перепустки видають на рецепції за паспортом.",
                "Step-free reception hall; lifts; badges issued at reception on "
                "presentation of a passport.",
            ),
            text(
                "Accréditation : liste des participants et numéros de passeport 72 heures avant.",
                "Акредитація: список учасників і номери паспортів за 72 години.",
                "Accreditation: list of participants and passport numbers 72 hours before.",
            ),
        ),
        _venue(
            "onacvg",
            text(
                "Office national des combattants et des victimes de guerre – siège",
                "Національне управління у справах комбатантів і жертв війни – штаб-квартира",
                "National Office for Combatants and Victims of War – head office",
            ),
            "Hôtel national des Invalides, 129 rue de Grenelle",
            "75007",
            "Paris",
            (48.8579, 2.3131),
            ("Cabinet de la direction générale", "+33 1 99 00 20 60"),
            15,
            Access.UNKNOWN,
            text(
                "Bâtiment historique : accès de plain-pied à vérifier lors de la reconnaissance.",
                "Історична будівля: доступ без сходинок перевірити під час рекогносцировки.",
                "Historic building: step-free access to be checked on reconnaissance.",
            ),
        ),
        _venue(
            "brienne",
            text("Hôtel de Brienne", "Особняк Брієнн", "Hôtel de Brienne"),
            "14 rue Saint-Dominique",
            "75007",
            "Paris",
            (48.8596, 2.3183),
            ("Bureau du protocole", "+33 1 99 00 20 70"),
            20,
            Access.NO,
            text(
                "Hôtel particulier du XVIIIe siècle : perron à marches dans la cour "
                "d’honneur, salons à l’étage par l’escalier d’honneur.",
                "Особняк XVIII століття: ґанок зі сходинками в почесному дворі, "
                "зали на поверсі – парадними сходами.",
                "18th-century town house: steps up from the courtyard, reception rooms "
                "upstairs by the main staircase.",
            ),
            text(
                "Véhicules de la délégation admis dans la cour sur liste ; contrôle à l’entrée.",
                "Автомобілі делегації пропускають у двір за списком; перевірка на вході.",
                "The delegation’s cars admitted to the courtyard on a list; check at the gate.",
            ),
        ),
        _venue(
            "company",
            text(
                "Horizon Prothèses & Réadaptation – centre d’appareillage",
                "Horizon Prothèses & Réadaptation – центр протезування",
                "Horizon Prothèses & Réadaptation – prosthetics centre",
            ),
            "18 rue Rouget-de-Lisle",
            "92130",
            "Issy-les-Moulineaux",
            (48.8245, 2.2690),
            ("Direction de la communication", "+33 1 99 00 20 80"),
            25,
            Access.YES,
            text(
                "Centre de rééducation de plain-pied ; parking réservé devant l’entrée.",
                "Реабілітаційний центр без сходинок; зарезервована парковка біля входу.",
                "Step-free rehabilitation centre; reserved parking in front of the entrance.",
            ),
        ),
        _venue(
            "arc",
            text(
                "Arc de Triomphe – tombe du Soldat inconnu",
                "Тріумфальна арка – Могила Невідомого солдата",
                "Arc de Triomphe – Tomb of the Unknown Soldier",
            ),
            "Place Charles-de-Gaulle",
            "75008",
            "Paris",
            (48.8738, 2.2950),
            ("Comité de la Flamme – permanence", "+33 1 99 00 20 90"),
            300,
            Access.YES,
            text(
                "Dépose des véhicules officiels au pied de l’Arc ; dalle de plain-pied jusqu’à "
                "la Tombe ; emplacements pour fauteuils roulants au premier rang. Ne pas "
                "emprunter le passage souterrain (escaliers).",
                "Висадка з офіційних автомобілів біля підніжжя Арки; рівна поверхня до "
                "Могили; місця для крісел колісних у першому ряду. Не користуватися "
                "підземним переходом (сходи).",
                "Official cars drop off at the foot of the Arc; level paving to the Tomb; "
                "wheelchair spaces in the front row. Do not use the underpass (stairs).",
            ),
            text(
                "Place fermée à la circulation de 17:30 à 19:30 ; véhicules admis sur "
                "laissez-passer de la préfecture de police.",
                "Площу закрито для руху з 17:30 до 19:30; автомобілі пропускають за "
                "перепусткою префектури поліції.",
                "Square closed to traffic from 17:30 to 19:30; cars admitted with a pass "
                "from the police prefecture.",
            ),
        ),
        _venue(
            "ubft",
            text(
                "Union des blessés de la face et de la tête – Les Gueules cassées",
                "Союз поранених в обличчя та голову «Les Gueules cassées»",
                "Union of the Wounded of the Face and Head – Les Gueules cassées",
            ),
            "20 rue d’Aguesseau",
            "75008",
            "Paris",
            (48.8706, 2.3190),
            ("Secrétariat général", "+33 1 99 00 21 00"),
            40,
            Access.YES,
            text(
                "Rampe d’accès côté cour ; salle de réception au rez-de-chaussée.",
                "Пандус з боку двору; зала прийомів на першому поверсі.",
                "Access ramp from the courtyard; reception room on the ground floor.",
            ),
        ),
        _venue(
            "waw",
            text(
                "Aéroport Chopin de Varsovie – terminal A",
                "Варшавський аеропорт імені Шопена – термінал A",
                "Warsaw Chopin Airport – Terminal A",
            ),
            "ul. Żwirki i Wigury 1",
            "00-906",
            "Warszawa",
            (52.1672, 20.9679),
            ("Salon VIP", "+48 22 000 00 00"),
            20,
            Access.YES,
            text(
                "Assistance PMR à réserver auprès de la compagnie au moins 48 heures avant.",
                "Допомогу для осіб з інвалідністю замовити в авіакомпанії щонайменше за 48 годин.",
                "Assistance for reduced mobility to be booked with the airline 48 hours ahead.",
            ),
            country="PL",
        ),
    ]


def _vehicle(
    key: str,
    label: LocalizedText,
    position: int,
    plate: str,
    seats: int,
    wheelchair: Access,
    notes: LocalizedText,
) -> Vehicle:
    """A sample vehicle of the convoy, driven by its driver of VEHICLE_DRIVERS."""
    return Vehicle(
        id=vehicle_id(key),
        label=label,
        convoy_position=position,
        plate=plate,
        driver_id=person_id(VEHICLE_DRIVERS[key]),
        duty_phone=f"+33 6 39 98 40 {position:02d}",
        seats=seats,
        wheelchair=wheelchair,
        notes=notes,
        sample=True,
    )


def build_vehicles() -> list[Vehicle]:
    """The convoy, in its order on the road; each car named and described in French,
    Ukrainian and English, as each book prints it."""
    return [
        _vehicle(
            "lead",
            text("Véhicule de tête", "Головний автомобіль", "Lead car"),
            1,
            "GH-214-KP",
            3,
            Access.NO,
            text(
                "Berline banalisée ; ouvre la route avec l’escorte de police.",
                "Седан без розпізнавальних знаків; відкриває колону разом із поліцейським "
                "супроводом.",
                "Unmarked saloon; leads the way with the police escort.",
            ),
        ),
        _vehicle(
            "minister",
            text("Véhicule de la ministre", "Автомобіль Міністра", "Minister’s car"),
            2,
            "GJ-508-LM",
            3,
            Access.NO,
            text(
                "Berline ; la ministre prend place à l’arrière droit, l’interprète à sa gauche.",
                "Седан; Міністр сідає ззаду праворуч, перекладач — ліворуч від неї.",
                "Saloon; the minister sits in the rear right seat, the interpreter on her left.",
            ),
        ),
        _vehicle(
            "minibus",
            text("Minibus accessible", "Мікроавтобус із пандусом", "Accessible minibus"),
            3,
            "GK-731-RT",
            6,
            Access.YES,
            text(
                "Rampe arrière et deux emplacements pour fauteuils roulants avec ancrages ; "
                "compter dix minutes de plus à chaque montée et descente.",
                "Задній пандус і два місця для крісел колісних із кріпленнями; на кожну "
                "посадку й висадку закладайте на десять хвилин більше.",
                "Rear ramp and two wheelchair spaces with tie-downs; allow ten more minutes "
                "for each boarding and alighting.",
            ),
        ),
        _vehicle(
            "van",
            text(
                "Fourgon du personnel et des bagages",
                "Фургон для персоналу та багажу",
                "Staff and luggage van",
            ),
            4,
            "GL-346-VX",
            8,
            Access.NO,
            text(
                "Transporte le personnel de la délégation et, le 9 mai, les bagages.",
                "Перевозить персонал делегації, а 9 травня — багаж.",
                "Carries the delegation staff and, on 9 May, the luggage.",
            ),
        ),
    ]
