"""The real dialogs: QMessageBox, QFileDialog, the print dialog and Planbro's own.

Qt is imported by each method as it is used, so the caseload starts
without the widgets a question needs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planbro.ui.common.dialogs import Dialogs, SecretAnswer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from planbro.actions.encryption import RecoverySheet
    from planbro.actions.followup import FollowUpAnswer
    from planbro.actions.lifecycle import SignatureAnswer


class QtDialogs(Dialogs):
    """The real dialogs: QMessageBox, QFileDialog and a small calendar dialog."""

    def info(self, parent, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.information(parent, title, text)

    def warn(self, parent, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox
        QMessageBox.warning(parent, title, text)

    def confirm(self, parent, title: str, text: str, *, default_yes: bool = False) -> bool:
        from PySide6.QtWidgets import QMessageBox
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        # "No" is the default so Enter never confirms something irreversible;
        # default_yes only where Ja is the safe, expected answer.
        answer = QMessageBox.question(parent, title, text, yes | no, yes if default_yes else no)
        return answer == yes

    def choose(self, parent, title: str, text: str, choices: Sequence[str], *,
               default: int = 0, escape: int | None = None) -> int:
        from PySide6.QtWidgets import QMessageBox
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                          parent)
        buttons = [box.addButton(choice, QMessageBox.ButtonRole.ActionRole) for choice in choices]
        box.setDefaultButton(buttons[default])
        box.setEscapeButton(buttons[default if escape is None else escape])
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else (
            default if escape is None else escape)

    def offer_encryption(self, parent, title: str, text: str) -> bool:
        from planbro.translation import _
        return self.choose(parent, title, text, [_("&Encrypt now"), _("&Later")],
                           default=0, escape=1) == 0

    def new_passphrase(self, parent, title: str, text: str) -> str | None:
        from planbro.ui.common.passphrase_dialog import PassphraseDialog
        dialog = PassphraseDialog(parent, title, text)
        return dialog.passphrase() if dialog.exec() else None

    def show_recovery_key(self, parent, sheet: RecoverySheet) -> bool:
        from planbro.ui.common.recovery_dialog import RecoveryKeyDialog
        return bool(RecoveryKeyDialog(parent, sheet, dialogs=self).exec())

    def save_file(self, parent, title: str, suggested: str, filter: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog
        path, _chosen = QFileDialog.getSaveFileName(parent, title, self.folders.place(suggested),
                                                    filter)
        if path:
            self.folders.remember(Path(path).parent)
        return path or None

    def open_files(self, parent, title: str, filter: str) -> list[str]:
        from PySide6.QtWidgets import QFileDialog
        paths, _chosen = QFileDialog.getOpenFileNames(parent, title, str(self.folders.start()),
                                                      filter)
        if paths:
            self.folders.remember(Path(paths[0]).parent)
        return list(paths)

    def ask_secret(self, parent, title: str, text: str, *,
                   offer_remember: bool = False) -> SecretAnswer | None:
        from planbro.ui.common.secret_dialog import SecretDialog
        dialog = SecretDialog(parent, title, text, offer_remember=offer_remember)
        return dialog.answer() if dialog.exec() else None

    def ask_text(self, parent, title: str, text: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog
        typed, ok = QInputDialog.getText(parent, title, text)
        return typed if ok else None

    def pick_date(self, parent, title: str, default: date) -> date | None:
        from PySide6.QtCore import QDate, Qt
        from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        calendar = QCalendarWidget(dialog)
        calendar.setAccessibleName(title)
        calendar.setGridVisible(True)
        calendar.setSelectedDate(QDate(default.year, default.month, default.day))
        # Monday first, as on a Danish calendar, whatever the system locale says.
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        calendar.activated.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(calendar)
        layout.addWidget(buttons)
        calendar.setFocus()
        if not dialog.exec():
            return None
        chosen = calendar.selectedDate()
        return date(chosen.year(), chosen.month(), chosen.day())

    def open_folder(self, path) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def choose_folder(self, parent, title: str, start: str) -> str | None:
        from PySide6.QtWidgets import QFileDialog
        return QFileDialog.getExistingDirectory(parent, title,
                                                start or str(self.folders.start())) or None

    def print_setup(self, parent, printer, pages: int) -> bool:
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QDialog
        dialog = QPrintDialog(printer, parent)
        dialog.setMinMax(1, max(1, pages))
        return dialog.exec() == QDialog.DialogCode.Accepted

    def follow_up(self, parent, plan, today: date,
                  previous: FollowUpAnswer | None = None) -> FollowUpAnswer | None:
        from planbro.ui.common.followup_dialog import FollowUpDialog
        dialog = FollowUpDialog(parent, plan, today, pick_date=self.pick_date, previous=previous)
        return dialog.answer() if dialog.exec() else None

    def sign(self, parent, plan, today: date) -> SignatureAnswer | None:
        from planbro.ui.common.sign_dialog import SignDialog
        dialog = SignDialog(parent, plan, today, pick_date=self.pick_date)
        return dialog.answer() if dialog.exec() else None

    def hand_over(self, parent, name: str, previous=None, *, known=(), responsible=None):
        from planbro.ui.common.handover_dialog import HandOverDialog
        dialog = HandOverDialog(parent, name, pick_date=self.pick_date, previous=previous,
                                known=known, responsible=responsible)
        return dialog.answer() if dialog.exec() else None

    def choose_version(self, parent, plan_name: str,
                       versions: list[tuple[int, str, str, date | None]]) -> int | None:
        from planbro.ui.common.version_dialog import VersionDialog
        dialog = VersionDialog(parent, plan_name, versions)
        return dialog.chosen() if dialog.exec() else None
