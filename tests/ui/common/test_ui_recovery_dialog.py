"""The recovery key shown once (RecoveryKeyDialog): the grouped key large and monospace, the day
and the data folder, printed from memory or saved as PDF outside the data folder, and closing
asks whether the key is kept; the questions of turning encryption on (choose, Kryptér nu/Senere)
and a new passphrase typed twice."""

from datetime import date
from io import BytesIO

import pytest
from modal import on_next_modal
from pypdf import PdfReader

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox

from planbro.crypto.recovery import new_recovery_key, sheet_text

from planbro.actions.encryption import RecoverySheet

from planbro.ui.common import printing
from planbro.ui.common.qt_dialogs import QtDialogs
from planbro.ui.common.recovery_dialog import RecoveryKeyDialog
from planbro.ui.common.scripted_dialogs import ScriptedDialogs


@pytest.fixture
def sheet(tmp_path):
    key, day, folder = new_recovery_key(), date(2027, 3, 15), tmp_path / "data"
    folder.mkdir()
    return RecoverySheet(key, day, folder, sheet_text(key, folder, day, store_id="0123abcd"))


@pytest.fixture
def shown(qtbot, sheet):
    """The dialog over `sheet`, shown, with scripted questions inside it."""
    # Closed at the end of the test: the question on closing answers "Kryptér ikke".
    dialogs = ScriptedDialogs(choose=2)
    dialog = RecoveryKeyDialog(None, sheet, dialogs=dialogs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, dialogs


def button_texts(dialog) -> list[str]:
    return [b.text().replace("&", "") for b in dialog.buttons()]


def pdf_text(data: bytes) -> str:
    return "".join(PdfReader(BytesIO(data)).pages[0].extract_text().split())


def test_the_key_is_large_and_monospace_with_the_day_and_the_folder(shown, sheet):
    dialog, _dialogs = shown
    assert dialog.windowTitle() == "Gendannelsesnøgle"
    assert dialog.key.text() == sheet.key
    metrics = QFontMetrics(dialog.key.font())
    assert len({metrics.horizontalAdvance(c) for c in "WMI1-0Q"}) == 1
    assert QFontInfo(dialog.key.font()).pointSizeF() > 1.5 * QFontInfo(dialog.font()).pointSizeF()
    # Not selectable: nothing of it reaches the clipboard.
    assert dialog.key.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    texts = [label.text() for label in dialog.findChildren(type(dialog.key))]
    assert f"Lavet 15-03-2027 til datamappen {sheet.folder}" in texts
    assert any("kommunens IT-support" in t for t in texts)
    assert button_texts(dialog) == ["Udskriv …", "Gem som PDF …", "Jeg har gemt nøglen"]
    # Enter prints: it never passes for "kept".
    assert dialog.print_button.isDefault() and not dialog.kept_button.isDefault()


def test_it_prints_the_sheet_from_memory(shown, tmp_path, monkeypatch, sheet):
    dialog, dialogs = shown
    monkeypatch.setattr(printing, "available_printers", lambda: ["a printer"])
    opened = []
    real = printing._document
    monkeypatch.setattr(printing, "_document", lambda pdf: opened.append(type(pdf)) or real(pdf))
    printed = tmp_path / "printer" / "out.pdf"
    printed.parent.mkdir()
    dialogs.queue("print_setup", str(printed))
    assert dialog.print_sheet() is True
    [call] = dialogs.calls_of("print_setup")
    assert call.extra["printer"].docName() == "Planbro – gendannelsesnøgle"
    assert call.extra["pages"] == 1
    # PDFium read the sheet's bytes, never a file.
    assert opened and set(opened) == {bytes}
    assert len(PdfReader(str(printed)).pages) == 1
    assert dialog.printed and "printeren" in dialog.status.text()
    assert list(sheet.folder.iterdir()) == []


def test_without_a_printer_it_says_to_save_the_sheet(shown, monkeypatch):
    dialog, dialogs = shown
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    assert dialog.print_sheet() is False
    [told] = dialogs.calls_of("warn")
    assert "ingen printer" in told.text and "slet" in told.text
    assert dialogs.calls_of("print_setup") == []


def test_saved_as_pdf_it_says_the_file_holds_the_key(shown, tmp_path, sheet):
    dialog, dialogs = shown
    target = tmp_path / "Skrivebord" / "nøgle"
    target.parent.mkdir()
    dialogs.queue("save_file", str(target))
    assert dialog.save_sheet() == target.with_name("nøgle.pdf")
    [asked] = dialogs.calls_of("save_file")
    assert asked.extra["suggested"] == "Planbro gendannelsesnøgle.pdf"
    text = pdf_text(target.with_name("nøgle.pdf").read_bytes())
    assert all(group in text for group in sheet.key.split("-"))
    [told] = dialogs.calls_of("info")
    assert "indeholder nøglen" in told.text and "slet derefter filen" in told.text
    assert "Slet filen" in dialog.status.text()


def test_it_is_never_saved_in_the_data_folder(shown, sheet):
    dialog, dialogs = shown
    dialogs.queue("save_file", str(sheet.folder / "nøgle.pdf"))
    assert dialog.save_sheet() is None
    [told] = dialogs.calls_of("warn")
    assert "ligger i datamappen" in told.text
    assert list(sheet.folder.iterdir()) == []


def test_closing_asks_and_back_keeps_the_key_shown(shown):
    dialog, dialogs = shown
    dialogs.queue("choose", "Tilbage til nøglen")
    dialog.reject()
    [asked] = dialogs.calls_of("choose")
    assert asked.text.startswith("Har du udskrevet eller gemt nøglen? Den vises kun denne ene gang.")
    assert asked.extra["choices"] == ["Ja, nøglen er gemt", "Tilbage til nøglen", "Kryptér ikke"]
    # Back is what Enter and Escape answer.
    assert asked.extra["default"] == asked.extra["escape"] == 1
    assert dialog.isVisible()
    dialogs.queue("choose", "Ja, nøglen er gemt")
    dialog.reject()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted


def test_refusing_closes_it_as_not_kept(shown):
    dialog, dialogs = shown
    dialogs.queue("choose", "Kryptér ikke")
    dialog.reject()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Rejected


def test_the_real_dialog_says_kept_with_its_button(qtbot, sheet):
    failures = on_next_modal(lambda dialog: dialog.kept_button.click())
    assert QtDialogs().show_recovery_key(None, sheet) is True
    assert failures == []


def test_offer_encryption_is_encrypt_now_by_enter_and_later_by_escape(qtbot):
    seen = []

    def enter(box):
        seen.append(sorted(b.text().replace("&", "") for b in box.buttons()))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    failures = on_next_modal(enter)
    assert QtDialogs().offer_encryption(None, "Kryptér datamappen", "Kryptér nu?") is True
    failures += on_next_modal(lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    assert QtDialogs().offer_encryption(None, "Kryptér datamappen", "Kryptér nu?") is False
    assert failures == []
    assert seen == [["Kryptér nu", "Senere"]]


def test_choose_answers_the_button_clicked(qtbot):
    def click_second(box):
        assert isinstance(box, QMessageBox)
        [second] = [b for b in box.buttons() if b.text() == "To"]
        second.click()

    failures = on_next_modal(click_second)
    assert QtDialogs().choose(None, "T", "Hvilken?", ["En", "To", "Tre"]) == 1
    assert failures == []


def test_a_new_passphrase_is_typed_twice_and_long_enough(qtbot):
    seen = []

    def fill(dialog):
        assert QApplication.focusWidget() is dialog.first
        qtbot.keyClicks(dialog.first, "for kort")
        qtbot.keyClicks(dialog.second, "for kort")
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
        seen.append(dialog.error.text())
        dialog.first.setText("Fire heste på Amager Fælled")
        dialog.second.setText("Fire heste på Amager")
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)
        seen.append(dialog.error.text())
        dialog.second.setText("Fire heste på Amager Fælled")
        qtbot.keyClick(dialog.second, Qt.Key.Key_Return)

    failures = on_next_modal(fill, focused=True)
    answer = QtDialogs().new_passphrase(None, "Adgangsfrase til datamappen", "Vælg en")
    assert failures == []
    assert answer == "Fire heste på Amager Fælled"
    assert seen == ["Adgangsfrasen skal have mindst 12 tegn; nogle få ord i træk er lette at huske.",
                    "De to adgangsfraser er ikke ens. Skriv den igen i begge felter."]
    failures = on_next_modal(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert QtDialogs().new_passphrase(None, "Adgangsfrase til datamappen", "Vælg en") is None
    assert failures == []


def test_scripted_dialogs_answer_the_encryption_questions_by_default(sheet):
    dialogs = ScriptedDialogs()
    assert dialogs.offer_encryption(None, "T", "?") is False
    assert dialogs.show_recovery_key(None, sheet) is True
    assert len(dialogs.new_passphrase(None, "T", "?")) >= 12
    assert dialogs.calls_of("show_recovery_key")[0].extra["sheet"] is sheet
