"""The setting for the documents' appendix of changes since the signed version (#13): on by
default, kept as true or false, and anything else in the file is the default."""

import json

import pytest

from planbro.settings import UserSettings, load_settings, save_settings, settings_path


def test_the_appendix_is_on_by_default():
    assert UserSettings().changes_appendix is True


def test_off_round_trips_as_false():
    save_settings(UserSettings(caseworker_name="A", changes_appendix=False))
    assert json.loads(settings_path().read_text(encoding="utf-8"))["changes_appendix"] is False
    assert load_settings().changes_appendix is False


@pytest.mark.parametrize("value", ["false", 0, None, "nej"])
def test_a_value_that_is_not_true_or_false_is_the_default(value):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"caseworker_name": "A", "changes_appendix": value}),
                               encoding="utf-8")
    loaded = load_settings()
    assert loaded.caseworker_name == "A" and loaded.changes_appendix is True


def test_a_file_of_an_older_planbro_has_the_appendix_on():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"caseworker_name": "A"}), encoding="utf-8")
    assert load_settings().changes_appendix is True
