"""One client of bench_team_store.py: a caseworker's Planbro saving its own team plans.

Run by bench_team_store.py as a process of its own (`--client JSON`), never by hand. It
opens the team store as the app does (open_team_store: the quality light with each
save) as its own caseworker role, takes the lease of its first plan and keeps it the
whole run (a wizard left open), says it is ready, and when told to go edits its plans
as the wizard does: take the lease, read, autosave every `interval` seconds (± half),
give the lease back; the lease is renewed every half minute as the app does. Now and
then it tries to save a colleague's open plan, which must be refused. What it saved
(count and last text per plan) and each save's time go to ROLE.json for the checks.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from planbro.exchange import plan_from_json
from planbro.model.convert import to_dict
from planbro.model.dates import now_timestamp

# Seconds between lease renewals (the app's wizard renews every 30 s).
RENEW_S = 30.0
# Autosaves of a plan while it is open in the wizard, at least and at most.
BURST = (3, 6)
# The first day of the invented follow-ups.
FIRST_DAY = date(2026, 12, 1)


def example_doc() -> dict[str, Any]:
    """forms/example-plan.json as the store keeps it (the exchange format)."""
    text = (resources.files("planbro.forms") / "example-plan.json").read_text(encoding="utf-8")
    return to_dict(plan_from_json(text))


def plan_id(i: int) -> str:
    """The id of invented plan number `i`."""
    return str(uuid.UUID(int=i + 1, version=4))


def variant(doc: dict[str, Any], i: int, unit: str) -> dict[str, Any]:
    """Invented plan number `i` of `unit`: its own id, citizen, caseworker and follow-up."""
    new = dict(doc, id=plan_id(i), created=STAMP, updated=STAMP)
    new["citizen"] = dict(doc["citizen"], name=f"Borger {i:06d}")
    new["caseworker"] = dict(doc["caseworker"], name=f"Sagsbehandler {i % 40:02d}", unit=unit)
    new["follow_up"] = dict(doc["follow_up"],
                            next_date=(FIRST_DAY + timedelta(days=i % 365)).isoformat())
    return new


# The save stamp of every invented plan.
STAMP = now_timestamp()


def client_main(job: dict[str, Any]) -> int:
    from planbro.storage import PlanConflict
    from planbro.storage.postgres import LeaseHeld

    from planbro.actions.team import open_team_store

    role, folder, interval = job["role"], Path(job["folder"]), float(job["interval"])
    rng = random.Random(job["seed"])
    store = open_team_store(job["address"], via="app", holder=role.title(),
                            data_dir=job["data_dir"])
    pinned, own = job["plans"][0], job["plans"][1:]
    store.leases.take(pinned)
    kept = store.get(pinned)
    base = kept.purpose
    (folder / f"{role}.ready").touch()
    while not (folder / "go").exists():
        time.sleep(0.01)
    began = time.time()

    samples: list[float] = []
    # The client's own CPU time of each save (the rest is the server's, and waiting).
    cpus: list[float] = []
    audited: list[bool] = []
    opened: list[float] = []
    saved: dict[str, list[Any]] = {}
    attempts = refused = 0
    crossed: list[str] = []
    renewed = time.monotonic()

    def save(plan: Any, count: int) -> None:
        nonlocal renewed
        time.sleep(interval * rng.uniform(0.5, 1.5))
        if time.monotonic() - renewed > RENEW_S:
            store.leases.renew()
            renewed = time.monotonic()
        plan.purpose = f"{base} [{role} {count}]"
        records = len(store._changes)
        started, cpu = time.perf_counter(), time.process_time()
        store.save(plan)
        samples.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
        # Whether this save appended a "change" record (one per plan and client in 10 min).
        audited.append(len(store._changes) > records)
        done = saved.setdefault(plan.id, [0, ""])
        done[0] += 1
        done[1] = plan.purpose

    turn = 0
    while len(samples) < job["saves"]:
        pid = own[turn % len(own)]
        started = time.perf_counter()
        store.leases.take(pid)
        plan = store.get(pid)
        opened.append(time.perf_counter() - started)
        for _ in range(rng.randint(*BURST)):
            if len(samples) < job["saves"]:
                save(plan, len(samples))
        store.leases.release(pid)
        if len(samples) < job["saves"]:
            save(kept, len(samples))
        if job["others"]:
            # A colleague's open plan: readable, never saved over.
            other = store.get(rng.choice(job["others"]))
            other.purpose = f"{base} [crossing by {role}]"
            attempts += 1
            try:
                store.save(other)
            except (LeaseHeld, PlanConflict):
                refused += 1
            else:
                crossed.append(other.id)
        turn += 1
    # Open until every client is done: a colleague may still try this one's open plan.
    (folder / f"{role}.done").touch()
    seconds = time.time() - began
    while not (folder / "stop").exists():
        time.sleep(0.01)
    store.close()
    result = {"role": role, "samples": samples, "cpu": cpus, "audited": audited,
              "opened": opened, "saved": saved, "attempts": attempts,
              "refused": refused, "crossed": crossed, "seconds": seconds}
    (folder / f"{role}.json").write_text(json.dumps(result), encoding="utf-8")
    return 0
