"""The frozen program: installer/planbro.spec builds, and every command runs from the build.

PyInstaller builds on Linux as on Windows, so CI builds the same spec here (once per session,
about a minute) and runs the frozen `planbro` command: its version, its help and every
sub-command's help (taken from the parser, so a new command is covered without touching this
file), then import, list and render on the example plan. A module that is only imported lazily,
or a data file that is not bundled, fails here rather than on a caseworker's Windows machine.
What cannot run here, the Inno Setup step, is described in installer/README.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from planbro.cli import build_parser

from planbro import __version__

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "installer" / "planbro.spec"
EXAMPLE = ROOT / "forms" / "example-plan.json"


def _sub_commands() -> list[str]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(sub.choices)


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    """dist/Planbro/ built from the spec, in a temporary folder outside the checkout."""
    assert importlib.util.find_spec("PyInstaller"), "PyInstaller is missing: pip install -e '.[test]'"
    work = tmp_path_factory.mktemp("frozen")
    # PyInstaller does not follow setuptools' editable-install finder (the data folders beside
    # desktop/ are mapped into planbro only by it), so Planbro is installed as a user gets it,
    # non-editable, into a folder of its own that comes first on the path while building.
    site = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(site), str(ROOT)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site), "PYINSTALLER_CONFIG_DIR": str(work / "config")}
    result = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                             "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
                             str(SPEC)], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"PyInstaller failed:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}"
    return work / "dist" / "Planbro"


@pytest.fixture
def frozen(build, tmp_path):
    """Runs the frozen command line with a private data folder; returns the finished process."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env.update(QT_QPA_PLATFORM="offscreen", PLANBRO_DATA_DIR=str(tmp_path / "data"),
               PLANBRO_CONFIG_DIR=str(tmp_path / "config"))

    def run(*args: str, program: str = "planbro-cli") -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(build / program), *args], cwd=tmp_path, env=env,
                                capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert result.returncode == 0, f"{program} {' '.join(args)}: exit {result.returncode}\n{result.stderr}"
        return result

    return run


@pytest.mark.parametrize("program", ["planbro-cli", "Planbro"])
def test_version(frozen, program):
    # Planbro (the windowed app on Windows) is the same program; only its console differs.
    assert frozen("--version", program=program).stdout.strip() == f"Planbro {__version__}"


def test_help_lists_every_command_in_both_languages(frozen):
    danish, english = frozen("--help").stdout, frozen("--lang", "en", "--help").stdout
    for name in _sub_commands():
        assert re.search(rf"^\s+{re.escape(name)}\b", danish, re.MULTILINE), name
    # The Danish catalog is bundled: the two helps differ.
    assert danish != english


@pytest.mark.parametrize("command", _sub_commands())
def test_every_sub_command_has_help(frozen, command):
    # Building the help imports the command's module and everything it imports up front.
    assert f"planbro {command}" in frozen(command, "--help").stdout


def test_import_list_render_the_example_plan(frozen, tmp_path):
    data = ["--data-dir", str(tmp_path / "plans")]
    frozen(*data, "import", str(EXAMPLE))
    (plan,) = json.loads(frozen(*data, "list", "--json").stdout)
    docx, pdf = tmp_path / "plan.docx", tmp_path / "plan.pdf"
    frozen(*data, "render", plan["id"], "--docx", str(docx), "--pdf", str(pdf))

    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert plan["name"].split()[0] in document
    assert pdf.read_bytes().startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf.read_bytes())).pages)
    assert plan["name"].split()[0] in text


def test_the_frozen_command_works_on_the_team_store(frozen, pg_server, pg_database, tmp_path):
    """The team store's SQL files and psycopg's libpq are bundled: the schema is made and the
    plan stored on a real server (issue 14)."""
    store = ["--store", pg_server.url(pg_database)]
    frozen(*store, "import", str(EXAMPLE))
    (plan,) = json.loads(frozen(*store, "list", "--json").stdout)
    import psycopg

    with psycopg.connect(pg_server.dsn(pg_database)) as connection:
        assert connection.execute("SELECT id FROM planbro.plans").fetchall() == [(plan["id"],)]
        versions = connection.execute("SELECT max(version) FROM planbro.schema_version").fetchone()
    from planbro.storage.postgres import schema

    assert versions == (schema.latest(),)


def test_installer_takes_the_version_from_the_build():
    # The version is written once, in planbro/__init__.py; the .iss file refuses to build without it.
    iss = (ROOT / "installer" / "planbro.iss").read_text(encoding="utf-8")
    assert not re.search(r'^#define\s+AppVersion', iss, re.MULTILINE)
    assert re.search(r"^#ifndef AppVersion\s*\n\s*#error", iss, re.MULTILINE)
    assert "/DAppVersion=" in (ROOT / "installer" / "README.md").read_text(encoding="utf-8")
