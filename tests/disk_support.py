"""A real small disk for the full-disk tests: a size-limited tmpfs (CI runs as root)."""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

# Largest piece the filler writes at once.
CHUNK = 1 << 16


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A tmpfs of `size` mounted at `folder` (made if needed), unmounted afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
                   check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def free_bytes(disk: Path) -> int:
    stat = os.statvfs(disk)
    return stat.f_bavail * stat.f_frsize


def fill(disk: Path, free: int = 0) -> Path:
    """Fill the disk until about `free` bytes are left (to the page); the filler file.

    Unbuffered writes, halved on a refusal: a buffered file drops what it holds when
    the disk refuses, which would leave room the test did not mean to leave.
    """
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        left = max(free_bytes(disk) - free, 0)
        size = CHUNK
        while left > 0 and size > 0:
            try:
                left -= os.write(fd, b"\0" * min(size, left))
            except OSError:
                size //= 2
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """`folder` unwritable even for root, as chmod 0500 makes it for a user (CI runs as root,
    whom chmod does not stop): a read-only bind mount of itself, undone afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
