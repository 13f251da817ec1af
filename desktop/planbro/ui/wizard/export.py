"""Gennemgang's buttons: save the plan as Word or PDF, print it, save the citizen's copy
(Din plan), open the folder.

The documents come from planbro.documents (always Danish) with the same
municipality settings the caseload uses; printing sends the very same PDF
through planbro.ui.common.printing.ask_printer; the work and its audit record are
planbro.actions.documents', as from the caseload. Outcomes are reported on the page,
beside the buttons, not in message boxes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from planbro.translation import _

from planbro.actions import documents
from planbro.actions.changes import document_changes
from planbro.actions.documents import NotWritten, default_name, municipality_of, with_suffix
from planbro.actions.trail import trail_of

from planbro.ui.common.colours import ERROR_COLOUR
from planbro.ui.common.dialogs import file_filter


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def _say(wizard, text: str, ok: bool = True) -> None:
    status = wizard.review_page().status
    status.setStyleSheet("" if ok else f"color: {ERROR_COLOUR};")
    status.setText(text)


def _changes(wizard):
    """The document's appendix of what changed since the signed version, as Gennemgang
    shows it (None: Indstillinger leaves it out, or there is no signed version before)."""
    return document_changes(wizard.store, wizard.plan, wizard.settings)


def save_document(wizard, kind: str) -> Path | None:
    """Ask where, write the document, and say where it went."""
    wizard.autosave.flush()
    title = _("Save as Word") if kind == "docx" else _("Save as PDF")
    # The dialog starts where the last one ended (the caseload's too), else in Documents.
    chosen = wizard.dialogs.save_file(wizard, title, default_name(wizard.plan, kind),
                                      file_filter(kind))
    if not chosen:
        return None
    return _written(wizard, lambda: documents.save_document(
        wizard.plan, kind, with_suffix(chosen, kind), trail=trail_of(wizard.store),
        municipality=municipality_of(wizard.settings), changes=_changes(wizard)))


def _written(wizard, write) -> Path | None:
    """Run `write` (a use case saving a document; its result has .path and .message) and
    say where the document went, or why it was not saved."""
    try:
        saved = write()
    except NotWritten as error:
        _say(wizard, _("The document was not saved: {reason}").format(reason=error.reason()),
             ok=False)
        return None
    wizard.last_folder = saved.path.parent
    wizard.review_page().folder_button.setEnabled(True)
    _say(wizard, saved.message)
    return saved.path


def print_plan(wizard) -> bool:
    """Print the plan's PDF on A4 through the system print dialog."""
    from planbro.ui.common.printing import ask_printer
    wizard.autosave.flush()
    try:
        done = documents.print_plan(wizard.plan, lambda pdf: ask_printer(wizard, pdf, wizard.dialogs),
                                    trail=trail_of(wizard.store),
                                    municipality=municipality_of(wizard.settings),
                                    changes=_changes(wizard))
    except NotWritten as error:
        _say(wizard, _("The plan was not printed: {reason}").format(reason=error.reason()),
             ok=False)
        return False
    if done.printed:
        _say(wizard, done.message)
    return done.printed


def open_folder(wizard) -> None:
    wizard.dialogs.open_folder(wizard.last_folder or documents_folder())


def save_citizen_copy(wizard, english: bool) -> Path | None:
    """Din plan, the citizen's own short copy: ask where (PDF or Word), write it, and say
    where it went; `english`: the frame in English (the page's box)."""
    from planbro.actions.citizen import save_citizen_copy as save

    from planbro.ui.common import citizen_copy

    wizard.autosave.flush()
    chosen = citizen_copy.ask_path(wizard.dialogs, wizard, wizard.plan, english)
    if chosen is None:
        return None
    kind, path = chosen
    return _written(wizard, lambda: save(wizard.plan, kind, path, trail=trail_of(wizard.store),
                                         municipality=municipality_of(wizard.settings),
                                         english=english))
