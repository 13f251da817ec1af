"""Handleplan → Aktindsigt i logbogen …: the citizen's access request (GDPR art. 15).

The work is planbro.actions.extract's; here the caseworker chooses where the
PDF goes, and the outcome is shown in the status bar or a message.
"""

from __future__ import annotations

from pathlib import Path

from planbro.translation import _

from planbro.actions.documents import NotWritten, with_suffix
from planbro.actions.extract import default_extract_name, save_extract
from planbro.actions.trail import trail_of

from planbro.ui.actions_files import NOTE_MS, _selected_plan
from planbro.ui.common.dialogs import file_filter


def save_access_extract(window) -> Path | None:
    """Save the selected plan's audit log extract for the citizen; its path, None when
    cancelled or refused (the message says why)."""
    from planbro.audit import AuditLog

    title = _("Access request: audit log extract")
    plan = _selected_plan(window, title)
    if plan is None:
        return None
    answer = window.dialogs.save_file(window, title, default_extract_name(plan),
                                      file_filter("pdf"))
    if not answer:
        return None
    path = with_suffix(answer, "pdf")
    # The store's own log (it records the extract too); a store opened without one
    # still has its folder's log to read.
    log = window.store.audit or AuditLog(window.store.data_dir)
    try:
        saved = save_extract(plan, path, log=log, trail=trail_of(window.store),
                             settings=window.settings)
    except NotWritten as error:
        window.dialogs.warn(window, title, error.message())
        return None
    window.statusBar().showMessage(saved.message, NOTE_MS)
    return saved.path
