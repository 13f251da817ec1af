"""Audit records that wait in the data folder until the log can be written.

A change to a plan is saved even when its record cannot be appended to the
log (log.py's POLICY): the record is kept instead as one small file in
audit-pending/ beside audit/ in the data folder, named by the time it was
made (so the names sort in the order of the changes) and written with
write_atomic, so a file there is always whole. In an encrypted data folder
it is sealed (crypto.sealing, role "audit") with a key derived from the
store key (crypto.derived: a rotation of the data key does not strand it);
the record holds no personal data, but sealed it cannot be forged or
edited either. The next append to the log (the next record, the next time
the store opens) writes every waiting record first, in order, into the
chain, then removes its file.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planbro.fileio.atomic import fsync_dir, write_atomic
from planbro.fileio.private import make_private_dir

from planbro.crypto import SealBroken
from planbro.crypto.derived import sealing_key
from planbro.crypto.sealing import DataKey, is_sealed, open_sealed, seal

# The folder of waiting records in the data folder (beside audit/, which may be what fails).
FOLDER = "audit-pending"
# A waiting record's file name ends so; temporary files of write_atomic end in .tmp.
SUFFIX = ".record"
# The label of the key that seals waiting records, derived from the store key.
KEY_INFO = b"planbro audit waiting"
# Numbers records made in the same nanosecond by one process apart.
_counter = itertools.count()


def key_of(store_key: bytes) -> DataKey:
    """The key that seals waiting records in an encrypted folder with this store key."""
    return sealing_key(store_key, KEY_INFO)


def keep(data_dir: Path, fields: dict[str, Any], key: DataKey | None) -> Path:
    """Keep the record `fields` (without its chain) waiting; its file. `key` None: a
    plaintext folder. OSError when it cannot be written (a full disk): nothing is left."""
    folder = data_dir / FOLDER
    make_private_dir(folder)
    data = json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if key is not None:
        data = seal(key, "audit", "", data)
    path = folder / f"{time.time_ns():020d}-{os.getpid()}-{next(_counter):06d}{SUFFIX}"
    write_atomic(path, data)
    return path


def drop(path: Path) -> None:
    """Remove a waiting record once it is in the log (or its change did not happen);
    OSError when it cannot be removed (one already gone is fine)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    with contextlib.suppress(OSError):
        fsync_dir(path.parent)


@dataclass
class Waiting:
    """The waiting records that open, oldest first, and the files that do not."""

    records: list[tuple[Path, dict[str, Any]]] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


def files(data_dir: Path) -> list[Path]:
    """The waiting records' files, oldest first ([] when there is no folder)."""
    try:
        names = [entry.name for entry in os.scandir(data_dir / FOLDER)
                 if entry.name.endswith(SUFFIX)]
    except OSError:
        # None there (or a folder that cannot be listed: it cannot stop the log either).
        return []
    return [data_dir / FOLDER / name for name in sorted(names)]


def read(data_dir: Path, key: DataKey | None, *, sealed: bool) -> Waiting:
    """The waiting records of `data_dir`; `sealed`: the folder is encrypted, so only a
    file `key` opens counts (None: none can be opened yet)."""
    found = Waiting()
    for path in files(data_dir):
        try:
            blob = path.read_bytes()
        except OSError:
            # Unreadable: left for --verify to name, and no hindrance to the log.
            found.unreadable.append(path)
            continue
        record = _open(blob, key, sealed=sealed)
        if record is None:
            found.unreadable.append(path)
        else:
            found.records.append((path, record))
    return found


def _open(blob: bytes, key: DataKey | None, *, sealed: bool) -> dict[str, Any] | None:
    if sealed:
        if key is None:
            return None
        try:
            blob = open_sealed(key, "audit", "", blob)
        except SealBroken:
            return None
    elif is_sealed(blob):
        return None
    try:
        record = json.loads(blob)
    except ValueError:
        return None
    return record if isinstance(record, dict) and isinstance(record.get("at"), str) else None
