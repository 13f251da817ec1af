"""What the store needs of an audit log: somewhere to record its own changes.

The store stands beside planbro.audit, not above it, so it names only this
shape; whoever opens a store (the app, the command) hands it the real
planbro.audit.AuditLog, which has it.
"""

from __future__ import annotations

from typing import Protocol

from planbro.crypto.keys import KeyChain


class PendingRecord(Protocol):
    """The record of a change being made: it stands once committed, is gone once cancelled."""

    def commit(self) -> None: ...

    def cancel(self) -> None: ...


class Recorder(Protocol):
    """Records one event of a plan.

    record() is for what is shown or written elsewhere (False when it could
    not be written); begin() comes before a change to the store and raises
    OSError when its record cannot be written — with `may_wait` (the store's
    own changes) only when it cannot even be kept waiting in the data folder
    until the log can be written — so the change is not made. use_keys()
    hands it the unlocked keys of an encrypted folder; write_waiting() writes
    the records that waited, when it can (never raises).
    """

    def record(self, action: str, plan_id: str | None, version: int | None = None, *,
               via: str, detail: str = "") -> bool: ...

    def begin(self, action: str, plan_id: str | None, version: int | None = None, *,
              via: str, detail: str = "", may_wait: bool = False) -> PendingRecord: ...

    def use_keys(self, keys: KeyChain | None) -> None: ...

    def write_waiting(self) -> None: ...
