"""Moving a caseworker's local store into the team store (planbro migrate, actions/migrate.py).

A plan is moved whole: every version the data folder holds, exactly as stored there
(statuses, signatures, follow-ups and stamps are in the versions), in one transaction
with one "import" record, so a kill leaves each plan all there or not at all. The
local audit log's records follow, appended to the team's table in batches.

┌──────────────────────────────────────────────────────────────────────────┐
│ Imported audit lines, and why the team store is the progress             │
│                                                                          │
│ The team table is one hash chain (audit.py): a row's "prev" is the hash  │
│ of the row before it, and planbro.audit_tail() gives the end. A local    │
│ record cannot keep its own seq and prev there (the local chain is        │
│ another chain), so each is appended at the team chain's end as a NEW     │
│ record holding the original's fields as written: "at" (the original     │
│ time, also in the row's `at`), "user" and "host" (who did it, where),    │
│ "action", "plan", "version", "via", "detail", "purpose"; and            │
│ "imported": {"seq": its local seq, "line_hash": SHA-256 of the local     │
│ line}, then the team's own "seq" and "prev". The chain stays whole and   │
│ verifiable as before (audit --verify, first_break); the row's db_user    │
│ says which role imported it; the DPO can match each imported record to   │
│ its line in the laptop's log by line_hash. Imported records stand in the │
│ chain's order where they were imported, not where their time falls.      │
│                                                                          │
│ No progress file: what is in the team store IS the progress. A plan's    │
│ versions are compared with the server's (the same content is skipped,   │
│ other content is a conflict, nothing overwritten), and a local line is   │
│ skipped when an imported record names its line_hash. A progress file    │
│ written after a commit could be lost to a kill between the two and then  │
│ disagree with the server; the server's rows cannot, and --confirm must   │
│ compare with the server anyway. A role sees the imported records it     │
│ wrote itself (setup_roles.sql: read_audit), so the same login resumes.   │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import psycopg

from planbro.translation import _

from planbro.storage.errors import PlanConflict, StoreError
from planbro.storage.paths import is_plan_id
from planbro.storage.postgres.audit import Connection, append
from planbro.storage.postgres.connect import transact
from planbro.storage.postgres.errors import StoreAccessRefused
from planbro.storage.postgres.rows import columns, store_rows
from planbro.storage.postgres.store import TeamStore

# A local record's fields kept in its imported record, in the local log's order.
KEPT_FIELDS = ("at", "user", "host", "action", "plan", "version", "via", "detail", "purpose")
# What marks an imported record in the team table's line (searched without parsing).
IMPORTED_MARK = '"imported":'
# Local records appended to the team table in one transaction.
LINES_PER_BATCH = 200


@dataclass
class Placed:
    """What put_history() did with one plan's versions (numbers)."""

    added: list[int] = field(default_factory=list)
    # Already in the team store with the same content.
    same: list[int] = field(default_factory=list)
    # In the team store with other content: nothing of the plan was written.
    differing: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class LocalLine:
    """One whole record of the local audit log, and the SHA-256 hex of its line as written
    (planbro.audit.chain.line_hash; read by actions/migrate.py, storage stands below audit)."""

    record: dict[str, Any]
    line_hash: str


def _refusing(store: TeamStore, work: Any) -> Any:
    return transact(store._pool, store.conninfo, store._identity.user, work)


def stored_history(store: TeamStore, plan_id: str) -> dict[int, dict[str, Any]]:
    """Every version of the plan in the team store, by number ({} when it has none)."""
    rows = store._query("SELECT version, body FROM planbro.plan_versions WHERE plan_id = %s",
                        [plan_id])
    return {int(version): body for version, body in rows}


def put_history(store: TeamStore, plan_id: str, docs: dict[int, dict[str, Any]]) -> Placed:
    """Put the versions `docs` of a plan (as the local store holds them) into the team store,
    in one transaction with an "import" record: those missing are added, those there with
    the same content skipped; any there with other content makes it a conflict, and then
    nothing is written. A plan already there is claimed (leases.py) while versions are added."""
    store._writable()
    claimed: list[bool] = []

    def work(connection: Connection) -> Placed:
        row = connection.execute("SELECT revision FROM planbro.plans WHERE id = %s FOR UPDATE",
                                 [plan_id]).fetchone()
        revision = int(row[0]) if row else 0
        stored = {int(number): body for number, body in connection.execute(
            "SELECT version, body FROM planbro.plan_versions WHERE plan_id = %s", [plan_id])}
        placed = Placed(same=sorted(n for n in docs if stored.get(n) == docs[n]),
                        differing=sorted(n for n in docs if n in stored and stored[n] != docs[n]))
        added = [docs[n] for n in sorted(docs) if n not in stored]
        if placed.differing or not added:
            return placed
        if revision:
            # Someone may have the plan open for editing: refused as any change is (LeaseHeld).
            store.leases.claim(connection, plan_id)
            claimed.append(True)
        merged = stored | {doc["version"]: doc for doc in added}
        store_rows(connection, plan_id, revision, columns(merged, store._signal), added)
        append(connection, store._identity.fields("import", plan_id, max(merged), store.via, ""))
        placed.added = [doc["version"] for doc in added]
        return placed

    try:
        return _refusing(store, work)  # type: ignore[no-any-return]
    except psycopg.errors.UniqueViolation:
        # Another client made the same plan in the meantime.
        raise PlanConflict.changed(plan_id) from None
    finally:
        if claimed:
            with contextlib.suppress(StoreError):
                store.leases.release(plan_id)


def imported_hashes(store: TeamStore) -> set[str]:
    """The line_hash of every imported record in the team table this role may read."""
    rows = store._query("SELECT line FROM planbro.audit WHERE position(%s in line) > 0",
                        [IMPORTED_MARK])
    found = set()
    for (line,) in rows:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            found.add(str(json.loads(line)["imported"]["line_hash"]))
    return found


def imported_fields(line: LocalLine) -> dict[str, Any]:
    """The team record of a local one (the box above): its fields, and where it came from."""
    fields = {name: line.record.get(name) for name in KEPT_FIELDS}
    plan = fields["plan"]
    # The row's columns take an id and a number only (what a damaged line holds is in "line").
    fields["plan"] = plan if isinstance(plan, str) and is_plan_id(plan) else None
    version = fields["version"]
    fields["version"] = version if isinstance(version, int) and not isinstance(version, bool) \
        else None
    seq = line.record.get("seq")
    fields["imported"] = {"seq": seq if isinstance(seq, int) else None,
                          "line_hash": line.line_hash}
    return fields


def import_lines(store: TeamStore, lines: Iterable[LocalLine]) -> int:
    """Append `lines` (not yet imported) to the team table, in the order given, as one
    transaction; how many."""
    store._writable()
    batch = list(lines)

    def work(connection: Connection) -> int:
        for line in batch:
            append(connection, imported_fields(line))
        return len(batch)

    return _refusing(store, work)  # type: ignore[no-any-return]


def check_rights(store: TeamStore, units: Iterable[str]) -> None:
    """StoreAccessRefused before anything is moved when this role may not add plans, versions
    and audit records (each asked alone: has_table_privilege is true when any one privilege
    listed is held), or does not work in some of the plans' `units` (row-level security,
    setup_roles.sql); the owner and a role bypassing row-level security may all."""
    rows = store._query(
        "SELECT has_table_privilege('planbro.plans', 'INSERT') "
        "AND has_table_privilege('planbro.plan_versions', 'INSERT') "
        "AND has_table_privilege('planbro.audit', 'INSERT'), "
        "(SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) "
        "OR (SELECT pg_has_role(current_user, nspowner, 'MEMBER') FROM pg_namespace "
        "WHERE nspname = 'planbro'), to_regprocedure('planbro.my_units()') IS NOT NULL", [])
    may_write, sees_all, has_units = rows[0]
    role = store._identity.user
    if not may_write:
        raise StoreAccessRefused(_("The database role {role} may not add plans to the team store, "
                                   "so nothing was moved: ask the IT department to give it the "
                                   "caseworkers' rights (setup_roles.sql).").format(role=role))
    if sees_all or not has_units:
        return
    mine = {row[0] for row in store._query("SELECT planbro.my_units()", [])}
    others = sorted(set(units) - mine)
    if others:
        raise StoreAccessRefused(_("The database role {role} does not work in the unit(s) {units} "
                                   "that some of the plans name, so nothing was moved. Ask the "
                                   "IT department to add the role to them "
                                   "(planbro.unit_members).").format(
            role=role, units=", ".join(f"«{unit}»" for unit in others) or "«»"))
