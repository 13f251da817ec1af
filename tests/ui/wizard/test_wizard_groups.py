"""Repeating groups: add, edit, reorder and remove goals, sub-goals and services."""

from __future__ import annotations

from wizard_support import click, editor, focus

from PySide6.QtCore import Qt

CTRL = Qt.KeyboardModifier.ControlModifier


def saved(qtbot, wizard, store):
    with qtbot.waitSignal(wizard.plan_saved, timeout=3000):
        pass
    return store.get(wizard.plan.id)


def test_goals_are_reordered_edited_and_removed(qtbot, make_wizard, store, dialogs, example_plan):
    store.save(example_plan)
    wizard = make_wizard(example_plan, start_step="goals")
    goals = editor(wizard, "goals")
    titles = [g.title for g in example_plan.goals]
    assert goals.list.count() == 3
    assert goals.detail_box.title() == "Mål 1 af 3"
    assert not goals.up_button.isEnabled()
    click(qtbot, goals.down_button)
    assert goals.list.currentRow() == 1
    assert goals.detail_box.title() == "Mål 2 af 3"
    stored = saved(qtbot, wizard, store)
    assert [g.title for g in stored.goals] == [titles[1], titles[0], titles[2]]
    # Ctrl+Up in the list moves it back.
    goals.list.setFocus()
    qtbot.keyClick(goals.list, Qt.Key.Key_Up, CTRL)
    assert [g.title for g in saved(qtbot, wizard, store).goals] == titles

    # Edit the third goal's second sub-goal.
    goals.list.setCurrentRow(2)
    subgoals = goals.detail.editors["subgoals"]
    assert subgoals.list.count() == 2
    subgoals.list.setCurrentRow(1)
    # The indicator is a box of lines (#9.12): the caseworker goes to the end of the text first.
    indicator = subgoals.detail.editors["indicator"].edit
    click(qtbot, indicator)
    qtbot.keyClick(indicator, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(indicator, " og kvittering")
    stored = saved(qtbot, wizard, store)
    assert stored.goals[2].subgoals[1].indicator == "Skriftlig afdragsaftale og kvittering"

    # Removing a filled-in goal asks first; "no" keeps it.
    goals.list.setCurrentRow(0)
    dialogs.queue("confirm", False, True)
    click(qtbot, goals.remove_button)
    assert goals.list.count() == 3
    assert "Fjern «1. Jonas bor i egen lejlighed" in dialogs.calls_of("confirm")[0].text
    click(qtbot, goals.remove_button)
    assert goals.list.count() == 2
    stored = saved(qtbot, wizard, store)
    assert [g.id for g in stored.goals] == ["g-behandling", "g-oekonomi"]
    # The services no longer point at the removed goal.
    assert all("g-bolig" not in s.goal_ids for s in stored.services)
    assert stored.services[0].goal_ids == ["g-oekonomi"]


def test_a_blank_item_is_removed_without_a_question(qtbot, make_wizard, dialogs, example_plan):
    wizard = make_wizard(example_plan, start_step="services")
    services = editor(wizard, "services")
    click(qtbot, services.add_button)
    assert services.list.count() == 5
    assert services.list.item(4).text() == "5. (ikke udfyldt endnu)"
    services.list.setFocus()
    qtbot.keyClick(services.list, Qt.Key.Key_Delete)
    assert services.list.count() == 4
    assert dialogs.calls == []


def test_an_empty_group_says_how_to_start(qtbot, make_wizard, example_plan):
    example_plan.handovers = []
    wizard = make_wizard(example_plan, start_step="partners")
    handovers = editor(wizard, "handovers")
    assert handovers.placeholder.text() == "Ingen endnu. Vælg «Tilføj overdragelse»."
    assert handovers.placeholder.isVisibleTo(wizard)
    assert not handovers.detail_box.isVisibleTo(wizard)
    assert not handovers.remove_button.isEnabled()
    click(qtbot, handovers.add_button)
    assert not handovers.placeholder.isVisibleTo(wizard)
    assert focus() is handovers.detail.editors["to"].edit


def test_phases_show_only_for_cti(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step="services")
    services = editor(wizard, "services")
    phases = services.detail.editors["phases"]
    assert phases.isVisibleTo(wizard) and phases.list.count() == 3
    services.list.setCurrentRow(1)
    assert not phases.isVisibleTo(wizard)
    method = services.detail.editors["method"].combo
    method.setCurrentIndex(method.findData("ICM"))
    assert wizard.plan.services[1].method == "ICM"
    assert "Uden tidsgrænse" in services.detail.editors["method"].explain.text()
    method.setCurrentIndex(0)
    assert wizard.plan.services[1].method is None


def test_a_page_shows_changes_made_on_another_step(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step="services")
    links = editor(wizard, "services").detail.editors["goal_ids"].list
    assert links.item(2).text().startswith("3. Jonas har en månedlig budgetaftale")
    wizard.back()
    goals = editor(wizard, "goals")
    goals.list.setCurrentRow(2)
    title = goals.detail.editors["title"].edit
    title.setFocus()
    qtbot.keyClick(title, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(title, " senest 1. marts 2027")
    click(qtbot, goals.up_button)
    wizard.next()
    links = editor(wizard, "services").detail.editors["goal_ids"].list
    assert links.item(1).text().endswith("forsyningsselskabet senest 1. marts 2027")
    # Unchanged pages keep their widgets as they were, selection included.
    services = editor(wizard, "services")
    services.list.setCurrentRow(2)
    wizard.next()
    wizard.back()
    assert services.list.currentRow() == 2
