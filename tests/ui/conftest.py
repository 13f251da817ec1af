"""Qt tests run without a screen; pytest-qt's qapp gives one QApplication."""

import os

# Before any Qt import: no display in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _private_folders(tmp_path, monkeypatch):
    # No UI test may read or write the real user's settings or plans.
    monkeypatch.setenv("PLANBRO_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("PLANBRO_DATA_DIR", str(tmp_path / "data"))
