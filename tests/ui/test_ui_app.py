"""Starting the app: first-start dialog, read-only fallback, a corrupt data
file, the settings dialog, Qt's Danish buttons, exit-when-ready."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from modal import on_next_modal
from ui_support import TODAY

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from planbro.settings import UserSettings, load_settings, save_settings
from planbro.storage import PlanStore

from planbro.ui import app as app_module
from planbro.ui.common.scripted_dialogs import ScriptedDialogs


@pytest.fixture
def saved_settings():
    settings = UserSettings(caseworker_name="Mette Kjær", municipality_name="Holbæk Kommune")
    save_settings(settings)
    return settings


def test_first_start_asks_for_the_caseworker_and_saves_settings(qtbot, tmp_path):
    assert load_settings() is None

    def fill(dialog):
        assert dialog.windowTitle() == "Velkommen til Planbro"
        # Keyboard only: the name field has focus, Tab moves on down the form.
        qtbot.keyClicks(QApplication.focusWidget(), "Mette Kjær")
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(QApplication.focusWidget(), "Socialcenter Vest")
        dialog.fields["caseworker_phone"].setText("72 36 40 00")
        dialog.fields["caseworker_email"].setText("mekj@holbaek.dk")
        dialog.fields["municipality_name"].setText("Holbæk Kommune")
        dialog.fields["municipality_address"].setText("Kanalstræde 2, 4300 Holbæk")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    failures = on_next_modal(focused=True, act=fill)
    window = app_module.start(tmp_path / "data", ScriptedDialogs(), today=TODAY)
    assert failures == []
    qtbot.addWidget(window)
    saved = load_settings()
    assert saved.caseworker_name == "Mette Kjær"
    assert saved.caseworker_unit == "Socialcenter Vest"
    assert saved.municipality_address == "Kanalstræde 2, 4300 Holbæk"
    assert window.settings == saved
    assert window.isVisible()
    window.store.close()


def test_first_start_requires_a_name_beside_the_field(qtbot):
    from planbro.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, None, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert dialog.name_error.isVisibleTo(dialog)
    assert "navn" in dialog.name_error.text()
    dialog.fields["caseworker_name"].setText("Mette")
    dialog.logo.setText(str(__file__))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "PNG" in dialog.logo_error.text()
    dialog.logo.setText("")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()
    assert dialog.result_settings().caseworker_name == "Mette"


def test_first_start_cancelled_still_opens_the_caseload(qtbot, tmp_path):
    failures = on_next_modal(focused=True, act=lambda dialog: dialog.reject())
    window = app_module.start(tmp_path / "data", ScriptedDialogs())
    assert failures == []
    qtbot.addWidget(window)
    assert window.settings is None
    assert load_settings() is None
    window.store.close()


def test_read_only_when_another_planbro_holds_the_data(qtbot, tmp_path, saved_settings, add_plan,
                                                      store):
    add_plan("Anna Holm")
    folder = store.data_dir
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from planbro.storage import PlanStore
            store = PlanStore({str(folder)!r})
            print("holding", flush=True)
            sys.stdin.read()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        window = app_module.start(folder, ScriptedDialogs(), today=TODAY)
        qtbot.addWidget(window)
        assert window.store.read_only
        assert window.banner.isVisible()
        assert "andet vindue" in window.banner.text()
        assert window.proxy.rowCount() == 1
        actions = window.plan_actions.actions
        for name in ("new", "revise", "sign", "import", "close_case", "delete"):
            assert not actions[name].isEnabled(), name
        # Open too: the plans can be read here, as the banner says (#9.11).
        for name in ("open", "word", "pdf", "print", "export", "settings"):
            assert actions[name].isEnabled(), name
        window.plan_actions.open_plan()
        [wizard] = window.plan_actions.wizards.values()
        assert wizard.read_only
        assert "andet vindue" in wizard.side.status.text()
        wizard.close()
        assert "kun læsning" in window.statusBar().currentMessage()
        window.store.close()
    finally:
        holder.stdin.close()
        holder.wait(timeout=20)


def test_corrupt_case_file_is_named_and_its_backup_restored(qtbot, tmp_path, saved_settings,
                                                           example_plan):
    folder = tmp_path / "data"
    with PlanStore(folder) as store:
        store.save(example_plan)
        example_plan.purpose = "Et nyt formål"
        store.save(example_plan)
        case = store._layout.case(example_plan.id)
    case.write_bytes(b"garbage{")
    dialogs = ScriptedDialogs().queue("confirm", True)
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    [question] = dialogs.calls_of("confirm")
    assert str(case) in question.text
    assert "sikkerhedskopi" in question.text
    # The backup holds the state before the last save.
    assert window.store.get(example_plan.id).citizen.name == example_plan.citizen.name
    assert list((folder / "damaged").rglob("*.json"))
    window.store.close()


def test_corrupt_file_without_backup_is_explained(qtbot, tmp_path, saved_settings, example_plan):
    folder = tmp_path / "data"
    with PlanStore(folder) as store:
        store.save(example_plan)
        case = store._layout.case(example_plan.id)
    case.write_bytes(b"garbage{")
    # A plan saved once has a backup too: take it away.
    for backup in (folder / "backups" / "cases").iterdir():
        backup.unlink()
    dialogs = ScriptedDialogs()
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    [warning] = dialogs.calls_of("warn")
    assert str(case) in warning.text
    assert "IT-support" in warning.text
    window.store.close()


def _meta_damaged_without_backup(folder, example_plan):
    with PlanStore(folder) as store:
        store.save(example_plan)
    for backup in (folder / "backups").glob("meta.*.json"):
        backup.unlink()
    (folder / "meta.json").write_bytes(b"\x00garbage")
    return folder / "meta.json"


@pytest.mark.parametrize("rebuild", [True, False])
def test_a_damaged_meta_json_is_rebuilt_only_when_the_user_agrees(qtbot, tmp_path, saved_settings,
                                                                   example_plan, rebuild):
    folder = tmp_path / "data"
    meta = _meta_damaged_without_backup(folder, example_plan)
    dialogs = ScriptedDialogs().queue("confirm", rebuild)
    window = app_module.start(folder, dialogs, today=TODAY)
    [question] = dialogs.calls_of("confirm")
    assert str(meta) in question.text and "genopbygge" in question.text
    if not rebuild:
        assert window is None and meta.read_bytes() == b"\x00garbage"
        return
    qtbot.addWidget(window)
    assert [s.id for s in window.store.summaries()] == [example_plan.id]
    assert b"planbro-store" in meta.read_bytes()
    window.store.close()


def test_settings_dialog_changes_caseworker_and_says_language_needs_restart(
        qtbot, make_window, dialogs, tmp_path):
    window = make_window()

    def edit(dialog):
        dialog.fields["caseworker_unit"].setText("Hjemløseteamet")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        assert dialog.data_dir.text() == str(window.store.data_dir)
        dialogs.queue("choose_folder", str(tmp_path / "other"))
        dialog._choose_data_dir()
        dialog.accept()

    failures = on_next_modal(focused=True, act=edit)
    window.plan_actions.actions["settings"].trigger()
    assert failures == []
    saved = load_settings()
    assert saved.caseworker_unit == "Hjemløseteamet"
    assert saved.caseworker_name == "Mette Kjær"
    assert saved.language == "en"
    assert saved.data_dir == str(tmp_path / "other")
    [note] = dialogs.calls_of("info")
    assert "sproget og datamappen" in note.text and "startes" in note.text


def test_the_logo_chosen_in_indstillinger_is_kept_in_the_data_folder(qtbot, make_window, tmp_path):
    from importlib import resources

    original = tmp_path / "Hentet" / "logo.png"
    original.parent.mkdir()
    original.write_bytes((resources.files("planbro.templates") / "logo.png").read_bytes())
    window = make_window()

    def edit(dialog):
        dialog.logo.setText(str(original))
        dialog.accept()

    failures = on_next_modal(focused=True, act=edit)
    window.plan_actions.actions["settings"].trigger()
    assert failures == []
    kept = load_settings().municipality_logo
    assert kept == window.settings.municipality_logo
    assert kept.startswith(str(window.store.data_dir)) and Path(kept).read_bytes() == original.read_bytes()
    original.unlink()
    assert Path(kept).is_file()


def test_qt_buttons_speak_danish(qapp):
    from planbro.ui.qt_i18n import install_qt_translators

    translators = install_qt_translators(qapp, "da")
    try:
        assert translators
        box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.show()
        texts = {box.button(b).text().replace("&", "")
                 for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)}
        box.close()
        assert texts == {"Ja", "Nej"}
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_exit_when_ready_prints_the_time(tmp_path):
    env = dict(os.environ, PLANBRO_EXIT_WHEN_READY="1", QT_QPA_PLATFORM="offscreen")
    save_settings(UserSettings(caseworker_name="Mette"))
    result = subprocess.run([sys.executable, "-m", "planbro", "--data-dir", str(tmp_path / "d")],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    mark, seconds = result.stdout.split()
    assert mark == "planbro-ready" and 0 < float(seconds) < 30


def test_unreadable_data_folder_is_named_and_the_app_does_not_start(qtbot, tmp_path,
                                                                   saved_settings):
    folder = tmp_path / "data"
    PlanStore(folder).close()
    (folder / "meta.json").write_text("garbage", encoding="utf-8")
    # meta.json has a backup from the start; declined, the app does not start.
    dialogs = ScriptedDialogs().queue("confirm", False)
    assert app_module.start(folder, dialogs) is None
    [question] = dialogs.calls_of("confirm")
    assert str(folder / "meta.json") in question.text
    assert str(folder / "backups" / "meta.1.json") in question.text
    assert (folder / "meta.json").read_text(encoding="utf-8") == "garbage"


def test_a_damaged_file_whose_backup_is_declined_is_counted_in_the_status_bar(
        qtbot, tmp_path, saved_settings, example_plan):
    folder = tmp_path / "data"
    with PlanStore(folder) as store:
        store.save(example_plan)
        case = store._layout.case(example_plan.id)
    case.write_bytes(b"garbage{")
    (folder / "index.json").unlink()
    (folder / "index.journal").unlink(missing_ok=True)
    # Nej to restoring the backup: the plan is not in the caseload, but it is not forgotten.
    dialogs = ScriptedDialogs().queue("confirm", False)
    window = app_module.start(folder, dialogs, today=TODAY)
    qtbot.addWidget(window)
    assert len(dialogs.calls_of("confirm")) == 1
    assert window.model.rowCount() == 0
    status = window.statusBar().currentMessage()
    assert "1 datafil kan ikke læses" in status and "planbro restore" in status
    assert str(case) in window.statusBar().toolTip()
    assert case.read_bytes() == b"garbage{"
    window.store.close()


def test_the_app_s_saves_keep_the_overview_s_facts(qtbot, tmp_path, saved_settings, example_plan):
    """The team leader's overview reads the facts every save keeps (planbro.overview)."""
    from planbro.overview.facts import is_current

    from planbro.actions.context import quality_policy

    dialogs = ScriptedDialogs()
    window = app_module.start(tmp_path / "data", dialogs, today=TODAY)
    qtbot.addWidget(window)
    window.store.save(example_plan)
    [summary] = window.store.summaries()
    assert is_current(summary.overview, quality_policy())
    assert summary.overview["unit"] == example_plan.caseworker.unit
    window.store.close()
