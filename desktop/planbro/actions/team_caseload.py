"""The team store's caseload in the app: its views, who has which plan open, whether the
user is a team leader, and the draft that keeps what was typed when a lease was lost.

Views: "Mine sager" (the cases the user is responsible for today, as `planbro list
--mine`), "Teamets sager" (every plan the user's role may read), and for a team leader
"Enhedens sager": the unit's open plans with an overdue follow-up or a red or yellow
quality light. The local data folder has none of this: its caseload is one caseworker's.
"""

from __future__ import annotations

import copy
from typing import Any

from planbro.translation import _

from planbro.model import Plan, new_id

from planbro.storage import PlanSummary, Store, StoreError

from planbro.actions.team import leases_of

# The views of the team caseload, in the order the selector offers them.
VIEW_TEAM, VIEW_MINE, VIEW_UNIT = "team", "mine", "unit"
# The quality lights that put a plan in "Enhedens sager".
ATTENTION_LIGHTS = ("red", "yellow")


def is_team_store(store: Store) -> bool:
    """True for the team store (it keeps leases), False for the data folder."""
    return getattr(store, "leases", None) is not None


def same_name(one: str, other: str) -> bool:
    """Two names of a caseworker are the same, spaces and case aside."""
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def view_names(leader: bool) -> list[tuple[str, str]]:
    """(view, its name) as the selector offers them; "Enhedens sager" for a team leader."""
    names = [(VIEW_MINE, _("My cases")), (VIEW_TEAM, _("The team's cases"))]
    if leader:
        names.append((VIEW_UNIT, _("The unit's cases")))
    return names


def in_view(summary: PlanSummary, view: str, *, me: str, unit: str, overdue: bool,
            light: str | None) -> bool:
    """Whether the plan `summary` belongs in `view` for the caseworker `me` of `unit`;
    `overdue` when its follow-up is, `light` its quality light (None: not known)."""
    if view == VIEW_MINE:
        return bool(me.strip()) and same_name(summary.caseworker, me)
    if view == VIEW_UNIT:
        if summary.status == "closed":
            return False
        if unit.strip() and not same_name(summary.unit, unit):
            return False
        return overdue or (light or summary.quality) in ATTENTION_LIGHTS
    return True


def may_break_leases(store: Store) -> bool:
    """Whether the user is a team leader, who may break a colleague's lease; False on the
    data folder, or when the server cannot be asked."""
    if not is_team_store(store):
        return False
    try:
        return leases_of(store).may_break()
    except StoreError:
        return False


def open_plans(store: Store) -> dict[str, Any]:
    """Who has which plan open for editing (plan id -> Lease); {} on the data folder or when
    the server cannot be asked (the caseload then shows no one)."""
    if not is_team_store(store):
        return {}
    try:
        return leases_of(store).open_plans()
    except StoreError:
        return {}


def keep_as_draft(store: Store, plan: Plan) -> Plan:
    """What was typed in `plan` after its lease was lost, saved as a separate new draft
    (version 1, its own id), so nothing typed is lost and nothing overwrites the plan the
    other caseworker now edits. StoreError when even that cannot be saved."""
    kept = copy.deepcopy(plan)
    kept.id = new_id()
    kept.version = 1
    kept.status = "draft"
    kept.created = kept.updated = ""
    kept.replaces = type(plan.replaces)()
    store.save(kept)
    leases = leases_of(store)
    # The copy's lease is this client's until the caseworker closes it again.
    leases.release(kept.id)
    # In the writer's own Mine sager: the copy names the plan's caseworker, who may be
    # another (a vikar typed on a colleague's case).
    writer = " ".join(str(leases.identity.name).split())
    if writer and writer.casefold() != " ".join(plan.caseworker.name.split()).casefold():
        from planbro.actions.handover import handovers_of

        handovers_of(store).hand_over(kept.id, writer, _(
            "What was typed on the plan after its lease was lost, kept as a separate draft: "
            "compare it with the plan and move what is missing over."), via=store.via)
    return kept
