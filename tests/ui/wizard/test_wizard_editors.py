"""The wizard's editors stand on the dialogs they are given, not on the wizard:
a form of fields built with nothing but ScriptedDialogs asks them its questions."""

from __future__ import annotations

from datetime import date

from planbro.formdefs import load_formdefs
from planbro.model import Plan

from planbro.ui.common.scripted_dialogs import ScriptedDialogs
from planbro.ui.wizard.form import FieldForm


def _fields(kind: str):
    """The first section of the plan with a field of `kind`, and that field."""
    for step in load_formdefs().steps:
        for section in step.sections:
            for field in section.fields:
                if field.kind == kind:
                    return section.fields, field
    raise AssertionError(f"no {kind} field on the plan")


def test_a_date_editor_asks_its_own_dialogs_for_the_calendar(qtbot):
    fields, field = _fields("date")
    dialogs = ScriptedDialogs().queue("pick_date", date(2026, 10, 28))
    form = FieldForm(fields, Plan, dialogs)
    qtbot.addWidget(form)
    editor = form.editors[field.key]
    assert editor.dialogs is dialogs and not hasattr(editor, "wizard")
    editor.pick.click()
    [asked] = dialogs.calls_of("pick_date")
    assert asked.extra["default"] is not None
    assert editor.value() == date(2026, 10, 28)
