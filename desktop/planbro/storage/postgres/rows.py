"""planbro.plans' rows: the summary columns of a plan, and writing them with its versions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from psycopg.types.json import Jsonb

from planbro.translation import _

from planbro.model import Plan, ValidationError
from planbro.model.convert import from_dict

from planbro.storage.errors import PlanNotFound
from planbro.storage.paths import is_plan_id
from planbro.storage.postgres.audit import Connection
from planbro.storage.summary import summary_fields

# The summary columns of planbro.plans, in PlanSummary's order.
SUMMARY_COLUMNS = ("id", "version", "status", "name", "cpr_masked", "basis", "decision",
                   "created", "updated", "next_follow_up", "versions", "signed_version",
                   "signed_on", "offer_date", "offer_again", "journalised", "caseworker",
                   "unit", "quality")
# Columns holding a day (the summary's fields give them as ISO text).
DATE_COLUMNS = frozenset({"next_follow_up", "signed_on", "offer_date", "offer_again",
                          "journalised"})

# A quality light of a plan (red, yellow, green), or None: given by whoever opens the store.
Signal = Callable[[Plan], str | None]
# Fewest characters of an id that resolve_id() accepts as a prefix (as the local store).
MIN_PREFIX = 4
# A query run on the team database: its rows.
Query = Callable[[str, list[Any]], list[tuple[Any, ...]]]


def columns(docs: dict[int, dict[str, Any]], signal: Signal | None,
            latest_plan: Plan | None = None) -> dict[str, Any]:
    """planbro.plans' summary columns of a plan stored as `docs`; `latest_plan` is its latest
    version as a Plan when the caller has it (a save): the light is not read back from JSON."""
    values = dict(zip(SUMMARY_COLUMNS, summary_fields(docs)))
    for column in DATE_COLUMNS:
        values[column] = date.fromisoformat(values[column]) if values[column] else None
    latest = docs[max(docs)]
    worker = latest.get("caseworker") or {}
    values["caseworker"] = worker.get("name", "")
    values["unit"] = worker.get("unit", "")
    values["quality"] = light(latest, signal, latest_plan)
    return values


def light(doc: dict[str, Any], signal: Signal | None, plan: Plan | None = None) -> str | None:
    """The quality light of the version `doc` (`plan`, when given, is it as a Plan); None
    without a signal or a light."""
    if signal is None:
        return None
    try:
        found = signal(plan if plan is not None else from_dict(Plan, doc))
    except (ValidationError, ValueError):
        return None
    return found if found in ("red", "yellow", "green") else None


# What a lifecycle step may change of a signed or closed version (sql/0009 refuses the rest).
FROZEN_CHANGES = ("follow_up", "updated", "status", "journalised")


def onto_frozen(stored: dict[str, Any] | None, doc: dict[str, Any]) -> dict[str, Any]:
    """`doc`, a new form of a stored version: for a signed or closed one, without the
    fields its stored body lacks (but FROZEN_CHANGES). A version signed by an older
    Planbro lacks fields a newer one writes (every save writes every field): written whole,
    a follow-up would add them to its content, and the server would refuse it. A change of
    a field it has is sent as it is, for the server to refuse (a step gone wrong)."""
    if stored is None or stored.get("status") not in ("signed", "closed"):
        return doc
    return {key: value for key, value in doc.items()
            if key in stored or key in FROZEN_CHANGES}


def store_rows(connection: Connection, plan_id: str, revision: int, values: dict[str, Any],
               changes: list[dict[str, Any]]) -> None:
    """Write the plan's summary row `values` as revision + 1 (a new row for revision 0),
    and the versions `changes` (replacing a stored draft of the same number)."""
    names = [c for c in SUMMARY_COLUMNS if c != "id"]
    if revision:
        connection.execute(
            f"UPDATE planbro.plans SET revision = %s, changed_at = now(), "
            f"{', '.join(f'{c} = %s' for c in names)} WHERE id = %s",
            [revision + 1, *(values[c] for c in names), plan_id])
    else:
        connection.execute(
            f"INSERT INTO planbro.plans (revision, {', '.join(SUMMARY_COLUMNS)}) "
            f"VALUES (%s, {', '.join(['%s'] * len(SUMMARY_COLUMNS))})",
            [1, *(values[c] for c in SUMMARY_COLUMNS)])
    for doc in changes:
        connection.execute(
            "INSERT INTO planbro.plan_versions (plan_id, version, body) VALUES (%s, %s, %s) "
            "ON CONFLICT (plan_id, version) DO UPDATE SET body = EXCLUDED.body, "
            "saved_at = now()", [plan_id, doc["version"], Jsonb(doc)])


def resolve_id(query: Query, id_or_prefix: str) -> str:
    """The full id of the plan in planbro.plans whose id is, or begins with, `id_or_prefix`
    (TeamStore.resolve); PlanNotFound when none or several are."""
    text = id_or_prefix.strip().lower()
    if is_plan_id(text) and query("SELECT 1 FROM planbro.plans WHERE id = %s", [text]):
        return text
    if len(text) < MIN_PREFIX:
        raise PlanNotFound(_("Give at least {count} characters of the plan's id.").format(
            count=MIN_PREFIX))
    pattern = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    matches = [row[0] for row in query(
        "SELECT id FROM planbro.plans WHERE id LIKE %s ORDER BY id", [pattern])]
    if len(matches) > 1:
        raise PlanNotFound(_("«{prefix}» matches {count} plans; give more of the id.").format(
            prefix=id_or_prefix, count=len(matches)))
    if not matches:
        raise PlanNotFound.no_plan(id_or_prefix)
    return str(matches[0])
