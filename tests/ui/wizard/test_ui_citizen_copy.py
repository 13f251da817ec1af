"""Din plan (til borgeren), the citizen's own short copy, from the caseload's Filer menu and
from Gennemgang: the frame's language chosen, one file dialog for PDF or Word, the copy
written with its record and told as every save is."""

from __future__ import annotations

import docx
import pytest
from pypdf import PdfReader
from ui_support import PLAINTEXT_NOTE
from wizard_support import click

from planbro.audit import AuditLog
from planbro.documents import citizen_wording as w


@pytest.fixture
def store(audited_store):
    """The store with the folder's audit log, as the app opens it."""
    return audited_store


def _renders(store) -> list[tuple]:
    return [(r["plan"], r["version"], r["via"], r["detail"])
            for r in AuditLog(store.data_dir).read().records if r["action"] == "render"]


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_file_menu_saves_the_copy_with_an_english_frame(make_window, add_plan, dialogs,
                                                            store, tmp_path):
    plan = add_plan("Anna Holm", cpr="010170-1234")
    window = make_window()
    action = window.plan_actions.actions["citizen"]
    assert window.select_plan(plan.id)
    assert action.isEnabled() and action.text() == "&Din plan (til borgeren) …"
    dialogs.queue("choose", "Engelsk").queue("save_file", str(tmp_path / "til-anna"))
    action.trigger()
    [asked] = dialogs.calls_of("choose")
    assert asked.extra["choices"] == ["Dansk", "Engelsk", "Annuller"]
    [where] = dialogs.calls_of("save_file")
    assert where.extra["suggested"].startswith("Din plan Anna Holm ")
    assert where.extra["suggested"].endswith(" engelsk.pdf")
    assert "010170" not in where.extra["suggested"]
    assert "*.pdf" in where.extra["filter"] and "*.docx" in where.extra["filter"]
    written = tmp_path / "til-anna.pdf"
    reader = PdfReader(written)
    assert len(reader.pages) <= 2
    text = _pdf_text(written)
    assert w.H_GOALS.en in text and w.H_GOALS.da not in text
    assert "010170" not in text
    [told] = dialogs.calls_of("info")
    assert str(written) in told.text and PLAINTEXT_NOTE in told.text
    assert _renders(store) == [(plan.id, 1, "app", "din plan pdf")]


def test_a_docx_name_gives_the_word_copy_in_danish(make_window, add_plan, dialogs, store, tmp_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    dialogs.queue("choose", "Dansk").queue("save_file", str(tmp_path / "kopi.docx"))
    window.plan_actions.actions["citizen"].trigger()
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "kopi.docx")).paragraphs]
    assert w.H_WISH.da in paragraphs
    assert _renders(store) == [(plan.id, 1, "app", "din plan docx")]


def test_cancelling_the_language_asks_nothing_more_and_writes_nothing(make_window, add_plan,
                                                                      dialogs, store):
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    dialogs.queue("choose", "Annuller")
    window.plan_actions.actions["citizen"].trigger()
    assert dialogs.calls_of("save_file") == [] and _renders(store) == []


def test_the_copy_is_in_the_file_menu_and_needs_a_plan(make_window):
    window = make_window()
    assert not window.plan_actions.actions["citizen"].isEnabled()
    from PySide6.QtWidgets import QMenu

    [files] = [menu for menu in window.menuBar().findChildren(QMenu) if menu.title() == "&Filer"]
    texts = [a.text() for a in files.actions()]
    assert texts.index("&Din plan (til borgeren) …") == texts.index("&Udskriv …") + 1


def test_gennemgang_saves_the_copy_with_the_box_for_english(qtbot, make_wizard, dialogs,
                                                            example_plan, store, tmp_path):
    wizard = make_wizard(example_plan, start_step="review")
    review = wizard.currentPage()
    assert review.citizen_button.text().replace("&", "") == "Din plan (til borgeren)"
    assert review.citizen_english.text().replace("&", "") == "På engelsk"
    dialogs.queue("save_file", str(tmp_path / "dansk.pdf"), str(tmp_path / "engelsk"))
    click(qtbot, review.citizen_button)
    assert w.H_WISH.da in _pdf_text(tmp_path / "dansk.pdf")
    assert review.status.text().startswith("Gemt: ") and PLAINTEXT_NOTE in review.status.text()
    assert review.folder_button.isEnabled()
    click(qtbot, review.citizen_english)
    assert review.citizen_english.isChecked()
    click(qtbot, review.citizen_button)
    assert w.H_WISH.en in _pdf_text(tmp_path / "engelsk.pdf")
    suggested = [call.extra["suggested"] for call in dialogs.calls_of("save_file")]
    assert suggested[0].endswith("KLADDE.pdf") and suggested[1].endswith("KLADDE engelsk.pdf")
    assert [detail for *_rest, detail in _renders(store)] == ["din plan pdf"] * 2


def test_gennemgang_says_why_a_copy_was_not_saved(qtbot, make_wizard, dialogs, example_plan,
                                                  store, tmp_path):
    wizard = make_wizard(example_plan, start_step="review")
    review = wizard.currentPage()
    dialogs.queue("save_file", str(store.data_dir / "kopi.pdf"))
    click(qtbot, review.citizen_button)
    assert review.status.text().startswith("Dokumentet blev ikke gemt: ")
    assert "datamappe" in review.status.text()
    assert not (store.data_dir / "kopi.pdf").exists()
    assert _renders(store) == []


def test_gennemgangs_buttons_and_the_box_have_their_own_mnemonics(make_wizard, example_plan):
    from planbro.ui.wizard.mnemonics import mnemonic_of

    wizard = make_wizard(example_plan, start_step="review")
    review = wizard.currentPage()
    widgets = (review.word_button, review.pdf_button, review.print_button, review.citizen_button,
               review.citizen_english, review.folder_button)
    letters = [mnemonic_of(widget.text()) for widget in widgets]
    assert None not in letters and len(set(letters)) == len(letters), letters
