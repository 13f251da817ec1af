"""The app turns encryption on at start (planbro.ui.encrypting): a new data folder without asking,
an older Planbro's plaintext folder on Kryptér nu (Senere changes nothing), the recovery key shown
once and refused as a rollback, a passphrase where the computer has no credential store, and
another Planbro holding the folder noted in the status bar."""

import json

import pytest
from ui_support import TODAY

from planbro.crypto import keyfile
from planbro.crypto.keyfile import CREDENTIAL_STORE, PASSPHRASE, RECOVERY
from planbro.crypto.keys import unlock

from planbro.settings import UserSettings, save_settings
from planbro.storage import PlanStore
from planbro.storage.codec import MARKER_FORMAT, MIGRATION_MARKER, PHASE_KEYS

from planbro.ui import app as app_module
from planbro.ui.common.scripted_dialogs import SCRIPTED_PASSPHRASE, ScriptedDialogs

# The passphrase a test types where the computer has no credential store.
PASSPHRASE_TEXT = "Fire heste på Amager Fælled"


@pytest.fixture(autouse=True)
def _settings():
    save_settings(UserSettings(caseworker_name="Mette Kjær", municipality_name="Holbæk Kommune"))


def every_byte(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def plan_files(folder) -> dict:
    """The files that hold plan data, as bytes (the audit log and the lock file aside)."""
    return {p: p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and "audit" not in p.parts and p.name != "planbro.lock"}


def started(qtbot, folder, dialogs):
    window = app_module.start(folder, dialogs, today=TODAY)
    assert window is not None
    qtbot.addWidget(window)
    return window


def test_a_new_folder_is_encrypted_without_asking(qtbot, tmp_path, memory_keyring, example_plan):
    folder = tmp_path / "data"
    dialogs = ScriptedDialogs()
    window = started(qtbot, folder, dialogs)
    assert dialogs.calls_of("offer_encryption") == [] and dialogs.calls_of("new_passphrase") == []
    assert keyfile.exists(folder)
    [shown] = dialogs.calls_of("show_recovery_key")
    sheet = shown.extra["sheet"]
    assert sheet.folder == folder and sheet.key in sheet.lines
    assert shown.title == "Planbro – gendannelsesnøgle"
    # The key shown opens the folder by itself; the credential store opens it every day.
    chain = unlock(folder, sheet.key, use_credential_store=False, environ={})
    assert chain.current.key_hex == window.store._layout.codec.keys.current.key_hex
    assert [w.kind for w in keyfile.read(folder).ways] == [RECOVERY, CREDENTIAL_STORE]
    assert window.statusBar().currentMessage() == "Datamappen er krypteret."
    window.store.save(example_plan)
    assert example_plan.citizen.name.encode("utf-8") not in every_byte(folder)
    window.store.close()


def test_a_plaintext_folder_is_migrated_on_encrypt_now(qtbot, plaintext, memory_keyring,
                                                       example_plan):
    name = example_plan.citizen.name.encode("utf-8")
    assert name in every_byte(plaintext)
    dialogs = ScriptedDialogs().queue("offer_encryption", True)
    window = started(qtbot, plaintext, dialogs)
    [offer] = dialogs.calls_of("offer_encryption")
    assert offer.title == "Kryptér datamappen"
    assert str(plaintext) in offer.text and "1 handleplan i den ligger ukrypteret" in offer.text
    assert len(dialogs.calls_of("show_recovery_key")) == 1
    assert name not in every_byte(plaintext)
    assert [s.id for s in window.store.summaries()] == [example_plan.id]
    assert window.proxy.rowCount() == 1
    assert window.store.get(example_plan.id).purpose == "Et nyt formål"
    assert "1 handleplan er nu krypteret" in window.statusBar().currentMessage()
    window.store.close()
    records = [json.loads(line) for f in sorted((plaintext / "audit").glob("audit-*.jsonl"))
               for line in f.read_text("utf-8").splitlines()]
    assert ("key", "kryptering slået til", "app") in {(r["action"], r["detail"], r["via"])
                                                      for r in records}


def test_later_changes_nothing_and_asks_again_next_start(qtbot, plaintext, memory_keyring):
    before = plan_files(plaintext)
    dialogs = ScriptedDialogs().queue("offer_encryption", False)
    window = started(qtbot, plaintext, dialogs)
    assert dialogs.calls_of("show_recovery_key") == []
    assert not keyfile.exists(plaintext) and memory_keyring.secrets == {}
    window.store.close()
    window.close()
    assert {p: b for p, b in plan_files(plaintext).items() if p in before} == before
    again = ScriptedDialogs()
    window = started(qtbot, plaintext, again)
    assert len(again.calls_of("offer_encryption")) == 1
    window.store.close()


def test_a_refused_recovery_key_leaves_the_folder_plaintext(qtbot, plaintext, memory_keyring,
                                                            example_plan):
    before = plan_files(plaintext)
    dialogs = ScriptedDialogs().queue("offer_encryption", True).queue("show_recovery_key", False)
    window = started(qtbot, plaintext, dialogs)
    assert not keyfile.exists(plaintext) and not (plaintext / MIGRATION_MARKER).exists()
    assert memory_keyring.secrets == {}
    cases = {p: b for p, b in plan_files(plaintext).items() if "cases" in p.parts}
    assert cases == {p: b for p, b in before.items() if "cases" in p.parts}
    assert example_plan.citizen.name.encode("utf-8") in every_byte(plaintext / "cases")
    assert window.statusBar().currentMessage().startswith("Datamappen er ikke krypteret")
    assert window.store.get(example_plan.id).id == example_plan.id
    window.store.close()


def test_without_a_credential_store_a_passphrase_is_asked_and_opens_it(qtbot, tmp_path):
    folder = tmp_path / "data"
    dialogs = ScriptedDialogs().queue("new_passphrase", PASSPHRASE_TEXT)
    window = started(qtbot, folder, dialogs)
    [asked] = dialogs.calls_of("new_passphrase")
    assert "intet nøglelager" in asked.text and str(folder) in asked.text
    assert [w.kind for w in keyfile.read(folder).ways] == [RECOVERY, PASSPHRASE]
    assert len(dialogs.calls_of("show_recovery_key")) == 1
    window.store.close()
    window.close()
    # The next start asks for it, and it opens the folder.
    again = ScriptedDialogs().queue("ask_secret", PASSPHRASE_TEXT)
    window = started(qtbot, folder, again)
    assert len(again.calls_of("ask_secret")) == 1 and again.calls_of("show_recovery_key") == []
    assert unlock(folder, PASSPHRASE_TEXT, environ={}).store_id == keyfile.read(folder).store_id
    window.store.close()


def test_no_passphrase_given_leaves_it_plaintext(qtbot, tmp_path):
    folder = tmp_path / "data"
    dialogs = ScriptedDialogs().queue("new_passphrase", None)
    window = started(qtbot, folder, dialogs)
    assert not keyfile.exists(folder) and dialogs.calls_of("show_recovery_key") == []
    assert window.statusBar().currentMessage().startswith("Datamappen er ikke krypteret")
    window.store.close()


def test_a_folder_another_planbro_holds_is_not_offered(qtbot, plaintext, memory_keyring):
    with PlanStore(plaintext):
        dialogs = ScriptedDialogs()
        window = started(qtbot, plaintext, dialogs)
        assert dialogs.calls_of("offer_encryption") == []
        assert not keyfile.exists(plaintext)
        message = window.statusBar().currentMessage()
        assert "ikke krypteret" in message and "andet Planbro-vindue" in message
        window.store.close()


def test_a_start_of_encryption_a_crash_cut_short_is_made_again(qtbot, tmp_path, memory_keyring):
    folder = tmp_path / "data"
    PlanStore(folder).close()
    (folder / MIGRATION_MARKER).write_text(json.dumps({"format": MARKER_FORMAT,
                                                      "phase": PHASE_KEYS}))
    keyfile.key_path(folder).write_text("{}")
    dialogs = ScriptedDialogs()
    window = started(qtbot, folder, dialogs)
    [shown] = dialogs.calls_of("show_recovery_key")
    assert not (folder / MIGRATION_MARKER).exists()
    assert unlock(folder, shown.extra["sheet"].key, use_credential_store=False,
                  environ={}).store_id == keyfile.read(folder).store_id
    window.store.close()


def test_the_scripted_default_passphrase_is_long_enough(qtbot, tmp_path):
    # Tests that start the app on a new folder without a credential store rely on it.
    window = started(qtbot, tmp_path / "data", ScriptedDialogs())
    assert unlock(tmp_path / "data", SCRIPTED_PASSPHRASE, environ={}).store_id
    window.store.close()


def test_without_encrypt_nothing_is_asked(qtbot, tmp_path):
    dialogs = ScriptedDialogs()
    window = app_module.start(tmp_path / "data", dialogs, today=TODAY, encrypt=False)
    qtbot.addWidget(window)
    assert not keyfile.exists(tmp_path / "data") and dialogs.calls == []
    window.store.close()


def test_a_credential_store_that_refuses_the_key_makes_it_ask_for_a_passphrase(qtbot, tmp_path):
    import keyring

    from keyring_support import BrokenKeyring

    keyring.set_keyring(BrokenKeyring())
    folder = tmp_path / "data"
    dialogs = ScriptedDialogs().queue("new_passphrase", PASSPHRASE_TEXT)
    window = started(qtbot, folder, dialogs)
    [asked] = dialogs.calls_of("new_passphrase")
    assert asked.text.startswith("Computerens nøglelager gemte ikke nøglen")
    # The key file the store refused was taken back before any key was shown: one sheet.
    [shown] = dialogs.calls_of("show_recovery_key")
    assert [w.kind for w in keyfile.read(folder).ways] == [RECOVERY, PASSPHRASE]
    assert unlock(folder, shown.extra["sheet"].key, use_credential_store=False,
                  environ={}).store_id == keyfile.read(folder).store_id
    window.store.close()
