"""`planbro … | head`: when the reader goes away, the command ends quietly (real processes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from planbro.cli import EXIT_PIPE_CLOSED

EXAMPLE = Path(__file__).resolve().parents[2] / "forms" / "example-plan.json"
EXAMPLE_ID = "3f2c9a6e-8b1d-4e7a-9c55-2d1f0b7a4e31"


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    env = {**os.environ, "PLANBRO_DATA_DIR": str(folder)}
    subprocess.run([sys.executable, "-m", "planbro", "import", str(EXAMPLE)], env=env,
                   check=True, capture_output=True)
    # A long audit log: far more than a pipe holds, so `audit` must write into a closed pipe.
    now = datetime.now(UTC)
    line = json.dumps({"at": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "user": "mekj", "host": "PC-0417",
                       "action": "view", "plan": EXAMPLE_ID, "version": 1, "via": "cli",
                       "detail": ""}, separators=(",", ":"))
    log = folder / "audit" / now.strftime("audit-%Y-%m.jsonl")
    with open(log, "a", encoding="utf-8") as handle:
        handle.write((line + "\n") * 5000)
    return folder


def _run_into_closed_pipe(data_dir: Path, *args: str) -> tuple[int, str]:
    env = {**os.environ, "PLANBRO_DATA_DIR": str(data_dir)}
    process = subprocess.Popen([sys.executable, "-m", "planbro", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Like `| head -0`: the reader is gone before the command prints.
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    return process.wait(timeout=60), stderr


@pytest.mark.parametrize("args", [("audit",), ("check", EXAMPLE_ID), ("list",),
                                  ("show", EXAMPLE_ID), ("audit", "--json")])
def test_a_closed_pipe_ends_the_command_quietly(data_dir, args):
    status, stderr = _run_into_closed_pipe(data_dir, *args)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert stderr == ""
    assert status == EXIT_PIPE_CLOSED


def test_reading_only_the_first_lines_like_head(data_dir):
    env = {**os.environ, "PLANBRO_DATA_DIR": str(data_dir)}
    process = subprocess.Popen([sys.executable, "-m", "planbro", "audit"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode("utf-8", "replace")
    assert process.wait(timeout=60) == EXIT_PIPE_CLOSED
    assert first.strip() and stderr == ""
