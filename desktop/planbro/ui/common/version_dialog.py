"""The list of a plan's stored versions, to open an earlier one ("Tidligere versioner")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from planbro.translation import _

from planbro.model.dates import local_time
from planbro.model.labels import status_label

from planbro.quality.wording import date_text

# Rows the list shows without scrolling; more versions scroll.
VISIBLE_ROWS = 8


def version_label(version: int, status: str, updated: str, signed: date | None) -> str:
    """One row: "Version 1 · underskrevet 20. november 2026"."""
    if status == "signed" and signed is not None:
        return _("Version {version} · signed {date}").format(version=version,
                                                           date=date_text(signed))
    if signed is not None:
        return _("Version {version} · {status}, signed {date}").format(
            version=version, status=status_label(status), date=date_text(signed))
    moment = local_time(updated)
    if moment is None:
        return _("Version {version} · {status}").format(version=version,
                                                        status=status_label(status))
    return _("Version {version} · {status}, last changed {date}").format(
        version=version, status=status_label(status), date=date_text(moment.date()))


class VersionDialog(QDialog):
    """Enter (or a double click) opens the chosen version; Escape cancels."""

    def __init__(self, parent, plan_name: str, versions: list[tuple]):
        super().__init__(parent)
        self.setObjectName("version_dialog")
        title = _("Versions of the plan for {name}").format(name=plan_name or _("(no name)"))
        self.setWindowTitle(title)
        self.list = QListWidget(self)
        self.list.setObjectName("versions")
        self.list.setAccessibleName(_("Versions"))
        self.list.setAccessibleDescription(title)
        for number, status, updated, signed in versions:
            item = QListWidgetItem(version_label(number, status, updated, signed), self.list)
            item.setData(Qt.ItemDataRole.UserRole, number)
        # The newest but one: the caseworker came for an earlier version.
        self.list.setCurrentRow(max(0, self.list.count() - 2))
        rows = min(max(self.list.count(), 3), VISIBLE_ROWS)
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth())
        label = QLabel(_("&Choose the version to open:"), self)
        label.setBuddy(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Open"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.list.setFocus()

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))
