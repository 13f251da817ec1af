"""Planbro's import graph, read from the source with ast (imports inside functions too).

Used by tests/test_layers.py; no Planbro module is imported to build it, so
an import that only happens at run time (a lazy import in a function) is an
arrow like any other.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# The package's name.
ROOT = "planbro"
# The package's source folder.
PACKAGE_DIR = Path(__file__).resolve().parent.parent / "desktop" / "planbro"

# ----------------------------------------------------------------------------
# The layers, bottom first. A module may import from its own unit and from
# units of lower layers only: never up, never sideways to another unit of
# its own layer. A unit is a module or package prefix; the longest prefix
# that matches names a module's unit.
# ----------------------------------------------------------------------------
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("planbro", "planbro.translation")),
    # Files are written in the user's language: a failed write is told in it (fileio.failures).
    ("files", ("planbro.fileio",)),
    # Sealed files and their keys: on fileio (the key file is written whole), under every
    # layer that writes plan data.
    ("crypto", ("planbro.crypto",)),
    ("model", ("planbro.model",)),
    ("core", ("planbro.exchange", "planbro.formdefs", "planbro.settings", "planbro.storage",
              "planbro.documents", "planbro.quality", "planbro.audit")),
    # The team leader's overview: figures from the store's summaries and the quality check,
    # and its workbook and report; on the core, under the use cases.
    ("overview", ("planbro.overview",)),
    ("actions", ("planbro.actions",)),
    ("front", ("planbro.ui", "planbro.cli")),
    ("entry", ("planbro.__main__",)),
)

# Arrows the layers would forbid but that are the design: the command
# starts the desktop app (`planbro` without arguments) by importing it,
# lazily, only then.
ALLOWED: frozenset[tuple[str, str]] = frozenset({("planbro.cli", "planbro.ui.app")})


@dataclass(frozen=True)
class Arrow:
    """One import: `source` (a module) imports `target` (a module or a name in one)."""

    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source}:{self.line} imports {self.target}"


def module_name(path: Path, root: Path = PACKAGE_DIR) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    if not level:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def arrows_of(path: Path, root: Path = PACKAGE_DIR) -> list[Arrow]:
    """Every import of Planbro code in one file, wherever in the file it stands."""
    module = module_name(path, root)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [Arrow(module, alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, is_package, node.level, node.module)
            # "from planbro.storage import atomic" may name a module: keep the name.
            found += [Arrow(module, f"{target}.{alias.name}", node.lineno) for alias in node.names]
    return [a for a in found if a.target == "planbro" or a.target.startswith("planbro.")]


def package_arrows(root: Path = PACKAGE_DIR) -> list[Arrow]:
    return [arrow for path in sorted(root.rglob("*.py")) for arrow in arrows_of(path, root)]


def unit_of(name: str) -> str:
    """The unit (see LAYERS) holding module or name `name`."""
    best = ""
    for _layer, units in LAYERS:
        for unit in units:
            inside = name.startswith(unit + ".")
            if unit == ROOT:
                # The root package's own module (its __init__: __version__) only.
                inside = inside and name[len(unit) + 1:].startswith("__")
            if (name == unit or inside) and len(unit) > len(best):
                best = unit
    return best


def layer_of(unit: str) -> int:
    for index, (_layer, units) in enumerate(LAYERS):
        if unit in units:
            return index
    raise KeyError(unit)


def _allowed(arrow: Arrow) -> bool:
    return any((arrow.source == s or arrow.source.startswith(s + ".")) and
               (arrow.target == t or arrow.target.startswith(t + ".")) for s, t in ALLOWED)


def layer_violations(arrows: Iterable[Arrow]) -> list[str]:
    """Arrows that go up a layer or sideways across units of one layer."""
    problems = []
    for arrow in arrows:
        source, target = unit_of(arrow.source), unit_of(arrow.target)
        if not source:
            problems.append(f"{arrow.source} belongs to no layer: add it to LAYERS")
            continue
        if source == target or _allowed(arrow):
            continue
        if not target:
            problems.append(f"{arrow}: {arrow.target} belongs to no layer")
        elif layer_of(target) > layer_of(source):
            problems.append(f"{arrow}: up from {LAYERS[layer_of(source)][0]} to {LAYERS[layer_of(target)][0]}")
        elif layer_of(target) == layer_of(source):
            problems.append(f"{arrow}: sideways within {LAYERS[layer_of(source)][0]}")
    return problems


def package_of(name: str, packages: set[str]) -> str:
    """The deepest node of `packages` that holds module or name `name`.

    The root package is only itself: planbro.audit is a node of its own.
    """
    parts = name.split(".")
    for end in range(len(parts), 1, -1):
        candidate = ".".join(parts[:end])
        if candidate in packages:
            return candidate
    return parts[0]


def package_cycles(arrows: Iterable[Arrow], packages: set[str]) -> list[list[str]]:
    """Cycles between packages (strongly connected groups of two or more)."""
    graph: dict[str, set[str]] = {p: set() for p in packages}
    for arrow in arrows:
        source, target = package_of(arrow.source, packages), package_of(arrow.target, packages)
        # A package's __init__ re-exporting from inside it is not a cycle.
        if source != target and not (arrow.source == source and target.startswith(source + ".")):
            graph.setdefault(source, set()).add(target)
    # Tarjan's algorithm.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def packages_in(root: Path = PACKAGE_DIR) -> set[str]:
    """The nodes of the package graph: every sub-package, and each module at the top."""
    nodes = {module_name(p, root) for p in root.rglob("__init__.py")}
    return nodes | {module_name(p, root) for p in root.glob("*.py")}
