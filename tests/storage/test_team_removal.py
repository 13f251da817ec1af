"""A plan leaves the team store only with its audit record (sql/0008_recorded_removal.sql),
and its row agrees with its newest version: tested on a real PostgreSQL server, as a
caseworker's own role with raw SQL (as psql would give), as the owner, and through Planbro."""

from __future__ import annotations

import json
from datetime import date

import psycopg
import pytest
from tests.storage import test_team_roles as roles

from planbro.storage.postgres import SchemaOutdated, TeamStore, schema
from planbro.storage.postgres.audit import Identity, append, first_break

# The roles' fixtures and helpers (a team database with three caseworkers' login roles).
units, as_role, owner_rows, vest_plan = roles.units, roles.as_role, roles.owner_rows, roles.vest_plan

# Asked of the plan and its versions to tell that both are still there.
KEPT = ("SELECT (SELECT count(*) FROM planbro.plans WHERE id = '{id}'), "
        "(SELECT count(*) FROM planbro.plan_versions WHERE plan_id = '{id}')")


def kept(pg_server, pg_database, plan_id: str) -> tuple[int, int]:
    return owner_rows(pg_server, pg_database, KEPT.format(id=plan_id))[0]


def actions(pg_server, pg_database, plan_id: str) -> list[str]:
    return [json.loads(line)["action"] for (line,) in owner_rows(
        pg_server, pg_database, f"SELECT line FROM planbro.audit WHERE plan_id = '{plan_id}' "
                                "ORDER BY seq")]


def record(connection: psycopg.Connection, action: str, plan_id: str) -> None:
    """An audit record appended by hand, as Planbro appends it, in the open transaction."""
    who = Identity()
    who.user = connection.info.user
    append(connection, who.fields(action, plan_id, 1, "cli", ""))


def signed_plan(new_plan, units):
    anna, plan = vest_plan(new_plan, units)
    anna.sign(plan.id, date(2026, 11, 20))
    anna.leases.release(plan.id)
    return anna, plan


def status(pg_server, pg_database, plan_id: str) -> tuple[int, str]:
    return owner_rows(pg_server, pg_database,
                      f"SELECT version, status FROM planbro.plans WHERE id = '{plan_id}'")[0]


def test_a_caseworker_cannot_delete_a_plan_by_hand_without_a_record(
        units, new_plan, as_role, pg_server, pg_database):
    _anna, signed = signed_plan(new_plan, units)
    _anna, draft = vest_plan(new_plan, units)
    raw = as_role("anna")
    for plan in (signed, draft):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="audit record"):
            raw.execute("DELETE FROM planbro.plans WHERE id = %s", [plan.id])
        assert kept(pg_server, pg_database, plan.id) == (1, 1)
    # Nor every plan of the unit at once.
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="audit record"):
        raw.execute("DELETE FROM planbro.plans")
    assert owner_rows(pg_server, pg_database, "SELECT count(*) FROM planbro.plans") == [(2,)]
    assert actions(pg_server, pg_database, signed.id) == ["create", "sign"]


def test_a_record_counts_only_in_its_own_transaction(
        units, new_plan, as_role, pg_server, pg_database):
    _anna, plan = vest_plan(new_plan, units)
    raw = as_role("anna")
    # A "delete" record committed before (a stale one) does not let a later DELETE through.
    with raw.transaction():
        record(raw, "delete", plan.id)
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="audit record"):
        raw.execute("DELETE FROM planbro.plans WHERE id = %s", [plan.id])
    # Nor does a record of another action, or of another plan.
    _anna, other = vest_plan(new_plan, units)
    for action, named in (("view", plan.id), ("delete", other.id)):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="audit record"), \
                raw.transaction():
            record(raw, action, named)
            raw.execute("DELETE FROM planbro.plans WHERE id = %s", [plan.id])
    # The transaction a record names is the server's, whatever the INSERT says.
    with raw.transaction(force_rollback=True):
        raw.execute("INSERT INTO planbro.audit (seq, at, action, plan_id, prev, line, xact) "
                    "VALUES (999, now(), 'delete', %s, '', '{}', '1'::xid8)", [plan.id])
        assert raw.execute("SELECT xact = pg_current_xact_id() FROM planbro.audit "
                           "WHERE seq = 999").fetchone() == (True,)
    assert kept(pg_server, pg_database, plan.id) == (1, 1)
    # Written in the same transaction, under a savepoint (psycopg's nested transaction), it does.
    with raw.transaction():
        with raw.transaction():
            record(raw, "delete", plan.id)
        assert raw.execute("DELETE FROM planbro.plans WHERE id = %s", [plan.id]).rowcount == 1
    assert kept(pg_server, pg_database, plan.id) == (0, 0)
    assert actions(pg_server, pg_database, plan.id)[-2:] == ["delete", "delete"]
    rows = owner_rows(pg_server, pg_database, "SELECT seq, line FROM planbro.audit ORDER BY seq")
    assert first_break([(int(seq), line) for seq, line in rows]) is None


def test_a_record_does_not_remove_a_plan_it_may_not(
        units, new_plan, as_role, pg_server, pg_database):
    _anna, plan = signed_plan(new_plan, units)
    raw = as_role("anna")
    # A signed plan is never deleted, whatever the record says; a case not closed and
    # journalised is not purged.
    for action in ("delete", "purge"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may not be removed"), \
                raw.transaction():
            record(raw, action, plan.id)
            raw.execute("DELETE FROM planbro.plans WHERE id = %s", [plan.id])
    assert kept(pg_server, pg_database, plan.id) == (1, 1)
    assert actions(pg_server, pg_database, plan.id) == ["create", "sign"]


def test_planbros_own_removals_still_work_and_are_recorded(
        units, new_plan, pg_server, pg_database):
    anna, draft = vest_plan(new_plan, units)
    assert anna.delete_draft(draft.id) == 1
    assert kept(pg_server, pg_database, draft.id) == (0, 0)
    assert actions(pg_server, pg_database, draft.id) == ["create", "delete"]
    _anna, case = signed_plan(new_plan, units)
    # Closed and journalised by the caseworker herself (sql/0009 lets her role do that).
    anna.close_case(case.id)
    anna.journalise(case.id, date(2020, 1, 6))
    assert anna.purge(case.id, date(2026, 12, 1), 365) == 1
    assert kept(pg_server, pg_database, case.id) == (0, 0)
    assert actions(pg_server, pg_database, case.id) == [
        "create", "sign", "close", "journalise", "purge"]


def test_the_owner_removes_by_hand_only_with_the_trigger_disabled(
        units, new_plan, pg_server, pg_database):
    _anna, plan = vest_plan(new_plan, units)
    with psycopg.connect(pg_server.dsn(pg_database), autocommit=True) as owner:
        for sql in ("DELETE FROM planbro.plans", "TRUNCATE planbro.plans CASCADE"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="audit record"):
                owner.execute(sql)
        assert kept(pg_server, pg_database, plan.id) == (1, 1)
        # As the migration's comment and the README tell IT to, in one transaction.
        with owner.transaction():
            owner.execute("ALTER TABLE planbro.plans DISABLE TRIGGER plans_removal_recorded")
            owner.execute("DELETE FROM planbro.plans WHERE id = %s", [plan.id])
            owner.execute("ALTER TABLE planbro.plans ENABLE TRIGGER plans_removal_recorded")
    assert kept(pg_server, pg_database, plan.id) == (0, 0)


def test_a_plans_row_agrees_with_its_newest_version(
        units, new_plan, as_role, pg_server, pg_database):
    anna, plan = signed_plan(new_plan, units)
    raw = as_role("anna")
    for sql in ("UPDATE planbro.plans SET status = 'draft' WHERE id = %s",
                "UPDATE planbro.plans SET version = 2 WHERE id = %s"):
        with pytest.raises(psycopg.errors.CheckViolation, match="newest version is 1 signed"):
            raw.execute(sql, [plan.id])
    assert status(pg_server, pg_database, plan.id) == (1, "signed")
    # A draft's version "signed" by hand, its row left a draft, is refused the other way round.
    _anna, draft = vest_plan(new_plan, units)
    with pytest.raises(psycopg.errors.CheckViolation, match="newest version is 1 signed"):
        raw.execute("UPDATE planbro.plan_versions SET body = jsonb_set(body, '{status}', "
                    "'\"signed\"') WHERE plan_id = %s", [draft.id])
    assert status(pg_server, pg_database, draft.id) == (1, "draft")
    # Planbro's own steps change both together.
    anna.revise(plan.id)
    assert status(pg_server, pg_database, plan.id) == (2, "draft")
    anna.close_case(plan.id)
    assert status(pg_server, pg_database, plan.id) == (2, "closed")


def test_a_database_of_version_7_is_migrated_and_its_plans_removed_as_before(
        monkeypatch, new_plan, pg_server, pg_database, tmp_path):
    every = schema.steps()
    assert [(step.version, step.name) for step in every[7:8]] == [(8, "recorded_removal")]
    monkeypatch.setattr(schema, "steps", lambda: every[:7])
    old = TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "old")
    plan = old.save(new_plan())
    old.close()
    monkeypatch.undo()
    # A role that may not migrate is told the version this Planbro needs.
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                      "'gammel') THEN CREATE ROLE gammel LOGIN; END IF; END $$")
    pg_server.execute("GRANT USAGE ON SCHEMA planbro TO gammel; "
                      "GRANT SELECT ON planbro.schema_version TO gammel", pg_database)
    with pytest.raises(SchemaOutdated, match=f"skemaversion 7.*version {len(every)}"):
        TeamStore(pg_server.url(pg_database, user="gammel"), data_dir=tmp_path / "g")
    # The owner's Planbro migrates; the record written before names no transaction.
    owner = TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner")
    try:
        assert owner_rows(pg_server, pg_database, "SELECT max(version) FROM "
                          "planbro.schema_version") == [(len(every),)]
        assert owner_rows(pg_server, pg_database, "SELECT xact FROM planbro.audit") == [(None,)]
        owner.get(plan.id)
        assert owner.delete_draft(plan.id) == 1
    finally:
        owner.close()
    assert actions(pg_server, pg_database, plan.id) == ["create", "delete"]
