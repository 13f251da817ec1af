"""Fixtures for the overview: the invented team's plans in a store opened as the front ends
open it (with the overview's facts), and the same plans in one opened without them."""

from __future__ import annotations

import pytest
from team_plans import store_team

from planbro.storage import PlanStore

from planbro.overview import store_facts


@pytest.fixture
def team_store(tmp_path, example_plan):
    """The team's plans; the store's `ids` gives each plan's id by name (team_plans.py)."""
    with PlanStore(tmp_path / "data", facts=store_facts()) as store:
        store.ids = store_team(store, example_plan)
        yield store


@pytest.fixture
def bare_store(tmp_path, example_plan):
    """The same plans in a store opened without the facts: the overview reads each plan."""
    with PlanStore(tmp_path / "bare") as store:
        store.ids = store_team(store, example_plan)
        yield store
