"""Qt's own translations, so standard buttons and dialogs speak Danish.

Planbro's texts come from gettext (planbro.translation); Qt's built-in
strings (Ok/Cancel/Yes/No in message boxes, the file dialog, the print
dialog) come from the qtbase catalog that PySide6 ships.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

# Qt catalogs to load for a language, in order; qtbase holds the widgets' texts.
QT_CATALOGS = ("qtbase",)


def qt_locale(language: str) -> QLocale:
    # British English: day-month dates and a Monday week, as Danes expect.
    return QLocale("da_DK" if language == "da" else "en_GB")


def install_qt_translators(app, language: str) -> list[QTranslator]:
    """Install Qt's catalogs for `language` on `app`; returns the translators.

    The caller keeps the list: a QTranslator that is garbage collected stops
    translating. English needs none.
    """
    QLocale.setDefault(qt_locale(language))
    if language == "en":
        return []
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for catalog in QT_CATALOGS:
        translator = QTranslator(app)
        if translator.load(f"{catalog}_{language}", folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
