"""Handleplan → Slet kladde …: a draft never signed is deleted after a question
naming the citizen (Nej the default); a plan with a signed version cannot be (#9.22)."""

from __future__ import annotations

import pytest
from modal import on_next_modal
from ui_support import TODAY

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from planbro.audit import AuditLog
from planbro.storage import PlanNotFound, PlanStore

from planbro.ui.common.qt_dialogs import QtDialogs


@pytest.fixture
def store(tmp_path):
    """The caseload's store as the app opens it: with the folder's audit log."""
    folder = tmp_path / "store"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as opened:
        yield opened


def plan_menu_action(window, text: str):
    menu = window.menuBar().actions()[0].menu()
    [action] = [a for a in menu.actions() if a.text() == text]
    return action


def deletes(store) -> list:
    return [(r["plan"], r["version"], r["via"]) for r in AuditLog(store.data_dir).read().records
            if r["action"] == "delete"]


def test_a_draft_is_deleted_from_the_plan_menu_after_asking(qtbot, make_window, add_plan, store,
                                                            dialogs):
    plan = add_plan("Anna Holm")
    kept = add_plan("Bo Jensen")
    window = make_window()
    assert window.select_plan(plan.id)
    action = plan_menu_action(window, "&Slet kladde …")
    assert action.isEnabled()
    dialogs.queue("confirm", False, True)
    action.trigger()
    [asked] = dialogs.calls_of("confirm")
    assert asked.title == "Slet kladde"
    assert "Anna Holm" in asked.text and "kan ikke fortrydes" in asked.text
    assert asked.extra["default_yes"] is False
    assert store.get(plan.id).citizen.name == "Anna Holm"
    assert deletes(store) == []
    action.trigger()
    with pytest.raises(PlanNotFound):
        store.get(plan.id)
    assert [s.id for s in window.model.summaries()] == [kept.id]
    assert "Anna Holm" in window.statusBar().currentMessage()
    assert deletes(store) == [(plan.id, 1, "app")]


def test_enter_in_the_real_question_keeps_the_draft(qtbot, make_window, add_plan, store):
    plan = add_plan("Anna Holm")
    window = make_window()
    window.dialogs = QtDialogs()
    assert window.select_plan(plan.id)
    seen = []

    def press_enter(box):
        seen.append(box.standardButton(box.defaultButton()))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    failures = on_next_modal(press_enter)
    window.plan_actions.actions["delete"].trigger()
    assert failures == []
    assert seen == [QMessageBox.StandardButton.No]
    assert store.get(plan.id).citizen.name == "Anna Holm"


def test_off_for_a_plan_with_a_signed_version(qtbot, make_window, add_plan, store):
    signed = add_plan("Anna Holm", status="signed")
    closed = add_plan("Bo Jensen", status="closed")
    revision = add_plan("Carl Nielsen", status="signed")
    store.revise(revision.id)
    draft = add_plan("Dorte Berg")
    window = make_window()
    action = window.plan_actions.actions["delete"]
    for plan in (signed, closed, revision):
        assert window.select_plan(plan.id)
        assert not action.isEnabled(), plan.citizen.name
    assert window.select_plan(draft.id)
    assert action.isEnabled()


def test_the_store_refusal_is_said_in_danish(make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    # Signed elsewhere (the command line) after the caseload last looked.
    store.sign(plan.id, TODAY)
    dialogs.queue("confirm", True)
    window.plan_actions.delete_draft()
    [refused] = dialogs.calls_of("warn")
    assert "aldrig" in refused.text and "Luk sagen" in refused.text
    assert store.get(plan.id).status == "signed"


def test_an_open_wizard_on_the_draft_is_closed_first(qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.isVisible()
    dialogs.queue("confirm", True)
    window.plan_actions.actions["delete"].trigger()
    assert not wizard.isVisible()
    assert plan.id not in window.plan_actions.wizards
    # The wizard's last save came before the delete, not after it.
    qtbot.wait(50)
    with pytest.raises(PlanNotFound):
        store.get(plan.id)
