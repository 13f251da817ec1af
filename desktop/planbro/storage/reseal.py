"""Re-sealing every file of a data folder with its current data key, one file at a time.

┌──────────────────────────────────────────────────────────────────────────┐
│ One pass for a migration from plaintext and for a new data key           │
│                                                                          │
│ Both start from a folder whose files open with the layout's codec -      │
│ plaintext or sealed with an older key while a migration runs (codec's    │
│ `migrating`), sealed with the current or a retiring key while a rotation │
│ runs - and end with every file sealed with the current key. Each file is │
│ replaced whole by write_atomic, so a crash (SIGKILL, power cut) leaves   │
│ every file either as it was or re-sealed, and both open with the same   │
│ codec: running the pass again finishes the work, skipping what is done.  │
│ A file's modification time is kept, as the backups' rotation reads it.  │
│                                                                          │
│ The index (index.json, index.journal) is only a cache of the case files  │
│ (index.py): it is removed and rebuilt sealed at the next opening,        │
│ instead of being re-sealed line by line. Temporary files of interrupted  │
│ writes are removed first: in a plaintext folder they hold plan data.    │
│ A file that does not open (damaged, or plaintext put in an encrypted     │
│ folder) is left as it is and counted: it was unreadable before, too.     │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from planbro.fileio.atomic import fsync_dir, write_atomic

from planbro.crypto.sealing import key_id_of

from planbro.storage import backups, folder, offline_files
from planbro.storage.casefile import ROLE as CASE_ROLE
from planbro.storage.errors import StoreCorrupt
from planbro.storage.migrations import ROLE as META_ROLE
from planbro.storage.paths import Layout

log = logging.getLogger(__name__)

# Files sealed as part of the data folder, besides case files and meta.json: each
# folder below the data folder that holds sealed files of its own, with their role
# (pending audit records and the like register here).
EXTRA_FOLDERS: dict[str, str] = {}


@dataclass
class Resealed:
    """What a pass did: files re-sealed, files already sealed with the current key,
    files left as they were because they do not open."""

    sealed: int = 0
    current: int = 0
    unreadable: list[Path] = field(default_factory=list)


def _role_of_name(layout: Layout, name: str) -> tuple[str, str] | None:
    """The role and plan id a file named after a data file (meta.json or a case file,
    possibly with a backup's or damaged copy's stamp inside) is sealed as."""
    stem = name.split(".", 1)[0]
    if stem == layout.meta.stem:
        return META_ROLE, ""
    plan_id = Layout.plan_id_of(f"{stem}.json")
    return (CASE_ROLE, plan_id) if plan_id else None


def targets(layout: Layout) -> list[tuple[Path, str, str]]:
    """Every sealed (or, before a migration, sealable) file of the data folder, with the
    role and plan id it is sealed as: backups first, then the damaged copies, then the
    case files and the team store's offline files, meta.json last."""
    found: list[tuple[Path, str, str]] = []
    for backup in backups.everything(layout):
        role = _role_of_name(layout, backup.name)
        if role is not None:
            found.append((backup, *role))
    if layout.damaged.is_dir():
        for copy in sorted(p for p in layout.damaged.iterdir() if p.is_file()):
            role = _role_of_name(layout, copy.name)
            if role is not None and not copy.name.endswith(folder.TEMP_SUFFIX):
                found.append((copy, *role))
    if layout.cases.is_dir():
        for case in sorted(layout.cases.iterdir()):
            plan_id = Layout.plan_id_of(case.name)
            if plan_id and case.is_file():
                found.append((case, CASE_ROLE, plan_id))
    for name, extra_role in EXTRA_FOLDERS.items():
        place = layout.root / name
        if place.is_dir():
            found += [(p, extra_role, "") for p in sorted(place.iterdir())
                      if p.is_file() and not p.name.startswith(".")]
    # The team store's saves waiting on this laptop for the server (postgres/queue.py).
    found += offline_files.sealed_files(layout.root)
    if layout.meta.is_file():
        found.append((layout.meta, META_ROLE, ""))
    return found


def temporary_files(layout: Layout) -> list[Path]:
    """Temporary files of writes a crash cut short, anywhere in the data folder's own
    folders (write_atomic's ".<name>.<random>.tmp", a backup copy's ".tmp")."""
    found = list(folder.leftovers(layout))
    places = [layout.cases, layout.damaged, layout.backups,
              *(layout.root / name for name in EXTRA_FOLDERS)]
    for place in places:
        if place.is_dir():
            found += [p for p in place.rglob("*" + folder.TEMP_SUFFIX) if p.is_file()]
    return found


def reseal_file(layout: Layout, path: Path, role: str, plan_id: str) -> str:
    """Re-seal one file with the codec's current key: "sealed", "current" (nothing to do)
    or "unreadable" (left as it is)."""
    codec = layout.codec
    assert codec.keys is not None, "re-sealing needs the folder's keys"
    stat = os.stat(path)
    raw = path.read_bytes()
    if key_id_of(raw) == codec.keys.current.key_id:
        return "current"
    if not raw.strip():
        return "unreadable"
    try:
        plain = codec.open(role, plan_id, raw, path)
    except StoreCorrupt as error:
        log.warning("not re-sealed, it does not open: %s", error.path.name)
        return "unreadable"
    write_atomic(path, codec.seal(role, plan_id, plain))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return "sealed"


def reseal_all(layout: Layout) -> Resealed:
    """Seal every file of the data folder with the current key of `layout.codec`, drop the
    index (rebuilt at the next opening) and the temporary files of interrupted writes.
    Runs as the folder's writer. Raises OSError (a full disk: run it again)."""
    folder.remove(temporary_files(layout))
    done = Resealed()
    for path, role, plan_id in targets(layout):
        outcome = reseal_file(layout, path, role, plan_id)
        if outcome == "sealed":
            done.sealed += 1
        elif outcome == "current":
            done.current += 1
        else:
            done.unreadable.append(path)
    for stale in (layout.index, layout.journal):
        stale.unlink(missing_ok=True)
    fsync_dir(layout.root)
    return done
