"""Screenshots of the desktop app for the README, from invented plans.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshots.py
    options: --out DIR (default docs/images), --only caseload|wizard|recovery|overview|team

Writes caseload.png, caseload-150.png (QT_SCALE_FACTOR=1.5), caseload-125.png,
wizard-<n>-<step>.png for each wizard step and recovery-key.png (the recovery
key shown when encryption is turned on; a fresh key that opens nothing) and overblik.png (the
window Overblik over 200 invented plans, screenshot_overview.py), and team-caseload.png and
team-open-by.png (the team store on a throwaway PostgreSQL server, screenshot_team.py). Each picture is taken in a
fresh process (the scale factor is fixed when Qt starts), with a private data
and config folder, so no real data can ever end up in a picture. Under Xvfb
(DISPLAY set) the real xcb platform draws them; without it, offscreen.
"""

from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

# The repository's top folder.
ROOT = Path(__file__).resolve().parent.parent
# The invented caseload: name, CPR, status, versions, days since the last
# change, days to the next follow-up, and what is changed in the example
# plan to vary the quality signal.
CASELOAD = [
    ("Jonas Mikkelsen Østergaard", "120379-1235", "draft", 1, 0, -12, {}),
    ("Fatima Al-Hassan", "030592-2468", "draft", 1, 2, 6, {"purpose": ""}),
    ("Preben Kjærsgaard", "241158-1357", "signed", 2, 130, -40, {}),
    ("Mette Lindholm", "110688-4826", "draft", 2, 5, 45, {"vague": True}),
    ("Ahmad Rahimi", "070701-5139", "signed", 1, 21, 90, {}),
    ("Lise-Lotte Brandt", "300974-2044", "closed", 3, 200, -100, {}),
    ("Kasper Holm Nielsen", "150399-3317", "signed", 1, 75, 12, {}),
    ("Birgitte Aagaard", "020265-1482", "signed", 1, 40, 160, {"vague": True}),
    ("Tobias Frederiksen", "190803-4731", "draft", 1, 1, None, {"no_services": True}),
    ("Susanne Winther", "280781-2266", "signed", 2, 33, 30, {}),
    ("Mohamed Yusuf", "121290-3901", "draft", 1, 9, -3, {}),
    # Declined: the days to the next follow-up are the days to offer the plan again.
    ("Bente Krogh", "050581-2244", "draft", 1, 14, 20, {"declined": True}),
]
# The data folder the recovery key's picture names: a caseworker's on Windows, invented.
SHOWN_DATA_DIR = r"C:\Users\mekj\AppData\Local\Planbro\Planbro"
# Window sizes in device-independent pixels; Qt scales them.
CASELOAD_SIZE = (1180, 560)
# The overview window's size in the picture, likewise.
OVERVIEW_SIZE = (1000, 760)


def _stamp(today: date, days_ago: int, hour: int) -> str:
    return f"{(today - timedelta(days=days_ago)).isoformat()}T{hour:02d}:{(days_ago * 7) % 60:02d}:00Z"


def make_store(data: Path, today: date) -> dict:
    """Fill `data` with the invented caseload through store.put (as an
    import would), so versions and change dates look lived-in; returns
    {name: plan id}."""
    from planbro.exchange import read_plan_file
    from planbro.model.plan import new_id

    from planbro.storage import PlanStore

    base = read_plan_file(resources.files("planbro.forms") / "example-plan.json")
    ids = {}
    with PlanStore(data) as store:
        for number, (name, cpr, status, versions, ago, days, change) in enumerate(CASELOAD):
            plan = copy.deepcopy(base)
            plan.id = new_id()
            plan.citizen.name, plan.citizen.cpr = name, cpr
            plan.follow_up.next_date = None if days is None else today + timedelta(days=days)
            if "purpose" in change:
                plan.purpose = change["purpose"]
            if change.get("vague") and plan.goals:
                plan.goals[0].title = "Få det bedre og blive mere stabil"
            if change.get("no_services"):
                plan.services = []
            if change.get("declined"):
                plan.offer.date = today - timedelta(days=ago)
                plan.offer.decision, plan.offer.reason = "declined", "Vil selv finde et værelse."
                plan.offer.offer_again, plan.follow_up.next_date = plan.follow_up.next_date, None
            for version in range(1, versions + 1):
                last = version == versions
                plan.version = version
                plan.status = status if last else "signed"
                plan.created = _stamp(today, ago + 120 * (versions - version) + 30, 9)
                plan.updated = _stamp(today, ago + 120 * (versions - version), 8 + number % 8)
                signed = plan.status in ("signed", "closed")
                day = today - timedelta(days=ago + 120 * (versions - version))
                plan.signatures.citizen_signed = day if signed else None
                plan.signatures.caseworker_signed = day if signed else None
                store.put(copy.deepcopy(plan))
            ids[name] = plan.id
    return ids


def child(kind: str, out: Path, step: int | None) -> None:
    """Runs in the fresh process: build the app and save one picture."""
    from PySide6.QtWidgets import QApplication

    from planbro.translation import set_language

    from planbro.settings import UserSettings, save_settings

    from planbro.ui.common.scripted_dialogs import ScriptedDialogs
    from planbro.ui.qt_i18n import install_qt_translators

    set_language("da")
    app = QApplication(sys.argv[:1])
    app._planbro_translators = install_qt_translators(app, "da")
    scratch = Path(tempfile.mkdtemp(prefix="planbro-shots-"))
    os.environ["PLANBRO_CONFIG_DIR"] = str(scratch / "config")
    settings = UserSettings(caseworker_name="Mette Kjær", caseworker_unit="Hjemløseteamet",
                            caseworker_phone="72 36 40 00", caseworker_email="mekj@holbaek.dk",
                            municipality_name="Holbæk Kommune",
                            municipality_address="Kanalstræde 2, 4300 Holbæk")
    save_settings(settings)
    today = date.today()
    if kind == "recovery":
        recovery_picture(app, out, today)
        return
    if kind == "overview":
        overview_picture(scratch / "data", out, today, app)
        return
    ids = make_store(scratch / "data", today)

    from planbro.ui.app import start

    dialogs = ScriptedDialogs(confirm=False)
    window = start(scratch / "data", dialogs)
    window.resize(*CASELOAD_SIZE)
    window.quality.run_all()
    if kind == "caseload":
        window.select_plan(ids["Preben Kjærsgaard"])
        settle(app)
        window.grab().save(str(out))
    else:
        from planbro.ui.wizard import PlanWizard

        # The example plan's own citizen, so the texts in it fit the name.
        plan = window.store.get(ids["Jonas Mikkelsen Østergaard"])
        wizard = PlanWizard(window.store, plan, settings=settings, dialogs=dialogs,
                            start_step=step)
        wizard.show()
        settle(app)
        wizard.grab().save(str(out))
        wizard.autosave.flush()
        wizard.close()
    window.close()
    window.store.close()


def overview_picture(data: Path, out: Path, today: date, app) -> None:
    """Overblik over invented plans (screenshot_overview.py): the unit's year so far."""
    from planbro.ui.app import start
    from planbro.ui.common.scripted_dialogs import ScriptedDialogs
    from planbro.ui.overview.window import UNIT as UNIT_SCOPE

    from screenshot_overview import UNIT, make_overview_store

    make_overview_store(data, today)
    window = start(data, ScriptedDialogs(confirm=False))
    shown = window.overview.open()
    shown.resize(*OVERVIEW_SIZE)
    shown.start_box.set_value(date(today.year, 1, 1))
    shown.choose_scope(UNIT_SCOPE, UNIT)
    settle(app)
    shown.grab().save(str(out))
    shown.close()
    window.close()
    window.store.close()


def recovery_picture(app, out: Path, today: date) -> None:
    """The dialog that shows the recovery key once: a fresh key, for no folder at all."""
    from planbro.crypto.recovery import new_recovery_key, sheet_text

    from planbro.actions.encryption import RecoverySheet

    from planbro.ui.common.recovery_dialog import RecoveryKeyDialog
    from planbro.ui.common.scripted_dialogs import ScriptedDialogs

    key = new_recovery_key()
    sheet = RecoverySheet(key, today, Path(SHOWN_DATA_DIR),
                          sheet_text(key, SHOWN_DATA_DIR, today, store_id="5d3e8a0c41b7f926"))
    # Closing the picture's dialog answers "Kryptér ikke" (nothing was encrypted).
    dialog = RecoveryKeyDialog(None, sheet, dialogs=ScriptedDialogs(choose=2))
    dialog.show()
    settle(app)
    dialog.grab().save(str(out))
    dialog.done(0)


def settle(app) -> None:
    # A few turns of the event loop: layouts, fonts and first paints.
    import time
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)


def spawn(kind: str, out: Path, scale: float = 1.0, step: int | None = None) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR=str(scale))
    env.setdefault("QT_QPA_PLATFORM", "xcb" if env.get("DISPLAY") else "offscreen")
    args = [sys.executable, __file__, "--child", kind, "--out", str(out)]
    if step is not None:
        args += ["--step", str(step)]
    subprocess.run(args, env=env, check=True)
    print(out)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "images"))
    parser.add_argument("--only", choices=("caseload", "wizard", "recovery", "overview", "team"))
    parser.add_argument("--child", choices=("caseload", "wizard", "recovery", "overview"))
    parser.add_argument("--step", type=int)
    args = parser.parse_args(argv)
    out = Path(args.out)
    if args.child:
        child(args.child, out, args.step)
        return 0
    out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "caseload"):
        spawn("caseload", out / "caseload.png")
        spawn("caseload", out / "caseload-125.png", 1.25)
        spawn("caseload", out / "caseload-150.png", 1.5)
    if args.only in (None, "wizard"):
        from planbro.formdefs import default_formdefs

        for index, step in enumerate(default_formdefs().steps):
            spawn("wizard", out / f"wizard-{index + 1}-{step.id}.png", step=index)
    if args.only in (None, "recovery"):
        spawn("recovery", out / "recovery-key.png")
    if args.only in (None, "overview"):
        spawn("overview", out / "overblik.png")
    if args.only in (None, "team"):
        # A process of its own: it starts (and removes) its own PostgreSQL server.
        subprocess.run([sys.executable, str(ROOT / "tools" / "screenshot_team.py"), "--out",
                        str(out)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
