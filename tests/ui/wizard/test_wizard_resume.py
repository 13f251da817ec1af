"""Reopening a draft: "continue where you left off?" answered with Enter
continues there (Ja is the default), in the real message box (#9.10)."""

from __future__ import annotations

from modal import on_next_modal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from planbro.model import Plan

from planbro.ui.common.qt_dialogs import QtDialogs
from planbro.ui.wizard.resume import ResumeFile


def left_at_services(make_wizard) -> Plan:
    plan = Plan()
    plan.citizen.name = "Kim Larsen"
    wizard = make_wizard(plan)
    wizard.walk_to(4)
    wizard.close()
    assert ResumeFile().step_of(plan.id) == "services"
    return plan


def test_enter_in_the_real_question_continues_at_the_step_left(qtbot, make_wizard, store):
    plan = left_at_services(make_wizard)
    asked = []

    def press_enter(box):
        asked.append((box.windowTitle(), box.text(), box.standardButton(box.defaultButton())))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    failures = on_next_modal(press_enter)
    again = make_wizard(store.get(plan.id), dialogs=QtDialogs())
    assert failures == []
    [(title, text, default)] = asked
    assert title == "Fortsæt kladden"
    assert "trin 5 af 9 — Indsatser" in text
    assert default == QMessageBox.StandardButton.Yes
    assert again.currentId() == 4


def test_no_in_the_real_question_starts_at_step_1(qtbot, make_wizard, store):
    plan = left_at_services(make_wizard)
    failures = on_next_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
    again = make_wizard(store.get(plan.id), dialogs=QtDialogs())
    assert failures == []
    assert again.currentId() == 0


def test_the_question_is_asked_with_ja_as_default(make_wizard, store, dialogs):
    plan = left_at_services(make_wizard)
    dialogs.queue("confirm", True)
    make_wizard(store.get(plan.id))
    [question] = dialogs.calls_of("confirm")
    assert question.extra["default_yes"] is True
