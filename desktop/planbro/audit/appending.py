"""One append to the audit log: under the log's lock, records that waited first, then the head.

log.py says what is recorded and when; this is how a record reaches the
month file (one os.write on a file opened with O_APPEND, fsynced) and how
the chain's end is known without reading the file again.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbro.fileio.private import FILE_MODE, make_private_dir, private
from planbro.translation import _

from planbro.audit import chain, waiting
from planbro.audit.chain import Tail

if TYPE_CHECKING:
    from planbro.audit.log import AuditLog

# The lock that serialises appends of all processes (held for one write).
LOCK_NAME = "audit.lock"
# Seconds to wait for another process's append before giving up.
LOCK_TIMEOUT_S = 5


class Appender:
    """The log's lock held and its newest month file open: records are appended after
    `after`, the chain's end so far; commit() or cancel() ends it."""

    def __init__(self, lock: Any, fd: int, path: Path) -> None:
        self.lock, self.fd, self.path = lock, fd, path
        # Where a cancel cuts the file back to: after the last record that stands.
        self.offset = 0
        # The file's size when it was opened: commit() names a new end only.
        self.start = 0
        # The chain's end once the records appended so far stand.
        self.after = Tail(0, 0)

    @classmethod
    def open(cls, log: AuditLog, month: Path) -> Appender:
        """Take the lock and open the file a record of `month` goes to (chain.target_file);
        OSError (TimeoutError for the lock) with nothing left behind, if not."""
        from filelock import FileLock, Timeout

        # Only the user may read who looked at which plan from which computer.
        make_private_dir(log.folder)
        lock = FileLock(str(log.folder / LOCK_NAME), timeout=LOCK_TIMEOUT_S, thread_local=False,
                        mode=FILE_MODE)
        try:
            lock.acquire()
        except Timeout:
            raise TimeoutError(_("another Planbro holds the audit log")) from None
        try:
            path = chain.target_file(log.folder, month)
            flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
            fd = os.open(path, flags, FILE_MODE)
            if path not in log._mended:
                # A log an older Planbro made readable to everyone becomes the user's alone
                # (not possible on a log another user owns: it is still written).
                with contextlib.suppress(OSError):
                    private(path)
        except BaseException:
            lock.release()
            raise
        appender = cls(lock, fd, path)
        try:
            if path not in log._mended:
                chain.remove_head_leftovers(log.folder)
                log._mended.add(path)
            appender.after = _tail(log, path, fd)
            appender.offset = appender.start = appender.after.size
        except BaseException:
            appender._release()
            raise
        return appender

    def put(self, fields: dict[str, Any]) -> None:
        """Append one record (`fields` without its chain) and fsync it; OSError if not
        (cancel() then cuts off what was written of it)."""
        seq = self.after.seq + 1
        data = (json.dumps(fields | {"seq": seq, "prev": self.after.hash}, ensure_ascii=False,
                           separators=(",", ":")) + "\n").encode("utf-8")
        if os.write(self.fd, data) != len(data):
            # A short write: the disk is full.
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.path.parent))
        os.fsync(self.fd)
        self.after = self.after.appended(data, seq)

    # ┌──────────────────────────────────────────────────────────────────┐
    # │ Records that waited (waiting.py) go in before the new record, in │
    # │ the order they were made, each with its own "at" and "delayed":  │
    # │ true and "written" (when it reached the log). Each stands once   │
    # │ fsynced, before its file is removed: a crash between the two     │
    # │ writes it twice (the copy is found by its "at" and "written"),   │
    # │ never loses it; a file that cannot be removed has its record cut │
    # │ off again. A cancel of the new record leaves them standing.      │
    # │ In a plaintext folder anyone could put a file there, and it is   │
    # │ logged as delayed: no worse than editing the plaintext log.      │
    # │ An encrypted folder's waiting records are sealed: a file that    │
    # │ does not open is left for --verify to report, never logged.      │
    # └──────────────────────────────────────────────────────────────────┘
    def put_waiting(self, log: AuditLog) -> None:
        """Append the records waiting in the data folder, oldest first, removing each."""
        if not waiting.files(log.data_dir) or (log.sealed_folder and log.waiting_key is None):
            return
        written = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        found = waiting.read(log.data_dir, log.waiting_key, sealed=log.sealed_folder)
        for path, fields in found.records:
            record = {k: v for k, v in fields.items() if k not in ("seq", "prev")}
            before = self.after
            self.put(record | {"delayed": True, "written": written})
            try:
                waiting.drop(path)
            except OSError:
                # Its file stays (no rights to remove it): cut the record off again, or
                # every later append would write it once more. It waits on, and the rest.
                os.ftruncate(self.fd, self.offset)
                os.fsync(self.fd)
                self.after = before
                return
            self.offset = self.after.size

    # ┌──────────────────────────────────────────────────────────────────┐
    # │ The head is written after the record stands, still under the     │
    # │ lock (so heads follow the log's order), and only as a check: the │
    # │ log is the truth. If head.json cannot be written (a full disk),  │
    # │ the record and the change stand all the same and the head lags;  │
    # │ --verify accepts records after the one the head names, and finds │
    # │ a log that ends before it. In an encrypted folder the head is    │
    # │ written only with its MAC (chain.py): a log without the keys (a  │
    # │ command that opened no store) leaves it lagging instead.         │
    # └──────────────────────────────────────────────────────────────────┘
    def commit(self, log: AuditLog) -> None:
        """The change is made: let the records stand, name the newest in the head, let the
        next writer in."""
        try:
            log._tails[self.path] = self.after
            if self.after.size > self.start and (log.head_key is not None
                                                 or not log.sealed_folder):
                with contextlib.suppress(OSError):
                    chain.write_head(log.folder, self.path, self.after, log.head_key)
        finally:
            self._release()

    def cancel(self) -> None:
        """The change did not happen: cut its record off again (needs no free space).

        The chain stays whole: the next record names the one before this again.
        """
        try:
            os.ftruncate(self.fd, self.offset)
            os.fsync(self.fd)
        finally:
            self._release()

    def _release(self) -> None:
        try:
            os.close(self.fd)
        finally:
            self.lock.release()


def _tail(log: AuditLog, path: Path, fd: int) -> Tail:
    """Where `path` (open as `fd`, under the lock) ends, a torn last line ended first."""
    size = os.fstat(fd).st_size
    known = log._tails.get(path)
    if known is not None and known.size == size:
        return known
    # Another process wrote (or crashed writing) since: end a torn line, read what is new.
    _end_torn_line(fd)
    size = os.fstat(fd).st_size
    if known is None or known.size > size:
        tail = _after_head(log, chain.tail_of(path, chain.read_from(fd, 0, size)))
    else:
        tail = known.extended(chain.read_from(fd, known.size, size))
    log._tails[path] = tail
    return tail


# ┌──────────────────────────────────────────────────────────────────────┐
# │ A cut end stays visible after the next record                        │
# │                                                                      │
# │ The writer takes the chain's end from the file. Were that all, a log │
# │ cut at its end would be hidden by the next record: it names the new  │
# │ last line, and the head written after it names the new record. So    │
# │ when the writer reads a file afresh it also reads the head, and a    │
# │ head it can trust (its MAC checks in an encrypted folder; any head   │
# │ in a plaintext one) that numbers a record beyond the file's end      │
# │ makes the next record continue after the head's number: the gap in   │
# │ "seq" is then --verify's "lines were removed", for good. A head it   │
# │ cannot trust gives no number (a forged one could only add a gap).    │
# └──────────────────────────────────────────────────────────────────────┘
def _after_head(log: AuditLog, tail: Tail) -> Tail:
    """`tail`, numbered on after the head's record when a head to trust names a later one."""
    try:
        head = chain.read_head(log.folder)
    except (ValueError, OSError):
        return tail
    if head is None or head.seq <= tail.seq:
        return tail
    if log.sealed_folder and (log.head_key is None or not head.sealed_by(log.head_key)):
        return tail
    return Tail(tail.size, tail.lines, tail.hash, head.seq)


def _end_torn_line(fd: int) -> None:
    """Append a newline when the file's last line was torn by a crash."""
    size = os.fstat(fd).st_size
    if size == 0:
        return
    os.lseek(fd, size - 1, os.SEEK_SET)
    if os.read(fd, 1) != b"\n":
        os.write(fd, b"\n")
