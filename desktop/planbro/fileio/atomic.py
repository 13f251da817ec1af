"""Crash-safe file writes: temporary file, fsync, atomic replace.

TinyDB's own JSONStorage truncates and rewrites the file in place, so a
crash mid-write leaves half a file. Here the old file stays whole until the
new one is complete on disk.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
import time
from pathlib import Path

# How long to keep retrying a replace that Windows refuses because another
# program (a virus scanner, the indexer, a backup agent) holds the file open.
REPLACE_RETRY_SECONDS = 2.0
# Pause between those retries.
REPLACE_RETRY_PAUSE = 0.02


def fsync_dir(folder: Path) -> None:
    # The rename itself lives in the folder's entry table; without this the
    # new name may not survive a power cut on POSIX file systems.
    if sys.platform == "win32":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_with_retry(source: str | Path, target: str | Path) -> None:
    """os.replace, retried briefly on Windows sharing violations."""
    deadline = time.monotonic() + REPLACE_RETRY_SECONDS
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError as error:
            # ERROR_SHARING_VIOLATION / ERROR_ACCESS_DENIED arrive as
            # PermissionError on Windows; elsewhere it is a real refusal.
            if sys.platform != "win32" or time.monotonic() > deadline:
                raise
            if getattr(error, "winerror", None) not in (5, 32, 33):
                raise
            time.sleep(REPLACE_RETRY_PAUSE)
        except OSError as error:
            if error.errno != errno.EBUSY or time.monotonic() > deadline:
                raise
            time.sleep(REPLACE_RETRY_PAUSE)


def write_atomic(path: str | Path, data: bytes | str, *, fsync: bool = True) -> None:
    """Write `data` to `path` so that `path` is either old or new, never half."""
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
        replace_with_retry(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    if fsync:
        fsync_dir(path.parent)
