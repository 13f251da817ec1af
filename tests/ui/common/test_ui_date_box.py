"""The shared date box of the follow-up dialog and the wizard: Danish dates
typed and tidied on leaving, the calendar injected and reached by F4/Alt+Down."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from planbro.ui.common.date_box import DateBox


def shown(qtbot, pick):
    """(window, box, the line edit after it), shown and active so focus moves;
    the caller holds the window, as qtbot keeps only a weak reference."""
    window = QWidget()
    column = QVBoxLayout(window)
    box = DateBox("Frist", pick, window)
    after = QLineEdit(window)
    column.addWidget(box)
    column.addWidget(after)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, box, after


def counting(signal) -> list:
    seen = []
    signal.connect(lambda: seen.append(1))
    return seen


def test_typed_the_danish_way_and_tidied_on_leaving(qtbot):
    _window, box, after = shown(qtbot, None)
    finished, edited = counting(box.finished), counting(box.edited)
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "1.3.27")
    assert box.value() == date(2027, 3, 1) and box.problem() is None
    assert box.edit.text() == "1.3.27"
    # Tab skips the calendar button: the next stop is the box after it.
    qtbot.keyClick(box.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after
    assert box.edit.text() == "01-03-2027"
    assert finished == [1] and len(edited) == len("1.3.27")


def test_a_wrong_date_says_why_and_has_no_value(qtbot):
    _window, box, _after = shown(qtbot, None)
    box.edit.setText("31-13-2027")
    assert box.value() is None
    assert box.problem() == ("«31-13-2027» er ikke en rigtig dato; skriv den som DD-MM-ÅÅÅÅ, "
                             "fx 15-12-2026.")
    box.edit.setText("  ")
    assert box.value() is None and box.problem() is None


def test_alt_down_asks_the_injected_calendar(qtbot):
    asked = []
    answers = [date(2027, 9, 1), None]

    def pick(parent, title, default):
        asked.append((parent, title, default))
        return answers.pop(0)

    _window, box, _after = shown(qtbot, pick)
    box.set_value(date(2027, 6, 30))
    finished = counting(box.finished)
    box.edit.setFocus()
    qtbot.keyClick(box.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert asked == [(box, "Vælg dato: Frist", date(2027, 6, 30))]
    assert box.edit.text() == "01-09-2027" and finished == [1]
    # Cancelled: the date stays, and nothing is reported as finished.
    qtbot.keyClick(box.edit, Qt.Key.Key_F4)
    assert len(asked) == 2 and asked[1][2] == date(2027, 9, 1)
    assert box.edit.text() == "01-09-2027" and finished == [1]


def test_without_a_calendar_the_button_is_off_and_f4_does_nothing(qtbot):
    _window, box, _after = shown(qtbot, None)
    box.edit.setFocus()
    qtbot.keyClick(box.edit, Qt.Key.Key_F4)
    assert box.edit.text() == ""
    assert not box.button.isEnabled()
    assert box.button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert box.edit.accessibleName() == "Frist"
    assert box.button.accessibleName() == "Vælg dato: Frist"
    assert box.button.toolTip() == "Vælg dato: Frist (F4)"
    assert box.edit.placeholderText() == "DD-MM-ÅÅÅÅ"
