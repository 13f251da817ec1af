"""Run by test_migrate.py: `planbro migrate`'s use case in a process of its own, so the
parent can kill it half-way with SIGKILL, as a closed laptop lid or a crash would.

    python migrate_child.py DATA_DIR ADDRESS LINES_PER_BATCH [in-transaction]

After each step that stands in the team store (a plan moved whole, a batch of audit
records) it prints one JSON line, ["plan", id] or ["lines", count], and waits for a line
on stdin before going on; the parent kills it while it waits, or lets it go. With
"in-transaction" it also stops inside each plan's transaction, its rows written and not
yet committed (["inside", id]), so the kill can fall there.
"""

from __future__ import annotations

import json
import sys
import tempfile

from planbro.translation import set_language

from planbro.audit import AuditLog
from planbro.storage import PlanStore
from planbro.storage.postgres import TeamStore, moving

from planbro.actions.migrate import migrate


def main() -> None:
    folder, address, batch = sys.argv[1], sys.argv[2], int(sys.argv[3])
    set_language("da")

    def progress(kind: str, what: str) -> None:
        print(json.dumps([kind, what]), flush=True)
        sys.stdin.readline()

    if sys.argv[4:] == ["in-transaction"]:
        appended = moving.append

        def append_and_wait(connection, fields):
            seq = appended(connection, fields)
            progress("inside", str(fields["plan"]))
            return seq

        # The plan's import record is the last thing written in its transaction.
        moving.append = append_and_wait  # type: ignore[assignment]

    team = TeamStore(address, via="cli", data_dir=tempfile.mkdtemp(prefix="migrate-child-"))
    with PlanStore.open(folder, audit=AuditLog(folder), via="cli") as local:
        result = migrate(local, team, progress=progress, batch=batch)
    team.close()
    print(json.dumps(["done", result.as_json()]), flush=True)


if __name__ == "__main__":
    main()
