"""Run by test_storage_crash.py: save plans in a loop until killed.

    python crash_child.py DATA_DIR SEED

After each operation has RETURNED it prints one acknowledgement line:
    saved <id> <version> <mark>     the version holds citizen_words "mark <mark>" or newer
    signed <id> <version>           the version is signed
The parent kills this process at random moments and checks every
acknowledged line against the store.
"""

from __future__ import annotations

import random
import sys
from datetime import date

from planbro.model import Plan

from planbro.storage import PlanStore


def main() -> None:
    folder, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    store = PlanStore(folder)
    drafts = [s.id for s in store.summaries() if s.status == "draft"]
    mark = seed * 1_000_000
    while True:
        mark += 1
        roll = rng.random()
        if roll < 0.5 or not drafts:
            plan = Plan()
            plan.citizen.name = f"Borger {mark}"
            plan.citizen.cpr = "120379-1235"
            plan.purpose = "Egen bolig og en stabil hverdag. " * 20
            plan.citizen_words = f"mark {mark}"
            store.save(plan)
            drafts.append(plan.id)
            print("saved", plan.id, plan.version, mark, flush=True)
        elif roll < 0.9:
            plan = store.get(rng.choice(drafts))
            plan.citizen_words = f"mark {mark}"
            store.save(plan)
            print("saved", plan.id, plan.version, mark, flush=True)
        else:
            plan_id = rng.choice(drafts)
            signed = store.sign(plan_id, date(2026, 11, 5))
            print("signed", plan_id, signed.version, flush=True)
            draft = store.revise(plan_id)
            kept = int(draft.citizen_words.split()[1])
            print("saved", plan_id, draft.version, kept, flush=True)


if __name__ == "__main__":
    main()
