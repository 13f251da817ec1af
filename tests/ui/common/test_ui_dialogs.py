"""The injectable dialogs: scripted answers, recorded calls, never a hang."""

from datetime import date

import pytest
from modal import on_next_modal

from planbro.ui.common.dialogs import Dialogs, file_filter
from planbro.ui.common.qt_dialogs import QtDialogs
from planbro.ui.common.scripted_dialogs import ScriptedDialogError, ScriptedDialogs


def test_scripted_answers_come_in_order_and_calls_are_recorded(tmp_path):
    dialogs = ScriptedDialogs()
    dialogs.queue("confirm", True, False)
    dialogs.queue("save_file", str(tmp_path / "a.docx"), None)
    dialogs.queue("open_files", [str(tmp_path / "p.json")])
    dialogs.queue("pick_date", date(2027, 3, 1))
    assert dialogs.confirm(None, "T", "sure?") is True
    assert dialogs.confirm(None, "T", "really?") is False
    assert dialogs.save_file(None, "Gem", "plan.docx", file_filter("docx")) == str(tmp_path / "a.docx")
    assert dialogs.save_file(None, "Gem", "plan.docx", file_filter("docx")) is None
    assert dialogs.open_files(None, "Åbn", file_filter("plan")) == [str(tmp_path / "p.json")]
    assert dialogs.pick_date(None, "Dato", date(2027, 1, 1)) == date(2027, 3, 1)
    dialogs.info(None, "Info", "hello")
    dialogs.warn(None, "Advarsel", "careful")
    dialogs.open_folder(tmp_path)
    assert [c.kind for c in dialogs.calls] == [
        "confirm", "confirm", "save_file", "save_file", "open_files", "pick_date",
        "info", "warn", "open_folder"]
    assert dialogs.calls_of("confirm")[1].text == "really?"
    assert dialogs.calls_of("save_file")[0].extra["suggested"] == "plan.docx"
    assert dialogs.calls_of("pick_date")[0].extra["default"] == date(2027, 1, 1)
    assert dialogs.calls_of("warn")[0].text == "careful"
    assert dialogs.calls_of("open_folder")[0].extra["path"] == tmp_path


def test_unanswered_question_fails_instead_of_hanging():
    dialogs = ScriptedDialogs()
    with pytest.raises(ScriptedDialogError):
        dialogs.confirm(None, "T", "?")
    with pytest.raises(ScriptedDialogError):
        dialogs.pick_date(None, "T", date(2027, 1, 1))


def test_defaults_answer_when_nothing_is_queued():
    dialogs = ScriptedDialogs(confirm=False, open_files=[])
    assert dialogs.confirm(None, "T", "?") is False
    assert dialogs.open_files(None, "T", "*") == []


def test_qt_dialogs_are_dialogs():
    assert isinstance(QtDialogs(), Dialogs)
    assert isinstance(ScriptedDialogs(), Dialogs)


def test_filters_name_the_file_kinds():
    assert "*.docx" in file_filter("docx")
    assert "*.pdf" in file_filter("pdf")
    assert "*.json" in file_filter("plan")




def test_qt_confirm_defaults_to_no_so_enter_never_confirms(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    failures = on_next_modal(lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert QtDialogs().confirm(None, "Luk sag", "Vil du lukke sagen?") is False
    assert failures == []
    failures = on_next_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert QtDialogs().confirm(None, "Luk sag", "Vil du lukke sagen?") is True
    assert failures == []


def test_qt_pick_date_by_keyboard(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QCalendarWidget

    def choose(dialog):
        calendar = dialog.findChild(QCalendarWidget)
        view = calendar.focusProxy() or calendar
        # Right arrow: the next day; Enter accepts.
        qtbot.keyClick(view, Qt.Key.Key_Right)
        qtbot.keyClick(view, Qt.Key.Key_Return)

    failures = on_next_modal(choose)
    assert QtDialogs().pick_date(None, "Dato", date(2027, 2, 28)) == date(2027, 3, 1)
    assert failures == []
    failures = on_next_modal(lambda d: qtbot.keyClick(d, Qt.Key.Key_Escape))
    assert QtDialogs().pick_date(None, "Dato", date(2027, 2, 28)) is None
    assert failures == []


def test_qt_confirm_with_default_yes_takes_enter_as_yes(qtbot):
    from PySide6.QtCore import Qt

    failures = on_next_modal(lambda box: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert QtDialogs().confirm(None, "Fortsæt", "Fortsætte?", default_yes=True) is True
    assert failures == []
    failures = on_next_modal(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert QtDialogs().confirm(None, "Fortsæt", "Fortsætte?", default_yes=True) is False
    assert failures == []


def test_ask_text_gives_the_line_typed_or_none_when_cancelled(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    def type_id(dialog):
        edit = dialog.findChild(QLineEdit)
        qtbot.keyClicks(edit, "3f2c9a6e")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    failures = on_next_modal(type_id, focused=True)
    assert QtDialogs().ask_text(None, "Aktindsigt", "Planens id:") == "3f2c9a6e"
    failures += on_next_modal(lambda dialog: dialog.reject())
    assert QtDialogs().ask_text(None, "Aktindsigt", "Planens id:") is None
    assert failures == []
    scripted = ScriptedDialogs().queue("ask_text", "abcd1234")
    assert scripted.ask_text(None, "T", "id?") == "abcd1234"
    assert scripted.calls_of("ask_text")[0].text == "id?"
