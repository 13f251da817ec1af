"""Rules on follow-up (§ 148 stk. 2): a next date, kept, and at least yearly."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from planbro.translation import _, ngettext

from planbro.model import Plan
from planbro.model.dates import add_months

from planbro.quality.findings import Hit
from planbro.quality.periods import FIRST_FOLLOW_UP_MONTHS, FOLLOW_UP_EVERY_MONTHS, plan_start
from planbro.quality.wording import date_text


def _active(plan: Plan) -> bool:
    return plan.status != "closed"


def follow_up_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if _active(plan) and plan.follow_up.next_date is None:
        yield Hit("follow_up.next_date", _(
            "No date is set for the next follow-up (§ 148, stk. 2). Set a date; the first "
            "follow-up is usually within 3 months."))


def follow_up_overdue(plan: Plan, today: date) -> Iterator[Hit]:
    due = plan.follow_up.next_date
    if _active(plan) and due is not None and due < today:
        days = (today - due).days
        yield Hit("follow_up.next_date", ngettext(
            "The follow-up was due on {date} ({days} day ago). Follow up with the citizen "
            "and record the outcome.",
            "The follow-up was due on {date} ({days} days ago). Follow up with the citizen "
            "and record the outcome.", days).format(date=date_text(due), days=days))


def follow_up_stale(plan: Plan, today: date) -> Iterator[Hit]:
    """More than 12 months since the plan started or was last followed up."""
    if not _active(plan):
        return
    dates = [entry.date for entry in plan.follow_up.history if entry.date]
    since = max(dates) if dates else plan_start(plan)
    if since is not None and add_months(since, FOLLOW_UP_EVERY_MONTHS) < today:
        yield Hit("follow_up.history", _(
            "The plan has not been followed up for more than 12 months (since {date}). Follow "
            "up, so the plan describes the citizen's current situation.").format(
                date=date_text(since)))


def first_follow_up_late(plan: Plan, today: date) -> Iterator[Hit]:
    """No follow-up yet, and the first one is planned later than 3 months after the start."""
    if not _active(plan) or any(entry.date for entry in plan.follow_up.history):
        return
    start, planned = plan_start(plan), plan.follow_up.next_date
    if start is None or planned is None:
        return
    due = add_months(start, FIRST_FOLLOW_UP_MONTHS)
    if planned > due:
        yield Hit("follow_up.next_date", _(
            "The first follow-up is planned for {date}, more than 3 months after the plan "
            "started ({start}). Follow up within 3 months, by {due}.").format(
                date=date_text(planned), start=date_text(start), due=date_text(due)))


def offer_again_missing(plan: Plan, today: date) -> Iterator[Hit]:
    """A declined offer, and no day set to offer the plan again."""
    if _active(plan) and plan.declined and plan.offer.offer_again is None:
        yield Hit("offer.offer_again", _(
            "The citizen declined the plan. Set a date to offer the plan again, so the "
            "citizen is asked once more."))


def offer_again_overdue(plan: Plan, today: date) -> Iterator[Hit]:
    """The day to offer a declined plan again has passed."""
    due = plan.offer.offer_again
    if _active(plan) and plan.declined and due is not None and due < today:
        days = (today - due).days
        yield Hit("offer.offer_again", ngettext(
            "The plan was to be offered again on {date} ({days} day ago). Offer the citizen a "
            "plan again and record the answer.",
            "The plan was to be offered again on {date} ({days} days ago). Offer the citizen a "
            "plan again and record the answer.", days).format(date=date_text(due), days=days))
