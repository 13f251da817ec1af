"""Files from the caseload: Word and PDF documents, printing, import, export.

The work is planbro.actions' (documents, transfer); here the caseworker
chooses the plan and the file, and the outcome is shown in the status bar
or a message. A file written is told in a message too, as its note that
the file is plaintext is too long for the status bar (which cuts it off).
"""

from __future__ import annotations

from pathlib import Path

from planbro.translation import _, ngettext

from planbro.model.problems import ValidationError

from planbro.storage import StoreError

from planbro.actions import documents, transfer
from planbro.actions.changes import document_changes
from planbro.actions.documents import NotWritten, default_name, municipality_of, with_suffix
from planbro.actions.trail import trail_of

from planbro.ui.common.dialogs import file_filter

# How long a "saved to …" note stays in the status bar, in milliseconds.
NOTE_MS = 10000


def _ask_path(window, title: str, suggested: str, kind: str, suffix: str) -> Path | None:
    """The file chosen to write, ending in .`suffix`; None when cancelled. The dialog
    starts in the folder used last (window.dialogs.folders), else in Documents."""
    answer = window.dialogs.save_file(window, title, suggested, file_filter(kind))
    if not answer:
        return None
    return with_suffix(answer, suffix)


def _selected_plan(window, title: str):
    summary = window.selected_summary()
    if summary is None:
        return None
    try:
        return window.store.get(summary.id)
    except StoreError as error:
        window.dialogs.warn(window, title, str(error))
        return None


def _document_problem(window, title: str, error: NotWritten) -> None:
    window.dialogs.warn(window, title, error.message())


def told(window, title: str, written) -> None:
    """Say that `written` (a Saved or an Exported) went where it went: its place in the
    status bar, and in a message with its note that the file is plaintext."""
    window.statusBar().showMessage(written.where, NOTE_MS)
    window.dialogs.info(window, title, written.message)


def save_document(window, kind: str) -> Path | None:
    title = _("Save as Word") if kind == "docx" else _("Save as PDF")
    plan = _selected_plan(window, title)
    if plan is None:
        return None
    path = _ask_path(window, title, default_name(plan, kind), kind, kind)
    if path is None:
        return None
    try:
        saved = documents.save_document(plan, kind, path, trail=trail_of(window.store),
                                        municipality=municipality_of(window.settings),
                                        changes=document_changes(window.store, plan,
                                                                 window.settings))
    except NotWritten as error:
        _document_problem(window, title, error)
        return None
    told(window, title, saved)
    return saved.path


def print_plan(window) -> bool:
    from planbro.ui.common.printing import ask_printer

    title = _("Print")
    plan = _selected_plan(window, title)
    if plan is None:
        return False
    try:
        done = documents.print_plan(plan, lambda pdf: ask_printer(window, pdf, window.dialogs),
                                    trail=trail_of(window.store),
                                    municipality=municipality_of(window.settings),
                                    changes=document_changes(window.store, plan,
                                                             window.settings))
    except NotWritten as error:
        _document_problem(window, title, error)
        return False
    if done.printed:
        window.statusBar().showMessage(done.message, NOTE_MS)
    return done.printed


def _import_problem(result) -> str:
    name = result.path.name
    error = result.error
    if isinstance(error, ValidationError):
        return _("{file} was not imported:").format(file=name) + "\n" + "\n".join(
            f"    {problem}" for problem in error.problems)
    reason = error.strerror if isinstance(error, OSError) and error.strerror else error
    return _("{file} was not imported: {reason}").format(file=name, reason=reason)


def _ask_replace(window, title: str, result):
    """A plan older than, or for another citizen than, the stored one with its id:
    the refusal is shown as a question whose default is Nej; Ja imports it all the
    same (the stored plan is kept among the backups). The result to report, None
    when the caseworker answered Nej (the question said it all)."""
    question = _("{file}: {reason}").format(file=result.path.name, reason=result.error)
    question += "\n\n" + _("Replace the stored plan with the file's? The stored plan is kept "
                           "among the backups.")
    if not window.dialogs.confirm(window, title, question):
        return None
    return transfer.import_plan(window.store, result.path, replace=True)


def import_files(window) -> list:
    title = _("Import file")
    paths = window.dialogs.open_files(window, title, file_filter("plan"))
    answered = [_ask_replace(window, title, result)
                if isinstance(result.error, transfer.ImportConflict) else result
                for result in transfer.import_plans(window.store, paths)]
    results = [result for result in answered if result is not None]
    imported = [result.plan for result in results if result.plan is not None
                and not result.unchanged]
    problems = [_import_problem(result) for result in results if not result.ok]
    if not imported and any(result.unchanged for result in results):
        window.statusBar().showMessage(
            _("The plan is already stored as it is; nothing was changed."), NOTE_MS)
    if imported:
        for plan in imported[:-1]:
            window.model.forget_quality(plan.id)
        window.plan_changed(imported[-1].id)
        window.statusBar().showMessage(ngettext(
            "{count} plan was imported.", "{count} plans were imported.",
            len(imported)).format(count=len(imported)), NOTE_MS)
    if problems:
        window.dialogs.warn(window, title, "\n\n".join(problems))
    return imported


def export_file(window) -> Path | None:
    title = _("Export file")
    plan = _selected_plan(window, title)
    if plan is None:
        return None
    path = _ask_path(window, title, default_name(plan, "json"), "plan", "json")
    if path is None:
        return None
    try:
        exported = transfer.export_plan(plan, path, trail_of(window.store))
    except NotWritten as error:
        _document_problem(window, title, error)
        return None
    told(window, title, exported)
    return exported.path
