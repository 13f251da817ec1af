"""Files from the caseload: Word and PDF documents, printing, import, export.

The documents package (python-docx, reportlab) is imported only when a
document is made, so it costs nothing at start.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from planbro.translation import _, ngettext

from planbro.model.problems import ValidationError

from planbro.storage import StoreError

from planbro.ui.dialogs import file_filter

# How long a "saved to …" note stays in the status bar, in milliseconds.
NOTE_MS = 10000


def municipality_source(settings) -> dict:
    """The user's municipality settings in the form documents accept; empty
    values are left out so the shipped defaults fill them."""
    if settings is None:
        return {}
    values = {"name": settings.municipality_name, "address": settings.municipality_address,
              "logo": settings.municipality_logo}
    return {key: value for key, value in values.items() if value}


def render(kind: str, plan, path, settings) -> None:
    """Write the plan's document of `kind` ("docx" or "pdf") to `path`."""
    from planbro import documents

    renderer = documents.render_docx if kind == "docx" else documents.render_pdf
    renderer(plan, path, settings=municipality_source(settings) or None)


def default_name(plan, ext: str) -> str:
    from planbro.documents import default_filename
    return default_filename(plan, ext)


def _start_folder(window) -> Path:
    folder = getattr(window, "last_folder", None)
    if folder and Path(folder).is_dir():
        return Path(folder)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def _ask_path(window, title: str, suggested: str, kind: str, suffix: str) -> Path | None:
    answer = window.dialogs.save_file(window, title, str(_start_folder(window) / suggested),
                                      file_filter(kind))
    if not answer:
        return None
    path = Path(answer)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix)
    window.last_folder = str(path.parent)
    return path


def _selected_plan(window, title: str):
    summary = window.selected_summary()
    if summary is None:
        return None
    try:
        return window.store.get(summary.id)
    except StoreError as error:
        window.dialogs.warn(window, title, str(error))
        return None


def _document_problem(window, title: str, error: Exception) -> None:
    if isinstance(error, ValidationError):
        text = _("The document was not made:") + "\n" + "\n".join(
            f"• {problem}" for problem in error.problems)
    elif isinstance(error, OSError):
        text = _("The file could not be written: {error}").format(error=error.strerror or error)
    else:
        text = _("The document was not made: {error}").format(error=error)
    window.dialogs.warn(window, title, text)


def save_document(window, kind: str) -> Path | None:
    title = _("Save as Word") if kind == "docx" else _("Save as PDF")
    plan = _selected_plan(window, title)
    if plan is None:
        return None
    path = _ask_path(window, title, default_name(plan, kind), kind, f".{kind}")
    if path is None:
        return None
    try:
        render(kind, plan, path, window.settings)
    except (ValidationError, OSError, ValueError) as error:
        _document_problem(window, title, error)
        return None
    window.store.record("render", plan.id, plan.version, detail=kind)
    window.statusBar().showMessage(_("Saved: {path}").format(path=path), NOTE_MS)
    return path


def print_plan(window) -> bool:
    from planbro.ui.printing import print_pdf

    title = _("Print")
    plan = _selected_plan(window, title)
    if plan is None:
        return False
    # The PDF holds sensitive data: made in a private temporary folder and
    # deleted as soon as the pages have gone to the printer.
    with tempfile.TemporaryDirectory(prefix="planbro-print-") as folder:
        pdf = Path(folder) / "handleplan.pdf"
        try:
            render("pdf", plan, pdf, window.settings)
        except (ValidationError, OSError, ValueError) as error:
            _document_problem(window, title, error)
            return False
        printed = print_pdf(window, pdf, window.dialogs)
    if printed:
        window.store.record("print", plan.id, plan.version)
        window.statusBar().showMessage(_("The plan was sent to the printer."), NOTE_MS)
    return printed


def _import_one(window, path: Path):
    from planbro.exchange import read_plan_file

    plan = read_plan_file(path)
    return window.store.put(plan)


def import_files(window) -> list:
    title = _("Import file")
    paths = window.dialogs.open_files(window, title, file_filter("plan"))
    imported, problems = [], []
    for name in paths:
        path = Path(name)
        try:
            imported.append(_import_one(window, path))
        except ValidationError as error:
            problems.append(_("{file} was not imported:").format(file=path.name) + "\n" + "\n".join(
                f"    {problem}" for problem in error.problems))
        except (StoreError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            problems.append(_("{file} was not imported: {reason}").format(
                file=path.name, reason=reason))
    if paths:
        window.last_folder = str(Path(paths[-1]).parent)
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
    from planbro.exchange import write_plan_file

    title = _("Export file")
    plan = _selected_plan(window, title)
    if plan is None:
        return None
    path = _ask_path(window, title, default_name(plan, "json"), "plan", ".json")
    if path is None:
        return None
    try:
        write_plan_file(plan, path)
    except OSError as error:
        _document_problem(window, title, error)
        return None
    window.store.record("export", plan.id, plan.version)
    window.statusBar().showMessage(_("Exported: {path}").format(path=path), NOTE_MS)
    return path
