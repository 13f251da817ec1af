"""Where Din plan, the citizen's own short copy, is saved: one file dialog for both formats.

The caseload's Filer menu and Gennemgang ask the same way: the dialog offers
PDF first (what is printed or handed over) and Word, and the kind follows the
name chosen (a name without .docx is a PDF).
"""

from __future__ import annotations

from pathlib import Path

from planbro.translation import _

from planbro.model import Plan

from planbro.actions.citizen import default_citizen_name
from planbro.actions.documents import with_suffix

from planbro.ui.common.dialogs import Dialogs, file_filter


def title() -> str:
    """The title of the copy's action and its dialogs."""
    return _("Citizen's copy (Din plan)")


def ask_path(dialogs: Dialogs, parent, plan: Plan, english: bool) -> tuple[str, Path] | None:
    """The kind ("pdf" or "docx") and the file the copy of `plan` is to be written to,
    None when cancelled. The name offered carries no CPR number."""
    chosen = dialogs.save_file(parent, title(), default_citizen_name(plan, "pdf", english),
                               f"{file_filter('pdf')};;{file_filter('docx')}")
    if not chosen:
        return None
    kind = "docx" if Path(chosen).suffix.lower() == ".docx" else "pdf"
    return kind, with_suffix(chosen, kind)
