"""Starting the app on an encrypted data folder: opened without asking when PLANBRO_PASSPHRASE
(or the credential store) can, else the recovery key is asked for, a wrong one told and asked
again; cancelling explains and the app does not start. Where the computer has a credential
store, the key typed is remembered for this user (unless the box is unticked), and a store that
refuses is told while the app opens."""

import keyring
import pytest
from ui_support import TODAY

from planbro.crypto.kdf import CHEAP_FOR_TESTS
from planbro.crypto.keys import create

from planbro.settings import UserSettings, save_settings
from planbro.storage import PlanStore

from planbro.ui import app as app_module
from planbro.ui.common.dialogs import SecretAnswer
from planbro.ui.common.scripted_dialogs import ScriptedDialogs

from keyring_support import BrokenKeyring

# The passphrase of the encrypted test folder.
PASSPHRASE = "Fire heste på Amager Fælled"


@pytest.fixture(autouse=True)
def _settings(_no_real_keyring):
    save_settings(UserSettings(caseworker_name="Mette Kjær", municipality_name="Holbæk Kommune"))


@pytest.fixture
def keyed(tmp_path, example_plan):
    """An encrypted data folder holding the example plan; its recovery key."""
    folder = tmp_path / "data"
    made = create(folder, passphrase=PASSPHRASE, use_credential_store=False, kdf=CHEAP_FOR_TESTS)
    with PlanStore(folder, keys=made.chain) as store:
        store.save(example_plan)
    return folder, made.recovery_key


def test_the_passphrase_in_the_environment_opens_it_without_asking(qtbot, keyed, monkeypatch,
                                                                   example_plan):
    folder, _key = keyed
    monkeypatch.setenv("PLANBRO_PASSPHRASE", PASSPHRASE)
    dialogs = ScriptedDialogs()
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    assert dialogs.calls_of("ask_secret") == []
    assert window.store.get(example_plan.id).citizen.name == example_plan.citizen.name
    window.store.close()


def test_a_wrong_key_is_told_and_the_recovery_key_then_opens_it(qtbot, keyed, example_plan):
    folder, recovery_key = keyed
    dialogs = ScriptedDialogs().queue("ask_secret", "forkert forkert forkert", recovery_key)
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    first, second = dialogs.calls_of("ask_secret")
    assert str(folder) in first.text and "gendannelsesnøglen" in first.text
    assert "hverken dens adgangsfrase eller dens gendannelsesnøgle" in second.text
    assert window.store.get(example_plan.id).id == example_plan.id
    window.store.close()


def test_cancelling_explains_and_the_app_does_not_start(qtbot, keyed):
    folder, _key = keyed
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    dialogs = ScriptedDialogs().queue("ask_secret", None)
    assert app_module.start(folder, dialogs, today=TODAY) is None
    [told] = dialogs.calls_of("warn")
    assert "Planbro lukker" in told.text and str(folder) in told.text
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before



def test_without_a_credential_store_the_box_to_remember_is_not_offered(qtbot, keyed):
    folder, recovery_key = keyed
    dialogs = ScriptedDialogs().queue("ask_secret", recovery_key)
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    [asked] = dialogs.calls_of("ask_secret")
    assert asked.extra["offer_remember"] is False
    assert "nøglelager" not in window.statusBar().currentMessage()
    window.store.close()


def test_the_recovery_key_typed_on_a_new_login_is_remembered_and_not_asked_again(
        qtbot, keyed, memory_keyring, example_plan):
    folder, recovery_key = keyed
    dialogs = ScriptedDialogs().queue("ask_secret", recovery_key)
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    [asked] = dialogs.calls_of("ask_secret")
    assert asked.extra["offer_remember"] is True
    assert window.statusBar().currentMessage() == (
        "Nøglen er nu gemt i denne brugers nøglelager, så Planbro åbner datamappen uden at "
        "spørge næste gang.")
    assert dialogs.calls_of("warn") == [] and len(memory_keyring.secrets) == 1
    window.store.close()
    window.close()
    again = ScriptedDialogs()
    window = app_module.start(folder, again, today=TODAY)
    qtbot.addWidget(window)
    assert again.calls_of("ask_secret") == []
    assert window.store.get(example_plan.id).citizen.name == example_plan.citizen.name
    window.store.close()


def test_the_box_unticked_remembers_nothing(qtbot, keyed, memory_keyring):
    folder, recovery_key = keyed
    dialogs = ScriptedDialogs().queue("ask_secret", SecretAnswer(recovery_key, remember=False))
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    assert memory_keyring.secrets == {}
    assert "nøglelager" not in window.statusBar().currentMessage()
    window.store.close()


def test_a_credential_store_that_refuses_is_told_and_the_app_opens(qtbot, keyed, example_plan):
    folder, recovery_key = keyed
    keyring.set_keyring(BrokenKeyring())
    dialogs = ScriptedDialogs().queue("ask_secret", recovery_key)
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    [told] = dialogs.calls_of("warn")
    assert "Nøglen kunne ikke gemmes i denne brugers nøglelager" in told.text
    assert "nøglelageret afviste den" in told.text
    assert window.store.get(example_plan.id).id == example_plan.id
    window.store.close()
