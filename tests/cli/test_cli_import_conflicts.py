"""`planbro import` of an older export, or another citizen's plan, under a stored id (#10):
refused with exit 2 naming both plans (never a CPR number); --replace imports it and says
which backup keeps the stored plan; an identical file changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "forms" / "example-plan.json"
EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


def _planbro(env, *args):
    return subprocess.run([sys.executable, "-m", "planbro", *args], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)


def test_another_citizens_plan_under_a_stored_id_is_refused_until_replace(tmp_path):
    env = {**os.environ, "PLANBRO_DATA_DIR": str(tmp_path / "data")}
    assert _planbro(env, "import", str(EXAMPLE)).returncode == 0
    stored_name = json.loads(EXAMPLE.read_text(encoding="utf-8"))["citizen"]["name"]

    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["citizen"].update(name="Karl Madsen", cpr="010101-1234")
    data["updated"] = "2026-11-01T08:00:00Z"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data), encoding="utf-8")

    refused = _planbro(env, "import", str(other))
    assert refused.returncode == 2
    assert "en anden borger" in refused.stderr and EXAMPLE_ID in refused.stderr
    assert "--replace" in refused.stderr and "Traceback" not in refused.stderr
    output = refused.stdout + refused.stderr
    assert "010101" not in output and "120379" not in output
    shown = json.loads(_planbro(env, "show", EXAMPLE_ID, "--json").stdout)
    assert shown["citizen"]["name"] == stored_name

    replaced = _planbro(env, "import", "--replace", str(other))
    assert replaced.returncode == 0, replaced.stderr
    assert json.loads(_planbro(env, "show", EXAMPLE_ID, "--json").stdout)[
        "citizen"]["name"] == "Karl Madsen"
    backup = Path(replaced.stdout.split("sikkerhedskopien ")[1].strip().rstrip("."))
    assert backup.name.startswith(EXAMPLE_ID)
    # The replaced plan is in the backup `planbro restore` puts back.
    assert stored_name in backup.read_text(encoding="utf-8")


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    env = {**os.environ, "PLANBRO_DATA_DIR": str(tmp_path / "data")}
    assert _planbro(env, "import", str(EXAMPLE)).returncode == 0
    data = tmp_path / "data"
    before = {path: path.stat().st_mtime_ns for path in data.rglob("*")
              if path.is_file() and "audit" not in path.parts}
    again = _planbro(env, "import", str(EXAMPLE))
    assert again.returncode == 0
    assert "allerede gemt, som den er" in again.stdout
    after = {path: path.stat().st_mtime_ns for path in data.rglob("*")
             if path.is_file() and "audit" not in path.parts}
    # Neither the case file nor a backup was written.
    assert {p: t for p, t in after.items() if not p.name.endswith(".lock")} == {
        p: t for p, t in before.items() if not p.name.endswith(".lock")}
