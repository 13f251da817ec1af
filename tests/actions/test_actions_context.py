"""The app and the command read the same Indstillinger: data folder, municipality, logo (#9.3)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest
from pypdf import PdfReader

from planbro.settings import UserSettings, load_settings, save_settings

from planbro.actions.context import LOGO_FOLDER, data_folder, municipality, save_user_settings

AARHUS = dict(municipality_name="Aarhus Kommune", municipality_address="Rådhuspladsen 2, 8000 Aarhus C")


@pytest.fixture
def logo(tmp_path) -> Path:
    source = resources.files("planbro.templates") / "logo.png"
    path = tmp_path / "Skrivebord" / "aarhus-logo.PNG"
    path.parent.mkdir()
    path.write_bytes(source.read_bytes())
    return path


def test_the_data_folder_is_the_flag_then_indstillinger_then_the_environment(tmp_path):
    chosen = UserSettings(data_dir=str(tmp_path / "fra-indstillinger"))
    assert data_folder(str(tmp_path / "flag"), chosen) == tmp_path / "flag"
    assert data_folder(None, chosen) == tmp_path / "fra-indstillinger"
    assert data_folder(None, UserSettings()) == Path(os.environ["PLANBRO_DATA_DIR"])
    assert data_folder(None, None) == Path(os.environ["PLANBRO_DATA_DIR"])


def test_the_municipality_is_indstillinger_s_unless_a_file_overrides_it(tmp_path):
    assert municipality(UserSettings(**AARHUS)).name == "Aarhus Kommune"
    assert municipality(None).name == municipality(UserSettings()).name
    override = tmp_path / "kommune.toml"
    override.write_text('name = "Odense Kommune"\n', encoding="utf-8")
    assert municipality(UserSettings(**AARHUS), override).name == "Odense Kommune"


def test_saving_indstillinger_copies_the_logo_into_the_data_folder(logo, tmp_path):
    folder = data_folder()
    saved = save_user_settings(UserSettings(**AARHUS, municipality_logo=str(logo)), folder)
    kept = Path(saved.municipality_logo)
    assert kept.parent == folder / LOGO_FOLDER
    assert kept.suffix == ".png" and kept.read_bytes() == logo.read_bytes()
    assert load_settings() == saved
    # Moving the original loses nothing: the documents still get the logo.
    shutil.move(logo, tmp_path / "flyttet.png")
    assert municipality(load_settings()).logo == kept.read_bytes()
    # Saving again keeps the same copy.
    assert save_user_settings(saved, folder).municipality_logo == str(kept)


def test_a_logo_that_cannot_be_read_saves_nothing(tmp_path):
    with pytest.raises(OSError):
        save_user_settings(UserSettings(**AARHUS, municipality_logo=str(tmp_path / "væk.png")),
                           data_folder())
    assert load_settings() is None


def test_planbro_render_prints_the_municipality_of_indstillinger(logo, tmp_path, example_path):
    save_user_settings(UserSettings(**AARHUS, municipality_logo=str(logo)), data_folder())
    logo.unlink()
    pdf = tmp_path / "plan.pdf"
    result = subprocess.run([sys.executable, "-m", "planbro", "render", str(example_path),
                             "--pdf", str(pdf)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Aarhus Kommune" in text and "Rådhuspladsen 2, 8000 Aarhus C" in text
    assert "Eksempel" not in text
    assert PdfReader(pdf).pages[0].images, "the logo kept in the data folder is on page 1"
    override = tmp_path / "kommune.toml"
    override.write_text('name = "Odense Kommune"\n', encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "planbro", "render", str(example_path),
                             "--pdf", str(pdf), "--municipality", str(override)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Odense Kommune" in PdfReader(pdf).pages[0].extract_text()


def test_the_command_opens_the_data_folder_of_indstillinger(tmp_path, example_path):
    folder = tmp_path / "teamets-mappe"
    save_settings(UserSettings(data_dir=str(folder)))
    env = dict(os.environ)
    result = subprocess.run([sys.executable, "-m", "planbro", "import", str(example_path)],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    assert list((folder / "cases").iterdir()), "the plan went to the folder Indstillinger names"
