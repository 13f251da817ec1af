"""The wheel holds every package and the data folders (forms, templates, catalogs)."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_sub_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT / "desktop").parts)
             for p in (ROOT / "desktop" / "planbro").rglob("__init__.py")}
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"


def test_wheel_ships_the_data_folders(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    (wheel,) = tmp_path.glob("planbro-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ["planbro/__init__.py", "planbro/cli/__init__.py",
                     "planbro/forms/example-plan.json", "planbro/forms/planbro-plan-1.schema.json",
                     "planbro/i18n/da/LC_MESSAGES/planbro.mo"]:
        assert expected in names
