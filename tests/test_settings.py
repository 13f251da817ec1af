"""User settings: first start, round trip, atomic and forgiving reads."""

import json

from planbro.settings import UserSettings, load_settings, save_settings, settings_path


def test_first_start_has_no_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANBRO_CONFIG_DIR", str(tmp_path / "cfg"))
    assert load_settings() is None
    assert settings_path() == tmp_path / "cfg" / "settings.json"


def test_round_trip_keeps_every_field_and_danish_letters(tmp_path, monkeypatch):
    monkeypatch.setenv("PLANBRO_CONFIG_DIR", str(tmp_path / "cfg"))
    settings = UserSettings(
        caseworker_name="Søren Ærø", caseworker_unit="Socialcenter Nord",
        caseworker_phone="33 66 12 34", caseworker_email="soeren@kommune.dk",
        municipality_name="Ålborg Kommune", municipality_address="Boulevarden 13, 9000 Aalborg",
        municipality_logo=str(tmp_path / "logo.png"), language="en", data_dir=str(tmp_path / "d"))
    written = save_settings(settings)
    assert written == tmp_path / "cfg" / "settings.json"
    assert load_settings() == settings
    assert "Søren Ærø" in written.read_text(encoding="utf-8")


def test_explicit_path_and_no_temp_files_left(tmp_path):
    path = tmp_path / "x" / "s.json"
    save_settings(UserSettings(caseworker_name="A"), path)
    save_settings(UserSettings(caseworker_name="B"), path)
    assert load_settings(path).caseworker_name == "B"
    assert [p.name for p in path.parent.iterdir()] == ["s.json"]


def test_damaged_or_foreign_file_is_a_first_start(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{ not json", encoding="utf-8")
    assert load_settings(path) is None
    path.write_text("[1, 2]", encoding="utf-8")
    assert load_settings(path) is None


def test_unknown_keys_and_bad_values_are_ignored(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"caseworker_name": "Ida", "future_key": 1,
                                "caseworker_unit": 42, "language": "fr"}), encoding="utf-8")
    settings = load_settings(path)
    assert settings.caseworker_name == "Ida"
    assert settings.caseworker_unit == ""
    assert settings.language == "da"


def test_the_last_folder_is_kept_and_an_older_file_without_it_still_loads(tmp_path):
    path = tmp_path / "s.json"
    # A settings file written before Planbro remembered folders.
    path.write_text(json.dumps({"caseworker_name": "Ida", "language": "da", "data_dir": ""}),
                    encoding="utf-8")
    settings = load_settings(path)
    assert settings.caseworker_name == "Ida" and settings.last_folder == ""
    settings.last_folder = str(tmp_path / "Sager")
    save_settings(settings, path)
    assert load_settings(path).last_folder == str(tmp_path / "Sager")
