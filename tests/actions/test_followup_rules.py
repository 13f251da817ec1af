"""The follow-up rules the CLI and the caseload's dialog share."""

from datetime import date

import pytest

from planbro.model import FollowUpEntry, Plan

from planbro.actions.followup import FollowUpAnswer, last_follow_up, parse_outcome, problems, suggested_next

# The day these tests pretend it is.
TODAY = date(2027, 3, 15)


def _fields(answer):
    return [problem.field for problem in problems(answer, TODAY)]


def test_a_complete_answer_has_no_problems_and_cleans_its_note():
    answer = FollowUpAnswer(TODAY, "continue", "  Går efter planen.\x00 ", date(2028, 3, 15))
    assert problems(answer, TODAY) == []
    entry = answer.entry()
    assert (entry.date, entry.outcome, entry.note) == (TODAY, "continue", "Går efter planen.")


@pytest.mark.parametrize("answer, fields", [
    (FollowUpAnswer(date(2027, 3, 16), "continue", "x"), ["date"]),
    (FollowUpAnswer(None, "continue", "x"), ["date"]),
    (FollowUpAnswer(TODAY, "continue", " \n "), ["note"]),
    (FollowUpAnswer(TODAY, "continue", "x", TODAY), ["next_date"]),
    (FollowUpAnswer(TODAY, "close", "x", date(2027, 6, 1)), ["next_date"]),
    (FollowUpAnswer(date(2027, 4, 1), "change", "", date(2027, 3, 20)), ["date", "note",
                                                                          "next_date"]),
])
def test_each_problem_names_its_field(answer, fields):
    assert _fields(answer) == fields


def test_problems_are_in_danish():
    found = problems(FollowUpAnswer(date(2027, 3, 16), "continue", "", TODAY), TODAY)
    assert found[0].reason == ("2027-03-16 er ikke kommet endnu; notér opfølgningen, "
                               "når den har fundet sted")
    assert found[1].reason == "skriv, hvad der blev konstateret og aftalt ved opfølgningen"


def test_outcomes_in_danish_or_as_codes():
    assert parse_outcome(" Ændres ") == "change"
    assert parse_outcome("afsluttes") == "close"
    assert parse_outcome("continue") == "continue"
    assert parse_outcome("måske") is None


def test_suggested_next_follows_practice():
    # A changed plan starts again: 3 months; a plan that continues: a year.
    assert suggested_next(date(2027, 5, 31), "change") == date(2027, 8, 31)
    assert suggested_next(date(2027, 11, 30), "change") == date(2028, 2, 29)
    assert suggested_next(TODAY, "continue") == date(2028, 3, 15)
    assert suggested_next(TODAY, "close") is None
    assert suggested_next(None, "continue") is None


def test_last_follow_up_is_the_latest_by_date():
    plan = Plan()
    assert last_follow_up(plan) is None
    plan.follow_up.history = [FollowUpEntry(date(2026, 12, 1), "change", "b"),
                              FollowUpEntry(date(2026, 9, 1), "continue", "a")]
    assert last_follow_up(plan).note == "b"
