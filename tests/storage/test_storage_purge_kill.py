"""Deleting after the retention period is crash-safe with real processes (#11): SIGKILL a
purging child at random moments; every case is then whole (and deleted by the next purge)
or gone with all its backups, and each one gone has its "purge" record in the log."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from planbro.model import Plan

from planbro.audit import AuditLog
from planbro.storage import PlanStore

# The script that purges until it is killed.
CHILD = Path(__file__).with_name("purge_child.py")
# Cases journalised long enough ago to be due in the child, and one kept (not journalised).
CASES = 40
# Kill rounds; each round is one child process.
ROUNDS = 8


def _make_cases(data_dir: Path) -> tuple[list[str], str]:
    ids = []
    with PlanStore(data_dir) as store:
        for number in range(CASES):
            plan = Plan()
            plan.citizen.name, plan.citizen.cpr = f"Borger {number}", "120379-1235"
            plan.purpose = "Egen bolig og en stabil hverdag. " * 20
            store.save(plan)
            plan.purpose += " Ændret."
            store.save(plan)
            store.close_case(plan.id)
            store.journalise(plan.id, date(2026, 10, 1))
            ids.append(plan.id)
        kept = Plan()
        kept.citizen.name = "Ikke journaliseret"
        store.save(kept)
        store.close_case(kept.id)
    return ids, kept.id


def _files(data_dir: Path, plan_id: str) -> list[Path]:
    return [p for p in data_dir.rglob(f"{plan_id}*") if p.is_file()]


def _check(data_dir: Path, ids: list[str], acknowledged: set[str]) -> set[str]:
    """Every case whole or gone with every copy; the ids gone."""
    purged = {r["plan"] for r in AuditLog(data_dir).read().records if r["action"] == "purge"}
    gone = set()
    with PlanStore(data_dir, read_only=True) as reader:
        listed = {s.id for s in reader.summaries()}
        for plan_id in ids:
            case = data_dir / "cases" / f"{plan_id}.json"
            if case.exists():
                assert reader.get(plan_id).journalised == date(2026, 10, 1)
                assert plan_id in listed
                assert plan_id not in acknowledged
            else:
                assert _files(data_dir, plan_id) == [], "a deleted case left copies behind"
                assert plan_id in purged, "a case went without its purge record"
                assert plan_id not in listed
                gone.add(plan_id)
    assert acknowledged <= gone
    return gone


def test_sigkill_while_purging_leaves_each_case_whole_or_gone_and_logged(data_dir):
    ids, kept = _make_cases(data_dir)
    rng = random.Random()
    acknowledged: set[str] = set()
    for _round in range(ROUNDS):
        child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert child.stdout is not None
        assert child.stdout.readline() == b"ready\n"
        time.sleep(rng.uniform(0, 0.08))
        child.kill()
        stdout, stderr = child.communicate(timeout=30)
        assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")
        acknowledged |= {line.split()[1] for line in stdout.decode().split("\n")[:-1]
                         if line.startswith("purged ")}
        _check(data_dir, ids, acknowledged)

    # A purge to the end deletes what is left; the case never journalised stays.
    finished = subprocess.run([sys.executable, str(CHILD), str(data_dir)],
                              capture_output=True, timeout=120)
    assert finished.stdout.endswith(b"done\n"), finished.stderr.decode("utf-8", "replace")
    assert _check(data_dir, ids, acknowledged) == set(ids)
    with PlanStore(data_dir) as store:
        assert [s.id for s in store.summaries()] == [kept]
        assert store.corrupt == []
    assert len(list((data_dir / "backups" / "cases").iterdir())) == 1
