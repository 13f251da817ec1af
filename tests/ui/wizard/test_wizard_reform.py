"""The 2023 reform in the wizard (#12): a § 142 plan is made although the citizen
declines, its § 110 stay and discharge are asked for, and a § 141 stk. 7 plan asks
for consent, the plans it replaces and the beskæftigelse part."""

from __future__ import annotations

import copy

import pytest
from wizard_support import editor, press_next

from PySide6.QtCore import Qt

from planbro.formdefs import default_formdefs
from planbro.model import Plan
from planbro.model.plan import NotRelevant

from planbro.ui.wizard.missing import missing_fields, route
from planbro.ui.wizard.reading import plan_html


def declined(basis: str) -> Plan:
    plan = Plan()
    plan.citizen.name, plan.basis = "Kim Larsen", basis
    plan.offer.decision, plan.offer.reason = "declined", "Vil ikke have en plan."
    return plan


def test_a_142_plan_whose_citizen_declines_keeps_every_step():
    defs = default_formdefs()
    assert [s.id for s in route(defs, declined("sel-142"))] == [s.id for s in defs.steps]
    # The other bases still go straight to Gennemgang.
    for basis in ("sel-141-1", "sel-141-2", "sel-141-7"):
        assert [s.id for s in route(defs, declined(basis))] == ["citizen", "offer", "review"], basis


def test_the_142_sections_are_asked_for_only_under_142():
    defs = default_formdefs()
    plan = declined("sel-142")
    plan.offer.decision = "accepted"
    plan.participation.declined = True
    missing = {m.path for m in missing_fields(defs, plan)}
    assert {"boform.admitted", "boform.notified", "participation.reason"} <= missing
    assert "coordinated.consent_date" not in missing
    plan.basis = "sel-141-7"
    missing = {m.path for m in missing_fields(defs, plan)}
    assert not {"boform.admitted", "participation.reason"} & missing
    assert {"coordinated.consent_date", "coordinated.replaces",
            "coordinated.employment_goals"} <= missing


@pytest.mark.parametrize("basis, next_title", [
    ("sel-142", "Trin 3 af 9 — Borgerens egne ord og formål"),
    ("sel-141-2", "Trin 9 af 9 — Gennemgang"),
])
def test_next_after_a_declined_offer(qtbot, make_wizard, basis, next_title):
    wizard = make_wizard(declined(basis), start_step="offer")
    press_next(qtbot, wizard)
    assert wizard.currentPage().title() == next_title
    # The step list greys the steps the plan skips, and only those.
    assert wizard.side.list.item(3).font().italic() is (basis != "sel-142")


def test_the_participation_and_stay_sections_follow_the_basis(qtbot, make_wizard):
    plan = Plan()
    plan.citizen.name = "Kim Larsen"
    wizard = make_wizard(plan, start_step="offer")
    page = wizard.currentPage()
    boxes = {s.title.get("da"): w for s, _f, w in page.section_widgets if s.title}
    stay, consent = boxes["Ophold på forsorgshjem/herberg (§ 110)"], boxes["Helhedsorienteret plan (§ 141, stk. 7)"]
    participation = boxes["Borgerens medvirken (§ 142)"]
    assert not stay.isVisible() and not consent.isVisible() and not participation.isVisible()
    basis = editor(wizard, "basis").combo
    basis.setCurrentIndex(basis.findData("sel-142"))
    qtbot.waitUntil(stay.isVisible)
    assert participation.isVisible() and not consent.isVisible()
    assert "ud fra de oplysninger, kommunen har" in editor(wizard, "participation.declined").help.text()
    # The reason is asked for once the citizen does not wish to take part.
    reason = editor(wizard, "participation.reason")
    assert not reason.isVisible()
    editor(wizard, "participation.declined").check.setChecked(True)
    qtbot.waitUntil(reason.isVisible)
    basis.setCurrentIndex(basis.findData("sel-141-7"))
    qtbot.waitUntil(consent.isVisible)
    assert not stay.isVisible() and not participation.isVisible()
    assert wizard.plan.basis == "sel-141-7"


def test_the_plans_replaced_are_ticked_and_an_unknown_one_is_kept(qtbot, make_wizard):
    plan = declined("sel-141-7")
    plan.offer.decision = "accepted"
    plan.coordinated.replaces = ["Forløbsplan fra psykiatrien"]
    wizard = make_wizard(plan, start_step="offer")
    picks = editor(wizard, "coordinated.replaces").list
    texts = [picks.item(i).text() for i in range(picks.count())]
    assert texts[:2] == ["Min Plan (jobplanen)", "Rehabiliteringsplanens indsatsdel"]
    assert texts[-1] == "Forløbsplan fra psykiatrien"
    assert picks.item(picks.count() - 1).checkState() == Qt.CheckState.Checked
    picks.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(wizard.plan.coordinated.replaces) == 2)
    assert wizard.plan.coordinated.replaces == ["Min Plan (jobplanen)", "Forløbsplan fra psykiatrien"]


def test_a_matter_not_relevant_is_listed_by_its_danish_name(qtbot, make_wizard, example_plan):
    plan = copy.deepcopy(example_plan)
    plan.circumstances.not_relevant = [NotRelevant("finances", "Ingen gæld.")]
    wizard = make_wizard(plan, start_step="circumstances")
    group = editor(wizard, "circumstances.not_relevant")
    assert group.list.item(0).text() == "1. Økonomi"
    html = plan_html(default_formdefs(), plan, [], [])
    assert "Økonomi" in html and "Ingen gæld." in html


def test_gennemgang_shows_the_stay_only_for_a_142_plan(example_plan):
    defs = default_formdefs()
    html = plan_html(defs, example_plan, [], [])
    assert "Ophold på forsorgshjem/herberg (§ 110)" in html and "Udskrivning (§ 110, stk. 5)" in html
    assert "Beskæftigelsesdelen" not in html
    other = copy.deepcopy(example_plan)
    other.basis = "sel-141-7"
    html = plan_html(defs, other, [], [])
    assert "Ophold på forsorgshjem/herberg" not in html and "Beskæftigelsesdelen (LAB § 30 b)" in html
