"""Acting on a real modal dialog from a test without ever hanging on exec()."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

# The longest a test waits for its dialog before giving up, in milliseconds.
GUARD_MS = 10000


class Failures(list):
    """What went wrong inside the dialog; also keeps the guard timer alive."""


def on_next_modal(act, *, focused: bool = False):
    """Run act(dialog) on the next modal window; reject it if act fails, or after
    GUARD_MS whatever happens. With focused=True, wait until the keyboard focus
    is inside the dialog (for tests that type)."""
    failures = Failures()

    def poll():
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        ready = dialog is not None and dialog.isVisible() and (
            not focused or (focus is not None and focus.window() is dialog))
        if not ready:
            QTimer.singleShot(20, poll)
            return
        guard.stop()
        try:
            act(dialog)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            failures.append(error)
            dialog.reject()

    def give_up():
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            failures.append(TimeoutError("modal dialog still open"))
            dialog.reject()

    # Stopped once the dialog is reached, so it cannot hit a later test's dialog.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(give_up)
    guard.start(GUARD_MS)
    QTimer.singleShot(0, poll)
    failures.guard = guard
    return failures
