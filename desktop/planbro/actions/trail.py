"""Where a use case writes its audit record: the data folder's log, and who acts.

The front end makes the Trail (the app from its store's log, the command
from the data folder it was given); a use case only says what happened to
which plan. The log's own policy applies (planbro.audit): a view or a
print whose record cannot be written goes ahead and is told once; a document
or export file is written only together with its record (begin).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from planbro.model import Plan

from planbro.storage.paths import is_plan_id
from planbro.storage.recorder import PendingRecord, Recorder

if TYPE_CHECKING:
    from planbro.storage import Store


class Recordable(Protocol):
    """What a record names of a plan: a Plan, or one that is gone and known by its records."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int | None: ...


@dataclass
class Trail:
    """The audit log to write to (None: no log), `via`: "app" or "cli", and the data
    folder the plans are kept in (None: its log's), where no plaintext file may go."""

    log: Recorder | None
    via: str = "app"
    data_dir: Path | None = None

    def data_folder(self) -> Path | None:
        """The data folder of the plans (or of the log; None: neither is known), where no
        plaintext goes."""
        if self.data_dir is not None:
            return Path(self.data_dir)
        folder = getattr(self.log, "data_dir", None)
        return Path(folder) if folder is not None else None

    def record(self, action: str, plan: Plan, detail: str = "") -> bool:
        """Record `action` on `plan`; True when it is in the log.

        A plan file's id names the plan; a plan without a proper id is
        logged without it (the log holds random ids only).
        """
        if self.log is None:
            return False
        plan_id = plan.id if is_plan_id(plan.id) else None
        return self.log.record(action, plan_id, plan.version, via=self.via, detail=detail)


    def begin(self, action: str, plan: Recordable, detail: str = "") -> PendingRecord:
        """The record of a document about to be written (planbro.audit's POLICY: both or
        neither); commit() it once the file is whole, cancel() it when the write failed.
        Raises OSError when the record cannot be written."""
        if self.log is None:
            return NO_RECORD
        plan_id = plan.id if is_plan_id(plan.id) else None
        return self.log.begin(action, plan_id, plan.version, via=self.via, detail=detail)


class _NoRecord:
    """Where there is no log: nothing to commit or take back."""

    def commit(self) -> None:
        pass

    def cancel(self) -> None:
        pass


# The record of a trail without a log.
NO_RECORD = _NoRecord()


def trail_of(store: Store) -> Trail:
    """The trail of a store: its audit log (if any), marked as it marks its own records,
    and its data folder."""
    return Trail(store.audit, store.via, Path(store.data_dir))
