"""Recording a follow-up (§ 148 stk. 2): the answer, the rules it must meet, the record.

Shared by `planbro follow-up` and the caseload's follow-up dialog, so both
refuse the same things with the same words: a date not yet come, no note,
a next date on a closed case or not after the follow-up. record_follow_up
stores it ("ændres" makes a new draft of a signed plan, "afsluttes" closes
the case); the store writes the audit record. No Qt here.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from planbro.translation import _

from planbro.model import FollowUpEntry, Plan
from planbro.model.dates import add_months
from planbro.model.problems import Problem
from planbro.model.text import clean_text

if TYPE_CHECKING:
    from planbro.storage import Store

# The outcomes as a caseworker says them, and the model's codes (also accepted).
OUTCOMES = {"fortsættes": "continue", "ændres": "change", "afsluttes": "close",
            "continue": "continue", "change": "change", "close": "close"}
# Months to the next follow-up by default. Practice (DOMAIN.md): the first
# follow-up within 3 months of a plan, then at least yearly. A changed plan
# starts again, so it gets the 3 months; a plan that continues gets the year.
FIRST_MONTHS, LATER_MONTHS = 3, 12


@dataclass(frozen=True)
class FollowUpAnswer:
    """A follow-up to record: its day, outcome code, note, and the next date."""

    # `datetime.date`: the field's name hides the type `date` in the class body.
    date: datetime.date | None
    outcome: str
    note: str
    next_date: datetime.date | None = None

    def entry(self) -> FollowUpEntry:
        return FollowUpEntry(date=self.date, outcome=self.outcome, note=clean_note(self.note))


def parse_outcome(text: str) -> str | None:
    """The model's code for an outcome as typed ("Ændres", "change"), or None."""
    return OUTCOMES.get(unicodedata.normalize("NFC", text.strip().casefold()))


def clean_note(text: str) -> str:
    return clean_text(text).strip()


def problems(answer: FollowUpAnswer, today: date,
             show: Callable[[date], str] = date.isoformat) -> list[Problem]:
    """What stops `answer` from being recorded, by field ("date", "note", "next_date").

    `show` writes a date in a message: ISO for the command, as typed in a dialog.
    """
    found = []
    on = answer.date
    if on is None:
        found.append(Problem("date", _("write the day of the follow-up")))
    elif on > today:
        found.append(Problem("date", _(
            "{date} has not come yet; record a follow-up once it has taken place").format(
                date=show(on))))
    if not clean_note(answer.note):
        found.append(Problem("note", _("write what was found and agreed at the follow-up")))
    following = answer.next_date
    if following is not None and answer.outcome == "close":
        found.append(Problem("next_date", _("a closed case has no next follow-up")))
    elif following is not None and on is not None and following <= on:
        found.append(Problem("next_date", _("the next follow-up must come after {date}").format(
            date=show(on))))
    return found


def suggested_next(on: date | None, outcome: str) -> date | None:
    """The next follow-up to propose after one on `on` with `outcome`."""
    if on is None or outcome == "close":
        return None
    return add_months(on, FIRST_MONTHS if outcome == "change" else LATER_MONTHS)


def last_follow_up(plan: Plan) -> FollowUpEntry | None:
    """The latest recorded follow-up of `plan`, by date."""
    dated = [(entry.date, entry) for entry in plan.follow_up.history if entry.date is not None]
    return max(dated, key=lambda pair: pair[0])[1] if dated else None


class FollowUpRefused(ValueError):
    """The answer breaks a rule of problems(); `problems` says which, by field."""

    def __init__(self, found: list[Problem]):
        super().__init__("; ".join(str(problem) for problem in found))
        self.problems = found


@dataclass(frozen=True)
class FollowedUp:
    """What came of a recorded follow-up: the plan's latest version afterwards."""

    plan: Plan
    answer: FollowUpAnswer
    # A new draft version was made to change the plan ("ændres" on a signed plan).
    new_version: bool = False


def record_follow_up(store: Store, plan_id: str, answer: FollowUpAnswer,
                     today: date) -> FollowedUp:
    """Record `answer` on the plan's latest version; raises FollowUpRefused
    (problems() judged on `today`) or StoreError."""
    found = problems(answer, today)
    if found:
        raise FollowUpRefused(found)
    before = store.get(plan_id)
    plan = store.record_follow_up(plan_id, answer.entry(), answer.next_date)
    return FollowedUp(plan, answer, new_version=plan.version > before.version)
