"""A signed or closed version's content is never changed (sql/0009_frozen_versions.sql), and a
caseworker's own role still follows it up, closes and journalises it: tested on a real
PostgreSQL server, as that role through Planbro and with raw SQL (as psql would give)."""

from __future__ import annotations

import subprocess
from datetime import date

import psycopg
import pytest
from tests.storage import test_team_removal as removal
from tests.storage import test_team_roles as roles

from planbro.model import FollowUpEntry

from planbro.storage import PlanFrozen, lifecycle
from planbro.storage.postgres import StoreAccessRefused, TeamStore, schema

units, as_role, owner_rows, vest_plan = roles.units, roles.as_role, roles.owner_rows, roles.vest_plan
signed_plan, actions, status = removal.signed_plan, removal.actions, removal.status

# What a frozen version's row may not lose, as the owner reads it: its body less the keys
# follow-up, closing and journalising change.
CONTENT = ("SELECT body - ARRAY['status', 'follow_up', 'journalised', 'updated'] "
           "FROM planbro.plan_versions WHERE plan_id = '{id}' AND version = {version}")


def content(pg_server, pg_database, plan_id: str, version: int = 1) -> dict:
    return owner_rows(pg_server, pg_database, CONTENT.format(id=plan_id, version=version))[0][0]


def body(pg_server, pg_database, plan_id: str, version: int = 1) -> dict:
    return owner_rows(pg_server, pg_database, "SELECT body FROM planbro.plan_versions WHERE "
                      f"plan_id = '{plan_id}' AND version = {version}")[0][0]


def test_a_caseworker_follows_up_closes_and_journalises_a_signed_plan(
        units, new_plan, pg_server, pg_database):
    anna, plan = signed_plan(new_plan, units)
    before = content(pg_server, pg_database, plan.id)
    entry = FollowUpEntry(date(2027, 2, 1), "continue", "Går efter planen")
    followed = anna.record_follow_up(plan.id, entry, date(2027, 8, 1))
    assert (followed.version, followed.status) == (1, "signed")
    stored = body(pg_server, pg_database, plan.id)
    assert stored["follow_up"]["next_date"] == "2027-08-01"
    assert [e["note"] for e in stored["follow_up"]["history"]] == ["Går efter planen"]
    assert anna.close_case(plan.id).status == "closed"
    assert anna.journalise(plan.id, date(2027, 9, 1)).journalised == date(2027, 9, 1)
    assert body(pg_server, pg_database, plan.id)["journalised"] == "2027-09-01"
    assert status(pg_server, pg_database, plan.id) == (1, "closed")
    assert content(pg_server, pg_database, plan.id) == before
    assert actions(pg_server, pg_database, plan.id) == [
        "create", "sign", "follow_up", "close", "journalise"]


def test_a_caseworkers_follow_up_may_close_the_case_or_start_a_new_version(
        units, new_plan, pg_server, pg_database):
    anna, plan = signed_plan(new_plan, units)
    draft = anna.record_follow_up(plan.id, FollowUpEntry(date(2027, 2, 1), "change"), None)
    assert (draft.version, draft.status) == (2, "draft")
    assert body(pg_server, pg_database, plan.id)["status"] == "signed"
    anna, case = signed_plan(new_plan, units)
    done = anna.record_follow_up(case.id, FollowUpEntry(date(2027, 2, 1), "close"), None)
    assert (done.version, done.status) == (1, "closed")
    assert status(pg_server, pg_database, case.id) == (1, "closed")


def test_a_signed_or_closed_versions_content_is_refused_by_hand(
        units, new_plan, as_role, pg_server, pg_database):
    anna, plan = signed_plan(new_plan, units)
    raw = as_role("anna")
    before = body(pg_server, pg_database, plan.id)
    for change, named in (
            ("body || '{\"purpose\": \"Overskrevet\"}'", "purpose"),
            ("jsonb_set(body, '{goals}', '[]')", "goals"),
            ("body || '{\"purpose\": \"x\", \"follow_up\": {\"next_date\": null, "
             "\"history\": []}}'", "purpose"),
            ("jsonb_set(body, '{status}', '\"draft\"')", "status"),
            ("jsonb_set(body, '{journalised}', '\"2027-01-01\"')", "journalised")):
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation,
                           match="version 1 of plan .* is signed: its content is never changed"
                           ) as refused:
            raw.execute(f"UPDATE planbro.plan_versions SET body = {change} WHERE plan_id = %s",
                        [plan.id])
        assert refused.value.diag.message_detail == f"Changed: {named}.", change
    with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="never changed"):
        raw.execute("UPDATE planbro.plan_versions SET version = 7 WHERE plan_id = %s", [plan.id])
    assert body(pg_server, pg_database, plan.id) == before
    # Closed, only the day it was journalised may change; its follow-up no longer.
    anna.close_case(plan.id)
    anna.leases.release(plan.id)
    closed = body(pg_server, pg_database, plan.id)
    for change in ("body || '{\"follow_up\": {\"next_date\": null, \"history\": []}}'",
                   "jsonb_set(body, '{status}', '\"signed\"')",
                   "body || '{\"goals\": []}'"):
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="is closed"):
            raw.execute(f"UPDATE planbro.plan_versions SET body = {change} WHERE plan_id = %s",
                        [plan.id])
    assert body(pg_server, pg_database, plan.id) == closed
    assert raw.execute("UPDATE planbro.plan_versions SET body = body || '{\"journalised\": "
                       "\"2027-03-01\"}' WHERE plan_id = %s", [plan.id]).rowcount == 1


def test_the_owner_is_held_to_it_too(units, new_plan, pg_server, pg_database):
    _anna, plan = signed_plan(new_plan, units)
    with psycopg.connect(pg_server.dsn(pg_database), autocommit=True) as owner, \
            pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="never changed"):
        owner.execute("UPDATE planbro.plan_versions SET body = body || '{\"purpose\": \"x\"}'")
    assert body(pg_server, pg_database, plan.id)["purpose"] == plan.purpose


def test_a_step_that_would_change_a_signed_plan_is_refused_in_danish(
        units, new_plan, monkeypatch, pg_server, pg_database):
    anna, plan = signed_plan(new_plan, units)
    before = body(pg_server, pg_database, plan.id)
    closing = lifecycle.closed

    def closed_and_changed(signed):
        made = closing(signed)
        made.purpose = "Ændret ved lukning"
        return made

    # A step gone wrong is refused by the server, as the store's own check would refuse it.
    monkeypatch.setattr(lifecycle, "closed", closed_and_changed)
    with pytest.raises(PlanFrozen, match="Version 1 af planen er underskrevet"):
        anna.close_case(plan.id)
    assert body(pg_server, pg_database, plan.id) == before
    assert actions(pg_server, pg_database, plan.id) == ["create", "sign"]


# setup_roles.sql as IT ran it before 0009: its policy let drafts only be updated.
NEW_CHECK = "\n       OR to_regprocedure('planbro.plan_versions_keep_frozen()') IS NULL"
NEW_POLICY = """DROP POLICY IF EXISTS change_versions ON planbro.plan_versions;
CREATE POLICY change_versions ON planbro.plan_versions FOR UPDATE TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id))"""
OLD_POLICY = """CREATE POLICY change_drafts ON planbro.plan_versions FOR UPDATE TO planbro_caseworker
    USING (EXISTS (SELECT FROM planbro.plans p WHERE p.id = plan_id) AND body->>'status' = 'draft')"""


def setup_before_0009(pg_server, pg_database, tmp_path) -> None:
    text = roles.SETUP.read_text(encoding="utf-8")
    assert NEW_CHECK in text and NEW_POLICY in text
    old = tmp_path / "setup_roles_8.sql"
    old.write_text(text.replace(NEW_CHECK, "").replace(NEW_POLICY, OLD_POLICY), encoding="utf-8")
    done = subprocess.run(
        [str(pg_server.bin / "psql"), "-X", "-q", "-h", str(pg_server.socket_dir), "-p",
         str(pg_server.port), "-U", "postgres", "-d", pg_database, "-f", str(old)],
        capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    # Anna, of Team Vest (test_team_roles.PEOPLE).
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anna') "
                      "THEN CREATE ROLE anna LOGIN; END IF; END $$; GRANT planbro_caseworker TO anna")
    pg_server.execute("INSERT INTO planbro.unit_members VALUES ('anna', 'Team Vest')", pg_database)


def policies(pg_server, pg_database) -> list[str]:
    return [name for (name,) in owner_rows(
        pg_server, pg_database, "SELECT polname FROM pg_policy WHERE polrelid = "
                                "'planbro.plan_versions'::regclass ORDER BY polname")]


def test_a_database_of_version_8_is_migrated_and_its_caseworkers_follow_up(
        monkeypatch, new_plan, pg_server, pg_database, tmp_path):
    every = schema.steps()
    assert [(step.version, step.name) for step in every[8:]] == [(9, "frozen_versions")]
    monkeypatch.setattr(schema, "steps", lambda: every[:8])
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "it8").close()
    setup_before_0009(pg_server, pg_database, tmp_path)
    plan = new_plan()
    plan.caseworker.unit = "Team Vest"
    with TeamStore(pg_server.url(pg_database, user="anna"), data_dir=tmp_path / "a8") as anna:
        anna.save(plan)
        anna.sign(plan.id, date(2026, 11, 20))
        # The bug: a caseworker could not follow up a signed plan.
        with pytest.raises(StoreAccessRefused):
            anna.record_follow_up(plan.id, FollowUpEntry(date(2027, 2, 1)), None)
        anna.leases.release(plan.id)
    before = body(pg_server, pg_database, plan.id)
    monkeypatch.undo()
    assert policies(pg_server, pg_database) == ["add_versions", "change_drafts", "read_versions"]
    # The owner's Planbro migrates; the policy is the new one, the signed version as it was.
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "it9").close()
    assert owner_rows(pg_server, pg_database, "SELECT max(version) FROM "
                      "planbro.schema_version") == [(9,)]
    assert policies(pg_server, pg_database) == ["add_versions", "change_versions", "read_versions"]
    assert body(pg_server, pg_database, plan.id) == before
    with TeamStore(pg_server.url(pg_database, user="anna"), data_dir=tmp_path / "a9") as anna:
        anna.record_follow_up(plan.id, FollowUpEntry(date(2027, 2, 1)), date(2027, 8, 1))
        anna.close_case(plan.id)
        anna.leases.release(plan.id)
    assert content(pg_server, pg_database, plan.id) == content_of(before)
    assert actions(pg_server, pg_database, plan.id) == ["create", "sign", "follow_up", "close"]
    # setup_roles.sql run again after the upgrade changes nothing more.
    done = roles.run_setup(pg_server, pg_database)
    assert done.returncode == 0, done.stderr
    assert policies(pg_server, pg_database) == ["add_versions", "change_versions", "read_versions"]


def content_of(stored: dict) -> dict:
    return {k: v for k, v in stored.items()
            if k not in ("status", "follow_up", "journalised", "updated")}


def test_the_roles_sql_refuses_a_schema_without_the_frozen_versions_trigger(
        monkeypatch, pg_server, pg_database, tmp_path):
    every = schema.steps()
    monkeypatch.setattr(schema, "steps", lambda: every[:8])
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "it8").close()
    done = roles.run_setup(pg_server, pg_database)
    assert done.returncode != 0 and "too old" in done.stderr


def test_a_plan_signed_by_an_older_planbro_is_followed_up_without_a_field_added(
        units, new_plan, pg_server, pg_database):
    # Every save writes every field: a version signed before a field existed (here
    # "support_wish", as an older Planbro stored it) was followed up whole, which added the
    # field to its content, and the server refused the follow-up as a change of it.
    anna, plan = signed_plan(new_plan, units)
    with psycopg.connect(pg_server.dsn(pg_database)) as owner, owner.transaction():
        owner.execute("ALTER TABLE planbro.plan_versions DISABLE TRIGGER versions_frozen")
        owner.execute("UPDATE planbro.plan_versions SET body = body - 'support_wish' "
                      "WHERE plan_id = %s", [plan.id])
        owner.execute("ALTER TABLE planbro.plan_versions ENABLE TRIGGER versions_frozen")
    before = content(pg_server, pg_database, plan.id)
    assert "support_wish" not in before
    entry = FollowUpEntry(date(2027, 2, 1), "continue", "Går efter planen")
    assert anna.record_follow_up(plan.id, entry, date(2027, 8, 1)).version == 1
    assert content(pg_server, pg_database, plan.id) == before
    stored = body(pg_server, pg_database, plan.id)
    assert [e["note"] for e in stored["follow_up"]["history"]] == ["Går efter planen"]
    assert anna.close_case(plan.id).status == "closed"
    assert content(pg_server, pg_database, plan.id) == before
