"""`planbro revise` in a script: no question waits for input, the new draft says what
it replaces, and `list` shows the signed version under it (#9.8)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planbro.cli import main

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")

EXAMPLE = Path(__file__).resolve().parents[2] / "forms" / "example-plan.json"
EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def _planbro(env, *args):
    # No terminal and no input: a question would wait here until the timeout.
    return subprocess.run([sys.executable, "-m", "planbro", *args], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def test_revise_in_a_script_does_not_wait_and_says_what_it_replaces(tmp_path):
    env = {**os.environ, "PLANBRO_DATA_DIR": str(tmp_path / "data")}
    assert _planbro(env, "import", str(EXAMPLE)).returncode == 0
    assert _planbro(env, "sign", EXAMPLE_ID, "--date", "20-11-2026").returncode == 0
    done = _planbro(env, "revise", EXAMPLE_ID[:8])
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Jonas Mikkelsen Østergaard: version 2 er kladde",
        "Erstatter den underskrevne version 1 af 20. nov. 2026."]
    shown = json.loads(_planbro(env, "show", EXAMPLE_ID, "--json").stdout)
    assert shown["replaces"] == {"version": 1, "signed": "2026-11-20"}
    assert shown["signatures"]["place"] == "Forsorgshjemmet Skovbrynet"


def test_list_shows_the_signed_version_under_a_draft(example_path, capsys):
    main(["import", str(example_path)])
    main(["sign", EXAMPLE_ID, "--date", "20-11-2026"])
    main(["revise", EXAMPLE_ID])
    capsys.readouterr()
    assert main(["list"]) == 0
    assert "kladde · v1 underskrevet" in capsys.readouterr().out
    assert main(["list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["status"], row["version"], row["signed_version"]) == ("draft", 2, 1)
    assert main(["show", EXAMPLE_ID]) == 0
    assert "kladde (erstatter den underskrevne version 1 af 20. nov. 2026)" in capsys.readouterr().out
