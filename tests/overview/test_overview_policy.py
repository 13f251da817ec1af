"""Facts made under another quality policy than the overview counts with (the municipality
changed plan_start_days in municipality.toml) are not current: the overview makes them again
under its own policy and writes them back, on the local store and on the team store (a real
server), so the § 142 figures follow the policy of today, not the one of the save."""

from __future__ import annotations

import psycopg
import pytest
from team_plans import END, START, TODAY, UNIT, store_team

from planbro.quality import DEFAULT_POLICY, Policy
from planbro.storage import PlanStore

from planbro.overview import store_facts
from planbro.overview.facts import facts_format, found_on, is_current, unpack

from planbro.actions.overview import overview_of
from planbro.actions.team import open_team_store

# The municipality's days before and after it changed them: D2 was started 30 days after the
# notification (team_plans.py), late under 14 days, in time under 30.
BEFORE, AFTER = DEFAULT_POLICY, Policy(plan_start_days=30)


def _figures(store, policy):
    return overview_of(store, start=START, end=END, unit=UNIT, today=TODAY, policy=policy)


def _sel142(overview):
    """The plans notified, started in time, and found started late by the quality check (a
    rule that finds nothing is not shown)."""
    late = [item.count for item in overview.items() if item.key == "rule.plan-start-late"]
    return [overview.item("sel142.notified").count, overview.item("sel142.in_time").count,
            sum(late)]


@pytest.fixture
def reference(tmp_path, example_plan):
    """The team's plans saved under the new policy from the start."""
    with PlanStore(tmp_path / "reference", facts=store_facts(AFTER)) as store:
        store_team(store, example_plan)
        yield store


def test_the_format_names_the_policy():
    assert BEFORE.plan_start_days == 14
    assert facts_format(BEFORE) != facts_format(AFTER)
    assert facts_format(Policy(plan_start_days=30)) == facts_format(AFTER)
    facts = {"f": facts_format(BEFORE)}
    assert is_current(facts, BEFORE) and not is_current(facts, AFTER)


def test_the_local_store_s_facts_of_the_old_policy_are_made_again_and_kept(
        tmp_path, example_plan, reference):
    folder = tmp_path / "data"
    with PlanStore(folder, facts=store_facts(BEFORE)) as store:
        store_team(store, example_plan)
        assert _sel142(_figures(store, BEFORE)) == [2, 1, 1]
    # Opened as before (its saves still under the old days): the overview's policy decides.
    with PlanStore(folder, facts=store_facts(BEFORE)) as store:
        after = _figures(store, AFTER)
        assert _sel142(after) == [2, 2, 0]
        assert after.to_json() == _figures(reference, AFTER).to_json()
    with PlanStore(folder, read_only=True) as reader:
        kept = [summary.overview for summary in reader.summaries()]
    assert {facts["f"] for facts in kept} == {facts_format(AFTER)}
    assert not any("plan-start-late" in found_on(unpack(facts)["q"], TODAY.isoformat())
                   for facts in kept)


def test_the_team_store_s_facts_of_the_old_policy_are_made_again_on_the_server(
        pg_server, pg_database, example_plan, tmp_path, reference):
    address = pg_server.url(pg_database)
    # The front ends' store: its saves under the municipality's file (the default days).
    with open_team_store(address, via="app", data_dir=tmp_path / "team") as team:
        store_team(team, example_plan)
        assert _sel142(_figures(team, BEFORE)) == [2, 1, 1]
        with psycopg.connect(pg_server.dsn(pg_database)) as connection:
            assert connection.execute("SELECT DISTINCT facts->>'f' FROM planbro.plans"
                                      ).fetchall() == [(facts_format(BEFORE),)]
        after = _figures(team, AFTER)
        assert _sel142(after) == [2, 2, 0]
        assert after.to_json() == _figures(reference, AFTER).to_json()
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        rows = connection.execute("SELECT facts FROM planbro.plans").fetchall()
    assert {facts["f"] for (facts,) in rows} == {facts_format(AFTER)}
    assert not any("plan-start-late" in found_on(unpack(facts)["q"], TODAY.isoformat())
                   for (facts,) in rows)
