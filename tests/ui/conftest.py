"""Qt tests run without a screen; pytest-qt's qapp gives one QApplication.

The private data and config folders per test come from tests/conftest.py.
"""

import os

# Before any Qt import: no display in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
