"""The audit log: who viewed, changed, printed or exported which plan, and when.

GDPR art. 9 data (CPR, health, addiction) needs every view, change, print
and export logged with user and time. One JSON object per line is appended
to audit/audit-YYYY-MM.jsonl in the data folder (the UTC month of the record):
    {"at": "2027-03-15T09:30:00Z", "user": "mekj", "host": "PC-0417",
     "action": "view", "plan": "<uuid>", "version": 2, "via": "app", "detail": "",
     "purpose": "sagsbehandling", "seq": 41, "prev": "<sha-256 of the line before>"}
A record names the plan by its random id only, never a CPR number, a name,
plan text or a file path (a document's default file name holds the
citizen's name): `detail` must be one of the fixed words in DETAILS, and
`purpose` (purposes.py) the session's purpose on a view, document, print,
export, extract or the caseload, else "".

Several Planbro processes append to the same file (a read-only second
window records its views too), so each record is ONE os.write on a file
opened with O_APPEND, under a short file lock (Windows emulates O_APPEND
with a seek), then fsynced. A crash can at worst leave a torn last line:
the reader skips it, and the next writer ends it first so it never glues
onto a new record. Nothing is read or written before the first record, so
the app starts as fast as without the log. No Qt here.

Each record names the one before it by hash and audit/head.json names the
newest (chain.py), so a changed, removed or reordered line and a cut end
are found by `planbro audit --verify` (verify.py).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planbro.fileio.failures import write_failure
from planbro.fileio.private import FILE_MODE, make_private_dir, private
from planbro.translation import _

from planbro.model.plan import OUTCOME_WORDS

from planbro.audit import chain
from planbro.audit.chain import Tail
from planbro.audit.purposes import PURPOSE_ACTIONS, purpose_problem
from planbro.audit.reading import Reading, month_files, read_folder

# What can happen to a plan, as recorded in "action".
ACTIONS = ("view", "create", "change", "sign", "revise", "close", "follow_up", "import",
           "export", "render", "print", "restore", "delete", "repair", "journalise", "purge",
           "extract", "caseload")
# Where it was done: the desktop app or the `planbro` command.
VIAS = ("app", "cli")
# The only words "detail" may hold: document kinds, a signature despite
# errors, follow-up outcomes, the quality check. Fixed words, so no
# personal data can ever reach the log through it.
DETAILS = frozenset({"", "docx", "pdf", "trods fejl", "kvalitetstjek", *OUTCOME_WORDS.values()})
# Autosave saves every pause in typing; a plan version gets at most one
# "change" record per process in this many seconds ("create" opens the window).
CHANGE_INTERVAL_S = 600
# The log's folder inside the data folder.
FOLDER = "audit"
# The lock that serialises appends of all processes (held for one write).
LOCK_NAME = "audit.lock"
# Seconds to wait for another process's append before giving up.
LOCK_TIMEOUT_S = 5
# Used when the login or the computer's name cannot be found.
UNKNOWN = "ukendt"


def _login() -> str:
    import getpass
    try:
        return getpass.getuser() or UNKNOWN
    except Exception:  # noqa: BLE001 - getpass raises OSError, KeyError, ImportError …
        return UNKNOWN


def _computer() -> str:
    import platform
    return platform.node() or UNKNOWN


def _plan_id_ok(plan_id: str) -> bool:
    from uuid import UUID
    try:
        return str(UUID(plan_id)) == plan_id
    except (ValueError, TypeError, AttributeError):
        return False


def _report_on_stderr(text: str) -> None:
    print(text, file=sys.stderr)


def failure_message(reason: str) -> str:
    """What the user is told (once) when a record cannot be written."""
    return _("Planbro could not write to the audit log of who viewed and changed plans: "
             "{reason} What you viewed is shown; changes to plans, documents, prints and "
             "exports wait until the log can be written. Please tell your "
             "IT support.").format(reason=reason)


class AuditLog:
    """Appends audit records for one data folder; see the module's docstring.

    on_failure(text) is called once, with a message for the user, the first
    time a record cannot be written; clock gives seconds (for the change
    coalescing; tests pass their own).
    """

    def __init__(self, data_dir: str | Path, *, on_failure: Callable[[str], None] | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = Path(data_dir) / FOLDER
        self.on_failure = on_failure or _report_on_stderr
        # The first failure's reason; "" while every record was written.
        self.failure = ""
        self._clock = clock
        self._mutex = threading.Lock()
        # (plan, version) -> clock time of its last create/change record.
        self._last_change: dict[tuple[str | None, int | None], float] = {}
        # Files this process has appended to (made private, crash leftovers removed).
        self._mended: set[Path] = set()
        # Month file -> its end as this process last left it (chain.Tail): the
        # chain's newest record without reading the file again, while its size holds.
        self._tails: dict[Path, Tail] = {}
        self._identity: tuple[str, str] | None = None
        # The session's purpose (purposes.py), recorded with every view, document,
        # print, export, extract and caseload; "" until the front end sets one.
        self.purpose = ""

    def set_purpose(self, word: str) -> None:
        """The purpose of what this session shows or hands out from now on.

        Raises ValueError for a word that is not a purpose's shape: the front
        ends offer only the purposes' list (purposes.py says why).
        """
        if purpose_problem(word) is not None:
            raise ValueError(f"audit purpose {word!r} is not a purpose word")
        self.purpose = word

    # ┌──────────────────────────────────────────────────────────────────────┐
    # │ POLICY (issue 10): a CHANGE to a plan is carried out only when its    │
    # │ record is written too: the store calls begin() before it writes the  │
    # │ change, which appends the record under the log's lock, and keeps the │
    # │ lock until the change is on disk; if the change fails the record is  │
    # │ cut off again (a truncate needs no free space), so the log and the   │
    # │ plans never disagree. A crash between the two can at worst leave a   │
    # │ record of a change that did not happen, never a change without one.  │
    # │ If the record cannot be written (full disk, no rights to audit/, the │
    # │ lock held too long) begin() raises and the change is refused with a  │
    # │ message; the caseworker's typing stays in the window.                │
    # │ A document, an export or a print is handed out only with its record  │
    # │ too (issue 11: logging cannot be switched off from outside): its     │
    # │ front end calls begin() before the file is written or the pages go   │
    # │ to the printer, and refuses when it raises. Views go through         │
    # │ record(): never refused because the log fails, but the failure is    │
    # │ reported once per process (a message box in the app, stderr from     │
    # │ `planbro`) so IT can repair it; record() returns False then.         │
    # └──────────────────────────────────────────────────────────────────────┘
    def record(self, action: str, plan_id: str | None, version: int | None = None, *,
               via: str, detail: str = "") -> bool:
        """Append one record; True when it is on disk or was coalesced away.

        Raises ValueError for an action, via, detail or plan id outside the
        allowed ones: a programming error, never a user's.
        """
        _check(action, plan_id, version, via, detail)
        with self._mutex:
            key = (plan_id, version)
            now = self._clock()
            if action == "change":
                last = self._last_change.get(key)
                if last is not None and now - last < CHANGE_INTERVAL_S:
                    return True
            written = self._append(action, plan_id, version, via, detail)
            if written and action in ("create", "change"):
                self._last_change[key] = now
            return written

    def begin(self, action: str, plan_id: str | None, version: int | None = None, *,
              via: str, detail: str = "") -> Pending:
        """Write the record of a change about to be made; see POLICY above.

        The returned Pending holds the log's lock: call commit() once the
        change is on disk, or cancel() when it failed. Raises OSError
        (TimeoutError for the lock) when the record cannot be written;
        ValueError as record() does.
        """
        _check(action, plan_id, version, via, detail)
        with self._mutex:
            key = (plan_id, version)
            last = self._last_change.get(key)
            if action == "change" and last is not None and self._clock() - last < CHANGE_INTERVAL_S:
                # Coalesced: the record of this version's last change stands for it.
                return Pending(self, None, key, action)
        written = _Written.append(self, self._line(action, plan_id, version, via, detail))
        return Pending(self, written, key, action)

    def _line(self, action: str, plan_id: str | None, version: int | None, via: str,
              detail: str) -> tuple[Path, dict[str, Any]]:
        """The month file of a record made now, and the record without its chain."""
        if self._identity is None:
            self._identity = (_login(), _computer())
        user, host = self._identity
        at = datetime.now(UTC)
        return self.folder / f"audit-{at:%Y-%m}.jsonl", {
            "at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "user": user, "host": host,
            "action": action, "plan": plan_id, "version": version, "via": via, "detail": detail,
            "purpose": self.purpose if action in PURPOSE_ACTIONS else "",
        }

    def _append(self, action: str, plan_id: str | None, version: int | None, via: str,
                detail: str) -> bool:
        path, fields = self._line(action, plan_id, version, via, detail)
        try:
            self._write(path, fields)
        except OSError as error:  # TimeoutError (the lock) is one too
            self._failed(write_failure(error, self.folder))
            return False
        return True

    def _write(self, path: Path, fields: dict[str, Any]) -> None:
        _Written.append(self, (path, fields)).commit(self)

    def _tail(self, path: Path, fd: int) -> Tail:
        """Where `path` (open as `fd`, under the lock) ends, a torn last line ended first."""
        size = os.fstat(fd).st_size
        known = self._tails.get(path)
        if known is not None and known.size == size:
            return known
        # Another process wrote (or crashed writing) since: end a torn line, read what is new.
        _end_torn_line(fd)
        size = os.fstat(fd).st_size
        if known is None or known.size > size:
            tail = chain.tail_of(path, chain.read_from(fd, 0, size))
        else:
            tail = known.extended(chain.read_from(fd, known.size, size))
        self._tails[path] = tail
        return tail

    def _failed(self, reason: str) -> None:
        first = not self.failure
        self.failure = self.failure or reason
        if first:
            self.on_failure(failure_message(reason))

    # -- reading ---------------------------------------------------------------
    def files(self) -> list[Path]:
        """The month files, oldest first."""
        return month_files(self.folder)

    def read(self) -> Reading:
        """Every whole record, oldest file first; torn or damaged lines are skipped."""
        return read_folder(self.folder)


class _Written:
    """One record appended and fsynced, its file still open and the log's lock still held."""

    def __init__(self, lock: Any, fd: int, path: Path, offset: int) -> None:
        self.lock, self.fd, self.path, self.offset = lock, fd, path, offset

    # The chain's end once this record stands (set by append).
    after: Tail

    @classmethod
    def append(cls, log: AuditLog, line: tuple[Path, dict[str, Any]]) -> _Written:
        """Append the record `line` (month file, fields) to the chain, under the lock;
        OSError, with nothing left behind, if not."""
        from filelock import FileLock, Timeout

        month, fields = line
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
        written = cls(lock, fd, path, os.fstat(fd).st_size)
        try:
            if path not in log._mended:
                chain.remove_head_leftovers(log.folder)
                log._mended.add(path)
            tail = log._tail(path, fd)
            written.offset = tail.size
            seq = tail.seq + 1
            data = (json.dumps(fields | {"seq": seq, "prev": tail.hash}, ensure_ascii=False,
                               separators=(",", ":")) + "\n").encode("utf-8")
            written.after = tail.appended(data, seq)
            if os.write(fd, data) != len(data):
                # A short write: the disk is full.
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(log.folder))
            os.fsync(fd)
        except BaseException:
            written.cancel()
            raise
        return written

    # ┌──────────────────────────────────────────────────────────────────┐
    # │ The head is written after the record stands, still under the     │
    # │ lock (so heads follow the log's order), and only as a check: the │
    # │ log is the truth. If head.json cannot be written (a full disk),  │
    # │ the record and the change stand all the same and the head lags;  │
    # │ --verify accepts records after the one the head names, and finds │
    # │ a log that ends before it.                                       │
    # └──────────────────────────────────────────────────────────────────┘
    def commit(self, log: AuditLog) -> None:
        """The change is made: let the record stand, name it in the head, let the next writer in."""
        try:
            log._tails[self.path] = self.after
            with contextlib.suppress(OSError):
                chain.write_head(log.folder, self.path, self.after)
        finally:
            self._release()

    def cancel(self) -> None:
        """The change did not happen: cut the record off again (needs no free space).

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


class Pending:
    """The record of a change that is being made (AuditLog.begin): commit() or cancel() it."""

    def __init__(self, log: AuditLog, written: _Written | None,
                 key: tuple[str | None, int | None], action: str) -> None:
        self._log, self._written, self._key, self._action = log, written, key, action

    def commit(self) -> None:
        if self._written is not None:
            written, self._written = self._written, None
            written.commit(self._log)
            if self._action in ("create", "change"):
                with self._log._mutex:
                    self._log._last_change[self._key] = self._log._clock()

    def cancel(self) -> None:
        if self._written is not None:
            written, self._written = self._written, None
            written.cancel()


def _end_torn_line(fd: int) -> None:
    """Append a newline when the file's last line was torn by a crash."""
    size = os.fstat(fd).st_size
    if size == 0:
        return
    os.lseek(fd, size - 1, os.SEEK_SET)
    if os.read(fd, 1) != b"\n":
        os.write(fd, b"\n")


def _check(action: str, plan_id: str | None, version: int | None, via: str, detail: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if via not in VIAS:
        raise ValueError(f"unknown audit via {via!r}")
    if detail not in DETAILS:
        raise ValueError(f"audit detail {detail!r} is not one of the fixed words")
    if plan_id is not None and not _plan_id_ok(plan_id):
        raise ValueError("an audit record names a plan by its id only")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise ValueError("an audit record's version is a number")
