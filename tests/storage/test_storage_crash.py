"""Crash safety with real processes: SIGKILL a writer at random moments, several times over.

The child (crash_child.py) saves, changes, signs and revises plans in a loop
and prints an acknowledgement after each call has returned. Whatever moment
the kill lands on - mid-write, mid-journal-append, mid-compaction, while
the store is being opened - the store must open again and hold every
acknowledged version with at least the acknowledged content.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from planbro.storage import PlanStore

# The script that writes until it is killed.
CHILD = Path(__file__).with_name("crash_child.py")
# Kill rounds; each round is one child process.
ROUNDS = 12


def _acknowledged(stdout: bytes, saved: dict, signed: set) -> int:
    # Only whole lines count: a line cut by the kill was never acknowledged.
    lines = stdout.decode("utf-8").split("\n")[:-1]
    for line in lines:
        kind, plan_id, version, *mark = line.split()
        if kind == "saved":
            key = (plan_id, int(version))
            saved[key] = max(saved.get(key, 0), int(mark[0]))
        else:
            signed.add((plan_id, int(version)))
    return len(lines)


def test_sigkill_never_breaks_the_store_or_loses_an_acknowledged_save(data_dir):
    rng = random.Random()
    saved: dict[tuple[str, int], int] = {}
    signed: set[tuple[str, int]] = set()
    total = 0
    for round_number in range(1, ROUNDS + 1):
        child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), str(round_number)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, 1.0))
        child.kill()
        stdout, stderr = child.communicate(timeout=30)
        assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")
        total += _acknowledged(stdout, saved, signed)
        # After every kill the store opens and lists every acknowledged plan.
        with PlanStore(data_dir, read_only=True) as reader:
            listed = {s.id for s in reader.summaries()}
        assert {plan_id for plan_id, _ in saved} <= listed

    assert total >= 50, "the children acknowledged too little to prove anything"
    with PlanStore(data_dir) as store:
        assert store.corrupt == []
        latest = {s.id: s.version for s in store.summaries()}
        for (plan_id, version), mark in saved.items():
            plan = store.get(plan_id, version)
            assert int(plan.citizen_words.split()[1]) >= mark, (plan_id, version)
            assert latest[plan_id] >= version
        for plan_id, version in signed:
            assert store.get(plan_id, version).status == "signed"
