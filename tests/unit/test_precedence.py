"""The order of precedence: grade, courtesy to the guest, delegations, ranks, overrides."""

from __future__ import annotations

from tests.protocol_factories import by_name, person, protocol_visit
from visitplanner.demo import build_demo
from visitplanner.domain.model import Delegation, VisitData
from visitplanner.domain.precedence import event_order, merged_order
from visitplanner.domain.values import Grade, LocalizedText, Side
from visitplanner.operations.session import VisitSession
from visitplanner.services.precedence import event_precedence_operation, reorder_operation
from visitplanner.storage.database import VisitDatabase
from visitplanner.storage.repository import VisitRepository


def _names(
    data: VisitData, ids: list[str] | None = None, overrides: list[str] | None = None
) -> list[str]:
    wanted = ids if ids is not None else [p.id for p in data.people]
    return [p.family_name for p in merged_order(data, wanted, overrides or [])]


def test_grade_comes_first_across_delegations() -> None:
    data = protocol_visit(3, 3)
    assert _names(data) == ["G1", "H1", "G2", "H2", "G3", "H3"]


def test_at_equal_grade_the_guest_precedes_the_host() -> None:
    data = protocol_visit(2, 2)
    by_name(data, "H1").grade = Grade.MINISTER  # now equal to G1
    assert _names(data)[:2] == ["G1", "H1"]


def test_at_equal_grade_and_side_the_delegations_order_then_the_rank() -> None:
    data = protocol_visit(2, 1)
    second = Delegation(name=LocalizedText(fr="Autres"), side=Side.GUEST, position=5)
    data.delegations.append(second)
    data.people.append(person("X1", second, Grade.DEPUTY_MINISTER, 1))
    data.people.append(person("G9", data.delegations[0], Grade.DEPUTY_MINISTER, 9))
    assert _names(data) == ["G1", "H1", "G2", "G9", "X1"]


def test_authorities_rank_by_grade_after_the_delegations_at_equal_grade() -> None:
    data = protocol_visit(3, 3, authorities=2)
    by_name(data, "A2").grade = Grade.DEPUTY_MINISTER
    by_name(data, "A1").grade = Grade.HEAD_OF_GOVERNMENT
    assert _names(data) == ["A1", "G1", "H1", "G2", "H2", "A2", "G3", "H3"]


def test_the_officers_own_order_wins_and_the_others_follow() -> None:
    data = protocol_visit(2, 2)
    h2, g2 = by_name(data, "H2").id, by_name(data, "G2").id
    assert _names(data, overrides=[h2, g2]) == ["H2", "G2", "G1", "H1"]
    event = data.events[0]
    event.precedence_ids = [h2]
    assert event_order(data, event)[0].family_name == "H2"


def test_unknown_ids_are_left_out_and_duplicates_counted_once() -> None:
    data = protocol_visit(1, 1)
    g1 = by_name(data, "G1").id
    assert _names(data, [g1, g1, "nobody"]) == ["G1"]


def test_sixty_delegations_merge_in_one_order() -> None:
    data = protocol_visit(1, 1)
    for n in range(60):
        delegation = Delegation(name=LocalizedText(fr=f"D{n}"), side=Side.GUEST, position=n + 2)
        data.delegations.append(delegation)
        data.people.append(person(f"M{n:02d}", delegation, Grade.MINISTER, 1))
    names = _names(data)
    assert names[0] == "G1" and names[1:61] == [f"M{n:02d}" for n in range(60)]
    assert names[-1] == "H1"


def test_the_demo_dinner_puts_the_guest_minister_first() -> None:
    demo = build_demo()
    dinner = next(e for e in demo.events if e.title.fr.startswith("Dîner de travail"))
    names = [p.family_name for p in event_order(demo, dinner)]
    assert names[:4] == ["Kalmykova", "Rufo", "Shymanskyi", "Delorme"]


def test_reordering_a_delegation_renumbers_its_ranks_and_undoes() -> None:
    database = VisitDatabase.in_memory()
    data = protocol_visit(3, 1)
    with database.transaction():
        VisitRepository(database).save_all(data)
    session = VisitSession(database)
    guest = data.delegations[0].id
    order = [by_name(session.data, n).id for n in ("G3", "G1", "G2")]
    operation = reorder_operation(session.data, guest, order)
    session.apply(operation)
    assert [p.family_name for p in session.data.members(guest)] == ["G3", "G1", "G2"]
    session.undo()
    assert [p.family_name for p in session.data.members(guest)] == ["G1", "G2", "G3"]
    meal = session.data.events[0]
    session.apply(event_precedence_operation(session.data, meal, [order[0]]))
    assert session.data.event(meal.id).precedence_ids == [order[0]]
