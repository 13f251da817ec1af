""""Udskrift til <partner>" in the app (#13): beside the partner in step 8 and in Gennemgang,
off with the reason in its tooltip when no extract may be made; one file dialog, both formats."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from pypdf import PdfReader
from wizard_support import editor

from PySide6.QtCore import Qt

from planbro.model.plan import SECTIONS

TODAY = date(2026, 12, 2)


@pytest.fixture
def store(audited_store):
    """The wizard's store with its audit log, so the extracts' records can be read."""
    return audited_store


@pytest.fixture
def out(tmp_path):
    """Where the extracts are saved (beside the store's own folder)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def records(store) -> list[tuple]:
    from planbro.audit import AuditLog

    return [(r["action"], r["plan"], r["version"], r["via"], r["detail"])
            for r in AuditLog(store.data_dir).read().records]


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


def test_step_8_has_the_button_for_the_partner_selected(qtbot, make_wizard, example_plan):
    wizard = make_wizard(copy.deepcopy(example_plan), start_step="partners", today=TODAY)
    partners = editor(wizard, "partners")
    button = wizard.currentPage().partner_extract_button
    partners.list.setCurrentRow(2)
    assert button.isVisible() and button.isEnabled()
    assert button.text() == "Udskrift til Kim Jeppesen"
    assert button.toolTip().endswith("Formål, 2 indsatser, forventet varighed og boform.")
    partners.list.setCurrentRow(1)
    assert button.text() == "Udskrift til Susanne Berg"


def test_the_button_goes_off_with_the_reason_when_the_last_part_is_unticked(
        qtbot, make_wizard, example_plan):
    plan = copy.deepcopy(example_plan)
    plan.handovers = []
    wizard = make_wizard(plan, start_step="partners", today=TODAY)
    partners = editor(wizard, "partners")
    partners.list.setCurrentRow(2)
    button = wizard.currentPage().partner_extract_button
    picks = partners.detail.editors["consent.sections"].list
    for i in range(picks.count()):
        picks.item(i).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: not button.isEnabled())
    assert button.toolTip().startswith("Samtykket til Kim Jeppesen (Forsorgshjemmet Skovbrynet) "
                                       "angiver ikke, hvilke dele af planen der må deles")
    picks.item(SECTIONS.index("housing")).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(button.isEnabled)


def test_gennemgang_has_a_button_per_partner_and_a_refused_one_says_why(
        qtbot, make_wizard, example_plan):
    plan = copy.deepcopy(example_plan)
    plan.partners[0].consent.withdrawn = date(2026, 11, 20)
    wizard = make_wizard(plan, start_step="review", today=TODAY)
    buttons = wizard.review_page().partner_buttons.buttons
    assert [b.text() for b in buttons] == ["Udskrift til Ali Hassan", "Udskrift til Susanne Berg",
                                           "Udskrift til Kim Jeppesen"]
    assert [b.isEnabled() for b in buttons] == [False, True, True]
    assert buttons[0].toolTip().startswith("Borgeren trak samtykket til Ali Hassan")


def test_an_extract_is_saved_as_pdf_and_word_with_its_records(qtbot, make_wizard, example_plan,
                                                              store, dialogs, out):
    plan = store.put(copy.deepcopy(example_plan))
    wizard = make_wizard(plan, start_step="review", today=TODAY)
    before = len(records(store))
    dialogs.queue("save_file", str(out / "kim"))
    wizard.review_page().partner_buttons.buttons[2].click()
    assert _names(out) == ["kim.docx", "kim.pdf"]
    call = dialogs.calls_of("save_file")[-1]
    assert call.extra["suggested"] == \
        "Udskrift Jonas Mikkelsen Østergaard 2026-12-02 v1 KLADDE til Kim Jeppesen.pdf"
    text = PdfReader(out / "kim.pdf").pages[0].extract_text()
    assert "Udskrift til Kim Jeppesen" in text and "120379-xxxx" in text
    status = wizard.review_page().status.text()
    assert status.startswith(f"Gemt: {out / 'kim.pdf'} og {out / 'kim.docx'}")
    assert "ikke krypteret" in status
    assert [r[4] for r in records(store)[before:] if r[0] == "render"] == [
        f"udskrift {kind} til samarbejdspart 3: formål, 2 indsatser, forventet varighed, boform"
        for kind in ("pdf", "docx")]


def test_a_cancelled_dialog_writes_nothing(qtbot, make_wizard, example_plan, dialogs, out):
    wizard = make_wizard(copy.deepcopy(example_plan), start_step="partners", today=TODAY)
    editor(wizard, "partners").list.setCurrentRow(0)
    dialogs.queue("save_file", None)
    wizard.currentPage().partner_extract_button.click()
    assert _names(out) == []
    assert len(dialogs.calls_of("save_file")) == 1


def test_a_signed_version_gives_extracts_too(qtbot, make_wizard, example_plan, store, dialogs,
                                             out):
    plan = store.put(copy.deepcopy(example_plan))
    store.sign(plan.id, date(2026, 11, 5))
    signed = store.get(plan.id)
    wizard = make_wizard(signed, start_step="partners", today=TODAY)
    assert wizard.read_only
    editor(wizard, "partners").list.setCurrentRow(1)
    button = wizard.currentPage().partner_extract_button
    assert button.isEnabled()
    dialogs.queue("save_file", str(out / "susanne.pdf"))
    button.click()
    assert {"susanne.pdf", "susanne.docx"} <= set(_names(out))
    assert "Gemt:" in wizard.side.status.text()
    text = PdfReader(out / "susanne.pdf").pages[0].extract_text()
    assert "Underskrevet 5. november 2026" in text and "KLADDE" not in text
