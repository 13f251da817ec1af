"""A label's mark means what it says (#9.17): * a field Næste waits for or whose
emptiness is a fejl in the quality check; ° a field Gennemgang lists as missing,
whose emptiness is at most an advarsel."""

from __future__ import annotations

import copy

import pytest

from planbro.formdefs import default_formdefs

from planbro.quality import ADVARSEL, FEJL, check_plan

from planbro.ui.wizard.missing import shown_sections, visit
from planbro.ui.wizard.values import get_value, set_value


def _emptied(plan, section_fields, path):
    """A copy of `plan` with the field at `path` emptied, and the field's definition."""
    changed = copy.deepcopy(plan)
    for fdef, owner, where, _label in visit(section_fields, changed):
        if where == path:
            old = get_value(owner, fdef.key)
            empty = [] if fdef.kind in ("group", "goal_links", "picks") else ("" if isinstance(old, str) else None)
            set_value(owner, fdef.key, empty)
            return changed, fdef
    raise AssertionError(path)


def _marked_fields(plan):
    for step in default_formdefs().steps:
        for section in shown_sections(step, plan):
            for fdef, _owner, path, _label in visit(section.fields, plan):
                if fdef.mark and fdef.kind != "bool":
                    yield section.fields, path


def _as_142_declined(plan):
    """The example (§ 142) with the citizen not taking part and the bostøtte wish refused."""
    plan.participation.declined, plan.participation.reason = True, "Vil ikke tale med kommunen."
    plan.support_wish.not_followed, plan.support_wish.reason = True, "CTI-teamet har ingen plads."


def _as_141_7(plan):
    """The example as one helhedsorienteret plan, its § 141 stk. 7 fields filled in."""
    plan.basis = "sel-141-7"
    c = plan.coordinated
    c.consent_date, c.consent_how = plan.offer.date, "Skriftligt"
    c.replaces, c.coordinating_caseworker = ["Min Plan (jobplanen)"], "Mette Lund Sørensen"
    c.employment_goals, c.employment_services = "Praktik inden 1. maj 2027", "Mentor"


@pytest.mark.parametrize("variant", [None, _as_142_declined, _as_141_7])
def test_every_mark_means_what_an_empty_value_gives(example_plan, variant):
    plan = copy.deepcopy(example_plan)
    if variant is not None:
        variant(plan)
    # The expected duration can also be told in the note: empty both to see the fejl.
    plan.duration.note = ""
    plan.offer.decision, plan.offer.reason = "accepted", ""
    before = {(f.field, f.severity) for f in check_plan(plan)}
    checked = 0
    for fields, path in _marked_fields(plan):
        emptied, fdef = _emptied(plan, fields, path)
        new = {(f.field, f.severity) for f in check_plan(emptied)} - before
        here = {severity for field, severity in new
                if field == path or field.startswith((path + ".", path + "["))}
        if fdef.mark == "*":
            assert fdef.blocking or fdef.required_if or FEJL in here, f"{path}: * but {here}"
        else:
            assert FEJL not in here and not fdef.blocking, f"{path}: ° but {here}"
            assert here <= {ADVARSEL}
        checked += 1
    assert checked > 20


@pytest.mark.parametrize("key, mark", [("purpose", "*"), ("citizen_words", "°")])
def test_the_label_shows_the_mark_and_the_step_list_explains_it(qtbot, make_wizard, example_plan,
                                                                 key, mark):
    wizard = make_wizard(example_plan, start_step="purpose")
    label = wizard.currentPage().forms[0].labels[key]
    assert label.text().replace("&", "").endswith(" " + mark)
    legend = wizard.side.marks.text()
    assert "* skal udfyldes" in legend and "° bør udfyldes" in legend
