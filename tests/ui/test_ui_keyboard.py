"""Keyboard-only use of the caseload: shortcuts, mnemonics, tab order, and
accessible names for screen readers."""

from datetime import timedelta

from ui_support import TODAY

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QTableView

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_shortcuts_trigger_their_actions(qtbot, make_window, add_plan, store, dialogs, tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    window.table.setFocus()
    # Ctrl+U: mark as signed.
    dialogs.queue("sign", TODAY)
    qtbot.keyClick(window.table, Qt.Key.Key_U, CTRL)
    assert store.get(plan.id).status == "signed"
    # Ctrl+E: export.
    dialogs.queue("save_file", str(tmp_path / "a.json"))
    qtbot.keyClick(window.table, Qt.Key.Key_E, CTRL)
    assert (tmp_path / "a.json").exists()
    # Ctrl+I: import (cancelled here).
    dialogs.queue("open_files", [])
    qtbot.keyClick(window.table, Qt.Key.Key_I, CTRL)
    # The export is told in a message (it is plaintext, #11).
    assert [c.kind for c in dialogs.calls] == ["sign", "save_file", "info", "open_files"]
    # Ctrl+R: revise the now signed plan (asks, then opens the wizard on version 2).
    dialogs.queue("confirm", True)
    qtbot.keyClick(window.table, Qt.Key.Key_R, CTRL)
    assert store.versions(plan.id) == [1, 2]
    window.plan_actions.close_wizards()


def test_ctrl_n_and_enter_open_the_wizard(qtbot, make_window, add_plan):
    plan = add_plan("Anna Holm")
    window = make_window()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert plan.id in window.plan_actions.wizards
    window.plan_actions.close_wizards()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.table, Qt.Key.Key_N, CTRL)
    assert len(window.plan_actions.wizards) == 1
    window.plan_actions.close_wizards()


def test_ctrl_f_and_mnemonics_reach_the_filters(qtbot, make_window, add_plan):
    add_plan("Anna Holm", follow_up=TODAY - timedelta(days=1))
    add_plan("Bo Jensen")
    window = make_window()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is window.search
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_S, ALT)      # &Søg
    assert QApplication.focusWidget() is window.search
    qtbot.keyClick(window.search, Qt.Key.Key_T, ALT)     # S&tatus
    assert QApplication.focusWidget() is window.status_filter
    qtbot.keyClick(window.status_filter, Qt.Key.Key_O, ALT)   # &Opfølgning forfalden
    # A mnemonic "animates" the click: the box is checked a moment later.
    qtbot.waitUntil(window.overdue_only.isChecked)
    assert window.proxy.rowCount() == 1
    qtbot.keyClick(window.status_filter, Qt.Key.Key_K, ALT)   # &Kræver handling
    qtbot.waitUntil(window.action_only.isChecked)


def test_tab_order_runs_from_search_to_the_table(qtbot, make_window, add_plan):
    add_plan("Anna Holm")
    window = make_window()
    window.search.setFocus()
    order = [window.search]
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [window.search, window.status_filter, window.overdue_only,
                     window.action_only, window.purpose, window.table]
    # Tab leaves the table instead of walking its cells.
    qtbot.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table


def test_every_input_has_an_accessible_name(make_window):
    window = make_window()
    for kind in (QLineEdit, QComboBox, QTableView):
        for widget in window.findChildren(kind):
            if widget.isVisibleTo(window) and widget.parent() is not window.table:
                assert widget.accessibleName(), widget.objectName()
    for box in window.findChildren(QCheckBox):
        assert box.text()


def test_menus_have_mnemonics_without_clashes(make_window):
    window = make_window()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Handleplan", "&Filer", "F&unktioner", "H&jælp"]
    bar_letters = [text[text.index("&") + 1].lower() for text in menus]
    assert len(bar_letters) == len(set(bar_letters)), bar_letters
    for menu_action in window.menuBar().actions():
        letters = []
        for action in menu_action.menu().actions():
            if action.isSeparator():
                continue
            text = action.text()
            assert "&" in text, text
            letters.append(text[text.index("&") + 1].lower())
        assert len(letters) == len(set(letters)), letters
    shortcuts = [s.toString() for a in window.plan_actions.actions.values() for s in a.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts))
    assert {"Ctrl+N", "Ctrl+O", "Ctrl+R", "Ctrl+U", "Ctrl+S", "Ctrl+P", "Ctrl+E",
            "Ctrl+I"} <= set(shortcuts)
