"""Helpers for driving the wizard as a caseworker would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from planbro.settings import UserSettings

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier
# The caseworker whose settings pre-fill new plans (as the caseload does).
SETTINGS = UserSettings(
    caseworker_name="Mette Lund Sørensen", caseworker_unit="Team Hjemløse og Udsatte",
    caseworker_phone="65 51 12 34", caseworker_email="mls@odense.eksempel.dk",
    municipality_name="Odense Kommune", municipality_address="Flakhaven 2, 5000 Odense C")


def focus():
    return QApplication.focusWidget()


def editor(wizard, key: str):
    """The editor of `key` on the wizard's current page."""
    for form in wizard.currentPage().forms:
        if key in form.editors:
            return form.editors[key]
    raise KeyError(key)


def labels(wizard) -> dict:
    page = wizard.currentPage()
    return {key: label for form in page.forms for key, label in form.labels.items()}


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, LEFT)


def type_in(qtbot, widget, text: str) -> None:
    """Click into a field and type, like a person."""
    qtbot.mouseClick(widget, LEFT)
    qtbot.keyClicks(widget, text)


def tab(qtbot):
    qtbot.keyClick(focus(), Qt.Key.Key_Tab)
    return focus()


def next_button(wizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def press_next(qtbot, wizard) -> None:
    qtbot.mouseClick(next_button(wizard), LEFT)


def message_texts(ed) -> list[str]:
    return [text for _kind, text in ed.messages()]


def retype(qtbot, widget, text: str) -> None:
    """Click into a field, select what is there and type over it."""
    qtbot.mouseClick(widget, LEFT)
    widget.selectAll()
    qtbot.keyClicks(widget, text)
