"""Text the plan cannot hold yet (a wrong date) stays where it was typed:
in its goal, service or partner, across selecting other items, reordering
and leaving the step, until it is corrected; Næste and Gennemgang point at it."""

from __future__ import annotations

from datetime import date

from wizard_support import LEFT, click, editor, focus, message_texts, press_next, retype, tab

from PySide6.QtCore import Qt, QUrl

WRONG = "«31-13-2027» er ikke en rigtig dato; skriv den som DD-MM-ÅÅÅÅ, fx 15-12-2026."


def pick(qtbot, group, row: int) -> None:
    """Click row `row` of a group's list, as a caseworker would."""
    view = group.list
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.visualItemRect(view.item(row)).center())
    assert view.currentRow() == row


def review_text(wizard) -> str:
    wizard.walk_to(len(wizard.defs.steps) - 1)
    return " ".join(wizard.currentPage().browser.toPlainText().split())


def test_a_wrong_date_stays_with_its_service(qtbot, make_wizard, store, dialogs, example_plan):
    wizard = make_wizard(example_plan, start_step="services")
    services = editor(wizard, "services")
    end = services.detail.editors["end"]
    retype(qtbot, end.edit, "31-13-2027")
    tab(qtbot)
    assert message_texts(end) == [WRONG]
    # Another service shows its own date and no message.
    pick(qtbot, services, 1)
    assert end.edit.text() == "01-06-2027"
    assert message_texts(end) == []
    # The list marks the service that holds unsaved text.
    assert not services.list.item(0).icon().isNull()
    assert "31-13-2027" in services.list.item(0).toolTip()
    assert services.list.item(1).icon().isNull()
    # Back at the first service the typed text and its message are there.
    pick(qtbot, services, 0)
    assert end.edit.text() == "31-13-2027"
    assert message_texts(end) == [WRONG]
    assert end.message.isVisible()
    # The text moves with its service.
    click(qtbot, services.down_button)
    assert services.list.currentRow() == 1
    assert end.edit.text() == "31-13-2027"
    pick(qtbot, services, 0)
    pick(qtbot, services, 2)
    # Næste waits, and opens the service where the text is.
    press_next(qtbot, wizard)
    assert wizard.currentPage().step.id == "services"
    assert services.list.currentRow() == 1
    assert focus() is end.edit
    assert end.edit.text() == "31-13-2027"
    assert dialogs.calls == []
    # Closing would lose it: the wizard asks, and No opens the field again.
    wizard.go_to_step("partners")
    dialogs.queue("confirm", False, True)
    wizard.close()
    assert wizard.isVisible()
    (question,) = dialogs.calls_of("confirm")
    assert question.title == "Luk handleplanen"
    assert "Indsats 2 › Slut: «31-13-2027»" in question.text
    assert wizard.currentPage().step.id == "services" and focus() is end.edit
    wizard.close()
    assert not wizard.isVisible()
    stored = store.get(example_plan.id)
    # The service keeps the end it had before the wrong text was typed (#9.1).
    assert stored.services[1].end == date(2027, 8, 31) and stored.services[0].end == date(2027, 6, 1)


def test_gennemgang_lists_unsaved_text_and_leads_back_to_it(qtbot, make_wizard, store, example_plan):
    wizard = make_wizard(example_plan, start_step="goals")
    goals = editor(wizard, "goals")
    subgoals = goals.detail.editors["subgoals"]
    pick(qtbot, subgoals, 1)
    deadline = subgoals.detail.editors["deadline"]
    retype(qtbot, deadline.edit, "31-13-2027")
    # Another goal and back: the sub-goal still holds the text.
    pick(qtbot, goals, 2)
    assert deadline.edit.text() == "31-01-2027"
    pick(qtbot, goals, 0)
    assert subgoals.list.currentRow() == 0
    assert not subgoals.list.item(1).icon().isNull()
    pick(qtbot, subgoals, 1)
    assert deadline.edit.text() == "31-13-2027"
    assert message_texts(deadline) == [WRONG]
    # A wrong date on a plain step too, then straight to Gennemgang.
    wizard.go_to_step("duration")
    retype(qtbot, editor(wizard, "duration.expected_end").edit, "31-13-2027")
    text = review_text(wizard)
    assert "Ikke gemt — ret det" in text
    assert "Mål 1 › Delmål 2 › Frist: «31-13-2027» (Trin 4)" in text
    assert "Forventet slutdato: «31-13-2027» (Trin 6)" in text
    # The link opens the sub-goal with the cursor in the date.
    wizard.currentPage().follow(QUrl("step:goals#goals[0].subgoals[1].deadline"))
    assert wizard.currentPage().step.id == "goals"
    assert focus() is deadline.edit
    assert deadline.edit.text() == "31-13-2027"
    # Corrected, it is stored and no longer listed.
    retype(qtbot, deadline.edit, "31.3.27")
    wizard.go_to_step("duration")
    retype(qtbot, editor(wizard, "duration.expected_end").edit, "31-12-2027")
    assert "Ikke gemt" not in review_text(wizard)
    wizard.close()
    stored = store.get(example_plan.id)
    assert stored.goals[0].subgoals[1].deadline == date(2027, 3, 31)
    assert stored.duration.expected_end == date(2027, 12, 31)


def test_an_item_holding_only_unsaved_text_is_not_removed_unasked(qtbot, make_wizard, dialogs,
                                                                   example_plan):
    wizard = make_wizard(example_plan, start_step="partners")
    handovers = editor(wizard, "handovers")
    before = handovers.list.count()
    click(qtbot, handovers.add_button)
    retype(qtbot, handovers.detail.editors["date"].edit, "32-01-2026")
    dialogs.queue("confirm", False)
    handovers.list.setFocus()
    qtbot.keyClick(handovers.list, Qt.Key.Key_Delete)
    assert handovers.list.count() == before + 1
    assert len(dialogs.calls_of("confirm")) == 1
    assert handovers.detail.editors["date"].edit.text() == "32-01-2026"
    # Yes to closing without it.
    dialogs.queue("confirm", True)
    wizard.close()
    assert not wizard.isVisible()
    assert f"Overdragelse {before + 1} › Dato: «32-01-2026»" in dialogs.calls_of("confirm")[1].text
