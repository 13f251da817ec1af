"""The team store's own promises (storage/postgres), on a real PostgreSQL server:
no silent overwrite between two colleagues, the schema made and migrated on connection
(and a role that may not told which version it needs), the audit table's hash chain,
the caseload's columns, and TLS over the network."""

from __future__ import annotations

import copy
import json
import tempfile
from datetime import date

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from psycopg.conninfo import conninfo_to_dict
from tests.strategies import plans

from planbro.model.convert import to_dict
from planbro.model.plan import new_id

from planbro.audit.chain import line_hash
from planbro.audit.purposes import FIXED_PURPOSES, PURPOSE_ACTIONS
from planbro.storage import PlanConflict, StoreError
from planbro.storage.postgres import (
    SchemaOutdated,
    StoreAddressRefused,
    StoreUnreachable,
    TeamStore,
    audit,
    is_team_address,
    schema,
)
from planbro.storage.postgres.connect import checked_conninfo, unreachable


@pytest.fixture
def address(pg_server, pg_database):
    return pg_server.url(pg_database)


@pytest.fixture
def team(address, tmp_path):
    """A function opening another client of the same team database."""
    opened = []

    def make(**options):
        store = TeamStore(address, data_dir=tmp_path / f"local{len(opened)}", **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def test_a_save_over_a_colleagues_newer_save_is_refused_and_changes_nothing(team, new_plan):
    mine, theirs = team(), team()
    plan = mine.save(new_plan())
    # Each closes the plan after saving (gives the lease back), as the wizard does.
    mine.leases.release(plan.id)
    their_copy = theirs.get(plan.id)
    their_copy.purpose = "Kollegaens formål"
    theirs.save(their_copy)
    theirs.leases.release(plan.id)
    plan.purpose = "Mit formål"
    with pytest.raises(PlanConflict, match="ændret af en anden") as refused:
        mine.save(plan)
    assert isinstance(refused.value, StoreError)
    assert theirs.get(plan.id).purpose == "Kollegaens formål"
    # Read again, the newer version is the base: the save goes through.
    again = mine.get(plan.id)
    again.purpose = "Mit formål"
    mine.save(again)
    assert theirs.get(plan.id).purpose == "Mit formål"
    assert theirs.versions(plan.id) == [1]


def test_a_client_that_never_read_the_plan_cannot_save_over_it(team, new_plan):
    first, second = team(), team()
    plan = first.save(new_plan())
    stale = to_dict(plan)
    plan.purpose = "Ændret af den første"
    # Within the same second as the first save: the save stamp alone would not tell.
    first.save(plan)
    from planbro.model import Plan
    from planbro.model.convert import from_dict

    old_copy = from_dict(Plan, stale)
    old_copy.purpose = "Ændret af den anden, ud fra en gammel kopi"
    first.leases.release(plan.id)
    with pytest.raises(PlanConflict):
        second.save(old_copy)
    assert second.get(plan.id).purpose == "Ændret af den første"


def test_two_clients_making_the_same_new_plan_do_not_overwrite_each_other(team, new_plan):
    one, other = team(), team()
    plan = new_plan()
    one.save(plan)
    copy = to_dict(plan)
    from planbro.model import Plan
    from planbro.model.convert import from_dict

    duplicate = from_dict(Plan, copy)
    duplicate.created = duplicate.updated = ""
    duplicate.purpose = "En anden plan med samme id"
    one.leases.release(plan.id)
    with pytest.raises(PlanConflict):
        other.save(duplicate)
    assert other.get(plan.id).purpose == plan.purpose


def test_the_schema_is_made_once_and_its_version_recorded(address, pg_server, pg_database, team):
    team()
    team()  # a second connection finds the schema in place
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        rows = connection.execute("SELECT version, name FROM planbro.schema_version "
                                  "ORDER BY version").fetchall()
    assert [row[0] for row in rows] == list(range(1, schema.latest() + 1))
    assert rows[0][1] == "plans" and schema.latest() >= 2


def test_a_role_that_may_not_migrate_is_told_which_version_it_needs(pg_server, pg_database, tmp_path):
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sagsbehandler') "
                      "THEN CREATE ROLE sagsbehandler LOGIN; END IF; END $$")
    address = pg_server.url(pg_database, user="sagsbehandler")
    with pytest.raises(SchemaOutdated) as refused:
        TeamStore(address, data_dir=tmp_path / "local")
    message = str(refused.value)
    assert "skemaversion 0" in message and f"version {schema.latest()}" in message
    assert "sagsbehandler" in message and "it-afdelingen" in message
    assert (refused.value.have, refused.value.needed) == (0, schema.latest())
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        assert connection.execute("SELECT to_regclass('planbro.plans')").fetchone() == (None,)


def test_a_database_newer_than_this_planbro_is_refused(team, pg_server, pg_database, tmp_path, address):
    team().close()
    pg_server.execute(f"INSERT INTO planbro.schema_version (version, name) VALUES "
                      f"({schema.latest() + 1}, 'fremtiden')", pg_database)
    with pytest.raises(SchemaOutdated, match="nyere end"):
        TeamStore(address, data_dir=tmp_path / "other")


def test_the_audit_table_is_one_chain_of_the_local_logs_lines(team, new_plan, pg_server, pg_database):
    store = team(via="cli")
    plan = store.save(new_plan())
    store.sign(plan.id, date(2026, 11, 5), despite_errors=True)
    assert store.record("view", plan.id, 1)
    store.revise(plan.id)
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        rows = connection.execute("SELECT seq, action, plan_id, version, prev, line, db_user "
                                  "FROM planbro.audit ORDER BY seq").fetchall()
    assert [row[1] for row in rows] == ["create", "sign", "view", "revise"]
    previous = ""
    for seq, action, plan_id, version, prev, line, db_user in rows:
        record = json.loads(line)
        assert (record["seq"], record["prev"], prev) == (seq, previous, previous)
        assert (record["action"], record["plan"], record["version"]) == (action, plan_id, version)
        assert record["via"] == "cli" and record["user"] == db_user == "postgres"
        previous = line_hash(line.encode("utf-8"))
    assert json.loads(rows[1][5])["detail"] == "trods fejl"
    assert json.loads(rows[2][5])["purpose"] == "sagsbehandling"
    assert json.loads(rows[0][5])["purpose"] == ""
    # The record names the plan by its id only.
    assert all(plan.citizen.name not in row[5] and "120379" not in row[5] for row in rows)


def test_the_team_log_gives_purposes_as_the_local_log_does():
    assert audit.PURPOSE_ACTIONS == PURPOSE_ACTIONS
    assert audit.FIXED_PURPOSES == FIXED_PURPOSES


def test_a_change_the_store_refuses_leaves_no_record(team, new_plan, pg_server, pg_database):
    store = team()
    plan = store.save(new_plan())
    store.sign(plan.id, date(2026, 11, 5))
    with pytest.raises(StoreError):
        store.sign(plan.id, date(2026, 11, 6))
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        actions = [r[0] for r in connection.execute("SELECT action FROM planbro.audit ORDER BY seq")]
    assert actions == ["create", "sign"]


def test_the_caseload_columns_hold_caseworker_unit_and_quality(address, tmp_path, new_plan):
    lights = {"Anna": "red", "Bo": "green"}
    with TeamStore(address, data_dir=tmp_path / "local",
                   signal=lambda plan: lights[plan.citizen.name]) as store:
        anna = new_plan(name="Anna")
        anna.caseworker.name, anna.caseworker.unit = "Mette Kjær", "Hjemløseenheden Nord"
        store.save(anna)
        store.save(new_plan(name="Bo"))
        first, second = store.summaries()
    assert (first.name, first.caseworker, first.unit, first.quality) == (
        "Anna", "Mette Kjær", "Hjemløseenheden Nord", "red")
    assert (second.name, second.quality) == ("Bo", "green")
    assert first.cpr_masked == "120379-xxxx"


def test_listing_the_caseload_reads_no_plan_body(team, new_plan, pg_server, pg_database):
    store = team()
    for number in range(3):
        store.save(new_plan(name=f"Borger {number}"))
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        before = connection.execute("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM "
                                    "pg_stat_user_tables WHERE relname = 'plan_versions'").fetchone()
    assert len(store.summaries()) == 3
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        connection.execute("SELECT pg_stat_clear_snapshot()")
        after = connection.execute("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM "
                                   "pg_stat_user_tables WHERE relname = 'plan_versions'").fetchone()
    assert after == before


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(plans)
def test_any_valid_plan_comes_back_exactly_from_jsonb(address, plan):
    # One database for every example: each plan under an id of its own.
    plan = copy.deepcopy(plan)
    plan.id = new_id()
    with tempfile.TemporaryDirectory() as folder, TeamStore(address, data_dir=folder) as store:
        store.put(plan)
        assert to_dict(store.get(plan.id, plan.version)) == to_dict(plan)


def test_addresses_are_told_from_data_folders():
    assert is_team_address("postgresql://planbro.kommune.dk/planbro")
    assert is_team_address("service=planbro")
    assert is_team_address("host=/run/postgresql dbname=planbro")
    assert not is_team_address("/home/mette/Planbro")
    assert not is_team_address("C:\\Users\\mette\\Planbro=gammel")
    assert not is_team_address("")


def test_over_the_network_tls_is_required():
    # Without an sslmode the server's certificate must be trusted and name it.
    assert "sslmode=verify-full" in checked_conninfo("postgresql://planbro.kommune.dk/planbro")
    # An IT department that writes less has chosen it.
    assert "sslmode=require" in checked_conninfo("host=db.kommune.dk sslmode=require")
    assert "sslmode=verify-full" in checked_conninfo("host=db.kommune.dk sslmode=verify-full")
    for weak in ("disable", "allow", "prefer"):
        with pytest.raises(StoreAddressRefused, match="ukrypteret"):
            checked_conninfo(f"host=db.kommune.dk dbname=planbro sslmode={weak}")
    # A network that goes away is noticed within seconds, not the OS's minutes.
    network = conninfo_to_dict(checked_conninfo("postgresql://planbro.kommune.dk/planbro"))
    assert network["tcp_user_timeout"] == "10000" and network["keepalives"] == "1"
    assert "tcp_user_timeout" not in checked_conninfo("host=/run/postgresql")
    # Over a unix socket there is nothing to encrypt.
    assert "sslmode=disable" in checked_conninfo("host=/run/postgresql sslmode=disable")


def _free_port_address() -> str:
    from pg_server import free_port

    return f"host=127.0.0.1 port={free_port()} dbname=planbro sslmode=require"


# Real failures of a real server, each said in Danish (libpq's words kept as a marked detail).
FAILURES = {
    "no TLS over TCP": (lambda s, db: s.dsn(db, tcp=True), "tilbyder ingen krypteret forbindelse"),
    "unknown role": (lambda s, db: s.dsn(db, user="ingen_saadan"),
                     "kender ingen databaserolle ingen_saadan"),
    "unknown database": (lambda s, db: s.dsn("ikke_her"), "har ingen database ikke_her"),
    "nothing listens": (lambda s, db: _free_port_address(), "serveren svarer ikke"),
}


@pytest.mark.parametrize("case", FAILURES)
def test_a_failed_connection_is_told_in_danish(case, pg_server, pg_database, tmp_path):
    address, words = FAILURES[case]
    with pytest.raises(StoreUnreachable) as refused:
        TeamStore(address(pg_server, pg_database), data_dir=tmp_path / "local")
    message = str(refused.value)
    assert message.startswith("Der er ikke forbindelse til teamets database: ")
    assert words in message and "(Teknisk detalje: " in message


@pytest.mark.parametrize(("libpq", "words"), [
    ("failed to resolve host 'db.invalid': [Errno -2] Name or service not known",
     "serverens navn kunne ikke findes"),
    ('FATAL:  password authentication failed for user "anna"', "afviste login for databaserollen anna"),
    ('FATAL:  no pg_hba.conf entry for host "10.0.0.7", user "anna"', "lukker ikke denne computer"),
    ("timeout expired", "inden for 10 sekunder"),
])
def test_libpq_s_words_for_what_a_test_server_cannot_show(libpq, words):
    assert words in str(unreachable(psycopg.OperationalError(libpq)))
