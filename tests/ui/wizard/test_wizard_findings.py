"""Quality findings beside the field in the step where the problem is, and as
a list with links in Gennemgang."""

from __future__ import annotations

from datetime import date

from wizard_support import editor, focus, type_in

from PySide6.QtCore import QUrl

from planbro.quality import ADVARSEL, FEJL, severity_label

from planbro.ui.common.colours import SEVERITY_COLOURS
from planbro.ui.wizard import fields, reading
from planbro.ui.wizard.missing import missing_fields
from planbro.ui.wizard.reading import plan_html

# The day the quality check is run on: before the example plan's follow-up.
TODAY = date(2026, 11, 20)


def weakened(plan):
    plan.goals[1].subgoals[0].indicator = ""
    plan.goals[2].title = "Jonas skal have det bedre"
    plan.circumstances.__init__()
    plan.partners[1].consent.given = False
    return plan


def test_findings_show_beside_the_fields_of_their_step(qtbot, make_wizard, example_plan):
    wizard = make_wizard(weakened(example_plan), start_step="goals", today=TODAY)
    goals = editor(wizard, "goals")
    assert goals.list.item(0).icon().isNull()
    assert not goals.list.item(1).icon().isNull()
    assert "siger ikke, hvordan I ved" in goals.list.item(1).toolTip()
    goals.list.setCurrentRow(2)
    title = goals.detail.editors["title"]
    (kind, text), = title.messages()
    assert kind == "advarsel" and text.startswith("Målet «Jonas skal have det bedre» er ukonkret")
    assert "Advarsel: Målet" in title.message.text()
    assert text in title.focus_widget().accessibleDescription()

    goals.list.setCurrentRow(1)
    subgoals = goals.detail.editors["subgoals"]
    assert not subgoals.list.item(0).icon().isNull()
    indicator = subgoals.detail.editors["indicator"]
    assert [k for k, _t in indicator.messages()] == ["advarsel"]
    # Fixing it clears the finding after the next autosave.
    with qtbot.waitSignal(wizard.plan_saved, timeout=3000):
        type_in(qtbot, indicator.edit, "Behandlingsplan modtaget")
    assert indicator.messages() == []
    assert subgoals.list.item(0).icon().isNull()


def test_a_finding_without_a_field_of_its_own_shows_on_the_page(qtbot, make_wizard, example_plan):
    wizard = make_wizard(weakened(example_plan), start_step="circumstances", today=TODAY)
    page = wizard.currentPage()
    assert page.banner.isVisible()
    # A fejl on the page looks as it does beside a field: red, "Fejl:" first (#9.17).
    assert page.banner.text().startswith(
        f"<span style='color:{SEVERITY_COLOURS[FEJL]}'>Fejl: Andre særlige forhold mangler (§ 141, stk. 3, nr. 4)")
    wizard.next()
    partners = editor(wizard, "partners")
    partners.list.setCurrentRow(1)
    given = partners.detail.editors["consent.given"]
    assert given.messages()[0][1].startswith("Susanne Berg (Rusmiddelcenteret")


def test_gennemgang_lists_findings_and_links_back_to_the_field(qtbot, make_wizard, example_plan):
    wizard = make_wizard(weakened(example_plan), start_step="review", today=TODAY)
    review = wizard.currentPage()
    text = review.browser.toPlainText()
    assert "Kvalitetstjek" in text
    assert "Fejl: Andre særlige forhold mangler" in text
    assert "Advarsel: Målet «Jonas skal have det bedre» er ukonkret" in text
    # "Andre særlige forhold" is also missing by the definitions (require_any).
    assert "Det mangler" in text
    html = plan_html(wizard.defs, wizard.plan, missing_fields(wizard.defs, wizard.plan), wizard.findings)
    link = "step:goals#goals[1].subgoals[0].indicator"
    assert f"href='{link}'" in html
    review.browser.anchorClicked.emit(QUrl(link))
    assert wizard.currentId() == 3
    goals = editor(wizard, "goals")
    subgoals = goals.detail.editors["subgoals"]
    assert goals.list.currentRow() == 1 and subgoals.list.currentRow() == 0
    assert focus() is subgoals.detail.editors["indicator"].edit
    # Back to Gennemgang: the walk passes the steps without stopping.
    wizard.go_to_step("review")
    assert wizard.currentId() == 8


def test_a_severity_looks_the_same_beside_the_field_and_in_gennemgang(qtbot, make_wizard,
                                                                    example_plan):
    # One source for both: the label from planbro.quality, the colour from ui/common.
    assert fields.MESSAGE_COLOURS[FEJL] == reading.SEVERITY_COLOURS[FEJL] == SEVERITY_COLOURS[FEJL]
    assert fields.MESSAGE_COLOURS[ADVARSEL] == reading.SEVERITY_COLOURS[ADVARSEL]
    wizard = make_wizard(weakened(example_plan), start_step="goals", today=TODAY)
    goals = editor(wizard, "goals")
    goals.list.setCurrentRow(2)
    beside = goals.detail.editors["title"].message.text()
    html = plan_html(wizard.defs, wizard.plan, [], wizard.findings)
    shown = f"color:{SEVERITY_COLOURS[ADVARSEL]}'>{severity_label(ADVARSEL)}:"
    assert severity_label(ADVARSEL) == "Advarsel"
    assert f"{shown} Målet «Jonas" in beside and f"{shown}</b> " in html


def test_a_good_plan_has_nothing_to_remark(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan, start_step="review", today=TODAY)
    text = wizard.currentPage().browser.toPlainText()
    assert "Intet mangler, og kvalitetstjekket fandt intet at bemærke." in text
    assert "Det mangler" not in text
