"""Saving and listing plans: Planbro's PlanStore next to plain TinyDB, in one run.

    .venv/bin/python tests/benchmarks/bench_storage.py            # full run, a few minutes
    .venv/bin/python tests/benchmarks/bench_storage.py --quick    # smaller stores, ~30 s
    options: --dir DIR (where the scratch stores go; use a real disk, not tmpfs),
             --plan-kb KB (size of the plan saved; 0 = the example as it is)

Plain TinyDB keeps every plan in one JSON file that each insert reads and
rewrites whole, so its cost grows with the store. PlanStore rewrites only
the plan's own case file and appends one line to the summary index.
The stores are filled quickly (files written without fsync); every measured
save is a real one, fsync included.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import statistics
import tempfile
import time
import uuid
from importlib import resources
from pathlib import Path

from tinydb import TinyDB

from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import KeyChain, create

from planbro.exchange import plan_from_json
from planbro.model import Plan
from planbro.model.convert import from_dict, to_dict

from planbro.audit import AuditLog
from planbro.storage import PlanStore
from planbro.storage.casefile import TABLE
from planbro.storage.index import COMPACT_AFTER
from planbro.storage.paths import Layout

# The issue's targets (ms): save with 1,000 and 10,000 plans stored; summaries of 10,000;
# and with encryption on (issue 11), save with 1,000 stored and open + summaries of 10,000.
TARGETS = {"save-1000": 20, "save-10000": 30, "summaries-10000": 200,
           "sealed-save-1000": 5, "sealed-summaries-10000": 250}
# The passphrase of the encrypted scratch stores.
PASSPHRASE = "benchmark passphrase, not a secret"
# Plain TinyDB figures measured on this machine kind when the issue was written (ms).
ISSUE_BASELINE = {100: 45, 1000: 250, 5000: 1300}


def example_doc(plan_kb: float) -> dict:
    text = (resources.files("planbro.forms") / "example-plan.json").read_text(encoding="utf-8")
    doc = to_dict(plan_from_json(text))
    if plan_kb:
        # Pad a free-text field so the stored plan is as large as the issue's example.
        filler = " Supplerende oplysninger fra netværksmødet."
        while len(json.dumps(doc)) < plan_kb * 1000:
            doc["circumstances"]["other"] += filler
    return doc


def variant(doc: dict, i: int) -> dict:
    new = copy.deepcopy(doc)
    new["id"] = str(uuid.UUID(int=i + 1, version=4))
    new["citizen"]["name"] = f"Borger {i:05d}"
    return new


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def plain_tinydb(folder: Path, doc: dict, stored: int, inserts: int) -> float:
    path = folder / f"tinydb-{stored}.json"
    table = {str(i + 1): variant(doc, i) for i in range(stored)}
    path.write_text(json.dumps({"_default": table}), encoding="utf-8")
    samples = []
    with TinyDB(path) as db:
        for i in range(inserts):
            new = variant(doc, stored + i)
            started = time.perf_counter()
            db.insert(new)
            samples.append(time.perf_counter() - started)
    path.unlink()
    return median_ms(samples)


def keyed(folder: Path) -> KeyChain:
    """`folder` made an encrypted data folder (cheap scrypt: unlocking is not measured)."""
    return create(folder, passphrase=PASSPHRASE, use_credential_store=False,
                  kdf=CHEAP_FOR_TESTS).chain


def fill_store(folder: Path, doc: dict, count: int, keys: KeyChain | None = None) -> float:
    """Write `count` case files directly (sealed with `keys`); return the seconds PlanStore
    took to index them."""
    layout = Layout(folder)
    # A data folder first (meta.json): case files without one are a damaged folder.
    PlanStore(folder, keys=keys).close()
    for i in range(count):
        plan = variant(doc, i)
        data = json.dumps({TABLE: {"1": plan}}, ensure_ascii=False).encode("utf-8")
        if keys is not None:
            data = keys.seal("case", plan["id"], data)
        layout.case(plan["id"]).write_bytes(data)
    started = time.perf_counter()
    PlanStore(folder, keys=keys).close()
    return time.perf_counter() - started


def planbro_saves(folder: Path, doc: dict, stored: int, saves: int,
                  audit: bool = False, keys: KeyChain | None = None) -> dict[str, float]:
    # With the audit log, the plans are new ones again: half the saves append a "create".
    first = stored + (saves if audit else 0)
    plans = [from_dict(Plan, variant(doc, first + i)) for i in range(saves)]
    samples = []
    log = AuditLog(folder) if audit else None
    with PlanStore(folder, audit=log, via="app", keys=keys) as store:
        for i, plan in enumerate(plans):
            if i % 2:
                # Every other save changes a plan saved a moment ago.
                plan = plans[i - 1]
                plan.purpose += " Justeret."
            started = time.perf_counter()
            store.save(plan)
            samples.append(time.perf_counter() - started)
        some = plans[0].id
        gets = []
        for _ in range(20):
            started = time.perf_counter()
            store.get(some)
            gets.append(time.perf_counter() - started)
        # The one save in COMPACT_AFTER that also folds the journal into a new snapshot.
        started = time.perf_counter()
        store._index.compact()
        compaction = time.perf_counter() - started
    samples.sort()
    return {"median": median_ms(samples), "p95": samples[int(len(samples) * 0.95)] * 1000,
            "max": samples[-1] * 1000, "get": median_ms(gets), "compact": compaction * 1000}


def planbro_summaries(folder: Path, rounds: int,
                      keys: KeyChain | None = None) -> tuple[float, float, int]:
    cold, warm = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        with PlanStore(folder, read_only=True, keys=keys) as store:
            found = store.summaries()
            cold.append(time.perf_counter() - started)
            for _ in range(5):
                started = time.perf_counter()
                store.summaries()
                warm.append(time.perf_counter() - started)
    return median_ms(cold), median_ms(warm), len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller stores and fewer rounds")
    parser.add_argument("--dir", type=Path, default=None, help="folder for the scratch stores")
    parser.add_argument("--plan-kb", type=float, default=13, help="size of the plan (0 = as shipped)")
    args = parser.parse_args()
    plain_sizes = (100, 1000) if args.quick else (100, 1000, 5000)
    store_sizes = (1000, 10000)
    saves = 40 if args.quick else 200

    doc = example_doc(args.plan_kb)
    scratch = Path(tempfile.mkdtemp(prefix="planbro-bench-", dir=args.dir))
    print(f"scratch folder: {scratch}")
    print(f"plan: {len(json.dumps(doc)) / 1000:.1f} KB as TinyDB stores it "
          f"(forms/example-plan.json, padded to --plan-kb {args.plan_kb:g})\n")
    rows = []
    try:
        for stored in plain_sizes:
            inserts = 5 if stored >= 5000 else 11
            figure = plain_tinydb(scratch, doc, stored, inserts)
            rows.append((f"plain TinyDB: insert 1 plan, {stored:,} stored", figure,
                         f"issue: ~{ISSUE_BASELINE[stored]:,} ms"))
        for stored in store_sizes:
            folder = scratch / f"store-{stored}"
            indexed = fill_store(folder, doc, stored)
            result = planbro_saves(folder, doc, stored, saves)
            rows.append((f"Planbro: save 1 plan, {stored:,} stored", result["median"],
                         f"target ≤ {TARGETS[f'save-{stored}']} ms; p95 {result['p95']:.1f}, "
                         f"max {result['max']:.1f}"))
            rows.append((f"Planbro: get 1 plan, {stored:,} stored", result["get"], ""))
            if stored == 1000:
                audited = planbro_saves(folder, doc, stored, saves, audit=True)
                rows.append((f"Planbro: save 1 plan, {stored:,} stored, audit log on",
                             audited["median"], f"half are new plans (one fsynced audit line); "
                             f"p95 {audited['p95']:.1f}, max {audited['max']:.1f}"))
            rows.append((f"Planbro: index compaction, {stored:,} stored", result["compact"],
                         f"added to 1 save in {COMPACT_AFTER:,}"))
            rows.append((f"Planbro: build index of {stored:,} plans (once)", indexed * 1000,
                         "only when the index is missing"))
        cold, warm, count = planbro_summaries(scratch / "store-10000", 3 if args.quick else 7)
        rows.append((f"Planbro: open + summaries of {count:,}", cold,
                     f"target ≤ {TARGETS['summaries-10000']} ms"))
        rows.append((f"Planbro: summaries of {count:,} (store open)", warm, ""))
        # The same with encryption on (a data folder with a key file), in the same run.
        for stored in store_sizes:
            folder = scratch / f"sealed-{stored}"
            keys = keyed(folder)
            indexed = fill_store(folder, doc, stored, keys)
            if stored == 1000:
                result = planbro_saves(folder, doc, stored, saves, keys=keys)
                rows.append((f"Planbro encrypted: save 1 plan, {stored:,} stored",
                             result["median"], f"target ≤ {TARGETS['sealed-save-1000']} ms; "
                             f"p95 {result['p95']:.1f}, max {result['max']:.1f}"))
                rows.append((f"Planbro encrypted: get 1 plan, {stored:,} stored",
                             result["get"], ""))
            rows.append((f"Planbro encrypted: build index of {stored:,} plans (once)",
                         indexed * 1000, "only when the index is missing"))
        cold, warm, count = planbro_summaries(scratch / "sealed-10000", 3 if args.quick else 7,
                                              keys)
        rows.append((f"Planbro encrypted: open + summaries of {count:,}", cold,
                     f"target ≤ {TARGETS['sealed-summaries-10000']} ms"))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'median ms':>10}  note")
    for what, ms, note in rows:
        print(f"{what:<{width}}  {ms:>10.1f}  {note}")


if __name__ == "__main__":
    main()
