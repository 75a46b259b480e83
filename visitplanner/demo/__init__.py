"""The demo visit: Natalia Kalmykova's official visit to France, 6–9 May 2026, as domain objects.

It reproduces the press release of the Ministry of the Armed Forces and Veterans of
7 May 2026 (shared/seed/press-release-2026-05-07.txt) and fills in, as sample data, what
a protocol office would hold beyond it. Every entity carrying invented content is marked
`sample`; only the media centre's contact is taken whole from the release.

Conventions of the demo data: a person's `title` is the title printed under their name,
`function` what they do in this visit. Ids are uuid5 of readable keys (see demo.common),
so `build_demo()` returns equal data, ids included, on every call.

No I/O here: writing the demo to a visit file is the storage layer's job.
"""

from __future__ import annotations

from datetime import date

from visitplanner.demo.cars import plan_cars
from visitplanner.demo.common import (
    GUEST_DELEGATION_ID,
    HOST_DELEGATION_ID,
    demo_id,
    person_id,
    text,
)
from visitplanner.demo.contacts import add_contacts
from visitplanner.demo.gifts import add_gifts
from visitplanner.demo.guests import build_guests
from visitplanner.demo.hosts import build_hosts
from visitplanner.demo.places import build_vehicles, build_venues
from visitplanner.demo.programme import build_programme
from visitplanner.demo.protocol import arrange
from visitplanner.demo.rooming import add_rooming
from visitplanner.domain.decree import GuestPlacement
from visitplanner.domain.model import Delegation, Organiser, Visit, VisitData
from visitplanner.domain.values import Side

__all__ = ["build_demo"]

_NOTES = (
    "Visite de démonstration reconstituée d’après le communiqué de presse du ministère des "
    "Armées et des Anciens combattants du 7 mai 2026. Tout ce qui va au-delà du communiqué "
    "de presse (noms des vétérans et des fonctionnaires, horaires, lieux de réunion, "
    "numéros de téléphone, données d’accréditation, vols, véhicules) est une donnée "
    "d’exemple, signalée comme telle sur chaque fiche."
)


def _visit() -> Visit:
    """The visit itself, organised by the host ministry's protocol office."""
    return Visit(
        id=demo_id("visit"),
        title=text(
            "Visite officielle en France de Mme Natalia Kalmykova, ministre des Anciens "
            "combattants d’Ukraine",
            "Офіційний візит до Франції Міністра у справах ветеранів України Наталії Калмикової",
            "Official visit to France of Ms Natalia Kalmykova, Minister of Veterans "
            "Affairs of Ukraine",
        ),
        start_date=date(2026, 5, 6),
        end_date=date(2026, 5, 9),
        tz="Europe/Paris",
        marking="Diffusion restreinte",
        languages=("fr", "uk", "en"),
        organiser=Organiser(
            name=text(
                "Bureau du protocole du ministère des Armées et des Anciens combattants",
                "Протокольний відділ Міністерства збройних сил і ветеранів Франції",
                "Protocol Office, Ministry of the Armed Forces and Veterans (France)",
            ),
            # Sample contact on the reserved .example domain and in the range of French
            # numbers set aside for fiction: the demo can never reach a real office.
            email="protocole@defense.gouv.example",
            phone="+33 1 99 00 12 00",
            address="60 boulevard du Général Martial Valin, 75015 Paris",
        ),
        notes=_NOTES,
        # The office gives the Ukrainian minister the courtesy of precedence over the
        # French ministre déléguée, whom the décret ranks with the Government.
        guest_placement=GuestPlacement.GUEST_FIRST,
    )


def _delegations() -> list[Delegation]:
    """The guest delegation first (position 0), then the host (position 1)."""
    return [
        Delegation(
            id=GUEST_DELEGATION_ID,
            name=text("Délégation ukrainienne", "Українська делегація", "Ukrainian delegation"),
            side=Side.GUEST,
            country="UA",
            head_id=person_id("kalmykova"),
            position=0,
        ),
        Delegation(
            id=HOST_DELEGATION_ID,
            name=text("Délégation française", "Французька делегація", "French delegation"),
            side=Side.HOST,
            country="FR",
            head_id=person_id("rufo"),
            position=1,
        ),
    ]


def build_demo() -> VisitData:
    """The whole demo visit, built afresh: callers may change it freely."""
    data = VisitData(
        visit=_visit(),
        delegations=_delegations(),
        people=build_guests() + build_hosts(),
        venues=build_venues(),
        vehicles=build_vehicles(),
        events=build_programme(),
    )
    return add_contacts(add_rooming(add_gifts(plan_cars(arrange(data)))))
