"""One style per severity wherever a message is shown, and Gennemgang's
headings each once (#9.17)."""

from __future__ import annotations

from datetime import date

from wizard_support import editor, press_next, tab, type_in

from planbro.model import Plan

from planbro.quality import ADVARSEL, FEJL

from planbro.ui.common.colours import SEVERITY_COLOURS
from planbro.ui.wizard.missing import missing_fields
from planbro.ui.wizard.reading import plan_html

# The day the quality check is run on: before the example plan's follow-up.
TODAY = date(2026, 11, 20)


def styled(severity: str, text: str) -> str:
    label = {FEJL: "Fejl", ADVARSEL: "Advarsel"}[severity]
    return f"<span style='color:{SEVERITY_COLOURS[severity]}'>{label}: {text}"


def test_the_fields_own_messages_have_the_colour_and_prefix_of_their_severity(qtbot, make_wizard):
    wizard = make_wizard(Plan())
    cpr = editor(wizard, "citizen.cpr")
    type_in(qtbot, cpr.edit, "3213791234")
    tab(qtbot)
    assert styled(FEJL, "«3213791234» begynder ikke") in cpr.message.text()
    press_next(qtbot, wizard)
    name = editor(wizard, "citizen.name")
    assert styled(FEJL, "Skal udfyldes, før du kan gå videre.") in name.message.text()
    caseworker = editor(wizard, "caseworker.name")
    assert styled(ADVARSEL, "Mangler; kan udfyldes senere.") in caseworker.message.text()
    # Nothing typed wrongly left behind for the closing question.
    cpr.edit.clear()


def test_a_groups_item_messages_and_tooltips_say_their_severity(qtbot, make_wizard, example_plan):
    example_plan.goals[1].subgoals[0].indicator = ""
    wizard = make_wizard(example_plan, start_step="goals", today=TODAY)
    goals = editor(wizard, "goals")
    assert goals.list.item(1).toolTip().startswith("Advarsel: Delmålet")


def test_gennemgang_names_each_heading_once(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step="review", today=TODAY)
    html = plan_html(wizard.defs, wizard.plan, missing_fields(wizard.defs, wizard.plan), wizard.findings)
    assert html.count(">Samarbejdsparter</h3>") == 1
    text = wizard.currentPage().browser.toPlainText()
    assert "Samarbejdsparter\nSamarbejdsparter" not in text
    # A group under a heading of another name keeps its own.
    assert ">Overdragelser (§ 141, stk. 5)</h3>" in html
