"""Rotating backups of data files, and restoring one over an unreadable file.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why backups are hard links taken just before a file is replaced          │
│                                                                          │
│ Every write replaces a data file with a new one (atomic.write_atomic),   │
│ so the old file is complete and never touched again. Just before the     │
│ replace, the old file gets a second name under backups/ (os.link): no    │
│ bytes are copied and nothing is fsynced, so a save costs a few metadata  │
│ operations more, whatever the size of the store. A later corruption of   │
│ the live file (a disk error, a sync tool, a virus scanner writing into   │
│ it) cannot reach the backups, which are different files on disk.         │
│                                                                          │
│ KEEP backups per file: ".1" is always the state before the last save;    │
│ older ones are only rotated when ".1" is more than SPACING old, so the   │
│ wizard's frequent saves do not push every older state out within a      │
│ minute. Where hard links are not supported (FAT, some network drives)    │
│ the old file is copied instead. A failed backup never blocks a save.     │
└──────────────────────────────────────────────────────────────────────────┘

┌──────────────────────────────────────────────────────────────────────────┐
│ Why a file written for the first time gets a copy at once                │
│                                                                          │
│ A plan saved once, and meta.json (written once, when the folder is       │
│ made), had no old version to keep, so no backup at all: one damaged      │
│ meta.json locked every plan out. So a new file is copied to ".1" right   │
│ after it is written (keep_first), and so is a meta.json found without    │
│ any backup. A copy, not a hard link: a link would be the live file       │
│ itself, and damage written into it would reach the "backup" too. It is   │
│ cheap: a plan is created once, and meta.json almost never changes. The   │
│ copy keeps the file's mtime, so the next save finds ".1" younger than    │
│ SPACING and puts its hard link of the same state there, instead of       │
│ keeping the same state twice.                                            │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from planbro.fileio.atomic import write_atomic
from planbro.fileio.private import make_private_dir
from planbro.translation import _

from planbro.model.dates import now_timestamp

from planbro.storage.errors import StoreCorrupt, StoreError
from planbro.storage.paths import Layout

log = logging.getLogger(__name__)

# Backups kept of each data file.
KEEP = 3
# A backup younger than this is replaced by the next one instead of rotated.
SPACING_NS = 60 * 1_000_000_000
# Ending of a copy being made; renamed to its real name only once it is whole.
PART_SUFFIX = ".tmp"

# A check that raises StoreCorrupt when the bytes are not a readable data file.
Check = Callable[[bytes, Path], object]


def slots(layout: Layout, path: Path) -> list[Path]:
    """The backup names of `path`, newest (".1") first."""
    rel = path.relative_to(layout.root)
    folder = layout.backups / rel.parent
    return [folder / f"{rel.stem}.{n}{rel.suffix}" for n in range(1, KEEP + 1)]


def original_of(layout: Layout, backup: Path) -> Path | None:
    """The data file a backup belongs to, or None if it is not one of ours."""
    try:
        rel = Path(backup).resolve().relative_to(layout.backups.resolve())
    except ValueError:
        return None
    stem, dot, number = rel.stem.rpartition(".")
    if not dot or not (number.isascii() and number.isdigit()) or not 1 <= int(number) <= KEEP:
        return None
    return layout.root / rel.parent / f"{stem}{rel.suffix}"


def keep_before_replace(layout: Layout, path: Path) -> bool:
    """Give the current `path` a backup name before it is replaced; False when there is none."""
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    names = slots(layout, path)
    try:
        try:
            newest = os.stat(names[0]).st_mtime_ns
        except FileNotFoundError:
            newest = None
        if newest is not None and current.st_mtime_ns - newest < SPACING_NS:
            os.unlink(names[0])
        else:
            for older, newer in zip(reversed(names[1:]), reversed(names[:-1])):
                if os.path.exists(newer):
                    os.replace(newer, older)
        _link_or_copy(path, names[0])
    except OSError as error:
        log.warning("no backup of %s: %s", path.name, error)
    return True


def finish_interrupted_restores(layout: Layout) -> list[Path]:
    """Put a replaced file that a crash left as ".<name>.restoring" (_set_aside) in its
    place as the newest backup, as the restore would have; the files it kept there.

    It may be the only copy of what was replaced, so it is kept, never removed."""
    kept = []
    for aside in sorted(layout.backups.rglob(".*.restoring")) if layout.backups.is_dir() else []:
        original = layout.root / aside.parent.relative_to(layout.backups) / aside.name[1:-10]
        names = slots(layout, original)
        try:
            for older, newer in zip(reversed(names[1:]), reversed(names[:-1])):
                if os.path.exists(newer):
                    os.replace(newer, older)
            os.replace(aside, names[0])
        except OSError as error:
            log.warning("interrupted restore of %s not finished: %s", original.name, error)
            continue
        kept.append(names[0])
    return kept


def keep_first(layout: Layout, path: Path) -> None:
    """Copy `path` to its first backup name when it has no backup yet (see the box above)."""
    first = slots(layout, path)[0]
    try:
        if first.exists() or not path.exists():
            return
        make_private_dir(first.parent)
        copy_whole(path, first)
    except OSError as error:
        log.warning("no backup of %s: %s", path.name, error)


def _set_aside(layout: Layout, path: Path) -> Path:
    """A second name for the readable `path` before a backup is restored over it."""
    aside = slots(layout, path)[0].with_name(f".{path.name}.restoring")
    aside.unlink(missing_ok=True)
    _link_or_copy(path, aside)
    return aside


def _keep_replaced(layout: Layout, path: Path, restored: Path, aside: Path) -> None:
    """After backup `restored` was put back over `path`: the replaced file (`aside`) becomes
    ".1", and the newer backups move down into the place of `restored` (its content is
    the live file now), so no other backup is pushed out."""
    names = slots(layout, path)
    upto = next((n for n, name in enumerate(names) if name.name == restored.name),
                len(names) - 1)
    for n in range(upto, 0, -1):
        if names[n - 1].exists():
            os.replace(names[n - 1], names[n])
    os.replace(aside, names[0])


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except FileNotFoundError:
        make_private_dir(target.parent)
        _link_or_copy(source, target)
    except OSError:
        copy_whole(source, target)


def copy_whole(source: Path, target: Path) -> None:
    """Copy `source` to `target` whole or not at all: a full disk leaves no half copy
    under the real name (it is made under a temporary one, removed on failure)."""
    part = target.with_name(f".{target.name}{PART_SUFFIX}")
    try:
        shutil.copy2(source, part)
        os.replace(part, target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def keep_damaged(layout: Layout, path: Path) -> Path:
    """Copy the unreadable `path` whole to damaged/ before it is replaced; the copy's path.
    OSError when it cannot be made (nothing is left behind then)."""
    make_private_dir(layout.damaged)
    stamp = now_timestamp().replace(":", "")
    target = layout.damaged / f"{path.stem}.{stamp}{path.suffix}"
    copy_whole(path, target)
    return target


def readable(layout: Layout, path: Path, check: Check) -> list[Path]:
    """The backups of `path` that `check` accepts, newest first."""
    found = []
    for backup in slots(layout, path):
        try:
            check(backup.read_bytes(), backup)
        except (OSError, StoreCorrupt):
            continue
        found.append(backup)
    return found


def everything(layout: Layout) -> list[Path]:
    """Every backup file in the data folder, newest first."""
    if not layout.backups.is_dir():
        return []
    found = [p for p in layout.backups.rglob("*") if p.is_file() and original_of(layout, p)]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def read_backup(layout: Layout, backup: Path, check: Check) -> tuple[Path, bytes]:
    """The data file `backup` belongs to and the backup's bytes, which `check` accepted."""
    backup = Path(backup)
    original = original_of(layout, backup)
    if original is None or not backup.is_file():
        raise StoreError(_("{path} is not a backup in the data folder {folder}.").format(
            path=backup, folder=layout.root))
    try:
        data = backup.read_bytes()
    except OSError as error:
        raise StoreCorrupt(backup, error.strerror or str(error)) from None
    check(data, backup)
    return original, data


def restore(layout: Layout, backup: Path, check: Check, *, over_readable: bool = False) -> Path:
    """Put `backup` back in place of its data file; return that file's path.

    The file being replaced is first copied to damaged/, so nothing the user
    had is ever lost, even an unreadable file; a readable one (`over_readable`, restored
    with the user's consent, restore.py) goes among the backups instead.
    """
    backup = Path(backup)
    original, data = read_backup(layout, backup, check)
    # A crash before the end leaves the replaced file in backups/ as ".<name>.restoring".
    aside = _set_aside(layout, original) if over_readable else None
    if aside is None and original.exists():
        keep_damaged(layout, original)
    write_atomic(original, data)
    if aside is not None:
        _keep_replaced(layout, original, backup, aside)
    log.info("restored %s from %s", original.name, backup.name)
    return original
