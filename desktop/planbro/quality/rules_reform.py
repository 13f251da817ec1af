"""Rules from the homelessness reform (lov nr. 482 af 12. maj 2023): the § 142 plan for a
citizen at a § 110 boform, the boform's notification, the bostøtte wish and discharge.

┌──────────────────────────────────────────────────────────────────────────┐
│ Hverdage                                                                 │
│                                                                          │
│ § 110, stk. 6 gives the boform 3 hverdage after its decision on          │
│ admission to notify the handlekommune. Hverdage are Monday to Friday     │
│ except the Danish public holidays (helligdage: nytårsdag, skærtorsdag,   │
│ langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag,      │
│ 2. pinsedag, juledag, 2. juledag; store bededag is no holiday from 2024).│
│ The movable ones follow Easter, computed with the Gregorian rule         │
│ (Meeus/Jones/Butcher): no library in Planbro's set knows Danish          │
│ holidays, and the rule is a few lines of arithmetic. Grundlovsdag,       │
│ juleaftensdag and nytårsaftensdag are not helligdage and count as days. │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache

from planbro.translation import _

from planbro.model import Plan

from planbro.quality.findings import Hit
from planbro.quality.policy import DEFAULT_POLICY, Policy
from planbro.quality.wording import date_text, list_text

# § 110, stk. 6: the boform notifies the handlekommune within this many hverdage.
NOTIFY_WORKDAYS = 3
# A planned discharge this close (in days) while a § 110 stk. 5 condition does not
# hold is a finding; further off, the conditions may still be met in time.
DISCHARGE_WARNING_DAYS = 30
# The last year with store bededag as a public holiday (abolished from 2024).
LAST_STORE_BEDEDAG = 2023


def _easter(year: int) -> date:
    """Easter Sunday of `year` in the Gregorian calendar (Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


@cache
def holidays(year: int) -> frozenset[date]:
    """The Danish public holidays (helligdage) of `year`."""
    easter = _easter(year)
    movable = [-3, -2, 0, 1, 39, 49, 50] + ([26] if year <= LAST_STORE_BEDEDAG else [])
    fixed = [date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)]
    return frozenset([*fixed, *(easter + timedelta(days=n) for n in movable)])


def is_workday(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def workdays_after(start: date, count: int) -> date:
    """The `count`-th hverdag after `start` (not counting `start` itself)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_workday(day):
            count -= 1
    return day


def _at_boform(plan: Plan) -> bool:
    return plan.basis == "sel-142"


def work_started(plan: Plan) -> date | None:
    """The day work on the plan started: the earliest of the offer, the plan's start and its
    first save in Planbro (a plan imported or copied later keeps its own dates)."""
    days = [d for d in (plan.offer.date, plan.duration.start) if d is not None]
    try:
        if plan.created:
            days.append(date.fromisoformat(plan.created[:10]))
    except ValueError:
        pass
    return min(days) if days else None


def declined_and_empty(plan: Plan, today: date) -> Iterator[Hit]:
    """A § 142 plan whose citizen does not take part is still written (fejl when empty)."""
    if not _at_boform(plan):
        return
    refused = plan.participation.declined or plan.offer.decision == "declined"
    if refused and not plan.purpose.strip() and not plan.goals and not plan.services:
        yield Hit("purpose", _(
            "The citizen does not wish to take part, but a plan under § 142 must still be "
            "made: write it from what the municipality knows (purpose, services and the "
            "other matters)."))


def participation_reason(plan: Plan, today: date) -> Iterator[Hit]:
    if _at_boform(plan) and plan.participation.declined and not plan.participation.reason.strip():
        yield Hit("participation.reason", _(
            "The citizen does not wish to take part in the plan. Write why, as the citizen "
            "said it, if the citizen wanted to say."))


def boform_dates(plan: Plan, today: date) -> Iterator[Hit]:
    if not _at_boform(plan):
        return
    if plan.boform.admitted is None:
        yield Hit("boform.admitted", _(
            "A § 142 plan needs the day the citizen was admitted to the boform."))
    if plan.boform.notified is None:
        yield Hit("boform.notified", _(
            "Write the day the boform's notification of the admission reached the municipality "
            "(§ 110, stk. 6)."))


def notification_late(plan: Plan, today: date) -> Iterator[Hit]:
    admitted, notified = plan.boform.admitted, plan.boform.notified
    if not _at_boform(plan) or admitted is None or notified is None:
        return
    due = workdays_after(admitted, NOTIFY_WORKDAYS)
    if notified > due:
        yield Hit("boform.notified", _(
            "The boform's notification came on {notified}, later than 3 hverdage after the "
            "admission on {admitted} (§ 110, stk. 6: by {due}). Tell the boform, so the next "
            "citizen's plan is not delayed.").format(notified=date_text(notified),
                                                     admitted=date_text(admitted),
                                                     due=date_text(due)))


def plan_start_late(plan: Plan, today: date, policy: Policy = DEFAULT_POLICY) -> Iterator[Hit]:
    """The plan was started (or is still not started) more than the municipality's period
    (policy.plan_start_days) after the boform's notification."""
    days = policy.plan_start_days
    notified = plan.boform.notified
    if not _at_boform(plan) or notified is None or plan.status == "closed":
        return
    started = work_started(plan) or today
    if (started - notified).days > days:
        yield Hit("boform.notified", _(
            "The plan was started {started}, more than {days} days after the boform's "
            "notification on {notified}. A § 142 plan should be started within {days} days.").format(
                started=date_text(started), days=days, notified=date_text(notified)))


def support_wish_reason(plan: Plan, today: date) -> Iterator[Hit]:
    wish = plan.support_wish
    if wish.not_followed and not wish.reason.strip():
        yield Hit("support_wish.reason", _(
            "The citizen's wish for who delivers the bostøtte is not followed. The reason must "
            "be given: write it."))


def discharge_before_conditions(plan: Plan, today: date) -> Iterator[Hit]:
    """§ 110 stk. 5: a stay planned to end soon while a condition does not hold."""
    end = plan.boform.planned_end
    if not _at_boform(plan) or end is None or plan.discharge.all_hold():
        return
    if (end - today).days > DISCHARGE_WARNING_DAYS:
        return
    d = plan.discharge
    # Kept as literal _() calls so the extractor finds each condition.
    missing = [text for held, text in (
        (d.home_or_place, _("a home is anvist or a §§ 107/108 place decided")),
        (d.support_decided, _("support matching the need to keep the home is decided")),
        (d.lease_signed, _("a lease is signed and the citizen can move in with the support")),
    ) if not held]
    yield Hit("discharge", _(
        "The stay at the boform is planned to end on {date}, but not all conditions for "
        "discharge hold (§ 110, stk. 5): not yet: {missing}.").format(
            date=date_text(end), missing=list_text(missing)))
