"""Udskriv in Gennemgang prints the plan's own PDF through the system print
dialog; without a printer it says so beside the buttons and in one message."""

from __future__ import annotations

from pypdf import PdfReader
from wizard_support import click

from planbro.ui.common import printing


def test_printing_from_gennemgang(qtbot, make_wizard, dialogs, example_plan, tmp_path, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: ["a printer"])
    printed = tmp_path / "printed.pdf"
    dialogs.queue("print_setup", str(printed))
    wizard = make_wizard(example_plan, start_step="review")
    review = wizard.currentPage()
    click(qtbot, review.print_button)
    assert review.status.text() == "Handleplanen er sendt til printeren."
    (call,) = dialogs.calls_of("print_setup")
    assert call.extra["pages"] >= 2
    assert len(PdfReader(str(printed)).pages) == call.extra["pages"]


def test_no_printer_is_said_clearly(qtbot, make_wizard, dialogs, example_plan, monkeypatch):
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    wizard = make_wizard(example_plan, start_step="review")
    review = wizard.currentPage()
    click(qtbot, review.print_button)
    (warning,) = dialogs.calls_of("warn")
    assert "printer" in warning.text.lower()
    assert review.status.text() == ""


def test_a_document_that_cannot_be_written_is_reported_on_the_page(qtbot, make_wizard, dialogs,
                                                                   example_plan, tmp_path):
    wizard = make_wizard(example_plan, start_step="review")
    review = wizard.currentPage()
    dialogs.queue("save_file", str(tmp_path / "no such folder" / "plan.docx"), None)
    click(qtbot, review.word_button)
    assert review.status.text().startswith("Dokumentet blev ikke gemt: ")
    assert not review.folder_button.isEnabled()
    # Cancelling the file dialog does nothing at all.
    click(qtbot, review.pdf_button)
    assert review.status.text().startswith("Dokumentet blev ikke gemt: ")
    assert len(dialogs.calls_of("save_file")) == 2
