"""The data folder's own shape: what must be a folder or a file, and what a crash left behind.

Opening the store checks the few names Planbro relies on before touching
any of them, so a `cases` that is a file, or a `meta.json` that is a
folder, is named in a message instead of surfacing as an OS error deep in a
read or a save. Nothing here changes a file the user might still need:
only temporary files of writes that a crash cut short are removed, and
only by the writer, whose lock keeps every other writer out.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planbro.fileio.private import tighten_dir
from planbro.translation import _

from planbro.storage.errors import StoreError
from planbro.storage.paths import Layout

# The audit log's folder (planbro.audit.FOLDER; the store stands beside the
# audit package and cannot import it). Made private here; what happens when
# it cannot be written is the audit log's own policy, so it is not checked.
AUDIT_FOLDER = "audit"
# The suffix atomic.write_atomic gives its temporary files (".<name>.<random>.tmp").
TEMP_SUFFIX = ".tmp"


def _folders(layout: Layout) -> list[Path]:
    return [layout.cases, layout.backups, layout.backups / layout.cases.name, layout.damaged]


def _files(layout: Layout) -> list[Path]:
    return [layout.meta, layout.index, layout.journal, layout.lock]


def check_layout(layout: Layout) -> None:
    """StoreError naming the first of Planbro's names in the data folder that has the wrong kind."""
    for folder in _folders(layout):
        kind = _kind(folder)
        if kind is not None and kind != "folder":
            raise StoreError(_("{path} should be a folder, but it is a file. Planbro has not "
                               "changed it: move the file elsewhere (or ask your IT support) and "
                               "start Planbro again.").format(path=folder))
    for path in _files(layout):
        kind = _kind(path)
        if kind is not None and kind != "file":
            raise StoreError(_("{path} should be a file, but it is a folder or something else. "
                               "Planbro has not changed it: move it elsewhere (or ask your IT "
                               "support) and start Planbro again.").format(path=path))


def _kind(path: Path) -> str | None:
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        # A parent is a file; that parent is reported in its own turn.
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def leftovers(layout: Layout) -> list[Path]:
    """Temporary files of interrupted writes of the data folder's own files (meta.json,
    index.json, index.journal); those in cases/ are found by the index's listing."""
    prefixes = tuple(f".{path.name}." for path in _files(layout))
    try:
        with os.scandir(layout.root) as entries:
            return [Path(e.path) for e in entries
                    if e.name.startswith(prefixes) and e.name.endswith(TEMP_SUFFIX)
                    and e.is_file(follow_symlinks=False)]
    except FileNotFoundError:
        return []


def remove(paths: list[Path]) -> None:
    """Remove leftover temporary files (they may hold names and birth dates)."""
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except IsADirectoryError:
            continue


def make_private(layout: Layout) -> None:
    """Take group and other access away from the folders below the data folder that
    Planbro made (an older Planbro made them 0o755)."""
    for folder in (*_folders(layout), layout.root / AUDIT_FOLDER):
        if not folder.is_dir():
            continue
        try:
            tighten_dir(folder)
        except OSError:
            # Not ours to change (another owner): the data folder's own mode still guards it.
            continue
