"""A plan's lifecycle as pure functions: sign, revise, close, record a follow-up.

Each takes the latest version and returns new Plan objects to store; none
changes its argument. A signed or closed version is frozen: its content is
never changed again, only its follow-up record (§ 148 stk. 2 follow-up is
not a change of the plan).
"""

from __future__ import annotations

import copy
from datetime import date

from planbro.translation import _

from planbro.model import FollowUpEntry, Plan, Signatures
from planbro.model.dates import now_timestamp

from planbro.storage.errors import PlanFrozen, StoreError


def _copy(plan: Plan) -> Plan:
    new = copy.deepcopy(plan)
    new.updated = now_timestamp()
    return new


def signed(plan: Plan, on: date, despite_errors: bool = False) -> Plan:
    """The draft `plan` signed on `on` by whoever has not signed yet; frozen from now on."""
    if plan.status != "draft":
        raise PlanFrozen.of(plan.status, plan.version)
    new = _copy(plan)
    new.status = "signed"
    new.signatures.citizen_signed = new.signatures.citizen_signed or on
    new.signatures.caseworker_signed = new.signatures.caseworker_signed or on
    new.signatures.signed_despite_errors = despite_errors
    return new


def revised(plan: Plan) -> Plan:
    """The next version of the signed `plan`: a draft with the same content, unsigned."""
    if plan.status == "closed":
        raise PlanFrozen.of(plan.status, plan.version)
    if plan.status != "signed":
        raise StoreError(_("Version {version} of the plan is still a draft; change it directly "
                           "instead of making a new version.").format(version=plan.version))
    new = _copy(plan)
    new.version = plan.version + 1
    new.status = "draft"
    new.created = new.updated
    new.signatures = Signatures()
    return new


def closed(plan: Plan) -> Plan | None:
    """`plan` closed (frozen for good), or None when it already is."""
    if plan.status == "closed":
        return None
    new = _copy(plan)
    new.status = "closed"
    return new


def followed_up(plan: Plan, entry: FollowUpEntry, next_date: date | None) -> list[Plan]:
    """The versions to store after a follow-up: the recorded one, and then

    for outcome "change" a new draft (when the plan was signed), for "close"
    the plan closed.
    """
    if plan.status == "closed":
        raise PlanFrozen.of(plan.status, plan.version)
    new = _copy(plan)
    new.follow_up.history.append(copy.deepcopy(entry))
    new.follow_up.next_date = next_date
    if entry.outcome == "close":
        new.status = "closed"
        return [new]
    if entry.outcome == "change" and new.status == "signed":
        return [new, revised(new)]
    return [new]
