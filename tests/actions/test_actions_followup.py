"""Recording a follow-up: its rules, what comes of each outcome, the audit record."""

from __future__ import annotations

from datetime import date

import pytest
from actions_support import records

from planbro.actions.followup import FollowedUp, FollowUpAnswer, FollowUpRefused, record_follow_up
from planbro.actions.lifecycle import sign

# The day the tests record follow-ups on.
TODAY = date(2026, 11, 20)


def test_a_plan_that_continues_keeps_its_version_and_gets_the_next_date(store, stored):
    answer = FollowUpAnswer(TODAY, "continue", "  Det går godt.  ", date(2027, 11, 20))
    done = record_follow_up(store, stored.id, answer, TODAY)
    assert isinstance(done, FollowedUp) and done.new_version is False and done.answer is answer
    assert done.plan.version == 1
    assert done.plan.follow_up.history[-1].note == "Det går godt."
    assert done.plan.follow_up.next_date == date(2027, 11, 20)
    assert records(store)[-1] == ("follow_up", stored.id, 1, "app", "fortsættes")


def test_a_signed_plan_that_changes_gets_a_new_draft(store, stored):
    sign(store, stored.id, TODAY, today=TODAY)
    done = record_follow_up(store, stored.id, FollowUpAnswer(TODAY, "change", "Nye mål."), TODAY)
    assert done.new_version is True and (done.plan.version, done.plan.status) == (2, "draft")
    # The follow-up is recorded on the version followed up, which stays signed.
    assert store.get(stored.id, 1).follow_up.history[-1].note == "Nye mål."
    assert records(store)[-1] == ("follow_up", stored.id, 1, "app", "ændres")


def test_a_draft_that_changes_stays_one_draft(store, stored):
    done = record_follow_up(store, stored.id, FollowUpAnswer(TODAY, "change", "Ret den."), TODAY)
    assert done.new_version is False and done.plan.version == 1


def test_a_follow_up_that_closes_closes_the_case(store, stored):
    done = record_follow_up(store, stored.id, FollowUpAnswer(TODAY, "close", "Bolig fundet."),
                            TODAY)
    assert done.plan.status == "closed"
    assert records(store)[-1] == ("follow_up", stored.id, 1, "app", "afsluttes")


def test_a_follow_up_against_the_rules_is_refused_and_nothing_recorded(store, stored):
    before = records(store)
    answer = FollowUpAnswer(date(2026, 11, 21), "continue", "")
    with pytest.raises(FollowUpRefused) as refused:
        record_follow_up(store, stored.id, answer, TODAY)
    assert [p.field for p in refused.value.problems] == ["date", "note"]
    assert "2026-11-21" in str(refused.value)
    assert store.get(stored.id).follow_up.history == stored.follow_up.history
    assert records(store) == before
