"""Run by test_storage_purge_kill.py: purge every due case until killed.

    python purge_child.py DATA_DIR

Prints "ready" once the store is open, then "purged <id>" after each purge has
RETURNED. The parent kills this process at a random moment and checks that
every case is either whole or gone with all its copies, and logged.
"""

from __future__ import annotations

import sys
from datetime import date

from planbro.audit import AuditLog
from planbro.storage import PlanStore
from planbro.storage.retention import sort

# The day the purge runs, and the retention period (the parent journalises before it).
TODAY, DAYS = date(2026, 12, 1), 30


def main() -> None:
    folder = sys.argv[1]
    store = PlanStore(folder, audit=AuditLog(folder), via="cli")
    due = sort(store.summaries(), TODAY, DAYS).due
    print("ready", flush=True)
    for summary in due:
        store.purge(summary.id, TODAY, DAYS)
        print("purged", summary.id, flush=True)
    store.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
