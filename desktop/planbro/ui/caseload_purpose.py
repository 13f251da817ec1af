"""The caseload's "Formål:" box: what this session's views, documents, prints and exports are for.

The purpose (planbro.audit.purposes) is chosen once per session, not asked
per view: the box starts at the purpose used last (Indstillinger keeps it),
else the first, and every record of a view, document, print, export or the
caseload this window (and its wizards, which share its store) writes carries
it until another is chosen. The box offers only the list's words, so no
typed text can reach the log.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

from planbro.translation import _

from planbro.model.problems import ValidationError

from planbro.audit import PURPOSES

from planbro.actions.context import purposes


def offered(window) -> tuple[str, ...]:
    """The purposes the box offers; the built-in ones, with a warning, when the
    municipality's list is not right."""
    try:
        return purposes()
    except ValidationError as error:
        window.dialogs.warn(window, _("Purpose"), _(
            "The municipality's list of purposes (purposes in municipality.toml) is not "
            "right, so only the built-in ones are offered:") + "\n" + "\n".join(
                f"• {problem}" for problem in error.problems))
        return PURPOSES


def build(window, parent) -> tuple[QLabel, QComboBox]:
    """The label and the box, set to the purpose to start with (which the log is told)."""
    box = QComboBox(parent)
    box.setObjectName("purpose")
    box.setAccessibleName(_("Purpose of what is viewed, printed or exported"))
    box.setToolTip(_("Recorded in the audit log with every plan you view, save as a document, "
                     "print or export in this window, and with the opened caseload"))
    words = offered(window)
    for word in words:
        box.addItem(word, word)
    last = window.settings.last_purpose if window.settings is not None else ""
    box.setCurrentIndex(words.index(last) if last in words else 0)
    _tell_log(window, box.currentData())
    box.currentIndexChanged.connect(lambda _index: chosen(window, box.currentData()))
    label = QLabel(_("P&urpose:"), parent)
    label.setBuddy(box)
    return label, box


def chosen(window, word: str) -> None:
    """A purpose was chosen: the log records it from now on, Indstillinger keeps it."""
    from planbro.settings import save_settings

    _tell_log(window, word)
    if window.settings is not None and window.settings.last_purpose != word:
        window.settings.last_purpose = word
        try:
            save_settings(window.settings)
        except OSError:
            # Only the next start's default is lost; this session records the purpose.
            pass


def _tell_log(window, word: str) -> None:
    audit = getattr(window.store, "audit", None)
    if audit is not None:
        audit.set_purpose(word)
