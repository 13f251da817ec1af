"""Leases on the team store (storage/postgres/leases.py), on a real PostgreSQL server: one
caseworker edits a plan at a time, others read it and are told "Åben hos <navn> siden
10:42", a lease not renewed expires and another takes it, a team leader breaks one (in
the audit table), and no save ever overwrites another's silently — with two real
processes, each with its own connections (lease_child.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from planbro.storage import PlanConflict
from planbro.storage.postgres import Lease, LeaseHeld, LeaseLost, LeaseNotBroken, TeamStore

# The child process: one caseworker's Planbro (lease_child.py).
CHILD = Path(__file__).with_name("lease_child.py")
# A lease in these tests lasts this many seconds without renewal (the app's: 120).
SHORT = 1.5
# How "Åben hos …" reads for a lease taken today.
OPEN_BY = re.compile(r"^Åben hos (?P<name>.+) siden \d\d:\d\d")


@pytest.fixture
def address(pg_server, pg_database):
    return pg_server.url(pg_database)


@pytest.fixture
def team(address, tmp_path):
    """A function opening another client of the team database, as `holder`."""
    opened = []

    def make(holder: str = "", seconds: float = SHORT) -> TeamStore:
        store = TeamStore(address, holder=holder, lease_seconds=seconds,
                          data_dir=tmp_path / f"local{len(opened)}")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


def rows(pg_server, pg_database, sql: str) -> list[tuple]:
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        return connection.execute(sql).fetchall()


def until(condition, seconds: float = 30.0):
    """Wait for `condition()` to give something true (a lease to expire, on the server's
    clock); its value. Not a timing assertion: the deadline only stops a hung test."""
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


class Caseworker:
    """A child process on the team store, answering one JSON line per request."""

    def __init__(self, address: str, name: str, seconds: float = SHORT) -> None:
        self.name = name
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), address, name, str(seconds)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        assert self.ask() == {"ok": "ready"}

    def ask(self, *request: str) -> dict:
        if request:
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(list(request)) + "\n")
            self.process.stdin.flush()
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line, self.process.stderr.read() if self.process.stderr else "no answer"
        return json.loads(line)

    def ok(self, *request: str):
        answer = self.ask(*request)
        assert "ok" in answer, answer
        return answer["ok"]

    def stop(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write(json.dumps(["exit"]) + "\n")
            self.process.stdin.flush()
            self.process.wait(timeout=30)


@pytest.fixture
def caseworkers(address):
    started: list[Caseworker] = []

    def start(name: str, seconds: float = SHORT) -> Caseworker:
        started.append(Caseworker(address, name, seconds))
        return started[-1]

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait(timeout=30)


def test_two_processes_one_lease_and_no_silent_overwrite(caseworkers, team, new_plan,
                                                         pg_server, pg_database):
    maker, reader = team("Opretteren"), team("Læser")
    plan_id = maker.save(new_plan()).id
    # The one who made the plan closed it; Anna opens it for editing and saves.
    maker.leases.release(plan_id)
    anna, bo = caseworkers("Anna Jensen"), caseworkers("Bo Berg")
    assert anna.ok("take", plan_id) == "Anna Jensen"
    assert anna.ok("save", plan_id, "Annas formål 1") == "Annas formål 1"
    # Bo reads it (always allowed), is told who has it, and can neither take nor save it.
    assert bo.ok("read", plan_id) == "Annas formål 1"
    assert OPEN_BY.match(bo.ok("holder", plan_id))["name"] == "Anna Jensen"
    refused = bo.ask("take", plan_id)
    assert refused["error"] == "LeaseHeld"
    assert OPEN_BY.match(refused["message"])["name"] == "Anna Jensen"
    assert "kan læses, men ikke ændres" in refused["message"]
    refused = bo.ask("write", plan_id, "Bos formål")
    assert refused["error"] == "LeaseHeld" and refused["message"].startswith("Åben hos Anna")
    # Anna's Planbro renews: past a whole lease's time, it is still hers.
    renewed_until = time.monotonic() + 2 * SHORT
    while time.monotonic() < renewed_until:
        assert anna.ok("renew") == []
        time.sleep(SHORT / 4)
        assert bo.ask("take", plan_id)["error"] == "LeaseHeld"
    assert anna.ok("save", plan_id, "Annas formål 2") == "Annas formål 2"
    # Anna's Planbro stops renewing (the laptop hangs): the lease expires, Bo takes it.
    assert until(lambda: "ok" in bo.ask("take", plan_id)), "the lease never expired"
    assert OPEN_BY.match(anna.ok("holder", plan_id))["name"] == "Bo Berg"
    # Bo's copy was read before Anna's second save: saving it would overwrite that.
    stale = bo.ask("write", plan_id, "Bos formål ud fra en gammel kopi")
    assert stale["error"] == "PlanConflict"
    assert bo.ok("save", plan_id, "Bos formål") == "Bos formål"
    # Anna comes back: her lease is gone, her save is refused, naming Bo.
    lost = anna.ask("save", plan_id, "Annas formål 3")
    assert lost["error"] == "LeaseLost"
    assert "Åben hos Bo Berg siden" in lost["message"]
    assert anna.ask("take", plan_id)["error"] == "LeaseHeld"
    assert anna.ok("renew") == [plan_id]
    # What is stored is the last save that was allowed, and every version says so.
    assert rows(pg_server, pg_database,
                "SELECT body->>'purpose' FROM planbro.plan_versions") == [("Bos formål",)]
    assert reader.get(plan_id).purpose == "Bos formål"
    saves = [json.loads(line)["action"] for (line,) in rows(
        pg_server, pg_database, "SELECT line FROM planbro.audit ORDER BY seq")]
    # Anna's two saves are one "change" (one per store and version in ten minutes), Bo's one.
    assert saves == ["create", "change", "change"]
    anna.stop()
    bo.stop()
    # Bo's Planbro closed: his lease is given back.
    assert rows(pg_server, pg_database, "SELECT count(*) FROM planbro.leases") == [(0,)]


def test_a_team_leader_breaks_a_lease_and_it_is_in_the_audit_table(caseworkers, team, new_plan,
                                                                   pg_server, pg_database):
    leader = team("Teamlederen", seconds=120)
    plan_id = leader.save(new_plan()).id
    leader.leases.release(plan_id)
    anna = caseworkers("Anna Jensen", seconds=120)
    assert anna.ok("take", plan_id) == "Anna Jensen"
    broken = leader.leases.break_lease(plan_id, via="app")
    assert isinstance(broken, Lease) and broken.holder_name == "Anna Jensen"
    [(line,)] = rows(pg_server, pg_database,
                     "SELECT line FROM planbro.audit WHERE action = 'lease_break'")
    record = json.loads(line)
    assert (record["plan"], record["user"], record["detail"]) == (plan_id, "postgres", "postgres")
    # Anna's next save is refused: her lease was broken, though no one has saved since.
    lost = anna.ask("save", plan_id, "Annas formål")
    assert lost["error"] == "LeaseLost" and "brudt af en teamleder" in lost["message"]
    # Opened again, it is hers again.
    assert anna.ok("take", plan_id) == "Anna Jensen"
    assert anna.ok("save", plan_id, "Annas formål") == "Annas formål"
    # Her Planbro closes and gives it back: there is nothing left to break.
    anna.stop()
    with pytest.raises(LeaseNotBroken, match="ingen lås at bryde"):
        leader.leases.break_lease(plan_id, via="app")


def test_a_lease_is_taken_renewed_and_released(team, new_plan):
    mine, theirs = team("Anna Jensen"), team("Bo Berg")
    plan = mine.save(new_plan())
    # The write took the lease for its store.
    lease = theirs.leases.holder(plan.id)
    assert lease is not None and not lease.mine and lease.holder_name == "Anna Jensen"
    assert OPEN_BY.match(lease.label())["name"] == "Anna Jensen"
    assert mine.leases.holder(plan.id).mine
    assert mine.leases.take(plan.id).since == lease.since  # renewing keeps "since"
    with pytest.raises(LeaseHeld):
        theirs.leases.take(plan.id)
    mine.leases.release(plan.id)
    assert theirs.leases.holder(plan.id) is None
    assert theirs.leases.take(plan.id).holder_name == "Bo Berg"


def test_a_lease_elsewhere_refuses_every_change_and_nothing_is_written(team, new_plan, pg_server,
                                                                      pg_database):
    from datetime import date

    mine, theirs = team("Anna Jensen", seconds=120), team("Bo Berg")
    plan = mine.save(new_plan())
    before = rows(pg_server, pg_database, "SELECT revision FROM planbro.plans")
    theirs.get(plan.id)
    for change in (lambda: theirs.sign(plan.id, date(2026, 11, 20)),
                   lambda: theirs.revise(plan.id), lambda: theirs.close_case(plan.id),
                   lambda: theirs.delete_draft(plan.id), lambda: theirs.save(plan)):
        with pytest.raises(LeaseHeld, match="^Åben hos Anna Jensen siden"):
            change()
    assert rows(pg_server, pg_database, "SELECT revision FROM planbro.plans") == before
    assert not theirs.leases.held


def test_a_refused_save_leaves_no_lease_behind(team, new_plan):
    mine, theirs = team("Anna Jensen"), team("Bo Berg")
    plan = mine.save(new_plan())
    mine.leases.release(plan.id)
    copy = theirs.get(plan.id)
    plan.purpose = "Annas"
    mine.save(plan)
    mine.leases.release(plan.id)
    copy.purpose = "Bos"
    with pytest.raises(PlanConflict):
        theirs.save(copy)
    # The lease the refused save took was rolled back with it: the plan is free.
    assert mine.leases.holder(plan.id) is None and plan.id not in theirs.leases.held


def test_an_expired_lease_no_one_took_is_still_its_holders(team, new_plan):
    mine = team("Anna Jensen", seconds=0.2)
    plan = mine.save(new_plan())
    assert until(lambda: mine.leases.holder(plan.id) is None)
    plan.purpose = "Efter en pause"
    mine.save(plan)
    assert mine.leases.holder(plan.id).mine


def test_breaking_needs_a_team_leader(team, new_plan, pg_server, pg_database, address, tmp_path):
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                      "'kollega') THEN CREATE ROLE kollega LOGIN; END IF; END $$")
    owner = team("Anna Jensen", seconds=120)
    plan = owner.save(new_plan())
    pg_server.execute("GRANT USAGE ON SCHEMA planbro TO kollega; "
                      "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA planbro "
                      "TO kollega", pg_database)
    colleague = TeamStore(address.replace("postgres@", "kollega@"), data_dir=tmp_path / "k")
    try:
        with pytest.raises(LeaseNotBroken, match="Kun en teamleder.*kollega"):
            colleague.leases.break_lease(plan.id, via="app")
    finally:
        colleague.close()
    assert owner.leases.holder(plan.id).mine


def test_losing_the_lease_is_told_by_renew(team, new_plan):
    mine, leader = team("Anna Jensen", seconds=120), team("Teamlederen")
    plan = mine.save(new_plan())
    leader.leases.break_lease(plan.id, via="cli")
    assert mine.leases.renew() == [plan.id]
    with pytest.raises(LeaseLost):
        plan.purpose = "Efter bruddet"
        mine.save(plan)
