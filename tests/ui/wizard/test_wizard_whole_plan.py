"""A caseworker writes a whole plan with keyboard and mouse; the store and the
exported Word and PDF files hold what was typed."""

from __future__ import annotations

from datetime import date

import docx
import pypdf
from wizard_support import SETTINGS, click, editor, focus, press_next, tab, type_in

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from planbro.ui.actions_plan import new_plan_from_settings

GOAL = "Jonas bor i egen lejlighed senest 1. juni 2027"
SUBGOAL = "Jonas er skrevet op til en almen bolig"
SERVICE = "Housing First-bostøtte efter CTI-metoden"


def step_citizen(qtbot, wizard):
    assert wizard.currentPage().title() == "Trin 1 af 9 — Borger og sagsbehandler"
    # The caseworker comes pre-filled from the settings.
    assert editor(wizard, "caseworker.name").edit.text() == "Mette Lund Sørensen"
    type_in(qtbot, editor(wizard, "citizen.name").edit, "Jonas Mikkelsen Østergaard")
    assert tab(qtbot) is editor(wizard, "citizen.cpr").edit
    qtbot.keyClicks(focus(), "1203791235")
    assert tab(qtbot) is editor(wizard, "citizen.address").edit
    # Leaving the CPR field shows it in its normal form.
    assert editor(wizard, "citizen.cpr").edit.text() == "120379-1235"
    qtbot.keyClicks(focus(), "Uden fast bopæl")
    assert tab(qtbot) is editor(wizard, "citizen.residence").edit
    qtbot.keyClicks(focus(), "Forsorgshjemmet Skovbrynet (§ 110)")
    # Enter in a one-line field goes to the next step.
    qtbot.keyClick(focus(), Qt.Key.Key_Return)
    assert wizard.currentId() == 1


def step_offer(qtbot, wizard):
    assert wizard.currentPage().title() == "Trin 2 af 9 — Tilbud om handleplan"
    basis = editor(wizard, "basis").combo
    assert basis.currentData() == "sel-141-2"
    click(qtbot, basis)
    basis.hidePopup()
    type_in(qtbot, editor(wizard, "offer.date").edit, "28.10.2026")
    decision = tab(qtbot)
    # A date is shown in its Danish form, DD-MM-ÅÅÅÅ, once the field is left.
    assert editor(wizard, "offer.date").edit.text() == "28-10-2026"
    assert decision is editor(wizard, "offer.decision").combo
    qtbot.keyClick(decision, Qt.Key.Key_Down)
    assert decision.currentData() == "accepted"
    assert tab(qtbot) is editor(wizard, "offer.reason").edit
    qtbot.keyClicks(focus(), "Jonas vil gerne have en plan.")
    press_next(qtbot, wizard)
    assert wizard.currentId() == 2


def step_purpose(qtbot, wizard):
    type_in(qtbot, editor(wizard, "citizen_words").edit, "Jeg vil have mit eget sted at bo.")
    # Tab leaves a multi-line box instead of typing a tab character.
    assert tab(qtbot) is editor(wizard, "resources").edit
    qtbot.keyClicks(focus(), "Holder aftaler, han selv har valgt.")
    assert tab(qtbot) is editor(wizard, "purpose").edit
    qtbot.keyClicks(focus(), "At Jonas flytter i egen bolig og bliver boende.")
    press_next(qtbot, wizard)
    assert wizard.currentPage().title() == "Trin 4 af 9 — Mål og delmål"


def step_goals(qtbot, wizard):
    goals = editor(wizard, "goals")
    click(qtbot, goals.add_button)
    # The cursor lands in the new goal's text.
    assert focus() is goals.detail.editors["title"].edit
    qtbot.keyClicks(focus(), GOAL)
    assert goals.list.item(0).text() == f"1. {GOAL}"
    subgoals = goals.detail.editors["subgoals"]
    click(qtbot, subgoals.add_button)
    qtbot.keyClicks(focus(), SUBGOAL)
    assert tab(qtbot) is subgoals.detail.editors["indicator"].edit
    qtbot.keyClicks(focus(), "Kvittering for opskrivning")
    qtbot.keyClicks(tab(qtbot), "Mette Lund Sørensen")
    qtbot.keyClicks(tab(qtbot), "2027-03-01")
    status = tab(qtbot)
    assert status is subgoals.detail.editors["status"].combo
    qtbot.keyClick(status, Qt.Key.Key_Down)
    # A second goal with the keyboard only: focus the button and press Space.
    goals.add_button.setFocus()
    qtbot.keyClick(goals.add_button, Qt.Key.Key_Space)
    qtbot.keyClicks(focus(), "Jonas er startet i behandling efter § 101 senest 15. januar 2027")
    assert goals.list.count() == 2
    press_next(qtbot, wizard)


def step_services(qtbot, wizard):
    services = editor(wizard, "services")
    click(qtbot, services.add_button)
    detail = services.detail.editors
    qtbot.keyClicks(focus(), SERVICE)
    basis = tab(qtbot)
    assert basis is detail["legal_basis"].combo
    qtbot.keyClicks(basis, "Serviceloven § 85 a")
    type_in(qtbot, detail["provider"].edit, "CTI-teamet, Odense Kommune")
    type_in(qtbot, detail["start"].edit, "2026-12-01")
    qtbot.keyClicks(tab(qtbot), "2027-08-31")
    method = tab(qtbot)
    assert method is detail["method"].combo
    # CTI phases are asked for only when the method is CTI.
    assert not detail["phases"].isVisibleTo(services)
    qtbot.keyClick(method, Qt.Key.Key_Down)
    assert method.currentData() == "CTI"
    assert "tre faser" in detail["method"].explain.text()
    assert detail["phases"].isVisibleTo(services)
    phases = detail["phases"]
    click(qtbot, phases.add_button)
    qtbot.keyClicks(focus(), "Fase 1: Overgang til egen bolig")
    qtbot.keyClicks(tab(qtbot), "2026-12-01")
    qtbot.keyClicks(tab(qtbot), "2027-02-28")
    links = detail["goal_ids"].list
    assert links.count() == 2
    links.setFocus()
    qtbot.keyClick(links, Qt.Key.Key_Home)
    qtbot.keyClick(links, Qt.Key.Key_Space)
    assert links.item(0).checkState() == Qt.CheckState.Checked
    # A legal basis that is not in the picklist may be typed.
    click(qtbot, services.add_button)
    qtbot.keyClicks(focus(), "Jobcentrets mentorordning")
    qtbot.keyClicks(tab(qtbot), "Lov om en aktiv beskæftigelsesindsats § 178")
    press_next(qtbot, wizard)


def step_duration(qtbot, wizard):
    type_in(qtbot, editor(wizard, "duration.start").edit, "2026-11-02")
    qtbot.keyClicks(tab(qtbot), "2027-12-31")
    type_in(qtbot, editor(wizard, "follow_up.next_date").edit, "2027-02-01")
    press_next(qtbot, wizard)


def step_circumstances(qtbot, wizard):
    type_in(qtbot, editor(wizard, "circumstances.housing").edit, "Bor på forsorgshjem siden oktober.")
    qtbot.keyClicks(tab(qtbot), "Modtager kontanthjælp.")
    press_next(qtbot, wizard)


def step_partners(qtbot, wizard):
    partners = editor(wizard, "partners")
    click(qtbot, partners.add_button)
    detail = partners.detail.editors
    qtbot.keyClicks(focus(), "Ali Hassan")
    qtbot.keyClicks(tab(qtbot), "CTI-teamet, Odense Kommune")
    assert partners.list.item(0).text() == "1. CTI-teamet, Odense Kommune"
    consent = detail["consent.given"].check
    consent.setFocus()
    qtbot.keyClick(consent, Qt.Key.Key_Space)
    assert consent.isChecked()
    type_in(qtbot, detail["consent.date"].edit, "2026-11-02")
    type_in(qtbot, detail["consent.scope"].edit, "Hele handleplanen til brug for bostøtten")
    press_next(qtbot, wizard)


def test_a_whole_plan_by_keyboard_and_mouse(qtbot, make_wizard, store, dialogs, tmp_path):
    plan = new_plan_from_settings(SETTINGS)
    wizard = make_wizard(plan, settings=SETTINGS)
    for step in (step_citizen, step_offer, step_purpose, step_goals, step_services,
                 step_duration, step_circumstances, step_partners):
        step(qtbot, wizard)
    review = wizard.currentPage()
    assert review.title() == "Trin 9 af 9 — Gennemgang"
    text = review.browser.toPlainText()
    assert "Handleplan for Jonas Mikkelsen Østergaard" in text
    assert GOAL in text and SUBGOAL in text and "Lov om en aktiv beskæftigelsesindsats § 178" in text

    dialogs.queue("save_file", str(tmp_path / "plan.docx"), str(tmp_path / "plan"))
    click(qtbot, review.word_button)
    click(qtbot, review.pdf_button)
    assert dialogs.calls_of("save_file")[0].extra["suggested"].endswith(".docx")
    assert "120379" not in dialogs.calls_of("save_file")[0].extra["suggested"]
    # Where it went, and (#11) that the file is plaintext, on a line of its own.
    saved, note = review.status.text().split("\n")
    assert saved == f"Gemt: {tmp_path / 'plan.pdf'}"
    assert note.startswith("Filen er ikke krypteret") and "BitLocker" in note
    word = "\n".join(p.text for p in docx.Document(tmp_path / "plan.docx").paragraphs)
    word += "\n".join(c.text for t in docx.Document(tmp_path / "plan.docx").tables
                      for row in t.rows for c in row.cells)
    pdf = "\n".join(page.extract_text() for page in pypdf.PdfReader(tmp_path / "plan.pdf").pages)
    for document in (word, pdf):
        # Words, not line breaks: the PDF wraps long lines.
        document = " ".join(document.split())
        assert "Jonas Mikkelsen Østergaard" in document
        assert "Jonas er skrevet op til en almen bolig" in document
        assert "Serviceloven § 85 a" in document
    click(qtbot, review.folder_button)
    assert dialogs.calls_of("open_folder")[0].extra["path"] == tmp_path

    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert not wizard.isVisible()
    stored = store.get(plan.id)
    assert stored.citizen.name == "Jonas Mikkelsen Østergaard"
    assert stored.citizen.cpr == "120379-1235"
    assert stored.citizen.residence == "Forsorgshjemmet Skovbrynet (§ 110)"
    assert stored.caseworker.email == "mls@odense.eksempel.dk"
    assert (stored.offer.date, stored.offer.decision) == (date(2026, 10, 28), "accepted")
    assert stored.citizen_words == "Jeg vil have mit eget sted at bo."
    assert stored.resources == "Holder aftaler, han selv har valgt."
    assert stored.purpose.startswith("At Jonas flytter")
    assert [g.title for g in stored.goals] == [
        GOAL, "Jonas er startet i behandling efter § 101 senest 15. januar 2027"]
    (sub,) = stored.goals[0].subgoals
    assert (sub.text, sub.indicator, sub.responsible) == (
        SUBGOAL, "Kvittering for opskrivning", "Mette Lund Sørensen")
    assert (sub.deadline, sub.status) == (date(2027, 3, 1), "in_progress")
    cti, mentor = stored.services
    assert (cti.title, cti.legal_basis, cti.provider) == (SERVICE, "Serviceloven § 85 a",
                                                          "CTI-teamet, Odense Kommune")
    assert (cti.start, cti.end, cti.method) == (date(2026, 12, 1), date(2027, 8, 31), "CTI")
    assert [(p.name, p.start, p.end) for p in cti.phases] == [
        ("Fase 1: Overgang til egen bolig", date(2026, 12, 1), date(2027, 2, 28))]
    assert cti.goal_ids == [stored.goals[0].id]
    assert mentor.legal_basis == "Lov om en aktiv beskæftigelsesindsats § 178"
    assert mentor.method is None
    assert (stored.duration.start, stored.duration.expected_end) == (date(2026, 11, 2), date(2027, 12, 31))
    assert stored.follow_up.next_date == date(2027, 2, 1)
    assert stored.circumstances.housing == "Bor på forsorgshjem siden oktober."
    assert stored.circumstances.employment == "Modtager kontanthjælp."
    (partner,) = stored.partners
    assert (partner.name, partner.organisation) == ("Ali Hassan", "CTI-teamet, Odense Kommune")
    assert partner.consent.given and partner.consent.date == date(2026, 11, 2)
    assert partner.consent.scope == "Hele handleplanen til brug for bostøtten"
    # Nothing was asked in a dialog but the two file names.
    assert [c.kind for c in dialogs.calls] == ["save_file", "save_file", "open_folder"]
