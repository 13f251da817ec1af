"""A typo never wipes a saved value (#9.1): while a field holds text the plan
cannot take — a CPR number that is no CPR number, 31-11-2026, an end before its
start — the stored value stays as it was, for top-level fields and for items of
goals and services alike; the field says what is wrong, in one message (#9.15),
and the caseload, the quality check and the documents go on seeing the last good
value until the text is corrected."""

from __future__ import annotations

from datetime import date

from wizard_support import editor, message_texts, retype, tab

from PySide6.QtWidgets import QApplication

from planbro.quality import check_plan

from planbro.ui.caseload_model import COLUMNS
from planbro.ui.wizard.autosave import AUTOSAVE_DELAY_MS

# What the wizard says beside a date that does not exist.
NOT_A_DATE = "«31-11-2026» er ikke en rigtig dato; skriv den som DD-MM-ÅÅÅÅ, fx 15-12-2026."


def past_autosave(qtbot) -> None:
    """Wait as a caseworker pauses: well past the autosave of the last keystroke."""
    qtbot.wait(AUTOSAVE_DELAY_MS * 3)


def findings_at(plan, field: str) -> list:
    """The quality check's findings for `field` of the stored plan."""
    return [f for f in check_plan(plan) if f.field == field]


def open_in_caseload(qtbot, make_window, add_plan):
    """A stored draft opened from the caseload, as the caseworker does."""
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
    # Keys and leaving a field reach only the active window, as for a real user.
    wizard.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is wizard)
    return window, wizard, plan


def caseload_cell(window, plan_id: str, column: str):
    window.refresh(select_id=plan_id)
    row = window.proxy.mapFromSource(window.model.index(window.model.row_of(plan_id), 0)).row()
    return window.proxy.index(row, COLUMNS.index(column)).data()


def test_a_wrong_cpr_number_keeps_the_stored_one(qtbot, make_window, add_plan, store, dialogs):
    window, wizard, plan = open_in_caseload(qtbot, make_window, add_plan)
    cpr = editor(wizard, "citizen.cpr")
    assert cpr.edit.text() == "120379-1235"
    retype(qtbot, cpr.edit, "310268-1235")
    tab(qtbot)
    # Something else typed on the same step is saved as usual.
    retype(qtbot, editor(wizard, "citizen.address").edit, "Vestergade 4, 1. th.")
    past_autosave(qtbot)
    stored = store.get(plan.id)
    assert stored.citizen.address == "Vestergade 4, 1. th."
    assert stored.citizen.cpr == "120379-1235"
    assert wizard.plan.citizen.cpr == "120379-1235"
    # The quality check (the caseload's light, planbro check, signing) and the caseload see it.
    assert findings_at(stored, "citizen.cpr") == []
    assert caseload_cell(window, plan.id, "cpr") == "120379-xxxx"
    # The field keeps the typed text and says, once, what is wrong with it.
    assert cpr.edit.text() == "310268-1235"
    assert message_texts(cpr) == ["«310268-1235» begynder ikke med en rigtig fødselsdato (DDMMÅÅ)"]
    # The documents print from the plan the wizard holds: the good number.
    wizard.walk_to(len(wizard.defs.steps) - 1)
    assert "120379-1235" in wizard.currentPage().browser.toPlainText()
    assert "310268-1235" in wizard.currentPage().browser.toPlainText()  # as "Ikke gemt — ret det"
    # Corrected, it is saved.
    wizard.go_to_step("citizen")
    retype(qtbot, cpr.edit, "1003681235")
    tab(qtbot)
    past_autosave(qtbot)
    assert store.get(plan.id).citizen.cpr == "100368-1235"
    assert message_texts(cpr) == []
    assert caseload_cell(window, plan.id, "cpr") == "100368-xxxx"
    wizard.close()
    assert dialogs.calls_of("confirm") == [] and dialogs.calls_of("warn") == []


def test_an_impossible_offer_date_keeps_the_stored_date(qtbot, make_window, add_plan, store):
    window, wizard, plan = open_in_caseload(qtbot, make_window, add_plan)
    wizard.go_to_step("offer")
    offer = editor(wizard, "offer.date")
    assert offer.edit.text() == "28-10-2026"
    retype(qtbot, offer.edit, "31-11-2026")
    tab(qtbot)
    past_autosave(qtbot)
    stored = store.get(plan.id)
    assert stored.offer.date == date(2026, 10, 28)
    assert wizard.plan.offer.date == date(2026, 10, 28)
    assert findings_at(stored, "offer.date") == []
    # Wrong, not missing: one message, the right one (#9.15) — also once Næste was pressed.
    assert message_texts(offer) == [NOT_A_DATE]
    wizard.next()
    assert wizard.currentPage().step.id == "offer"
    assert message_texts(offer) == [NOT_A_DATE]
    retype(qtbot, offer.edit, "30-11-2026")
    tab(qtbot)
    past_autosave(qtbot)
    assert store.get(plan.id).offer.date == date(2026, 11, 30)
    assert message_texts(offer) == []
    # Closing gives up the text, as the question says; the plan keeps what was saved before.
    retype(qtbot, offer.edit, "31-11-2026")
    tab(qtbot)
    wizard.dialogs.queue("confirm", True)
    wizard.close()
    (question,) = wizard.dialogs.calls_of("confirm")
    assert "Dato for tilbuddet: «31-11-2026»" in question.text and "går den tabt" in question.text
    assert store.get(plan.id).offer.date == date(2026, 11, 30)


def pick(group, row: int) -> None:
    group.list.setCurrentRow(row)
    assert group.detail_box.isVisible()


def test_a_wrong_date_in_a_sub_goal_or_a_service_keeps_the_stored_date(qtbot, make_window,
                                                                       add_plan, store):
    window, wizard, plan = open_in_caseload(qtbot, make_window, add_plan)
    wizard.go_to_step("goals")
    goals = editor(wizard, "goals")
    subgoals = goals.detail.editors["subgoals"]
    pick(subgoals, 1)
    deadline = subgoals.detail.editors["deadline"]
    assert deadline.edit.text() == "31-03-2027"
    retype(qtbot, deadline.edit, "31-11-2026")
    tab(qtbot)
    # A valid change in the same sub-goal is saved, the deadline is not wiped.
    retype(qtbot, subgoals.detail.editors["responsible"].edit, "Bostøttemedarbejder")
    past_autosave(qtbot)
    stored = store.get(plan.id)
    assert stored.goals[0].subgoals[1].responsible == "Bostøttemedarbejder"
    assert stored.goals[0].subgoals[1].deadline == date(2027, 3, 31)
    assert findings_at(stored, "goals[0].subgoals[1].deadline") == []
    assert message_texts(deadline) == [NOT_A_DATE]
    # Another goal and back: the text and its one message are still there.
    pick(goals, 2)
    pick(goals, 0)
    pick(subgoals, 1)
    assert deadline.edit.text() == "31-11-2026"
    assert message_texts(deadline) == [NOT_A_DATE]
    retype(qtbot, deadline.edit, "30-11-2026")
    tab(qtbot)
    past_autosave(qtbot)
    assert store.get(plan.id).goals[0].subgoals[1].deadline == date(2026, 11, 30)

    wizard.go_to_step("services")
    services = editor(wizard, "services")
    start = services.detail.editors["start"]
    assert start.edit.text() == "01-12-2026"
    retype(qtbot, start.edit, "31-11-2026")
    tab(qtbot)
    pick(services, 1)
    past_autosave(qtbot)
    stored = store.get(plan.id)
    assert stored.services[0].start == date(2026, 12, 1)
    assert findings_at(stored, "services[0].start") == []
    pick(services, 0)
    assert message_texts(start) == [NOT_A_DATE]
    wizard.next()
    assert message_texts(start) == [NOT_A_DATE]
    retype(qtbot, start.edit, "2.12.26")
    tab(qtbot)
    past_autosave(qtbot)
    assert store.get(plan.id).services[0].start == date(2026, 12, 2)
    wizard.close()


def test_an_end_before_its_start_keeps_both_stored_dates(qtbot, make_window, add_plan, store,
                                                         dialogs):
    """The plan cannot hold an end before its start (the store could not read it
    back): both dates stay as stored until the pair is right again."""
    window, wizard, plan = open_in_caseload(qtbot, make_window, add_plan)
    wizard.go_to_step("services")
    services = editor(wizard, "services")
    start, end = services.detail.editors["start"], services.detail.editors["end"]
    assert (start.edit.text(), end.edit.text()) == ("01-12-2026", "31-08-2027")
    retype(qtbot, end.edit, "1.6.2026")
    tab(qtbot)
    past_autosave(qtbot)
    assert message_texts(end) == ["Datoen ligger før «Start» (01-12-2026)."]
    stored = store.get(plan.id)
    assert (stored.services[0].start, stored.services[0].end) == (date(2026, 12, 1),
                                                                  date(2027, 8, 31))
    # A start moved past the stored end: neither is stored until they fit.
    retype(qtbot, end.edit, "31-08-2027")
    retype(qtbot, start.edit, "1.9.2027")
    tab(qtbot)
    past_autosave(qtbot)
    stored = store.get(plan.id)
    assert (stored.services[0].start, stored.services[0].end) == (date(2026, 12, 1),
                                                                  date(2027, 8, 31))
    assert message_texts(end) == ["Datoen ligger før «Start» (01-09-2027)."]
    # The held start stays with its service and is named as not saved.
    pick(services, 1)
    assert "01-09-2027" in services.list.item(0).toolTip()
    pick(services, 0)
    assert start.edit.text() == "01-09-2027"
    retype(qtbot, end.edit, "30.9.2027")
    tab(qtbot)
    past_autosave(qtbot)
    stored = store.get(plan.id)
    assert (stored.services[0].start, stored.services[0].end) == (date(2027, 9, 1),
                                                                  date(2027, 9, 30))
    assert "Ikke gemt" not in services.list.item(0).toolTip()
    wizard.close()
    assert dialogs.calls_of("confirm") == []
