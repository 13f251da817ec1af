"""The retention period in the settings (#11): 30 days by default, kept as a whole number of
days, a wrong or out-of-range value in the file falls back to the default."""

import json

import pytest

from planbro.settings import (
    DEFAULT_RETENTION_DAYS,
    MAX_RETENTION_DAYS,
    UserSettings,
    load_settings,
    save_settings,
    settings_path,
)


def test_the_default_is_thirty_days():
    assert UserSettings().retention_days == DEFAULT_RETENTION_DAYS == 30


def test_a_chosen_period_round_trips_as_a_number():
    save_settings(UserSettings(caseworker_name="A", retention_days=90))
    assert json.loads(settings_path().read_text(encoding="utf-8"))["retention_days"] == 90
    assert load_settings().retention_days == 90


@pytest.mark.parametrize("value", ["90", 0, -5, MAX_RETENTION_DAYS + 1, True, 12.5, None])
def test_a_wrong_period_in_the_file_is_the_default(value):
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"caseworker_name": "A", "retention_days": value}),
                               encoding="utf-8")
    loaded = load_settings()
    assert loaded.caseworker_name == "A" and loaded.retention_days == DEFAULT_RETENTION_DAYS


def test_a_file_of_an_older_planbro_has_the_default():
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(json.dumps({"caseworker_name": "A"}), encoding="utf-8")
    assert load_settings().retention_days == DEFAULT_RETENTION_DAYS
