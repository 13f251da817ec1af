"""Choosing another language in Indstillinger says, beside the box and in the
confirmation, that it is spoken from the next start (#9.24)."""

from __future__ import annotations

from modal import on_next_modal

from planbro.settings import load_settings


def test_the_note_beside_the_language_box_and_the_confirmation_say_restart(
        qtbot, make_window, dialogs):
    window = make_window()
    seen = {}

    def choose(dialog):
        note = dialog.language_note
        seen["before"] = note.isVisible()
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        seen["english"] = (note.isVisible(), note.text())
        box, shown = dialog.language.geometry(), note.geometry()
        # Beside the box: in the same row, to its right.
        seen["beside"] = shown.left() >= box.right() and shown.top() < box.bottom() \
            and shown.bottom() > box.top()
        dialog.language.setCurrentIndex(dialog.language.findData("da"))
        seen["back"] = note.isVisible()
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.accept()

    failures = on_next_modal(focused=True, act=choose)
    window.plan_actions.actions["settings"].trigger()
    assert failures == []
    assert seen["before"] is False
    visible, text = seen["english"]
    assert visible and text == "Planbro taler English fra næste start: luk Planbro, og start det igen."
    assert seen["beside"]
    assert seen["back"] is False
    assert load_settings().language == "en"
    [confirmation] = dialogs.calls_of("info")
    assert "sproget" in confirmation.text and "næste gang Planbro startes" in confirmation.text
    assert "English" in confirmation.text and "luk Planbro" in confirmation.text
    # The windows open now still speak Danish until then: nothing half-switched.
    assert window.plan_actions.actions["settings"].text() == "&Indstillinger …"


def test_the_first_start_dialog_says_it_too(qtbot):
    from planbro.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, None, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.language_note.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.language_note.isVisible()
    assert "næste start" in dialog.language_note.text()
