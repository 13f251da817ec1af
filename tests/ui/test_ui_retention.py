"""The app after closing a case (#11): Luk sagen offers the PDF/A for the ESDH, Markér som
journaliseret records the day, the caseload says it, the start deletes journalised cases
whose period is over after asking, and Indstillinger holds the period."""

from __future__ import annotations

from datetime import date, timedelta

from ui_support import TODAY

from PySide6.QtCore import Qt

from planbro.audit import AuditLog
from planbro.settings import UserSettings, save_settings
from planbro.storage import PlanStore

from planbro.ui.caseload_model import COLUMNS

# Journalised long enough before TODAY to be due after the default 30 days.
LONG_AGO = TODAY - timedelta(days=40)


def status(window, name, role=Qt.ItemDataRole.DisplayRole):
    for row in range(window.proxy.rowCount()):
        if window.proxy.index(row, COLUMNS.index("name")).data() == name:
            return window.proxy.index(row, COLUMNS.index("status")).data(role)
    raise AssertionError(f"{name} not shown")


def test_closing_offers_the_pdf_for_the_esdh(make_window, add_plan, store, dialogs, tmp_path):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    assert window.select_plan(plan.id)
    target = tmp_path / "sag.pdf"
    dialogs.queue("confirm", True, True).queue("save_file", str(target))
    window.plan_actions.actions["close_case"].trigger()
    offer = dialogs.calls_of("confirm")[1]
    assert "PDF/A" in offer.text and "ESDH" in offer.text and "30 dage" in offer.text
    # Ja is the default: saving the document is what comes next.
    assert offer.extra["default_yes"] is True
    assert store.get(plan.id).status == "closed"
    assert target.read_bytes().startswith(b"%PDF")


def test_mark_as_journalised_asks_the_day_and_shows_it(make_window, add_plan, store, dialogs):
    open_plan = add_plan("Bo Lund", status="signed")
    closed = add_plan("Anna Holm", status="closed")
    window = make_window()
    action = window.plan_actions.actions["journalise"]
    assert window.select_plan(open_plan.id)
    assert not action.isEnabled()
    assert window.select_plan(closed.id)
    assert action.isEnabled()
    assert status(window, "Anna Holm") == "afsluttet, ikke journaliseret"
    assert "ikke markeret som journaliseret" in status(window, "Anna Holm",
                                                        Qt.ItemDataRole.ToolTipRole)
    # Cancelled: nothing changes.
    dialogs.queue("pick_date", None)
    action.trigger()
    assert store.get(closed.id).journalised is None
    assert dialogs.calls_of("pick_date")[0].extra["default"] == TODAY
    # A day to come is refused.
    dialogs.queue("pick_date", TODAY + timedelta(days=1))
    action.trigger()
    assert "ikke kommet" in dialogs.calls_of("warn")[-1].text
    assert store.get(closed.id).journalised is None
    dialogs.queue("pick_date", date(2027, 3, 1))
    action.trigger()
    assert store.get(closed.id).journalised == date(2027, 3, 1)
    assert status(window, "Anna Holm") == "journaliseret (1. mar. 2027)"
    assert "Journaliseret i ESDH" in status(window, "Anna Holm", Qt.ItemDataRole.ToolTipRole)
    assert "31. mar. 2027" in window.statusBar().currentMessage()


def test_the_menu_has_the_action_after_close_case(make_window):
    window = make_window()
    from PySide6.QtWidgets import QMenu

    [plan_menu] = [m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Handleplan"]
    names = [a.objectName() for a in plan_menu.actions()]
    assert names.index("action_journalise") == names.index("action_close_case") + 1


def _journalised(store, add_plan, name, on):
    plan = add_plan(name, status="closed")
    store.journalise(plan.id, on)
    return plan


def test_the_start_asks_and_deletes_the_cases_due(make_window, add_plan, store, dialogs):
    from planbro.ui.actions_retention import purge_at_start

    due = _journalised(store, add_plan, "Anna Holm", LONG_AGO)
    kept = _journalised(store, add_plan, "Bo Lund", TODAY - timedelta(days=5))
    waiting = add_plan("Carl Nørgaard", status="closed")
    window = make_window()
    # Nej postpones: nothing is deleted, and the next start asks again.
    dialogs.queue("confirm", False, True)
    assert purge_at_start(window) == 0
    [question] = dialogs.calls_of("confirm")
    assert "Anna Holm" in question.text and "journaliseret 3. feb. 2027" in question.text
    assert "Bo Lund" not in question.text and "Carl Nørgaard" not in question.text
    assert "120379" not in question.text
    assert question.extra["default_yes"] is False
    assert len(store.summaries()) == 3
    assert purge_at_start(window) == 1
    assert {s.id for s in store.summaries()} == {kept.id, waiting.id}
    shown = {window.proxy.index(row, 0).data() for row in range(window.proxy.rowCount())}
    assert shown == {"Bo Lund", "Carl Nørgaard"}
    message = window.statusBar().currentMessage()
    assert "1 journaliseret sag blev slettet" in message
    assert "1 afsluttet sag er ikke markeret som journaliseret" in message
    assert due.id not in {p.stem.split(".")[0] for p in store.backups()}


def test_nothing_due_asks_nothing(make_window, add_plan, store, dialogs):
    from planbro.ui.actions_retention import purge_at_start

    add_plan("Carl Nørgaard", status="closed")
    window = make_window()
    assert purge_at_start(window) == 0
    assert dialogs.calls_of("confirm") == []
    assert "ikke markeret som journaliseret" in window.statusBar().currentMessage()


def test_the_app_start_purges_with_the_settings_period_and_logs_it(qtbot, tmp_path, dialogs,
                                                                   example_plan):
    from planbro.ui.app import start

    folder = tmp_path / "data"
    save_settings(UserSettings(caseworker_name="Mette Kjær", retention_days=60, data_dir=""))
    with PlanStore(folder) as setup:
        example_plan.citizen.name = "Anna Holm"
        setup.put(example_plan)
        setup.close_case(example_plan.id)
        setup.journalise(example_plan.id, LONG_AGO)
    # 40 days ago is within a period of 60 days: nothing is asked.
    window = start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    assert dialogs.calls_of("confirm") == []
    window.store.close()
    window.close()
    save_settings(UserSettings(caseworker_name="Mette Kjær", retention_days=30))
    dialogs.queue("confirm", True)
    window = start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    assert "30 dage" in dialogs.calls_of("confirm")[0].text
    assert window.store.summaries() == []
    window.store.close()
    window.close()
    [record] = [r for r in AuditLog(folder).read().records if r["action"] == "purge"]
    assert (record["plan"], record["via"]) == (example_plan.id, "app")


def test_settings_hold_the_retention_period(qtbot):
    from planbro.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, UserSettings(caseworker_name="Mette Kjær"))
    qtbot.addWidget(dialog)
    assert dialog.retention.value() == 30
    assert dialog.retention.minimum() == 1 and dialog.retention.maximum() == 3650
    dialog.retention.setValue(90)
    assert dialog.result_settings().retention_days == 90
    assert dialog.result_settings().caseworker_name == "Mette Kjær"
