"""One writer per data folder: an OS file lock held while a store is open for writing.

filelock uses flock/fcntl on POSIX and LockFileEx on Windows; the operating
system drops the lock when the process dies, so a crashed Planbro never
leaves the folder locked. A reader takes no lock.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why the folder is locked too, and the lock file checked before a write   │
│                                                                          │
│ On POSIX a lock belongs to the open file, not to its name: when someone  │
│ deletes planbro.lock while a writer runs, the next Planbro creates a     │
│ new planbro.lock, locks that, and two writers are in. So the writer      │
│ also locks the data folder itself (flock on the folder's descriptor):    │
│ the folder cannot be deleted while it holds the plans, so that lock      │
│ survives anything done to the file. Where a folder cannot be locked      │
│ (some network file systems), check() runs before every write and         │
│ refuses once planbro.lock no longer names the file this writer locked.   │
│ On Windows an open file cannot be deleted, so the file lock suffices.    │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from filelock import FileLock, Timeout

from planbro.fileio.failures import write_failure
from planbro.fileio.private import FILE_MODE, private
from planbro.translation import _

from planbro.storage.errors import StoreLocked

# Errors of flock() that mean "this file system cannot lock a folder", not "locked".
_NO_FOLDER_LOCKS = frozenset({errno.EBADF, errno.EINVAL, errno.ENOLCK, errno.ENOTSUP,
                              errno.EOPNOTSUPP})


class WriterLock:
    """Held from construction until release(); StoreLocked if another process holds it."""

    def __init__(self, path: Path, folder: Path):
        self.path = Path(path)
        self.folder = Path(folder)
        # timeout=0: never wait for another window; tell the user at once.
        self._lock = FileLock(str(path), timeout=0, mode=FILE_MODE, thread_local=False)
        self._folder_fd: int | None = None
        self._identity: tuple[int, int] | None = None
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreLocked.elsewhere(folder) from None
        except OSError as error:
            raise self._cannot_write(error) from None
        try:
            # Private whatever the umask, also a lock file an older Planbro left 0644.
            with contextlib.suppress(OSError):
                private(self.path)
            self._lock_folder()
            st = os.stat(self.path)
            self._identity = (st.st_dev, st.st_ino)
        except BaseException:
            self.release()
            raise

    def _cannot_write(self, error: OSError) -> StoreLocked:
        return StoreLocked(_("Planbro cannot write to the data folder {folder}: {error}").format(
            folder=self.folder, error=write_failure(error, self.folder)))

    def _lock_folder(self) -> None:
        if sys.platform == "win32":
            return
        import fcntl

        try:
            fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError as error:
            raise self._cannot_write(error) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise StoreLocked.elsewhere(self.folder) from None
            if error.errno not in _NO_FOLDER_LOCKS:
                raise self._cannot_write(error) from None
            # No folder locks here: check() guards every write instead.
            return
        self._folder_fd = fd

    def check(self) -> None:
        """Before a write: StoreLocked when another writer may have got in (the lock file
        was deleted or replaced and the folder itself could not be locked)."""
        if self._folder_fd is not None or self._identity is None:
            return
        try:
            st = os.stat(self.path)
            same = (st.st_dev, st.st_ino) == self._identity
        except OSError:
            same = False
        if not same:
            raise StoreLocked(_("The lock file {path} was deleted or replaced while Planbro "
                                "was writing to {folder}, so another window may be writing "
                                "too. To protect the plans nothing more is saved here: close "
                                "Planbro and open it again.").format(path=self.path,
                                                                    folder=self.folder))

    def release(self) -> None:
        if self._folder_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._folder_fd)
            self._folder_fd = None
        if self._lock.is_locked:
            self._lock.release()
