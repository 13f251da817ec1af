"""`planbro overblik` on both engines (cli_store): the same figures from the team store as from
a local store holding the same invented plans, by unit, caseworker and the whole store."""

from __future__ import annotations

import gc
import json
from datetime import date

import pytest
from tests.overview.team_plans import store_team
from tests.store_support import command_store

from planbro.storage import PlanStore

from planbro.overview import store_facts

from planbro.actions.overview import overview_of

from planbro.cli import main

pytestmark = pytest.mark.usefixtures("cli_store")

# The invented team's period on the command line, and as days.
PERIOD = ["--fra", "1-1-2026", "--til", "30-11-2026"]
START, END = date(2026, 1, 1), date(2026, 11, 30)


@pytest.fixture
def reference(tmp_path, example_plan):
    """The same plans in a local store of their own, opened as the front ends open it."""
    with PlanStore(tmp_path / "reference", facts=store_facts()) as store:
        store_team(store, example_plan)
        yield store


@pytest.fixture
def team(example_plan):
    """The invented team's plans in the store the command opens (saved without the facts:
    the command makes them)."""
    with command_store() as store:
        return store_team(store, example_plan)


@pytest.mark.parametrize("scope", [["--enhed", "Team Nord"], ["--enhed", "team  syd"],
                                   ["--sagsbehandler", "Mette Lund Sørensen"], []])
def test_the_figures_are_the_local_store_s(team, reference, scope, capsys):
    assert main(["overblik", *PERIOD, *scope, "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    options = dict(zip(scope[::2], scope[1::2]))
    expected = overview_of(reference, start=START, end=END, today=date.today(),
                           unit=options.get("--enhed", ""),
                           caseworker=options.get("--sagsbehandler", "")).to_json()
    assert found == expected
    if scope == ["--enhed", "Team Nord"]:
        offers = found["areas"][0]["groups"][0]["items"]
        assert [(i["key"], i["value"]) for i in offers][:2] == [("offers.offered", 13),
                                                                 ("offers.accepted", 9)]


def test_a_second_overview_gives_the_same_figures(team, reference, capsys):
    assert main(["overblik", *PERIOD, "--enhed", "team nord", "--json"]) == 0
    # The garbage collector, off while the figures are made, is on again.
    assert gc.isenabled()
    first = capsys.readouterr().out
    assert main(["overblik", *PERIOD, "--enhed", "team nord", "--json"]) == 0
    assert capsys.readouterr().out == first
    assert json.loads(first)["plans"]["value"] == 14
