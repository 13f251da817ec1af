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
are found by `planbro audit --verify` (verify.py). The append itself, under
the lock, is appending.py's; a change's record the log cannot take waits
in the data folder (waiting.py).
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planbro.fileio.failures import write_failure
from planbro.translation import _

from planbro.crypto import keyfile
from planbro.crypto.keys import KeyChain
from planbro.crypto.sealing import DataKey

from planbro.model.plan import OUTCOME_WORDS
from planbro.model.sharing import read_extract_detail

from planbro.audit import chain, waiting
from planbro.audit.appending import Appender
from planbro.audit.chain import Tail
from planbro.audit.purposes import FIXED_PURPOSES, PURPOSE_ACTIONS, purpose_problem
from planbro.audit.reading import Reading, month_files, read_folder

# What can happen to a plan, as recorded in "action".
ACTIONS = ("view", "create", "change", "sign", "revise", "close", "follow_up", "import",
           "export", "render", "print", "restore", "delete", "repair", "journalise", "purge",
           "extract", "caseload", "key", "lease_break", "handover", "move_out")
# Where it was done: the desktop app or the `planbro` command.
VIAS = ("app", "cli")
# What a "key" record says was done to the data folder's keys (planbro key, the app).
KEY_DETAILS = ("kryptering slået til", "ny datanøgle", "ny gendannelsesnøgle")
# What a "render" record says of the citizen's own copy (Din plan), by its kind.
CITIZEN_COPY_DETAILS = ("din plan docx", "din plan pdf")
# The only words "detail" may hold: document kinds, a signature despite
# errors, follow-up outcomes, the quality check. Fixed words, so no
# personal data can ever reach the log through it (and a partner's extract's
# form of them, model.sharing.extract_detail: its place in the plan and the parts).
DETAILS = frozenset({"", "docx", "pdf", "trods fejl", "kvalitetstjek", *OUTCOME_WORDS.values(),
                     *KEY_DETAILS, *CITIZEN_COPY_DETAILS})
# Autosave saves every pause in typing; a plan version gets at most one
# "change" record per process in this many seconds ("create" opens the window).
CHANGE_INTERVAL_S = 600
# The log's folder inside the data folder.
FOLDER = "audit"
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


def _once(report: Callable[[str], None]) -> Callable[[str], None]:
    """`report`, called the first time only."""
    told: list[str] = []

    def first(text: str) -> None:
        if not told:
            told.append(text)
            report(text)
    return first


def failure_message(reason: str) -> str:
    """What the user is told (once) when a record cannot be written."""
    return _("Planbro could not write to the audit log of who viewed and changed plans: "
             "{reason} What you view is shown, and changes to plans are saved, their records "
             "kept in the data folder until the log can be written; documents, prints and "
             "exports are refused until then. Please tell your IT support.").format(reason=reason)


def waiting_message(reason: str) -> str:
    """What the user is told when a change was saved but its record waits (waiting.py)."""
    return _("The change is saved, but its line in the audit log is waiting: {reason} Planbro "
             "writes it to the log as soon as the log can be written again.").format(
                 reason=reason)


class AuditLog:
    """Appends audit records for one data folder; see the module's docstring.

    on_failure(text) is called once, with a message for the user, the first
    time a record cannot be written; on_waiting(text) each time a change was
    saved while its record waits in the data folder (default: stderr, once);
    clock gives seconds (for the change coalescing; tests pass their own);
    keys are the unlocked keys of an encrypted data folder (use_keys).
    """

    def __init__(self, data_dir: str | Path, *, on_failure: Callable[[str], None] | None = None,
                 on_waiting: Callable[[str], None] | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 keys: KeyChain | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.folder = self.data_dir / FOLDER
        self.on_failure = on_failure or _report_on_stderr
        self.on_waiting = on_waiting or _once(_report_on_stderr)
        # The head's MAC key and the waiting records' key, in an encrypted folder (use_keys).
        self.head_key: bytes | None = None
        self.waiting_key: DataKey | None = None
        self.use_keys(keys)
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

    def use_keys(self, keys: KeyChain | None) -> None:
        """The unlocked keys of the data folder (None: not unlocked, or plaintext): the head
        gets its MAC and waiting records their seal with keys derived from the store key."""
        if keys is not None and keys.store_key:
            self.head_key = chain.head_key(keys.store_key)
            self.waiting_key = waiting.key_of(keys.store_key)

    @property
    def sealed_folder(self) -> bool:
        """Whether the data folder is encrypted (its head needs a MAC, its waiting records a seal)."""
        return self.head_key is not None or keyfile.exists(self.data_dir)

    def write_waiting(self) -> None:
        """Append the records that wait in the data folder (waiting.py), if the log can be
        written now; never raises (they wait on, and the next record tries again)."""
        if not waiting.files(self.data_dir):
            return
        with self._mutex:
            now = datetime.now(UTC)
            try:
                appender = Appender.open(self, self.folder / f"audit-{now:%Y-%m}.jsonl")
            except OSError:
                return
            try:
                appender.put_waiting(self)
            except OSError:
                appender.cancel()
                return
            appender.commit(self)

    def set_purpose(self, word: str) -> None:
        """The purpose of what this session shows or hands out from now on.

        Raises ValueError for a word that is not a purpose's shape: the front
        ends offer only the purposes' list (purposes.py says why).
        """
        if purpose_problem(word) is not None:
            raise ValueError(f"audit purpose {word!r} is not a purpose word")
        self.purpose = word

    # ┌────────────────────────────────────────────────────────────────────────┐
    # │ POLICY (issues 10, 11): a CHANGE to a plan is written with its record: │
    # │ the store calls begin(may_wait=True) before it writes the change,      │
    # │ which appends the record under the log's lock and keeps the lock until │
    # │ the change is on disk; if the change fails the record is cut off again │
    # │ (a truncate needs no free space). A crash between the two can at worst │
    # │ leave a record of a change that did not happen, never a change without │
    # │ one. If the log cannot be written (no rights to audit/, its disk full, │
    # │ the lock held too long), the change is saved all the same (issue 11:   │
    # │ no data is lost for want of a log line): its record waits in the data  │
    # │ folder (waiting.py) until the next append writes it, and the user is   │
    # │ told (on_waiting). Only when the data folder cannot take it either (a  │
    # │ full disk) does begin() raise and the change is refused; the           │
    # │ caseworker's typing stays in the window. A document, an export, a      │
    # │ print or an extract is handed out only with its record in the log      │
    # │ (logging cannot be switched off from outside): its front end calls     │
    # │ begin() before the file is written or the pages go to the printer, and │
    # │ refuses when it raises; it never waits. Views go through record():     │
    # │ never refused because the log fails, but the failure is reported once  │
    # │ per process (a message box in the app, stderr from `planbro`) so IT    │
    # │ can repair it; record() returns False then.                            │
    # └────────────────────────────────────────────────────────────────────────┘
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
              via: str, detail: str = "", may_wait: bool = False) -> Pending:
        """Write the record of a change about to be made; see POLICY above.

        The returned Pending holds the log's lock: call commit() once the
        change is on disk, or cancel() when it failed. Raises OSError
        (TimeoutError for the lock) when the record cannot be written, and
        with `may_wait` only when it cannot be kept waiting either;
        ValueError as record() does.
        """
        _check(action, plan_id, version, via, detail)
        with self._mutex:
            key = (plan_id, version)
            last = self._last_change.get(key)
            if action == "change" and last is not None and self._clock() - last < CHANGE_INTERVAL_S:
                # Coalesced: the record of this version's last change stands for it.
                return Pending(self, None, key, action)
        line = self._line(action, plan_id, version, via, detail)
        try:
            appender = self._append_open(line)
        except OSError as error:
            if not may_wait:
                raise
            return Pending(self, None, key, action, kept=self._keep(line[1], error))
        return Pending(self, appender, key, action)

    def _keep(self, fields: dict[str, Any], error: OSError) -> tuple[Path, str]:
        """Keep the record `fields` waiting (waiting.py); its file and why it waits. Raises
        `error` when it cannot be kept: a sealed folder without the keys, a full disk."""
        reason = write_failure(error, self.folder)
        if self.sealed_folder and self.waiting_key is None:
            raise error
        try:
            kept = waiting.keep(self.data_dir, fields, self.waiting_key)
        except OSError:
            raise error from None
        self._failed(reason)
        return kept, reason

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
            "purpose": FIXED_PURPOSES.get(action, self.purpose if action in PURPOSE_ACTIONS
                                          else ""),
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
        self._append_open((path, fields)).commit(self)

    def _append_open(self, line: tuple[Path, dict[str, Any]]) -> Appender:
        """Append the record `line` (month file, fields) after the records that waited, under
        the lock, which the returned Appender still holds; OSError with nothing of it left."""
        month, fields = line
        appender = Appender.open(self, month)
        try:
            appender.put_waiting(self)
            appender.put(fields)
        except BaseException:
            appender.cancel()
            raise
        return appender

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


class Pending:
    """The record of a change that is being made (AuditLog.begin): commit() or cancel() it.

    `kept` is the file of a record that waits in the data folder (waiting.py)
    and why it waits: commit() tells the user, cancel() removes it."""

    def __init__(self, log: AuditLog, appender: Appender | None,
                 key: tuple[str | None, int | None], action: str,
                 kept: tuple[Path, str] | None = None) -> None:
        self._log, self._appender, self._key, self._action = log, appender, key, action
        self._kept = kept

    @property
    def waits(self) -> bool:
        """Whether the record waits in the data folder instead of standing in the log."""
        return self._kept is not None

    def commit(self) -> None:
        if self._appender is not None:
            appender, self._appender = self._appender, None
            appender.commit(self._log)
        elif self._kept is not None:
            kept, self._kept = self._kept, None
            self._log.on_waiting(waiting_message(kept[1]))
        else:
            return
        if self._action in ("create", "change"):
            with self._log._mutex:
                self._log._last_change[self._key] = self._log._clock()

    def cancel(self) -> None:
        if self._appender is not None:
            appender, self._appender = self._appender, None
            appender.cancel()
        elif self._kept is not None:
            kept, self._kept = self._kept, None
            # A file that cannot be removed is a record of a change that did not happen.
            with contextlib.suppress(OSError):
                waiting.drop(kept[0])


def _check(action: str, plan_id: str | None, version: int | None, via: str, detail: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if via not in VIAS:
        raise ValueError(f"unknown audit via {via!r}")
    if detail not in DETAILS and not (action == "render" and read_extract_detail(detail)):
        raise ValueError(f"audit detail {detail!r} is not one of the fixed words")
    if plan_id is not None and not _plan_id_ok(plan_id):
        raise ValueError("an audit record names a plan by its id only")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise ValueError("an audit record's version is a number")
