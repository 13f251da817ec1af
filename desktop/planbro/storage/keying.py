"""Turning encryption on for a data folder: its key file is made under the writer's lock.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why only a folder without plans, for now                                 │
│                                                                          │
│ Once keys.json exists, the store reads only sealed files (codec.py), so  │
│ a folder's plaintext files would all be refused as damaged. A folder     │
│ without plans holds only meta.json, its backups and the index, which     │
│ say nothing the store cannot make again: they are removed and the key    │
│ file made, and the next opening writes them sealed. A crash in between   │
│ leaves a new, empty plaintext folder or a new, empty encrypted one. A    │
│ folder holding plans (case files, their backups, damaged copies) needs   │
│ a migration that re-seals each file crash-safely; until it exists, it    │
│ is refused and nothing is changed. The audit log stays plaintext by      │
│ design (README, Databeskyttelse).                                        │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from planbro.fileio.atomic import fsync_dir
from planbro.translation import _

from planbro.storage import folder
from planbro.storage.errors import StoreError
from planbro.storage.lock import WriterLock
from planbro.storage.paths import Layout

# What make_keys returns: whatever the key file's maker returns.
T = TypeVar("T")


def _plan_files(layout: Layout) -> list[Path]:
    """Files that hold plan data: case files, their backups, damaged copies."""
    found: list[Path] = []
    for place in (layout.cases, layout.backups / layout.cases.name, layout.damaged):
        if place.is_dir():
            found += [p for p in place.rglob("*") if p.is_file()]
    return found


def make_keys(data_dir: Path, make: Callable[[], T]) -> T:
    """Run `make` (which writes the key file) as the writer of the data folder without
    plans `data_dir`, after removing its plaintext meta.json, meta backups and index.

    StoreError (nothing changed) when the folder holds plans, or StoreLocked when
    Planbro is open on it."""
    layout = Layout(data_dir)
    folder.check_layout(layout)
    lock = WriterLock(layout.lock, layout.root)
    try:
        if _plan_files(layout):
            raise StoreError(_("The data folder {folder} already holds plans, and moving "
                               "plans into an encrypted folder (migration) is not available "
                               "yet. Nothing was changed.").format(folder=data_dir))
        meta_backups = (sorted(layout.backups.glob(f"{layout.meta.stem}.*{layout.meta.suffix}"))
                        if layout.backups.is_dir() else [])
        plain = [layout.meta, layout.index, layout.journal, *meta_backups,
                 *folder.leftovers(layout)]
        for path in plain:
            path.unlink(missing_ok=True)
        if any(p.parent == layout.backups for p in meta_backups):
            fsync_dir(layout.backups)
        fsync_dir(layout.root)
        return make()
    finally:
        lock.release()
