"""Screenshots of the app on the team store (#14) for the README, from invented plans on a
throwaway PostgreSQL server (tests/pg_server.py starts one and removes it afterwards).

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python tools/screenshot_team.py
    options: --out DIR (default docs/images)

Writes team-caseload.png (Teamets sager with the view selector, a colleague's plan open
and its tooltip) and team-open-by.png (that plan's read-only wizard, "Åben hos … siden …").
Private data and config folders; names and CPR numbers invented (screenshots.CASELOAD).
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
import tempfile
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

# The repository's top folder.
ROOT = Path(__file__).resolve().parent.parent
# The caseload window's size in the picture, in device-independent pixels.
CASELOAD_SIZE = (1180, 520)
# The team: the caseworker of the window, and the colleagues the plans are spread over.
WORKERS = ("Mette Kjær", "Anna Jensen", "Mette Kjær", "Lars Holm")
# Qt's tooltip role (Qt.ItemDataRole.ToolTipRole), without importing Qt at the top.
TOOLTIP_ROLE = 3
# The citizen whose plan Anna Jensen has open in the pictures.
HELD = "Jonas Mikkelsen Østergaard"


def make_team(address: str, scratch: Path, today: date) -> dict:
    """The invented caseload on the team store, spread over the team; {name: plan id}."""
    from planbro.exchange import read_plan_file
    from planbro.model.plan import new_id

    from planbro.storage.postgres import TeamStore

    from planbro.actions.team import quality_signal

    from screenshots import CASELOAD

    base = read_plan_file(resources.files("planbro.forms") / "example-plan.json")
    ids = {}
    with TeamStore(address, holder="Kontoret", signal=quality_signal(),
                   data_dir=scratch / "office") as office:
        for number, (name, cpr, status, _versions, _ago, days, change) in enumerate(CASELOAD):
            plan = copy.deepcopy(base)
            plan.id = new_id()
            plan.citizen.name, plan.citizen.cpr = name, cpr
            plan.caseworker.name = WORKERS[number % len(WORKERS)]
            plan.caseworker.unit = "Hjemløseteamet"
            plan.follow_up.next_date = None if days is None else today + timedelta(days=days)
            if "purpose" in change:
                plan.purpose = change["purpose"]
            if change.get("vague") and plan.goals:
                plan.goals[0].title = "Få det bedre og blive mere stabil"
            if change.get("no_services"):
                plan.services = []
            office.save(plan)
            if status in ("signed", "closed"):
                office.sign(plan.id, today - timedelta(days=30))
            if status == "closed":
                office.close_case(plan.id)
            ids[name] = plan.id
    return ids


def settle(app) -> None:
    for _ in range(5):
        app.processEvents()


def caseload_picture(window, app, out: Path) -> None:
    """The caseload with the held plan's tooltip ("Ansvarlig …", "Åben hos …") shown: under
    Xvfb the screen is grabbed, as a tooltip is a window of its own; offscreen, the window."""
    from PySide6.QtWidgets import QToolTip

    table = window.table
    index = table.currentIndex().siblingAtColumn(0)
    rect = table.visualRect(index)
    point = table.viewport().mapToGlobal(rect.center())
    QToolTip.showText(point, index.data(TOOLTIP_ROLE), table.viewport())
    settle(app)
    screen = window.screen()
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" or screen is None:
        window.grab().save(str(out))
        return
    frame = window.geometry()
    screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height()).save(str(out))
    QToolTip.hideText()


def pictures(out: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from PySide6.QtWidgets import QApplication

    from planbro.translation import set_language

    from planbro.settings import UserSettings, save_settings

    from planbro.ui.common.scripted_dialogs import ScriptedDialogs
    from planbro.ui.qt_i18n import install_qt_translators

    from pg_server import running_server

    set_language("da")
    app = QApplication(sys.argv[:1])
    app._planbro_translators = install_qt_translators(app, "da")
    scratch = Path(tempfile.mkdtemp(prefix="planbro-team-shots-"))
    os.environ["PLANBRO_CONFIG_DIR"] = str(scratch / "config")
    today = date.today()
    with running_server() as server:
        address = server.url(server.new_database())
        ids = make_team(address, scratch, today)
        settings = UserSettings(caseworker_name="Mette Kjær", caseworker_unit="Hjemløseteamet",
                                municipality_name="Holbæk Kommune", store=address)
        save_settings(settings)
        from planbro.storage.postgres import TeamStore

        # Anna Jensen has one plan open for editing on her computer.
        anna = TeamStore(address, holder="Anna Jensen", data_dir=scratch / "anna")
        anna.leases.take(ids[HELD])

        from planbro.ui.app import start

        dialogs = ScriptedDialogs(confirm=False)
        window = start(scratch / "data", dialogs, encrypt=False)
        window.resize(*CASELOAD_SIZE)
        window.team.set_view("team")
        window.quality.run_all()
        window.select_plan(ids[HELD])
        settle(app)
        caseload_picture(window, app, out / "team-caseload.png")
        window.plan_actions.actions["open"].trigger()
        wizard = window.plan_actions.wizards[ids[HELD]]
        settle(app)
        wizard.grab().save(str(out / "team-open-by.png"))
        wizard.close()
        window.close()
        window.store.close()
        anna.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT / "tools"))
    args.out.mkdir(parents=True, exist_ok=True)
    pictures(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
