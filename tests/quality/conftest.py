"""Fixtures for the quality rules: a plan with no findings, and a declined offer."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from planbro.model import Citizen, Offer, Plan

# The day the example plan was written; every rule is judged on it unless a
# test says otherwise, so no test depends on the clock.
TODAY = date(2026, 11, 2)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def good(example_plan) -> Plan:
    """The shipped example plan: no finding at all on TODAY. Tests change a copy."""
    return copy.deepcopy(example_plan)


@pytest.fixture
def declined() -> Plan:
    """A citizen who declined a plan, with the reason and the day to offer it again
    recorded (#9.20), and nothing else."""
    return Plan(
        basis="sel-141-2",
        citizen=Citizen(name="Bente Holm", cpr="030482-2468", residence="Herberget Ly"),
        offer=Offer(date=date(2026, 10, 30), decision="declined",
                    reason="Bente vil ikke have en plan nu; hun vil selv finde et værelse. "
                           "Hun ved, at hun kan sige ja senere.",
                    offer_again=date(2027, 1, 29)),
    )
