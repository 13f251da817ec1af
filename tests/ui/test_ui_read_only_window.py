"""The second, read-only window opens plans as its banner says it can: a draft
opens read-only at Gennemgang, by Enter, Åbn or a double-click, is never
written, and its view is in the audit log (#9.11)."""

from __future__ import annotations

import pytest
from ui_support import TODAY

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planbro.audit import AuditLog
from planbro.settings import UserSettings
from planbro.storage import PlanStore

from planbro.ui.wizard.autosave import AUTOSAVE_DELAY_MS
from planbro.ui.wizard.pages import FormStepPage
from planbro.ui.wizard.resume import ResumeFile


@pytest.fixture
def store(audited_store):
    """The first window's store, the writer: with the folder's audit log."""
    return audited_store


@pytest.fixture
def second_window(qtbot, store, dialogs):
    """second_window() -> a caseload over the same folder, read-only as a second Planbro opens it."""
    from planbro.ui.caseload_window import CaseloadWindow

    readers = []

    def make():
        reader = PlanStore(store.data_dir, read_only=True, audit=AuditLog(store.data_dir),
                           via="app")
        reader.locked_reason = "Planbros data er åbne i et andet vindue."
        readers.append(reader)
        window = CaseloadWindow(reader, UserSettings(caseworker_name="Mette Kjær"), dialogs,
                                today=TODAY)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        return window

    yield make
    for reader in readers:
        reader.close()


def records(store) -> list[tuple]:
    return [(r["action"], r["plan"], r["via"]) for r in AuditLog(store.data_dir).read().records]


def forms_of(wizard):
    return [form for page_id in wizard.pageIds()
            if isinstance(page := wizard.page(page_id), FormStepPage) for form in page.forms]


def read_through(qtbot, wizard):
    """Walk every step as a reader would, then wait well past the autosave."""
    for index in range(len(wizard.defs.steps)):
        wizard.open_step(index)
    wizard.open_step(len(wizard.defs.steps) - 1)
    qtbot.wait(AUTOSAVE_DELAY_MS * 3)


def test_a_draft_opens_read_only_and_nothing_is_written(qtbot, store, add_plan, second_window,
                                                        dialogs):
    plan = add_plan("Anna Holm")
    case = store._layout.case(plan.id)
    before_bytes, before_stamp = case.read_bytes(), case.stat().st_mtime_ns
    logged = len(records(store))
    window = second_window()
    assert window.read_only and window.select_plan(plan.id)
    assert window.plan_actions.actions["open"].isEnabled()
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.read_only
    assert wizard.plan.citizen.name == "Anna Holm"
    # At Gennemgang, the plan's summary, and the side says why it cannot be changed.
    assert wizard.currentPage().step.id == "review"
    assert "andet vindue" in wizard.side.status.text()
    # Read-only, not greyed out (#9.13): every field can be read and none changed.
    editors = [ed for form in forms_of(wizard) for ed in form.editors.values()]
    assert editors and all(ed.read_only and ed.isEnabled() for ed in editors)
    # No question about where the draft was left: it is read, not continued.
    assert dialogs.calls_of("confirm") == []
    read_through(qtbot, wizard)
    wizard.close()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)
    assert dialogs.calls_of("warn") == []
    assert not wizard.side.status.text().startswith("Ikke gemt")
    assert case.read_bytes() == before_bytes and case.stat().st_mtime_ns == before_stamp
    assert ResumeFile().step_of(plan.id) is None
    # The view is in the log, written by the read-only window; nothing else is.
    assert records(store)[logged:] == [("caseload", None, "app"), ("view", plan.id, "app")]


def test_enter_and_a_double_click_open_it_too(qtbot, store, add_plan, second_window, dialogs):
    plan = add_plan("Anna Holm")
    window = second_window()
    assert window.select_plan(plan.id)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert window.plan_actions.wizards[plan.id].read_only
    window.plan_actions.close_wizards()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)
    index = window.table.currentIndex()
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: plan.id in window.plan_actions.wizards)
    assert window.plan_actions.wizards[plan.id].read_only
    assert dialogs.calls_of("info") == []


def test_the_first_window_still_edits_while_the_second_reads(qtbot, store, add_plan,
                                                           second_window, make_window):
    plan = add_plan("Anna Holm")
    reading = second_window()
    assert reading.select_plan(plan.id)
    reading.plan_actions.actions["open"].trigger()
    assert reading.plan_actions.wizards[plan.id].read_only
    writing = make_window()
    assert writing.select_plan(plan.id)
    writing.plan_actions.actions["open"].trigger()
    assert not writing.plan_actions.wizards[plan.id].read_only
