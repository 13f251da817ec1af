"""What a failed write means for the user: one sentence, in their language, naming the folder.

Every layer that writes (the store, the audit log, documents, exports, the
settings) turns the OSError it met into this text, so a full disk reads the
same wherever it happens: "Der er ikke plads på disken …" and the folder,
never the operating system's English "No space left on device".
"""

from __future__ import annotations

import errno
from pathlib import Path

from planbro.translation import _

# The errors that mean the disk (or the user's quota on it) is full.
DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})
# The errors that mean Planbro may not write there.
NOT_ALLOWED = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
# The errors that mean the folder to write in is not there.
MISSING = frozenset({errno.ENOENT, errno.ENOTDIR})
# Windows' own codes for the same (ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL).
WINDOWS_DISK_FULL = frozenset({112, 39})


def is_disk_full(error: BaseException) -> bool:
    """Whether `error` says there is no room left on the disk."""
    if not isinstance(error, OSError):
        return False
    return error.errno in DISK_FULL or getattr(error, "winerror", None) in WINDOWS_DISK_FULL


def folder_of(error: OSError, fallback: str | Path | None = None) -> Path | None:
    """The folder the failed write was in: the file's parent, or `fallback`."""
    if fallback is not None:
        return Path(fallback)
    name = error.filename
    if isinstance(name, (str, Path)) and str(name):
        path = Path(name)
        return path if path.is_dir() else path.parent
    return None


def write_failure(error: OSError, folder: str | Path | None = None) -> str:
    """Why a write in `folder` (or the error's own file's folder) failed, for the user.

    The text says that nothing was changed only where the caller guarantees
    it; here it says what happened and what to do.
    """
    where = folder_of(error, folder)
    if is_disk_full(error):
        if where is None:
            return _("There is no room left on the disk. Free some space and try again.")
        return _("There is no room left on the disk for {folder}. Free some space and try "
                 "again.").format(folder=where)
    if error.errno == errno.EISDIR:
        # The name given is a folder's (planbro overblik --xlsx SOMEFOLDER): os.replace
        # names it as filename2, open() as filename.
        named = error.filename2 or error.filename or where
        return _("{path} is a folder, not a file: give the name of the file to write, for "
                 "example a new file in that folder.").format(path=named)
    if error.errno == errno.ENOTDIR and where is not None and where.is_file():
        return _("{folder} is a file, not a folder: a file cannot be written in it.").format(
            folder=where)
    if error.errno in MISSING and where is not None and not where.is_dir():
        return _("The folder {folder} does not exist.").format(folder=where)
    if error.errno in NOT_ALLOWED:
        if where is None:
            return _("Planbro may not write here ({reason}).").format(reason=_reason(error))
        return _("Planbro may not write in {folder} ({reason}).").format(
            folder=where, reason=_reason(error))
    if where is None:
        return _("The file could not be written ({reason}).").format(reason=_reason(error))
    return _("A file in {folder} could not be written ({reason}).").format(
        folder=where, reason=_reason(error))


def _reason(error: OSError) -> str:
    if error.errno in NOT_ALLOWED:
        return {errno.EROFS: _("the drive can only be read"),
                errno.EPERM: _("the operating system does not allow it")}.get(
            error.errno, _("no access"))
    return error.strerror or str(error) or type(error).__name__
