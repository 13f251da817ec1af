"""Store: what the use cases, the command line, the app and the quality check ask of a store.

Two engines implement it: PlanStore, the local TinyDB data folder (store.py), the
default for one caseworker; and the team store on PostgreSQL (storage/postgres/),
which a team shares. Both subclass this Protocol, so mypy checks that each has all of
it with the same signatures. Every method's meaning is PlanStore's (its docstrings);
an engine may refuse more (the team store refuses a save based on a version someone
else has changed since: PlanConflict), never less.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol, Self

from planbro.model import FollowUpEntry, Plan

from planbro.storage.errors import StoreCorrupt
from planbro.storage.recorder import Recorder
from planbro.storage.summary import PlanSummary


class Store(Protocol):
    """The plans of one caseworker (a data folder) or of a team (a database)."""

    # The local data folder: the plans themselves for PlanStore; for the team store the
    # folder of this computer's own files. No plaintext document may be written into it.
    data_dir: Path
    # The audit log the store records its own changes in (None: none).
    audit: Recorder | None
    # "app" or "cli": marks the audit records.
    via: str
    # True when changes are refused (another writer, or opened for reading).
    read_only: bool
    # Why the store is read-only when it fell back to reading ("" otherwise).
    locked_reason: str

    @property
    def corrupt(self) -> list[StoreCorrupt]:
        """Plans found unreadable when the store was opened."""
        ...

    # -- reading -----------------------------------------------------------------

    def get(self, plan_id: str, version: int | None = None) -> Plan: ...

    def versions(self, plan_id: str) -> list[int]: ...

    def summaries(self) -> list[PlanSummary]: ...

    def resolve(self, id_or_prefix: str) -> str: ...

    def backups(self) -> list[Path]: ...

    # -- changing ----------------------------------------------------------------

    def save(self, plan: Plan) -> Plan: ...

    def put(self, plan: Plan) -> Plan: ...

    def sign(self, plan_id: str, signed_on: date, *, despite_errors: bool = False,
             citizen_on: date | None = None, citizen_declines: str | None = None) -> Plan: ...

    def revise(self, plan_id: str) -> Plan: ...

    def close_case(self, plan_id: str) -> Plan: ...

    def journalise(self, plan_id: str, on: date) -> Plan: ...

    def record_follow_up(self, plan_id: str, entry: FollowUpEntry,
                         next_date: date | None) -> Plan: ...

    def delete_draft(self, plan_id: str) -> int: ...

    def purge(self, plan_id: str, today: date, days: int) -> int: ...

    # -- the audit log and closing -----------------------------------------------

    def record(self, action: str, plan_id: str | None, version: int | None = None,
               detail: str = "") -> bool: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...
