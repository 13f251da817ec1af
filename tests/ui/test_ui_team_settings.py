"""Indstillinger's choice of the team store (#14), on a real PostgreSQL server: saved and
used at the next start, an address with a password refused naming the field, "Prøv
forbindelsen", PLANBRO_STORE winning, and a server that cannot be reached offering the
data folder on this computer — a Danish message, never a traceback."""

from __future__ import annotations

import pytest
from ui_support import TODAY

from planbro.settings import UserSettings, load_settings, save_settings
from planbro.storage import PlanStore

from planbro.actions.team_caseload import is_team_store

from planbro.ui import app as app_module
from planbro.ui.common.scripted_dialogs import ScriptedDialogs
from planbro.ui.settings_dialog import SettingsDialog

# Addresses that carry a password, in both of libpq's forms.
WITH_PASSWORDS = ("postgresql://mette:hemmelig@server.kommune.dk/planbro",
                  "host=server.kommune.dk dbname=planbro password=hemmelig")
# Nothing listens on port 1: the connection is refused at once.
UNREACHABLE = "postgresql://127.0.0.1:1/planbro"


@pytest.fixture
def address(pg_server, pg_database):
    return pg_server.url(pg_database)


@pytest.fixture(autouse=True)
def _no_store_env(monkeypatch):
    monkeypatch.delenv("PLANBRO_STORE", raising=False)


def dialog_of(qtbot, settings=None, dialogs=None) -> SettingsDialog:
    dialog = SettingsDialog(None, settings or UserSettings(caseworker_name="Mette Kjær"),
                            dialogs=dialogs or ScriptedDialogs())
    qtbot.addWidget(dialog)
    return dialog


def test_the_team_store_chosen_in_settings_is_saved_and_opened_at_start(qtbot, tmp_path,
                                                                        address):
    dialog = dialog_of(qtbot)
    # The data folder on this computer is the default.
    assert dialog.store.local.isChecked() and not dialog.store.address.isEnabled()
    dialog.store.team.setChecked(True)
    dialog.store.address.setText(address)
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    settings = dialog.result_settings()
    assert settings.store == address
    save_settings(settings)
    saved = load_settings()
    assert saved is not None and saved.store == address
    window = app_module.start(tmp_path / "data", ScriptedDialogs(), today=TODAY, encrypt=False)
    qtbot.addWidget(window)
    try:
        # The team store (the offline queue may stand in front of it).
        assert is_team_store(window.store)
        assert window.team is not None and window.team.view.count() >= 2
    finally:
        window.store.close()
    # Chosen again in Indstillinger: the data folder, with the address kept out.
    again = dialog_of(qtbot, load_settings())
    assert again.store.team.isChecked() and again.store.address.text() == address
    again.store.local.setChecked(True)
    again.accept()
    assert again.result_settings().store == ""


@pytest.mark.parametrize("text", WITH_PASSWORDS)
def test_an_address_with_a_password_is_refused_naming_the_field(qtbot, text):
    dialog = dialog_of(qtbot)
    dialog.store.team.setChecked(True)
    dialog.store.address.setText(text)
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    error = dialog.store.error.text()
    assert error.startswith("Teamets database: adressen må ikke indeholde en adgangskode")
    assert "hemmelig" not in error
    assert not dialog.store.error.isHidden()


def test_try_the_connection_says_whether_it_works(qtbot, address):
    dialogs = ScriptedDialogs()
    dialog = dialog_of(qtbot, dialogs=dialogs)
    dialog.store.team.setChecked(True)
    dialog.store.address.setText(address)
    assert dialog.store.try_connection()
    assert dialogs.calls_of("info")[0].text == "Forbindelsen til teamets database virker."
    dialog.store.address.setText(UNREACHABLE)
    assert not dialog.store.try_connection()
    told = dialogs.calls_of("warn")[0].text
    assert told.startswith("Planbro kunne ikke åbne teamets database:")
    assert "Traceback" not in told


def test_an_unreachable_server_at_start_offers_the_local_data_folder(qtbot, tmp_path):
    save_settings(UserSettings(caseworker_name="Mette Kjær", store=UNREACHABLE))
    dialogs = ScriptedDialogs()
    # Prøv igen first (still away), then the data folder on this computer.
    dialogs.queue("choose", "Prøv igen", "Brug den lokale datamappe")
    window = app_module.start(tmp_path / "data", dialogs, today=TODAY, encrypt=False)
    qtbot.addWidget(window)
    try:
        first, second = dialogs.calls_of("choose")
        assert first.title == "Teamets database"
        assert first.text.startswith("Planbro kunne ikke åbne teamets database:")
        assert "Traceback" not in first.text
        assert first.extra["choices"] == ["Prøv igen", "Brug den lokale datamappe", "Afslut"]
        assert isinstance(window.store, PlanStore) and window.team is None
    finally:
        window.store.close()


def test_planbro_store_wins_and_its_password_is_refused_naming_it(qtbot, tmp_path, monkeypatch,
                                                                  address):
    save_settings(UserSettings(caseworker_name="Mette Kjær", store=address))
    monkeypatch.setenv("PLANBRO_STORE", WITH_PASSWORDS[0])
    dialogs = ScriptedDialogs()
    dialogs.queue("choose", "Afslut")
    assert app_module.start(tmp_path / "data", dialogs, today=TODAY, encrypt=False) is None
    [asked] = dialogs.calls_of("choose")
    assert "PLANBRO_STORE: adressen må ikke indeholde en adgangskode" in asked.text
    assert "hemmelig" not in asked.text
    # PLANBRO_STORE=lokal: the data folder, whatever Indstillinger chose.
    monkeypatch.setenv("PLANBRO_STORE", "lokal")
    window = app_module.start(tmp_path / "data", ScriptedDialogs(), today=TODAY, encrypt=False)
    qtbot.addWidget(window)
    try:
        assert isinstance(window.store, PlanStore)
    finally:
        window.store.close()
