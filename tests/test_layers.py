"""Everything below the UI imports nothing from Qt (checked in a fresh interpreter)."""

import subprocess
import sys

# Modules that must stay importable on a machine without a screen or Qt.
QT_FREE = [
    "planbro.model", "planbro.exchange", "planbro.storage", "planbro.quality",
    "planbro.documents", "planbro.cli", "planbro.settings", "planbro.formdefs",
    "planbro.followup", "planbro.audit",
]


def test_core_modules_import_no_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        f"for name in {QT_FREE!r}:\n"
        "    module = importlib.import_module(name)\n"
        "    for info in pkgutil.walk_packages(getattr(module, '__path__', []), name + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "qt = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(qt)\n"
        "sys.exit(1 if qt else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
