"""Boxes sized for what they hold (#9.12): lists of goals, services and
partners show their rows, warning signs included; the citizen's own words get
room; the sub-goal's indicator shows all that was typed; and a message coming
or going under a field never moves the fields below it."""

from __future__ import annotations

from datetime import date

from wizard_support import editor, tab, type_in

from PySide6.QtCore import QPoint

from planbro.model import Plan

# The day the quality check is run on: before the example plan's follow-up.
TODAY = date(2026, 11, 20)
# Rows a list of items shows at least, however few it holds.
LIST_MIN_ROWS = 4


def rows_shown(view) -> list[bool]:
    """For each row of a list: is all its height inside the list's visible area?
    (A long summary is cut at the side with «…».)"""
    height = view.viewport().height()
    rects = [view.visualItemRect(view.item(i)) for i in range(view.count())]
    return [r.top() >= 0 and r.bottom() < height for r in rects]


def y_of(widget, page) -> int:
    return widget.mapTo(page, QPoint(0, 0)).y()


def test_two_goals_with_warning_signs_are_both_shown(qtbot, make_wizard, example_plan):
    del example_plan.goals[2]
    for goal in example_plan.goals:
        # Each goal gets a warning sign: a sub-goal without its indicator.
        goal.subgoals[0].indicator = ""
    wizard = make_wizard(example_plan, start_step="goals", today=TODAY)
    goals = editor(wizard, "goals")
    assert all(not goals.list.item(i).icon().isNull() for i in range(2))
    assert rows_shown(goals.list) == [True, True]
    # Room for more than the two: the list is no peephole.
    row = goals.list.visualItemRect(goals.list.item(0)).height()
    assert goals.list.viewport().height() >= LIST_MIN_ROWS * row
    subgoals = goals.detail.editors["subgoals"]
    assert rows_shown(subgoals.list) == [True] * subgoals.list.count()


def test_every_list_row_shows_as_the_list_grows(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step="partners", today=TODAY)
    partners = editor(wizard, "partners")
    for _ in range(6 - partners.list.count()):
        partners.add()
    assert partners.list.count() == 6
    assert rows_shown(partners.list) == [True] * 6


def test_the_citizens_own_words_get_room_and_the_indicator_shows_all_its_text(qtbot, make_wizard):
    wizard = make_wizard(Plan(), start_step="purpose")
    words = editor(wizard, "citizen_words").edit
    line = words.fontMetrics().lineSpacing()
    assert words.viewport().height() >= 8 * line
    purpose = editor(wizard, "purpose").edit
    assert purpose.viewport().height() >= 6 * line

    wizard.go_to_step("goals")
    goals = editor(wizard, "goals")
    goals.add()
    subgoals = goals.detail.editors["subgoals"]
    subgoals.add()
    indicator = subgoals.detail.editors["indicator"].edit
    text = ("Jonas har en underskrevet lejekontrakt, og kopien ligger i sagen; "
            "bostøttemedarbejderen har set ham bo i lejligheden to gange")
    type_in(qtbot, indicator, text)
    qtbot.waitUntil(lambda: indicator.verticalScrollBar().maximum() == 0)
    assert indicator.toPlainText() == text
    # All of it in view: no scrolling sideways, no line hidden below.
    assert indicator.horizontalScrollBar().maximum() == 0
    assert indicator.document().size().height() >= 2


def test_a_message_appearing_or_going_does_not_move_the_fields_below(qtbot, make_wizard):
    wizard = make_wizard(Plan())
    page = wizard.currentPage()
    cpr = editor(wizard, "citizen.cpr")
    address = editor(wizard, "citizen.address").edit
    before = y_of(address, page)
    type_in(qtbot, cpr.edit, "3213791234")
    tab(qtbot)
    assert cpr.messages()
    qtbot.wait(50)
    assert y_of(address, page) == before
    cpr.edit.clear()
    with qtbot.waitSignal(wizard.plan_saved, timeout=3000):
        qtbot.keyClicks(cpr.edit, "120379-1235")
        tab(qtbot)
    assert cpr.messages() == []
    qtbot.wait(50)
    assert y_of(address, page) == before


def test_a_finding_coming_after_a_save_does_not_move_the_fields_below(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step="purpose", today=TODAY)
    page = wizard.currentPage()
    words = editor(wizard, "citizen_words")
    purpose = editor(wizard, "purpose").edit
    before = y_of(purpose, page)
    words.edit.clear()
    with qtbot.waitSignal(wizard.plan_saved, timeout=3000):
        pass
    assert [kind for kind, _text in words.messages()] == ["advarsel"]
    qtbot.wait(50)
    shown = y_of(purpose, page)
    # Typed in again, the finding goes, and the space it took stays until the page is loaded anew.
    type_in(qtbot, words.edit, "Jeg vil have mit eget sted at bo.")
    with qtbot.waitSignal(wizard.plan_saved, timeout=3000):
        pass
    assert words.messages() == []
    qtbot.wait(50)
    assert y_of(purpose, page) == shown
    assert shown - before <= 3 * words.message.fontMetrics().lineSpacing()
