"""Leases: one caseworker edits a team plan at a time (planbro.leases, sql/0003_leases.sql).

Each open TeamStore is one client with its own random token. take() when a plan is
opened for editing, renew() while it stays open (the app every half minute or so),
release() when it is closed; a lease not renewed within `seconds` (two minutes)
expires, and another client may then take it. A team leader may break a colleague's
lease (break_lease), which is recorded in the audit table.

Every change of a stored plan claims the lease in the change's own transaction
(claim): the holder's write renews it; a write while another client holds a live
lease is refused naming them (LeaseHeld: "Åben hos Anna Jensen siden 10:42"); a client
whose lease was broken, or expired and taken by another since, is refused too
(LeaseLost), even when no one has saved since — it must open the plan again. A
write on a plan no one holds takes the lease for its client (a command's one write,
released when its store closes), so a change never happens under someone else's lease.
A read never needs a lease.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from planbro.translation import _

from planbro.storage.errors import PlanNotFound, StoreError
from planbro.storage.paths import is_plan_id
from planbro.storage.postgres.audit import Connection, Identity, append
from planbro.storage.postgres.connect import T, transact

# Seconds a lease lasts without renewal: a crashed or disconnected client's plan is
# free again after this (the two minutes); tests give a shorter one.
LEASE_SECONDS = 120.0
# The columns of a lease as Lease() takes them, and whether it has expired by now.
LEASE_COLUMNS = ("plan_id, token, holder_role, holder_name, host, since, renewed, expires, "
                 "expires <= now() AS expired")


@dataclass(frozen=True)
class Lease:
    """Who has a plan open for editing, since when and on which computer; `mine` when it
    is this client's, `expired` when it was not renewed in time."""

    plan_id: str
    token: str
    holder_role: str
    holder_name: str
    host: str
    since: datetime
    renewed: datetime
    expires: datetime
    expired: bool
    mine: bool = False

    @property
    def name(self) -> str:
        """Who holds it, as colleagues see it (the role when Planbro was given no name)."""
        return self.holder_name or self.holder_role

    def since_text(self) -> str:
        """When it was taken, in local time: "10:42", or "03-12-2026 10:42" before today."""
        since = self.since.astimezone()
        return (since.strftime("%H:%M") if since.date() == date.today()
                else since.strftime("%d-%m-%Y %H:%M"))

    def label(self) -> str:
        """"Åben hos Anna Jensen siden 10:42"."""
        return _("Open by {name} since {time}").format(name=self.name, time=self.since_text())


class LeaseHeld(StoreError):
    """Another client has the plan open for editing: it may be read, not changed."""

    def __init__(self, lease: Lease) -> None:
        super().__init__(_("{open}: the plan can be read, but not changed until {name} closes "
                           "it. If their Planbro has stopped, the lease expires by itself within "
                           "two minutes; a team leader can break it.").format(
            open=lease.label(), name=lease.name))
        self.lease = lease


class LeaseLost(StoreError):
    """This client's lease of the plan was broken, or expired and was taken by another."""

    def __init__(self, plan_id: str, now_held: Lease | None) -> None:
        if now_held is not None:
            text = _("Your lease of the plan expired and was taken over. {open}: your changes "
                     "were not saved.").format(open=now_held.label())
        else:
            text = _("Your lease of the plan was broken by a team leader, or expired and was "
                     "taken over meanwhile: your changes were not saved. Open the plan again "
                     "to edit it.")
        super().__init__(text)
        self.plan_id = plan_id
        self.now_held = now_held


class LeaseNotBroken(StoreError):
    """A lease that may not be broken by this role, or that is not there to break."""


class Leases:
    """This client's leases of a team store's plans (one TeamStore: one token), reached as
    `store.leases`. Each method runs its own transaction; StoreUnreachable when the
    server is away."""

    def __init__(self, pool: ConnectionPool[Connection], identity: Identity, conninfo: str,
                 seconds: float = LEASE_SECONDS) -> None:
        self._pool = pool
        self._conninfo = conninfo
        self.identity = identity
        self.seconds = float(seconds)
        self.token = str(uuid.uuid4())
        # The plans this client holds (or held, until release(): to tell a lost lease).
        self.held: set[str] = set()

    def _run(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)` in a transaction of its own."""
        return transact(self._pool, self._conninfo, self.identity.user, work)

    # -- what a client does ------------------------------------------------------------

    def take(self, plan_id: str) -> Lease:
        """Take the plan's lease when opening it for editing (or renew this client's own).
        LeaseHeld naming who has it when another client holds a live one."""
        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)
        return self._run(lambda connection: self._take(connection, plan_id))

    def renew(self) -> list[str]:
        """Renew every lease this client holds; the plans whose lease it has lost (broken,
        or expired and taken by another), which it no longer holds."""
        if not self.held:
            return []

        def work(connection: Connection) -> list[str]:
            kept = {row[0] for row in connection.execute(
                "UPDATE planbro.leases SET renewed = now(), "
                "expires = now() + make_interval(secs => %s) "
                "WHERE token = %s AND plan_id = ANY(%s) RETURNING plan_id",
                [self.seconds, self.token, sorted(self.held)])}
            return sorted(self.held - kept)

        return self._run(work)

    def release(self, plan_id: str) -> None:
        """Give the plan's lease back, when this client holds it (closing the plan)."""
        self._run(lambda connection: connection.execute(
            "DELETE FROM planbro.leases WHERE plan_id = %s AND token = %s",
            [plan_id, self.token]))
        self.held.discard(plan_id)

    def release_all(self) -> None:
        """Give back every lease of this client (its store closes)."""
        if self.held:
            self._run(lambda connection: connection.execute(
                "DELETE FROM planbro.leases WHERE token = %s", [self.token]))
        self.held.clear()

    def holder(self, plan_id: str) -> Lease | None:
        """The plan's live lease, this client's or another's (the caseload's "Åben hos …");
        None when no one has the plan open for editing."""
        if not is_plan_id(plan_id):
            return None
        lease = self._run(lambda connection: self._current(connection, plan_id))
        return lease if lease is not None and not lease.expired else None

    def open_plans(self) -> dict[str, Lease]:
        """Every live lease this role may see, by plan (the caseload's "Åben hos …")."""
        rows = self._run(lambda connection: connection.execute(
            f"SELECT {LEASE_COLUMNS} FROM planbro.leases WHERE expires > now()").fetchall())
        found = [self._lease(row) for row in rows]
        return {lease.plan_id: lease for lease in found if lease is not None}

    def may_break(self) -> bool:
        """Whether this role may break a colleague's lease (a team leader's)."""
        row = self._run(lambda connection: connection.execute(
            "SELECT planbro.may_break_leases()").fetchone())
        return bool(row and row[0])

    def break_lease(self, plan_id: str, via: str) -> Lease:
        """A team leader breaks a colleague's live lease of the plan, recorded in the audit
        table ("lease_break", its detail the holder's role) in the same transaction; the
        lease broken. LeaseNotBroken when this role may not, or no one holds the plan."""
        def work(connection: Connection) -> Lease:
            allowed = connection.execute("SELECT planbro.may_break_leases()").fetchone()
            if not allowed or not allowed[0]:
                raise LeaseNotBroken(_("Only a team leader can break a colleague's lease; the "
                                       "database role {role} is not one.").format(
                    role=self.identity.user))
            lease = self._lease(connection.execute(
                "DELETE FROM planbro.leases WHERE plan_id = %s AND expires > now() "
                f"RETURNING {LEASE_COLUMNS}", [plan_id]).fetchone())
            if lease is None:
                raise LeaseNotBroken(_("No one has the plan open for editing: there is no "
                                       "lease to break."))
            version = connection.execute("SELECT version FROM planbro.plans WHERE id = %s",
                                         [plan_id]).fetchone()
            append(connection, self.identity.fields(
                "lease_break", plan_id, int(version[0]) if version else None, via,
                lease.holder_role))
            return lease

        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)
        return self._run(work)

    # -- inside a change's transaction -------------------------------------------------

    def claim(self, connection: Connection, plan_id: str) -> None:
        """Before a change of the stored plan, in its transaction: renew this client's
        lease, or take a free one; LeaseHeld or LeaseLost otherwise (module docstring)."""
        # Not locked: every write of the plan holds its row in planbro.plans, and take()
        # is one statement (the roles' policies would hide another's live lease from FOR UPDATE).
        lease = self._current(connection, plan_id)
        if lease is not None and lease.mine:
            self._take(connection, plan_id)
            return
        if plan_id in self.held:
            # This client had it: it was broken (no lease now) or taken by another since.
            raise LeaseLost(plan_id, lease if lease is not None and not lease.expired else None)
        if lease is not None and not lease.expired:
            raise LeaseHeld(lease)
        self._take(connection, plan_id)

    def renew_own(self, connection: Connection, plan_id: str) -> Any:
        """The statement renewing this client's own lease of the plan, as claim() does when it
        holds it, sent without waiting (TeamStore._write sends it with the plan's lock): its
        cursor, which gives a row when it was renewed. No row: claim() decides."""
        return connection.execute(
            "UPDATE planbro.leases SET holder_role = current_user, holder_name = %s, host = %s, "
            "renewed = now(), expires = now() + make_interval(secs => %s) "
            "WHERE plan_id = %s AND token = %s RETURNING plan_id",
            [self.identity.name, self.identity.host, self.seconds, plan_id, self.token])

    def forget(self, plan_id: str) -> None:
        """The plan is gone (deleted): its lease went with it."""
        self.held.discard(plan_id)

    def _lease(self, row: tuple[Any, ...] | None) -> Lease | None:
        if row is None:
            return None
        plan_id, token, role, name, host, since, renewed, expires, expired = row
        return Lease(plan_id, str(token), role, name, host, since, renewed, expires,
                     bool(expired), mine=str(token) == self.token)

    def _current(self, connection: Connection, plan_id: str) -> Lease | None:
        return self._lease(connection.execute(
            f"SELECT {LEASE_COLUMNS} FROM planbro.leases WHERE plan_id = %s", [plan_id]
        ).fetchone())

    def _take(self, connection: Connection, plan_id: str) -> Lease:
        """Renew this client's lease or take over an expired one (an UPDATE, which the
        roles' row-level policies let through for exactly those), else make a new one;
        LeaseHeld when another client's live lease is there."""
        values = [self.token, self.identity.name, self.identity.host, self.seconds]
        row = connection.execute(
            "UPDATE planbro.leases SET token = %s, holder_role = current_user, "
            "holder_name = %s, host = %s, renewed = now(), "
            "expires = now() + make_interval(secs => %s), "
            "since = CASE WHEN token = %s THEN since ELSE now() END "
            "WHERE plan_id = %s AND (token = %s OR expires <= now()) "
            f"RETURNING {LEASE_COLUMNS}", [*values, self.token, plan_id, self.token]).fetchone()
        if row is None:
            try:
                with connection.transaction():
                    row = connection.execute(
                        "INSERT INTO planbro.leases (plan_id, token, holder_name, host, expires) "
                        "VALUES (%s, %s, %s, %s, now() + make_interval(secs => %s)) "
                        f"ON CONFLICT (plan_id) DO NOTHING RETURNING {LEASE_COLUMNS}",
                        [plan_id, *values]).fetchone()
            except psycopg.errors.ForeignKeyViolation:
                raise PlanNotFound.no_plan(plan_id) from None
        lease = self._lease(row)
        if lease is None:
            held = self._current(connection, plan_id)
            if held is None:  # released in between: try once more
                return self._take(connection, plan_id)
            raise LeaseHeld(held)
        self.held.add(plan_id)
        return lease
