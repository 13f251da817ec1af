"""The plan's life from the caseload: sign (with and without fejl), revise,
close, new and open (through the real wizard)."""

from datetime import timedelta

from ui_support import TODAY


def select(window, plan):
    assert window.select_plan(plan.id)
    assert window.selected_summary().id == plan.id


def test_sign_a_plan_without_errors(make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    dialogs.queue("sign", TODAY - timedelta(days=1))
    window.plan_actions.actions["sign"].trigger()
    assert dialogs.calls_of("confirm") == []
    [asked] = dialogs.calls_of("sign")
    assert asked.extra["today"] == TODAY
    stored = store.get(plan.id)
    assert stored.status == "signed"
    assert stored.signatures.caseworker_signed == TODAY - timedelta(days=1)
    assert stored.signatures.signed_despite_errors is False
    assert window.selected_summary().status == "signed"
    # A signed plan can be revised, not signed again.
    actions = window.plan_actions.actions
    assert actions["revise"].isEnabled()
    assert not actions["sign"].isEnabled()


def test_sign_with_a_fejl_asks_and_records_it(make_window, add_plan, store, dialogs):
    plan = add_plan("Bo Jensen", purpose="")
    window = make_window()
    select(window, plan)
    dialogs.queue("confirm", True)
    dialogs.queue("sign", TODAY)
    window.plan_actions.actions["sign"].trigger()
    [question] = dialogs.calls_of("confirm")
    assert "fejl" in question.text
    assert "formål" in question.text.lower()
    stored = store.get(plan.id)
    assert stored.status == "signed"
    assert stored.signatures.signed_despite_errors is True


def test_sign_with_a_fejl_can_be_declined(make_window, add_plan, store, dialogs):
    plan = add_plan("Bo Jensen", purpose="")
    window = make_window()
    select(window, plan)
    dialogs.queue("confirm", False)
    window.plan_actions.actions["sign"].trigger()
    assert dialogs.calls_of("sign") == []
    assert store.get(plan.id).status == "draft"


def test_sign_cancelled_at_the_date_or_in_the_future_changes_nothing(
        make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    dialogs.queue("sign", None, TODAY + timedelta(days=1))
    window.plan_actions.actions["sign"].trigger()
    window.plan_actions.actions["sign"].trigger()
    assert store.get(plan.id).status == "draft"
    [warning] = dialogs.calls_of("warn")
    assert "fremtiden" in warning.text


def test_close_case_asks_first(make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    # Nej, then Ja to closing; Nej to saving the PDF for the ESDH now (test_ui_retention.py).
    dialogs.queue("confirm", False, True, False)
    window.plan_actions.actions["close_case"].trigger()
    assert store.get(plan.id).status == "signed"
    window.plan_actions.actions["close_case"].trigger()
    assert "Anna Holm" in dialogs.calls_of("confirm")[1].text
    assert store.get(plan.id).status == "closed"
    assert window.selected_summary().status == "closed"
    assert not window.plan_actions.actions["close_case"].isEnabled()
    # Documents can still be made of a closed case.
    assert window.plan_actions.actions["pdf"].isEnabled()


def test_enter_on_a_signed_plan_opens_it_for_reading(qtbot, make_window, add_plan, store):
    from PySide6.QtCore import Qt

    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    assert window.plan_actions.actions["open"].isEnabled()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    wizard = window.plan_actions.wizards[plan.id]
    # The wizard shows a signed version at its last step, Gennemgang.
    assert wizard.currentId() == len(wizard.defs.steps) - 1
    wizard.close()
    assert store.versions(plan.id) == [1]


def test_revise_makes_a_new_draft_and_opens_it(qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    dialogs.queue("confirm", True)
    window.plan_actions.actions["revise"].trigger()
    assert store.versions(plan.id) == [1, 2]
    assert store.get(plan.id).status == "draft"
    assert window.selected_summary().version == 2
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.isVisible()
    wizard.close()
    qtbot.waitUntil(lambda: plan.id not in window.plan_actions.wizards)


def test_new_plan_opens_the_wizard_prefilled_from_settings(qtbot, make_window):
    window = make_window()
    window.plan_actions.actions["new"].trigger()
    [wizard] = window.plan_actions.wizards.values()
    assert wizard.isVisible()
    plan = wizard.plan
    assert plan.caseworker.name == "Mette Kjær"
    assert plan.caseworker.unit == "Socialcenter Vest"
    assert plan.caseworker.email == "mekj@kommune.dk"
    assert plan.citizen.acting_municipality == "Holbæk Kommune"
    assert plan.status == "draft" and plan.version == 1
    wizard.close()


def test_open_twice_raises_the_same_wizard(qtbot, make_window, add_plan):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    window.plan_actions.actions["open"].trigger()
    first = window.plan_actions.wizards[plan.id]
    assert first.plan.citizen.name == "Anna Holm"
    window.plan_actions.actions["open"].trigger()
    assert list(window.plan_actions.wizards.values()) == [first]
    first.close()


def test_store_refusal_is_a_danish_message_not_a_crash(make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    # Someone else signed it meanwhile (another window on the same store).
    store.sign(plan.id, TODAY)
    dialogs.queue("sign", TODAY)
    window.plan_actions.actions["sign"].trigger()
    [warning] = dialogs.calls_of("warn")
    assert "underskrevet" in warning.text


def test_caseload_follows_the_wizards_autosave(qtbot, make_window, store):
    window = make_window()
    window.plan_actions.actions["new"].trigger()
    [wizard] = window.plan_actions.wizards.values()
    wizard.plan.citizen.name = "Ny Borger"
    wizard.plan.citizen.cpr = "010203-1234"
    # What typing does: a change schedules a save, which the wizard announces.
    wizard.autosave.schedule()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=5000)
    summary = window.selected_summary()
    assert (summary.name, summary.cpr_masked, summary.status) == ("Ny Borger", "010203-xxxx",
                                                                  "draft")
    assert store.get(summary.id).caseworker.name == "Mette Kjær"
    wizard.close()
    qtbot.waitUntil(lambda: not window.plan_actions.wizards)
