"""One writer per data folder: an OS file lock held while a store is open for writing.

filelock uses flock/fcntl on POSIX and LockFileEx on Windows; the operating
system drops the lock when the process dies, so a crashed Planbro never
leaves the folder locked. A reader takes no lock.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from planbro.translation import _

from planbro.storage.errors import StoreLocked


class WriterLock:
    """Held from construction until release(); StoreLocked if another process holds it."""

    def __init__(self, path: Path, folder: Path):
        # timeout=0: never wait for another window; tell the user at once.
        self._lock = FileLock(str(path), timeout=0, thread_local=False)
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreLocked.elsewhere(folder) from None
        except OSError as error:
            raise StoreLocked(_("Planbro cannot write to the data folder {folder}: "
                                "{error}").format(folder=folder,
                                                  error=error.strerror or error)) from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
