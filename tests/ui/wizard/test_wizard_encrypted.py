"""The grep test through the wizard (#11): a caseworker types a plan in the wizard over an
encrypted data folder, autosave writes it, a Planbro process is killed mid-session and the
draft resumed; no byte of any file Planbro keeps - the data folder and the settings folder
with the wizard's resume file - holds the citizen's name, CPR number or the typed text."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from wizard_support import editor, kill_child_after_its_save, type_in

from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create, unlock

from planbro.model import Plan
from planbro.model.plan import new_id

from planbro.storage import PlanStore, default_data_dir

from planbro.ui.wizard import PlanWizard
from planbro.ui.wizard.autosave import AUTOSAVE_DELAY_MS

from keyring_support import CHILD_ENV

# The passphrase the folder opens with.
PASSPHRASE = "Fire heste på Amager Fælled"
# What the caseworker types here, and what the child types.
NAME, CPR, WORDS = "Sofie Birkegaard", "120379-1235", "Jeg vil gerne bo tæt på min datter"
CHILD_TEXT = "Kim får egen bolig inden sommer"


def _secrets() -> list[bytes]:
    texts = [NAME, *NAME.split(), CPR, CPR.replace("-", ""), WORDS, CHILD_TEXT, "Kim Larsen"]
    found = []
    for text in texts:
        found += [text.encode("utf-8"),
                  text.encode("ascii", "backslashreplace").replace(b"\\x", b"\\u00")]
    return found


def _grep(*folders: Path) -> list[str]:
    hits = []
    for folder in folders:
        for path in (p for p in folder.rglob("*") if p.is_file()):
            data = path.read_bytes()
            hits += [f"{path}: {s!r}" for s in _secrets() if s in data]
    return hits


def test_typing_in_the_wizard_leaves_no_plaintext_on_disk(qtbot, dialogs):
    folder = default_data_dir()
    config = Path(os.environ["PLANBRO_CONFIG_DIR"])
    create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    keys = unlock(folder, PASSPHRASE, environ={}, use_credential_store=False)
    plan = Plan()
    with PlanStore(folder, keys=keys) as store:
        wizard = PlanWizard(store, plan, dialogs=dialogs)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        type_in(qtbot, editor(wizard, "citizen.name").edit, NAME)
        type_in(qtbot, editor(wizard, "citizen.cpr").edit, CPR)
        wizard.next()
        wizard.next()
        type_in(qtbot, editor(wizard, "citizen_words").edit, WORDS)
        saved: list[str] = []
        wizard.plan_saved.connect(saved.append)
        qtbot.waitUntil(lambda: bool(saved), timeout=AUTOSAVE_DELAY_MS * 10)
        assert store.get(plan.id).citizen_words == WORDS, wizard.side.status.text()
        assert _grep(folder, config) == []
        wizard.close()
        assert store.get(plan.id).citizen.cpr == CPR
    other = new_id()
    env = {**os.environ, **CHILD_ENV, "PLANBRO_PASSPHRASE": PASSPHRASE}
    assert kill_child_after_its_save(other, CHILD_TEXT, env) == -signal.SIGKILL
    # Whatever the kill left (temporary files, the journal's tail) is sealed too.
    assert _grep(folder, config) == []
    with PlanStore(folder, keys=keys) as store:
        dialogs.queue("confirm", True)
        resumed = PlanWizard(store, store.get(other), dialogs=dialogs)
        qtbot.addWidget(resumed)
        assert editor(resumed, "purpose").edit.toPlainText() == CHILD_TEXT
        resumed.close()
        assert {s.name for s in store.summaries()} == {NAME, "Kim Larsen"}
    assert _grep(folder, config) == []
