"""Hjælp → Vejledning (the wizard's steps, from forms/) and Hjælp → Om Planbro
(version, licences, the data folder and the audit log's) (#9.23)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planbro.formdefs import default_formdefs

from planbro.audit import AuditLog
from planbro.storage import PlanStore

from planbro.ui.guide_texts import STEP_GUIDANCE, guidance
from planbro.ui.help_windows import font_licence_path

from planbro import __version__


@pytest.fixture
def store(tmp_path):
    folder = tmp_path / "store"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as opened:
        yield opened


def help_menu(window):
    [menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "H&jælp"]
    return {a.text(): a for a in menu.actions() if not a.isSeparator()}


def test_the_help_menu_has_the_guide_and_about(make_window):
    window = make_window()
    assert [a.text() for a in window.menuBar().actions()][-1] == "H&jælp"
    assert list(help_menu(window)) == ["&Vejledning til trinene", "&Om Planbro"]


def test_the_guide_names_the_nine_steps_of_the_wizard_with_guidance(qtbot, make_window):
    window = make_window()
    help_menu(window)["&Vejledning til trinene"].trigger()
    guide = window.help_windows["guide"]
    assert guide.isVisible() and not guide.isModal()
    assert guide.windowTitle() == "Vejledning til de 9 trin"
    text = guide.browser.toPlainText()
    defs = default_formdefs()
    titles = [f"Trin {s.number} — {s.title.get()}." for s in defs.steps]
    assert titles[0] == "Trin 1 — Borger og sagsbehandler."
    assert titles[-1] == "Trin 9 — Gennemgang."
    # Every step, in the wizard's order, each with its own Danish guidance.
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    for step in defs.steps:
        assert guidance(step) in text
        assert "§" in guidance(step) or step.id in ("goals", "partners", "review", "citizen")
    assert "med borgerens egne ord" in text and "Et generelt samtykke er ikke gyldigt" in text
    # Asked again, the same window comes forward.
    help_menu(window)["&Vejledning til trinene"].trigger()
    assert window.help_windows["guide"] is guide


def test_f1_opens_the_guide(qtbot, make_window):
    window = make_window()
    qtbot.keyClick(window.table, Qt.Key.Key_F1)
    assert window.help_windows["guide"].isVisible()


def test_every_step_of_forms_has_guidance_and_no_other():
    assert set(STEP_GUIDANCE) == {step.id for step in default_formdefs().steps}


def test_a_step_without_guidance_shows_its_intro():
    from dataclasses import replace

    step = default_formdefs().step("citizen")
    new = replace(step, id="housing_first")
    assert guidance(new) == step.intro.get()


def test_about_says_version_licences_and_where_the_data_and_log_are(qtbot, make_window, store,
                                                                    dialogs):
    window = make_window()
    help_menu(window)["&Om Planbro"].trigger()
    about = window.help_windows["about"]
    assert about.isVisible() and not about.isModal()
    assert about.windowTitle() == "Om Planbro"
    text = about.text.text()
    assert f"Planbro {__version__}" in text
    assert "proprietær" in text
    assert "SIL Open Font License 1.1" in text and str(font_licence_path()) in text
    assert font_licence_path().read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE") >= 1
    assert f"Datamappe (handleplanerne og deres sikkerhedskopier): {store.data_dir}" in text
    log_folder = Path(store.data_dir) / "audit"
    assert f"Logbog (hvem der har set, ændret, udskrevet eller eksporteret hvilken plan og " \
           f"hvornår): {log_folder}" in text
    about.open_data.click()
    about.open_log.click()
    assert [c.extra["path"] for c in dialogs.calls_of("open_folder")] == [
        Path(store.data_dir), log_folder]
    # No CPR number, name or plan text: nothing but program facts and folders.
    assert not re.search(r"\d{6}-\d{4}", text)


def test_the_help_windows_close_with_the_caseload(qtbot, make_window):
    window = make_window()
    help_menu(window)["&Om Planbro"].trigger()
    about = window.help_windows["about"]
    window.close()
    QApplication.processEvents()
    assert not about.isVisible()
