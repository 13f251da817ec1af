"""The app on the team store while its server is away (#14), on a real PostgreSQL server
of this module's own, stopped and started again while a wizard is open: what Mette types
is kept on the laptop, both windows say "Ikke forbundet – gemmes lokalt", and when the
server is back the saves are sent and the windows say so."""

from __future__ import annotations

import copy
from datetime import timedelta

import psycopg
import pytest
from ui_support import TODAY

from PySide6.QtWidgets import QApplication

from planbro.crypto import DataKey
from planbro.crypto.keys import KeyChain

from planbro.model.plan import new_id

from planbro.settings import UserSettings
from planbro.storage.postgres import TeamStore
from planbro.storage.postgres.offline import OfflineStore

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


def purpose_on_server(server, database, plan_id: str) -> str:
    with psycopg.connect(server.dsn(database)) as connection:
        [(purpose,)] = connection.execute(
            "SELECT body->>'purpose' FROM planbro.plan_versions WHERE plan_id = %s",
            [plan_id]).fetchall()
    return purpose


def test_typing_on_while_the_server_is_away_and_sent_when_it_is_back(
        qtbot, store, own_server, database, example_plan):
    plan = copy.deepcopy(example_plan)
    plan.id, plan.created, plan.updated = new_id(), "", ""
    plan.caseworker.name, plan.caseworker.unit = "Mette Kjær", "Team Vest"
    plan.follow_up.next_date = TODAY + timedelta(days=60)
    store.save(plan)
    store.leases.release(plan.id)
    # A colleague's plan in the same caseload, never opened on this laptop.
    other = copy.deepcopy(plan)
    other.id, other.created, other.updated = new_id(), "", ""
    other.citizen.name = "Kim Hansen"
    store.save(other)
    store.leases.release(other.id)
    dialogs = ScriptedDialogs()
    window = CaseloadWindow(store, METTE, dialogs, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.select_plan(plan.id)
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
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

    plan = copy.deepcopy(example_plan)
    plan.id, plan.created, plan.updated = new_id(), "", ""
    plan.caseworker.name, plan.caseworker.unit = "Mette Kjær", "Team Vest"
    store.save(plan)
    store.leases.release(plan.id)
    dialogs = ScriptedDialogs()
    window = CaseloadWindow(store, METTE, dialogs, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    assert window.select_plan(plan.id)
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]

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
