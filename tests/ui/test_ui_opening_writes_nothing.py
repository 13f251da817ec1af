"""Opening a plan never writes (#9.2): a signed version, an earlier version and a
draft opened where it was left are read, not saved; no warning, no "Ikke gemt",
and the audit log says "vist", never "ændret", when nothing was changed."""

from __future__ import annotations

import pytest

from planbro.audit import AuditLog
from planbro.storage import PlanStore

from planbro.ui.wizard.autosave import AUTOSAVE_DELAY_MS


@pytest.fixture
def store(tmp_path):
    """The caseload's store as the app opens it: with the folder's audit log."""
    folder = tmp_path / "store"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as opened:
        yield opened


def actions_of(store) -> list[str]:
    return [r["action"] for r in AuditLog(store.data_dir).read().records]


def trigger(window, name):
    window.plan_actions.actions[name].trigger()


def settle(qtbot, store, plan_id, dialogs, wizard):
    """Wait well past the autosave, then check that nothing was written or said."""
    case = store._layout.case(plan_id)
    stamp = case.stat().st_mtime_ns
    qtbot.wait(AUTOSAVE_DELAY_MS * 3)
    assert dialogs.calls_of("warn") == []
    assert not wizard.side.status.text().startswith("Ikke gemt")
    assert not wizard.autosave.dirty
    assert case.stat().st_mtime_ns == stamp


def test_opening_a_signed_plan_writes_nothing(qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    before = actions_of(store)
    case = store._layout.case(plan.id)
    stamp = case.stat().st_mtime_ns
    window = make_window()
    assert window.select_plan(plan.id)
    trigger(window, "open")
    wizard = window.plan_actions.wizards[plan.id]
    # It opens at Gennemgang, read-only, and says why.
    assert wizard.currentPage().step.id == "review"
    assert "underskrevet" in wizard.side.status.text()
    settle(qtbot, store, plan.id, dialogs, wizard)
    wizard.close()
    assert case.stat().st_mtime_ns == stamp
    assert dialogs.calls_of("warn") == []
    assert actions_of(store)[len(before):] == ["caseload", "view"]


def test_opening_an_earlier_version_writes_nothing(qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    store.revise(plan.id)
    before = actions_of(store)
    case = store._layout.case(plan.id)
    stamp = case.stat().st_mtime_ns
    window = make_window()
    assert window.select_plan(plan.id)
    dialogs.queue("choose_version", 1)
    trigger(window, "versions")
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.plan.version == 1 and wizard.currentPage().step.id == "review"
    settle(qtbot, store, plan.id, dialogs, wizard)
    # Walking back through its steps writes nothing either.
    wizard.go_to_step("citizen")
    wizard.go_to_step("review")
    settle(qtbot, store, plan.id, dialogs, wizard)
    wizard.close()
    assert case.stat().st_mtime_ns == stamp
    assert actions_of(store)[len(before):] == ["caseload", "view"]
    assert store.get(plan.id, 1).status == "signed" and store.get(plan.id).status == "draft"


def test_a_draft_opened_where_it_was_left_is_not_changed(qtbot, make_window, add_plan, store,
                                                         dialogs):
    plan = add_plan("Anna Holm")
    stored = store.get(plan.id)
    window = make_window()
    assert window.select_plan(plan.id)
    trigger(window, "open")
    wizard = window.plan_actions.wizards[plan.id]
    # Walking through the steps with Næste changes nothing.
    wizard.go_to_step("services")
    settle(qtbot, store, plan.id, dialogs, wizard)
    wizard.close()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)
    before = actions_of(store)
    # Opened again: Ja to continue at step 5 walks there, and still writes nothing.
    dialogs.queue("confirm", True)
    trigger(window, "open")
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.currentPage().step.id == "services"
    settle(qtbot, store, plan.id, dialogs, wizard)
    wizard.close()
    assert actions_of(store)[len(before):] == ["view"]
    assert "change" not in actions_of(store)
    assert store.get(plan.id).updated == stored.updated
