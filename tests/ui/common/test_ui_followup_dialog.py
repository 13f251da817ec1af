"""The real follow-up dialog, driven from the keyboard: defaults, the checks
beside the fields, OK only when all is well; a timer closes it whatever happens."""

import copy
from datetime import date

from modal import on_next_modal
from ui_support import TODAY

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from planbro.model import FollowUpEntry

from planbro.actions.followup import FollowUpAnswer

from planbro.ui.common.followup_dialog import FollowUpDialog
from planbro.ui.common.qt_dialogs import QtDialogs

ALT = Qt.KeyboardModifier.AltModifier




def activate(qtbot, dialog):
    # Focus and mnemonics work in the active window, as for a real user.
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)


def type_into(qtbot, widget, text):
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def signed(example_plan):
    plan = copy.deepcopy(example_plan)
    plan.status = "signed"
    return plan


def test_a_follow_up_typed_from_the_keyboard(qtbot, example_plan):
    def fill(dialog):
        activate(qtbot, dialog)
        # The date box has the focus and today's date, selected: typing replaces it.
        assert QApplication.focusWidget() is dialog.date.edit
        assert dialog.date.edit.text() == "15-03-2027"
        qtbot.keyClicks(dialog.date.edit, "1.3.27")
        qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Tab)
        assert dialog.date.edit.text() == "01-03-2027"
        # Tab reaches the outcomes; the arrow moves to Ændres.
        assert QApplication.focusWidget() is dialog.radios["continue"]
        qtbot.keyClick(dialog.radios["continue"], Qt.Key.Key_Down)
        assert dialog.radios["change"].isChecked()
        # A changed plan is followed up again within 3 months of the day.
        assert dialog.next.edit.text() == "01-06-2027"
        qtbot.keyClick(dialog, Qt.Key.Key_T, ALT)            # No&tat
        assert QApplication.focusWidget() is dialog.note
        assert not dialog.ok.isEnabled()
        qtbot.keyClicks(dialog.note, "Jonas har fået egen bolig; målene skal ændres.")
        assert dialog.ok.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_R, ALT)            # &Registrér

    failures = on_next_modal(fill)
    answer = QtDialogs().follow_up(None, signed(example_plan), TODAY)
    assert failures == []
    assert answer == FollowUpAnswer(date(2027, 3, 1), "change",
                                    "Jonas har fået egen bolig; målene skal ændres.",
                                    date(2027, 6, 1))


def test_problems_show_beside_the_fields_and_keep_ok_off(qtbot, example_plan):
    seen = {}

    def check(dialog):
        activate(qtbot, dialog)
        # Before anything is typed, the note's problem is a grey hint.
        assert not dialog.ok.isEnabled()
        assert dialog.note_message.isVisible()
        assert "b00020" not in dialog.note_message.styleSheet()
        qtbot.keyClicks(dialog.note, "x")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Backspace)
        assert "b00020" in dialog.note_message.styleSheet()
        seen["note"] = dialog.note_message.text()
        qtbot.keyClicks(dialog.note, "Går efter planen.")
        assert dialog.ok.isEnabled() and not dialog.note_message.isVisible()
        # A day that has not come yet.
        type_into(qtbot, dialog.date.edit, "16-03-2027")
        assert not dialog.ok.isEnabled()
        seen["date"] = dialog.date_message.text()
        # Not a date at all.
        type_into(qtbot, dialog.date.edit, "30-02-2027")
        seen["not a date"] = dialog.date_message.text()
        type_into(qtbot, dialog.date.edit, "10-03-2027")
        assert dialog.ok.isEnabled()
        # The next follow-up followed the day (a year on) until it is typed.
        assert dialog.next.edit.text() == "10-03-2028"
        type_into(qtbot, dialog.next.edit, "10-03-2027")
        assert not dialog.ok.isEnabled()
        seen["next"] = dialog.next_message.text()
        type_into(qtbot, dialog.date.edit, "01-03-2027")
        assert dialog.next.edit.text() == "10-03-2027" and dialog.ok.isEnabled()
        # Afsluttes: no next follow-up; what it means is said beside it.
        dialog.radios["close"].setFocus()
        qtbot.keyClick(dialog.radios["close"], Qt.Key.Key_Space)
        assert not dialog.next.isVisible()
        seen["close"] = dialog.consequence.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    failures = on_next_modal(check)
    assert QtDialogs().follow_up(None, signed(example_plan), TODAY) is None
    assert failures == []
    assert seen["note"] == "Skriv, hvad der blev konstateret og aftalt ved opfølgningen."
    assert seen["date"] == ("16-03-2027 er ikke kommet endnu; notér opfølgningen, når den har "
                            "fundet sted.")
    assert seen["not a date"].startswith("«30-02-2027» er ikke en rigtig dato")
    assert seen["next"] == "Næste opfølgning skal ligge efter 10-03-2027."
    assert "kan ikke ændres bagefter" in seen["close"]


def test_enter_does_not_record_an_incomplete_follow_up(qtbot, example_plan):
    failures = on_next_modal(lambda d: (qtbot.keyClick(d.date.edit, Qt.Key.Key_Return),
                                        qtbot.keyClick(d, Qt.Key.Key_Escape)))
    assert QtDialogs().follow_up(None, signed(example_plan), TODAY) is None
    assert failures == []


def test_afsluttes_gives_no_next_date(qtbot, example_plan):
    def close(dialog):
        dialog.radios["close"].click()
        qtbot.keyClicks(dialog.note, "Sagen afsluttes efter aftale.")
        qtbot.keyClick(dialog.date.edit, Qt.Key.Key_Return)   # the default button: Registrér

    failures = on_next_modal(close)
    answer = QtDialogs().follow_up(None, signed(example_plan), TODAY)
    assert failures == []
    assert answer == FollowUpAnswer(TODAY, "close", "Sagen afsluttes efter aftale.", None)


def test_the_calendar_fills_a_date_box(qtbot, example_plan):
    picked = []

    def pick(parent, title, default):
        picked.append((title, default))
        return date(2027, 9, 1)

    dialog = FollowUpDialog(None, signed(example_plan), TODAY, pick_date=pick)
    qtbot.addWidget(dialog)
    dialog.next.edit.setFocus()
    qtbot.keyClick(dialog.next.edit, Qt.Key.Key_F4)
    assert picked == [("Vælg dato: Næste opfølgning", date(2028, 3, 15))]
    assert dialog.next.edit.text() == "01-09-2027"
    # Picked by hand, it no longer follows the day of the follow-up.
    dialog.date.edit.setText("01-03-2027")
    assert dialog.next.value() == date(2027, 9, 1)


def test_filled_in_again_from_a_previous_answer(qtbot, example_plan):
    previous = FollowUpAnswer(date(2027, 3, 1), "close", "Afsluttes.", None)
    dialog = FollowUpDialog(None, signed(example_plan), TODAY, previous=previous)
    qtbot.addWidget(dialog)
    assert dialog.answer() == previous
    assert dialog.ok.isEnabled()


def test_intro_names_the_last_follow_up_and_the_title_the_citizen(qtbot, example_plan):
    plan = signed(example_plan)
    plan.follow_up.history = [FollowUpEntry(date(2026, 12, 1), "continue", "ok"),
                              FollowUpEntry(date(2026, 9, 1), "change", "ændret")]
    dialog = FollowUpDialog(None, plan, TODAY)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "Seneste opfølgning: 01-12-2026 (fortsættes)." in texts
    assert dialog.windowTitle() == f"Registrér opfølgning — {plan.citizen.name}"
    # A draft that changes is opened itself; no new version is made.
    plan.status = "draft"
    draft = FollowUpDialog(None, plan, TODAY)
    qtbot.addWidget(draft)
    draft.radios["change"].setChecked(True)
    assert draft.consequence.text() == "Kladden åbnes, så du kan ændre den."


def test_mnemonics_are_unique(qtbot, example_plan):
    dialog = FollowUpDialog(None, signed(example_plan), TODAY)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy()]
    texts += [radio.text() for radio in dialog.radios.values()] + [dialog.ok.text()]
    letters = [text[text.index("&") + 1].lower() for text in texts]
    assert len(letters) == 7 and len(set(letters)) == 7, texts
