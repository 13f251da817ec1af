"""At 125 % and 150 % display scaling every step still fits: nothing clipped,
no sideways scrolling, the buttons inside the window (a real X server, Xvfb)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# The child that walks the steps under the scale factor.
CHILD = Path(__file__).with_name("wizard_scaled.py")


@pytest.fixture(scope="module")
def display():
    """A private Xvfb display at a common laptop resolution."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24",
                               "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.parametrize("scale", ["1.25", "1.5"])
def test_every_step_fits_when_scaled(display, scale, tmp_path, example_path):
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_SCALE_FACTOR=scale)
    result = subprocess.run([sys.executable, str(CHILD), str(tmp_path / "store"), str(example_path)],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["scale"] == float(scale)
    assert len(report["pages"]) == 9
    assert report["pages"] == {title: [] for title in report["pages"]}
