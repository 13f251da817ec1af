"""A real Planbro process for test_wizard_resume: opens the wizard offscreen on
a new plan, walks to step 3, types the purpose, waits for the autosave, says
so on stdout, and keeps running until the test kills it with SIGKILL. An encrypted
data folder is unlocked with PLANBRO_PASSPHRASE, as a script would.

    python wizard_child.py PLAN_ID TEXT
"""

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from planbro.crypto import keyfile  # noqa: E402
from planbro.crypto.keys import unlock  # noqa: E402

from planbro.model import Plan  # noqa: E402

from planbro.storage import PlanStore, default_data_dir  # noqa: E402

from planbro.ui.common.scripted_dialogs import ScriptedDialogs  # noqa: E402
from planbro.ui.wizard import PlanWizard  # noqa: E402


def main() -> None:
    plan_id, text = sys.argv[1], sys.argv[2]
    app = QApplication([])
    folder = default_data_dir()
    store = PlanStore(folder, keys=unlock(folder) if keyfile.exists(folder) else None)
    plan = Plan(id=plan_id)
    plan.citizen.name = "Kim Larsen"
    wizard = PlanWizard(store, plan, dialogs=ScriptedDialogs())
    wizard.show()
    wizard.next()
    wizard.next()
    page = wizard.currentPage()
    purpose = next(f.editors["purpose"] for f in page.forms if "purpose" in f.editors)
    purpose.edit.setFocus()
    # Only a save that holds the whole text counts: an earlier save (of the
    # steps walked, or mid-typing on a loaded machine) must not end the test.
    wizard.plan_saved.connect(
        lambda saved_id: store.get(saved_id).purpose == text and print("SAVED", saved_id, flush=True))
    QTest.keyClicks(purpose.edit, text)
    print("TYPED", flush=True)
    app.exec()


main()
