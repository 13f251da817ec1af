"""The app on the team store while its server is away (#14), on a real PostgreSQL server
of this module's own, stopped and started again while a wizard is open: what Mette types
is kept on the laptop, both windows say "Ikke forbundet – gemmes lokalt", and when the
server is back the saves are sent and the windows say so. Started as `planbro` starts it
(ui/app.py), a new data folder is encrypted for the queue first; declined, an offline
save is refused saying what to do."""

from __future__ import annotations

import copy
from datetime import timedelta

import psycopg
import pytest
from ui_support import TODAY

from PySide6.QtWidgets import QApplication

from planbro.crypto import DataKey, keyfile
from planbro.crypto.keys import KeyChain

from planbro.model.plan import new_id

from planbro.settings import UserSettings, save_settings
from planbro.storage.postgres import TeamStore
from planbro.storage.postgres.offline import OfflineStore

from planbro.ui import app as app_module
from planbro.ui.caseload_window import CaseloadWindow
from planbro.ui.common.scripted_dialogs import ScriptedDialogs

# The caseworker of the window under test.
METTE = UserSettings(caseworker_name="Mette Kjær", caseworker_unit="Team Vest",
                     municipality_name="Holbæk Kommune")


@pytest.fixture
def own_server(stoppable_server):
    """The module's own server (tests/conftest.py), stopped and started by the tests."""
    return stoppable_server


@pytest.fixture
def database(stoppable_database):
    return stoppable_database


@pytest.fixture
def store(own_server, database, tmp_path):
    """Mette's Planbro as the app opens it: the team store with its sealed offline queue."""
    team = TeamStore(own_server.url(database), holder="Mette Kjær", data_dir=tmp_path / "data")
    opened = OfflineStore(team, KeyChain(store_id="ui-offline", current=DataKey.new()))
    yield opened
    opened.close()


def mettes_plan(example_plan):
    """A new plan of Mette's, followed up in two months."""
    plan = copy.deepcopy(example_plan)
    plan.id, plan.created, plan.updated = new_id(), "", ""
    plan.caseworker.name, plan.caseworker.unit = "Mette Kjær", "Team Vest"
    plan.follow_up.next_date = TODAY + timedelta(days=60)
    return plan


def shown(qtbot, window):
    """`window` shown and active, as the caseworker has it."""
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def open_in_wizard(window, plan_id: str):
    assert window.select_plan(plan_id)
    window.plan_actions.actions["open"].trigger()
    return window.plan_actions.wizards[plan_id]


def purpose_on_server(server, database, plan_id: str) -> str:
    with psycopg.connect(server.dsn(database)) as connection:
        [(purpose,)] = connection.execute(
            "SELECT body->>'purpose' FROM planbro.plan_versions WHERE plan_id = %s",
            [plan_id]).fetchall()
    return purpose


def test_typing_on_while_the_server_is_away_and_sent_when_it_is_back(
        qtbot, store, own_server, database, example_plan):
    plan = mettes_plan(example_plan)
    store.save(plan)
    store.leases.release(plan.id)
    # A colleague's plan in the same caseload, never opened on this laptop.
    other = copy.deepcopy(plan)
    other.id, other.created, other.updated = new_id(), "", ""
    other.citizen.name = "Kim Hansen"
    store.save(other)
    store.leases.release(other.id)
    dialogs = ScriptedDialogs()
    window = shown(qtbot, CaseloadWindow(store, METTE, dialogs, today=TODAY))
    wizard = open_in_wizard(window, plan.id)
    assert not wizard.read_only and plan.id in store.leases.held
    assert window.connection.isHidden() and wizard.connection.isHidden()

    own_server.stop()
    wizard.plan.purpose = "Skrevet på værestedet uden net"
    wizard.plan_changed()
    assert wizard.autosave.flush()
    assert (store.offline, store.pending) == (True, 1)
    for banner in (window.connection, wizard.connection):
        banner.refresh()
        assert banner.isVisible()
        assert banner.text() == ("Ikke forbundet – gemmes lokalt · 1 gemning venter på at "
                                 "blive sendt")
    # Nothing was told as a failure: the save is kept.
    assert dialogs.calls_of("warn") == []
    # The colleague's plan is not on the laptop: opening it is refused, saying so.
    assert window.select_plan(other.id)
    window.plan_actions.actions["open"].trigger()
    [refused] = dialogs.calls_of("warn")
    assert "planen er ikke på denne computer og kan ikke læses" in refused.text
    assert other.id not in window.plan_actions.wizards

    own_server.start()
    banner = window.connection
    banner._last_try = float("-inf")  # the retry's turn, without waiting 15 seconds
    banner.refresh()
    assert banner.text() == "Forbundet igen – 1 gemning sendt"
    assert (store.offline, store.pending) == (False, 0)
    assert purpose_on_server(own_server, database, plan.id) == "Skrevet på værestedet uden net"
    # The wizard goes on saving on the server, under the same lease.
    wizard.plan.purpose = "Tilbage på kontoret"
    wizard.plan_changed()
    assert wizard.autosave.flush()
    assert purpose_on_server(own_server, database, plan.id) == "Tilbage på kontoret"
    wizard.close()
    assert plan.id not in store.leases.held


def test_a_lease_broken_while_away_keeps_the_typing_as_a_draft_and_closes_the_wizard(
        qtbot, store, own_server, database, example_plan, tmp_path):
    from planbro.ui.wizard.lease_keeper import LeaseKeeper

    plan = mettes_plan(example_plan)
    store.save(plan)
    store.leases.release(plan.id)
    dialogs = ScriptedDialogs()
    window = shown(qtbot, CaseloadWindow(store, METTE, dialogs, today=TODAY))
    wizard = open_in_wizard(window, plan.id)

    own_server.stop()
    wizard.plan.purpose = "Skrevet mens låsen blev brudt"
    wizard.plan_changed()
    assert wizard.autosave.flush() and store.pending == 1
    own_server.start()
    # The team leader broke the lease meanwhile (the owner role may).
    leader = TeamStore(own_server.url(database), holder="Lis Holm", data_dir=tmp_path / "lis")
    leader.leases.break_lease(plan.id, via="app")
    leader.close()

    banner = window.connection
    banner._last_try = float("-inf")
    banner.refresh()
    headline, notice = banner.text().split("\n")
    assert headline == "Forbundet igen – 0 gemninger sendt"
    assert "særskilt kladde" in notice and "brudt af en teamleder" in notice
    drafts = [s for s in store.summaries() if s.id != plan.id]
    assert len(drafts) == 1 and drafts[0].id[:8] in notice
    assert purpose_on_server(own_server, database, drafts[0].id) == "Skrevet mens låsen blev brudt"
    assert purpose_on_server(own_server, database, plan.id) == plan.purpose
    # The wizard's next renewal finds the lease lost: told, and the window closes; the
    # typing was saved before, so no second draft is made.
    keeper = wizard.findChild(LeaseKeeper)
    assert keeper.renew() is False
    assert dialogs.calls_of("warn") and not wizard.isVisible()
    assert len([s for s in store.summaries() if s.id != plan.id]) == 1


def started_on_team(qtbot, server, database, folder, dialogs, monkeypatch):
    """Mette's Planbro started as `planbro` starts it (ui/app.py), on the team store chosen
    in Indstillinger, with the data folder `folder`."""
    monkeypatch.delenv("PLANBRO_STORE", raising=False)
    save_settings(UserSettings(caseworker_name="Mette Kjær", caseworker_unit="Team Vest",
                               municipality_name="Holbæk Kommune", store=server.url(database)))
    window = app_module.start(folder, dialogs, today=TODAY)
    assert window is not None
    return shown(qtbot, window)


def sealed_bytes(folder) -> bytes:
    return b"".join(p.read_bytes() for p in sorted((folder / "team-offline").rglob("*"))
                    if p.is_file())


def edited_while_away(window, server, example_plan):
    """Mette's plan saved on the team store and opened in the wizard, the server stopped,
    and its purpose changed there; the plan and the wizard (its autosave not yet flushed)."""
    store = window.store
    plan = mettes_plan(example_plan)
    store.save(plan)
    store.leases.release(plan.id)
    window.refresh()
    wizard = open_in_wizard(window, plan.id)
    server.stop()
    wizard.plan.purpose = "Skrevet i toget uden net"
    wizard.plan_changed()
    return plan, wizard


def test_started_on_a_new_folder_it_is_encrypted_and_a_save_while_away_is_kept(
        qtbot, own_server, database, example_plan, tmp_path, memory_keyring, monkeypatch):
    folder = tmp_path / "data"
    dialogs = ScriptedDialogs()
    window = started_on_team(qtbot, own_server, database, folder, dialogs, monkeypatch)
    store = window.store
    try:
        # As at the local store's first start: encrypted without asking, the key shown once.
        assert isinstance(store, OfflineStore) and store.queue is not None
        assert keyfile.exists(folder) and len(dialogs.calls_of("show_recovery_key")) == 1
        assert dialogs.calls_of("offer_encryption") == []
        assert window.statusBar().currentMessage() == "Datamappen er krypteret."
        plan, wizard = edited_while_away(window, own_server, example_plan)
        assert wizard.autosave.flush()
        assert (store.offline, store.pending) == (True, 1)
        window.connection.refresh()
        assert window.connection.text() == ("Ikke forbundet – gemmes lokalt · 1 gemning venter "
                                            "på at blive sendt")
        assert dialogs.calls_of("warn") == []
        # Kept on the laptop sealed with the folder's new keys: nothing of it in plaintext.
        kept = sealed_bytes(folder)
        assert kept and b"Skrevet i toget" not in kept
        assert plan.citizen.name.encode("utf-8") not in kept

        own_server.start()
        window.connection._last_try = float("-inf")  # the retry's turn, without waiting
        window.connection.refresh()
        assert window.connection.text() == "Forbundet igen – 1 gemning sendt"
        assert (store.offline, store.pending) == (False, 0)
        assert purpose_on_server(own_server, database, plan.id) == "Skrevet i toget uden net"
        wizard.close()
    finally:
        store.close()


def test_the_recovery_key_declined_leaves_it_unencrypted_and_an_offline_save_is_refused(
        qtbot, own_server, database, example_plan, tmp_path, memory_keyring, monkeypatch):
    folder = tmp_path / "data"
    dialogs = ScriptedDialogs().queue("show_recovery_key", False)
    window = started_on_team(qtbot, own_server, database, folder, dialogs, monkeypatch)
    store = window.store
    try:
        # Kryptér ikke: the team store opens all the same, without a queue, and says so.
        assert len(dialogs.calls_of("show_recovery_key")) == 1
        assert not keyfile.exists(folder) and not keyfile.key_path(folder).exists()
        assert memory_keyring.secrets == {}
        assert isinstance(store, OfflineStore) and store.queue is None
        assert window.statusBar().currentMessage().startswith("Datamappen er ikke krypteret")
        plan, wizard = edited_while_away(window, own_server, example_plan)
        assert not wizard.autosave.flush()
        assert store.pending == 0 and not (folder / "team-offline").exists()
        [refused] = dialogs.calls_of("warn")
        assert refused.title == "Handleplanen blev ikke gemt"
        assert refused.text == (
            "Ikke forbundet til teamets database, og datamappen på denne computer er ikke "
            "krypteret eller ikke låst op: Planbro gemmer ingen plan fra teamet ukrypteret på "
            "den, så ændringen blev ikke gemt. For at kunne arbejde uden forbindelse: luk "
            "Planbro, og start programmet igen. Det tilbyder da at kryptere datamappen (gem den "
            "gendannelsesnøgle, det viser, til IT-supporten), eller det beder om "
            "gendannelsesnøglen eller adgangsfrasen til en krypteret datamappe. IT-supporten "
            "kan også slå kryptering til med planbro key create.")
        # Not "gemmes lokalt": nothing is kept while the server is away.
        for banner in (window.connection, wizard.connection):
            banner.refresh()
            assert banner.isVisible()
            assert banner.text() == ("Ikke forbundet – intet gemmes, før forbindelsen er "
                                     "tilbage: datamappen på denne computer er ikke krypteret "
                                     "eller ikke låst op")
        own_server.start()
        assert purpose_on_server(own_server, database, plan.id) == plan.purpose
        # Back online, the typing is saved on the server as usual.
        window.connection._last_try = float("-inf")
        window.connection.refresh()
        assert not store.offline and wizard.autosave.flush()
        assert purpose_on_server(own_server, database, plan.id) == "Skrevet i toget uden net"
        wizard.close()
    finally:
        store.close()
    window.close()
    # As the message says: started again, Planbro encrypts the data folder for the queue.
    again = ScriptedDialogs()
    window = started_on_team(qtbot, own_server, database, folder, again, monkeypatch)
    try:
        assert len(again.calls_of("show_recovery_key")) == 1 and keyfile.exists(folder)
        assert window.store.queue is not None
    finally:
        window.store.close()
