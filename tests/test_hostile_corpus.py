"""The hostile corpus (#10): every file in tests/hostile/ goes through `planbro import` as a
real process, in a fresh data folder, and does what tests/hostile/expected.json says —
refused with exit 2 naming the field, or stored exactly as documented — never a
traceback, never a CPR number of the file on the terminal, nothing stored when refused.
A few inputs too large or too strange to keep as files are made here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from planbro.model.limits import MAX_PLAN_FILE_BYTES

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = json.loads((HOSTILE / "expected.json").read_text(encoding="utf-8"))["files"]
# Files in tests/hostile/ that are not hostile inputs.
NOT_INPUTS = {"expected.json", "README.md"}
# A CPR-looking number in any script's digits.
CPR_LIKE = re.compile(r"\d{6}-?\d{4}")


def planbro(data: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANBRO_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "planbro", *args], env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)


def cpr_numbers(raw: bytes) -> set[str]:
    """Every CPR-looking number in a file, as written and in ASCII digits."""
    found: set[str] = set()
    for encoding in ("utf-8-sig", "utf-16", "utf-32", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        for number in CPR_LIKE.findall(text):
            ascii_digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number)
            found |= {number, ascii_digits, ascii_digits.replace("-", "")}
    return found


def stored_cases(data: Path) -> list[Path]:
    cases = data / "cases"
    return sorted(cases.iterdir()) if cases.is_dir() else []


def value_at(shown: dict, dotted: str):
    value = shown
    for key in dotted.split("."):
        value = value[key]
    return value


def assert_refused(done: subprocess.CompletedProcess, data: Path, *, field: str | None = None,
                   message: str | None = None, raw: bytes = b"") -> None:
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output and "Error:" not in output, output
    if field is not None:
        assert f"{field}:" in done.stderr, done.stderr
    if message is not None:
        assert message in done.stderr, done.stderr
    for number in cpr_numbers(raw):
        assert number not in output, f"{number} echoed: {output}"
    assert stored_cases(data) == []


def test_every_file_in_the_corpus_is_in_the_manifest():
    inputs = {path.name for path in HOSTILE.iterdir()} - NOT_INPUTS
    assert inputs == set(MANIFEST)
    for name, expected in MANIFEST.items():
        assert expected["outcome"] in ("refused", "accepted"), name
        assert ("field" in expected or "message" in expected or expected["outcome"] == "accepted")


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_corpus_file(name, tmp_path):
    expected = MANIFEST[name]
    path = HOSTILE / name
    data = tmp_path / "data"
    done = planbro(data, "import", str(path))
    if expected["outcome"] == "refused":
        assert_refused(done, data, field=expected.get("field"), message=expected.get("message"),
                       raw=path.read_bytes())
        return
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    [summary] = json.loads(planbro(data, "list", "--json").stdout)
    shown = json.loads(planbro(data, "show", summary["id"], "--json").stdout)
    for dotted, value in expected.get("stored", {}).items():
        assert value_at(shown, dotted) == value, dotted


def test_nesting_100000_levels_deep_is_refused_naming_the_field(tmp_path):
    path = tmp_path / "deep-nesting-100000-levels.json"
    path.write_text('{"format": "planbro-plan/1", "citizen": {"name": "Eva Holm"}, "purpose": '
                    + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    assert_refused(planbro(tmp_path / "data", "import", str(path)), tmp_path / "data",
                   field="purpose[0][0]…", message="32 niveauer")


def test_a_file_over_the_size_limit_is_refused_stating_the_limit(tmp_path):
    path = tmp_path / "larger-than-5-mb.json"
    text = json.dumps({"format": "planbro-plan/1", "citizen": {"name": "Eva Holm"},
                       "purpose": "x" * MAX_PLAN_FILE_BYTES})
    path.write_text(text, encoding="utf-8")
    assert_refused(planbro(tmp_path / "data", "import", str(path)), tmp_path / "data",
                   field=str(path), message="5 MB")


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_pipe_a_device_or_a_folder_is_refused_without_reading_it(tmp_path, kind):
    if kind == "fifo":
        target = tmp_path / "plan.json"
        # No writer ever opens it: reading it would wait until the timeout.
        os.mkfifo(target)
    elif kind == "device":
        target = Path("/dev/zero")
    else:
        target = tmp_path / "plans.json"
        target.mkdir()
    assert_refused(planbro(tmp_path / "data", "import", str(target)), tmp_path / "data",
                   field=str(target))
