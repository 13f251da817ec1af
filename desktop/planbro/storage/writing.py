"""A change to the store and its audit record: written both, or neither.

┌──────────────────────────────────────────────────────────────────────────┐
│ A change's audit record is written first (Recorder.begin: appended and   │
│ fsynced under the log's lock), then the case file is replaced            │
│ atomically; the record is committed only once the replace is on disk,    │
│ and cut off again when it failed. So a full disk, a refused folder or a  │
│ crash can never leave a signature, a revision or a restore without its   │
│ record (at worst, after a crash between the two, a record of a change    │
│ that did not happen).                                                    │
│ When the log cannot be written (issue 11: audit/ unwritable, its disk    │
│ full), the change is still made: no data is lost for want of a log line. │
│ Its record is kept instead as a file in the data folder's audit-pending/ │
│ (planbro.audit.waiting; sealed in an encrypted folder), written before   │
│ the case file as the log's record would be, removed again when the       │
│ change fails, and appended to the log, in order and chained, at the      │
│ next record or store opening that can write it. A crash after that file  │
│ is written and before the case file is replaced leaves, as above, a      │
│ record of a change that did not happen, never a change without one.      │
│ Only when the data folder cannot take that file either (a full disk) is  │
│ the change refused (StoreWriteFailed.audit), and the wizard keeps what   │
│ was typed. The index line that follows a change is only a cache          │
│ (index.py): if the disk fills up just then, the change still stands and  │
│ the next start reads the case file again.                                │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from planbro.storage.casefile import open_case
from planbro.storage.errors import StoreWriteFailed
from planbro.storage.paths import Layout
from planbro.storage.recorder import PendingRecord, Recorder

# What a change is recorded as in the audit log: action, version, detail.
Audit = tuple[str, int | None, str]
# Given the stored versions, the version dicts to store (none: nothing to do).
Decide = Callable[[dict[int, dict[str, Any]]], list[dict[str, Any]]]
# Writes the audit record of a change about to be made: (action, plan id, version, detail).
Begin = Callable[[str, "str | None", "int | None", str], "PendingRecord | None"]


def begin(log: Recorder | None, via: str, data_dir: Path, action: str, plan_id: str | None,
          version: int | None, detail: str = "") -> PendingRecord | None:
    """The audit record of a change about to be made (None without a log), in the log or
    waiting in the data folder; StoreWriteFailed when it can be neither, so the change is
    refused."""
    if log is None:
        return None
    try:
        return log.begin(action, plan_id, version, via=via, detail=detail, may_wait=True)
    except OSError as error:
        raise StoreWriteFailed.audit(error, data_dir / "audit") from None


@contextmanager
def recorded(pending: PendingRecord | None, folder: Path) -> Iterator[None]:
    """Commit `pending` when the block succeeds, take it back when it fails; an OSError in
    the block becomes StoreWriteFailed naming `folder`."""
    try:
        yield
    except OSError as error:
        _cancel(pending)
        raise StoreWriteFailed.of(error, folder) from None
    except BaseException:
        _cancel(pending)
        raise
    if pending is not None:
        pending.commit()


def write_case(layout: Layout, plan_id: str, decide: Decide,
               audit: Callable[[list[dict[str, Any]]], Audit],
               begin: Begin) -> dict[int, dict[str, Any]] | None:
    """Read the plan's case file, let `decide` say which version dicts to store, and store
    them as one atomic replace together with the record `audit` makes of them (begin).

    Returns every version now stored, or None when `decide` changed nothing.
    Raises StoreCorrupt (an unreadable case file) or StoreWriteFailed."""
    path = layout.case(plan_id)
    pending: PendingRecord | None = None
    try:
        with open_case(path, layout, write=True) as case:
            docs = case.versions()
            changes = decide(docs)
            if changes:
                action, version, detail = audit(changes)
                pending = begin(action, plan_id, version, detail)
            for doc in changes:
                case.put(doc)
                docs[doc["version"]] = doc
    except OSError as error:
        _cancel(pending)
        raise StoreWriteFailed.of(error, path.parent) from None
    except BaseException:
        _cancel(pending)
        raise
    if pending is not None:
        pending.commit()
    return docs if changes else None


def _cancel(pending: PendingRecord | None) -> None:
    if pending is not None:
        pending.cancel()
