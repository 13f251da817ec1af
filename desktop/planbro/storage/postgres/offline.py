"""OfflineStore: the team store that keeps saves on the laptop while the server is away.

A wrapper of one TeamStore implementing the same Store. While the server answers it
only passes calls on (and keeps a sealed copy of each plan this caseworker has open,
queue.py). When a call finds the server away (StoreUnreachable), it goes `offline`:
a save of a plan whose lease this client holds (or of a plan new on this laptop) is
kept in the sealed queue, in order, and counted in `pending`; a plan that is open
here can be read from its sealed copy; anything else is refused at once with
OfflineRefused (a StoreUnreachable), saying why, instead of waiting for the network.
flush() checks the server and sends the saves waiting, in order.

┌──────────────────────────────────────────────────────────────────────────┐
│ When a queued save is sent, and when it is kept as a separate draft      │
│                                                                          │
│ While offline the lease cannot be renewed, so after two minutes it has   │
│ expired on the server's clock. That alone changes nothing: an expired    │
│ lease still carries this client's token, and no one else can have saved │
│ without taking it over. So a queued save is sent through the ordinary    │
│ save, whose lease claim and revision check (leases.py, store.py) decide: │
│ the lease is still this client's (live or expired, untaken) and the      │
│ plan's revision is the one the queue was based on: sent, in order. The   │
│ lease was broken by a team leader, or expired and taken by a colleague,  │
│ or the plan was changed, signed or deleted on the server: the queued     │
│ version is not forced in over theirs. A broken lease counts even when no │
│ one has saved since: a leader breaks it so a colleague can take over.   │
│                                                                          │
│ Then it is kept as a separate draft: a NEW plan (new id, version 1, a    │
│ draft) holding everything the caseworker typed, saved to the team store, │
│ and the caseworker is told both plans' short ids (Flushed.drafts). Why a │
│ new plan rather than a marked copy under the same id: a plan's versions  │
│ are one line that the lease holder now owns, and the schema has no       │
│ second branch to put a copy on; a new plan needs no schema change, shows │
│ in the caseload where the caseworker compares the two and deletes the    │
│ copy (Slet kladde), and every Store function works on it. The saves      │
│ after it in the queue go to the same draft.                              │
└──────────────────────────────────────────────────────────────────────────┘

Qt-free; the app polls `offline`, `pending` and flush() from a timer (actions/offline.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Self, TypeVar

import psycopg

from planbro.crypto.keys import KeyChain

from planbro.model import FollowUpEntry, Plan, Replaces
from planbro.model.convert import from_dict, to_dict
from planbro.model.dates import now_timestamp
from planbro.model.plan import new_id

from planbro.storage.casefile import same_content
from planbro.storage.errors import PlanFrozen, StoreCorrupt, StoreError
from planbro.storage.interface import Store
from planbro.storage.paths import is_plan_id
from planbro.storage.postgres.errors import StoreUnreachable
from planbro.storage.postgres.offline_results import (
    NOT_SENDABLE,
    Drafted,
    Flushed,
    OfflineRefused,
    why_not_sent,
)
from planbro.storage.postgres.queue import OfflineQueue, Queued, scope_of
from planbro.storage.postgres.store import TeamStore
from planbro.storage.summary import PlanSummary

# What this module offers (the refusals and results are offline_results.py's).
__all__ = ["Drafted", "Flushed", "OfflineRefused", "OfflineStore"]
# What a passed-on call gives back.
T = TypeVar("T")
# Seconds flush() waits for the server to answer before it counts as still away
# (libpq's smallest connect_timeout): the app calls it from a timer.
PROBE_TIMEOUT_S = 2


class _Leases:
    """The team store's leases, refused at once while offline (no ten-second wait for
    the pool at every renewal); everything else is the TeamStore's Leases."""

    def __init__(self, owner: OfflineStore) -> None:
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        if name == "_owner":
            raise AttributeError(name)
        found = getattr(self._owner.team.leases, name)
        if not callable(found) or name in ("forget",):
            return found

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._owner._online(lambda: found(*args, **kwargs))

        return call


class OfflineStore(Store):
    """`team`, with saves kept in a sealed queue sealed by `keys` (the data folder's) while
    its server is away (module docstring). `keys` None: nothing can be kept, and an
    offline save is refused saying so."""

    def __init__(self, team: TeamStore, keys: KeyChain | None) -> None:
        self.team = team
        self.queue = (OfflineQueue(team.data_dir, scope_of(team.conninfo), keys)
                      if keys is not None else None)
        # True from the first call that found the server away until flush() reaches it.
        self.offline = False
        self.leases = _Leases(self)
        # The caseload as last listed from the server (in memory only), shown offline.
        self._summaries: list[PlanSummary] = []
        self._adopt()

    # -- what the Store protocol has, passed on ---------------------------------------

    def __getattr__(self, name: str) -> Any:
        # The team store's own attributes (conninfo, handovers, schema_version, …).
        if name == "team":
            raise AttributeError(name)
        return getattr(self.team, name)

    @property
    def data_dir(self) -> Path:  # type: ignore[override]
        return self.team.data_dir

    @property
    def audit(self) -> Any:  # type: ignore[override]
        return self.team.audit

    @property
    def via(self) -> str:  # type: ignore[override]
        return self.team.via

    @property
    def read_only(self) -> bool:  # type: ignore[override]
        return self.team.read_only

    @property
    def locked_reason(self) -> str:  # type: ignore[override]
        return self.team.locked_reason

    @property
    def corrupt(self) -> list[StoreCorrupt]:
        return []

    @property
    def pending(self) -> int:
        """How many saves wait on this laptop to be sent."""
        return self.queue.pending if self.queue is not None else 0

    @property
    def keeps_saves(self) -> bool:
        """Whether a save while the server is away is kept on this laptop (False without
        the data folder's keys: it is refused, OfflineRefused.no_keys)."""
        return self.queue is not None

    def backups(self) -> list[Path]:
        return []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- online or not -----------------------------------------------------------------

    def _online(self, call: Callable[[], T]) -> T:
        """`call()` on the server; OfflineRefused at once while offline, and offline from
        the first StoreUnreachable."""
        if self.offline:
            raise OfflineRefused.waits()
        try:
            return call()
        except StoreUnreachable:
            self.offline = True
            raise

    def _reachable(self) -> bool:
        """Whether the server answers now (a connection of its own, not the pool's)."""
        try:
            psycopg.connect(self.team.conninfo, connect_timeout=PROBE_TIMEOUT_S).close()
        except psycopg.OperationalError:
            return False
        return True

    def _waiting(self, plan_id: str) -> list[Queued]:
        if self.queue is None:
            return []
        return [entry for entry in self.queue.entries() if entry.plan_id == plan_id]

    def _adopt(self) -> None:
        """Saves left queued by an earlier Planbro on this laptop (it closed, or crashed,
        offline): this client takes up their lease token and base revision, so flush()
        sends them if no one else took the plan meanwhile."""
        entries = self.queue.entries() if self.queue is not None else []
        if not entries or self.team.leases.held:
            return
        self.team.leases.token = entries[0].token
        for entry in entries:
            if entry.token == entries[0].token and entry.base and not entry.draft_of:
                self.team.leases.held.add(entry.plan_id)
                self.team._seen.setdefault(entry.plan_id, entry.base)

    # -- reading -----------------------------------------------------------------------

    def _local(self, plan_id: str) -> tuple[dict[str, Any], int] | None:
        """The plan as this laptop has it (its latest queued save, else its sealed copy)."""
        waiting = self._waiting(plan_id)
        if waiting:
            return waiting[-1].doc, waiting[-1].base
        cached = self.queue.cached(plan_id) if self.queue is not None else None
        return (cached.doc, cached.revision) if cached is not None else None

    def get(self, plan_id: str, version: int | None = None) -> Plan:
        """The plan from the server; its saves not yet sent when there are any (they are
        newer); while offline its sealed copy, else OfflineRefused."""
        waiting = self._waiting(plan_id) if self.pending else []
        if waiting and version in (None, waiting[-1].doc.get("version")):
            return from_dict(Plan, waiting[-1].doc)
        if not self.offline:
            try:
                plan = self.team.get(plan_id, version)
            except StoreUnreachable:
                self.offline = True
            else:
                if version is None:
                    self._keep(plan)
                return plan
        cached = self.queue.cached(plan_id) if self.queue is not None else None
        if cached is None or version not in (None, cached.doc.get("version")):
            raise OfflineRefused.not_here()
        return from_dict(Plan, cached.doc)

    def _keep(self, plan: Plan) -> None:
        """A sealed copy of a plan read or saved while this client holds its lease; the
        copies of plans no longer held (closed) and with nothing queued go."""
        if self.queue is None:
            return
        held = self.team.leases.held
        if plan.id in held:
            self.queue.cache(plan.id, to_dict(plan), self.team._seen.get(plan.id, 0))
        for plan_id in self.queue.cached_ids():
            if plan_id not in held and not self._waiting(plan_id):
                self.queue.drop(plan_id)

    def versions(self, plan_id: str) -> list[int]:
        if not self.offline:
            with contextlib.suppress(StoreUnreachable):
                return self._online(lambda: self.team.versions(plan_id))
        local = self._local(plan_id)
        if local is None:
            raise OfflineRefused.not_here()
        return [int(local[0]["version"])]

    def summaries(self) -> list[PlanSummary]:
        """The caseload from the server; while offline, as it was last listed."""
        if not self.offline:
            with contextlib.suppress(StoreUnreachable):
                self._summaries = self._online(self.team.summaries)
        return list(self._summaries)

    def overview_summaries(self, **scope: Any) -> list[PlanSummary]:
        """The overview's plans, chosen by the server: refused at once while it is away,
        not after the pool's wait for a connection (Overblik hung 10 s, then said so)."""
        return self._online(lambda: self.team.overview_summaries(**scope))

    def resolve(self, id_or_prefix: str) -> str:
        if not self.offline:
            with contextlib.suppress(StoreUnreachable):
                return self._online(lambda: self.team.resolve(id_or_prefix))
        known = {summary.id for summary in self._summaries}
        known.update(self.queue.cached_ids() if self.queue is not None else [])
        found = sorted(plan_id for plan_id in known if plan_id.startswith(id_or_prefix.lower()))
        if len(found) == 1:
            return found[0]
        raise OfflineRefused.not_here()

    # -- saving ------------------------------------------------------------------------

    def save(self, plan: Plan) -> Plan:
        """Save on the server; while it is away, keep the save in the sealed queue (a plan
        this client holds the lease of, or one new on this laptop), in order."""
        if not self.offline and not (self.pending and self._waiting(plan.id)):
            try:
                saved = self.team.save(plan)
            except StoreUnreachable:
                self.offline = True
            else:
                self._keep(saved)
                return saved
        return self._enqueue(plan)

    def _enqueue(self, plan: Plan) -> Plan:
        self.team._writable()
        if plan.status != "draft":
            raise PlanFrozen.of(plan.status, plan.version)
        if self.queue is None:
            raise OfflineRefused.no_keys()
        held = plan.id in self.team.leases.held
        base = self.team._seen.get(plan.id, 0)
        if not held and (base or not is_plan_id(plan.id)):
            raise OfflineRefused.not_held()
        waiting = self._waiting(plan.id)
        if waiting and same_content(to_dict(plan), waiting[-1].doc):
            return plan
        now = now_timestamp()
        plan.created = plan.created or now
        plan.updated = now
        self.queue.add(plan.id, to_dict(plan), base, self.team.leases.token)
        return plan

    def flush(self) -> Flushed:
        """Send the saves waiting, in order, when the server answers again (module
        docstring: sent, or kept as a separate draft). Stops where the server goes away
        again; what is not sent stays queued."""
        done = Flushed()
        if self.queue is None:
            done.offline = self.offline = self.offline and not self._reachable()
            return done
        if (self.offline or self.pending) and not self._reachable():
            self.offline = done.offline = True
            done.pending = self.pending
            return done
        if self.offline:
            # The pool's idle connections died with the server's: replaced before sending.
            with contextlib.suppress(psycopg.Error):
                self.team._pool.check()
        self.offline = False
        try:
            # Read again after each: a save kept as a draft redirects the later ones.
            while entries := self.queue.entries():
                self._send(entries[0], done)
        except StoreUnreachable:
            self.offline = done.offline = True
        for drafted in done.drafts:
            if not self._waiting(drafted.draft_id):
                # No window has the draft open: a colleague may open it too.
                with contextlib.suppress(StoreError):
                    self.team.leases.release(drafted.draft_id)
        done.pending = self.pending
        return done

    def _send(self, entry: Queued, done: Flushed) -> None:
        plan = from_dict(Plan, entry.doc)
        try:
            saved = self.team.save(plan)
        except NOT_SENDABLE as refused:
            if entry.draft_of:
                raise StoreError(str(refused)) from None
            self._to_draft(entry, why_not_sent(refused), done)
            return
        if not entry.draft_of:
            done.sent += 1
        self._keep(saved)
        self.queue.remove(entry)  # type: ignore[union-attr]

    def _to_draft(self, entry: Queued, why: str, done: Flushed) -> None:
        """Redirect this save and every later one of its plan to a new plan (flush() sends
        them next)."""
        assert self.queue is not None
        draft_id = new_id()
        for later in self.queue.entries():
            if later.plan_id == entry.plan_id and later.seq >= entry.seq:
                doc = dict(later.doc, id=draft_id, version=1, created="", updated="")
                doc["replaces"] = to_dict(Replaces())
                self.queue.rewrite(Queued(later.seq, draft_id, doc, 0, later.token,
                                          draft_of=entry.plan_id))
        # The plan's lease stays "held": its wizard's next save or renewal is told it is lost.
        self.queue.drop(entry.plan_id)
        done.drafts.append(Drafted(entry.plan_id, draft_id, why))

    # -- everything else: on the server only ------------------------------------------

    def put(self, plan: Plan) -> Plan:
        return self._online(lambda: self.team.put(plan))

    def sign(self, plan_id: str, signed_on: date, *, despite_errors: bool = False,
             citizen_on: date | None = None, citizen_declines: str | None = None) -> Plan:
        return self._online(lambda: self.team.sign(
            plan_id, signed_on, despite_errors=despite_errors, citizen_on=citizen_on,
            citizen_declines=citizen_declines))

    def revise(self, plan_id: str) -> Plan:
        return self._online(lambda: self.team.revise(plan_id))

    def close_case(self, plan_id: str) -> Plan:
        return self._online(lambda: self.team.close_case(plan_id))

    def journalise(self, plan_id: str, on: date) -> Plan:
        return self._online(lambda: self.team.journalise(plan_id, on))

    def record_follow_up(self, plan_id: str, entry: FollowUpEntry,
                         next_date: date | None) -> Plan:
        return self._online(lambda: self.team.record_follow_up(plan_id, entry, next_date))

    def delete_draft(self, plan_id: str) -> int:
        return self._online(lambda: self.team.delete_draft(plan_id))

    def purge(self, plan_id: str, today: date, days: int) -> int:
        return self._online(lambda: self.team.purge(plan_id, today, days))

    def record(self, action: str, plan_id: str | None, version: int | None = None,
               detail: str = "") -> bool:
        if self.offline:
            return False
        return self.team.record(action, plan_id, version, detail)

    def close(self) -> None:
        """Close the team store. The lease of a plan with saves still queued is kept (it
        expires on the server; flush() by the next Planbro here takes it up again), and
        only the sealed copies of plans with nothing queued are removed."""
        waiting: set[str] = set()
        try:
            waiting = {entry.plan_id for entry in self.queue.entries()} if self.queue else set()
        except StoreCorrupt:
            # A queued save that does not open: nothing of its plan may go with it.
            waiting = set(self.team.leases.held)
            waiting.update(self.queue.cached_ids() if self.queue is not None else [])
        if self.queue is not None:
            for plan_id in self.queue.cached_ids():
                if plan_id not in waiting:
                    self.queue.drop(plan_id)
        held = self.team.leases.held
        if not self.offline:
            for plan_id in sorted(held - waiting):
                with contextlib.suppress(StoreError):
                    self.team.leases.release(plan_id)
        held.clear()
        self.team.close()
