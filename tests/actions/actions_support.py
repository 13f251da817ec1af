"""What the use-case tests share: the audit records a store's log holds."""

from __future__ import annotations

from planbro.audit import AuditLog


def records(store) -> list[tuple]:
    """(action, plan, version, via, detail) of every record in the store's log, oldest first."""
    return [(r["action"], r["plan"], r["version"], r["via"], r["detail"])
            for r in AuditLog(store.data_dir).read().records]
