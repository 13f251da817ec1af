"""Gennemgang's buttons: save the plan as Word or PDF, print it, open the folder.

The documents come from planbro.documents (always Danish) with the same
municipality settings the caseload uses; printing sends the very same PDF
through planbro.ui.printing.print_pdf. Outcomes are reported on the page,
beside the buttons, not in message boxes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from planbro.translation import _

from planbro.model.problems import ValidationError

from planbro.ui.dialogs import file_filter

# Errors a document can fail with: a bad logo setting, a full disk …
DOCUMENT_ERRORS = (ValidationError, OSError, ValueError)


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def render(wizard, kind: str, path: Path) -> None:
    from planbro.ui.actions_files import render as render_document
    render_document(kind, wizard.plan, path, wizard.settings)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(str(p) for p in error.problems)
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def _say(wizard, text: str, ok: bool = True) -> None:
    status = wizard.review_page().status
    status.setStyleSheet("" if ok else "color: #b00020;")
    status.setText(text)


def save_document(wizard, kind: str) -> Path | None:
    """Ask where, write the document, and say where it went."""
    from planbro.documents import default_filename
    wizard.autosave.flush()
    title = _("Save as Word") if kind == "docx" else _("Save as PDF")
    folder = wizard.last_folder or documents_folder()
    suggested = str(Path(folder) / default_filename(wizard.plan, kind))
    chosen = wizard.dialogs.save_file(wizard, title, suggested, file_filter(kind))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != f".{kind}":
        path = path.with_name(path.name + f".{kind}")
    try:
        render(wizard, kind, path)
    except DOCUMENT_ERRORS as error:
        _say(wizard, _("The document was not saved: {reason}").format(reason=_reason(error)), ok=False)
        return None
    wizard.store.record("render", wizard.plan.id, wizard.plan.version, detail=kind)
    wizard.last_folder = path.parent
    wizard.review_page().folder_button.setEnabled(True)
    _say(wizard, _("Saved: {path}").format(path=path))
    return path


def print_plan(wizard) -> bool:
    """Print the plan's PDF on A4 through the system print dialog."""
    from planbro.ui.printing import print_pdf
    wizard.autosave.flush()
    # The PDF holds sensitive data: made in a private temporary folder and
    # deleted as soon as the pages have gone to the printer.
    with tempfile.TemporaryDirectory(prefix="planbro-print-") as folder:
        pdf = Path(folder) / "handleplan.pdf"
        try:
            render(wizard, "pdf", pdf)
        except DOCUMENT_ERRORS as error:
            _say(wizard, _("The plan was not printed: {reason}").format(reason=_reason(error)), ok=False)
            return False
        printed = print_pdf(wizard, pdf, wizard.dialogs)
    if printed:
        wizard.store.record("print", wizard.plan.id, wizard.plan.version)
        _say(wizard, _("The plan was sent to the printer."))
    return printed


def open_folder(wizard) -> None:
    wizard.dialogs.open_folder(wizard.last_folder or documents_folder())
