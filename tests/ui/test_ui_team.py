"""The team store in the app (#14), on a real PostgreSQL server: the leases a wizard takes,
renews and gives back, a colleague's read-only "Åben hos …" wizard, a team leader breaking
a lease (what was typed kept as a separate draft), Overdrag sag and the caseload's views."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta

import psycopg
import pytest
from ui_support import TODAY

from PySide6.QtWidgets import QApplication

from planbro.model.plan import new_id

from planbro.settings import UserSettings
from planbro.storage.postgres import TeamStore

from planbro.ui.caseload_window import CaseloadWindow
from planbro.ui.common.handover_dialog import HandOverAnswer
from planbro.ui.common.scripted_dialogs import ScriptedDialogs
from planbro.ui.wizard.lease_keeper import RENEW_MS, LeaseKeeper

# The caseworker of the window under test, and a colleague in the same unit.
METTE = UserSettings(caseworker_name="Mette Kjær", caseworker_unit="Team Vest",
                     municipality_name="Holbæk Kommune")
LARS = UserSettings(caseworker_name="Lars Holm", caseworker_unit="Team Vest",
                    municipality_name="Holbæk Kommune")
# "Åben hos Mette Kjær siden 10:42" for a lease taken today.
OPEN_BY_METTE = re.compile(r"Åben hos Mette Kjær siden \d\d:\d\d")


@pytest.fixture
def address(pg_server, pg_database):
    return pg_server.url(pg_database)


def light_by_name(plan) -> str:
    """The quality light stored with each save, known in advance: a citizen named "… Rød"
    or "… Gul" gets that light, everyone else green."""
    name = plan.citizen.name
    return "red" if name.endswith("Rød") else "yellow" if name.endswith("Gul") else "green"


@pytest.fixture
def team(address, tmp_path):
    """team(holder) -> another client of the team database, as the app opens it (with a
    quality light known in advance)."""
    opened: list[TeamStore] = []

    def make(holder: str) -> TeamStore:
        store = TeamStore(address, holder=holder, signal=light_by_name,
                          data_dir=tmp_path / f"local{len(opened)}")
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(team):
    """Mette's Planbro: the caseload window's store."""
    return team("Mette Kjær")


@pytest.fixture
def add(team, example_plan):
    """add(name, caseworker=..., **changes) -> a plan saved by an office client that then
    gives its lease back (as a closed wizard does)."""
    office = team("Kontoret")

    def make(name: str, caseworker: str = "Mette Kjær", unit: str = "Team Vest", **changes):
        plan = copy.deepcopy(example_plan)
        plan.id, plan.created, plan.updated = new_id(), "", ""
        plan.citizen.name = name
        plan.caseworker.name, plan.caseworker.unit = caseworker, unit
        plan.follow_up.next_date = TODAY + timedelta(days=60)
        for key, value in changes.items():
            setattr(plan, key, value)
        office.save(plan)
        office.leases.release(plan.id)
        return plan

    return make


@pytest.fixture
def window_of(qtbot):
    def make(store, settings, dialogs=None):
        window = CaseloadWindow(store, settings, dialogs or ScriptedDialogs(), today=TODAY)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    return make


def rows(pg_server, pg_database, sql: str) -> list[tuple]:
    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        return connection.execute(sql).fetchall()


def shown_names(window) -> list[str]:
    return sorted(window.proxy.index(row, 0).data() for row in range(window.proxy.rowCount()))


def open_selected(window, plan_id: str):
    assert window.select_plan(plan_id)
    window.plan_actions.actions["open"].trigger()
    return window.plan_actions.wizards[plan_id]


def test_opening_takes_the_lease_the_timer_renews_it_and_closing_gives_it_back(
        store, add, window_of, pg_server, pg_database):
    plan = add("Bo Berg")
    window = window_of(store, METTE)
    wizard = open_selected(window, plan.id)
    assert not wizard.read_only
    [(holder, renewed)] = rows(pg_server, pg_database,
                               "SELECT holder_name, renewed FROM planbro.leases")
    assert holder == "Mette Kjær"
    keeper = wizard.findChild(LeaseKeeper)
    assert keeper is not None and keeper.timer.isActive() and keeper.timer.interval() == RENEW_MS
    # The timer's turn, driven by the test: the lease is renewed on the server.
    keeper.timer.timeout.emit()
    [(later,)] = rows(pg_server, pg_database, "SELECT renewed FROM planbro.leases")
    assert later > renewed
    wizard.close()
    assert rows(pg_server, pg_database, "SELECT count(*) FROM planbro.leases") == [(0,)]
    assert not keeper.timer.isActive()


def test_a_colleague_reads_the_plan_open_by_mette_with_the_banner(store, add, team, window_of):
    plan = add("Bo Berg")
    mine = window_of(store, METTE)
    open_selected(mine, plan.id)
    lars = window_of(team("Lars Holm"), LARS)
    lars.team.set_view("team")
    # The caseload tells who has it open, in the citizen's tooltip.
    lars.refresh()
    assert OPEN_BY_METTE.search(lars.model.name_tips[plan.id])
    theirs = open_selected(lars, plan.id)
    assert theirs.read_only
    assert OPEN_BY_METTE.search(theirs.side.status.text())
    assert OPEN_BY_METTE.search(theirs.windowTitle())
    # Read-only: nothing the colleague does is saved, and Mette keeps her lease.
    theirs.plan_changed()
    assert not theirs.autosave.dirty
    theirs.close()
    assert store.leases.holder(plan.id).holder_name == "Mette Kjær"


def test_a_team_leader_breaks_the_lease_and_what_mette_typed_is_kept_as_a_draft(
        store, add, team, window_of, pg_server, pg_database):
    plan = add("Bo Berg")
    mette_dialogs = ScriptedDialogs()
    mine = window_of(store, METTE, mette_dialogs)
    wizard = open_selected(mine, plan.id)
    # The test server's role owns the schema: it may break leases, as a team leader.
    leader_dialogs = ScriptedDialogs()
    leader = window_of(team("Lis Holm"), LARS, leader_dialogs)
    leader.team.set_view("team")
    assert leader.team.actions.leader and leader.team.actions.break_lease.isVisible()
    assert leader.select_plan(plan.id)
    # Nej (the default) leaves it as it is.
    leader_dialogs.queue("confirm", False)
    assert leader.team.actions.break_selected() is None
    question = leader_dialogs.calls_of("confirm")[0].text
    assert OPEN_BY_METTE.search(question) and "Mette Kjær" in question
    leader_dialogs.queue("confirm", True)
    broken = leader.team.actions.break_selected()
    assert broken is not None and broken.holder_name == "Mette Kjær"
    [(line,)] = rows(pg_server, pg_database,
                     "SELECT line FROM planbro.audit WHERE action = 'lease_break'")
    assert json.loads(line)["plan"] == plan.id
    # Mette types on; her save is refused (LeaseLost), and her text is kept as a draft.
    wizard.plan.purpose = "Skrevet efter at låsen blev brudt"
    wizard.plan_changed()
    wizard.autosave.flush()
    [told] = mette_dialogs.calls_of("warn")
    assert "brudt" in told.text and "separat kladde" in told.text
    assert not wizard.isVisible()
    kept = [s for s in store.summaries() if s.id != plan.id and s.name == "Bo Berg"]
    assert len(kept) == 1
    assert store.get(kept[0].id).purpose == "Skrevet efter at låsen blev brudt"
    assert store.get(plan.id).purpose == plan.purpose


def test_a_draft_kept_after_a_broken_lease_is_in_the_writers_own_mine_sager(
        store, add, team, window_of):
    # Lars typed on Mette's case when a team leader broke his lease: the draft kept of his
    # text names Mette as caseworker, as the plan does, but is his to find and compare.
    plan = add("Bo Berg")
    lars_store = team("Lars Holm")
    lars = window_of(lars_store, LARS, ScriptedDialogs())
    lars.team.set_view("team")
    wizard = open_selected(lars, plan.id)
    leader = team("Lis Holm")
    leader.leases.break_lease(plan.id, via="app")
    wizard.plan.purpose = "Skrevet af Lars efter at låsen blev brudt"
    wizard.plan_changed()
    wizard.autosave.flush()
    [kept] = [s for s in lars_store.summaries() if s.id != plan.id and s.name == "Bo Berg"]
    assert kept.caseworker == "Lars Holm"
    lars.refresh()
    lars.team.set_view("mine")
    assert shown_names(lars) == ["Bo Berg"]
    assert lars.select_plan(kept.id)
    # Mette's own plan stays hers, unchanged.
    [mine] = [s for s in store.summaries() if s.id == plan.id]
    assert mine.caseworker == "Mette Kjær"
    assert store.get(plan.id).purpose == plan.purpose


def test_hand_over_moves_the_case_into_the_colleagues_mine_sager(store, add, team, window_of):
    plan = add("Bo Berg")
    dialogs = ScriptedDialogs()
    mine = window_of(store, METTE, dialogs)
    assert mine.select_plan(plan.id)
    # A name the team does not know asks whether it is a new colleague: Nej goes back to
    # the dialog with what was written; Ja hands over; a refused field asks again.
    dialogs.queue("hand_over", HandOverAnswer("Lars Hom", "Borgeren ringer mandag."),
                  HandOverAnswer("Lars Holm", "  "),
                  HandOverAnswer("Lars Holm", "Borgeren ringer mandag.", new_colleague=True))
    dialogs.queue("confirm", False, True)
    made = mine.team.actions.hand_over_selected()
    assert made is not None and made.to_name == "Lars Holm"
    first = dialogs.calls_of("hand_over")[0].extra
    assert "Mette Kjær" in first["known"] and "Lars Holm" not in first["known"]
    assert first["responsible"] == ("Mette Kjær", "Mette Kjær")
    asked = dialogs.calls_of("confirm")
    # Said before Ja: a colleague sees the case only through a role of its unit.
    assert asked[0].text == ("Ingen i teamet hedder «Lars Hom».\n\nEr «Lars Hom» en ny "
                             "kollega, som teamets database ikke kender endnu? Lars Hom ser kun "
                             "sagen, når vedkommendes egen databaserolle arbejder i enheden "
                             "«Team Vest»: det sætter IT-afdelingen op.")
    assert not asked[0].extra["default_yes"] and len(asked) == 2
    assert dialogs.calls_of("hand_over")[1].extra["previous"].to_name == "Lars Hom"
    assert dialogs.calls_of("warn")[0].text.startswith("Notat: ")
    assert dialogs.calls_of("hand_over")[2].extra["previous"] == HandOverAnswer(
        "Lars Holm", "  ", None, True)
    assert "Lars Holm" in mine.statusBar().currentMessage()
    # Mette's Mine sager no longer has it; Lars's has.
    assert mine.team.current_view() == "mine" and "Bo Berg" not in shown_names(mine)
    lars = window_of(team("Lars Holm"), LARS)
    assert lars.team.current_view() == "mine" and shown_names(lars) == ["Bo Berg"]
    # Lars gives it to Mette as vikar (a known name, taken as the team spells it); the
    # dialog then tells Mette that it is Lars's again after her period, not "hers".
    last = date.today() + timedelta(days=7)
    lars.dialogs.queue("hand_over", HandOverAnswer("mette  KJÆR", "Ferie.", last))
    assert lars.select_plan(plan.id)
    assert lars.team.actions.hand_over_selected().to_name == "Mette Kjær"
    mine.refresh(select_id=plan.id)
    dialogs.queue("hand_over", None)
    assert mine.team.actions.hand_over_selected() is None
    assert dialogs.calls_of("hand_over")[-1].extra["responsible"] == ("Mette Kjær", "Lars Holm")


def test_the_view_selector_filters_mine_the_team_and_the_unit(store, add, window_of):
    add("Anne Mine")
    add("Bent Kollegas", caseworker="Lars Holm")
    overdue = add("Carl Overskredet", caseworker="Lars Holm")
    overdue_plan = store.get(overdue.id)
    overdue_plan.follow_up.next_date = TODAY - timedelta(days=3)
    store.save(overdue_plan)
    store.leases.release(overdue.id)
    add("Dorte Anden Enhed", caseworker="Eva Ek", unit="Team Øst")
    add("Erik Gul", caseworker="Lars Holm")
    add("Finn Rød", caseworker="Eva Ek", unit="Team Øst")
    window = window_of(store, METTE)
    selector = window.team.view
    assert [selector.itemText(i) for i in range(selector.count())] == [
        "Mine sager", "Teamets sager", "Enhedens sager"]
    assert shown_names(window) == ["Anne Mine"]
    window.team.set_view("team")
    assert shown_names(window) == ["Anne Mine", "Bent Kollegas", "Carl Overskredet",
                                   "Dorte Anden Enhed", "Erik Gul", "Finn Rød"]
    # The team leader's unit: overdue or a red or yellow light, in Mette's unit only.
    window.team.set_view("unit")
    assert shown_names(window) == ["Carl Overskredet", "Erik Gul"]
    window.team.set_view("mine")
    assert shown_names(window) == ["Anne Mine"]


def test_the_local_data_folder_shows_no_team_views(qtbot, tmp_path, window_of):
    from planbro.storage import PlanStore

    with PlanStore(tmp_path / "alone") as local:
        window = window_of(local, METTE)
        assert window.team is None
        assert window.findChild(type(window.search), "team_view") is None
        names = [a.objectName() for a in window.actions()]
        assert "action_hand_over" not in names


def test_a_change_from_the_caseload_gives_its_lease_back_and_the_menu_has_the_team_actions(
        store, add, window_of, pg_server, pg_database):
    plan = add("Bo Berg")
    dialogs = ScriptedDialogs()
    window = window_of(store, METTE, dialogs)
    plan_menu = window.menuBar().actions()[0].menu()
    names = [action.objectName() for action in plan_menu.actions()]
    assert "action_hand_over" in names and "action_break_lease" in names
    assert window.select_plan(plan.id)
    # Markér som underskrevet takes the lease in its transaction, and gives it back.
    dialogs.queue("sign", TODAY)
    window.plan_actions.actions["sign"].trigger()
    assert store.get(plan.id).status == "signed"
    assert rows(pg_server, pg_database, "SELECT count(*) FROM planbro.leases") == [(0,)]


def test_a_new_plan_takes_its_lease_with_its_first_save_and_gives_it_back(
        store, window_of, pg_server, pg_database):
    window = window_of(store, METTE)
    window.plan_actions.actions["new"].trigger()
    [wizard] = window.plan_actions.wizards.values()
    keeper = wizard.findChild(LeaseKeeper)
    assert keeper is not None and keeper.timer.isActive()
    wizard.plan.citizen.name = "Ny Borger"
    wizard.plan_changed()
    assert wizard.autosave.flush()
    [(holder,)] = rows(pg_server, pg_database, "SELECT holder_name FROM planbro.leases")
    assert holder == "Mette Kjær"
    keeper.timer.timeout.emit()
    assert not keeper.was_lost
    wizard.close()
    assert rows(pg_server, pg_database, "SELECT count(*) FROM planbro.leases") == [(0,)]


def test_a_lease_broken_while_nothing_is_typed_is_told_by_the_renewal(store, add, team,
                                                                      window_of):
    plan = add("Bo Berg")
    dialogs = ScriptedDialogs()
    window = window_of(store, METTE, dialogs)
    wizard = open_selected(window, plan.id)
    keeper = wizard.findChild(LeaseKeeper)
    team("Lis Holm").leases.break_lease(plan.id, via="app")
    # The timer's next turn finds the lease gone: told, and the window closes; no draft.
    keeper.timer.timeout.emit()
    [told] = dialogs.calls_of("warn")
    assert told.text.startswith("Din lås på planen er brudt af en teamleder")
    assert "var gemt forinden" in told.text
    assert not wizard.isVisible() and not keeper.timer.isActive()
    assert [s.name for s in store.summaries()] == ["Bo Berg"]


def test_a_caseworker_who_is_no_team_leader_gets_neither_the_units_view_nor_bryd_laasen(
        pg_server, pg_database, tmp_path, window_of):
    import subprocess
    from importlib import resources

    # IT's roles and policies (setup_roles.sql), and Anna: a caseworker of Team Vest only.
    TeamStore(pg_server.url(pg_database), data_dir=tmp_path / "owner").close()
    setup = resources.files("planbro.storage.postgres").joinpath("sql", "setup_roles.sql")
    with resources.as_file(setup) as path:
        done = subprocess.run(
            [str(pg_server.bin / "psql"), "-X", "-q", "-h", str(pg_server.socket_dir), "-p",
             str(pg_server.port), "-U", "postgres", "-d", pg_database, "-f", str(path)],
            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    pg_server.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'anna') "
                      "THEN CREATE ROLE anna LOGIN; END IF; END $$; "
                      "GRANT planbro_caseworker TO anna")
    pg_server.execute("INSERT INTO planbro.unit_members VALUES ('anna', 'Team Vest')",
                      pg_database)
    with TeamStore(pg_server.url(pg_database, user="anna"), holder="Anna Jensen",
                   data_dir=tmp_path / "anna") as anna:
        window = window_of(anna, UserSettings(caseworker_name="Anna Jensen",
                                              caseworker_unit="Team Vest"))
        selector = window.team.view
        assert [selector.itemText(i) for i in range(selector.count())] == [
            "Mine sager", "Teamets sager"]
        assert not window.team.actions.leader
        assert not window.team.actions.break_lease.isVisible()
        plan_menu = window.menuBar().actions()[0].menu()
        shown = [a.objectName() for a in plan_menu.actions() if a.isVisible()]
        assert "action_hand_over" in shown and "action_break_lease" not in shown
        window.close()


def test_the_hand_over_dialog_gives_the_colleague_the_day_and_the_note(qtbot):
    from planbro.ui.common.handover_dialog import HandOverDialog

    dialog = HandOverDialog(None, "Bo Berg")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Overdrag sag — Bo Berg"
    dialog.to_name.setEditText("Lars Holm")
    dialog.note.setPlainText("Borgeren ringer mandag.")
    # A day that is not one keeps the dialog open, saying why beside the field.
    dialog.until.edit.setText("31-02-2027")
    dialog.accept()
    assert dialog.result() != HandOverDialog.DialogCode.Accepted
    assert "ikke en rigtig dato" in dialog.until_message.text()
    dialog.until.edit.setText("15-04-2027")
    dialog.accept()
    assert dialog.result() == HandOverDialog.DialogCode.Accepted
    assert dialog.answer() == HandOverAnswer("Lars Holm", "Borgeren ringer mandag.",
                                             date(2027, 4, 15))
