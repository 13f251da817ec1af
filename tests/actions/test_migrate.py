"""Moving in (planbro.actions.migrate): a caseworker's data folder into the team store on a
real PostgreSQL server — every version and audit record arrives, a second run moves
nothing, a run killed half-way is completed without duplicates, a conflict is reported
and not overwritten, and the local plans go only once everything is confirmed there."""

from __future__ import annotations

import copy
import json
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import psycopg
import pytest
from tests.storage.test_team_roles import run_setup

from planbro.model import FollowUpEntry
from planbro.model.convert import to_dict
from planbro.model.plan import new_id

from planbro.audit import AuditLog
from planbro.storage import PlanStore
from planbro.storage.postgres import StoreAccessRefused, TeamStore

from planbro.actions.migrate import confirm, migrate

# The child process a run is killed in (migrate_child.py).
CHILD = Path(__file__).with_name("migrate_child.py")


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def local(folder):
    """The caseworker's data folder as the app opens it, recording in its audit log."""
    with PlanStore(folder, audit=AuditLog(folder), via="app") as store:
        yield store


@pytest.fixture
def address(pg_server, pg_database) -> str:
    return pg_server.url(pg_database)


@pytest.fixture
def team(address, tmp_path):
    store = TeamStore(address, via="cli", data_dir=tmp_path / "team")
    yield store
    store.close()


@pytest.fixture
def owner(pg_server, pg_database):
    """A function running a query on the team database as its owner."""
    def query(sql: str) -> list[tuple]:
        with psycopg.connect(pg_server.dsn(pg_database)) as connection:
            return connection.execute(sql).fetchall()

    return query


def fresh(example_plan, unit: str | None = None):
    plan = copy.deepcopy(example_plan)
    plan.id = new_id()
    plan.version, plan.status, plan.created, plan.updated = 1, "draft", "", ""
    if unit is not None:
        plan.caseworker.unit = unit
    return plan


def fill(local: PlanStore, example_plan, unit: str | None = None) -> list[str]:
    """Three plans: signed and revised (2 versions), signed, followed up and closed, a draft."""
    revised, closed, draft = (fresh(example_plan, unit) for _ in range(3))
    for plan in (revised, closed, draft):
        local.save(plan)
    local.sign(revised.id, date(2026, 10, 1))
    local.revise(revised.id)
    local.sign(closed.id, date(2026, 9, 1))
    local.record_follow_up(closed.id, FollowUpEntry(date(2026, 11, 2), "close", "Boligen holder"),
                           None)
    return [revised.id, closed.id, draft.id]


def imported_rows(owner) -> list[dict]:
    return [json.loads(line) for (line,) in owner(
        "SELECT line FROM planbro.audit WHERE line LIKE '%\"imported\":%' ORDER BY seq")]


def test_every_version_and_audit_record_arrives_and_a_second_run_moves_nothing(
        local, team, owner, example_plan, folder):
    ids = fill(local, example_plan)
    versions = {plan_id: local.versions(plan_id) for plan_id in ids}
    records = AuditLog(folder).read().records

    done = migrate(local, team)

    assert sorted(done.moved) == sorted(ids) and done.complete
    assert done.versions_moved == sum(len(numbers) for numbers in versions.values()) == 4
    for plan_id, numbers in versions.items():
        assert team.versions(plan_id) == numbers
        for number in numbers:
            assert to_dict(team.get(plan_id, number)) == to_dict(local.get(plan_id, number))
    assert {s.id: s.status for s in team.summaries()} == {s.id: s.status
                                                          for s in local.summaries()}
    # The audit records, in their order, with their original time, actor and action.
    lines = imported_rows(owner)
    kept = ("at", "user", "host", "action", "plan", "version", "via", "detail", "purpose")
    assert [{k: r[k] for k in kept} for r in lines] == [{k: r[k] for k in kept} for r in records]
    assert [r["imported"]["seq"] for r in lines] == [r["seq"] for r in records]
    assert owner("SELECT min(at) FROM planbro.audit WHERE line LIKE '%\"imported\":%'")[0][0] \
        .strftime("%Y-%m-%dT%H:%M:%SZ") == records[0]["at"]
    count, broken = team.audit.verify()
    assert broken is None and count == len(records) + len(ids)

    again = migrate(local, team)

    assert again.moved == [] and again.versions_moved == 0 and again.lines_moved == 0
    assert sorted(again.skipped) == sorted(ids) and again.versions_skipped == 4
    assert again.lines_skipped == len(records)
    assert team.audit.verify() == (count, None)
    # The data folder is as it was.
    assert {plan_id: local.versions(plan_id) for plan_id in ids} == versions


def start_child(folder: Path, address: str, batch: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CHILD), str(folder), address, str(batch)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8")


def run_until(child: subprocess.Popen, steps: int) -> list[list]:
    """Let the child take `steps` steps, then kill it where it stands (SIGKILL)."""
    seen = []
    assert child.stdout is not None and child.stdin is not None
    while len(seen) < steps:
        line = child.stdout.readline()
        assert line, child.stderr.read() if child.stderr else "no answer"
        seen.append(json.loads(line))
        if len(seen) < steps:
            child.stdin.write("\n")
            child.stdin.flush()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    return seen


def test_a_run_killed_half_way_is_completed_by_the_next_without_duplicates(
        local, team, owner, example_plan, folder, address):
    ids = fill(local, example_plan) + fill(local, example_plan)
    local.close()
    records = AuditLog(folder).read().records

    # Killed after two plans stood in the team store: those two are there, whole.
    first = run_until(start_child(folder, address, batch=3), 2)
    assert [kind for kind, _ in first] == ["plan", "plan"]
    assert sorted(row[0] for row in owner("SELECT id FROM planbro.plans")) == sorted(
        plan_id for _, plan_id in first)
    # Again, killed after one batch of audit records.
    second = run_until(start_child(folder, address, batch=3), len(ids) + 1)
    assert second[-1] == ["lines", "3"]
    assert len(imported_rows(owner)) == 3

    with PlanStore(folder, audit=AuditLog(folder), via="cli") as reopened:
        done = migrate(reopened, team)
        assert done.moved == [] and len(done.skipped) == len(ids)
        assert done.lines_skipped == 3 and done.lines_moved == len(records) - 3
        again = migrate(reopened, team)
    assert again.moved == [] and again.lines_moved == 0
    lines = imported_rows(owner)
    assert [r["imported"]["line_hash"] for r in lines] == list(
        dict.fromkeys(r["imported"]["line_hash"] for r in lines))
    assert [r["imported"]["seq"] for r in lines] == [r["seq"] for r in records]
    assert owner("SELECT count(*) FROM planbro.plan_versions")[0][0] == 8
    assert team.audit.verify()[1] is None


def test_a_plan_held_with_other_content_is_reported_and_not_overwritten(
        local, team, example_plan):
    ids = fill(local, example_plan)
    theirs = local.get(ids[2])
    theirs.purpose = "Kollegaens formål"
    theirs.created = theirs.updated = ""
    team.put(theirs)

    done = migrate(local, team)

    assert done.conflicts == {ids[2]: [1]} and not done.complete
    assert sorted(done.moved) == sorted(ids[:2])
    assert team.get(ids[2]).purpose == "Kollegaens formål"
    assert team.versions(ids[2]) == [1]


def test_confirm_removes_the_local_plans_once_all_is_in_the_team_store(
        local, team, owner, example_plan, folder):
    ids = fill(local, example_plan)
    migrate(local, team)

    done = confirm(local, team)

    assert sorted(done.removed) == sorted(ids) and done.complete
    assert local.summaries() == []
    assert not list((folder / "cases").glob("*.json"))
    # The folder itself, its settings and its log stay; the removal is in both logs.
    assert (folder / "meta.json").is_file()
    # Recorded as moved, not as deleted: the plans live on in the team store.
    moves = [r for r in AuditLog(folder).read().records if r["action"] == "move_out"]
    assert sorted(r["plan"] for r in moves) == sorted(ids)
    assert sorted(r["plan"] for r in imported_rows(owner) if r["action"] == "move_out") == sorted(ids)
    assert not [r for r in imported_rows(owner) if r["action"] == "purge"]
    assert sorted(s.id for s in team.summaries()) == sorted(ids)
    assert team.audit.verify()[1] is None


def test_a_confirm_with_anything_missing_removes_nothing(local, team, example_plan, folder):
    ids = fill(local, example_plan)

    # Nothing moved yet: everything is missing.
    refused = confirm(local, team)
    assert not refused.complete and refused.removed == []
    assert sorted(refused.missing) == sorted(ids) and refused.lines_missing > 0

    migrate(local, team)
    # The draft changed here after it was moved: not the same as in the team store.
    draft = local.get(ids[2])
    draft.purpose = "Ændret bagefter"
    local.save(draft)

    refused = confirm(local, team)
    assert refused.missing == {ids[2]: [1]} and refused.removed == []
    assert sorted(s.id for s in local.summaries()) == sorted(ids)
    assert len(list((folder / "cases").glob("*.json"))) == 3


def test_a_role_without_the_rights_moves_nothing(local, example_plan, pg_server, pg_database,
                                                 tmp_path, owner):
    fill(local, example_plan)
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner").close()
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                      "'udenfor') THEN CREATE ROLE udenfor LOGIN; END IF; END $$")
    pg_server.execute("GRANT USAGE ON SCHEMA planbro TO udenfor; "
                      "GRANT SELECT ON planbro.schema_version TO udenfor", pg_database)
    outsider = TeamStore(pg_server.url(pg_database, user="udenfor"), data_dir=tmp_path / "u")
    try:
        with pytest.raises(StoreAccessRefused, match="udenfor må ikke tilføje planer"):
            migrate(local, outsider)
    finally:
        outsider.close()
    assert owner("SELECT count(*) FROM planbro.plans") == [(0,)]
    assert owner("SELECT count(*) FROM planbro.audit") == [(0,)]


def test_a_caseworker_moves_the_units_plans_and_nothing_of_another_unit(
        folder, example_plan, pg_server, pg_database, tmp_path, owner):
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner").close()
    assert run_setup(pg_server, pg_database).returncode == 0
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anna') "
                      "THEN CREATE ROLE anna LOGIN; END IF; END $$; GRANT planbro_caseworker TO anna")
    pg_server.execute("INSERT INTO planbro.unit_members VALUES ('anna', 'Team Vest')", pg_database)
    anna = TeamStore(pg_server.url(pg_database, user="anna"), via="cli", data_dir=tmp_path / "a")
    try:
        with PlanStore(folder, audit=AuditLog(folder), via="app") as local:
            ids = fill(local, example_plan, unit="Team Vest")
            other = local.save(fresh(example_plan, unit="Team Øst"))
            with pytest.raises(StoreAccessRefused, match="«Team Øst»"):
                migrate(local, anna)
            assert owner("SELECT count(*) FROM planbro.plans") == [(0,)]
            local.delete_draft(other.id)
            done = migrate(local, anna)
            assert sorted(done.moved) == sorted(ids) and done.complete
            # Under row-level security too, the second run finds what the first moved.
            again = migrate(local, anna)
            assert again.moved == [] and again.lines_moved == 0
            assert again.lines_skipped == done.lines_moved + done.lines_skipped
    finally:
        anna.close()


def test_an_encrypted_data_folder_moves_in_and_keeps_its_keys(
        tmp_path, example_plan, team, owner, memory_keyring):
    from planbro.crypto import keyfile
    from planbro.crypto.kdf import CHEAP_FOR_TESTS

    from planbro.actions.encryption import turn_on

    folder = tmp_path / "sealed"
    done = turn_on(folder, lambda made: None, via="app", kdf=CHEAP_FOR_TESTS)
    with PlanStore(folder, audit=AuditLog(folder), via="app", keys=done.chain) as local:
        ids = fill(local, example_plan)
        records = AuditLog(folder).read().records
        moved = migrate(local, team)
        assert sorted(moved.moved) == sorted(ids) and moved.lines_moved == len(records)
        assert team.get(ids[2]).citizen.name == example_plan.citizen.name
        assert sorted(confirm(local, team).removed) == sorted(ids)
        assert local.summaries() == []
    assert keyfile.exists(folder)
    assert team.audit.verify()[1] is None


def test_a_run_killed_inside_a_plans_transaction_leaves_nothing_of_that_plan(
        local, team, owner, example_plan, folder, address):
    ids = fill(local, example_plan)
    local.close()
    child = subprocess.Popen([sys.executable, str(CHILD), str(folder), address, "50",
                              "in-transaction"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8")
    # Inside the first plan's transaction, its commit, then inside the second one's: killed.
    seen = run_until(child, 3)
    assert [kind for kind, _ in seen] == ["inside", "plan", "inside"]
    first, second = seen[1][1], seen[2][1]
    assert owner("SELECT id FROM planbro.plans") == [(first,)]
    assert owner(f"SELECT count(*) FROM planbro.audit WHERE plan_id = '{second}'") == [(0,)]

    with PlanStore(folder, audit=AuditLog(folder), via="cli") as reopened:
        done = migrate(reopened, team)
    assert done.skipped == [first] and sorted(done.moved) == sorted(set(ids) - {first})
    assert owner("SELECT count(*) FROM planbro.plan_versions")[0][0] == 4
    assert team.audit.verify()[1] is None


def test_damaged_lines_of_the_local_log_are_left_out_and_the_rest_moves(
        local, team, owner, example_plan, folder):
    fill(local, example_plan)
    records = AuditLog(folder).read().records
    [month] = sorted((folder / "audit").glob("audit-*.jsonl"))
    with open(month, "ab") as log:
        log.write(b'{"at": "i g\xc3\xa5r", "action": "view"}\n{"at": "2026-11-0')
    done = migrate(local, team)
    assert done.lines_moved == len(records)
    assert [r["seq"] for r in records] == [r["imported"]["seq"] for r in imported_rows(owner)]
    assert team.audit.verify()[1] is None


def test_confirm_is_refused_while_another_planbro_writes_the_folder(local, team, example_plan,
                                                                    folder):
    from planbro.actions.migrate import MigrationRefused

    ids = fill(local, example_plan)
    migrate(local, team)
    # `local` holds the writer's lock: a second Planbro opens the folder for reading only.
    with PlanStore.open(folder) as second:
        assert second.read_only
        with pytest.raises(MigrationRefused, match="åben i en anden Planbro"):
            confirm(second, team)
    assert sorted(s.id for s in local.summaries()) == sorted(ids)
