"""Opening the team store (issue 14) with what the storage layer may not know of itself.

The team database keeps each plan's quality light beside its summary, so a team
leader's caseload shows it without checking every plan; storage stands beside
planbro.quality, so the light is computed here and handed to the store as `signal`
(and the overview's facts of each save as `facts`, actions/overview.py).
Both front ends open the team store through open_team_store(); who has a plan open
for editing, and a team leader's breaking of that lease, are asked here too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from planbro.translation import _

from planbro.model import Plan

from planbro.quality import Policy, check_plan, traffic_light
from planbro.storage import Store, StoreError

from planbro.actions.context import quality_policy

if TYPE_CHECKING:
    from planbro.storage.postgres import Lease, TeamStore
    from planbro.storage.postgres.leases import Leases


def quality_signal(policy: Policy | None = None) -> Callable[[Plan], str]:
    """The quality check's light (red, yellow, green) of a plan as it is saved, under the
    municipality's policy (read once, here)."""
    chosen = policy if policy is not None else quality_policy()

    def signal(plan: Plan) -> str:
        return traffic_light(check_plan(plan, date.today(), chosen))

    return signal


def open_team_store(address: str, *, via: str, holder: str = "",
                    data_dir: Path | str | None = None) -> TeamStore:
    """The team store at `address`, storing each save's quality light; `holder` is the
    caseworker's name others see on a plan this one has open. Raises StoreUnreachable,
    StoreAddressRefused or SchemaOutdated with the user's message (no password in it)."""
    from planbro.storage.postgres import TeamStore

    from planbro.actions.overview import facts_for_stores

    # Each save keeps the plan's facts for the overview, as the local store (overview_rows.py).
    return TeamStore(address, via=via, signal=quality_signal(), holder=holder, data_dir=data_dir,
                     facts=facts_for_stores())


def leases_of(store: Store) -> Leases:
    """The leases of a team store; StoreError saying so for the local data folder, where one
    caseworker works alone and the folder's lock keeps a second window reading."""
    leases = getattr(store, "leases", None)
    if leases is None:
        raise StoreError(_("Leases are kept by the team store only: the plans are in the data "
                           "folder on this computer, which one Planbro writes at a time."))
    return leases  # type: ignore[no-any-return]


def open_by(store: Store, plan_id: str) -> Lease | None:
    """Who has the plan open for editing ("Åben hos … siden …"); None when no one has."""
    return leases_of(store).holder(plan_id)


def break_lease(store: Store, plan_id: str) -> Lease:
    """A team leader breaks a colleague's lease of the plan, so it can be edited again
    (recorded in the team's audit table); the lease broken. LeaseNotBroken when the
    role is no team leader or no one has the plan open."""
    return leases_of(store).break_lease(plan_id, via=store.via)
