"""Rules from the citizen's age: state-pension age and the youth model."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from planbro.translation import _

from planbro.model import Plan
from planbro.model.cpr import age_on, birth_date

from planbro.quality.findings import Hit
from planbro.quality.pension import YOUTH_AGE_LIMIT, pension_age_text, pension_date
from planbro.quality.topics import goal_topics
from planbro.quality.wording import date_text


def identity_missing(plan: Plan, today: date) -> Iterator[Hit]:
    """A plan must say whose it is: the citizen's name and CPR number."""
    if not plan.citizen.name.strip():
        yield Hit("citizen.name", _("The citizen's name is missing. Write the citizen's full name."))
    if not plan.citizen.cpr.strip():
        yield Hit("citizen.cpr", _(
            "The citizen's CPR number is missing. Write it in the form DDMMYY-SSSS."))


def pension_age(plan: Plan, today: date) -> Iterator[Hit]:
    """§ 141 is for citizens below folkepensionsalder; other rules apply after."""
    born = birth_date(plan.citizen.cpr)
    if born is None:
        return
    reached = pension_date(born)
    if reached <= today:
        yield Hit("citizen.cpr", _(
            "The citizen reached state-pension age ({age} years) on {date}. § 141 covers "
            "citizens below state-pension age; check which rules apply.").format(
                age=pension_age_text(born), date=date_text(reached)))
    elif plan.duration.expected_end and reached <= plan.duration.expected_end:
        yield Hit("citizen.cpr", _(
            "The citizen reaches state-pension age ({age} years) on {date}, before the plan's "
            "expected end. Plan the change to the rules that apply then.").format(
                age=pension_age_text(born), date=date_text(reached)))


def youth_model(plan: Plan, today: date) -> Iterator[Hit]:
    """Under 25: suggest "Vejen til uddannelse og beskæftigelse"."""
    age = age_on(plan.citizen.cpr, today)
    if age is None or age >= YOUTH_AGE_LIMIT:
        return
    if not any("employment" in goal_topics(goal) for goal in plan.goals):
        yield Hit("goals", _(
            "The citizen is {age} years old. Consider the youth model (Vejen til uddannelse og "
            "beskæftigelse): add a goal about education or work.").format(age=age))
    if not plan.coordinator.name.strip():
        yield Hit("coordinator.name", _(
            "The citizen is {age} years old. Consider the youth model (Vejen til uddannelse og "
            "beskæftigelse): name one coordinator who brings jobcenter and education guidance "
            "together.").format(age=age))
