"""The house's arrows: layers point one way, no package cycles, nothing below the UI imports Qt.

The layers and the reading of the graph are in tests/import_graph.py.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import import_graph as graph

# Modules that must stay importable on a machine without a screen or Qt.
QT_FREE = [
    "planbro.model", "planbro.exchange", "planbro.storage", "planbro.quality",
    "planbro.documents", "planbro.cli", "planbro.settings", "planbro.formdefs",
    "planbro.audit", "planbro.actions", "planbro.fileio", "planbro.translation",
    "planbro.overview",
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


def test_no_module_below_the_ui_names_qt_even_inside_a_function():
    import ast

    offenders = []
    for path in sorted(graph.PACKAGE_DIR.rglob("*.py")):
        module = graph.module_name(path)
        if module.startswith("planbro.ui"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{module}:{node.lineno} {n}" for n in names
                          if n.split(".")[0] in ("PySide6", "shiboken6")]
    assert offenders == []


def test_every_module_belongs_to_a_layer():
    unplaced = [graph.module_name(p) for p in graph.PACKAGE_DIR.rglob("*.py")
                if not graph.unit_of(graph.module_name(p))]
    assert unplaced == [], "add them to LAYERS in tests/import_graph.py"


def test_no_import_goes_up_a_layer_or_sideways():
    assert graph.layer_violations(graph.package_arrows()) == []


def test_no_cycle_between_packages_counting_imports_inside_functions():
    assert graph.package_cycles(graph.package_arrows(), graph.packages_in()) == []


# -- the checker itself, on a small invented package ---------------------------

def _package(root: Path, files: dict[str, str]) -> Path:
    package = root / "planbro"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    for folder in [package, *[p for p in package.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return package


def test_the_checker_reports_an_arrow_up_even_inside_a_function(tmp_path):
    package = _package(tmp_path, {
        "model/plan.py": """
            def late():
                from planbro.ui.caseload import Window
                return Window
        """,
        "ui/caseload.py": "from planbro.model.plan import late\n",
    })
    arrows = graph.package_arrows(package)
    problems = graph.layer_violations(arrows)
    assert problems == ["planbro.model.plan:3 imports planbro.ui.caseload.Window: up from model to front"]


def test_the_checker_reports_sideways_arrows_and_relative_imports(tmp_path):
    package = _package(tmp_path, {
        "storage/store.py": "from ..quality import check\n",
        "quality/check.py": "from planbro.model import plan\n",
        "model/plan.py": "",
    })
    problems = graph.layer_violations(graph.package_arrows(package))
    assert problems == ["planbro.storage.store:1 imports planbro.quality.check: sideways within core"]


def test_the_checker_reports_a_package_cycle(tmp_path):
    package = _package(tmp_path, {
        "ui/caseload.py": "from planbro.ui.wizard.pages import Page\n",
        "ui/wizard/pages.py": "def f():\n    from planbro.ui import caseload\n",
    })
    cycles = graph.package_cycles(graph.package_arrows(package), graph.packages_in(package))
    assert cycles == [["planbro.ui", "planbro.ui.wizard"]]
