"""The real dialog for the recovery key or passphrase: typed unseen, the box to remember it for
this user ticked to begin with and shown only where the computer has a credential store."""

from modal import on_next_modal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from planbro.ui.common.dialogs import SecretAnswer
from planbro.ui.common.qt_dialogs import QtDialogs

ALT = Qt.KeyboardModifier.AltModifier


def test_the_key_is_typed_unseen_and_the_box_can_be_unticked_from_the_keyboard(qtbot):
    seen = {}

    def fill(dialog):
        assert QApplication.focusWidget() is dialog.secret
        seen["echo"] = dialog.secret.echoMode()
        seen["box"] = (dialog.remember.isVisible(), dialog.remember.isChecked(),
                       dialog.remember.text().replace("&", ""))
        qtbot.keyClicks(dialog.secret, "ABCDE-FGHIJ")
        qtbot.keyClick(dialog, Qt.Key.Key_H, ALT)              # &Husk nøglen …
        # A mnemonic clicks its box after a short animation.
        qtbot.waitUntil(lambda: not dialog.remember.isChecked())
        assert QApplication.focusWidget() is dialog.remember
        dialog.secret.setFocus()
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)

    failures = on_next_modal(fill, focused=True)
    answer = QtDialogs().ask_secret(None, "Krypteret datamappe", "Skriv nøglen",
                                    offer_remember=True)
    assert failures == []
    assert seen["echo"] == QLineEdit.EchoMode.Password
    assert seen["box"] == (True, True, "Husk nøglen for denne bruger på denne computer")
    assert answer == SecretAnswer("ABCDE-FGHIJ", remember=False)


def test_without_a_credential_store_there_is_no_box_and_nothing_to_remember(qtbot):
    seen = {}

    def fill(dialog):
        seen["visible"] = dialog.remember.isVisible()
        qtbot.keyClicks(dialog.secret, "en lang adgangsfrase")
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)

    failures = on_next_modal(fill, focused=True)
    answer = QtDialogs().ask_secret(None, "Krypteret datamappe", "Skriv nøglen")
    assert failures == []
    assert seen["visible"] is False
    assert answer == SecretAnswer("en lang adgangsfrase", remember=False)


def test_escape_cancels(qtbot):
    failures = on_next_modal(lambda dialog: qtbot.keyClick(dialog.secret, Qt.Key.Key_Escape),
                             focused=True)
    assert QtDialogs().ask_secret(None, "Krypteret datamappe", "Skriv nøglen",
                                  offer_remember=True) is None
    assert failures == []
