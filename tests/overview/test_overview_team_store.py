"""The overview on the team store (storage/postgres/overview_rows.py), on a real server: the
same figures as the local store for the same plans, the plans of the period and scope chosen
by the server (no plan body read), facts made once for rows that had none or had them in an
older format, and a caseworker's role counting only its own unit's plans."""

from __future__ import annotations

import copy
from datetime import date

import psycopg
import pytest
from team_plans import END, START, TODAY, store_team
from tests.storage.test_team_roles import PEOPLE, run_setup

from planbro.model import FollowUpEntry
from planbro.model.convert import to_dict

from planbro.quality import DEFAULT_POLICY
from planbro.storage import PlanStore
from planbro.storage.postgres import TeamStore
from planbro.storage.postgres.overview_rows import chosen, renew

from planbro.overview import store_facts
from planbro.overview.facts import facts_format, unpack

from planbro.actions.overview import overview_of
from planbro.actions.team import open_team_store

# The format of the facts the front ends make: the test installation sets no policy.
FACTS_FORMAT = facts_format(DEFAULT_POLICY)


def _figures(store, **scope):
    return overview_of(store, start=START, end=END, today=TODAY, **scope).to_json()


def _rows(pg_server, database, sql):
    with psycopg.connect(pg_server.dsn(database)) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture
def address(pg_server, pg_database):
    return pg_server.url(pg_database)


@pytest.fixture
def local(tmp_path, example_plan):
    """The invented team's plans in a local store, as the front ends open it."""
    with PlanStore(tmp_path / "local", facts=store_facts()) as store:
        store_team(store, example_plan)
        yield store


def test_the_team_store_gives_the_local_store_s_figures(address, local, example_plan, tmp_path):
    with open_team_store(address, via="app", data_dir=tmp_path / "team") as team:
        store_team(team, example_plan)
        for scope in ({"unit": "team nord"}, {"unit": "  TEAM   Syd "}, {},
                      {"caseworker": "mette lund sørensen"}):
            assert _figures(team, **scope) == _figures(local, **scope)
    nord = _figures(local, unit="team nord")
    assert nord["areas"][0]["groups"][0]["items"][0]["value"] == 13


def test_each_save_keeps_its_facts_and_the_server_chooses_the_period_and_unit(
        address, example_plan, tmp_path, pg_server, pg_database):
    with open_team_store(address, via="app", data_dir=tmp_path / "team") as team:
        ids = store_team(team, example_plan)
        stored = dict(_rows(pg_server, pg_database,
                            "SELECT id, facts->>'f' FROM planbro.plans"))
        assert set(stored.values()) == {FACTS_FORMAT}
        names = {plan_id: name for name, plan_id in ids.items()}
        found = chosen(team._query, first=START.isoformat(), last=END.isoformat(),
                       unit="Team Nord", worker="", current=FACTS_FORMAT)
    # G1 is Team Syd's, H1 offered after the period, E1 closed before it.
    assert {names[s.id] for s in found} == set(ids) - {"G1", "H1", "E1"}
    assert all(s.overview["f"] == FACTS_FORMAT for s in found)
    # Without the citizens' names: an overview shows none, so the server keeps them.
    assert {(s.name, s.cpr_masked) for s in found} == {("", "")}


def test_rows_without_facts_get_them_once_at_the_first_overview(
        address, local, example_plan, tmp_path, pg_server, pg_database):
    # Saved by a Planbro before the facts (no facts function): the rows have none.
    with TeamStore(address, data_dir=tmp_path / "old") as old:
        store_team(old, example_plan)
    assert _rows(pg_server, pg_database,
                 "SELECT count(*) FROM planbro.plans WHERE facts IS NULL") == [(17,)]
    with open_team_store(address, via="app", data_dir=tmp_path / "team") as team:
        assert _figures(team, unit="team nord") == _figures(local, unit="team nord")
        assert _rows(pg_server, pg_database,
                     "SELECT count(*) FROM planbro.plans WHERE facts->>'f' = "
                     f"'{FACTS_FORMAT}'") == [(17,)]
        # Made once: nothing is left to make, so no plan body is read again.
        assert renew(team._connection, team._facts, FACTS_FORMAT) == 0
        assert _figures(team, unit="team nord") == _figures(local, unit="team nord")


def test_facts_of_an_older_format_are_made_again_on_the_server(
        address, local, example_plan, tmp_path, pg_server, pg_database):
    with open_team_store(address, via="app", data_dir=tmp_path / "team") as team:
        store_team(team, example_plan)
        # As a Planbro with other rules left them: another format, and wrong figures.
        pg_server.execute("UPDATE planbro.plans SET facts = jsonb_set(jsonb_set(facts, "
                          "'{f}', '\"0/old\"'), '{q}', '\"0\"')", pg_database)
        assert _figures(team, unit="team nord") == _figures(local, unit="team nord")
    assert _rows(pg_server, pg_database,
                 "SELECT DISTINCT facts->>'f' FROM planbro.plans") == [(FACTS_FORMAT,)]


def test_a_caseworker_counts_only_the_plans_of_their_own_unit(
        pg_server, pg_database, example_plan, local, tmp_path):
    owner = TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner")
    owner.close()
    done = run_setup(pg_server, pg_database)
    assert done.returncode == 0, done.stderr
    for role, unit, _leader in PEOPLE:
        pg_server.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                          f"'{role}') THEN CREATE ROLE {role} LOGIN; END IF; END $$; "
                          f"GRANT planbro_caseworker TO {role}")
        pg_server.execute(f"INSERT INTO planbro.unit_members VALUES ('{role}', '{unit}')",
                          pg_database)
    # The team's plans saved by a Planbro before the facts, Team Nord's rows then given to
    # Anna's unit (Team Vest): G1 stays Team Syd's, no one's here.
    with TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "load") as loader:
        store_team(loader, example_plan)
    pg_server.execute("UPDATE planbro.plans SET unit = 'Team Vest' WHERE unit = 'Team Nord'",
                      pg_database)
    nord = _rows(pg_server, pg_database,
                 "SELECT count(*) FROM planbro.plans WHERE unit = 'Team Vest'")[0][0]
    with open_team_store(pg_server.url(pg_database, user="bo"), via="app",
                         data_dir=tmp_path / "bo") as bo:
        assert _figures(bo)["plans"]["value"] == 0
    with open_team_store(pg_server.url(pg_database, user="anna"), via="app",
                         data_dir=tmp_path / "anna") as anna:
        assert _figures(anna)["areas"] == _figures(local, unit="team nord")["areas"]
    # Anna's role made the facts of her unit's plans only.
    assert _rows(pg_server, pg_database, "SELECT count(*), bool_and(unit = 'Team Vest') "
                 "FROM planbro.plans WHERE facts IS NOT NULL") == [(nord, True)]


def test_a_role_that_may_only_read_gets_the_figures_without_writing_facts(
        address, local, example_plan, tmp_path, pg_server, pg_database):
    with TeamStore(address, data_dir=tmp_path / "old") as old:
        store_team(old, example_plan)
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                      "'reader') THEN CREATE ROLE reader LOGIN; END IF; END $$")
    pg_server.execute("GRANT USAGE ON SCHEMA planbro TO reader; "
                      "GRANT SELECT ON ALL TABLES IN SCHEMA planbro TO reader", pg_database)
    with open_team_store(pg_server.url(pg_database, user="reader"), via="cli",
                         data_dir=tmp_path / "reader") as reader:
        assert _figures(reader, unit="team nord") == _figures(local, unit="team nord")
    assert _rows(pg_server, pg_database,
                 "SELECT count(*) FROM planbro.plans WHERE facts IS NOT NULL") == [(0,)]


def test_a_signing_and_a_follow_up_renew_the_facts_in_the_row(
        address, example_plan, tmp_path, pg_server, pg_database):
    with open_team_store(address, via="app", data_dir=tmp_path / "team") as team:
        plan = team.save(copy.deepcopy(example_plan))
        team.sign(plan.id, date(2026, 11, 5), despite_errors=True)
        team.record_follow_up(plan.id, FollowUpEntry(date=date(2026, 11, 20), outcome="continue",
                                                     note="Samtale"), date(2027, 2, 1))
    [(facts,)] = _rows(pg_server, pg_database, "SELECT facts FROM planbro.plans")
    assert facts["f"] == FACTS_FORMAT
    assert unpack(facts)["signed"] == "2026-11-05"
    assert unpack(facts)["fu"] == [["2026-11-20", "continue"]]


def test_a_save_hands_the_facts_the_plan_it_saves(address, tmp_path, example_plan):
    given = []
    current = store_facts()

    def recording(docs, plan=None):
        given.append(plan)
        return current(docs, plan)

    with TeamStore(address, facts=recording, data_dir=tmp_path / "local") as store:
        saved = store.save(copy.deepcopy(example_plan))
    # The Plan saved, not one built again from its JSON; and the facts are those of the JSON.
    assert [plan.id for plan in given] == [saved.id]
    row = _rows_of(store, saved.id)
    assert row == current({1: to_dict(saved)})


def _rows_of(store, plan_id):
    with psycopg.connect(store.conninfo) as connection:
        return connection.execute("SELECT facts FROM planbro.plans WHERE id = %s",
                                  [plan_id]).fetchone()[0]
