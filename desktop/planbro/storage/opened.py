"""The data folder opened: the writer's lock, the schema, the summary index, and reading.

PlanStore (store.py) adds every change on top of this; reading works in a
read-only store as well as in the writer's. No Qt here.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Any, Self

from planbro.fileio.atomic import fsync_dir
from planbro.fileio.failures import write_failure
from planbro.fileio.private import make_private_dir
from planbro.translation import _

from planbro.crypto.keys import KeyChain

from planbro.model import Plan, ValidationError
from planbro.model.convert import from_dict

from planbro.storage import backups, folder, keying, migrations, restore
from planbro.storage.casefile import read_versions
from planbro.storage.codec import PHASE_KEYS, migration_phase
from planbro.storage.errors import PlanNotFound, StoreCorrupt, StoreLocked, StoreWriteFailed
from planbro.storage.index import SummaryIndex
from planbro.storage.lock import WriterLock
from planbro.storage.paths import Layout, default_data_dir, is_plan_id, layout_of
from planbro.storage.recorder import Recorder
from planbro.storage.summary import ROW_FIELDS, Facts, PlanSummary, Row, summary_row

log = logging.getLogger(__name__)

# Fewest characters of an id that resolve() accepts as a prefix.
MIN_PREFIX = 4
# Where a row holds the plan's overview facts.
OVERVIEW = ROW_FIELDS.index("overview")


def with_backups(layout: Layout, error: StoreCorrupt) -> StoreCorrupt:
    original = backups.original_of(layout, error.path) or error.path
    try:
        found = backups.readable(layout, original, restore.check_for(layout, original))
    except ValueError:  # not inside the data folder
        found = []
    return error.with_backups(found)


class OpenedStore:
    """One data folder opened for writing (holding the lock) or for reading only.

    A folder with a key file is encrypted (codec.py) and opens only with its `keys`
    (planbro.crypto.keys.unlock); without them StoreKeyNeeded says how to unlock it.
    With `facts`, every summary row the store makes holds the plan's overview facts
    (summary.py Facts); the front ends open it so, the overview reads them.
    """

    def __init__(self, data_dir: Path | str | None = None, *, read_only: bool = False,
                 audit: Recorder | None = None, via: str = "app",
                 keys: KeyChain | None = None, facts: Facts | None = None) -> None:
        self.data_dir = default_data_dir(data_dir)
        self._facts = facts
        self.read_only = read_only
        self.audit = audit
        self.via = via
        # Why the store is read-only when open() fell back to reading.
        self.locked_reason = ""
        # True when opening undid a start of encryption a crash cut short (keying.py).
        self.encryption_rolled_back = False
        self._mutex = threading.RLock()
        folder.check_layout(Layout(self.data_dir))
        # Sealed with `keys` when the folder has a key file; StoreKeyNeeded without them.
        self._layout = layout_of(self.data_dir, keys)
        self._lock = None if read_only else WriterLock(self._layout.lock, self.data_dir)
        try:
            self._open()
        except OSError as error:
            # Making the folder's first files on a full or read-only disk.
            self._release()
            # (Not "nothing was changed": a migration may have done some of its steps.)
            raise StoreWriteFailed(write_failure(error, self.data_dir), error) from None
        except BaseException:
            self._release()
            raise

    @classmethod
    def open(cls, data_dir: Path | str | None = None, *, audit: Recorder | None = None,
             via: str = "app", keys: KeyChain | None = None, facts: Facts | None = None) -> Self:
        """The store for writing, or for reading only when another process writes to it.

        `audit`, `via`, `keys` and `facts` are the constructor's."""
        try:
            return cls(data_dir, audit=audit, via=via, keys=keys, facts=facts)
        except StoreLocked as locked:
            store = cls(data_dir, read_only=True, audit=audit, via=via, keys=keys, facts=facts)
            store.locked_reason = str(locked)
            return store

    def _open(self) -> None:
        if not self.read_only:
            # A migration to encryption or a change of key a crash cut short; a start of
            # encryption cut short before any file was sealed is rolled back (told by the caller).
            self.encryption_rolled_back = migration_phase(self.data_dir) == PHASE_KEYS
            self._layout = keying.settle(self._layout)
        layout = self._layout
        if not self.read_only:
            if not layout.cases.is_dir():
                make_private_dir(layout.cases)
                # The new folder's name must survive a power cut like any file.
                fsync_dir(layout.root)
            folder.make_private(layout)
            # Temporary files of writes a crash cut short; the real file is whole.
            folder.remove(folder.leftovers(layout))
            # A restore a crash cut short: the file it replaced becomes the newest backup.
            backups.finish_interrupted_restores(layout)
        try:
            self.schema_version = migrations.prepare(layout, writable=not self.read_only)
        except StoreCorrupt as error:
            raise with_backups(layout, error) from None
        self._index = SummaryIndex(layout, self._summarize, writable=not self.read_only)
        self._index.open()
        if not self.read_only:
            folder.remove([Path(leftover) for leftover in self._index.leftovers])

    @property
    def corrupt(self) -> list[StoreCorrupt]:
        """Case files found unreadable when the store was opened, each with its backups."""
        return [with_backups(self._layout, e) for e in self._index.corrupt]

    # -- open / close ------------------------------------------------------------

    def close(self) -> None:
        with self._mutex:
            try:
                if not self.read_only:
                    self._index.close()
            finally:
                self.read_only = True
                self._release()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, action: str, plan_id: str | None, version: int | None = None,
               detail: str = "") -> bool:
        """Write one audit record (planbro.audit) when the store has a log.

        Also after close() and in a read-only store: a reader's views count.
        """
        if self.audit is None:
            return True
        return self.audit.record(action, plan_id, version, via=self.via, detail=detail)

    def _writable(self) -> None:
        if self.read_only:
            if self.locked_reason:
                raise StoreLocked(self.locked_reason)
            raise StoreLocked.read_only(self.data_dir)
        if self._lock is not None:
            self._lock.check()

    # -- reading -----------------------------------------------------------------

    def _case_path(self, plan_id: str) -> Path:
        if not isinstance(plan_id, str) or not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)
        return self._layout.case(plan_id)

    def _versions(self, plan_id: str) -> dict[int, dict[str, Any]]:
        path = self._case_path(plan_id)
        try:
            docs = read_versions(path, self._layout)
        except StoreCorrupt as error:
            raise with_backups(self._layout, error) from None
        if not docs:
            raise PlanNotFound.no_plan(plan_id)
        return docs

    def _plan(self, path: Path, doc: dict[str, Any]) -> Plan:
        try:
            return from_dict(Plan, doc)
        except ValidationError as error:
            raise with_backups(self._layout, StoreCorrupt(path, str(error.problems[0]))) from None

    def get(self, plan_id: str, version: int | None = None) -> Plan:
        """A stored version of the plan; the latest when `version` is None."""
        docs = self._versions(plan_id)
        wanted = max(docs) if version is None else version
        if wanted not in docs:
            raise PlanNotFound.no_version(plan_id, wanted)
        return self._plan(self._layout.case(plan_id), docs[wanted])

    def versions(self, plan_id: str) -> list[int]:
        return sorted(self._versions(plan_id))

    def summaries(self) -> list[PlanSummary]:
        """The latest version of each plan, from the index (no case file is read)."""
        with self._mutex:
            if self.read_only:
                self._index.refresh()
            return self._index.summaries()

    def renew_facts(self, plan_ids: list[str], facts: Facts | None = None) -> int:
        """Make the overview facts of these plans again from their case files (each read
        once) and keep them in their rows: the overview asks for facts of another format (a
        rule changed, or the municipality's policy: the overview gives `facts` made under
        the policy it counts with, else the store's own are used). How many rows were made;
        none when the store is opened for reading or without a Facts (the overview then
        reads each plan itself)."""
        if self.read_only or self._facts is None:
            return 0
        made = 0
        with self._mutex:
            for plan_id in plan_ids:
                try:
                    row = self._summarize(plan_id, os.stat(self._layout.case(plan_id)), facts)
                except (OSError, StoreCorrupt):
                    continue
                if row is not None and row[OVERVIEW] is not None:
                    self._index.record(row)
                    made += 1
        return made

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the plan whose id is, or begins with, `id_or_prefix`."""
        text = id_or_prefix.strip().lower()
        with self._mutex:
            if self.read_only:
                self._index.refresh()
            ids = list(self._index.rows)
        if is_plan_id(text) and (text in ids or self._layout.case(text).exists()):
            return text
        if len(text) < MIN_PREFIX:
            raise PlanNotFound(_("Give at least {count} characters of the plan's id.").format(
                count=MIN_PREFIX))
        matches = [plan_id for plan_id in ids if plan_id.startswith(text)]
        if len(matches) > 1:
            raise PlanNotFound(_("«{prefix}» matches {count} plans; give more of the id.").format(
                prefix=id_or_prefix, count=len(matches)))
        if not matches:
            raise PlanNotFound.no_plan(id_or_prefix)
        return matches[0]

    # -- backups -----------------------------------------------------------------

    def backups(self) -> list[Path]:
        """Every backup in the data folder, newest first."""
        return backups.everything(self._layout)

    def _summarize(self, plan_id: str, stat: os.stat_result,
                   facts: Facts | None = None) -> Row | None:
        docs = read_versions(self._layout.case(plan_id), self._layout)
        # None: the file went away after it was listed.
        return summary_row(docs, stat, facts or self._facts) if docs else None
