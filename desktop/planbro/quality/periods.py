"""Calendar arithmetic the rules need: months after a date, a plan's start."""

from __future__ import annotations

import calendar
from datetime import date

from planbro.model import Plan


def add_months(start: date, months: int) -> date:
    """The same day `months` later; the month's last day when it is shorter.

    31 May + 9 months is 29 Feb in a leap year and 28 Feb otherwise.
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


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
