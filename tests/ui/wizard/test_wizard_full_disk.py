"""The wizard on a real full disk (a small tmpfs): the caseworker is told in Danish,
the typing stays in the window, and closing asks before anything is lost."""

from __future__ import annotations

import os

import pytest
from wizard_support import editor, type_in

from PySide6.QtWidgets import QApplication

from planbro.model import Plan

from planbro.audit import AuditLog
from planbro.storage import PlanStore

from planbro.ui.common.scripted_dialogs import ScriptedDialogs
from planbro.ui.wizard import PlanWizard

from disk_support import fill, small_disk


@pytest.fixture
def full_disk_store(tmp_path):
    with small_disk(tmp_path / "disk", "1m") as mount:
        data = mount / "data"
        store = PlanStore(data, audit=AuditLog(data), via="app")
        try:
            yield store, mount
        finally:
            store.close()


def test_typing_on_a_full_disk_is_kept_and_closing_asks(qtbot, full_disk_store):
    store, mount = full_disk_store
    # A new plan: its first save needs room for the case file and its first backup.
    plan = Plan()
    dialogs = ScriptedDialogs()
    wizard = PlanWizard(store, plan, dialogs=dialogs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    filler = fill(mount)
    name = editor(wizard, "citizen.name").edit
    type_in(qtbot, name, "Kim Larsen")
    assert wizard.plan.citizen.name == "Kim Larsen"
    assert not wizard.autosave.flush(), store.get(plan.id).citizen.name
    [warned] = dialogs.calls_of("warn")
    assert "Der er ikke plads på disken" in warned.text and str(mount) in warned.text
    status = wizard.side.status.text()
    assert status.startswith("Ikke gemt: ") and "Der er ikke plads på disken" in status
    # Closing is refused by the default answer (No): the window and the typing stay.
    dialogs.queue("confirm", False)
    wizard.close()
    assert wizard.isVisible() and name.text() == "Kim Larsen"
    # Space is freed: the next close saves what was typed, without asking.
    os.unlink(filler)
    wizard.close()
    assert not wizard.isVisible()
    assert len(dialogs.calls_of("confirm")) == 1
    assert store.get(plan.id).citizen.name == "Kim Larsen"
    assert [r["action"] for r in AuditLog(store.data_dir).read().records] == ["create"]
