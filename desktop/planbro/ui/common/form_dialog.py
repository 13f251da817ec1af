"""What the small form dialogs (Registrér opfølgning, Markér som underskrevet) share:
a labelled row with its messages under the field, the message label itself,
and the OK/Annullér buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.ui.common.colours import ERROR_COLOUR

# Colour of a hint, and of a note's problem before anything was typed in it.
HINT_COLOUR = "#555555"


def message_label(parent: QWidget) -> QLabel:
    """A hidden label for the message under a field."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def sentence(text: str) -> str:
    """The shared rules' messages as sentences: the CLI puts an option before them."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def show_message(label: QLabel, text: str | None, colour: str = ERROR_COLOUR) -> None:
    label.setVisible(bool(text))
    label.setText(sentence(text) if text else "")
    label.setStyleSheet(f"color: {colour};")


def add_row(form: QFormLayout, parent: QWidget, text: str, field: QWidget, *below: QLabel) -> int:
    """A row labelled `text` (its mnemonic goes to `field`), with `below` under the field;
    the row's number."""
    label = QLabel(text, parent)
    label.setBuddy(field.focusProxy() or field)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(field)
    for widget in below:
        column.addWidget(widget)
    form.addRow(label, column)
    return form.rowCount() - 1


def ok_cancel(dialog: QDialog, layout: QBoxLayout, ok_text: str) -> QPushButton:
    """OK (named `ok_text`) and Annullér at the bottom of `dialog`; the OK button.

    Annullér has no mnemonic: Escape cancels, and the letter stays free for the fields.
    """
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return ok
