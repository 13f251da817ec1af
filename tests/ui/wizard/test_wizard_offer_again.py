"""A declined offer: step 2 asks for the day to offer the plan again, it is saved, and
the quality check reminds until it is set (#9.20)."""

from __future__ import annotations

from datetime import date

from wizard_support import editor, labels, press_next, type_in

from PySide6.QtCore import Qt

from planbro.model import Plan


def test_the_day_to_offer_again_is_asked_once_the_citizen_declines(qtbot, make_wizard, store):
    plan = Plan()
    plan.citizen.name, plan.citizen.cpr = "Kim Larsen", "020586-1233"
    wizard = make_wizard(plan, today=date(2026, 12, 1))
    press_next(qtbot, wizard)
    again = editor(wizard, "offer.offer_again")
    # Hidden while the citizen has not declined.
    assert not again.isVisible()
    decision = editor(wizard, "offer.decision")
    decision.combo.setFocus()
    qtbot.keyClick(decision.combo, Qt.Key.Key_End)
    assert decision.combo.currentData() == "declined"
    qtbot.waitUntil(again.isVisible)
    assert labels(wizard)["offer.offer_again"].text().replace("&", "") == "Tilbyd handleplanen igen"
    qtbot.keyClicks(editor(wizard, "offer.reason").edit, "Vil selv finde et værelse.")
    type_in(qtbot, editor(wizard, "offer.date").edit, "01-12-2026")
    wizard.refresh_findings()
    assert "offer-again-missing" in {f.rule for f in wizard.findings}
    type_in(qtbot, again.edit, "1.3.27")
    qtbot.keyClick(again.edit, Qt.Key.Key_Tab)
    wizard.autosave.flush()
    stored = store.get(plan.id)
    assert (stored.offer.decision, stored.offer.offer_again) == ("declined", date(2027, 3, 1))
    wizard.refresh_findings()
    assert not {f.rule for f in wizard.findings} & {"offer-again-missing", "offer-again-overdue"}
    # Gennemgang shows the day with the rest of the offer.
    press_next(qtbot, wizard)
    assert "Tilbyd handleplanen igen" in wizard.currentPage().browser.toPlainText()
