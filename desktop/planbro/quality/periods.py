"""Calendar arithmetic the rules need: months after a date, a plan's start."""

from __future__ import annotations

from datetime import date

from planbro.model import Plan

# Practice (DOMAIN.md): the first follow-up within 3 months of a plan's start …
FIRST_FOLLOW_UP_MONTHS = 3
# … and then at least once a year.
FOLLOW_UP_EVERY_MONTHS = 12


def plan_start(plan: Plan) -> date | None:
    """When the plan took effect: signed, else its duration's start, else created."""
    signed = [d for d in (plan.signatures.caseworker_signed, plan.signatures.citizen_signed) if d]
    if signed:
        return min(signed)
    if plan.duration.start:
        return plan.duration.start
    try:
        return date.fromisoformat(plan.created[:10]) if plan.created else None
    except ValueError:
        return None
