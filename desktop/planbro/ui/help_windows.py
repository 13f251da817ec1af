"""Hjælp: "Om Planbro" (version, licences, where the data and the log are) and
"Vejledning" (the wizard's steps, guide_texts.py).

Both are non-modal windows, one of each per caseload window, raised when
asked again: the caseworker can keep the guide open beside the wizard, and
no test waits on a modal.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from planbro.translation import _

from planbro.formdefs import FormDefs, default_formdefs

from planbro.audit import FOLDER as AUDIT_FOLDER
from planbro.settings import settings_path

from planbro.ui.common.dialogs import Dialogs
from planbro.ui.guide_texts import guide_html, guide_title

from planbro import __version__

# The guide window's size in lines of the UI font (width, height).
GUIDE_SIZE_LINES = (48, 40)


def font_licence_path() -> Path:
    """The SIL Open Font License of the documents' font, as shipped."""
    return Path(str(resources.files("planbro.templates") / "fonts" / "OFL.txt"))


def audit_folder(store) -> Path:
    """The audit log's folder: the store's log's, else the data folder's audit/."""
    audit = getattr(store, "audit", None)
    folder = getattr(audit, "folder", None)
    return Path(folder) if folder is not None else Path(store.data_dir) / AUDIT_FOLDER


def about_text(store) -> str:
    """What "Om Planbro" says, as plain paragraphs (also for tests)."""
    return "\n\n".join((
        _("Planbro {version}").format(version=__version__),
        _("Action plans under serviceloven § 141 and § 142 for municipal caseworkers."),
        _("Licence: Planbro is proprietary software; all rights reserved."),
        _("The documents' font, Planbro Sans (Noto Sans with Noto Sans Arabic), is licensed under "
          "the SIL Open Font License 1.1: {path}").format(path=font_licence_path()),
        _("Data folder (the plans and their backups): {folder}").format(folder=store.data_dir),
        _("Audit log (who viewed, changed, printed or exported which plan, and when): "
          "{folder}").format(folder=audit_folder(store)),
        _("Your settings: {path}").format(path=settings_path()),
    ))


class AboutWindow(QDialog):
    """Om Planbro: the text can be selected and copied; the folders can be opened."""

    def __init__(self, parent: QWidget | None, store, dialogs: Dialogs):
        super().__init__(parent)
        self.setObjectName("about_window")
        self.setWindowTitle(_("About Planbro"))
        layout = QVBoxLayout(self)
        self.text = QLabel(about_text(store), self)
        self.text.setObjectName("about_text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                          | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 90)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_data = QPushButton(_("Open the &data folder"), self)
        self.open_log = QPushButton(_("Open the &log folder"), self)
        buttons.addButton(self.open_data, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_log, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_data.clicked.connect(lambda: dialogs.open_folder(store.data_dir))
        self.open_log.clicked.connect(lambda: dialogs.open_folder(audit_folder(store)))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)


class GuideWindow(QDialog):
    """Vejledning: the steps of the wizard in use, with what to do in each."""

    def __init__(self, parent: QWidget | None, defs: FormDefs | None = None):
        super().__init__(parent)
        defs = defs or default_formdefs()
        self.setObjectName("guide_window")
        self.setWindowTitle(guide_title(defs))
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guide_text")
        self.browser.setAccessibleName(guide_title(defs))
        self.browser.setHtml(guide_html(defs))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        line = self.fontMetrics().lineSpacing()
        self.resize(line * GUIDE_SIZE_LINES[0], line * GUIDE_SIZE_LINES[1])


def show_window(window, name: str, make) -> QDialog:
    """Show the help window `name` of the caseload `window`, made once by `make()`."""
    shown = window.help_windows.get(name)
    if shown is None:
        shown = make()
        window.help_windows[name] = shown
    shown.show()
    shown.raise_()
    shown.activateWindow()
    return shown


def show_about(window) -> QDialog:
    return show_window(window, "about", lambda: AboutWindow(window, window.store, window.dialogs))


def show_guide(window) -> QDialog:
    return show_window(window, "guide", lambda: GuideWindow(window))
