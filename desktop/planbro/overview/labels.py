"""The overview's words: the names of the quality rules, plan bases, methods, sub-goal statuses,
follow-up outcomes and reason groups, in the user's language.

Functions, not constants: _() translates in the language chosen when it is called.
"""

from __future__ import annotations

from planbro.translation import _

from planbro.overview.grouping import EMPLOYMENT, NONE, OTHER, legal_basis_text


def rule_names() -> dict[str, str]:
    """Each quality rule (planbro.quality.RULES) by what a plan it finds something in lacks."""
    return {
        "citizen-identity": _("Citizen's name or CPR number missing"),
        "offer-undocumented": _("Offer not documented (date or answer)"),
        "offer-declined-reason": _("Declined offer without a reason"),
        "stk3-purpose": _("No purpose (§ 141, stk. 3, nr. 1)"),
        "stk3-services": _("No services (§ 141, stk. 3, nr. 2)"),
        "stk3-duration": _("No expected duration (§ 141, stk. 3, nr. 3)"),
        "stk3-circumstances": _("No other matters (§ 141, stk. 3, nr. 4)"),
        "sel142-declined-empty": _("§ 142 plan left empty because the citizen does not take part"),
        "support-wish-reason": _("Wish for the bostøtte not followed, without a reason"),
        "coordinated-consent": _("Coordinated plan (§ 141, stk. 7) without consent"),
        "citizen-words": _("The citizen's own words missing"),
        "goals-missing": _("No goals"),
        "goal-no-subgoals": _("Goals without sub-goals"),
        "vague-goal": _("Vague goals"),
        "vague-subgoal": _("Vague sub-goals"),
        "subgoal-indicator": _("Sub-goals without a sign of being reached"),
        "subgoal-responsible": _("Sub-goals without someone responsible"),
        "subgoal-deadline": _("Sub-goals without a deadline"),
        "housing-only": _("Goals only about housing"),
        "goal-no-service": _("Goals without a service"),
        "service-title": _("Services without a name"),
        "service-legal-basis": _("Services without a legal basis"),
        "service-start": _("Services without a start"),
        "service-provider": _("Services without a provider"),
        "service-no-goal": _("Services without a goal"),
        "cti-duration": _("CTI course not planned for 9 months"),
        "cti-phases": _("CTI course without its three phases"),
        "coordinator-missing": _("No coordinator"),
        "cti-takes-over": _("CTI course without anyone taking over"),
        "handover-missing": _("No hand-over to a §§ 107-110 or § 101 service"),
        "handover-sections": _("Hand-over without the parts handed over"),
        "matter-unaddressed": _("Work, treatment or finances not addressed"),
        "participation-reason": _("Citizen not taking part (§ 142), without a reason"),
        "boform-dates": _("§ 142 plan without the boform's dates"),
        "notification-late": _("The boform's notification late (§ 110, stk. 6)"),
        "plan-start-late": _("§ 142 plan started late after the notification"),
        "discharge-conditions": _("Discharge soon without the conditions of § 110, stk. 5"),
        "coordinated-replaces": _("Coordinated plan without the plans it replaces"),
        "coordinated-employment": _("Coordinated plan without its employment part"),
        "coordinated-caseworker": _("Coordinated plan without a coordinating caseworker"),
        "consent-missing": _("Partners without consent"),
        "consent-withdrawn": _("Partners whose consent was withdrawn"),
        "consent-expired": _("Partners whose consent has expired"),
        "consent-scope": _("Consent without a scope"),
        "consent-sections": _("Consent without the parts it covers"),
        "follow-up-missing": _("No next follow-up set"),
        "follow-up-overdue": _("Follow-up overdue"),
        "follow-up-stale": _("Not followed up for 12 months"),
        "follow-up-first-late": _("First follow-up later than 3 months"),
        "offer-again-missing": _("Declined offer without a day to offer it again"),
        "offer-again-overdue": _("Day to offer the plan again has passed"),
        "pension-age": _("Citizen at or near state-pension age"),
        "youth-model": _("Young citizen without the youth model's goal or coordinator"),
    }


def basis_names() -> dict[str, str]:
    """A plan's basis (model.plan.BASES)."""
    return {
        "sel-141-1": _("§ 141, stk. 1 (may be offered)"),
        "sel-141-2": _("§ 141, stk. 2 (must be offered)"),
        "sel-142": _("§ 142 (stay at a § 110 boform)"),
        "sel-141-7": _("§ 141, stk. 7 (coordinated plan)"),
    }


def legal_basis_name(code: str) -> str:
    """A service's grouped legal basis (grouping.legal_basis): the law and paragraph as the
    law names them, the employment services and the two groups in the user's language."""
    if code == OTHER:
        return _("Another legal basis")
    if code == NONE:
        return _("No legal basis given")
    if code == EMPLOYMENT:
        return _("Employment services (jobcentre)")
    return legal_basis_text(code) or code


def status_names() -> dict[str, str]:
    """A sub-goal's status (model.plan.SUBGOAL_STATUSES)."""
    return {"not_started": _("Not started"), "in_progress": _("In progress"),
            "achieved": _("Achieved"), "dropped": _("Dropped")}


def outcome_names() -> dict[str, str]:
    """A follow-up's outcome (model.plan.OUTCOMES), as § 148 practice words them."""
    return {"continue": _("Continued (fortsættes)"), "change": _("Changed (ændres)"),
            "close": _("Closed (afsluttes)")}


def reason_names() -> dict[str, str]:
    """A declined offer's reason group (grouping.REASON_KEYS)."""
    return {
        "has_help": _("Has a plan or help already"),
        "no_need": _("Does not need a plan, manages alone"),
        "distrust": _("Does not want contact with the municipality or to share information"),
        "not_now": _("Not ready now, perhaps later"),
        "moving": _("Moving, or another municipality"),
        OTHER: _("Another reason"),
        NONE: _("No reason written"),
    }


def method_names() -> dict[str, str]:
    """The Housing First methods, and a plan with none."""
    return {"CTI": "CTI", "ICM": "ICM", "ACT": "ACT", NONE: _("No Housing First method")}
