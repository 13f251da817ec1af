"""The question for the recovery key or passphrase: typed unseen, and (where the computer has a
credential store) whether to remember it for this user, so the next start asks nothing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from planbro.translation import _

from planbro.ui.common.dialogs import SecretAnswer


class SecretDialog(QDialog):
    """Enter answers, Escape cancels; the remember box starts ticked (a new Windows profile is
    why the key is asked for, and the caseworker should not need it every morning)."""

    def __init__(self, parent, title: str, text: str, *, offer_remember: bool = False):
        super().__init__(parent)
        self.setObjectName("secret_dialog")
        self.setWindowTitle(title)
        message = QLabel(text, self)
        message.setWordWrap(True)
        self.secret = QLineEdit(self)
        self.secret.setObjectName("secret")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName(_("Recovery key or passphrase"))
        label = QLabel(_("&Recovery key or passphrase:"), self)
        label.setBuddy(self.secret)
        self.remember = QCheckBox(_("R&emember the key for this user on this computer"), self)
        self.remember.setObjectName("remember")
        self.remember.setChecked(True)
        self.remember.setToolTip(_("This login's credential store keeps it, so Planbro opens the data "
                                   "folder without asking next time"))
        self.remember.setVisible(offer_remember)
        self._offered = offer_remember
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(label)
        layout.addWidget(self.secret)
        layout.addWidget(self.remember)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.secret.setFocus()

    def answer(self) -> SecretAnswer:
        return SecretAnswer(self.secret.text(),
                            remember=self._offered and self.remember.isChecked())
