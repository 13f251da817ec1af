"""PlanStore: the plans in one data folder, saved crash-safely, one writer at a time.

Layout of the data folder (file names hold random plan ids only):
    meta.json              schema version (migrations.py)
    cases/<id>.json        one TinyDB file per plan, every version (casefile.py)
    index.json, .journal   summaries of the latest versions (index.py)
    backups/               rotating backups of replaced files (backups.py)
    damaged/               unreadable files, copied aside before a restore
    planbro.lock           the writer's lock (lock.py)
    audit/                 the audit log (planbro.audit), when the store is given one
Opening, the lock and reading are opened.py's; every change is here. A save rewrites only its own case file and appends one index line, so it
costs the same with ten plans or ten thousand.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planbro.model import Plan
from planbro.model.convert import to_dict
from planbro.model.dates import now_timestamp

from planbro.storage import removal, restore, writing
from planbro.storage.casefile import same_content
from planbro.storage.errors import PlanFrozen, PlanNotFound, StoreCorrupt, StoreError
from planbro.storage.interface import Store
from planbro.storage.opened import OpenedStore, with_backups
from planbro.storage.paths import check_plan_id
from planbro.storage.recorder import PendingRecord
from planbro.storage.steps import LifecycleSteps, import_decision, imported
from planbro.storage.summary import summary_row

log = logging.getLogger(__name__)


class PlanStore(OpenedStore, LifecycleSteps, Store):
    """The plans in one data folder: one writer (the lock), any number of readers.

    Every change is on disk (fsynced) when the method returns. Reading works
    in a read-only store; every change then raises StoreLocked.

    With an `audit` log, the store records its own changes there (save:
    create or change, put: import, sign, revise, close, follow-up, journalise,
    delete, purge, restore),
    marked `via` ("app" or "cli"); views, documents, prints and exports are
    recorded by whoever shows or writes them, through record(). Reading
    (get) records nothing: the caseload's quality check reads every plan.
    """

    def _open(self) -> None:
        super()._open()
        if self.audit is not None:
            # The log's head gets its MAC and a waiting record its seal with the folder's
            # keys; records that waited for the log (writing.py) are written now if they can.
            self.audit.use_keys(self._layout.codec.keys)
            if not self.read_only:
                self.audit.write_waiting()

    # -- writing -----------------------------------------------------------------

    def _begin(self, action: str, plan_id: str | None, version: int | None,
               detail: str = "") -> PendingRecord | None:
        """The audit record of a change about to be made (writing.py: both or neither)."""
        return writing.begin(self.audit, self.via, self.data_dir, action, plan_id, version,
                             detail)

    def _write(self, plan_id: str, decide: writing.Decide,
               audit: Callable[[list[dict[str, Any]]], writing.Audit]) -> None:
        """Store what `decide` makes of the plan's versions, with the record `audit` makes
        of it (writing.write_case), and its summary in the index."""
        try:
            docs = writing.write_case(self._layout, plan_id, decide, audit, self._begin)
        except StoreCorrupt as error:
            raise with_backups(self._layout, error) from None
        if docs is not None:
            self._index.record(summary_row(docs, os.stat(self._layout.case(plan_id)),
                                           self._facts))

    def save(self, plan: Plan) -> Plan:
        """Save the draft `plan` (new or changed); durable on disk when this returns.

        When it holds exactly what is stored, nothing is written or recorded."""
        self._writable()
        check_plan_id(plan.id)
        if plan.status != "draft":
            raise PlanFrozen.of(plan.status, plan.version)

        done: list[str] = []

        def decide(docs: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
            stored = docs.get(plan.version)
            if stored is None and docs:
                raise PlanNotFound.no_version(plan.id, plan.version)
            if stored is not None and stored.get("status") != "draft":
                raise PlanFrozen.of(stored.get("status", ""), plan.version)
            if stored is not None and same_content(to_dict(plan), stored):
                # Nothing changed (a plan opened and walked through): no write, no record.
                plan.created, plan.updated = stored.get("created", ""), stored.get("updated", "")
                return []
            done.append("change" if docs else "create")
            now = now_timestamp()
            plan.created = plan.created or (stored or {}).get("created") or now
            plan.updated = now
            return [to_dict(plan)]

        with self._mutex:
            # "change" is coalesced by the log: autosave saves every pause in typing.
            self._write(plan.id, decide, lambda changes: (done[0], plan.version, ""))
        return plan

    def put(self, plan: Plan) -> Plan:
        """Store `plan` exactly as given (an import): its version, status and stamps are kept."""
        self._writable()
        doc = imported(plan)

        def decide(docs: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
            return import_decision(docs, plan.version, doc)

        with self._mutex:
            self._write(plan.id, decide, lambda changes: ("import", plan.version, ""))
        return plan

    def _change(self, plan_id: str, make: Callable[[Plan], list[Plan]], action: str,
                detail: str = "") -> list[Plan]:
        """Apply a lifecycle step to the latest version and record `action` for the first
        version it stored; return the versions stored (empty when there was nothing to do)."""
        self._writable()
        path = self._case_path(plan_id)
        result: list[Plan] = []

        def decide(docs: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
            if not docs:
                raise PlanNotFound.no_plan(plan_id)
            latest = self._plan(path, docs[max(docs)])
            made = make(latest)
            result.extend(made)
            return [to_dict(plan) for plan in made]

        with self._mutex:
            if not path.exists():
                raise PlanNotFound.no_plan(plan_id)
            self._write(plan_id, decide, lambda changes: (action, changes[0]["version"], detail))
        return result

    def _remove(self, plan_id: str, action: str,
                refusal: Callable[[dict[int, dict[str, Any]]], StoreError | None]) -> int:
        """Delete the plan's files when `refusal` of its versions is None, recording `action`
        first (both or neither); the order of the deletes is removal.py's."""
        self._writable()
        with self._mutex:
            docs = self._versions(plan_id)
            refused = refusal(docs)
            if refused is not None:
                raise refused
            with writing.recorded(self._begin(action, plan_id, max(docs)), self._layout.cases):
                removal.remove(self._layout, self._case_path(plan_id))
            self._index.forget(plan_id)
        return max(docs)

    # -- backups -----------------------------------------------------------------

    def restore_backup(self, backup: str | Path, *, force: bool = False) -> Path:
        """Put a backup back in place of its (unreadable) data file; return that file's path.

        Over a readable file only with `force`: restore_backup() above."""
        self._writable()
        with self._mutex:
            plan_id = restore.plan_of(self._layout, Path(backup))
            with writing.recorded(self._begin("restore", plan_id, None), self.data_dir):
                restored = restore.restore(self._layout, Path(backup), force=force)
            # A restored case file passed check_case, so it has a version to summarize.
            row = self._summarize(plan_id, os.stat(restored)) if plan_id else None
            if row is not None:
                self._index.record(row)
                self._index.corrupt = [e for e in self._index.corrupt if e.path != restored]
        return restored
