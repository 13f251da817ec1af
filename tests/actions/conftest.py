"""Fixtures for the use cases: a store with its audit log, a clean plan and a thin one."""

from __future__ import annotations

import pytest

from planbro.model import Plan

from planbro.audit import AuditLog
from planbro.storage import PlanStore

from planbro.actions.trail import Trail, trail_of


@pytest.fixture
def store(tmp_path):
    """A store as the app opens it: recording its changes in the folder's audit log."""
    folder = tmp_path / "data"
    with PlanStore(folder, audit=AuditLog(folder), via="app") as opened:
        yield opened


@pytest.fixture
def trail(store) -> Trail:
    return trail_of(store)


@pytest.fixture
def stored(store, example_plan) -> Plan:
    """The example plan, stored as a draft (version 1); no quality fejl."""
    return store.put(example_plan)


@pytest.fixture
def thin(store) -> Plan:
    """A draft with little more than a name: the quality check finds fejl in it."""
    plan = Plan()
    plan.citizen.name = "Eva Holm"
    return store.save(plan)
