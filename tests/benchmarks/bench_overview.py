"""The team leader's overview of 10,000 plans: planbro.overview.compute next to reading the
summaries alone, and `planbro overblik` next to `planbro list`, in one run.

    .venv/bin/python tests/benchmarks/bench_overview.py            # 10,000 plans, ~2 minutes
    .venv/bin/python tests/benchmarks/bench_overview.py --plans 2000
    options: --dir DIR (where the scratch store goes), --rounds N, --no-team (skip the team
    store's lines, which start a throwaway PostgreSQL server as the tests do)

The plans are invented variants of forms/example-plan.json (bases, answers, dates, statuses,
follow-ups, sub-goals and CTI courses spread over three years and four units), written as
case files and indexed once with the overview's facts, as a store opened by the app or the
command makes them. The app's window Overblik is timed offscreen over the open store, as the
caseload has it: opening it, and a new period. The baselines: opening the store and reading its
summaries (what every overview must do at least), and `planbro list --json` (the command's own
start and the same store). The issue's target: ≤ 0.5 s from the command line, ≤ 1 s in the app.

The commands run with their modules' bytecode compiled once beforehand (in a cache of the
scratch folder, PYTHONPYCACHEPREFIX), as an installed Planbro runs: pip compiles it at
install. One line runs `planbro overblik` without it (PYTHONDONTWRITEBYTECODE=1: every module
compiled again each start), as a checkout run with that variable set does.

The team store's lines put the same plans, with the same facts, into a fresh database of a
throwaway server (tests/pg_server.py), and time the overview chosen by the server
(storage/postgres/overview_rows.py) in-process and as `planbro --store URL overblik`.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from planbro.exchange import plan_from_json
from planbro.model.convert import to_dict

from planbro.storage import PlanStore
from planbro.storage.casefile import TABLE
from planbro.storage.paths import Layout
from planbro.storage.summary import PlanSummary

from planbro.overview import compute, store_facts
from planbro.overview.facts import facts_of_stored

# The targets (ms).
TARGETS = {"cli": 500, "app": 1000}
# The units the invented plans are spread over.
UNITS = ("Team Nord", "Team Syd", "Team Øst", "Team Vest")
# The day the figures are asked for.
TODAY = date(2026, 12, 1)


def example() -> dict:
    text = (resources.files("planbro.forms") / "example-plan.json").read_text(encoding="utf-8")
    return to_dict(plan_from_json(text))


def _day(value: date) -> str:
    return value.isoformat()


def variant(doc: dict, i: int, rng: random.Random) -> dict[int, dict]:
    """Plan number `i`: one or two versions, as exchange dicts by version."""
    new = copy.deepcopy(doc)
    new["id"] = str(uuid.UUID(int=i + 1, version=4))
    new["citizen"]["name"] = f"Borger {i:05d}"
    new["caseworker"]["unit"] = UNITS[i % len(UNITS)]
    new["caseworker"]["name"] = f"Sagsbehandler {i % 40:02d}"
    offered = date(2024, 1, 1) + timedelta(days=rng.randrange(1050))
    new["offer"]["date"] = _day(offered)
    new["created"] = new["updated"] = f"{_day(offered)}T10:00:00Z"
    new["duration"]["start"] = _day(offered)
    new["basis"] = rng.choice(("sel-141-2", "sel-141-2", "sel-142", "sel-141-1", "sel-141-7"))
    if new["basis"] == "sel-142":
        new["boform"]["notified"] = _day(offered - timedelta(days=rng.randrange(30)))
        new["boform"]["admitted"] = _day(offered - timedelta(days=40))
    decision = rng.choice(("accepted",) * 7 + ("declined", "declined", "pending"))
    new["offer"]["decision"] = decision
    if decision == "declined":
        new["offer"]["reason"] = rng.choice(("Klarer mig selv", "Har allerede en jobplan",
                                             "Ikke nu", "Stoler ikke på kommunen", ""))
    for goal in new["goals"]:
        for sub in goal["subgoals"]:
            sub["status"] = rng.choice(("not_started", "in_progress", "achieved", "dropped"))
    new["follow_up"]["next_date"] = _day(offered + timedelta(days=rng.randrange(60, 500)))
    if rng.random() < 0.5:
        new["follow_up"]["history"] = [{"date": _day(offered + timedelta(days=90)),
                                        "outcome": rng.choice(("continue", "change", "close")),
                                        "note": "Samtale"}]
    new["services"][0]["start"] = _day(offered)
    versions = {1: new}
    if decision != "pending" and rng.random() < 0.6:
        signed_on = offered + timedelta(days=rng.randrange(3, 60))
        new["status"] = "signed"
        new["signatures"]["citizen_signed"] = new["signatures"]["caseworker_signed"] = \
            _day(signed_on)
        new["updated"] = f"{_day(signed_on)}T10:00:00Z"
        if rng.random() < 0.4:
            draft = copy.deepcopy(new)
            draft["version"], draft["status"] = 2, "draft"
            draft["signatures"] = {"place": new["signatures"].get("place", "")}
            draft["replaces"] = {"version": 1, "signed": _day(signed_on)}
            draft["updated"] = f"{_day(signed_on + timedelta(days=100))}T10:00:00Z"
            versions[2] = draft
        elif rng.random() < 0.2:
            new["status"] = "closed"
    return versions


def fill(folder: Path, count: int) -> float:
    """`count` case files written directly, then indexed once with the facts; the seconds
    the indexing took."""
    doc, rng = example(), random.Random(15)
    PlanStore(folder).close()
    layout = Layout(folder)
    for i in range(count):
        versions = variant(doc, i, rng)
        data = {TABLE: {str(n): v for n, v in versions.items()}}
        layout.case(versions[1]["id"]).write_text(json.dumps(data, ensure_ascii=False),
                                                  encoding="utf-8")
    layout.index.unlink(missing_ok=True)
    layout.journal.unlink(missing_ok=True)
    started = time.perf_counter()
    PlanStore(folder, facts=store_facts()).close()
    return time.perf_counter() - started


def timed(work, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def command(folder: Path, *args: str, compiled: bool = True, store: str = "") -> float:
    """The wall time of one `planbro` run on `folder` (s): with its bytecode compiled once
    into the scratch folder's cache (`compiled`, as installed), or compiled at each start;
    on the team store at `store` when given."""
    env = {**os.environ, "PLANBRO_DATA_DIR": str(folder),
           "PLANBRO_CONFIG_DIR": str(folder.parent / "config"), "PLANBRO_STORE": store}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder.parent / "pycache")
    if not compiled:
        # Neither written nor read: a cache of its own that stays empty (a checkout's
        # __pycache__ folders would otherwise be read).
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env["PYTHONPYCACHEPREFIX"] = tempfile.mkdtemp(prefix="pycache-", dir=folder.parent)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "planbro", "--data-dir", str(folder), *args],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--no-team", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="planbro-overview-", dir=args.dir))
    folder = scratch / "data"
    rows = []
    try:
        indexed = fill(folder, args.plans)
        rows.append((f"index {args.plans:,} plans with their facts (once)", indexed * 1000,
                     "after an upgrade or a lost index"))
        with PlanStore(folder, read_only=True) as store:
            summaries = store.summaries()
            assert all(s.overview is not None for s in summaries)
            plan = store.get(next(s.id for s in summaries if s.status == "draft"))
            rows.append(("open + summaries (baseline)", timed(
                lambda: PlanStore(folder, read_only=True).summaries(), args.rounds), ""))
            rows.append(("summaries, store open", timed(store.summaries, args.rounds), ""))
            whole = timed(lambda: compute(store, today=TODAY), args.rounds)
            rows.append(("compute: the whole store, store open", whole, ""))
            unit = timed(lambda: compute(store, start=date(2026, 1, 1), end=date(2026, 11, 30),
                                         unit="Team Nord", today=TODAY), args.rounds)
            rows.append(("compute: one unit, 2026, store open", unit, ""))
            rows.append(("open + summaries + compute: the whole store", timed(
                lambda: compute(PlanStore(folder, read_only=True), today=TODAY), args.rounds),
                f"the app's figures; target ≤ {TARGETS['app']} ms"))
            rows += app_window(store, args.rounds)
            some = summaries[:200]
            per_plan = timed(lambda: [facts_of_stored(store, s.id) for s in some], 1) / len(some)
            rows.append(("without facts: read and check 1 plan", per_plan,
                         f"≈ {per_plan * args.plans / 1000:.0f} s for {args.plans:,}"))
        with PlanStore(folder, facts=store_facts()) as store:
            rows.append(("save 1 plan with its facts", timed(lambda: store.save(
                _touched(plan)), args.rounds), "fsync included"))
        with PlanStore(folder) as store:
            rows.append(("save 1 plan without facts", timed(lambda: store.save(
                _touched(plan)), args.rounds), "baseline"))
        # Once, to compile every module into the scratch folder's bytecode cache.
        command(folder, "overblik")
        cli = statistics.median(command(folder, "overblik") for _ in range(args.rounds))
        uncompiled = statistics.median(command(folder, "overblik", compiled=False)
                                       for _ in range(args.rounds))
        listed = statistics.median(command(folder, "list", "--json") for _ in range(args.rounds))
        started = statistics.median(command(folder, "--version") for _ in range(args.rounds))
        rows.append(("planbro overblik", cli * 1000, f"target ≤ {TARGETS['cli']} ms"))
        rows.append(("planbro overblik, modules compiled at each start", uncompiled * 1000,
                     "PYTHONDONTWRITEBYTECODE=1"))
        rows.append(("planbro list --json (baseline)", listed * 1000, "the same store"))
        rows.append(("planbro --version (the command's start)", started * 1000, ""))
        if not args.no_team:
            rows += team_lines(folder, args.plans, args.rounds)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    width = max(len(r[0]) for r in rows)
    print(f"{args.plans:,} plans\n{'what':<{width}}  {'median ms':>10}  note")
    for what, ms, note in rows:
        print(f"{what:<{width}}  {ms:>10.1f}  {note}")


def team_lines(folder: Path, count: int, rounds: int) -> list[tuple[str, float, str]]:
    """The same plans with the same facts in a team store on a throwaway server: the overview
    chosen by the server, in-process with the store open and as the command."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import psycopg

    from planbro.storage.postgres.overview_rows import write_facts
    from planbro.storage.postgres.rows import columns, store_rows

    from planbro.actions.team import open_team_store

    from pg_server import running_server

    with PlanStore(folder, read_only=True) as local:
        facts = {summary.id: summary.overview for summary in local.summaries()}
    rows = []
    with running_server() as server:
        database = server.new_database()
        address = server.url(database)
        open_team_store(address, via="cli", data_dir=folder).close()
        doc, rng = example(), random.Random(15)
        started = time.perf_counter()
        with psycopg.connect(server.dsn(database)) as connection:
            for first in range(0, count, 500):
                with connection.transaction(), connection.pipeline():
                    for i in range(first, min(count, first + 500)):
                        versions = variant(doc, i, rng)
                        plan_id = versions[1]["id"]
                        store_rows(connection, plan_id, 0, columns(versions, None),
                                   list(versions.values()))
                        write_facts(connection, plan_id, facts[plan_id])
        rows.append((f"team store: {count:,} plans put in (once, facts given)",
                     (time.perf_counter() - started) * 1000, "rows written directly"))
        with open_team_store(address, via="cli", data_dir=folder) as team:
            chosen: list[PlanSummary] = []
            rows.append(("team store: rows chosen by the server, one unit, 2026", timed(
                lambda: chosen.extend(team.overview_summaries(
                    first="2026-01-01", last="2026-11-30", unit="Team Nord", caseworker="",
                    current=next(iter(facts.values()))["f"])), rounds),
                "store open, no plan body read"))
            rows.append(("team store: compute, the whole store, store open", timed(
                lambda: compute(team, today=TODAY), rounds), ""))
            rows.append(("team store: compute, one unit, 2026, store open", timed(
                lambda: compute(team, start=date(2026, 1, 1), end=date(2026, 11, 30),
                                unit="Team Nord", today=TODAY), rounds), ""))
        cli = statistics.median(command(folder, "overblik", store=address)
                                for _ in range(rounds))
        unit = statistics.median(command(folder, "overblik", "--enhed", "Team Nord",
                                         store=address) for _ in range(rounds))
        rows.append(("planbro --store URL overblik", cli * 1000, f"target ≤ {TARGETS['cli']} ms"))
        rows.append(("planbro --store URL overblik --enhed 'Team Nord'", unit * 1000,
                     "a quarter of the plans"))
    return rows


def app_window(store, rounds: int) -> list[tuple[str, float, str]]:
    """The app's window Overblik over the open store, offscreen: opening it (the summaries,
    every figure and their widgets) and a new period (the figures and widgets again)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from planbro.ui.overview.window import OverviewWindow

    app = QApplication.instance() or QApplication([])
    windows = []

    def opened() -> None:
        window = OverviewWindow(store, today=TODAY)
        window.show()
        app.processEvents()
        windows.append(window)

    shown = timed(opened, rounds)
    window = windows[-1]
    starts = iter([date(2026, 1, 1) + timedelta(days=n) for n in range(rounds)])

    def new_period() -> None:
        window.start_box.set_value(next(starts))
        window.update_figures()
        app.processEvents()

    period = timed(new_period, rounds)
    for made in windows:
        made.close()
        made.deleteLater()
    app.processEvents()
    return [("app: open Overblik (summaries, figures, widgets)", shown,
             f"target ≤ {TARGETS['app']} ms, store open"),
            ("app: Overblik, a new period", period, "summaries kept")]


def _touched(plan):
    """The draft `plan` with its purpose changed (each save writes)."""
    plan.purpose += " Justeret."
    return plan


if __name__ == "__main__":
    main()
