"""Step 8 ticks the parts of the plan each consent covers and each § 141 stk. 5 hand-over
hands over (#13); a consent from before they were ticked shows none and says so."""

from __future__ import annotations

import copy

from wizard_support import editor

from PySide6.QtCore import Qt

from planbro.model.plan import SECTIONS


def _ticked(picks) -> list[str]:
    return [picks.item(i).text() for i in range(picks.count())
            if picks.item(i).checkState() == Qt.CheckState.Checked]


def test_a_partners_consent_parts_are_ticked_in_step_8(qtbot, make_wizard, example_plan):
    wizard = make_wizard(copy.deepcopy(example_plan), start_step="partners")
    partners = editor(wizard, "partners")
    partners.list.setCurrentRow(2)
    picks = partners.detail.editors["consent.sections"].list
    # Every part of the plan, in the document's order, with the document's Danish names.
    assert [picks.item(i).text() for i in range(picks.count())][:5] == [
        "Formål", "Mål og delmål", "Indsatser", "Forventet varighed", "Boform"]
    # Then one tick per service of the plan, each giving that service alone.
    assert picks.count() == len(SECTIONS) + len(example_plan.services)
    assert picks.item(len(SECTIONS)).text() == "Indsats: Housing First-bostøtte efter CTI-metoden"
    assert _ticked(picks) == ["Forventet varighed", "Boform"]
    picks.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(wizard.plan.partners[2].consent.sections) == 3)
    assert wizard.plan.partners[2].consent.sections == ["purpose", "duration", "housing"]


def test_a_consent_from_before_the_parts_shows_none_ticked_and_the_check_says_so(
        qtbot, make_wizard, example_plan):
    plan = copy.deepcopy(example_plan)
    plan.partners[2].consent.sections = []
    wizard = make_wizard(plan, start_step="partners")
    partners = editor(wizard, "partners")
    partners.list.setCurrentRow(2)
    assert _ticked(partners.detail.editors["consent.sections"].list) == []
    assert "angiver ikke, hvilke dele af planen der må deles" in partners.list.item(2).toolTip()


def test_the_parts_handed_over_are_ticked_beside_the_hand_over(qtbot, make_wizard, example_plan):
    wizard = make_wizard(copy.deepcopy(example_plan), start_step="partners")
    handovers = editor(wizard, "handovers")
    handovers.list.setCurrentRow(0)
    picks = handovers.detail.editors["sections"].list
    assert _ticked(picks) == ["Formål", "Boform", "Indsats: Housing First-bostøtte efter CTI-metoden",
                              "Indsats: Ophold på forsorgshjem indtil indflytning"]
    picks.item(SECTIONS.index("finances")).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "finances" in wizard.plan.handovers[0].sections)
    assert wizard.plan.handovers[0].sections == ["purpose", "housing", "finances", "service:s-cti",
                                                 "service:s-forsorgshjem"]


def test_a_consent_may_tick_one_service_alone(qtbot, make_wizard, example_plan):
    """Ticking "Indsats: …" stores "service:<id>": that service alone is shared (#13)."""
    wizard = make_wizard(copy.deepcopy(example_plan), start_step="partners")
    partners = editor(wizard, "partners")
    partners.list.setCurrentRow(2)
    picks = partners.detail.editors["consent.sections"].list
    at = len(SECTIONS) + 1
    assert picks.item(at).text() == "Indsats: Ophold på forsorgshjem indtil indflytning"
    picks.item(at).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: len(wizard.plan.partners[2].consent.sections) == 3)
    assert wizard.plan.partners[2].consent.sections == ["duration", "housing",
                                                        "service:s-forsorgshjem"]
