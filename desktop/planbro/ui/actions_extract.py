"""The audit log in the caseload: Handleplan → Aktindsigt i logbogen … (the citizen's access
request, GDPR art. 15), … for a deleted plan (by its id: its records outlive it) and
Funktioner → Kontrollér logbogen (planbro audit --verify).

The extract's work is planbro.actions.extract's; here the caseworker chooses
where the PDF goes, and the outcome is shown in the status bar or a message.
The check is planbro.audit.verify's, in the words the command prints.
"""

from __future__ import annotations

from pathlib import Path

from planbro.translation import _

from planbro.actions.documents import NotWritten, with_suffix
from planbro.actions.extract import default_extract_name, save_extract
from planbro.actions.trail import trail_of

from planbro.ui.actions_files import _selected_plan, told
from planbro.ui.common.dialogs import file_filter


def _log(window):
    """The store's own log (it records the extract too); a store opened without one
    still has its folder's log to read."""
    from planbro.audit import AuditLog

    return window.store.audit or AuditLog(window.store.data_dir)


def save_access_extract(window) -> Path | None:
    """Save the selected plan's audit log extract for the citizen; its path, None when
    cancelled or refused (the message says why)."""
    title = _("Access request: audit log extract")
    plan = _selected_plan(window, title)
    if plan is None:
        return None
    return _save(window, title, plan)


def save_deleted_extract(window) -> Path | None:
    """The extract of a plan no longer in the caseload (journalised and deleted, or a
    deleted draft), asked for by the id on the citizen's request or the journalised PDF;
    its path, None when cancelled or refused (the message says why)."""
    from planbro.storage import StoreError

    from planbro.actions.extract import subject_of

    title = _("Access request for a deleted plan")
    typed = window.dialogs.ask_text(window, title, _(
        "A plan deleted after journalisation leaves its records in the audit log, so the "
        "citizen can still be told how it was used. Type the plan's id, as it stands on the "
        "journalised plan (its first 8 characters are enough):"))
    if not (typed or "").strip():
        return None
    try:
        plan = subject_of(window.store, _log(window), typed.strip())
    except StoreError as error:
        window.dialogs.warn(window, title, str(error))
        return None
    except NotWritten as error:
        window.dialogs.warn(window, title, error.message())
        return None
    return _save(window, title, plan)


def _save(window, title: str, plan) -> Path | None:
    """Ask where the extract of `plan` (a Plan or a GonePlan) goes, and save it there."""
    answer = window.dialogs.save_file(window, title, default_extract_name(plan),
                                      file_filter("pdf"))
    if not answer:
        return None
    path = with_suffix(answer, "pdf")
    try:
        saved = save_extract(plan, path, log=_log(window), trail=trail_of(window.store),
                             settings=window.settings)
    except NotWritten as error:
        window.dialogs.warn(window, title, error.message())
        return None
    told(window, title, saved)
    return saved.path


def check_audit_log(window) -> bool:
    """Check the data folder's audit log as `planbro audit --verify` does, and show what it
    found; True when the log is whole. Checking reads no plan: nothing is recorded."""
    from planbro.audit import AuditLog
    from planbro.audit.verify import describe, verify

    title = _("Check the audit log")
    folder = (window.store.audit or AuditLog(window.store.data_dir)).folder
    if folder.exists() and not folder.is_dir():
        window.dialogs.warn(window, title, _(
            "The audit log cannot be read: {path} is a file, not a folder.").format(path=folder))
        return False
    try:
        verdict = verify(folder)
    except OSError as error:
        window.dialogs.warn(window, title, _("The audit log cannot be read: {error}").format(
            error=error.strerror or error))
        return False
    said = describe(verdict)
    if verdict.finding is None:
        window.dialogs.info(window, title, "\n\n".join(said))
        return True
    said.append(_("Planbro has not changed the log. Tell the municipality's data protection "
                  "officer (DPO) and your IT support; planbro audit --verify shows the same."))
    window.dialogs.warn(window, title, "\n\n".join(said))
    return False
