"""The overview's facts in the team store (sql/0006_overview_facts.sql): kept with each save,
made for rows without them, and the plans of a period and scope chosen by the server.

The facts are the overview's (planbro/overview/facts.py; storage stands below it and is
given the function that makes them, summary.py Facts, as the local store is). Of their
keys the server reads four: "f" (their format: the rules and the municipality's policy
they were made under), "unit" and "cw" (the unit and caseworker the plan names, kept
folded in facts_unit and facts_worker) and "start", "closed" (the days the case was open,
ISO text, compared as text). No plan body is read by the overview, except once for a plan
whose facts are missing or of another format (renew): they are made from its versions and
written back, so the next overview finds them. Row-level security (setup_roles.sql)
keeps a caseworker's role to its units' rows in every statement here.

The overview's caseworker is the one responsible for the plan today, as "Mine sager" has
it (handover.py RESPONSIBLE_TODAY: after "Overdrag sag" the colleague or vikar handed it),
not the one the plan names; its unit is the plan's (a hand-over keeps the case in its
unit). The server chooses a caseworker's plans roughly: those whose own caseworker is the
one asked for (facts_worker, an index) and every plan ever handed over (few); the overview
compares the summary's caseworker, the responsible one, itself (compute.py select).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from psycopg.types.json import Jsonb

from planbro.storage.postgres.audit import Connection
from planbro.storage.postgres.handover import RESPONSIBLE_TODAY
from planbro.storage.postgres.rows import Query
from planbro.storage.summary import Facts, PlanSummary, overview_facts, summary_from_row

# How many plans' versions one statement of renew() reads (a bound on what is held at once).
BATCH = 500
# A stored plan whose facts are missing or of another format than `current`.
_STALE = "facts IS NULL OR facts->>'f' IS DISTINCT FROM %(current)s"
# What the overview reads of a summary (compute.py), in this order, with the facts last;
# the caseworker responsible today in the place of the one the plan names, the days as
# ISO text (as the local index keeps them). No citizen's name: an overview shows none, and
# the window lists the plans behind a figure by the names the caseload has (drill.py).
OVERVIEW_COLUMNS = ("id", "status", "basis", "decision", "created", "updated",
                    "next_follow_up::text", "offer_date::text", RESPONSIBLE_TODAY, "unit")
# The keys of the overview's facts (overview/facts.py: the five the server reads, and "x"
# the rest packed in one text), sent as a text column each and made into the facts again
# here: psycopg makes 10,000 rows of text columns (~50 ms) faster than the server builds
# and the client parses one JSON array of them (~95 ms), or a jsonb value per row.
FACTS_KEYS = ("f", "cw", "unit", "start", "closed", "x")
# The plans of the period and scope, and every plan without current facts (the overview
# makes those from the plan itself, when the store could not: summary.py Facts failed).
_CHOSEN = (f"SELECT {', '.join(OVERVIEW_COLUMNS)}, "
           f"{', '.join(f'facts->>{key!r}' for key in FACTS_KEYS)} "
           f"FROM planbro.plans WHERE {_STALE} "
           "OR ((%(unit)s = '' OR facts_unit = %(unit)s) "
           "AND (%(worker)s = '' OR facts_worker = %(worker)s "
           "OR responsible <> '' OR substitute <> '') "
           "AND coalesce(facts->>'start', '') COLLATE \"C\" <= %(last)s "
           "AND coalesce(nullif(facts->>'closed', ''), '9999') COLLATE \"C\" >= %(first)s)")


def fold(text: object) -> str:
    """A unit's or caseworker's name as the overview compares it: spacing and case aside
    (overview/compute.py _fold)."""
    return " ".join(str(text or "").split()).casefold()


def write_facts(connection: Connection, plan_id: str, facts: Any,
                revision: int | None = None) -> None:
    """Keep `facts` (None: none) in the plan's row; with `revision`, only while the row is
    still of that revision (a save in between made its own)."""
    scope = facts if isinstance(facts, dict) else {}
    query = ("UPDATE planbro.plans SET facts = %s, facts_unit = %s, facts_worker = %s "
             "WHERE id = %s")
    params: list[Any] = [Jsonb(facts) if facts is not None else None,
                         fold(scope.get("unit")), fold(scope.get("cw")), plan_id]
    if revision is not None:
        query += " AND revision = %s"
        params.append(revision)
    connection.execute(query, params)


def renew(connect: Callable[[], Any], facts: Facts, current: str) -> int:
    """Make the facts of every plan this role may read whose facts are missing or not of the
    format `current`, from its versions (each read once), and keep them; how many were
    made. A plan whose facts cannot be made keeps none (the overview counts it unread)."""
    made = 0
    with connect() as connection:
        stale = connection.execute(f"SELECT id, revision FROM planbro.plans WHERE {_STALE}",
                                   {"current": current}).fetchall()
        for start in range(0, len(stale), BATCH):
            batch = dict(stale[start:start + BATCH])
            docs: dict[str, dict[int, dict[str, Any]]] = {}
            for plan_id, version, body in connection.execute(
                    "SELECT plan_id, version, body FROM planbro.plan_versions "
                    "WHERE plan_id = ANY(%s)", [list(batch)]):
                docs.setdefault(plan_id, {})[version] = body
            with connection.transaction(), connection.pipeline():
                for plan_id, versions in docs.items():
                    found = overview_facts(versions, facts)
                    if found is not None:
                        write_facts(connection, plan_id, found, batch[plan_id])
                        made += 1
    return made


def chosen(query: Query, *, first: str, last: str, unit: str, worker: str,
           current: str) -> list[PlanSummary]:
    """The summaries, with their facts as `overview`, of the plans whose case was open in
    the period from `first` ("" : any) to `last` (ISO days) in the scope `unit` or
    `worker` (folded; "": any), and of every plan without facts of the format `current`;
    in the server's order (sorting the rows took a third of the statement). They hold what
    the overview reads (OVERVIEW_COLUMNS; no name, no CPR number, the versions' numbers 0:
    the window's lists of plans take those from the caseload's summaries). Their caseworker
    is the one responsible today, after a hand-over the colleague or vikar (as summaries() and "Mine
    sager" have it), their unit the plan's. A plan handed over is chosen whoever `worker`
    is: the overview compares the summary's caseworker with the one asked for itself."""
    rows = query(_CHOSEN, {"current": current, "first": first, "last": last,  # type: ignore[arg-type]
                           "unit": fold(unit), "worker": fold(worker)})
    return [_summary(row) for row in rows]


def _summary(row: tuple[Any, ...]) -> PlanSummary:
    (plan_id, status, basis, decision, created, updated, follow_up, offered, worker,
     unit) = row[:10]
    # Facts of another format may lack keys of these: they are not current, and made again.
    facts = dict(zip(FACTS_KEYS, row[10:])) if row[10] is not None else None
    # Made as the local index makes its summaries (summary_from_row: 10,000 in 12 ms, not 28).
    return summary_from_row([plan_id, 0, status, "", "", basis, decision, created, updated,
                             follow_up, 0, None, None, offered, None, None, facts],
                            caseworker=worker, unit=unit)
