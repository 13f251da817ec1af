"""Facts of an older format (a quality rule changed: facts_format) in the local store's index
are made again once from the plan by the next overview, kept in the index, and counted right;
the team store's are tested in test_overview_team_store.py."""

from __future__ import annotations

import json
import sys

from older_facts import count_made, older_store
from team_plans import END, START, TODAY

from planbro.quality import DEFAULT_POLICY
from planbro.storage import PlanStore

from planbro.overview import store_facts
from planbro.overview.facts import facts_format

from planbro.actions.overview import overview_of

from planbro.cli import main


def _figures(store):
    return overview_of(store, start=START, end=END, unit="team nord", today=TODAY).to_json()


def test_older_facts_are_made_again_once_and_kept(tmp_path, example_plan, team_store,
                                                  monkeypatch):
    folder = older_store(tmp_path / "older", example_plan)
    made = count_made(monkeypatch)
    # Each plan's facts made, by the overview under its policy (renew_facts given them).
    with PlanStore(folder, facts=store_facts()) as store:
        assert _figures(store) == _figures(team_store)
        assert len(made) == len(store.summaries()) == 17
        # Once: the second overview finds them current.
        assert _figures(store) == _figures(team_store)
        assert len(made) == 17
    with PlanStore(folder, read_only=True) as reader:
        assert {s.overview["f"] for s in reader.summaries()} == {facts_format(DEFAULT_POLICY)}


def test_a_store_opened_for_reading_counts_older_facts_right_without_keeping_them(
        tmp_path, example_plan, team_store):
    folder = older_store(tmp_path / "older", example_plan)
    with PlanStore(folder, read_only=True, facts=store_facts()) as reader:
        assert _figures(reader) == _figures(team_store)
        assert {s.overview["f"] for s in reader.summaries()} == {"0/older"}


def test_many_plans_made_again_are_told_once_on_the_command_line(tmp_path, example_plan,
                                                                 monkeypatch, capsys):
    # After an upgrade the first overview makes every plan's facts again, which takes a
    # while with thousands of plans: the command says why on stderr, once.
    monkeypatch.setattr(sys.modules["planbro.overview.compute"], "RENEWING_MANY", 10)
    folder = older_store(tmp_path / "older", example_plan)
    monkeypatch.setenv("PLANBRO_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["--data-dir", str(folder), "overblik", "--json"]) == 0
    told = capsys.readouterr()
    assert "Overblikkets tal for 17 planer laves igen" in told.err
    assert "Overblikkets" not in told.out
    json.loads(told.out)
    assert main(["--data-dir", str(folder), "overblik", "--json"]) == 0
    assert "laves igen" not in capsys.readouterr().err


def test_a_few_plans_made_again_are_not_told(tmp_path, example_plan):
    folder = older_store(tmp_path / "older", example_plan)
    told: list[str] = []
    with PlanStore(folder, facts=store_facts()) as store:
        overview_of(store, start=START, end=END, today=TODAY, notice=told.append)
    assert told == []
