"""The audit log: who viewed, changed, printed or exported which plan, and when.

GDPR art. 9 data (CPR, health, addiction) needs every view, change, print
and export logged with user and time. One JSON object per line is appended
to audit/audit-YYYY-MM.jsonl in the data folder (the UTC month of the record):
    {"at": "2027-03-15T09:30:00Z", "user": "mekj", "host": "PC-0417",
     "action": "view", "plan": "<uuid>", "version": 2, "via": "app", "detail": ""}
A record names the plan by its random id only, never a CPR number, a name,
plan text or a file path (a document's default file name holds the
citizen's name): `detail` must be one of the fixed words in DETAILS.

Several Planbro processes append to the same file (a read-only second
window records its views too), so each record is ONE os.write on a file
opened with O_APPEND, under a short file lock (Windows emulates O_APPEND
with a seek), then fsynced. A crash can at worst leave a torn last line:
the reader skips it, and the next writer ends it first so it never glues
onto a new record. Nothing is read or written before the first record, so
the app starts as fast as without the log. No Qt here.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planbro.translation import _

from planbro.model.plan import OUTCOME_WORDS

# What can happen to a plan, as recorded in "action".
ACTIONS = ("view", "create", "change", "sign", "revise", "close", "follow_up", "import",
           "export", "render", "print", "restore", "delete", "repair")
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
# A month's file: audit-2027-03.jsonl.
FILE_PATTERN = "audit-*.jsonl"
# The lock that serialises appends of all processes (held for one write).
LOCK_NAME = "audit.lock"
# Seconds to wait for another process's append before giving up.
LOCK_TIMEOUT_S = 5
# Used when the login or the computer's name cannot be found.
UNKNOWN = "ukendt"
# Where a record starts; finds a whole record glued after a torn line.
_RECORD_START = '{"at":'


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
    return _("Planbro could not write to the audit log of who viewed and changed plans "
             "({reason}). What you did was carried out and saved. Please tell your IT "
             "support.").format(reason=reason)


@dataclass
class Reading:
    """What read() found: the records in the order written, and lines skipped."""

    # Each a JSON object as written; only its "at" is checked to be text.
    records: list[dict[str, Any]]
    skipped: int = 0


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
        # Files whose last line this process has checked (and ended if torn).
        self._mended: set[Path] = set()
        self._identity: tuple[str, str] | None = None

    # ┌──────────────────────────────────────────────────────────────────────┐
    # │ POLICY: an action is never refused or undone because its audit       │
    # │ record cannot be written (full disk, no rights to audit/, a lock     │
    # │ held too long). Plans are still saved, signed and followed up,       │
    # │ documents still saved and printed: a caseworker at a meeting with    │
    # │ the citizen must not lose work or be stopped by a logging fault.     │
    # │ Instead the failure is reported once per process (a message box in   │
    # │ the app, stderr from `planbro`) so IT can repair it, and record()    │
    # │ returns False. The command's exit status stays that of the action.  │
    # │ A change whose record failed is tried again at its next save.        │
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

    def _append(self, action: str, plan_id: str | None, version: int | None, via: str,
                detail: str) -> bool:
        if self._identity is None:
            self._identity = (_login(), _computer())
        user, host = self._identity
        at = datetime.now(UTC)
        line = json.dumps({
            "at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "user": user, "host": host,
            "action": action, "plan": plan_id, "version": version, "via": via, "detail": detail,
        }, ensure_ascii=False, separators=(",", ":")) + "\n"
        path = self.folder / f"audit-{at:%Y-%m}.jsonl"
        try:
            self._write(path, line.encode("utf-8"))
        except OSError as error:  # TimeoutError (the lock) is one too
            self._failed(error.strerror or str(error) or type(error).__name__)
            return False
        return True

    def _write(self, path: Path, data: bytes) -> None:
        from filelock import FileLock, Timeout

        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.folder / LOCK_NAME), timeout=LOCK_TIMEOUT_S, thread_local=False)
        flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0)
        try:
            with lock:
                fd = os.open(path, flags, 0o644)
                try:
                    if path not in self._mended:
                        _end_torn_line(fd)
                        self._mended.add(path)
                    written = os.write(fd, data)
                    if written != len(data):
                        # A short write (disk full): end the torn line so the
                        # next record starts on a line of its own.
                        os.write(fd, b"\n")
                        raise OSError(_("the disk is full"))
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except Timeout:
            raise TimeoutError(_("another Planbro holds the audit log")) from None

    def _failed(self, reason: str) -> None:
        first = not self.failure
        self.failure = self.failure or reason
        if first:
            self.on_failure(failure_message(reason))

    # -- reading ---------------------------------------------------------------
    def files(self) -> list[Path]:
        """The month files, oldest first."""
        return sorted(self.folder.glob(FILE_PATTERN))

    def read(self) -> Reading:
        """Every whole record, oldest file first; torn or damaged lines are skipped."""
        reading = Reading([])
        for path in self.files():
            for record in _records_of(path.read_bytes(), reading):
                reading.records.append(record)
        return reading


def _end_torn_line(fd: int) -> None:
    """Append a newline when the file's last line was torn by a crash."""
    size = os.fstat(fd).st_size
    if size == 0:
        return
    os.lseek(fd, size - 1, os.SEEK_SET)
    if os.read(fd, 1) != b"\n":
        os.write(fd, b"\n")


def _records_of(data: bytes, reading: Reading) -> Iterator[dict[str, Any]]:
    for raw in data.split(b"\n"):
        if not raw.strip():
            continue
        text = raw.decode("utf-8", errors="replace")
        record = _parse(text)
        if record is None:
            # A torn record may have been followed by a whole one on its line.
            start = text.rfind(_RECORD_START)
            record = _parse(text[start:]) if start > 0 else None
            reading.skipped += 1
        if record is not None:
            yield record


def _parse(text: str) -> dict[str, Any] | None:
    try:
        record = json.loads(text)
    except ValueError:
        return None
    if not isinstance(record, dict) or not isinstance(record.get("at"), str):
        return None
    return record


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
