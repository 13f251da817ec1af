"""A plan's lifecycle as pure functions: sign, revise, close, record a follow-up, journalise.

Each takes the latest version and returns new Plan objects to store; none
changes its argument. A signed or closed version is frozen: its content is
never changed again, only its follow-up record (§ 148 stk. 2 follow-up is
not a change of the plan) and, once closed, the day it was journalised.
"""

from __future__ import annotations

import copy
from datetime import date

from planbro.translation import _

from planbro.model import FollowUpEntry, Plan, Replaces, Signatures
from planbro.model.dates import now_timestamp

from planbro.storage.errors import PlanFrozen, StoreError


def _copy(plan: Plan) -> Plan:
    new = copy.deepcopy(plan)
    new.updated = now_timestamp()
    return new


def signed(plan: Plan, on: date, despite_errors: bool = False, *,
           citizen_on: date | None = None, citizen_declines: str | None = None) -> Plan:
    """The draft `plan` signed by the caseworker on `on`; frozen from now on.

    The citizen signed on `citizen_on` (default: a date the draft already
    holds, else `on`), or, with `citizen_declines` (the caseworker's note),
    did not wish to sign: then the plan has no citizen's date and says so.
    """
    if plan.status != "draft":
        raise PlanFrozen.of(plan.status, plan.version)
    new = _copy(plan)
    new.status = "signed"
    s = new.signatures
    s.caseworker_signed = on
    s.citizen_declined = citizen_declines is not None
    s.citizen_declined_note = (citizen_declines or "").strip()
    s.citizen_signed = None if s.citizen_declined else citizen_on or s.citizen_signed or on
    s.signed_despite_errors = despite_errors
    return new


def revised(plan: Plan) -> Plan:
    """The next version of the signed `plan`: a draft with the same content, unsigned.

    Only the act of signing goes: both days, the citizen's refusal, "signed
    despite errors" and the note on the signing. The place of signature stays
    with the rest, and the draft says which signed version it replaces.
    """
    if plan.status == "closed":
        raise PlanFrozen.of(plan.status, plan.version)
    if plan.status != "signed":
        raise StoreError(_("Version {version} of the plan is still a draft; change it directly "
                           "instead of making a new version.").format(version=plan.version))
    new = _copy(plan)
    new.version = plan.version + 1
    new.status = "draft"
    new.created = new.updated
    new.signatures = Signatures(place=plan.signatures.place)
    new.replaces = Replaces(plan.version, plan.signatures.signed_on())
    return new


def closed(plan: Plan) -> Plan | None:
    """`plan` closed (frozen for good), or None when it already is."""
    if plan.status == "closed":
        return None
    new = _copy(plan)
    new.status = "closed"
    return new


def journalised(plan: Plan, on: date) -> Plan | None:
    """The closed `plan` marked as journalised in the municipality's ESDH on `on`, or None
    when it already says so. Only the mark changes: the content stays frozen."""
    if plan.status != "closed":
        raise StoreError(_("Version {version} of the plan is not closed. Close the case first; "
                           "a case is journalised when it has ended.").format(
            version=plan.version))
    if plan.journalised == on:
        return None
    closed = closed_on(plan)
    if closed is not None and on < closed:
        raise StoreError(_("The case was closed on {closed}, so it cannot have been journalised "
                           "on {on}, before that. Give the day the final plan was filed in the "
                           "ESDH.").format(closed=closed.strftime("%d-%m-%Y"),
                                           on=on.strftime("%d-%m-%Y")))
    new = _copy(plan)
    new.journalised = on
    return new


def closed_on(plan: Plan) -> date | None:
    """The day the case was closed, when a follow-up closed it (afsluttes) and says so;
    None for a case closed without one (its stored time is not the day it ended)."""
    days = [e.date for e in plan.follow_up.history if e.outcome == "close" and e.date]
    return max(days) if days else None


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
