"""check_plan: run every rule over a plan and collect the findings."""

from __future__ import annotations

from datetime import date

from planbro.model import Plan

from planbro.quality.findings import SEVERITIES, Finding, Hit
from planbro.quality.policy import DEFAULT_POLICY, Policy
from planbro.quality.rules import RULES, Rule


def check_plan(plan: Plan, today: date | None = None,
               policy: Policy | None = None) -> list[Finding]:
    """Every finding for `plan`: fejl first, then advarsler, each in rule order.

    `today` is the day follow-up, consent expiry and age are judged on;
    the system date when None (tests pass a fixed one). `policy` is what the
    municipality decided where the law sets no figure (DEFAULT_POLICY when None).
    """
    today = today or date.today()
    policy = policy or DEFAULT_POLICY
    findings = [Finding(rule.id, rule.severity, hit.message, hit.field)
                for rule in RULES for hit in rule_hits(rule, plan, today, policy)]
    # sorted() is stable: within a severity the rule order is kept.
    return sorted(findings, key=lambda f: SEVERITIES.index(f.severity))


def rule_hits(rule: Rule, plan: Plan, today: date, policy: Policy = DEFAULT_POLICY) -> list[Hit]:
    """What one rule finds in `plan` on `today`: nothing when the offer was declined and the
    rule does not apply then (check_plan is every rule's; the overview asks one at a time)."""
    if not (rule.when_declined or not plan.declined):
        return []
    return list(rule.check(plan, today, policy) if rule.uses_policy else rule.check(plan, today))
