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


def kill_child_after_its_save(plan_id: str, text: str, env: dict[str, str]) -> int:
    """Run wizard_child.py (it types `text` into a new plan `plan_id` and autosaves) and
    SIGKILL it once it says the whole text is saved: a crash or a power cut, no chance to
    flush, close or clean up. Its return code (-SIGKILL)."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    child = subprocess.Popen([sys.executable, str(Path(__file__).with_name("wizard_child.py")),
                              plan_id, text], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env)
    try:
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while not any(line.startswith("SAVED") for line in lines) and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line)
        assert f"SAVED {plan_id}\n" in lines, lines
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    return child.returncode
