"""The demo's emergency contacts: the protocol office's 24-hour duty officer, the Embassy
of Ukraine in France, the security lead, and the hospital nearest each day's venues.

Sample data, like every detail beyond the press release: the embassy's address is its
public one (21 avenue de Saxe), the hospitals are the real ones nearest each day's
venues, but every phone number is in the range of French numbers set aside for fiction
(+33 1 99 00 …), as the demo's other numbers: the seed data gives no switchboard.
"""

from __future__ import annotations

from datetime import date

from visitplanner.domain.contacts import Contact, DayHospital, EmergencyContacts
from visitplanner.domain.model import VisitData

_POMPIDOU = ("Hôpital européen Georges-Pompidou (AP-HP)", "20 rue Leblanc, 75015 Paris")


def add_contacts(data: VisitData) -> VisitData:
    """Give the demo its emergency contacts."""
    data.visit.emergency = EmergencyContacts(
        duty_officer=Contact(
            "Permanence du protocole, ministère des Armées (cdt Julie Marchal)",
            "60 boulevard du Général Martial Valin, 75015 Paris",
            "+33 1 99 00 12 24",
        ),
        embassy=Contact(
            "Ambassade d’Ukraine en France",
            "21 avenue de Saxe, 75007 Paris",
            "+33 1 99 00 13 10",
        ),
        security_lead=Contact(
            "Cne Antoine Leclerc, sécurité de la visite (DRSD)",
            "",
            "+33 1 99 00 12 40",
        ),
        hospitals=(
            # Charles de Gaulle, the hotel on quai de Grenelle, the Invalides, the Cercle.
            DayHospital(date(2026, 5, 6), *_POMPIDOU, "+33 1 99 00 13 21"),
            # Balard, Issy-les-Moulineaux, the ONaCVG, the hôtel de Brienne.
            DayHospital(date(2026, 5, 7), *_POMPIDOU, "+33 1 99 00 13 21"),
            # The ceremony at the Arc de Triomphe: the armed forces' hospital receives.
            DayHospital(
                date(2026, 5, 8),
                "Hôpital d’instruction des armées Bégin",
                "69 avenue de Paris, 94160 Saint-Mandé",
                "+33 1 99 00 13 22",
            ),
            # Rue d'Aguesseau in the morning, then Charles de Gaulle.
            DayHospital(
                date(2026, 5, 9),
                "Hôtel-Dieu (AP-HP)",
                "1 parvis Notre-Dame – place Jean-Paul-II, 75004 Paris",
                "+33 1 99 00 13 23",
            ),
        ),
    )
    return data
