"""Registrér opfølgning from the caseload: each outcome, the checks, when it
is possible, and what the caseload and Gennemgang show afterwards."""

from datetime import timedelta

import pytest
from ui_support import TODAY

from PySide6.QtCore import Qt

from planbro.actions.followup import FollowUpAnswer

from planbro.ui.caseload_model import COLUMNS
from planbro.ui.wizard.autosave import AUTOSAVE_DELAY_MS

# A follow-up date a test plan starts with: five days overdue.
OVERDUE = TODAY - timedelta(days=5)


def select(window, plan):
    assert window.select_plan(plan.id)
    assert window.selected_summary().id == plan.id


def follow_up_cell(window) -> str:
    row = window.table.selectionModel().selectedRows()[0].row()
    return window.proxy.index(row, COLUMNS.index("follow_up")).data()


def trigger(window):
    window.plan_actions.actions["follow_up"].trigger()


def test_fortsaettes_records_it_and_the_row_is_no_longer_overdue(
        make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed", follow_up=OVERDUE)
    window = make_window()
    select(window, plan)
    assert window.model.follow_up_state(window.selected_summary()) == "overdue"
    assert "1 opfølgning forfalden" in window.statusBar().currentMessage()
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, "continue", "Går efter planen.",
                                              TODAY + timedelta(days=365)))
    trigger(window)
    [asked] = dialogs.calls_of("follow_up")
    assert asked.extra["plan"].id == plan.id and asked.extra["today"] == TODAY
    assert asked.extra["previous"] is None
    stored = store.get(plan.id)
    [entry] = stored.follow_up.history
    assert (entry.date, entry.outcome, entry.note) == (TODAY, "continue", "Går efter planen.")
    assert stored.follow_up.next_date == TODAY + timedelta(days=365)
    assert store.versions(plan.id) == [1] and stored.status == "signed"
    # The row follows: new date, no overdue marking, still selected.
    summary = window.selected_summary()
    assert summary.id == plan.id and summary.next_follow_up == TODAY + timedelta(days=365)
    assert window.model.follow_up_state(summary) == ""
    assert "2028" in follow_up_cell(window)
    assert "forfalden" not in window.statusBar().currentMessage()
    assert dialogs.calls_of("confirm") == [] and window.plan_actions.wizards == {}


def test_the_status_bar_says_what_was_recorded(make_window, add_plan, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    shown = []
    window.statusBar().messageChanged.connect(shown.append)
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, "continue", "Fint.",
                                              TODAY + timedelta(days=90)))
    trigger(window)
    assert f"Opfølgningen er registreret. Næste opfølgning: {follow_up_cell(window)}." in shown
    assert "13" in follow_up_cell(window) and "2027" in follow_up_cell(window)


def test_aendres_on_a_signed_plan_opens_the_new_draft(qtbot, make_window, add_plan, store,
                                                      dialogs):
    plan = add_plan("Bo Jensen", status="signed", follow_up=OVERDUE)
    window = make_window()
    select(window, plan)
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, "change", "Bor nu i egen bolig.",
                                              TODAY + timedelta(days=92)))
    trigger(window)
    assert store.versions(plan.id) == [1, 2]
    assert store.get(plan.id, 1).follow_up.history[0].outcome == "change"
    draft = store.get(plan.id)
    assert draft.status == "draft" and draft.version == 2
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.isVisible() and wizard.plan.version == 2 and wizard.plan.status == "draft"
    summary = window.selected_summary()
    assert summary.version == 2 and summary.next_follow_up == TODAY + timedelta(days=92)
    wizard.close()
    qtbot.waitUntil(lambda: plan.id not in window.plan_actions.wizards)


def test_aendres_replaces_a_wizard_reading_the_signed_version(qtbot, make_window, add_plan,
                                                              store, dialogs):
    plan = add_plan("Bo Jensen", status="signed")
    window = make_window()
    select(window, plan)
    window.plan_actions.actions["open"].trigger()
    reading = window.plan_actions.wizards[plan.id]
    assert reading.plan.version == 1
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, "change", "Målene skal ændres.", None))
    trigger(window)
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard is not reading and wizard.plan.version == 2
    assert not reading.isVisible()
    wizard.close()
    qtbot.waitUntil(lambda: plan.id not in window.plan_actions.wizards)


def test_aendres_on_a_draft_opens_the_draft_itself(qtbot, make_window, add_plan, store,
                                                   dialogs):
    plan = add_plan("Carla Nielsen")
    window = make_window()
    select(window, plan)
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, "change", "Retter målene nu.", None))
    trigger(window)
    assert store.versions(plan.id) == [1]
    assert store.get(plan.id).follow_up.history[0].outcome == "change"
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.plan.follow_up.history[0].note == "Retter målene nu."
    wizard.close()
    qtbot.waitUntil(lambda: plan.id not in window.plan_actions.wizards)


def test_an_open_draft_is_saved_and_closed_first_so_nothing_is_lost(
        qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Carla Nielsen")
    window = make_window()
    select(window, plan)
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
    wizard.plan.purpose = "Carla skal have egen bolig inden 1. oktober."
    wizard.plan_changed()
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, "continue", "Godt i gang.",
                                              TODAY + timedelta(days=60)))
    trigger(window)
    assert plan.id not in window.plan_actions.wizards
    stored = store.get(plan.id)
    assert stored.purpose == "Carla skal have egen bolig inden 1. oktober."
    assert [e.note for e in stored.follow_up.history] == ["Godt i gang."]
    # No autosave of the closed wizard writes the plan back without the follow-up.
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)
    assert store.get(plan.id).follow_up.history == stored.follow_up.history


def test_a_wizard_kept_open_for_unsaved_text_stops_the_follow_up(
        qtbot, make_window, add_plan, store, dialogs):
    from planbro.ui.wizard.unsaved import keep

    plan = add_plan("Carla Nielsen")
    window = make_window()
    select(window, plan)
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
    # A wrong date typed in the wizard: closing asks, and the caseworker keeps it.
    keep(wizard.plan, "duration.expected_end", "31-13-2027")
    dialogs.queue("confirm", False)
    trigger(window)
    assert dialogs.calls_of("confirm")[0].title == "Luk handleplanen"
    assert wizard.isVisible() and window.plan_actions.wizards[plan.id] is wizard
    assert dialogs.calls_of("follow_up") == []
    assert store.get(plan.id).follow_up.history == []
    # Closed anyway, the follow-up goes ahead.
    dialogs.queue("confirm", True)
    dialogs.queue("follow_up", FollowUpAnswer(TODAY, "continue", "Godt.", None))
    trigger(window)
    assert plan.id not in window.plan_actions.wizards
    assert [e.note for e in store.get(plan.id).follow_up.history] == ["Godt."]


def test_afsluttes_asks_first_and_no_returns_to_the_filled_in_dialog(
        make_window, add_plan, store, dialogs):
    plan = add_plan("Dorte Ravn", status="signed", follow_up=OVERDUE)
    window = make_window()
    select(window, plan)
    closing = FollowUpAnswer(TODAY, "close", "Dorte bor stabilt og ønsker ikke mere hjælp.")
    dialogs.queue("follow_up", closing, None)
    dialogs.queue("confirm", False)
    trigger(window)
    [question] = dialogs.calls_of("confirm")
    assert "Dorte Ravn" in question.text and "kan derefter ikke ændres" in question.text
    # "No" shows the dialog again with what was typed; cancelling it records nothing.
    assert dialogs.calls_of("follow_up")[1].extra["previous"] == closing
    assert store.get(plan.id).follow_up.history == [] and store.get(plan.id).status == "signed"

    dialogs.queue("follow_up", closing)
    dialogs.queue("confirm", True)
    trigger(window)
    stored = store.get(plan.id)
    assert stored.status == "closed" and stored.follow_up.history[0].outcome == "close"
    assert stored.follow_up.next_date is None
    summary = window.selected_summary()
    assert summary.status == "closed" and window.model.follow_up_state(summary) == ""
    assert not window.plan_actions.actions["follow_up"].isEnabled()


@pytest.mark.parametrize("answer, says", [
    (FollowUpAnswer(TODAY + timedelta(days=1), "continue", "x"), "er ikke kommet endnu"),
    (FollowUpAnswer(TODAY, "continue", "x", TODAY - timedelta(days=1)),
     "Næste opfølgning skal ligge efter 15-03-2027"),
    (FollowUpAnswer(TODAY, "continue", "   "), "Skriv, hvad der blev konstateret"),
    (FollowUpAnswer(TODAY, "close", "x", TODAY + timedelta(days=30)),
     "En afsluttet sag har ingen næste opfølgning"),
])
def test_a_follow_up_that_breaks_the_rules_is_refused(make_window, add_plan, store, dialogs,
                                                      answer, says):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    dialogs.queue("follow_up", answer)
    trigger(window)
    [warning] = dialogs.calls_of("warn")
    assert says in warning.text
    assert store.get(plan.id).follow_up.history == [] and store.versions(plan.id) == [1]
    assert dialogs.calls_of("confirm") == []


def test_cancel_records_nothing(make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    dialogs.queue("follow_up", None)
    trigger(window)
    assert store.get(plan.id).follow_up.history == []
    assert dialogs.calls_of("warn") == []


def test_possible_for_drafts_and_signed_plans_not_for_closed_ones(make_window, add_plan):
    plans = {status: add_plan(f"Borger {status}", status=status)
             for status in ("draft", "signed", "closed")}
    window = make_window()
    action = window.plan_actions.actions["follow_up"]
    for status, plan in plans.items():
        select(window, plan)
        assert action.isEnabled() == (status != "closed"), status
    window.search.setText("ingen sådan borger")
    assert window.selected_summary() is None
    assert not action.isEnabled()


def test_not_possible_in_a_read_only_store(qtbot, add_plan, store, dialogs):
    from planbro.storage import PlanStore

    from planbro.ui.caseload_window import CaseloadWindow

    plan = add_plan("Anna Holm", status="signed")
    with PlanStore(store.data_dir, read_only=True) as reading:
        window = CaseloadWindow(reading, None, dialogs, today=TODAY)
        qtbot.addWidget(window)
        select(window, plan)
        assert not window.plan_actions.actions["follow_up"].isEnabled()
        # Even when called directly, a refusal is a message, not a crash.
        dialogs.queue("follow_up", FollowUpAnswer(TODAY, "continue", "x"))
        window.plan_actions.follow_up()
        [warning] = dialogs.calls_of("warn")
        assert warning.title == "Registrér opfølgning"
    assert store.get(plan.id).follow_up.history == []


def test_menu_toolbar_and_ctrl_l(qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    action = window.plan_actions.actions["follow_up"]
    assert action.text() == "Registrér &opfølgning …"
    plan_menu = window.menuBar().actions()[0].menu()
    assert action in plan_menu.actions()
    toolbar = window.findChild(type(window.addToolBar("x")), "main_toolbar")
    assert action in toolbar.actions()
    assert "§ 148" in action.toolTip() and "Ctrl+L" in action.toolTip()
    select(window, plan)
    window.table.setFocus()
    dialogs.queue("follow_up", None)
    qtbot.keyClick(window.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(dialogs.calls_of("follow_up")) == 1


def test_gennemgang_lists_the_follow_ups(qtbot, make_window, add_plan, store, dialogs):
    from planbro.formdefs import default_formdefs

    from planbro.ui.wizard.reading import plan_html

    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    dialogs.queue("follow_up", FollowUpAnswer(
        TODAY, "continue", "Anna går til behandling hver uge.", TODAY + timedelta(days=365)))
    trigger(window)
    html = plan_html(default_formdefs(), store.get(plan.id), [], [])
    assert "Tidligere opfølgninger" in html
    assert "Anna går til behandling hver uge." in html and "Fortsættes" in html
    # And the wizard's own Gennemgang page shows it for the signed version.
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.currentPage() is wizard.review_page()
    assert "Anna går til behandling hver uge." in wizard.review_page().browser.toPlainText()
    wizard.close()
    qtbot.waitUntil(lambda: plan.id not in window.plan_actions.wizards)


def test_scripted_follow_up_fails_instead_of_hanging():
    from planbro.ui.common.scripted_dialogs import ScriptedDialogError, ScriptedDialogs

    with pytest.raises(ScriptedDialogError):
        ScriptedDialogs().follow_up(None, None, TODAY)
