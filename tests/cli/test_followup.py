"""`planbro follow-up`: a follow-up is recorded; ændres revises, afsluttes closes."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from planbro.cli import main

from store_support import command_store

# Every test runs on the local data folder and on the team store (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("cli_store")



@pytest.fixture
def stored(example_plan):
    """The example plan stored as a draft; returns its id."""
    with command_store() as store:
        store.put(copy.deepcopy(example_plan))
    return example_plan.id


def _latest(plan_id: str):
    with command_store() as store:
        return store.get(plan_id), store.versions(plan_id)


def _sign(plan_id: str) -> None:
    with command_store() as store:
        store.sign(plan_id, date(2026, 11, 5))


def _follow_up(plan_id: str, *more: str) -> int:
    return main(["follow-up", plan_id[:8], "--date", "2026-11-20", *more])


def test_fortsaettes_records_the_entry_and_the_next_date(stored, capsys):
    assert _follow_up(stored, "--outcome", "fortsættes", "--note", "Går efter planen.",
                      "--next", "2027-02-20") == 0
    plan, versions = _latest(stored)
    (entry,) = plan.follow_up.history
    assert (entry.date, entry.outcome, entry.note) == (date(2026, 11, 20), "continue",
                                                       "Går efter planen.")
    assert plan.follow_up.next_date == date(2027, 2, 20) and versions == [1]
    out = capsys.readouterr().out
    assert "opfølgning den 20-11-2026 noteret; planen fortsættes." in out
    assert "Næste opfølgning: 20-02-2027." in out


def test_aendres_on_a_signed_plan_starts_a_new_version(stored, capsys):
    _sign(stored)
    assert _follow_up(stored, "--outcome", "ændres", "--note", "Ny bolig fundet; målene "
                      "skal ændres.", "--next", "2027-01-15") == 0
    plan, versions = _latest(stored)
    assert versions == [1, 2] and plan.status == "draft" and plan.version == 2
    assert [e.outcome for e in plan.follow_up.history] == ["change"]
    with command_store() as store:
        signed = store.get(stored, 1)
    assert signed.status == "signed" and signed.follow_up.history[0].outcome == "change"
    assert "Version 2 er en ny kladde" in capsys.readouterr().out


def test_aendres_on_a_draft_changes_the_draft_itself(stored):
    assert _follow_up(stored, "--outcome", "ændres", "--note", "Retter målene nu.") == 0
    plan, versions = _latest(stored)
    assert versions == [1] and plan.follow_up.history[0].outcome == "change"
    assert plan.follow_up.next_date is None


def test_afsluttes_closes_the_case(stored, capsys):
    _sign(stored)
    assert _follow_up(stored, "--outcome", "afsluttes", "--note", "Jonas bor stabilt.") == 0
    plan, _versions = _latest(stored)
    assert plan.status == "closed" and plan.follow_up.history[0].outcome == "close"
    assert "Sagen er afsluttet." in capsys.readouterr().out
    # A closed case takes no more follow-ups.
    assert _follow_up(stored, "--outcome", "fortsættes", "--note", "Igen") == 2


def test_the_model_codes_are_accepted_too(stored):
    assert _follow_up(stored, "--outcome", "continue", "--note", "OK", "--next", "2027-01-01") == 0
    assert _latest(stored)[0].follow_up.history[0].outcome == "continue"


@pytest.mark.parametrize("args, option", [
    (["--outcome", "måske", "--note", "x"], "--outcome"),
    (["--outcome", "afsluttes", "--note", "x", "--next", "2027-01-01"], "--next"),
    (["--outcome", "fortsættes", "--note", "x", "--next", "2026-11-19"], "--next"),
    (["--outcome", "fortsættes", "--note", "x", "--next", "2027-02-30"], "--next"),
    (["--outcome", "fortsættes", "--note", "  "], "--note"),
])
def test_bad_input_is_refused_and_nothing_is_stored(stored, capsys, args, option):
    assert _follow_up(stored, *args) == 2
    assert capsys.readouterr().err.startswith(option)
    plan, versions = _latest(stored)
    assert plan.follow_up.history == [] and versions == [1]


def test_a_follow_up_in_the_future_is_refused(stored, capsys):
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert main(["follow-up", stored, "--date", tomorrow, "--outcome", "fortsættes",
                 "--note", "x"]) == 2
    assert "--date" in capsys.readouterr().err
    assert _latest(stored)[0].follow_up.history == []


def test_an_unknown_plan_is_refused(stored, capsys):
    assert main(["follow-up", "ffffffff", "--date", "2026-11-20", "--outcome", "fortsættes",
                 "--note", "x"]) == 2
    assert "ffffffff" in capsys.readouterr().err


def test_english_messages(stored, capsys):
    assert main(["--lang", "en", "follow-up", stored, "--date", "2026-11-20", "--outcome",
                 "fortsættes", "--note", "Fine"]) == 0
    out = capsys.readouterr().out
    assert "follow-up on 20-11-2026 recorded; the plan continues." in out
    assert "No next follow-up is set" in out
