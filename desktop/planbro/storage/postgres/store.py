"""TeamStore: a team's plans in PostgreSQL, the same Store as the local data folder.

Every version of a plan is a row of planbro.plan_versions holding the exchange format
(model.convert.to_dict) as jsonb; planbro.plans holds each plan's summary, so the
caseload is listed without reading a plan body (sql/0001_plans.sql). The lifecycle
rules are the local store's own (lifecycle.py, removal.py, retention.py), applied
to the versions read in the writing transaction, under a row lock on the plan.

No silent overwrite: each write counts up the plan's revision. The store remembers
the revision of every plan it read or wrote; a save based on an older one than the
database holds (someone else saved in between) is refused whole with PlanConflict,
and so is a save over a stored plan this store never read (it has no base to show:
the save stamp is to the second only, too coarse to tell two saves apart). Each
change also claims the plan's lease (leases.py): refused while another client has it
open for editing, naming who.

The audit record of a change is appended in the change's own transaction (audit.py):
both or neither.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from planbro.translation import _

from planbro.model import Plan, ValidationError
from planbro.model.convert import from_dict, to_dict
from planbro.model.dates import now_timestamp

from planbro.storage.casefile import same_content
from planbro.storage.errors import (
    PlanConflict,
    PlanFrozen,
    PlanNotFound,
    StoreCorrupt,
    StoreError,
    StoreLocked,
)
from planbro.storage.interface import Store
from planbro.storage.paths import check_plan_id, default_data_dir, is_plan_id
from planbro.storage.postgres import schema
from planbro.storage.postgres.audit import Connection, Identity, TeamAudit, append
from planbro.storage.postgres.connect import CONNECT_TIMEOUT_S, checked_conninfo, unreachable
from planbro.storage.postgres.errors import StoreAccessRefused, frozen
from planbro.storage.postgres.handover import RESPONSIBLE_TODAY, Handovers
from planbro.storage.postgres.leases import LEASE_SECONDS, Leases
from planbro.storage.postgres.overview_rows import chosen, renew, write_facts
from planbro.storage.postgres.rows import (
    SUMMARY_COLUMNS,
    Signal,
    columns,
    onto_frozen,
    resolve_id,
    store_rows,
)
from planbro.storage.steps import LifecycleSteps, import_decision, imported
from planbro.storage.summary import Facts, PlanSummary, overview_facts

# Connections one Planbro keeps to the server at most (the app, its quality check).
POOL_MAX = 4
# A plan version gets at most one "change" record per store in this many seconds:
# autosave saves every pause in typing (planbro/audit/log.py CHANGE_INTERVAL_S).
CHANGE_INTERVAL_S = 600
# What a change makes of the plan's stored versions: the versions to store ([]: nothing).
Decide = Callable[[dict[int, dict[str, Any]], int], list[dict[str, Any]]]


class TeamStore(LifecycleSteps, Store):
    """The plans of a team in one PostgreSQL database, reached at `address` (connect.py).

    `signal` gives the quality light stored with each save (the quality check: the
    caller's, as storage stands beside planbro.quality); `facts` makes the overview's facts
    kept with each save (summary.py Facts, as the local store's; overview_rows.py); `holder` is the caseworker's
    name others see on a plan this store has open (default: the database role). `data_dir` is this computer's
    own folder (Store.data_dir). Raises StoreUnreachable, StoreAddressRefused or
    SchemaOutdated when the database cannot be used.
    """

    def __init__(self, address: str, *, via: str = "app", read_only: bool = False,
                 signal: Signal | None = None, holder: str = "",
                 data_dir: Path | str | None = None, lease_seconds: float = LEASE_SECONDS,
                 facts: Facts | None = None) -> None:
        self.conninfo = checked_conninfo(address)
        self.via = via
        self.read_only = read_only
        self.locked_reason = ""
        # Never: a team store has no local encryption to roll back (cli/common.py asks).
        self.encryption_rolled_back = False
        self.data_dir = default_data_dir(data_dir)
        self._signal = signal
        self._facts = facts
        self._identity = Identity()
        # The revision of each plan as this store last read or wrote it.
        self._seen: dict[str, int] = {}
        # When this store last recorded "change" of (plan, version).
        self._changes: dict[tuple[str, int], float] = {}
        try:
            with psycopg.connect(self.conninfo) as first:
                self.schema_version = schema.prepare(first)
                self._identity.user = str(first.info.user)
        except psycopg.OperationalError as error:
            raise unreachable(error, address) from None
        self._identity.name = holder.strip() or self._identity.user
        self._pool: ConnectionPool[Connection] = ConnectionPool(
            self.conninfo, min_size=1, max_size=POOL_MAX, timeout=CONNECT_TIMEOUT_S,
            open=True, name="planbro")
        self.audit: TeamAudit | None = TeamAudit(self._pool, self._identity, self.conninfo)
        # Who edits which plan (leases.py): every change claims the plan's lease.
        self.leases = Leases(self._pool, self._identity, self.conninfo, lease_seconds)
        # "Overdrag sag": who is responsible for which plan (handover.py).
        self.handovers = Handovers(self._pool, self._identity, self.conninfo)

    @classmethod
    def open(cls, address: str, *, via: str = "app", signal: Signal | None = None,
             holder: str = "", data_dir: Path | str | None = None,
             facts: Facts | None = None) -> Self:
        """The store for writing: a team store has no single writer's lock to fall back from."""
        return cls(address, via=via, signal=signal, holder=holder, data_dir=data_dir,
                   facts=facts)

    # -- open / close ------------------------------------------------------------

    @property
    def corrupt(self) -> list[StoreCorrupt]:
        """None: the server keeps its rows whole (a damaged table is the IT department's)."""
        return []

    def backups(self) -> list[Path]:
        """None on this computer: the IT department backs the database up."""
        return []

    def close(self) -> None:
        """Give back this client's leases (when the server can be reached) and disconnect."""
        self.read_only = True
        with contextlib.suppress(StoreError):
            self.leases.release_all()
        self._pool.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def record(self, action: str, plan_id: str | None, version: int | None = None,
               detail: str = "") -> bool:
        if self.audit is None:
            return True
        return self.audit.record(action, plan_id, version, via=self.via, detail=detail)

    def _writable(self) -> None:
        if self.read_only:
            raise StoreLocked(self.locked_reason or _("The team store is opened read-only; "
                                                      "changes cannot be saved."))

    # -- reading -----------------------------------------------------------------

    def _connection(self) -> Any:
        """A connection of the pool (a context manager); StoreUnreachable when none comes."""
        return self._pool.connection()

    def _query(self, query: str, params: list[Any]) -> list[tuple[Any, ...]]:
        try:
            with self._connection() as connection:
                return list(connection.execute(query, params).fetchall())
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise unreachable(error, self.conninfo) from None
        except psycopg.errors.InsufficientPrivilege:
            raise StoreAccessRefused.reading(self._identity.user) from None

    def _plan(self, plan_id: str, version: int, body: dict[str, Any]) -> Plan:
        try:
            return from_dict(Plan, body)
        except ValidationError as error:
            raise StoreError(_("Version {version} of the plan «{id}» in the team database cannot "
                               "be read ({reason}).").format(
                version=version, id=plan_id, reason=error.problems[0])) from None

    def get(self, plan_id: str, version: int | None = None) -> Plan:
        """A stored version of the plan; the latest when `version` is None."""
        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)
        rows = self._query(
            "SELECT p.revision, p.version, v.version, v.body FROM planbro.plans p "
            "LEFT JOIN planbro.plan_versions v ON v.plan_id = p.id "
            "AND v.version = coalesce(%s, p.version) WHERE p.id = %s", [version, plan_id])
        if not rows:
            raise PlanNotFound.no_plan(plan_id)
        revision, latest, found, body = rows[0]
        if found is None:
            raise PlanNotFound.no_version(plan_id, version if version is not None else latest)
        if found == latest:
            self._seen[plan_id] = revision
        return self._plan(plan_id, found, body)

    def versions(self, plan_id: str) -> list[int]:
        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)
        rows = self._query("SELECT version FROM planbro.plan_versions WHERE plan_id = %s "
                           "ORDER BY version", [plan_id])
        if not rows:
            raise PlanNotFound.no_plan(plan_id)
        return [row[0] for row in rows]

    def summaries(self) -> list[PlanSummary]:
        """The latest version of each plan, from planbro.plans (no plan body is read)."""
        # The caseworker listed is the one responsible today (handover.py).
        listed = [RESPONSIBLE_TODAY if c == "caseworker" else c for c in SUMMARY_COLUMNS]
        rows = self._query(f"SELECT {', '.join(listed)} FROM planbro.plans", [])
        found = [PlanSummary(*row) for row in rows]
        return sorted(found, key=lambda s: (s.name.casefold(), s.id))

    def overview_summaries(self, *, first: str, last: str, unit: str, caseworker: str,
                           current: str, facts: Facts | None = None) -> list[PlanSummary]:
        """The overview's plans, chosen by the server (overview_rows.chosen), their facts
        made first where missing or not of the format `current` (renew: another policy too),
        when this store was opened with `facts` and its role may write them; a role that may
        only read leaves them to the overview, which then reads those plans itself. `facts`
        makes them under the policy the overview counts with (format `current`), instead of
        the store's own."""
        def chosen_now() -> list[PlanSummary]:
            return chosen(self._query, first=first, last=last, unit=unit, worker=caseworker,
                          current=current)

        # The plans without current facts come with the chosen ones: only when there are
        # any are they made and the plans chosen again (most overviews: one statement).
        found = chosen_now()
        if self._facts is None or all(isinstance(s.overview, dict)
                                      and s.overview.get("f") == current for s in found):
            return found
        try:
            made = renew(self._connection, facts or self._facts, current)
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise unreachable(error, self.conninfo) from None
        except psycopg.errors.InsufficientPrivilege:
            made = 0
        return chosen_now() if made else found

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of the plan whose id is, or begins with, `id_or_prefix`."""
        return resolve_id(self._query, id_or_prefix)

    # -- writing -----------------------------------------------------------------

    def _write(self, plan_id: str, decide: Decide,
               audit: Callable[[list[dict[str, Any]]], tuple[str, int, str]],
               made: Plan | None = None) -> list[dict[str, Any]]:
        """Store what `decide` makes of the plan's versions (given with its revision), in
        one transaction with its audit record; the versions stored. `made` is the plan
        saved, when the caller has it as a Plan (its quality light is taken from it)."""
        held, committed = plan_id in self.leases.held, False
        try:
            with self._connection() as connection, connection.transaction():
                # One round trip (a pipeline): the plan's row locked, this client's own lease
                # renewed, and the versions read once the lock is granted (each statement
                # sees what was committed before it began).
                with connection.pipeline():
                    locked = connection.execute("SELECT revision FROM planbro.plans "
                                                "WHERE id = %s FOR UPDATE", [plan_id])
                    renewed = self.leases.renew_own(connection, plan_id) if held else None
                    stored = connection.execute("SELECT version, body FROM planbro.plan_versions "
                                                "WHERE plan_id = %s", [plan_id])
                row = locked.fetchone()
                revision = int(row[0]) if row else 0
                if revision and (renewed is None or renewed.fetchone() is None):
                    # Before anything is compared: a plan open elsewhere is refused as such.
                    self.leases.claim(connection, plan_id)
                docs = {version: body for version, body in stored.fetchall()}
                changes = [onto_frozen(docs.get(doc["version"]), doc)
                           for doc in decide(docs, revision)]
                if changes:
                    for doc in changes:
                        docs[doc["version"]] = doc
                    known = made if made is not None and made.version == max(docs) else None
                    with connection.pipeline():
                        store_rows(connection, plan_id, revision,
                                   columns(docs, self._signal, known), changes)
                        # The overview's facts of what is stored now (None: none).
                        write_facts(connection, plan_id, overview_facts(docs, self._facts, known))
                    if not revision:
                        self.leases.claim(connection, plan_id)
                    action, version, detail = audit(changes)
                    if self._records(action, plan_id, version):
                        append(connection, self._identity.fields(action, plan_id, version,
                                                                 self.via, detail))
            committed = True
        except psycopg.errors.UniqueViolation:
            # Someone else made the same plan in the meantime.
            raise PlanConflict.changed(plan_id) from None
        except psycopg.errors.IntegrityConstraintViolation as error:
            # A signed or closed version's content changed (sql/0009): refused by the server.
            raise frozen(error) from None
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise unreachable(error, self.conninfo) from None
        except psycopg.errors.InsufficientPrivilege:
            # Row-level security (setup_roles.sql): a plan of a unit not this role's.
            raise StoreAccessRefused.change(self._identity.user) from None
        finally:
            if not committed and not held:
                # The lease this write took was rolled back with it.
                self.leases.forget(plan_id)
        if changes:
            self._seen[plan_id] = revision + 1
        return changes

    def _records(self, action: str, plan_id: str, version: int) -> bool:
        """Whether this change gets a record ("change" is coalesced, as the local log does)."""
        if action != "change":
            return True
        now = time.monotonic()
        last = self._changes.get((plan_id, version))
        if last is not None and now - last < CHANGE_INTERVAL_S:
            return False
        self._changes[(plan_id, version)] = now
        return True

    def _based_on(self, plan: Plan, stored: dict[str, Any] | None, revision: int) -> None:
        """PlanConflict unless `plan` was read (or written) by this store as the database
        holds it now; a new plan (revision 0) has nothing to be based on."""
        if revision and self._seen.get(plan.id) != revision:
            raise PlanConflict.changed(plan.id)
        if not revision and plan.id in self._seen:
            # This store saw the plan, and someone has deleted it since.
            raise PlanConflict.changed(plan.id)

    def save(self, plan: Plan) -> Plan:
        """Save the draft `plan` (new or changed), refused with PlanConflict when someone else
        saved it since this store read it; nothing written when it holds what is stored."""
        self._writable()
        check_plan_id(plan.id)
        if plan.status != "draft":
            raise PlanFrozen.of(plan.status, plan.version)
        done: list[str] = []

        def decide(docs: dict[int, dict[str, Any]], revision: int) -> list[dict[str, Any]]:
            stored = docs.get(plan.version)
            if stored is None and docs:
                raise PlanNotFound.no_version(plan.id, plan.version)
            if stored is not None and stored.get("status") != "draft":
                raise PlanFrozen.of(stored.get("status", ""), plan.version)
            if stored is not None and same_content(to_dict(plan), stored):
                plan.created, plan.updated = stored.get("created", ""), stored.get("updated", "")
                self._seen[plan.id] = revision
                return []
            self._based_on(plan, stored, revision)
            done.append("change" if docs else "create")
            now = now_timestamp()
            plan.created = plan.created or (stored or {}).get("created") or now
            plan.updated = now
            return [to_dict(plan)]

        self._write(plan.id, decide, lambda changes: (done[0], plan.version, ""), made=plan)
        return plan

    def put(self, plan: Plan) -> Plan:
        """Store `plan` exactly as given (an import): its version, status and stamps are kept."""
        self._writable()
        doc = imported(plan)

        def decide(docs: dict[int, dict[str, Any]], revision: int) -> list[dict[str, Any]]:
            return import_decision(docs, plan.version, doc)

        self._write(plan.id, decide, lambda changes: ("import", plan.version, ""))
        return plan

    def _change(self, plan_id: str, make: Callable[[Plan], list[Plan]], action: str,
                detail: str = "") -> list[Plan]:
        """Apply a lifecycle step to the latest version (store.py's _change)."""
        self._writable()
        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)
        result: list[Plan] = []

        def decide(docs: dict[int, dict[str, Any]], revision: int) -> list[dict[str, Any]]:
            if not docs:
                raise PlanNotFound.no_plan(plan_id)
            latest = max(docs)
            made = make(self._plan(plan_id, latest, docs[latest]))
            result.extend(made)
            return [to_dict(plan) for plan in made]

        self._write(plan_id, decide, lambda changes: (action, changes[0]["version"], detail))
        return result

    def _remove(self, plan_id: str, action: str,
                refusal: Callable[[dict[int, dict[str, Any]]], StoreError | None]) -> int:
        self._writable()
        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)
        held = plan_id in self.leases.held
        try:
            with self._connection() as connection, connection.transaction():
                locked = connection.execute("SELECT 1 FROM planbro.plans WHERE id = %s FOR UPDATE",
                                            [plan_id]).fetchone()
                docs = {version: body for version, body in connection.execute(
                    "SELECT version, body FROM planbro.plan_versions WHERE plan_id = %s",
                    [plan_id])}
                if locked is None or not docs:
                    raise PlanNotFound.no_plan(plan_id)
                refused = refusal(docs)
                if refused is not None:
                    raise refused
                self.leases.claim(connection, plan_id)
                append(connection, self._identity.fields(action, plan_id, max(docs), self.via, ""))
                connection.execute("DELETE FROM planbro.plans WHERE id = %s", [plan_id])
        except (psycopg.OperationalError, PoolTimeout) as error:
            raise unreachable(error, self.conninfo) from None
        except psycopg.errors.InsufficientPrivilege:
            raise StoreAccessRefused.change(self._identity.user) from None
        finally:
            if not held:
                self.leases.forget(plan_id)
        self._seen.pop(plan_id, None)
        self.leases.forget(plan_id)
        return int(max(docs))

