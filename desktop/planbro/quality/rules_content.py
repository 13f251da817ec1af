"""Rules on the offer and on § 141 stk. 3's minimum content."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from planbro.translation import _

from planbro.model import Plan

from planbro.quality.findings import Hit


def offer_undocumented(plan: Plan, today: date) -> Iterator[Hit]:
    """The offer needs a date and the citizen's answer (Ankestyrelsen 2017)."""
    if plan.offer.date is None:
        yield Hit("offer.date", _(
            "The date the plan was offered is missing. "
            "Record when the citizen was offered a plan."))
    if plan.offer.decision == "pending":
        yield Hit("offer.decision", _(
            "The citizen's answer to the offer is not recorded. "
            "Record whether the citizen accepted or declined a plan."))


def offer_declined_reason(plan: Plan, today: date) -> Iterator[Hit]:
    if plan.declined and not plan.offer.reason.strip():
        yield Hit("offer.reason", _(
            "The citizen declined a plan, but no reason is recorded. "
            "Write the citizen's reason."))


def purpose_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if not plan.purpose.strip():
        yield Hit("purpose", _(
            "The purpose of the help is missing (§ 141, stk. 3, nr. 1). "
            "Write what the help should lead to."))


def services_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if not plan.services:
        yield Hit("services", _(
            "No services are listed (§ 141, stk. 3, nr. 2). "
            "Add the help that is needed to reach the purpose."))


def duration_missing(plan: Plan, today: date) -> Iterator[Hit]:
    # An expected end date or a written estimate ("about a year") both
    # state the expected duration.
    if plan.duration.expected_end is None and not plan.duration.note.strip():
        yield Hit("duration.expected_end", _(
            "The expected duration is missing (§ 141, stk. 3, nr. 3). "
            "Give an expected end date or describe how long the help is expected to last."))


def circumstances_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if not any(text.strip() for _field, text in plan.circumstances.items()):
        yield Hit("circumstances", _(
            "Other matters are missing (§ 141, stk. 3, nr. 4). Describe the citizen's "
            "housing, employment, treatment and other relevant matters."))


def citizen_words_missing(plan: Plan, today: date) -> Iterator[Hit]:
    if not plan.citizen_words.strip():
        yield Hit("citizen_words", _(
            "The citizen's own words are missing (§ 141, stk. 4). "
            "Write the citizen's wishes in the citizen's own words."))
