"""Folders and files only their owner can read: plan data is never for other local users.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why the mode is set after creating, not only passed to mkdir/open        │
│                                                                          │
│ The mode given to mkdir() and open() is narrowed by the process's umask, │
│ and a umask can also take the owner's own bits away (0o277 would leave   │
│ a folder Planbro cannot write into). So a folder is made, then chmod'ed  │
│ to exactly FOLDER_MODE, whatever the umask. Files written through        │
│ atomic.write_atomic are private already (tempfile.mkstemp makes them     │
│ 0o600). On Windows chmod only sets the read-only flag; there the data    │
│ folder inherits the ACL of the user's profile (%LOCALAPPDATA%): only the │
│ user, SYSTEM and administrators can read it.                             │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# A folder holding plan data: the owner may list, enter and write it; no one else anything.
FOLDER_MODE = 0o700
# A file holding plan data: the owner may read and write it; no one else anything.
FILE_MODE = 0o600


def make_private_dir(folder: str | Path) -> Path:
    """Create `folder` (and missing parents) if needed; the folders made here are FOLDER_MODE.

    A folder that was there already keeps its mode: it may be one the user
    chose and shares on purpose. Raises OSError (FileExistsError when a file
    has the folder's name).
    """
    folder = Path(folder)
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    for made in reversed(missing):
        private(made, FOLDER_MODE)
    return folder


def tighten_dir(folder: str | Path) -> None:
    """Take group and other access away from an existing folder of Planbro's own."""
    try:
        mode = os.stat(folder).st_mode
    except FileNotFoundError:
        return
    if mode & 0o077:
        private(folder, FOLDER_MODE)


def private(path: str | Path, mode: int = FILE_MODE) -> None:
    """Set `path` to exactly `mode` (POSIX; Windows keeps the folder's ACL)."""
    if sys.platform != "win32":
        os.chmod(path, mode)


def open_private_append(path: str | Path) -> int:
    """A file descriptor appending to `path`, created FILE_MODE when missing."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        if sys.platform != "win32" and os.fstat(fd).st_mode & 0o777 != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    except BaseException:
        os.close(fd)
        raise
    return fd
