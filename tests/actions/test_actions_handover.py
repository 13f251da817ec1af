"""Overdrag sag's use case (#14) on a real team store: the colleague must be a name the
team knows (a plan's caseworker, an earlier hand-over's, a lease holder's), spelt as it
knows it; an unknown one is refused with the known name most like it, unless the caller
says it is a new colleague; who is responsible now and after a vikar's period."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from planbro.model import ValidationError
from planbro.model.plan import new_id

from planbro.storage.postgres import TeamStore

from planbro.actions.handover import UnknownColleague, hand_over, known_colleagues, responsible_for


@pytest.fixture
def team(pg_server, pg_database, tmp_path, example_plan):
    """(store, plan): a team store holding one plan whose caseworker is Mette Lund Sørensen,
    its lease given back."""
    store = TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "t")
    plan = copy.deepcopy(example_plan)
    plan.id, plan.created, plan.updated = new_id(), "", ""
    plan.caseworker.name = "Mette Lund Sørensen"
    store.save(plan)
    store.leases.release(plan.id)
    yield store, plan
    store.close()


def test_an_unknown_name_is_refused_with_the_one_most_like_it(team):
    store, plan = team
    assert known_colleagues(store) == ["Mette Lund Sørensen"]
    with pytest.raises(UnknownColleague) as refused:
        hand_over(store, plan.id, "Mette Lund Sørensn", "Overtages.")
    error = refused.value
    assert (error.name, error.suggestion) == ("Mette Lund Sørensn", "Mette Lund Sørensen")
    assert [(p.field, p.reason) for p in error.problems] == [
        ("to", "ingen i teamet hedder «Mette Lund Sørensn». Mente du «Mette Lund Sørensen»?")]
    assert store.handovers.history(plan.id) == []
    # Nothing alike: no suggestion; the note's problem is told with it.
    with pytest.raises(UnknownColleague) as refused:
        hand_over(store, plan.id, "Zygmunt", " ")
    assert refused.value.suggestion == ""
    assert [p.field for p in refused.value.problems] == ["to", "note"]


def test_a_new_colleague_said_so_is_handed_the_case_and_known_from_then_on(team):
    store, plan = team
    made = hand_over(store, plan.id, " Anna  Jensen ", "Overtages.", new_colleague=True)
    assert made.to_name == "Anna Jensen"
    assert known_colleagues(store) == ["Anna Jensen", "Mette Lund Sørensen"]
    # Known now: any spacing and case is taken as the team spells the name.
    again = hand_over(store, plan.id, "anna jensen", "Tilbage fra ferie.")
    assert again.to_name == "Anna Jensen"
    # A problem of another field is still a ValidationError, not an unknown colleague.
    with pytest.raises(ValidationError) as refused:
        hand_over(store, plan.id, "Anna Jensen", "x", until=date.today() - timedelta(days=1))
    assert not isinstance(refused.value, UnknownColleague)


def test_a_lease_holder_is_known_and_whose_the_case_is_after_a_vikar(team, pg_server,
                                                                     pg_database, tmp_path):
    store, plan = team
    other = TeamStore(pg_server.url(pg_database), holder="Lis Holm", data_dir=tmp_path / "o")
    try:
        other.leases.take(plan.id)
        assert "Lis Holm" in known_colleagues(store)
        assert responsible_for(store, plan.id) == ("Mette Lund Sørensen", "Mette Lund Sørensen")
        hand_over(store, plan.id, "Lis Holm", "Ferie.", until=date.today() + timedelta(days=7))
    finally:
        other.close()
    # One's own name (Indstillinger's) is known to oneself before any plan or lease names it.
    own = TeamStore(pg_server.url(pg_database), holder="Per Ny", data_dir=tmp_path / "p")
    try:
        assert "Per Ny" in known_colleagues(own) and "Per Ny" not in known_colleagues(store)
    finally:
        own.close()
    # A vikar now; the case is Mette's again after the period.
    assert responsible_for(store, plan.id) == ("Lis Holm", "Mette Lund Sørensen")
