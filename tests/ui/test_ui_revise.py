"""Revidér from the caseload: asked first (Nej by default), the revision keeps the
place of signature, says in its title bar what it replaces, and the caseload
shows the signed version under the draft (#9.8); signing from the caseload
with the citizen not wishing to sign (#9.9)."""

from datetime import timedelta

from ui_support import TODAY

from PySide6.QtCore import Qt

from planbro.actions.lifecycle import SignatureAnswer

from planbro.ui.caseload_model import COLUMNS


def select(window, plan):
    assert window.select_plan(plan.id)


def status_cell(window, plan_id, role=Qt.ItemDataRole.DisplayRole):
    model = window.model
    return model.data(model.index(model.row_of(plan_id), COLUMNS.index("status")), role)


def test_revise_asks_first_naming_the_version_and_no_makes_nothing(
        make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    select(window, plan)
    dialogs.queue("confirm", False)
    window.plan_actions.actions["revise"].trigger()
    [question] = dialogs.calls_of("confirm")
    # Nej is the default: Enter keeps the plan as it is.
    assert question.extra["default_yes"] is False
    assert question.text.startswith("Vil du lave version 2 af handleplanen for Anna Holm?")
    assert "underskrevne version 1 (5. mar. 2027)" in question.text
    assert store.versions(plan.id) == [1]
    assert window.plan_actions.wizards == {}


def test_the_revision_keeps_the_place_and_says_what_it_replaces(
        qtbot, make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm", status="signed")
    assert plan.signatures.place == "Forsorgshjemmet Skovbrynet"
    window = make_window()
    select(window, plan)
    dialogs.queue("confirm", True)
    window.plan_actions.actions["revise"].trigger()
    draft = store.get(plan.id)
    assert (draft.version, draft.status) == (2, "draft")
    assert draft.signatures.place == "Forsorgshjemmet Skovbrynet"
    wizard = window.plan_actions.wizards[plan.id]
    assert wizard.windowTitle() == ("Handleplan — Anna Holm (version 2, erstatter den "
                                    "underskrevne version 1 af 5. mar. 2027)")
    # The caseload says a signed version applies under the draft.
    assert status_cell(window, plan.id) == "kladde · v1 underskrevet"
    assert status_cell(window, plan.id, Qt.ItemDataRole.ToolTipRole) == (
        "Version 1 blev underskrevet 5. mar. 2027 og gælder, indtil version 2, denne kladde, "
        "er underskrevet.")
    wizard.close()
    qtbot.waitUntil(lambda: plan.id not in window.plan_actions.wizards)


def test_a_first_draft_is_just_a_draft(make_window, add_plan):
    plan = add_plan("Bo Jensen")
    window = make_window()
    assert status_cell(window, plan.id) == "kladde"
    assert status_cell(window, plan.id, Qt.ItemDataRole.ToolTipRole) is None


def test_signing_with_the_citizen_not_wishing_to_sign(make_window, add_plan, store, dialogs):
    plan = add_plan("Anna Holm")
    window = make_window()
    select(window, plan)
    day = TODAY - timedelta(days=1)
    dialogs.queue("sign", SignatureAnswer(day, None, True, "Vil tænke over det."))
    window.plan_actions.actions["sign"].trigger()
    [asked] = dialogs.calls_of("sign")
    assert asked.extra["plan"].id == plan.id and asked.extra["today"] == TODAY
    stored = store.get(plan.id)
    assert stored.status == "signed"
    assert stored.signatures.caseworker_signed == day and stored.signatures.citizen_signed is None
    assert stored.signatures.citizen_declined_note == "Vil tænke over det."
    assert dialogs.calls_of("warn") == []
