"""What the store needs of an audit log: somewhere to record its own changes.

The store stands beside planbro.audit, not above it, so it names only this
shape; whoever opens a store (the app, the command) hands it the real
planbro.audit.AuditLog, which has it.
"""

from __future__ import annotations

from typing import Protocol


class Recorder(Protocol):
    """Records one event of a plan; False when it could not be written."""

    def record(self, action: str, plan_id: str | None, version: int | None = None, *,
               via: str, detail: str = "") -> bool: ...
