"""Hand-over ("Overdrag sag") on the team store: who is responsible for a plan today
(sql/0005_handover.sql), reached as `store.handovers`.

The responsible caseworker is the one named in the plan until a hand-over names
another: to a colleague for good, or to a vikar up to and including a day, after which
the case is the responsible one's again without anyone doing anything. The caseload's
caseworker column is the one responsible today (RESPONSIBLE_TODAY), so the case
appears in their "Mine sager". The hand-over changes no version of the plan, and
needs no lease: it is the team's decision, not an edit. Its note is kept with it in
planbro.handovers; the audit record says only "kollega" or "vikar".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from psycopg_pool import ConnectionPool

from planbro.storage.errors import PlanNotFound
from planbro.storage.paths import is_plan_id
from planbro.storage.postgres.audit import Connection, Identity, append
from planbro.storage.postgres.connect import transact

# Who is responsible for the plan today, in SQL over planbro.plans' columns: a vikar
# within their period, else the one handed over to, else the caseworker the plan names.
RESPONSIBLE_TODAY = ("CASE WHEN substitute <> '' AND substitute_until >= current_date "
                     "THEN substitute WHEN responsible <> '' THEN responsible "
                     "ELSE caseworker END")
# The audit record's detail of a hand-over, by kind (fixed words: no name, no note).
DETAIL_COLLEAGUE = "kollega"
DETAIL_SUBSTITUTE = "vikar"
# The names the team knows, in SQL: whoever a plan names, is or was responsible for one,
# was handed a case or holds a lease; row-level security keeps it to the units one sees.
KNOWN_NAMES = ("SELECT name FROM (SELECT caseworker AS name FROM planbro.plans "
               "UNION SELECT responsible FROM planbro.plans "
               "UNION SELECT substitute FROM planbro.plans "
               "UNION SELECT from_name FROM planbro.handovers "
               "UNION SELECT to_name FROM planbro.handovers "
               "UNION SELECT holder_name FROM planbro.leases) AS names "
               "WHERE btrim(name) <> '' ORDER BY name")


@dataclass(frozen=True)
class HandOver:
    """One hand-over of a plan: from whom to whom, until when (None: for good), the note."""

    plan_id: str
    at: datetime
    by_role: str
    from_name: str
    to_name: str
    until: date | None
    note: str


class Handovers:
    """Hand-overs of a team store's plans (one TeamStore)."""

    def __init__(self, pool: ConnectionPool[Connection], identity: Identity, conninfo: str) -> None:
        self._pool = pool
        self._conninfo = conninfo
        self.identity = identity

    def hand_over(self, plan_id: str, to_name: str, note: str, *, until: date | None = None,
                  via: str = "app") -> HandOver:
        """Make `to_name` responsible for the plan (a vikar up to and including `until`),
        with its record in the audit table in the same transaction. The caller has
        checked the name, the note and the day (planbro.actions.handover)."""
        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)

        def work(connection: Connection) -> HandOver:
            row = connection.execute(
                f"SELECT {RESPONSIBLE_TODAY}, responsible, caseworker, version "
                "FROM planbro.plans WHERE id = %s FOR UPDATE", [plan_id]).fetchone()
            if row is None:
                raise PlanNotFound.no_plan(plan_id)
            today_name, responsible, named, version = row
            if until is None:
                connection.execute("UPDATE planbro.plans SET responsible = %s, substitute = '', "
                                   "substitute_until = NULL WHERE id = %s", [to_name, plan_id])
            else:
                # The one responsible after the vikar's period stays who they are.
                connection.execute("UPDATE planbro.plans SET responsible = %s, substitute = %s, "
                                   "substitute_until = %s WHERE id = %s",
                                   [responsible or named, to_name, until, plan_id])
            made = connection.execute(
                "INSERT INTO planbro.handovers (plan_id, from_name, to_name, until, note) "
                "VALUES (%s, %s, %s, %s, %s) RETURNING at, by_role",
                [plan_id, today_name, to_name, until, note]).fetchone()
            assert made is not None
            append(connection, self.identity.fields(
                "handover", plan_id, int(version), via,
                DETAIL_SUBSTITUTE if until is not None else DETAIL_COLLEAGUE))
            return HandOver(plan_id, made[0], made[1], today_name, to_name, until, note)

        return transact(self._pool, self._conninfo, self.identity.user, work)

    def known_names(self) -> list[str]:
        """The caseworkers' names the team store knows (KNOWN_NAMES), each spelling once,
        and this client's caseworker's own (the name in Indstillinger, if given: not the
        database role the name falls back to)."""

        def work(connection: Connection) -> list[tuple[Any, ...]]:
            return connection.execute(KNOWN_NAMES).fetchall()

        names = [name for (name,) in transact(self._pool, self._conninfo, self.identity.user,
                                              work)]
        own = self.identity.name.strip()
        if own and own != self.identity.user and own not in names:
            names.append(own)
        return names

    def responsible(self, plan_id: str) -> tuple[str, str]:
        """Who is responsible for the plan today, and whose the case is again after a
        vikar's period (the responsible caseworker before any vikar)."""
        if not is_plan_id(plan_id):
            raise PlanNotFound.no_plan(plan_id)

        def work(connection: Connection) -> tuple[Any, ...] | None:
            return connection.execute(
                f"SELECT {RESPONSIBLE_TODAY}, CASE WHEN responsible <> '' THEN responsible "
                "ELSE caseworker END FROM planbro.plans WHERE id = %s", [plan_id]).fetchone()

        row = transact(self._pool, self._conninfo, self.identity.user, work)
        if row is None:
            raise PlanNotFound.no_plan(plan_id)
        return str(row[0]), str(row[1])

    def history(self, plan_id: str) -> list[HandOver]:
        """The plan's hand-overs, oldest first."""
        if not is_plan_id(plan_id):
            return []

        def work(connection: Connection) -> list[tuple[Any, ...]]:
            return connection.execute(
                "SELECT plan_id, at, by_role, from_name, to_name, until, note "
                "FROM planbro.handovers WHERE plan_id = %s ORDER BY at", [plan_id]).fetchall()

        return [HandOver(*row) for row in transact(self._pool, self._conninfo,
                                                   self.identity.user, work)]
