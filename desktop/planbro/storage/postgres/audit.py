"""The team store's audit log: the table planbro.audit, with the local log's hash chain.

Each row's `line` is the record as planbro/audit/log.py writes a line of its jsonl
files, with "seq" and "prev" (planbro/audit/chain.py: the SHA-256 hex of the line
before it, "" for the first), so both logs are checked the same way. Appends are
serialised by an advisory lock held to the end of the appending transaction (a
caseworker's role has INSERT on the table, not the rights LOCK TABLE asks for), and
take the chain's end from planbro.audit_tail(), as a caseworker may read only the
records of their own units' plans.

The store's own changes append their record in the transaction of the change, so
there is both or neither; TeamAudit is the Recorder (storage/recorder.py) the app and
the command record views, documents and prints through.
"""

from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from planbro.translation import _

from planbro.crypto.keys import KeyChain

from planbro.storage.postgres.connect import unreachable

# The advisory lock of the chain's end (any fixed number of Planbro's own).
AUDIT_LOCK_KEY = 0x706C616E61756474
# The "prev" of the log's first record (planbro/audit/chain.py GENESIS).
GENESIS = ""
# Actions whose record carries the session's purpose (planbro/audit/purposes.py
# PURPOSE_ACTIONS; tests/storage check that the two agree).
PURPOSE_ACTIONS = frozenset({"view", "render", "print", "export", "extract", "caseload"})
# Actions whose purpose is their nature (planbro/audit/purposes.py FIXED_PURPOSES).
FIXED_PURPOSES = {"extract": "aktindsigt"}

# A connection as the pool hands it out.
Connection = psycopg.Connection[tuple[Any, ...]]


def told(error: psycopg.Error, conninfo: str = "") -> str:
    """What a failure of the server is said as to whoever shows the OSError: an
    unreachable server (also a pool that gave no connection in time, PoolTimeout) in the
    user's words, as the store says it (connect.unreachable)."""
    if isinstance(error, psycopg.OperationalError):
        return str(unreachable(error, conninfo))
    return str(error)


def line_hash(line: str) -> str:
    """What the next record names this one by (planbro.audit.chain.line_hash)."""
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def append(connection: Connection, fields: dict[str, Any]) -> int:
    """Append the record `fields` (without its chain) in the connection's open
    transaction; its seq. It stands when that transaction commits."""
    # The line as json.dumps(fields | {"seq": seq, "prev": prev}) writes it, its end made by
    # the server: `fields` never holds "seq" or "prev", and a hash or "" needs no escaping.
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"seq":'
    # One round trip, the lock held only until the COMMIT: the INSERT, a statement of its
    # own, reads the chain's end once the lock is granted (the newest record of all, also
    # one this role may not read: sql/0004_audit_tail.sql).
    with connection.pipeline():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", [AUDIT_LOCK_KEY])
        added = connection.execute(
            "INSERT INTO planbro.audit (seq, at, action, plan_id, version, prev, line) "
            "SELECT n.seq, %s::timestamptz, %s::text, %s::text, %s::integer, n.prev, "
            "%s::text || n.seq || ',\"prev\":' || to_json(n.prev)::text || '}' "
            "FROM (SELECT coalesce(max(t.seq), 0) + 1 AS seq, coalesce(max(t.line_hash), %s) "
            "AS prev FROM planbro.audit_tail() t) n RETURNING seq",
            [fields["at"], fields["action"], fields["plan"], fields["version"], head, GENESIS])
    row = added.fetchone()
    return int(row[0]) if row else 0


def first_break(rows: list[tuple[int, str]]) -> int | None:
    """Where the chain of `rows` (seq and line, in order) first breaks, as a seq: the first
    one missing, a row that is not the record of its seq, or the row before one whose
    "prev" is not that row's hash (it was changed after it was written); None when whole.
    (The newest row changed, or rows cut from the end, no row tells: past_head does.)"""
    prev, expected = GENESIS, 1
    for seq, line in rows:
        if seq != expected:
            return expected
        try:
            fields = json.loads(line)
        except ValueError:
            return seq
        if not isinstance(fields, dict) or fields.get("seq") != seq:
            return seq
        if fields.get("prev") != prev:
            return max(seq - 1, 1)
        prev, expected = line_hash(line), seq + 1
    return None


def past_head(rows: list[tuple[int, str]], head: tuple[int, str] | None) -> int | None:
    """Where `rows` (whole by first_break) part from the log's head (sql/0010: the newest
    record's seq and line hash): the first seq missing when the table ends before the
    head, the head's seq when its row is not the line it names, the one after the head
    when rows follow it (written with the head's trigger disabled); None when they agree
    or there is no head (a log with no record)."""
    if head is None:
        return None
    seq, expected = head
    last = rows[-1][0] if rows else 0
    if last < seq:
        return last + 1
    if last > seq:
        return seq + 1
    return None if line_hash(rows[-1][1]) == expected else seq


class Identity:
    """Who writes the records: the database role (each caseworker logs in as their own)
    and this computer's name."""

    def __init__(self) -> None:
        self.user = ""
        # The caseworker's name, as colleagues see it on a plan this client has open.
        self.name = ""
        self.host = socket.gethostname()
        # The session's purpose of views, documents and prints (the caseload's choice).
        self.purpose = "sagsbehandling"

    def fields(self, action: str, plan_id: str | None, version: int | None, via: str,
               detail: str) -> dict[str, Any]:
        """A record made now, in the local log's order of fields."""
        at = datetime.now(UTC)
        return {
            "at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "user": self.user, "host": self.host,
            "action": action, "plan": plan_id, "version": version, "via": via,
            "detail": detail,
            "purpose": FIXED_PURPOSES.get(action, self.purpose if action in PURPOSE_ACTIONS
                                          else ""),
        }


class _Pending:
    """A record written in an open transaction: it stands once committed."""

    def __init__(self, connection: Connection, give_back: Callable[[Connection], None]) -> None:
        self._connection = connection
        self._give_back = give_back

    def commit(self) -> None:
        try:
            self._connection.commit()
        except psycopg.Error as error:
            raise OSError(told(error)) from None
        finally:
            self._give_back(self._connection)

    def cancel(self) -> None:
        try:
            self._connection.rollback()
        finally:
            self._give_back(self._connection)


@dataclass
class TeamReading:
    """What TeamAudit.read() found, as planbro.audit's Reading: the records in the order
    written, and lines that are no record (skipped)."""

    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0


class TeamAudit:
    """The Recorder of a team store: views, documents and prints, in planbro.audit."""

    def __init__(self, pool: ConnectionPool[Connection], identity: Identity,
                 conninfo: str = "") -> None:
        self._pool = pool
        # The address, whose password no message may show (connect.masked).
        self._conninfo = conninfo
        self.identity = identity
        # Told once when a record could not be written (the app shows it).
        self.on_failure: Callable[[str], None] | None = None

    def set_purpose(self, word: str) -> None:
        self.identity.purpose = word

    def record(self, action: str, plan_id: str | None, version: int | None = None, *,
               via: str, detail: str = "") -> bool:
        try:
            with self._pool.connection() as connection, connection.transaction():
                append(connection, self.identity.fields(action, plan_id, version, via, detail))
        except psycopg.Error as error:
            if self.on_failure is not None:
                self.on_failure(told(error, self._conninfo))
            return False
        return True

    def begin(self, action: str, plan_id: str | None, version: int | None = None, *,
              via: str, detail: str = "", may_wait: bool = False) -> _Pending:
        """The record written in a transaction left open: commit() or cancel() it.
        OSError when it cannot be written (the server is away)."""
        try:
            connection = self._pool.getconn()
        except psycopg.Error as error:
            raise OSError(told(error, self._conninfo)) from None
        try:
            append(connection, self.identity.fields(action, plan_id, version, via, detail))
        except psycopg.Error as error:
            connection.rollback()
            self._pool.putconn(connection)
            raise OSError(told(error, self._conninfo)) from None
        return _Pending(connection, self._pool.putconn)

    def read(self) -> TeamReading:
        """Every record of the team log this role may read, oldest first (AuditLog.read()).
        OSError when the server cannot be asked."""
        try:
            with self._pool.connection() as connection:
                rows = connection.execute("SELECT line FROM planbro.audit ORDER BY seq").fetchall()
        except (psycopg.Error, PoolTimeout) as error:
            raise OSError(told(error, self._conninfo)) from None
        found = TeamReading()
        for (line,) in rows:
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if isinstance(record, dict) and isinstance(record.get("at"), str):
                found.records.append(record)
            else:
                found.skipped += 1
        return found

    def verify(self) -> tuple[int, int | None]:
        """The team log's records counted, and the seq of the first whose chain breaks
        (first_break), or where the table parts from its head (past_head); None: whole.
        OSError when the server cannot be asked or the role is not the owner."""
        try:
            with self._pool.connection() as connection:
                owner = connection.execute(
                    "SELECT pg_has_role(current_user, nspowner, 'MEMBER') FROM pg_namespace "
                    "WHERE nspname = 'planbro'").fetchone()
                if not owner or not owner[0]:
                    # Under row-level security the role sees only its units' records: gaps,
                    # not breaks; and the head is the owner's.
                    raise OSError(_("the database role {role} sees only the records of its "
                                    "own units' plans; the whole log is checked as the owner "
                                    "role (the IT department).").format(
                                        role=self.identity.user))
                rows = connection.execute("SELECT seq, line FROM planbro.audit ORDER BY seq"
                                          ).fetchall()
                head = connection.execute("SELECT seq, line_hash FROM planbro.audit_head"
                                          ).fetchone()
        except (psycopg.Error, PoolTimeout) as error:
            raise OSError(told(error, self._conninfo)) from None
        pairs = [(int(seq), line) for seq, line in rows]
        broken = first_break(pairs)
        if broken is None:
            broken = past_head(pairs, (int(head[0]), str(head[1])) if head else None)
        return len(rows), broken

    def use_keys(self, keys: KeyChain | None) -> None:
        """The team log is the server's: no folder keys are involved."""

    def write_waiting(self) -> None:
        """No record of the team log waits on this computer (yet: the offline queue)."""
