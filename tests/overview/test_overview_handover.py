"""The overview of one caseworker on the team store counts the cases that caseworker is
responsible for today, as their "Mine sager" lists them: after "Overdrag sag" the case is the
colleague's (a vikar's within their period), not the one the plan names; the unit stays the
plan's. On a real server. (The local store has no hand-over: its caseload is one
caseworker's, and the overview scopes by the caseworker the plan names.)"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from team_plans import END, START, TODAY, UNIT, WORKER, store_team

from planbro.actions.overview import overview_of
from planbro.actions.team import open_team_store
from planbro.actions.team_caseload import VIEW_MINE, in_view

COLLEAGUE, VIKAR = "Lis Holm", "Bo Berg"


@pytest.fixture
def team(pg_server, pg_database, example_plan, tmp_path):
    """The team's plans on the team store: A1 handed over to Lis Holm for good, A2 to Bo Berg
    as a vikar still in his period, A3 to him for a period that has ended."""
    with open_team_store(pg_server.url(pg_database), via="app",
                         data_dir=tmp_path / "team") as store:
        store.ids = store_team(store, example_plan)
        note = "Borgeren kender sagen; se seneste opfølgning."
        store.handovers.hand_over(store.ids["A1"], COLLEAGUE, note)
        store.handovers.hand_over(store.ids["A2"], VIKAR, note,
                                  until=date.today() + timedelta(days=30))
        store.handovers.hand_over(store.ids["A3"], VIKAR, note,
                                  until=date.today() - timedelta(days=1))
        yield store


def _plans(store, **scope):
    names = {plan_id: name for name, plan_id in store.ids.items()}
    overview = overview_of(store, start=START, end=END, today=TODAY, **scope)
    return sorted(names[plan_id] for plan_id in overview.plans.plans)


def _mine(store, me):
    """The plans of the period in `me`'s "Mine sager" (the caseload's view)."""
    names = {plan_id: name for name, plan_id in store.ids.items()}
    return sorted(names[s.id] for s in store.summaries()
                  if in_view(s, VIEW_MINE, me=me, unit="", overdue=False, light=None))


def test_a_caseworker_s_figures_are_the_cases_they_are_responsible_for_today(team):
    assert _plans(team, caseworker="lis  HOLM") == ["A1"]
    assert _plans(team, caseworker=VIKAR) == ["A2"]
    named = _plans(team, caseworker=WORKER)
    assert "A1" not in named and "A2" not in named and "A3" in named
    # As "Mine sager" has them (E1 closed before the period and H1 offered after it).
    for name in (COLLEAGUE, VIKAR, WORKER):
        assert _plans(team, caseworker=name) == sorted(set(_mine(team, name)) - {"E1", "H1"})


def test_the_unit_of_a_case_handed_over_stays_the_plan_s(team):
    assert {"A1", "A2", "A3"} <= set(_plans(team, unit=UNIT))
    assert _plans(team, unit=UNIT, caseworker=COLLEAGUE) == ["A1"]
    assert _plans(team, unit="Team Syd", caseworker=COLLEAGUE) == []
