"""Indstillinger, and the same form on first start: the caseworker, the
municipality (name, address line, logo), the documents' appendix of changes,
the language and the data folder."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _, language

from planbro.settings import MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, UserSettings

from planbro.ui.common.dialogs import Dialogs, file_filter
from planbro.ui.common.qt_dialogs import QtDialogs

# The languages offered, with their names in their own language.
LANGUAGE_NAMES = (("da", "Dansk"), ("en", "English"))
# Height of the logo preview, in device-independent pixels.
LOGO_PREVIEW_HEIGHT = 40
# Image files a logo may be: the formats the documents can embed.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
# Colour of the inline error texts (AA contrast on the default background).
ERROR_STYLE = "color: #b3261e;"
# The note beside the language box: bold, in the text colour, so it is read.
NOTE_STYLE = "font-weight: bold;"


def language_change_note(code: str) -> str:
    """What choosing the language `code` means: it is spoken from the next start."""
    name = dict(LANGUAGE_NAMES).get(code, code)
    return _("Planbro speaks {language} from its next start: close Planbro and start it "
             "again.").format(language=name)


def _error_label(parent) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


class SettingsDialog(QDialog):
    def __init__(self, parent=None, settings: UserSettings | None = None, *, data_dir: str = "",
                 dialogs: Dialogs | None = None, first_start: bool = False):
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.dialogs = dialogs or QtDialogs()
        self._base = settings or UserSettings()
        self._data_dir_in_use = data_dir
        # The language the windows speak now: a new one is spoken from the next start.
        self._language_in_use = language()
        self.setWindowTitle(_("Welcome to Planbro") if first_start else _("Settings"))
        layout = QVBoxLayout(self)
        if first_start:
            intro = QLabel(_("Tell Planbro who you are and which municipality you work for. "
                             "It is filled into every new plan and printed on the documents. "
                             "You can change it later under Tools → Settings."), self)
            intro.setWordWrap(True)
            layout.addWidget(intro)

        self.fields: dict[str, QLineEdit] = {}
        caseworker = QGroupBox(_("You, the caseworker"), self)
        form = QFormLayout(caseworker)
        self._add_line(form, "caseworker_name", _("&Name:"), _("Caseworker's name"))
        self.name_error = _error_label(caseworker)
        form.addRow("", self.name_error)
        self._add_line(form, "caseworker_unit", _("&Unit:"), _("Caseworker's unit"))
        self._add_line(form, "caseworker_phone", _("&Phone:"), _("Caseworker's phone"))
        self._add_line(form, "caseworker_email", _("E-&mail:"), _("Caseworker's e-mail"))
        layout.addWidget(caseworker)

        municipality = QGroupBox(_("Municipality (printed on the documents)"), self)
        form = QFormLayout(municipality)
        self._add_line(form, "municipality_name", _("Muni&cipality:"), _("Municipality's name"))
        self._add_line(form, "municipality_address", _("&Address line:"),
                       _("Municipality's address line"))
        self.fields["municipality_address"].setPlaceholderText(_("e.g. Rådhuspladsen 1, 1550 København V"))
        self._add_logo_row(form, municipality)
        layout.addWidget(municipality)
        layout.addWidget(self._documents_group())

        general = QGroupBox(_("Language and data"), self)
        form = QFormLayout(general)
        self.language = QComboBox(general)
        self.language.setAccessibleName(_("Language"))
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self._base.language)))
        language_label = QLabel(_("Lan&guage:"), general)
        language_label.setBuddy(self.language)
        form.addRow(language_label, self._language_row(general))
        self._add_data_dir_row(form, general)
        note = QLabel(_("A new data folder takes effect when Planbro is started again."), general)
        note.setWordWrap(True)
        form.addRow("", note)
        self._add_retention_row(form, general)
        layout.addWidget(general)
        # The data folder here, or the team's database (settings_store.py).
        from planbro.ui.settings_store import StoreGroup
        self.store = StoreGroup(self, self._base.store, self.dialogs,
                                holder=lambda: self.fields["caseworker_name"].text().strip(),
                                data_dir=self._data_dir_in_use)
        layout.addWidget(self.store)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._align_labels()
        # Wide enough for a logo path and a data folder, in the UI font's units.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 115)
        # As tall as its contents need (Qt's first size stops at two thirds of the screen).
        screen = self.screen()
        if screen is not None:
            self.resize(self.sizeHint().boundedTo(screen.availableGeometry().size()))
        self.fields["caseworker_name"].setFocus()

    def _align_labels(self) -> None:
        # One label column across the three groups, so the fields line up.
        labels = [label for box in self.findChildren(QGroupBox)
                  for label in box.findChildren(QLabel) if label.buddy() is not None]
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    # -- building ----------------------------------------------------------
    def _documents_group(self) -> QGroupBox:
        """Whether a revision's documents end with what changed since the signed version."""
        group = QGroupBox(_("Documents"), self)
        box = QVBoxLayout(group)
        self.changes_appendix = QCheckBox(
            _("Appendi&x: what changed since the signed version"), group)
        self.changes_appendix.setObjectName("changes_appendix")
        self.changes_appendix.setChecked(self._base.changes_appendix)
        box.addWidget(self.changes_appendix)
        note = QLabel(_("A revision's Word and PDF documents end with an appendix listing what "
                        "changed since the signed version it replaces, so the citizen sees "
                        "what is new before signing again."), group)
        note.setWordWrap(True)
        box.addWidget(note)
        return group

    def _add_retention_row(self, form: QFormLayout, parent: QWidget) -> None:
        self.retention = QSpinBox(parent)
        self.retention.setObjectName("retention_days")
        self.retention.setRange(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS)
        self.retention.setValue(self._base.retention_days)
        self.retention.setSuffix(_(" days"))
        self.retention.setAccessibleName(_("Days a journalised case is kept"))
        label = QLabel(_("&Keep journalised cases:"), parent)
        label.setBuddy(self.retention)
        form.addRow(label, self.retention)
        note = QLabel(_("A closed case marked as journalised in the ESDH is deleted from this "
                        "computer this many days later, with its backups; the audit log keeps "
                        "that it was. A closed case not marked as journalised is never "
                        "deleted."), parent)
        note.setWordWrap(True)
        form.addRow("", note)

    def _add_line(self, form: QFormLayout, key: str, label: str, accessible: str) -> QLineEdit:
        edit = QLineEdit(getattr(self._base, key), form.parentWidget())
        edit.setObjectName(key)
        edit.setAccessibleName(accessible)
        edit.setMinimumWidth(320)
        label_widget = QLabel(label, form.parentWidget())
        label_widget.setBuddy(edit)
        form.addRow(label_widget, edit)
        self.fields[key] = edit
        return edit

    def _language_row(self, parent: QWidget) -> QWidget:
        """The language box, and beside it, once another language is chosen, that it
        is spoken from the next start (every text is set as a window is built)."""
        row = QWidget(parent)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.language_note = QLabel(row)
        self.language_note.setObjectName("language_note")
        self.language_note.setWordWrap(True)
        self.language_note.setStyleSheet(NOTE_STYLE)
        box.addWidget(self.language)
        box.addWidget(self.language_note, 1)
        self.language.currentIndexChanged.connect(lambda _index: self._show_language_note())
        self._show_language_note()
        return row

    def _show_language_note(self) -> None:
        chosen = self.language.currentData()
        if chosen == self._language_in_use:
            self.language_note.hide()
            return
        self.language_note.setText(language_change_note(chosen))
        self.language_note.show()

    def _add_logo_row(self, form: QFormLayout, parent: QWidget) -> None:
        row = QWidget(parent)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.logo = QLineEdit(self._base.municipality_logo, row)
        self.logo.setObjectName("municipality_logo")
        self.logo.setAccessibleName(_("Logo file"))
        self.logo.setPlaceholderText(_("PNG or JPEG file; empty for none"))
        choose = QPushButton(_("C&hoose…"), row)
        choose.setAccessibleName(_("Choose logo file"))
        choose.clicked.connect(self._choose_logo)
        remove = QPushButton(_("&Remove"), row)
        remove.setAccessibleName(_("Remove logo"))
        remove.clicked.connect(self.logo.clear)
        self.logo_preview = QLabel(row)
        self.logo_preview.setAccessibleName(_("Logo preview"))
        self.logo_preview.setMinimumWidth(LOGO_PREVIEW_HEIGHT * 2)
        box.addWidget(self.logo, 1)
        box.addWidget(choose)
        box.addWidget(remove)
        box.addWidget(self.logo_preview)
        label = QLabel(_("&Logo:"), parent)
        label.setBuddy(self.logo)
        form.addRow(label, row)
        self.logo_error = _error_label(parent)
        form.addRow("", self.logo_error)
        self.logo.textChanged.connect(self._preview_logo)
        self._preview_logo(self.logo.text())

    def _add_data_dir_row(self, form: QFormLayout, parent: QWidget) -> None:
        row = QWidget(parent)
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.data_dir = QLineEdit(self._base.data_dir or self._data_dir_in_use, row)
        self.data_dir.setObjectName("data_dir")
        self.data_dir.setReadOnly(True)
        self.data_dir.setAccessibleName(_("Data folder"))
        self.data_dir.setToolTip(_("Folder in use now: {folder}").format(
            folder=self._data_dir_in_use or "—"))
        self._chosen_data_dir = self._base.data_dir
        choose = QPushButton(_("Choose f&older…"), row)
        choose.setAccessibleName(_("Choose data folder"))
        choose.clicked.connect(self._choose_data_dir)
        default = QPushButton(_("De&fault"), row)
        default.setAccessibleName(_("Use the default data folder"))
        default.clicked.connect(self._default_data_dir)
        box.addWidget(self.data_dir, 1)
        box.addWidget(choose)
        box.addWidget(default)
        label = QLabel(_("&Data folder:"), parent)
        label.setBuddy(self.data_dir)
        form.addRow(label, row)

    # -- behaviour ---------------------------------------------------------
    def _choose_logo(self) -> None:
        chosen = self.dialogs.open_files(self, _("Choose logo"), file_filter("image"))
        if chosen:
            self.logo.setText(chosen[0])

    def _preview_logo(self, text: str) -> None:
        pixmap = QPixmap(text) if text else QPixmap()
        if pixmap.isNull():
            self.logo_preview.clear()
        else:
            self.logo_preview.setPixmap(pixmap.scaledToHeight(
                LOGO_PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation))

    def _choose_data_dir(self) -> None:
        chosen = self.dialogs.choose_folder(self, _("Choose data folder"),
                                            self.data_dir.text())
        if chosen:
            self._chosen_data_dir = chosen
            self.data_dir.setText(chosen)

    def _default_data_dir(self) -> None:
        self._chosen_data_dir = ""
        self.data_dir.setText(_("(default)"))

    def _logo_problem(self) -> str:
        text = self.logo.text().strip()
        if not text:
            return ""
        try:
            head = Path(text).read_bytes()[:8]
        except OSError:
            return _("The logo file cannot be read.")
        if not head.startswith(_IMAGE_MAGIC):
            return _("The logo must be a PNG or JPEG image.")
        return ""

    def accept(self) -> None:
        problems = []
        if not self.fields["caseworker_name"].text().strip():
            self.name_error.setText(_("Write your name: it is filled into every new plan."))
            self.name_error.show()
            problems.append(self.fields["caseworker_name"])
        else:
            self.name_error.hide()
        logo_problem = self._logo_problem()
        self.logo_error.setText(logo_problem)
        self.logo_error.setVisible(bool(logo_problem))
        if logo_problem:
            problems.append(self.logo)
        if self.store.problem():
            problems.append(self.store.address)
        if problems:
            problems[0].setFocus()
            return
        super().accept()

    def result_settings(self) -> UserSettings:
        values: dict[str, Any] = {key: edit.text().strip() for key, edit in self.fields.items()}
        return dataclasses.replace(
            self._base, **values, municipality_logo=self.logo.text().strip(),
            language=self.language.currentData(), data_dir=self._chosen_data_dir,
            retention_days=self.retention.value(),
            changes_appendix=self.changes_appendix.isChecked(), store=self.store.value())
