"""A new passphrase for an encrypted data folder: typed unseen twice, long enough, or refused
beside the fields (the dialog stays open)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from planbro.translation import _

from planbro.crypto.keys import MIN_PASSPHRASE

from planbro.ui.common.colours import ERROR_COLOUR


def passphrase_problem(first: str, second: str) -> str:
    """Why the two typed passphrases cannot be used ("" when they can)."""
    if len(first.strip()) < MIN_PASSPHRASE:
        return _("The passphrase must have at least {count} characters; a few words in a row "
                 "are easy to remember.").format(count=MIN_PASSPHRASE)
    if first != second:
        return _("The two passphrases are not the same. Type it again in both fields.")
    return ""


class PassphraseDialog(QDialog):
    """Enter answers when both fields agree and are long enough; Escape cancels."""

    def __init__(self, parent, title: str, text: str):
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setWindowTitle(title)
        message = QLabel(text, self)
        message.setWordWrap(True)
        self.first = self._field("passphrase", _("Passphrase"))
        self.second = self._field("passphrase_again", _("Passphrase again"))
        form = QFormLayout()
        for text, field in ((_("&Passphrase:"), self.first), (_("&Repeat:"), self.second)):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        self.error = QLabel(self)
        self.error.setObjectName("passphrase_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.first.setFocus()

    def _field(self, name: str, accessible: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(accessible)
        return field

    def accept(self) -> None:
        problem = passphrase_problem(self.first.text(), self.second.text())
        if problem:
            self.error.setText(problem)
            self.error.setAccessibleDescription(problem)
            self.error.show()
            self.first.setFocus()
            self.first.selectAll()
            return
        super().accept()

    def passphrase(self) -> str:
        return self.first.text()
