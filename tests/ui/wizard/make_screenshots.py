"""Screenshots of wizard steps 1, 4, 5 and 9 with the example plan, for the README.

    Xvfb :77 -screen 0 1600x1000x24 &
    DISPLAY=:77 QT_QPA_PLATFORM=xcb .venv/bin/python tests/ui/wizard/make_screenshots.py docs/images

Not a test (pytest does not collect it); run it after a visible change.
"""

import os
import sys
import tempfile
from importlib import resources
from pathlib import Path

from PySide6.QtWidgets import QApplication

from planbro.exchange import read_plan_file
from planbro.storage import PlanStore
from planbro.translation import set_language
from planbro.ui.dialogs import ScriptedDialogs
from planbro.ui.wizard import PlanWizard

# The steps shown in the README, by page id.
STEPS = {1: 0, 4: 3, 5: 4, 9: 8}


def main(target: Path) -> None:
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    set_language("da")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["PLANBRO_CONFIG_DIR"] = scratch
        plan = read_plan_file(resources.files("planbro.forms") / "example-plan.json")
        with PlanStore(Path(scratch) / "store") as store:
            wizard = PlanWizard(store, plan, dialogs=ScriptedDialogs(confirm=False))
            wizard.resize(1280, 860)
            wizard.show()
            for number, page_id in STEPS.items():
                wizard.walk_to(page_id)
                app.processEvents()
                wizard.grab().save(str(target / f"wizard-step-{number}.png"))
            wizard.close()


main(Path(sys.argv[1]))
