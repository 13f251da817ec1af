"""The summary index: one row per plan, so a list never opens the case files.

┌──────────────────────────────────────────────────────────────────────────┐
│ index.json      a snapshot of every row, replaced atomically.            │
│ index.journal   rows appended since the snapshot, one JSON line each,    │
│                 fsynced per save; a later line for an id wins.           │
│                                                                          │
│ A save appends one short line, so its cost does not grow with the store. │
│ After COMPACT_AFTER lines (and on close) the rows are written as a new   │
│ snapshot and the journal starts again empty. Replaying an old journal    │
│ over a newer snapshot gives the same rows, so a crash between those two  │
│ steps is harmless; a torn last line (a crash mid-append) is ignored.     │
│                                                                          │
│ The index is only a cache of the case files: each row remembers its     │
│ case file's mtime and size, and on opening the folder is listed once     │
│ (os.scandir, no file is read) and any case file the index missed or has  │
│ stale - a crash between writing a case and its journal line, a file put  │
│ back by hand - is read again. A missing or unreadable index is rebuilt   │
│ from the case files.                                                     │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import errno
import json
import logging
import os
from collections.abc import Callable
from io import FileIO
from pathlib import Path

from planbro.fileio.atomic import write_atomic
from planbro.fileio.private import open_private_append

from planbro.storage.errors import StoreCorrupt
from planbro.storage.paths import Layout
from planbro.storage.summary import MTIME, SIZE, PlanSummary, Row, is_row, summary_from_row

log = logging.getLogger(__name__)

# Format tag of index.json; another tag (an older row layout) is rebuilt from the case files.
# /5: each row holds the overview's facts of its plan (summary.py Facts).
INDEX_FORMAT = "planbro-index/5"
# Journal lines after which the writer folds them into a new snapshot.
COMPACT_AFTER = 1000
# What the snapshot and the journal's lines are sealed as in an encrypted folder (codec.py).
SNAPSHOT_ROLE, JOURNAL_ROLE = "index", "journal"

# Makes the row of one plan from its case file (None if it is gone); raises StoreCorrupt.
Summarize = Callable[[str, os.stat_result], "Row | None"]
# What tells a file changed: inode, size, mtime_ns.
Signature = tuple[int, int, int]


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


class SummaryIndex:
    """Rows of every plan, in memory, backed by index.json and index.journal."""

    def __init__(self, layout: Layout, summarize: Summarize, *, writable: bool) -> None:
        self.layout = layout
        self.summarize = summarize
        self.writable = writable
        self.rows: dict[str, Row] = {}
        # Case files that could not be read at the last check.
        self.corrupt: list[StoreCorrupt] = []
        # Leftover temporary files of writes a crash interrupted.
        self.leftovers: list[str] = []
        self._summaries: dict[str, PlanSummary] = {}
        self._journal: FileIO | None = None
        self._lines = 0
        # Where the journal's complete lines end when a crash left a torn one after them:
        # the writer cuts it off before appending (None: no torn line seen).
        self._torn_at: int | None = None
        # True when the files on disk should be rewritten (torn line, stale rows).
        self._dirty = False
        # What was read: snapshot signature, journal signature, journal bytes consumed.
        self._seen: tuple[Signature | None, Signature | None, int] = (None, None, 0)

    # -- opening ---------------------------------------------------------------

    def open(self) -> None:
        """Load the index, bring it in line with the case files, and get ready to append."""
        self._load()
        self._check_cases()
        if self.writable:
            # On a full disk the rows stay in memory and are written later: opening
            # the store to read must work without free space.
            if self._dirty:
                self._try(self.compact)
            else:
                self._try(self._open_journal)

    def _try(self, write: Callable[[], object]) -> bool:
        """Write the index, or leave it for later when the disk refuses (it is only a cache)."""
        try:
            write()
        except OSError as error:
            log.warning("index not written (it is rebuilt from the case files): %s",
                        error.strerror or error)
            self._dirty = True
            return False
        return True

    def _load(self) -> None:
        self.rows, self._summaries, self._dirty, self._lines = {}, {}, False, 0
        self._torn_at = None
        snapshot_sig = _signature(self.layout.index)
        try:
            raw = self.layout.index.read_bytes()
            raw = self.layout.codec.open(SNAPSHOT_ROLE, "", raw, self.layout.index)
            snapshot = json.loads(raw.decode("utf-8"))
            if not isinstance(snapshot, dict) or snapshot.get("format") != INDEX_FORMAT:
                raise ValueError("not a Planbro index")
            for row in snapshot["rows"]:
                if is_row(row):
                    self.rows[row[0]] = row
        except FileNotFoundError:
            self._dirty = True
        except (OSError, ValueError, KeyError, TypeError, StoreCorrupt) as error:
            log.warning("index snapshot unreadable, rebuilding: %s", error)
            self.rows, self._dirty = {}, True
        journal_sig = _signature(self.layout.journal)
        consumed = self._replay(0)
        self._seen = (snapshot_sig, journal_sig, consumed)

    def _replay(self, offset: int) -> int:
        """Apply the journal's complete lines from byte `offset`; return the new offset."""
        try:
            with open(self.layout.journal, "rb") as handle:
                handle.seek(offset)
                data = handle.read()
        except FileNotFoundError:
            return offset
        end = data.rfind(b"\n") + 1
        if end != len(data):
            # A torn last line: a crash while appending. The save it belongs to
            # never returned, so the line is dropped (and the case file re-checked).
            self._dirty = True
            self._torn_at = offset + end
        codec = self.layout.codec
        for line in data[:end].splitlines():
            try:
                opened = codec.open_line(JOURNAL_ROLE, line, self.layout.journal)
                row = json.loads(opened.decode("utf-8")) if opened is not None else None
            except ValueError:
                row = None
            if is_row(row):
                self.rows[row[0]] = row
                self._summaries.pop(row[0], None)
                self._lines += 1
            else:
                self._dirty = True
        return offset + end

    def _check_cases(self) -> None:
        """Re-read case files that are new, changed or gone since their row was made."""
        self.corrupt, self.leftovers = [], []
        stale: list[tuple[str, os.stat_result]] = []
        seen: set[str] = set()
        try:
            entries = os.scandir(self.layout.cases)
        except FileNotFoundError:
            entries = None
        if entries is not None:
            with entries:
                for entry in entries:
                    plan_id = Layout.plan_id_of(entry.name)
                    if plan_id is None:
                        if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                            self.leftovers.append(entry.path)
                        continue
                    stat = entry.stat()
                    seen.add(plan_id)
                    row = self.rows.get(plan_id)
                    if row is None or row[MTIME] != stat.st_mtime_ns or row[SIZE] != stat.st_size:
                        stale.append((plan_id, stat))
        for gone in set(self.rows) - seen:
            self._forget(gone)
        for plan_id, stat in stale:
            try:
                row = self.summarize(plan_id, stat)
                if row is None:
                    self._forget(plan_id)
                else:
                    self._set(row)
            except StoreCorrupt as error:
                # The old row (if any) stays, so the plan is still listed;
                # opening it tells the user what is wrong and offers a backup.
                log.warning("unreadable case file %s", error.path.name)
                self.corrupt.append(error)
        if stale:
            log.info("index: %d case file(s) read again", len(stale))

    def _set(self, row: Row) -> None:
        self.rows[row[0]] = row
        self._summaries.pop(row[0], None)
        self._dirty = True

    def _forget(self, plan_id: str) -> None:
        self.rows.pop(plan_id, None)
        self._summaries.pop(plan_id, None)
        self._dirty = True

    # -- writing ---------------------------------------------------------------

    def _open_journal(self) -> FileIO:
        if self._journal is None:
            # Kept open for the index's lifetime; closed by close().
            # (Private: the rows hold names and birth dates.)
            self._journal = open(open_private_append(self.layout.journal), "ab",  # noqa: SIM115
                                 buffering=0)
            if self._torn_at is not None:
                # A torn line a crash left: the next line must not be glued onto it.
                if os.fstat(self._journal.fileno()).st_size > self._torn_at:
                    os.ftruncate(self._journal.fileno(), self._torn_at)
                self._torn_at = None
        return self._journal

    def record(self, row: Row) -> None:
        """Remember a plan's new row; on disk (fsynced) before this returns."""
        self.rows[row[0]] = row
        self._summaries.pop(row[0], None)
        if not self.writable:
            return
        if self._try(lambda: self._append(row)):
            self._lines += 1
            if self._lines >= COMPACT_AFTER:
                self._try(self.compact)

    def _append(self, row: Row) -> None:
        journal = self._open_journal()
        start = os.fstat(journal.fileno()).st_size
        line = self.layout.codec.seal_line(JOURNAL_ROLE, json.dumps(row, ensure_ascii=False).encode(
            "utf-8"))
        try:
            if journal.write(line) != len(line):
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.layout.journal))
            os.fsync(journal.fileno())
        except OSError:
            # No half line for the next one to be glued to (a truncate needs no space).
            os.ftruncate(journal.fileno(), start)
            raise

    def forget(self, plan_id: str) -> None:
        """Drop the row of a deleted plan; a reader sees it gone at its next refresh."""
        self._forget(plan_id)
        if self.writable:
            # A new snapshot, not a journal line: rows are only ever added there. On a full
            # disk the old snapshot keeps the row, and the next start sees the file gone.
            self._try(self.compact)

    def compact(self) -> None:
        """Write every row as a new snapshot and start an empty journal."""
        snapshot = {"format": INDEX_FORMAT, "rows": list(self.rows.values())}
        write_atomic(self.layout.index, self.layout.codec.seal(
            SNAPSHOT_ROLE, "", json.dumps(snapshot, ensure_ascii=False).encode("utf-8")))
        self._close_journal()
        write_atomic(self.layout.journal, b"")
        self._lines, self._dirty, self._torn_at = 0, False, None
        self._open_journal()

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None

    def close(self) -> None:
        try:
            if self.writable and (self._lines or self._dirty):
                self._try(self.compact)
        finally:
            self._close_journal()

    # -- reading ---------------------------------------------------------------

    def refresh(self) -> None:
        """For a reader: take in what the writer has saved since the last look."""
        snapshot_sig, journal_sig, consumed = self._seen
        now_snapshot, now_journal = _signature(self.layout.index), _signature(self.layout.journal)
        if now_snapshot == snapshot_sig and now_journal == journal_sig:
            return
        same_journal = (now_journal and journal_sig and now_journal[0] == journal_sig[0]
                        and now_journal[1] >= consumed)
        if now_snapshot == snapshot_sig and same_journal:
            self._seen = (snapshot_sig, now_journal, self._replay(consumed))
            return
        self._load()
        self._check_cases()

    def summaries(self) -> list[PlanSummary]:
        """The latest version of every plan, by the citizen's name."""
        cache = self._summaries
        for plan_id, row in self.rows.items():
            if plan_id not in cache:
                cache[plan_id] = summary_from_row(row)
        return sorted(cache.values(), key=lambda s: (s.name.casefold(), s.id))
