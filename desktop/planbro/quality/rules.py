"""Every quality rule in one list: its id, its severity and the function that checks it.

Severities: `fejl` where the law's minimum is not met — whose plan it is
(name and CPR), § 141 stk. 3's four elements and a documented offer (date,
answer, and a reason when declined);
`advarsel` for weak practice (Ankestyrelsen 2017): vague or incomplete goals,
services not tied to goals, missing consent, follow-up not kept, a declined
offer with no day to offer the plan again (or that day passed), and hints
from the citizen's age. When the offer was declined there is no plan content
to check, so only the rules marked `when_declined` run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from planbro.quality import (
    rules_citizen,
    rules_content,
    rules_coordination,
    rules_followup,
    rules_goals,
    rules_partners,
    rules_reform,
    rules_services,
)
from planbro.quality.findings import ADVARSEL, FEJL, Hit


@dataclass(frozen=True)
class Rule:
    # Stable id, shown in `planbro check` and usable by scripts.
    id: str
    severity: str
    check: Callable[..., Iterable[Hit]]
    # True when the rule also applies to a plan whose offer was declined.
    when_declined: bool = False
    # True when the check takes the municipality's Policy as a third argument.
    uses_policy: bool = False


# The rules in the order their findings are listed within a severity.
RULES: tuple[Rule, ...] = (
    Rule("citizen-identity", FEJL, rules_citizen.identity_missing, when_declined=True),
    Rule("offer-undocumented", FEJL, rules_content.offer_undocumented, when_declined=True),
    Rule("offer-declined-reason", FEJL, rules_content.offer_declined_reason, when_declined=True),
    Rule("stk3-purpose", FEJL, rules_content.purpose_missing),
    Rule("stk3-services", FEJL, rules_content.services_missing),
    Rule("stk3-duration", FEJL, rules_content.duration_missing),
    Rule("stk3-circumstances", FEJL, rules_content.circumstances_missing),
    Rule("sel142-declined-empty", FEJL, rules_reform.declined_and_empty),
    Rule("support-wish-reason", FEJL, rules_reform.support_wish_reason),
    Rule("coordinated-consent", FEJL, rules_coordination.consent_missing),
    Rule("citizen-words", ADVARSEL, rules_content.citizen_words_missing),
    Rule("goals-missing", ADVARSEL, rules_goals.goals_missing),
    Rule("goal-no-subgoals", ADVARSEL, rules_goals.goal_without_subgoals),
    Rule("vague-goal", ADVARSEL, rules_goals.vague_goal),
    Rule("vague-subgoal", ADVARSEL, rules_goals.vague_subgoal),
    Rule("subgoal-indicator", ADVARSEL, rules_goals.subgoal_indicator),
    Rule("subgoal-responsible", ADVARSEL, rules_goals.subgoal_responsible),
    Rule("subgoal-deadline", ADVARSEL, rules_goals.subgoal_deadline),
    Rule("housing-only", ADVARSEL, rules_goals.housing_only),
    Rule("goal-no-service", ADVARSEL, rules_services.goal_without_service),
    Rule("service-title", ADVARSEL, rules_services.service_title),
    Rule("service-legal-basis", ADVARSEL, rules_services.service_legal_basis),
    Rule("service-start", ADVARSEL, rules_services.service_start),
    Rule("service-provider", ADVARSEL, rules_services.service_provider),
    Rule("service-no-goal", ADVARSEL, rules_services.service_without_goal),
    Rule("cti-duration", ADVARSEL, rules_services.cti_duration),
    Rule("cti-phases", ADVARSEL, rules_services.cti_phases),
    Rule("coordinator-missing", ADVARSEL, rules_services.coordinator_missing),
    Rule("cti-takes-over", ADVARSEL, rules_coordination.cti_takes_over),
    Rule("handover-missing", ADVARSEL, rules_coordination.handover_missing),
    Rule("handover-sections", ADVARSEL, rules_coordination.handover_sections),
    Rule("matter-unaddressed", ADVARSEL, rules_coordination.matter_unaddressed),
    Rule("participation-reason", ADVARSEL, rules_reform.participation_reason),
    Rule("boform-dates", ADVARSEL, rules_reform.boform_dates),
    Rule("notification-late", ADVARSEL, rules_reform.notification_late),
    Rule("plan-start-late", ADVARSEL, rules_reform.plan_start_late, uses_policy=True),
    Rule("discharge-conditions", ADVARSEL, rules_reform.discharge_before_conditions),
    Rule("coordinated-replaces", ADVARSEL, rules_coordination.replaces_missing),
    Rule("coordinated-employment", ADVARSEL, rules_coordination.employment_part_missing),
    Rule("coordinated-caseworker", ADVARSEL, rules_coordination.coordinating_caseworker_missing),
    Rule("consent-missing", ADVARSEL, rules_partners.consent_missing, when_declined=True),
    Rule("consent-withdrawn", ADVARSEL, rules_partners.consent_withdrawn, when_declined=True),
    Rule("consent-expired", ADVARSEL, rules_partners.consent_expired, when_declined=True),
    Rule("consent-scope", ADVARSEL, rules_partners.consent_scope, when_declined=True),
    Rule("consent-sections", ADVARSEL, rules_partners.consent_sections, when_declined=True),
    Rule("follow-up-missing", ADVARSEL, rules_followup.follow_up_missing),
    Rule("follow-up-overdue", ADVARSEL, rules_followup.follow_up_overdue),
    Rule("follow-up-stale", ADVARSEL, rules_followup.follow_up_stale),
    Rule("follow-up-first-late", ADVARSEL, rules_followup.first_follow_up_late),
    Rule("offer-again-missing", ADVARSEL, rules_followup.offer_again_missing, when_declined=True),
    Rule("offer-again-overdue", ADVARSEL, rules_followup.offer_again_overdue, when_declined=True),
    Rule("pension-age", ADVARSEL, rules_citizen.pension_age, when_declined=True),
    Rule("youth-model", ADVARSEL, rules_citizen.youth_model),
)


def rule(rule_id: str) -> Rule:
    """The rule with this id; KeyError for an unknown id."""
    for r in RULES:
        if r.id == rule_id:
            return r
    raise KeyError(rule_id)
