"""check_plan: run every rule over a plan and collect the findings."""

from __future__ import annotations

from datetime import date

from planbro.model import Plan

from planbro.quality.findings import SEVERITIES, Finding
from planbro.quality.policy import DEFAULT_POLICY, Policy
from planbro.quality.rules import RULES


def check_plan(plan: Plan, today: date | None = None,
               policy: Policy | None = None) -> list[Finding]:
    """Every finding for `plan`: fejl first, then advarsler, each in rule order.

    `today` is the day follow-up, consent expiry and age are judged on;
    the system date when None (tests pass a fixed one). `policy` is what the
    municipality decided where the law sets no figure (DEFAULT_POLICY when None).
    """
    today = today or date.today()
    policy = policy or DEFAULT_POLICY
    findings = [
        Finding(rule.id, rule.severity, hit.message, hit.field)
        for rule in RULES
        if rule.when_declined or not plan.declined
        for hit in (rule.check(plan, today, policy) if rule.uses_policy
                    else rule.check(plan, today))
    ]
    # sorted() is stable: within a severity the rule order is kept.
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))
