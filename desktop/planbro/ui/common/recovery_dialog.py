"""The recovery key, shown once when encryption is turned on: the grouped key large, the day
and the data folder, the sheet's words, and the ways to keep it — printed, or saved as a PDF.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why closing the window asks, and what "Kryptér ikke" means               │
│                                                                          │
│ The key is shown before any plan is sealed (storage.keying): until the   │
│ user says it is kept, nothing is lost by stopping. So closing the window │
│ (Escape, the window's cross) does not pass for "kept": it asks whether   │
│ the key was printed or saved. Yes closes as kept; Back returns to the    │
│ key (the default, since a key not kept is the costly mistake); "Kryptér  │
│ ikke" refuses it, and the folder stays plaintext as it was - the key     │
│ shown then opens nothing. The key is not selectable: a clipboard keeps   │
│ it in places Planbro cannot see. The sheet is printed from memory and    │
│ saved only where the user chooses, never in the data folder.             │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from planbro.fileio.atomic import write_atomic
from planbro.fileio.failures import write_failure
from planbro.translation import _

from planbro.actions.encryption import RecoverySheet

from planbro.ui.common import printing
from planbro.ui.common.dialogs import file_filter

# How much larger than the dialog's text the key is drawn.
KEY_SCALE = 1.9
# Monospace faces for the key, best first: Windows', then those of Linux and macOS.
MONOSPACE = ("Consolas", "Cascadia Mono", "DejaVu Sans Mono", "Liberation Mono", "Menlo")
# The dialog's width in average characters of its font.
WIDTH_CHARS = 108
# Where the printer's queue shows the print (anyone at the printer sees it): no key, no name.
PRINT_NAME = "Planbro – gendannelsesnøgle"


def key_font(base: QFont) -> QFont:
    """A monospace font, bold, KEY_SCALE times `base`: every character the same width, so
    the groups line up as on the sheet. One of MONOSPACE where installed (the system's
    fixed font is Courier New on Windows, thin at this size), else the system's."""
    installed = set(QFontDatabase.families())
    chosen = next((name for name in MONOSPACE if name in installed), None)
    font = (QFont(chosen) if chosen
            else QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setFixedPitch(True)
    font.setBold(True)
    font.setPointSizeF((base.pointSizeF() if base.pointSizeF() > 0 else 10) * KEY_SCALE)
    return font


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (OSError, ValueError):
        return False
    return True


class RecoveryKeyDialog(QDialog):
    """«Jeg har gemt nøglen» accepts; closing asks first (see above). `dialogs` asks the
    questions inside it (print, save, the question on closing), so tests drive it."""

    def __init__(self, parent, sheet: RecoverySheet, *, dialogs):
        super().__init__(parent)
        self.setObjectName("recovery_key_dialog")
        self.sheet, self.dialogs = sheet, dialogs
        # What the user did with the sheet (for the question on closing and for tests).
        self.printed = False
        self.saved_to: Path | None = None
        self.setWindowTitle(_("Recovery key"))
        layout = QVBoxLayout(self)
        heading = QLabel(_("Keep this recovery key safe: it is shown only this once."), self)
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15 if bold.pointSizeF() > 0 else 11)
        heading.setFont(bold)
        layout.addWidget(heading)
        self.key = QLabel(sheet.key, self)
        self.key.setObjectName("recovery_key")
        self.key.setFont(key_font(self.font()))
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.key.setFrameShape(QFrame.Shape.Box)
        self.key.setMargin(12)
        self.key.setAccessibleName(_("Recovery key"))
        # A screen reader reads the groups one character at a time.
        self.key.setAccessibleDescription(" ".join(sheet.key.replace("-", " - ")))
        layout.addWidget(self.key)
        key_at = sheet.lines.index(sheet.key)
        for line in sheet.lines[1:key_at]:
            layout.addWidget(self._text(line, "facts"))
        for line in sheet.lines[key_at + 1:]:
            layout.addWidget(self._text(line, "sheet"))
        layout.addWidget(self._text(_("Print the sheet, or save it as PDF and print that, and "
                                      "give it to the municipality's IT support. A saved PDF "
                                      "holds the key: delete it once it is printed."), "how"))
        self.status = QLabel(self)
        self.status.setObjectName("recovery_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        # In this order on every platform: the ways to keep it, then (apart) that it is kept.
        row = QHBoxLayout()
        self.print_button = self._button(_("&Print …"), self.print_sheet)
        self.save_button = self._button(_("Save as P&DF …"), self.save_sheet)
        self.kept_button = self._button(_("I have &kept the key"), self.accept)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        row.addWidget(self.kept_button)
        # Enter prints: it never passes for "kept" by accident.
        self.print_button.setDefault(True)
        layout.addLayout(row)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * WIDTH_CHARS)
        self.print_button.setFocus()

    def _text(self, line: str, name: str) -> QLabel:
        label = QLabel(line, self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def buttons(self) -> list[QPushButton]:
        return [self.print_button, self.save_button, self.kept_button]

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def print_sheet(self) -> bool:
        """The system print dialog, then the sheet painted from memory; True when printed."""
        title = _("Print the recovery sheet")
        if not printing.available_printers():
            self.dialogs.warn(self, title, _(
                "No printer is installed on this computer. Save the sheet as PDF, print it "
                "from a computer with a printer, and delete the file afterwards."))
            return False
        pdf = self.sheet.pdf()
        printer = printing.new_a4_printer()
        printer.setDocName(PRINT_NAME)
        if not self.dialogs.print_setup(self, printer, printing.page_count(pdf)):
            return False
        try:
            painted = printing.paint_pdf(printer, pdf)
        except OSError as error:
            self.dialogs.warn(self, title, _("The sheet was not printed: {reason}").format(
                reason=error))
            return False
        if painted:
            self.printed = True
            self.status.setText(_("The sheet went to the printer. Check that it came out "
                                  "whole before you close this window."))
        return painted > 0

    def save_sheet(self) -> Path | None:
        """The sheet as a PDF where the user chooses (not in the data folder); the file."""
        title = _("Save the recovery sheet as PDF")
        chosen = self.dialogs.save_file(self, title, _("Planbro recovery key.pdf"),
                                        file_filter("pdf"))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if _inside(path, self.sheet.folder):
            self.dialogs.warn(self, title, _(
                "{path} lies in the data folder. Save the sheet elsewhere: next to the data, "
                "the key would open it for anyone who has the computer.").format(path=path))
            return None
        try:
            write_atomic(path, self.sheet.pdf())
        except OSError as error:
            self.dialogs.warn(self, title, _("The sheet could not be saved: {reason}").format(
                reason=write_failure(error, path.parent)))
            return None
        self.saved_to = path
        self.dialogs.info(self, title, _(
            "The recovery sheet is saved as {path}. The file holds the key: print it, give "
            "the sheet to the municipality's IT support, and then delete the file.").format(
                path=path))
        self.status.setText(_("Saved as {path}. Delete the file once the sheet is printed.").format(
            path=path))
        return path

    def reject(self) -> None:
        """Closing without «Jeg har gemt nøglen»: asked whether the key is kept first."""
        kept, back, refuse = 0, 1, 2
        answer = self.dialogs.choose(
            self, _("Recovery key"),
            _("Have you printed or saved the key? It is shown only this once.\n\nIf you "
              "choose not to encrypt, the data folder stays unencrypted and this key opens "
              "nothing; Planbro offers encryption again at the next start."),
            [_("&Yes, the key is kept"), _("&Back to the key"), _("Do &not encrypt")],
            default=back, escape=back)
        if answer == kept:
            self.accept()
        elif answer == refuse:
            super().reject()
