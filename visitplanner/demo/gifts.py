"""The demo's gifts register: what the minister offers her host, and what she is given.

Sample data, like every detail beyond the press release. The minister offers Alice Rufo
an embroidered rushnyk and a book at the working dinner (wrapped, kept by a member of
her staff; under the visit's 150 EUR threshold, so Alice Rufo need not declare it, and the
demo's plan stays without findings); the French side gives the minister a commemorative
medal at the 8 May ceremony; the Ukrainian ministry's painting for the ONaCVG is still
planned, its value unknown. Ids are stable (demo.common).
"""

from __future__ import annotations

from typing import Final

from visitplanner.demo.common import demo_id, event_id, paris, person_id, text
from visitplanner.domain.gifts import Gift, GiftStatus
from visitplanner.domain.model import VisitData

#: The threshold above which a French public official declares a gift received.
THRESHOLD: Final = 150


def add_gifts(data: VisitData) -> VisitData:
    """Give the demo its gifts register and its declaration threshold."""
    data.visit.gift_threshold = THRESHOLD
    data.visit.gift_currency = "EUR"
    data.gifts = [
        Gift(
            id=demo_id("gift:rushnyk"),
            description=text(
                "Rushnyk brodé de Poltava et livre sur l’art des vétérans ukrainiens",
                "Вишитий полтавський рушник і книжка про мистецтво українських ветеранів",
                "Embroidered Poltava rushnyk and a book on the art of Ukrainian veterans",
            ),
            giver_id=person_id("kalmykova"),
            recipient_id=person_id("rufo"),
            event_id=event_id("dinner"),
            status=GiftStatus.WRAPPED,
            value=120,
            keeper_id=person_id("hnatiuk"),
            notes="Remis au dessert, après l’échange de toasts.",
            at=paris(6, 21, 40),
        ),
        Gift(
            id=demo_id("gift:medal"),
            description=text(
                "Médaille commémorative du 8 Mai 1945 dans son écrin",
                "Памʼятна медаль 8 травня 1945 року у футлярі",
                "Commemorative medal of 8 May 1945 in its case",
            ),
            giver_id=person_id("rufo"),
            recipient_id=person_id("kalmykova"),
            event_id=event_id("ceremony"),
            status=GiftStatus.BOUGHT,
            value=45,
            keeper_id=person_id("garnier"),
            # After the signature of the Flame's golden book, before the salute.
            at=paris(8, 18, 42),
        ),
        Gift(
            id=demo_id("gift:painting"),
            description=text(
                "Tableau d’un vétéran peintre de Kharkiv",
                "Картина ветерана-художника з Харкова",
                "Painting by a veteran artist from Kharkiv",
            ),
            giver_name="Міністерство у справах ветеранів України",
            recipient_name="Office national des combattants et des victimes de guerre",
            event_id=event_id("onacvg"),
            status=GiftStatus.PLANNED,
        ),
    ]
    return data
