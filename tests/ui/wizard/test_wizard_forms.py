"""The pages come from forms/wizard.yaml: a municipality's wording and an added
field show up without code; keyboard use and screen readers are served on
every page; the UI speaks English when asked."""

from __future__ import annotations

from importlib import resources

from wizard_support import ALT, editor, focus, labels, type_in

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from planbro.translation import set_language

from planbro.formdefs import load_formdefs

from planbro.ui.wizard.mnemonics import mnemonic_of, strip_mnemonic
from planbro.ui.wizard.pages import FormStepPage

WIZARD_BUTTONS = (QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                  QWizard.WizardButton.FinishButton)


def shipped() -> str:
    return (resources.files("planbro.forms") / "wizard.yaml").read_text(encoding="utf-8")


def test_a_municipalitys_wording_and_field_show_in_the_wizard(qtbot, make_wizard, store, tmp_path,
                                                              monkeypatch, example_plan):
    text = shipped().replace(
        'label: {da: "Borgerens egne ord", en: "The citizen\'s own words"}',
        'label: {da: "Det siger borgeren selv", en: "In the citizen\'s words"}', 1)
    text = text.replace(
        '          - {key: signatures.place, kind: text, label: {da: "Sted for underskrift", en: "Place of signing"}}',
        '          - {key: signatures.place, kind: text, label: {da: "Sted for underskrift", en: "Place of signing"}}\n'
        '          - {key: signatures.note, kind: multiline, label: {da: "Aftalt ved underskriften"}}', 1)
    own = tmp_path / "wizard.yaml"
    own.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANBRO_FORMS", str(own))
    wizard = make_wizard(example_plan, formdefs=load_formdefs(), start_step="purpose")
    assert labels(wizard)["citizen_words"].text().replace("&", "") == "Det siger borgeren selv °"  # an advarsel when empty (#9.17)
    assert editor(wizard, "citizen_words").edit.accessibleName() == "Det siger borgeren selv"
    wizard.walk_to(7)
    note = editor(wizard, "signatures.note")
    type_in(qtbot, note.edit, "Kopi sendt til Jonas")
    wizard.close()
    assert store.get(example_plan.id).signatures.note == "Kopi sendt til Jonas"


def test_every_page_has_unique_mnemonics_and_accessible_names(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan)
    reserved = {mnemonic_of(wizard.buttonText(b)) for b in WIZARD_BUTTONS}
    assert reserved == {"t", "n", "f"}
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        if not isinstance(page, FormStepPage):
            texts = [b.text() for b in (page.word_button, page.pdf_button, page.print_button,
                                        page.folder_button)]
        else:
            texts = [text for form in page.forms for text in _texts_of(form)]
        letters = [mnemonic_of(t) for t in texts]
        assert None not in letters, (page.title(), texts)
        assert len(set(letters)) == len(letters), (page.title(), texts)
        assert not set(letters) & reserved, page.title()
        if isinstance(page, FormStepPage):
            for form in page.forms:
                for _key, ed in form.editors.items():
                    assert ed.focus_widget().accessibleName() == strip_mnemonic(ed.fdef.label.get())


def _texts_of(form):
    for key, ed in form.editors.items():
        if ed.fdef.kind == "bool":
            yield ed.check.text()
        else:
            yield form.labels[key].text().removesuffix(" *")
        if ed.fdef.kind == "group":
            yield ed.add_button.text()
            yield from _texts_of(ed.detail)


def test_alt_and_a_letter_jumps_to_the_field(qtbot, make_wizard, example_plan):
    wizard = make_wizard(example_plan)
    label = labels(wizard)["citizen.acting_municipality"]
    letter = mnemonic_of(label.text())
    qtbot.keyClick(focus() or wizard, getattr(Qt.Key, f"Key_{letter.upper()}"), ALT)
    assert QApplication.focusWidget() is editor(wizard, "citizen.acting_municipality").edit


def test_the_wizard_speaks_english_when_chosen(qtbot, make_wizard, example_plan):
    set_language("en")
    wizard = make_wizard(example_plan, start_step="services")
    assert wizard.currentPage().title() == "Step 5 of 9 — Services"
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"
    services = editor(wizard, "services")
    assert services.add_button.text().replace("&", "") == "Add service"
    assert services.detail_box.title() == "Service 1 of 4"
    assert "Time-limited (9 months)" in services.detail.editors["method"].explain.text()
    # The stored legal basis stays Danish: documents are always Danish.
    assert services.detail.editors["legal_basis"].value() == "Serviceloven § 85 a"
