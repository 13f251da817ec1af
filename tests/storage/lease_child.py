"""Run by test_team_leases.py: one caseworker's Planbro on the team store, in a process
of its own with its own connections, doing what the parent asks.

    python lease_child.py ADDRESS HOLDER_NAME LEASE_SECONDS

Each line on stdin is a JSON list: ["take", id], ["renew"], ["release", id],
["read", id] (keep the plan as read), ["write", id, purpose] (save that copy with a new
purpose), ["save", id, purpose] (read, change and save at once), ["holder", id],
["break", id] or ["exit"].
Each answer is one JSON line on stdout: {"ok": value} or {"error": class name,
"message": the user's message}. The child never writes without being asked.
"""

from __future__ import annotations

import json
import sys
import tempfile

from planbro.translation import set_language

from planbro.model import Plan

from planbro.storage import StoreError
from planbro.storage.postgres import TeamStore


def answer(store: TeamStore, copies: dict[str, Plan], command: str, args: list[str]) -> object:
    if command == "take":
        return store.leases.take(args[0]).holder_name
    if command == "renew":
        return store.leases.renew()
    if command == "release":
        store.leases.release(args[0])
        return None
    if command == "read":
        # Keep the plan as read now: "write" saves this copy later, whatever happened since.
        copies[args[0]] = store.get(args[0])
        return copies[args[0]].purpose
    if command == "write":
        plan = copies[args[0]]
        plan.purpose = args[1]
        store.save(plan)
        return plan.purpose
    if command == "save":
        plan = store.get(args[0])
        plan.purpose = args[1]
        store.save(plan)
        return plan.purpose
    if command == "holder":
        lease = store.leases.holder(args[0])
        return None if lease is None else lease.label()
    if command == "break":
        return store.leases.break_lease(args[0], via="app").holder_name
    raise ValueError(command)


def main() -> None:
    address, holder, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    set_language("da")
    store = TeamStore(address, holder=holder, lease_seconds=seconds,
                      data_dir=tempfile.mkdtemp(prefix="lease-child-"))
    print(json.dumps({"ok": "ready"}), flush=True)
    copies: dict[str, Plan] = {}
    for line in sys.stdin:
        command, *args = json.loads(line)
        if command == "exit":
            break
        try:
            reply: dict[str, object] = {"ok": answer(store, copies, command, args)}
        except StoreError as error:
            reply = {"error": type(error).__name__, "message": str(error)}
        print(json.dumps(reply, ensure_ascii=False), flush=True)
    store.close()


if __name__ == "__main__":
    main()
