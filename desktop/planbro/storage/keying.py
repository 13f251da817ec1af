"""Turning encryption on for a data folder, with or without plans: a migration, crash-safe.

┌──────────────────────────────────────────────────────────────────────────┐
│ Three steps, told by the marker migration.json                           │
│                                                                          │
│ As the folder's writer:                                                  │
│  1. the marker says "keys"; the key file is made (keys.json); the        │
│     recovery key is shown. Every file is still plaintext, so while the  │
│     marker says "keys" the folder is read as plaintext (codec.py) and a  │
│     crash here is rolled back by the next writer (roll_back): the key    │
│     file goes, the folder is as before, and the recovery key shown, if  │
│     any, opens nothing - the user runs the command again.               │
│  2. the marker says "sealing": from here the keys are needed, and the   │
│     codec reads each file plaintext or sealed. Every file is re-sealed  │
│     in place by write_atomic (reseal.py), the index dropped.            │
│  3. the marker goes: only sealed files are accepted from now on.        │
│ A crash in step 2 is finished by the next writer that has the keys      │
│ (OpenedStore runs finish()). So SIGKILL at any point leaves the old      │
│ store or the new one readable, never neither. write_atomic replaces a    │
│ file by a new one: the plaintext's blocks are freed, not overwritten -  │
│ on an SSD no program can promise more; BitLocker covers that (README).   │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from planbro.fileio.atomic import fsync_dir, write_atomic
from planbro.translation import _

from planbro.crypto import credstore, keyfile
from planbro.crypto.keys import KeyChain

from planbro.storage import backups, folder, reseal
from planbro.storage.codec import (
    MARKER_FORMAT,
    MIGRATION_MARKER,
    PHASE_KEYS,
    PHASE_SEALING,
    Codec,
    migration_phase,
)
from planbro.storage.errors import StoreError
from planbro.storage.lock import WriterLock
from planbro.storage.paths import Layout

log = logging.getLogger(__name__)

# What encrypt() returns besides the count: whatever the key file's maker returns.
T = TypeVar("T")


@dataclass
class Encrypted(Generic[T]):
    """What encrypt() did: what `make` returned, and how many plans it sealed."""

    made: T
    plans: int
    resealed: reseal.Resealed


def _mark(layout: Layout, step: str) -> None:
    write_atomic(layout.root / MIGRATION_MARKER,
                 json.dumps({"format": MARKER_FORMAT, "phase": step}) + "\n")


def _unmark(layout: Layout) -> None:
    (layout.root / MIGRATION_MARKER).unlink(missing_ok=True)
    fsync_dir(layout.root)


def roll_back(layout: Layout) -> None:
    """Undo step 1 of a migration a crash cut short: the key file goes, the folder is
    plaintext as before. Runs as the folder's writer."""
    try:
        made = keyfile.read(layout.root)
    except keyfile.KeyFileDamaged:
        made = None
    for name in (keyfile.KEY_FILE, keyfile.KEY_COPY):
        (layout.root / name).unlink(missing_ok=True)
    fsync_dir(layout.root)
    if made is not None:
        try:
            credstore.forget(made.store_id)
        except credstore.Unavailable:
            pass
    _unmark(layout)
    log.info("an interrupted start of encryption was rolled back")


def finish(layout: Layout) -> reseal.Resealed:
    """Step 2 and 3 of a migration (again, after a crash): `layout.codec` has the keys.
    Runs as the folder's writer. Raises OSError."""
    backups.finish_interrupted_restores(layout)
    done = reseal.reseal_all(layout)
    _unmark(layout)
    return done


def _plans(layout: Layout) -> int:
    if not layout.cases.is_dir():
        return 0
    return sum(1 for p in layout.cases.iterdir() if Layout.plan_id_of(p.name))


def encrypt(data_dir: Path, make: Callable[[], T], keys_of: Callable[[T], KeyChain],
            show: Callable[[T], None]) -> Encrypted[T]:
    """Turn encryption on for the plaintext data folder `data_dir`, as its writer: `make`
    writes the key file, `show` shows the recovery key (before any file is sealed), then
    every file is sealed with the keys `keys_of` gives.

    StoreLocked when Planbro is open on the folder; StoreError when it is already
    encrypted; OSError (a full disk, say) from sealing, after which the next opening
    with the keys finishes the work. Whatever `make` or `show` raise is raised after
    the key file is taken away again: then nothing was changed."""
    layout = Layout(data_dir)
    folder.check_layout(layout)
    lock = WriterLock(layout.lock, layout.root)
    try:
        current = migration_phase(layout.root)
        if current == PHASE_KEYS:
            roll_back(layout)
        elif keyfile.exists(layout.root):
            raise StoreError(_("{path} exists already: this data folder has its keys. Planbro "
                               "has not changed it.").format(path=keyfile.key_path(layout.root)))
        _mark(layout, PHASE_KEYS)
        try:
            made = make()
            show(made)
        except BaseException:
            roll_back(layout)
            raise
        _mark(layout, PHASE_SEALING)
        sealed = Layout(layout.root, Codec(keys_of(made), migrating=True))
        plans = _plans(sealed)
        done = finish(sealed)
        return Encrypted(made, plans, done)
    finally:
        lock.release()


def _reencrypt(root: Path) -> Callable[[KeyChain], None]:
    def run(chain: KeyChain) -> None:
        done = reseal.reseal_all(Layout(root, Codec(chain)))
        log.info("data key changed: %d files re-sealed, %d unreadable left as they were",
                 done.sealed, len(done.unreadable))
    return run


def rotate(layout: Layout) -> tuple[KeyChain, reseal.Resealed]:
    """A new data key for the encrypted data folder of `layout` (its codec has the keys),
    every file re-sealed with it (crypto.keys.rotate: crash-safe, finished by the next
    writer). Runs as the folder's writer. Raises KeyProblem, OSError."""
    from planbro.crypto.keys import rotate as rotate_keys

    chain = layout.codec.keys
    assert chain is not None, "rotating needs the folder's keys"
    done: list[reseal.Resealed] = []

    def run(rotating: KeyChain) -> None:
        done.append(reseal.reseal_all(Layout(layout.root, Codec(rotating))))

    rotated = rotate_keys(layout.root, chain, run)
    return rotated, done[0] if done else reseal.Resealed()


def settle(layout: Layout) -> Layout:
    """What the writer does first on opening: roll back a start of encryption a crash cut
    short, finish a migration or a change of the data key a crash cut short. Returns the
    layout to work with from then on. Raises OSError, KeyProblem."""
    from planbro.crypto.keys import finish_rotation

    current = migration_phase(layout.root)
    if current == PHASE_KEYS:
        roll_back(layout)
        return layout
    keys = layout.codec.keys
    if keys is None:
        return layout
    if current is not None:
        done = finish(layout)
        log.info("migration to encryption finished: %d files sealed", done.sealed)
        layout = Layout(layout.root, Codec(keys))
    if keys.retiring:
        keys = finish_rotation(layout.root, keys, _reencrypt(layout.root))
        layout = Layout(layout.root, Codec(keys))
    return layout
