"""The real sign dialog, driven from the keyboard: both days, or "the citizen does
not wish to sign" with a note; OK only when the answer can be recorded (#9.9)."""

from datetime import date

from modal import on_next_modal
from ui_support import TODAY

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planbro.actions.lifecycle import SignatureAnswer

from planbro.ui.common.qt_dialogs import QtDialogs

ALT = Qt.KeyboardModifier.AltModifier


def activate(qtbot, dialog):
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def type_into(qtbot, box, text):
    box.edit.selectAll()
    qtbot.keyClicks(box.edit, text)


def test_both_days_typed_from_the_keyboard(qtbot, example_plan):
    def fill(dialog):
        activate(qtbot, dialog)
        # Both days start as today; the citizen's box has the focus.
        assert QApplication.focusWidget() is dialog.citizen.edit
        assert dialog.citizen.edit.text() == dialog.caseworker.edit.text() == "15-03-2027"
        assert not dialog.note.isVisible()
        type_into(qtbot, dialog.citizen, "12.3.27")
        qtbot.keyClick(dialog, Qt.Key.Key_S, ALT)             # &Sagsbehandleren underskrev den
        assert QApplication.focusWidget() is dialog.caseworker.edit
        type_into(qtbot, dialog.caseworker, "14-03-2027")
        assert dialog.ok.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_M, ALT)             # &Markér som underskrevet

    failures = on_next_modal(fill)
    answer = QtDialogs().sign(None, example_plan, TODAY)
    assert failures == []
    assert answer == SignatureAnswer(date(2027, 3, 14), date(2027, 3, 12), False, "")


def test_the_citizen_does_not_wish_to_sign_and_a_note_is_needed(qtbot, example_plan):
    seen = {}

    def fill(dialog):
        activate(qtbot, dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_I, ALT)             # Borgeren ønsker &ikke at underskrive
        # A mnemonic clicks a check box as a mouse would, a moment later.
        qtbot.waitUntil(dialog.declines.isChecked)
        # No citizen's day now; the note is asked for, and OK waits for it.
        assert not dialog.citizen.isEnabled()
        assert dialog.note.isVisible() and QApplication.focusWidget() is dialog.note
        assert not dialog.ok.isEnabled()
        seen["hint"] = dialog.note_message.text()
        qtbot.keyClicks(dialog.note, "Vil tænke over planen til næste møde.")
        assert dialog.ok.isEnabled()
        # A caseworker's day not yet come is refused beside the field.
        type_into(qtbot, dialog.caseworker, "16-03-2027")
        assert not dialog.ok.isEnabled()
        seen["future"] = dialog.caseworker_message.text()
        type_into(qtbot, dialog.caseworker, "15-03-2027")
        qtbot.keyClick(dialog.caseworker.edit, Qt.Key.Key_Return)

    failures = on_next_modal(fill)
    answer = QtDialogs().sign(None, example_plan, TODAY)
    assert failures == []
    assert answer == SignatureAnswer(TODAY, None, True, "Vil tænke over planen til næste møde.")
    assert seen["hint"] == "Skriv, hvorfor borgeren ikke ønsker at underskrive."
    assert seen["future"] == ("16-03-2027 ligger i fremtiden; en underskrift registreres, når den "
                              "er givet.")


def test_escape_signs_nothing(qtbot, example_plan):
    failures = on_next_modal(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    assert QtDialogs().sign(None, example_plan, TODAY) is None
    assert failures == []
