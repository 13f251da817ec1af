"""Indstillinger's box for the documents' appendix of changes since the signed version (#13)."""

from planbro.settings import UserSettings


def test_the_box_shows_the_setting_and_gives_it_back(qtbot):
    from planbro.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(None, UserSettings(caseworker_name="Mette Kjær"))
    qtbot.addWidget(dialog)
    box = dialog.changes_appendix
    assert box.text() == "Vis ændringer siden den underskrevne version som bila&g"
    assert box.isChecked()
    box.setChecked(False)
    assert dialog.result_settings().changes_appendix is False
    assert dialog.result_settings().caseworker_name == "Mette Kjær"
    off = SettingsDialog(None, UserSettings(caseworker_name="A", changes_appendix=False))
    qtbot.addWidget(off)
    assert not off.changes_appendix.isChecked()
