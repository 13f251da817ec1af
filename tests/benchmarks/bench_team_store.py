"""The team store on a real PostgreSQL server, next to the local data folder, in one run.

    .venv/bin/python tests/benchmarks/bench_team_store.py           # 100,000 plans, 20 clients
    .venv/bin/python tests/benchmarks/bench_team_store.py --plans 5000 --clients 4 --saves 20
    options: --caseload N (plans of the measured unit), --saves N (per client),
             --interval S (seconds between a client's saves), --local-plans N,
             --runs N (cold starts of each), --dir DIR (scratch; a real disk), --explain

The server is started for the run (tests/pg_server.py) with durable settings: fsync,
synchronous_commit and full_page_writes on, shared_buffers 1 GB. The stored plans are
variants of forms/example-plan.json loaded with COPY in the store's own row format
(storage/postgres/rows.py columns()), then VACUUM ANALYZE, as a server in use would be;
every measured operation goes through TeamStore, as the caseworker roles of
sql/setup_roles.sql, under row-level security:
- saves: --clients processes, each its own caseworker role and TeamStore as the app opens
  it (quality light and all), each editing its own plans as the wizard does: take the
  lease, read, autosave every --interval seconds, give the lease back; one plan stays
  open (leased) the whole run, and each client tries now and then to save a colleague's
  open plan, which must be refused. Afterwards, as the owner: every plan holds its
  client's last save, its revision counts every save without a gap, no plan holds
  another client's text, and the audit chain is whole.
- the caseload: summaries() of a caseworker of a unit of --caseload plans.
- cold start: a new `planbro` process (PLANBRO_STORE: the team store) until the caseload
  window has been painted offscreen, as bench_startup.py times it.
The local store (PlanStore, one writer) does the same at --local-plans plans.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

# tests/ for pg_server (this folder is on the path as the script's own).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_startup import time_until_ready  # noqa: E402
from team_client import client_main, example_doc, plan_id, variant  # noqa: E402

from pg_server import PgServer  # noqa: E402

# The targets: save p95 and the caseload (ms), cold start (s).
TARGETS = {"save_p95_ms": 20, "caseload_ms": 100, "start_s": 1.5}
# A durable server: nothing is given up for speed in the measured figures.
DURABLE = ("-c fsync=on -c synchronous_commit=on -c full_page_writes=on "
           "-c max_connections=200 -c shared_buffers=1GB")
# Plans per unit besides the measured one.
UNIT_SIZE = 2000
# The measured unit, and the caseworker whose caseload is listed and started.
TEAM_UNIT, LISTER = "Team 00", "lister"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def unit_of(i: int, caseload: int) -> str:
    return TEAM_UNIT if i < caseload else f"Team {1 + (i - caseload) // UNIT_SIZE:02d}"


def load_plans(dsn: str, doc: dict, count: int, caseload: int) -> float:
    """`count` plans written with COPY as the store's rows (one draft version each)."""
    import psycopg
    from psycopg.types.json import Jsonb

    from planbro.storage.postgres.rows import SUMMARY_COLUMNS, columns

    started = time.perf_counter()
    with psycopg.connect(dsn) as connection:
        for first in range(0, count, 10000):
            batch = [variant(doc, i, unit_of(i, caseload)) for i in range(first, min(count, first + 10000))]
            with connection.cursor() as cursor:
                with cursor.copy(f"COPY planbro.plans (revision, {', '.join(SUMMARY_COLUMNS)}) "
                                 "FROM STDIN") as copy:
                    for each in batch:
                        values = columns({1: each}, None)
                        copy.write_row([1, *(values[c] for c in SUMMARY_COLUMNS)])
                with cursor.copy("COPY planbro.plan_versions (plan_id, version, body) "
                                 "FROM STDIN") as copy:
                    for each in batch:
                        copy.write_row([each["id"], 1, Jsonb(each)])
            connection.commit()
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def make_roles(server: PgServer, database: str, clients: int, caseload: int) -> list[str]:
    """setup_roles.sql as IT runs it, the lister in the measured unit and one caseworker
    role per client (in two units when the plans reach two); the clients' roles."""
    with resources.as_file(resources.files("planbro.storage.postgres").joinpath(
            "sql", "setup_roles.sql")) as path:
        done = subprocess.run(
            [str(server.bin / "psql"), "-X", "-q", "-h", str(server.socket_dir), "-p",
             str(server.port), "-U", "postgres", "-d", database, "-f", str(path)],
            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode:
        raise RuntimeError(done.stderr)
    roles = [f"client{i:02d}" for i in range(clients)]
    for role in [LISTER, *roles]:
        server.execute(f"CREATE ROLE {role} LOGIN IN ROLE planbro_caseworker")
        server.execute(f"INSERT INTO planbro.unit_members VALUES ('{role}', '{TEAM_UNIT}')", database)
    return roles


def assign(count: int, caseload: int, clients: int, per_client: int) -> list[list[str]]:
    """Each client's own plans (ids), all of the measured unit: a team's caseworkers."""
    if clients * per_client > min(count, caseload):
        raise SystemExit("too few plans in the unit for the clients")
    return [[plan_id(c * per_client + k) for k in range(per_client)] for c in range(clients)]


def run_clients(server: PgServer, database: str, roles: list[str], owned: list[list[str]],
                scratch: Path, saves: int, interval: float) -> list[dict]:
    """The clients as processes, started together once each has its store open."""
    folder = scratch / "clients"
    folder.mkdir()
    processes = []
    for i, role in enumerate(roles):
        pinned_others = [owned[j][0] for j in range(len(roles)) if j != i]
        job = {"address": server.url(database, user=role), "role": role, "plans": owned[i],
               "others": pinned_others, "saves": saves, "interval": interval, "seed": i,
               "folder": str(folder), "data_dir": str(scratch / "data" / role)}
        processes.append(subprocess.Popen([sys.executable, __file__, "--client", json.dumps(job)],
                                          stdin=subprocess.DEVNULL))
    deadline = time.time() + 120
    while sum(1 for r in roles if (folder / f"{r}.ready").exists()) < len(roles):
        if time.time() > deadline or any(p.poll() not in (None, 0) for p in processes):
            raise RuntimeError("a client did not get ready")
        time.sleep(0.05)
    (folder / "go").touch()
    while sum(1 for r in roles if (folder / f"{r}.done").exists()) < len(roles):
        if any(p.poll() not in (None, 0) for p in processes):
            raise RuntimeError("a client failed")
        time.sleep(0.05)
    (folder / "stop").touch()
    for process in processes:
        if process.wait() != 0:
            raise RuntimeError(f"a client failed ({process.returncode})")
    return [json.loads((folder / f"{r}.json").read_text()) for r in roles]


def verify(server: PgServer, database: str, results: list[dict], count: int) -> list[str]:
    """Problems found as the owner: lost, crossed or uncounted writes, a broken chain."""
    import psycopg

    from planbro.storage.postgres.audit import first_break

    problems = []
    with psycopg.connect(server.dsn(database)) as connection:
        rows = {pid: (rev, purpose) for pid, rev, purpose in connection.execute(
            "SELECT p.id, p.revision, v.body->>'purpose' FROM planbro.plans p JOIN "
            "planbro.plan_versions v ON v.plan_id = p.id AND v.version = p.version "
            "WHERE p.revision > 1")}
        audit = connection.execute("SELECT seq, line FROM planbro.audit ORDER BY seq").fetchall()
        total = connection.execute("SELECT count(*) FROM planbro.plans").fetchone()[0]
    touched = set()
    for result in results:
        for pid, (saved, last) in result["saved"].items():
            touched.add(pid)
            revision, purpose = rows.get(pid, (1, None))
            if revision != 1 + saved:
                problems.append(f"{pid}: revision {revision}, {saved} saves")
            if purpose != last:
                problems.append(f"{pid}: holds «{purpose}», last save was «{last}»")
            if purpose and result["role"] not in purpose:
                problems.append(f"{pid}: holds another client's text")
        problems += [f"crossed write on {pid}" for pid in result["crossed"]]
    problems += [f"{pid}: changed by no client" for pid in set(rows) - touched]
    if total != count:
        problems.append(f"{total} plans stored, {count} expected")
    broken = first_break([(int(seq), line) for seq, line in audit])
    if broken is not None:
        problems.append(f"audit chain breaks at {broken}")
    return problems


def caseload(server: PgServer, database: str, scratch: Path, rounds: int,
             explain: bool) -> tuple[float, float, int]:
    """summaries() as the lister (row-level security): the first call, the median after."""
    from planbro.actions.team import open_team_store

    opened = time.perf_counter()
    store = open_team_store(server.url(database, user=LISTER), via="app",
                            data_dir=scratch / "data" / LISTER)
    try:
        first_started = time.perf_counter()
        found = store.summaries()
        first = time.perf_counter() - first_started
        samples = []
        for _ in range(rounds):
            started = time.perf_counter()
            store.summaries()
            samples.append(time.perf_counter() - started)
        if explain:
            from planbro.storage.postgres.handover import RESPONSIBLE_TODAY
            with store._connection() as connection:
                for (line,) in connection.execute(
                        f"EXPLAIN (ANALYZE, BUFFERS) SELECT id, {RESPONSIBLE_TODAY} "
                        "FROM planbro.plans"):
                    print("   ", line)
    finally:
        store.close()
    print(f"  open the team store (lister): {(first_started - opened) * 1000:.0f} ms")
    return first * 1000, statistics.median(samples) * 1000, len(found)


def local_figures(doc: dict, scratch: Path, count: int, saves: int,
                  rounds: int) -> dict[str, float]:
    """The local store at `count` plans: save (one writer), open + summaries, summaries."""
    from planbro.audit import AuditLog
    from planbro.storage import PlanStore
    from planbro.storage.casefile import TABLE
    from planbro.storage.paths import Layout

    folder = scratch / "local"
    PlanStore(folder).close()
    layout = Layout(folder)
    for i in range(count):
        plan = variant(doc, i, TEAM_UNIT)
        layout.case(plan["id"]).write_bytes(
            json.dumps({TABLE: {"1": plan}}, ensure_ascii=False).encode("utf-8"))
    PlanStore(folder).close()
    samples = []
    with PlanStore(folder, audit=AuditLog(folder), via="app") as store:
        plans = [store.get(plan_id(i)) for i in range(min(count, 10))]
        for k in range(saves):
            plan = plans[k % len(plans)]
            plan.purpose = f"{doc['purpose']} [local {k}]"
            started = time.perf_counter()
            store.save(plan)
            samples.append(time.perf_counter() - started)
    cold, warm = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        with PlanStore(folder, read_only=True) as store:
            store.summaries()
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            store.summaries()
            warm.append(time.perf_counter() - started)
    samples.sort()
    return {"save_p50": statistics.median(samples) * 1000,
            "save_p95": samples[int(len(samples) * 0.95)] * 1000,
            "open_summaries": statistics.median(cold) * 1000,
            "summaries": statistics.median(warm) * 1000}


def cold_starts(server: PgServer, database: str, scratch: Path, runs: int) -> dict[str, list]:
    """New `planbro` processes until the caseload is painted: team store, local, alternating."""
    from planbro.settings import UserSettings, save_settings

    config = scratch / "config"
    save_settings(UserSettings(caseworker_name="Lister Holm", municipality_name="Holbæk Kommune"),
                  config / "settings.json")
    env = dict(os.environ, PLANBRO_CONFIG_DIR=str(config), PLANBRO_EXIT_WHEN_READY="1")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("PLANBRO_STORE", None)
    team_env = dict(env, PLANBRO_STORE=server.url(database, user=LISTER))
    commands = {
        "team": ([sys.executable, "-m", "planbro", "--data-dir", str(scratch / "data" / LISTER)],
                 team_env),
        "local": ([sys.executable, "-m", "planbro", "--data-dir", str(scratch / "local")], env),
    }
    times: dict[str, list] = {name: [] for name in commands}
    for command, environment in commands.values():
        try:
            time_until_ready(command, environment)  # unmeasured: .pyc files, caches
        except RuntimeError:
            done = subprocess.run(command, env=environment, capture_output=True, text=True,
                                  stdin=subprocess.DEVNULL, timeout=120)
            raise RuntimeError(f"the app did not start: {done.stderr[-3000:]}") from None
    for _ in range(runs):
        for name, (command, environment) in commands.items():
            times[name].append(time_until_ready(command, environment))
    return times


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--caseload", type=int, default=2000)
    parser.add_argument("--saves", type=int, default=100, help="saves per client")
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--local-plans", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=None)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--client", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client:
        return client_main(json.loads(args.client))

    print(f"load at start: {uptime()}")
    doc = example_doc()
    scratch = Path(tempfile.mkdtemp(prefix="planbro-bench-", dir=args.dir))
    server = PgServer()
    server.settings = DURABLE
    figures: dict[str, object] = {"plans": args.plans, "clients": args.clients}
    try:
        server.start()
        database = server.new_database()
        from planbro.storage.postgres import TeamStore
        TeamStore(server.url(database), data_dir=scratch / "owner").close()
        loaded = load_plans(server.dsn(database), doc, args.plans, args.caseload)
        print(f"loaded {args.plans:,} plans ({len(json.dumps(doc)) / 1000:.1f} KB each as "
              f"exchange JSON) with COPY + VACUUM ANALYZE in {loaded:.1f} s")
        roles = make_roles(server, database, args.clients, args.caseload)
        owned = assign(args.plans, args.caseload, args.clients, 5)

        first, warm, listed = caseload(server, database, scratch, 7, args.explain)
        print(f"load before the saves: {uptime()}")
        results = run_clients(server, database, roles, owned, scratch, args.saves, args.interval)
        print(f"load after the saves: {uptime()}")
        samples = [s for r in results for s in r["samples"]]
        cpus = [s for r in results for s in r["cpu"]]
        audited = [s for r in results for s, a in zip(r["samples"], r["audited"], strict=True) if a]
        plain = [s for r in results for s, a in zip(r["samples"], r["audited"], strict=True) if not a]
        opened = [s for r in results for s in r["opened"]]
        took = max(r["seconds"] for r in results)
        problems = verify(server, database, results, args.plans)
        refused = sum(r["refused"] for r in results)
        attempts = sum(r["attempts"] for r in results)
        local = local_figures(doc, scratch, args.local_plans, args.saves, 7)
        starts = cold_starts(server, database, scratch, args.runs)
        print(f"load at the end: {uptime()}")
    finally:
        server.remove()
        shutil.rmtree(scratch, ignore_errors=True)

    team_start, local_start = statistics.median(starts["team"]), statistics.median(starts["local"])
    p95 = percentile(samples, 0.95) * 1000
    rows = [
        (f"save p95 ({len(samples):,} saves by {args.clients} clients, one per "
         f"~{args.interval:g} s each)", f"{p95:.1f} ms", f"{local['save_p95']:.1f} ms (1 writer)",
         f"≤ {TARGETS['save_p95_ms']} ms"),
        ("save median", f"{percentile(samples, 0.5) * 1000:.1f} ms",
         f"{local['save_p50']:.1f} ms", ""),
        ("save p99 / max", f"{percentile(samples, 0.99) * 1000:.1f} / {max(samples) * 1000:.1f} ms",
         "", ""),
        (f"save p95: {len(plain):,} saves / {len(audited):,} with an audit record",
         f"{percentile(plain, 0.95) * 1000:.1f} / {percentile(audited, 0.95) * 1000:.1f} ms"
         if audited and plain else "", "", ""),
        ("open a plan for editing: lease + get (median)",
         f"{statistics.median(opened) * 1000:.1f} ms", "", ""),
        ("save: the client's own CPU (median)", f"{statistics.median(cpus) * 1000:.1f} ms", "", ""),
        (f"caseload: summaries() of {listed:,} (first call)", f"{first:.1f} ms",
         f"{local['open_summaries']:.1f} ms (open + summaries)", f"≤ {TARGETS['caseload_ms']} ms"),
        ("caseload: summaries() again (median)", f"{warm:.1f} ms", f"{local['summaries']:.1f} ms",
         ""),
        (f"cold start to the caseload (median of {args.runs})", f"{team_start:.2f} s",
         f"{local_start:.2f} s", f"≤ {TARGETS['start_s']} s"),
    ]
    print(f"\nteam store: {args.plans:,} plans on PostgreSQL ({server.bin.parent.name}), "
          f"caseload of unit {TEAM_UNIT}: {listed:,}; local store: {args.local_plans:,} plans")
    print(f"{args.clients} clients: {took:.0f} s, {attempts} saves on a colleague's open plan "
          f"tried, {refused} refused; no lost or crossed write: "
          f"{'yes' if not problems else 'NO'}")
    for problem in problems[:20]:
        print("  PROBLEM:", problem)
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'team store':>16}  {'local store':>28}  target")
    for what, team, there, target in rows:
        print(f"{what:<{width}}  {team:>16}  {there:>28}  {target}")
    print("cold starts (s): team " + ", ".join(f"{t:.2f}" for t in starts["team"])
          + "; local " + ", ".join(f"{t:.2f}" for t in starts["local"]))
    figures |= {"save_p95_ms": round(p95, 1), "caseload_ms": round(first, 1),
                "start_s": round(team_start, 2), "problems": len(problems)}
    print(json.dumps(figures))
    met = p95 <= TARGETS["save_p95_ms"] and first <= TARGETS["caseload_ms"] \
        and team_start <= TARGETS["start_s"] and not problems
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
