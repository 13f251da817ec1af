"""Indstillinger's choice of where the plans are: the data folder on this computer (the
default) or the team's database (PostgreSQL), with its address and "Prøv forbindelsen".

The address is checked by planbro.actions.store_choice (no password in it: that comes
from the service file, .pgpass or the login); PLANBRO_STORE, when set, wins, and the
group says so.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.model import ValidationError

from planbro.storage import StoreError

from planbro.actions.store_choice import (
    STORE_ENV,
    address_field,
    address_problem,
    try_connection,
)

# Colour of the inline error text (AA contrast on the default background).
ERROR_STYLE = "color: #b3261e;"


class StoreGroup(QGroupBox):
    """Where the plans are; value() is settings.store ("" for the data folder)."""

    def __init__(self, parent: QWidget, address: str, dialogs, holder=lambda: "",
                 data_dir: str = ""):
        super().__init__(_("Where the plans are"), parent)
        self.setObjectName("store_group")
        self.dialogs = dialogs
        self._holder = holder
        self._data_dir = data_dir or None
        box = QVBoxLayout(self)
        form = QFormLayout()
        choices = QWidget(self)
        line = QHBoxLayout(choices)
        line.setContentsMargins(0, 0, 0, 0)
        self.local = QRadioButton(_("Local data folder on this computer"), choices)
        self.local.setObjectName("store_local")
        self.team = QRadioButton(_("The team's database (PostgreSQL)"), choices)
        self.team.setObjectName("store_team")
        choice = QButtonGroup(self)
        choice.addButton(self.local)
        choice.addButton(self.team)
        line.addWidget(self.local)
        line.addWidget(self.team)
        line.addStretch(1)
        form.addRow(QLabel(_("The plans are in:"), self), choices)
        row = QWidget(self)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        self.address = QLineEdit(address, row)
        # The beginning shown (the server and the database), not the end of a long address.
        self.address.setCursorPosition(0)
        self.address.setObjectName("store_address")
        self.address.setAccessibleName(_("The team database's address"))
        self.address.setPlaceholderText("postgresql://server/planbro  /  service=planbro")
        self.try_button = QPushButton(_("&Try the connection"), row)
        self.try_button.setObjectName("store_try")
        self.try_button.clicked.connect(self.try_connection)
        line.addWidget(self.address, 1)
        line.addWidget(self.try_button)
        label = QLabel(_("Add&ress:"), self)
        label.setBuddy(self.address)
        form.addRow(label, row)
        self.error = QLabel(self)
        self.error.setObjectName("store_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow("", self.error)
        note = QLabel(_("Never a password in the address (it comes from pg_service.conf, .pgpass "
                        "or your Windows login); a new choice applies from the next start."), self)
        note.setWordWrap(True)
        form.addRow("", note)
        box.addLayout(form)
        if os.environ.get(STORE_ENV, "").strip():
            env = QLabel(_("{variable} is set on this computer, and wins over this "
                           "choice.").format(variable=STORE_ENV), self)
            env.setObjectName("store_env_note")
            env.setWordWrap(True)
            env.setStyleSheet("font-weight: bold;")
            box.addWidget(env)
        (self.team if address.strip() else self.local).setChecked(True)
        self.team.toggled.connect(lambda _on: self._enable())
        self._enable()

    def _enable(self) -> None:
        on = self.team.isChecked()
        self.address.setEnabled(on)
        self.try_button.setEnabled(on)
        if not on:
            self.error.hide()

    def problem(self) -> str:
        """Why the choice cannot be saved, naming the field ("" when it can); shown below it."""
        if not self.team.isChecked():
            self.error.hide()
            return ""
        reason = address_problem(self.address.text())
        text = _("{field}: {reason}").format(field=address_field(), reason=reason) if reason else ""
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if text:
            self._grow()
        return text

    def _grow(self) -> None:
        """Make room for the message: the dialog grows, as far as the screen allows."""
        dialog, screen = self.window(), self.screen()
        if screen is None:
            return
        wanted = dialog.sizeHint().expandedTo(dialog.size())
        dialog.resize(wanted.boundedTo(screen.availableGeometry().size()))

    def value(self) -> str:
        return self.address.text().strip() if self.team.isChecked() else ""

    def try_connection(self) -> bool:
        """Open the team store and close it again; says how it went. True when it opened."""
        title = _("Try the connection")
        if self.problem():
            self.address.setFocus()
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try_connection(self.address.text(), holder=self._holder(), data_dir=self._data_dir)
        except ValidationError as error:
            failure = "\n".join(str(problem) for problem in error.problems)
        except StoreError as error:
            failure = str(error)
        else:
            failure = ""
        finally:
            QGuiApplication.restoreOverrideCursor()
        if failure:
            self.dialogs.warn(self, title, _("Planbro could not open the team database:\n"
                                             "{reason}").format(reason=failure))
            return False
        self.dialogs.info(self, title, _("The connection to the team database works."))
        return True
