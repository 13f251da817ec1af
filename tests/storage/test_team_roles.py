"""The roles and row-level security an IT department sets up once (sql/setup_roles.sql),
on a real PostgreSQL server: each caseworker logs in as their own role and reaches only
their own unit's plans — tested as that role through the database, with raw SQL, not
only through Planbro — and the audit log is append-only for them."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from importlib import resources

import psycopg
import pytest

from planbro.storage import PlanNotFound
from planbro.storage.postgres import LeaseNotBroken, StoreAccessRefused, TeamStore

# The file IT runs, as Planbro ships it.
SETUP = resources.files("planbro.storage.postgres").joinpath("sql", "setup_roles.sql")
# The test's caseworkers: login role, unit, team leader or not.
PEOPLE = (("anna", "Team Vest", False), ("bo", "Team Øst", False), ("lis", "Team Vest", True))


def run_setup(server, database: str) -> subprocess.CompletedProcess[str]:
    """setup_roles.sql run by psql as IT would, as the cluster's superuser."""
    with resources.as_file(SETUP) as path:
        return subprocess.run(
            [str(server.bin / "psql"), "-X", "-q", "-h", str(server.socket_dir), "-p",
             str(server.port), "-U", "postgres", "-d", database, "-f", str(path)],
            capture_output=True, text=True, stdin=subprocess.DEVNULL)


@pytest.fixture
def units(pg_server, pg_database, tmp_path):
    """A team database with the schema made by its owner, the roles' SQL run (twice: it may
    be), and three caseworkers' login roles in their units; a function opening one's store."""
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner").close()
    for _attempt in range(2):
        done = run_setup(pg_server, pg_database)
        assert done.returncode == 0, done.stderr
    for role, unit, leader in PEOPLE:
        groups = "planbro_caseworker, planbro_leader" if leader else "planbro_caseworker"
        pg_server.execute(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                          f"'{role}') THEN CREATE ROLE {role} LOGIN; END IF; END $$; "
                          f"GRANT {groups} TO {role}")
        pg_server.execute(f"INSERT INTO planbro.unit_members VALUES ('{role}', '{unit}')",
                          pg_database)
    opened = []

    def store(role: str) -> TeamStore:
        opened.append(TeamStore(pg_server.url(pg_database, user=role), holder=role.title(),
                                data_dir=tmp_path / role))
        return opened[-1]

    yield store
    for each in opened:
        each.close()


@pytest.fixture
def as_role(pg_server, pg_database):
    """A raw connection to the team database as `role` (autocommit), as psql would give."""
    connections = []

    def connect(role: str) -> psycopg.Connection:
        connections.append(psycopg.connect(pg_server.dsn(pg_database, user=role), autocommit=True))
        return connections[-1]

    yield connect
    for connection in connections:
        connection.close()


def owner_rows(pg_server, pg_database, sql: str) -> list[tuple]:
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        return connection.execute(sql).fetchall()


def vest_plan(new_plan, units):
    """A plan of Team Vest, saved by Anna and closed again (its lease given back)."""
    anna = units("anna")
    plan = new_plan()
    plan.caseworker.unit = "Team Vest"
    anna.save(plan)
    anna.leases.release(plan.id)
    return anna, plan


def test_a_caseworker_of_another_unit_can_neither_read_nor_change_a_plan(
        units, new_plan, as_role, pg_server, pg_database):
    anna, plan = vest_plan(new_plan, units)
    before = owner_rows(pg_server, pg_database,
                        "SELECT revision, name, unit FROM planbro.plans")
    bo = as_role("bo")
    assert bo.execute("SELECT count(*) FROM planbro.plans").fetchone() == (0,)
    assert bo.execute("SELECT count(*) FROM planbro.plan_versions").fetchone() == (0,)
    assert bo.execute("SELECT count(*) FROM planbro.audit WHERE plan_id = %s",
                      [plan.id]).fetchone() == (0,)
    # Changes touch no row of another unit: as if the plan were not there.
    for sql in ("UPDATE planbro.plans SET name = 'Overskrevet' WHERE id = %s",
                "UPDATE planbro.plan_versions SET body = '{}' WHERE plan_id = %s",
                "DELETE FROM planbro.plans WHERE id = %s"):
        assert bo.execute(sql, [plan.id]).rowcount == 0, sql
    # Nor may Bo put rows in it, or move a plan into Team Vest, or claim its lease.
    for sql, params in (
            ("INSERT INTO planbro.plan_versions (plan_id, version, body) VALUES (%s, 9, '{}')",
             [plan.id]),
            ("INSERT INTO planbro.plans (id, revision, version, status, name, cpr_masked, basis, "
             "decision, created, updated, versions, unit) VALUES "
             "('00000000-0000-4000-8000-000000000000', 1, 1, 'draft', 'x', '', '', '', '', '', 1, "
             "'Team Vest')", []),
            ("INSERT INTO planbro.leases (plan_id, token, holder_name, host, expires) "
             "VALUES (%s, gen_random_uuid(), 'Bo', 'pc', now() + interval '1 hour')", [plan.id])):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            bo.execute(sql, params)
    assert owner_rows(pg_server, pg_database,
                      "SELECT revision, name, unit FROM planbro.plans") == before
    # Through Planbro the same: Bo's caseload is empty and the plan is not there.
    bo_store = units("bo")
    assert bo_store.summaries() == []
    with pytest.raises(PlanNotFound):
        bo_store.get(plan.id)
    # Anna's colleague in her own unit reads it.
    assert [s.id for s in units("lis").summaries()] == [plan.id]


def test_the_audit_log_is_append_only_for_a_caseworker(units, new_plan, as_role, pg_server,
                                                         pg_database):
    anna, plan = vest_plan(new_plan, units)
    anna.record("view", plan.id, 1)
    raw = as_role("anna")
    assert raw.execute("SELECT count(*) FROM planbro.audit").fetchone() == (2,)
    for sql in ("UPDATE planbro.audit SET line = 'x'", "DELETE FROM planbro.audit",
                "TRUNCATE planbro.audit", "UPDATE planbro.audit_head SET seq = 1"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            raw.execute(sql)
    # A record in someone else's name is refused.
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        raw.execute("INSERT INTO planbro.audit (seq, at, db_user, action, prev, line) "
                    "VALUES (99, now(), 'lis', 'view', '', '{}')")
    assert [json.loads(line)["action"] for (line,) in owner_rows(
        pg_server, pg_database, "SELECT line FROM planbro.audit ORDER BY seq")] == [
            "create", "view"]


def test_caseworkers_of_two_units_write_one_whole_chain(units, new_plan, pg_server, pg_database):
    from planbro.storage.postgres.audit import first_break

    vest_plan(new_plan, units)
    bo = units("bo")
    east = new_plan(name="Østens borger")
    east.caseworker.unit = "Team Øst"
    bo.save(east)
    bo.record("view", east.id, 1)
    units("anna").record("caseload", None)
    rows = owner_rows(pg_server, pg_database, "SELECT seq, line FROM planbro.audit ORDER BY seq")
    assert [seq for seq, _line in rows] == [1, 2, 3, 4]
    assert first_break([(int(seq), line) for seq, line in rows]) is None


def test_a_signed_version_cannot_be_changed_even_by_its_unit(units, new_plan, as_role):
    from datetime import date

    anna, plan = vest_plan(new_plan, units)
    anna.sign(plan.id, date(2026, 11, 20))
    anna.leases.release(plan.id)
    raw = as_role("anna")
    # Refused by the trigger guarding frozen versions (sql/0009; more in test_team_frozen.py).
    with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="never changed"):
        raw.execute("UPDATE planbro.plan_versions SET body = body || '{\"purpose\": \"x\"}' "
                    "WHERE plan_id = %s", [plan.id])
    assert anna.get(plan.id).purpose == plan.purpose


def test_a_plan_for_a_unit_not_ones_own_is_refused_in_danish(units, new_plan):
    bo = units("bo")
    plan = new_plan()
    plan.caseworker.unit = "Team Vest"
    with pytest.raises(StoreAccessRefused, match="databaserollen bo må ikke ændre denne plan"):
        bo.save(plan)
    assert bo.summaries() == [] and not bo.leases.held



def test_an_import_refused_by_row_level_security_prints_only_the_danish_refusal(
        units, pg_server, pg_database, example_path, tmp_path, caplog):
    """psycopg's warning when it ends the refused pipeline ("error ignored terminating
    <psycopg.Pipeline … user=bo database=…>") names the role and the database: it does not
    reach the caseworker's terminal, and still reaches a log IT sets up."""
    from planbro.cli import main

    # The example plan is not of Bo's unit (Team Øst).
    command = ["--data-dir", str(tmp_path / "bo-cli"), "--store",
               pg_server.url(pg_database, user="bo"), "import", str(example_path)]
    done = subprocess.run([sys.executable, "-m", "planbro", *command], capture_output=True,
                          text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 2, done.stderr
    assert "databaserollen bo må ikke ændre denne plan" in done.stderr
    for english in ("psycopg", "Pipeline", "pipeline aborted", "user=bo", pg_database):
        assert english not in done.stderr + done.stdout, done.stderr
    # Under a handler of IT's (pytest's, here) psycopg's record is still there.
    with caplog.at_level(logging.WARNING, logger="psycopg"):
        assert main(command) == 2
    assert any(record.name == "psycopg" and "pipeline aborted" in record.getMessage()
               for record in caplog.records), caplog.records

def test_caseworkers_work_leases_and_only_a_leader_breaks_one(units, new_plan, as_role):
    anna, plan = vest_plan(new_plan, units)
    anna.leases.take(plan.id)
    lis = units("lis")
    # Anna's colleague in the unit cannot take it over by hand either (raw SQL).
    raw = as_role("lis")
    assert raw.execute("UPDATE planbro.leases SET holder_role = 'lis', token = gen_random_uuid() "
                       "WHERE plan_id = %s", [plan.id]).rowcount == 0
    with pytest.raises(LeaseNotBroken, match="Kun en teamleder"):
        units("anna").leases.break_lease(plan.id, via="app")
    assert lis.leases.break_lease(plan.id, via="app").holder_name == "Anna"
    assert lis.leases.take(plan.id).holder_name == "Lis"
    taken_over = lis.get(plan.id)
    taken_over.purpose = "Lis overtog"
    lis.save(taken_over)
    assert units("anna").get(plan.id).purpose == "Lis overtog"
    assert units("anna").leases.holder(plan.id).holder_name == "Lis"


def test_a_role_without_the_caseworkers_rights_is_told_to_ask_it(units, pg_server, pg_database,
                                                                 tmp_path):
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                      "'udenfor') THEN CREATE ROLE udenfor LOGIN; END IF; END $$")
    pg_server.execute("GRANT USAGE ON SCHEMA planbro TO udenfor; "
                      "GRANT SELECT ON planbro.schema_version TO udenfor", pg_database)
    outsider = TeamStore(pg_server.url(pg_database, user="udenfor"), data_dir=tmp_path / "u")
    try:
        with pytest.raises(StoreAccessRefused, match="udenfor har ikke adgang"):
            outsider.summaries()
    finally:
        outsider.close()


def test_the_roles_sql_refuses_a_database_without_the_schema(pg_server, pg_database):
    done = run_setup(pg_server, pg_database)
    assert done.returncode != 0
    assert "connect Planbro once as the owner role" in done.stderr


def test_a_caseworker_does_the_whole_lifecycle_of_a_units_plan(units, new_plan, pg_server,
                                                              pg_database):
    from datetime import date

    anna, plan = vest_plan(new_plan, units)
    anna.sign(plan.id, date(2026, 11, 20))
    draft = anna.revise(plan.id)
    assert anna.versions(plan.id) == [1, 2] and draft.status == "draft"
    other = new_plan(name="En kladde der slettes")
    other.caseworker.unit = "Team Vest"
    anna.save(other)
    # The versions go with their plan, though the role may not delete a version itself.
    assert anna.delete_draft(other.id) == 1
    assert owner_rows(pg_server, pg_database,
                      "SELECT count(*) FROM planbro.plan_versions WHERE plan_id = "
                      f"'{other.id}'") == [(0,)]


def test_a_caseworker_is_told_that_the_owner_checks_the_whole_chain(units, new_plan):
    anna, _plan = vest_plan(new_plan, units)
    with pytest.raises(OSError, match="anna ser kun posterne for sine egne enheders planer"):
        anna.audit.verify()


def test_a_hand_over_is_the_units_own(units, new_plan, as_role):
    anna, plan = vest_plan(new_plan, units)
    made = anna.handovers.hand_over(plan.id, "Lis Holm", "Overtager under ferien.", via="app")
    assert (made.by_role, made.to_name) == ("anna", "Lis Holm")
    assert [s.caseworker for s in units("lis").summaries()] == ["Lis Holm"]
    # The names known for a hand-over are the units' own: Bo sees none of Team Vest's.
    assert {plan.caseworker.name, "Lis Holm"} <= set(anna.handovers.known_names())
    assert not {plan.caseworker.name, "Lis Holm"} & set(units("bo").handovers.known_names())
    bo = as_role("bo")
    assert bo.execute("SELECT count(*) FROM planbro.handovers").fetchone() == (0,)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        bo.execute("INSERT INTO planbro.handovers (plan_id, from_name, to_name, note) "
                   "VALUES (%s, 'x', 'Bo', 'y')", [plan.id])
    with pytest.raises(PlanNotFound):
        units("bo").handovers.hand_over(plan.id, "Bo", "Min nu.", via="app")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
        as_role("anna").execute("DELETE FROM planbro.handovers")
