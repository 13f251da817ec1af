"""Autosave as the caseworker types, flushing on close, and resuming a draft
where it was left, also after the process was killed."""

from __future__ import annotations

import os
import signal
import time

from wizard_support import editor, kill_child_after_its_save, type_in

from PySide6.QtCore import Qt

from planbro.model import Plan
from planbro.model.plan import new_id

from planbro.storage import PlanStore

from planbro.ui.common.scripted_dialogs import ScriptedDialogs
from planbro.ui.wizard import PlanWizard
from planbro.ui.wizard.autosave import AUTOSAVE_DELAY_MS
from planbro.ui.wizard.resume import ResumeFile


def test_typing_is_saved_once_shortly_after_the_last_key(qtbot, make_wizard, store):
    plan = Plan()
    wizard = make_wizard(plan)
    saves = []
    wizard.plan_saved.connect(lambda plan_id: saves.append((plan_id, time.monotonic())))
    type_in(qtbot, editor(wizard, "citizen.name").edit, "Kim Larsen fra Vollsmose")
    typed = time.monotonic()
    # Nothing is written while the keys come in.
    assert saves == []
    qtbot.waitUntil(lambda: bool(saves), timeout=3000)
    qtbot.wait(AUTOSAVE_DELAY_MS + 200)
    assert len(saves) == 1
    assert saves[0][0] == plan.id
    assert saves[0][1] - typed < 1.0
    assert store.get(plan.id).citizen.name == "Kim Larsen fra Vollsmose"
    assert wizard.side.status.text().startswith("Gemt ")
    assert wizard.autosave.last_seconds < 0.5


def test_closing_the_window_saves_at_once(qtbot, make_wizard, store):
    plan = Plan()
    wizard = make_wizard(plan)
    type_in(qtbot, editor(wizard, "citizen.name").edit, "Kim Larsen")
    wizard.close()
    assert store.get(plan.id).citizen.name == "Kim Larsen"


def test_escape_closes_and_saves(qtbot, make_wizard, store):
    plan = Plan()
    wizard = make_wizard(plan)
    name = editor(wizard, "citizen.name").edit
    type_in(qtbot, name, "Kim Larsen")
    qtbot.keyClick(name, Qt.Key.Key_Escape)
    assert not wizard.isVisible()
    assert store.get(plan.id).citizen.name == "Kim Larsen"


def test_a_refused_save_is_said_once_then_shown_in_the_status(qtbot, make_wizard, store, tmp_path):
    plan = Plan()
    store.save(plan)
    with PlanStore(store.data_dir, read_only=True) as reader:
        dialogs = ScriptedDialogs()
        wizard = make_wizard(reader.get(plan.id), dialogs=dialogs)
        wizard.store = wizard.autosave.store = reader
        name = editor(wizard, "citizen.name").edit
        type_in(qtbot, name, "Kim")
        wizard.autosave.flush()
        type_in(qtbot, name, " Larsen")
        wizard.autosave.flush()
        assert len(dialogs.calls_of("warn")) == 1
        assert dialogs.calls_of("warn")[0].title == "Handleplanen blev ikke gemt"
        assert wizard.side.status.text().startswith("Ikke gemt: ")
        # Closing asks first, No keeps the window and the text; Yes lets it go.
        dialogs.queue("confirm", False, True)
        wizard.close()
        assert wizard.isVisible() and name.text() == "Kim Larsen"
        [asked] = dialogs.calls_of("confirm")
        assert "ikke gemt" in asked.text and "tabt" in asked.text
        wizard.close()
        assert not wizard.isVisible()
        assert len(dialogs.calls_of("confirm")) == 2
    assert store.get(plan.id).citizen.name == ""


def test_a_signed_plan_opens_at_gennemgang(qtbot, make_wizard, store, example_plan):
    from datetime import date
    store.save(example_plan)
    signed = store.sign(example_plan.id, date(2026, 11, 3))
    wizard = make_wizard(signed)
    assert wizard.currentPage().title() == "Trin 9 af 9 — Gennemgang"
    assert wizard.side.status.text() == "Denne version er underskrevet og kan ikke ændres."
    # Going back shows the steps, but nothing can be typed into them (read-only,
    # not greyed out: #9.13).
    wizard.back()
    assert editor(wizard, "partners").read_only
    assert dialogs_free(wizard)


def dialogs_free(wizard) -> bool:
    return wizard.dialogs.calls == []


def test_reopening_offers_the_step_where_the_draft_was_left(qtbot, make_wizard, store, dialogs):
    plan = Plan()
    plan.citizen.name = "Kim Larsen"
    wizard = make_wizard(plan)
    wizard.walk_to(4)
    wizard.close()
    assert ResumeFile().step_of(plan.id) == "services"
    dialogs.queue("confirm", True)
    again = make_wizard(store.get(plan.id))
    assert again.currentId() == 4
    (question,) = dialogs.calls_of("confirm")
    assert question.title == "Fortsæt kladden"
    assert "trin 5 af 9 — Indsatser" in question.text
    # Tilbage still leads through the steps before it.
    again.back()
    assert again.currentId() == 3
    again.close()
    dialogs.queue("confirm", False)
    fresh = make_wizard(store.get(plan.id))
    assert fresh.currentId() == 0


def test_resume_after_the_process_was_killed(qtbot, make_wizard, dialogs):
    plan_id = new_id()
    text = "Kim får egen bolig inden sommer"
    # A crash or a power cut: no chance to flush, close or clean up.
    assert kill_child_after_its_save(plan_id, text, dict(os.environ)) == -signal.SIGKILL
    with PlanStore() as store:
        dialogs.queue("confirm", True)
        wizard = PlanWizard(store, store.get(plan_id), dialogs=dialogs)
        qtbot.addWidget(wizard)
        assert wizard.currentId() == 2
        assert wizard.currentPage().title() == "Trin 3 af 9 — Borgerens egne ord og formål"
        assert editor(wizard, "purpose").edit.toPlainText() == text
        assert "trin 3 af 9" in dialogs.calls_of("confirm")[0].text
        wizard.close()
