"""Cold start to a usable caseload with 1,000 stored plans, next to a bare PySide6 window.

    .venv/bin/python tests/benchmarks/bench_startup.py              # 7 runs of each
    .venv/bin/python tests/benchmarks/bench_startup.py --runs 3 --plans 200
    options: --dir DIR (scratch folder; use a real disk, not tmpfs)

Each run is a new process, timed from just before it is spawned until it
prints that its window has been painted (the app: PLANBRO_EXIT_WHEN_READY=1,
after the caseload table's first paint). The baseline is the same for a
QApplication with one empty QMainWindow. Runs alternate between the two so a
busy moment of the machine hurts both alike; medians are printed.
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
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from planbro.exchange import read_plan_file
from planbro.model.plan import new_id

from planbro.settings import UserSettings, save_settings
from planbro.storage import PlanStore

# The issue's target for the app, in seconds (median).
TARGET = 1.0
# What the issue measured for a bare PySide6 window on this machine kind (s).
ISSUE_BASELINE = 0.23
# The line both programs print when their window is painted.
READY = "planbro-ready"

# A bare PySide6 window, printing READY after its first paint, like the app does.
BASELINE_SCRIPT = f"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Planbro")
window.resize(1180, 640)

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print("{READY}", flush=True), app.quit()))
            obj.removeEventFilter(self)
        return False

painted = Painted()
window.installEventFilter(painted)
window.show()
app.exec()
"""

# Invented first names and family names for the stored citizens.
FIRST = ["Anna", "Bo", "Carl", "Dorte", "Emil", "Freja", "Gitte", "Hans", "Ida", "Jonas"]
LAST = ["Holm", "Jensen", "Nørgaard", "Lund", "Østergaard", "Berg", "Kjær", "Møller"]


def fill_store(folder: Path, count: int) -> None:
    base = read_plan_file(resources.files("planbro.forms") / "example-plan.json")
    rng = random.Random(141)
    with PlanStore(folder) as store:
        for i in range(count):
            plan = copy.deepcopy(base)
            plan.id = new_id()
            plan.created = plan.updated = ""
            plan.citizen.name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            plan.follow_up.next_date = date.today() + timedelta(days=rng.randint(-60, 300))
            store.save(plan)
            if i % 3 == 0:
                store.sign(plan.id, date.today() - timedelta(days=rng.randint(1, 200)))


def time_until_ready(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    for line in process.stdout:
        if line.startswith(READY):
            elapsed = time.perf_counter() - started
            break
    else:
        process.wait()
        raise RuntimeError(f"{command[:3]} exited ({process.returncode}) without {READY}")
    process.wait(timeout=60)
    return elapsed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="planbro-bench-", dir=args.dir))
    try:
        data, config = scratch / "data", scratch / "config"
        filled = time.perf_counter()
        fill_store(data, args.plans)
        print(f"stored {args.plans} plans in {time.perf_counter() - filled:.1f} s")
        env = dict(os.environ, PLANBRO_CONFIG_DIR=str(config), PLANBRO_EXIT_WHEN_READY="1")
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        save_settings(UserSettings(caseworker_name="Mette Kjær",
                                   municipality_name="Holbæk Kommune"),
                      config / "settings.json")
        app_command = [sys.executable, "-m", "planbro", "--data-dir", str(data)]
        base_command = [sys.executable, "-c", BASELINE_SCRIPT]
        # One unmeasured start of each: the first ever start compiles .pyc files.
        time_until_ready(app_command, env)
        time_until_ready(base_command, env)
        app_times, base_times = [], []
        for _ in range(args.runs):
            base_times.append(time_until_ready(base_command, env))
            app_times.append(time_until_ready(app_command, env))
        base, app = statistics.median(base_times), statistics.median(app_times)
        print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}, plans: {args.plans}")
        print(f"bare PySide6 window   median {base:.3f} s  "
              f"(runs: {', '.join(f'{t:.3f}' for t in base_times)}; issue: {ISSUE_BASELINE} s)")
        print(f"planbro caseload      median {app:.3f} s  "
              f"(runs: {', '.join(f'{t:.3f}' for t in app_times)}; target ≤ {TARGET} s)")
        print(f"planbro − bare window {app - base:+.3f} s")
        print(json.dumps({"bare_window_s": round(base, 3), "planbro_s": round(app, 3),
                          "plans": args.plans, "target_s": TARGET}))
        return 0 if app <= TARGET else 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
