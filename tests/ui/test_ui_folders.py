"""The file dialogs start in Documents, not the program's folder, and where the
last one ended — in the caseload, the wizard and after a restart (#9.25)."""

from __future__ import annotations

from pathlib import Path

from modal import on_next_modal

from PySide6.QtCore import QStandardPaths

from planbro.settings import load_settings

from planbro.ui.common.folders import FolderMemory, documents_folder
from planbro.ui.common.qt_dialogs import QtDialogs
from planbro.ui.common.scripted_dialogs import ScriptedDialogs
from planbro.ui.wizard import export


def documents() -> Path:
    chosen = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return chosen if chosen.is_dir() else Path.home()


def test_every_file_dialog_starts_in_documents_then_where_the_last_ended(
        qtbot, make_window, add_plan, dialogs, tmp_path, example_path):
    plan = add_plan("Anna Holm")
    window = make_window()
    assert window.select_plan(plan.id)
    assert documents_folder() == documents() != Path.cwd()
    out = tmp_path / "Sager" / "Anna"
    out.mkdir(parents=True)
    dialogs.queue("save_file", str(out / "plan.docx"), str(out / "plan.pdf"))
    window.plan_actions.actions["word"].trigger()
    window.plan_actions.actions["pdf"].trigger()
    word, pdf = dialogs.calls_of("save_file")
    assert word.extra["start"] == documents()
    assert pdf.extra["start"] == out
    assert (out / "plan.pdf").exists()
    dialogs.queue("open_files", [str(example_path)])
    window.plan_actions.actions["import"].trigger()
    [opened] = dialogs.calls_of("open_files")
    assert opened.extra["start"] == out
    # The import came from another folder: the next dialog starts there.
    dialogs.queue("save_file", None)
    window.plan_actions.actions["export"].trigger()
    assert dialogs.calls_of("save_file")[-1].extra["start"] == example_path.parent
    # Kept in the settings for the next start.
    assert load_settings().last_folder == str(example_path.parent)


def test_the_wizard_starts_where_the_caseload_ended_and_a_restart_remembers(
        qtbot, make_window, add_plan, dialogs, tmp_path):
    plan = add_plan("Anna Holm", status="signed")
    window = make_window()
    assert window.select_plan(plan.id)
    out = tmp_path / "Sager"
    out.mkdir()
    dialogs.queue("save_file", str(out / "plan.pdf"), str(out / "plan.docx"))
    window.plan_actions.actions["pdf"].trigger()
    window.plan_actions.actions["open"].trigger()
    wizard = window.plan_actions.wizards[plan.id]
    export.save_document(wizard, "docx")
    assert dialogs.calls_of("save_file")[-1].extra["start"] == out
    assert (out / "plan.docx").exists()
    wizard.close()
    window.close()
    # The next start of Planbro: a new window and new dialogs, the saved settings.
    fresh = ScriptedDialogs()
    again = window.__class__(window.store, load_settings(), fresh)
    qtbot.addWidget(again)
    assert again.select_plan(plan.id)
    fresh.queue("save_file", None)
    again.plan_actions.actions["word"].trigger()
    assert fresh.calls_of("save_file")[0].extra["start"] == out


def test_a_folder_that_is_gone_falls_back_to_documents(tmp_path):
    memory = FolderMemory(str(tmp_path / "gone"))
    assert memory.start() == documents()
    assert memory.place("plan.docx") == str(documents() / "plan.docx")
    assert memory.place(str(tmp_path / "x.docx")) == str(tmp_path / "x.docx")


def test_the_real_save_dialog_opens_in_documents_then_in_the_folder_chosen(qtbot, tmp_path):
    dialogs = QtDialogs()
    out = tmp_path / "Sager"
    out.mkdir()
    seen = []

    def choose(dialog):
        seen.append(Path(dialog.directory().absolutePath()))
        dialog.selectFile(str(out / "plan.pdf"))
        dialog.accept()

    failures = on_next_modal(choose)
    assert dialogs.save_file(None, "Gem som PDF", "Handleplan.pdf", "PDF (*.pdf)") == str(
        out / "plan.pdf")
    assert failures == []

    def look(dialog):
        seen.append(Path(dialog.directory().absolutePath()))
        dialog.reject()

    failures = on_next_modal(look)
    assert dialogs.open_files(None, "Importér fil", "Planbro (*.json)") == []
    assert failures == []
    assert seen == [documents().resolve(), out.resolve()]
