"""Fixtures for the storage tests: a private data folder, fresh plans, an open store."""

from __future__ import annotations

import copy

import pytest

from planbro.model.plan import new_id

from planbro.storage import PlanStore


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


@pytest.fixture
def new_plan(example_plan):
    """A function making a fresh draft from the example plan, with its own id."""
    def make(name: str = "Jonas Mikkelsen Østergaard", cpr: str = "120379-1235", **fields):
        plan = copy.deepcopy(example_plan)
        plan.id = new_id()
        plan.version, plan.status, plan.created, plan.updated = 1, "draft", "", ""
        plan.citizen.name, plan.citizen.cpr = name, cpr
        for key, value in fields.items():
            setattr(plan, key, value)
        return plan

    return make


@pytest.fixture
def store(data_dir):
    with PlanStore(data_dir) as opened:
        yield opened


# The engines the Store contract runs on (test_store_contract.py): the local data
# folder, and the team store on a real PostgreSQL server (tests/pg_server.py).
ENGINES = ("local", "postgresql")


@pytest.fixture(params=ENGINES)
def engine(request):
    return request.param


@pytest.fixture
def open_store(engine, request, data_dir, tmp_path):
    """A function opening a store of `engine` on one place (a data folder, a database);
    each call opens another, as a second window or colleague would. Closed afterwards."""
    opened = []
    if engine == "postgresql":
        server = request.getfixturevalue("pg_server")
        address = server.url(request.getfixturevalue("pg_database"))

    def make(**options):
        if engine == "local":
            store = PlanStore(data_dir, **options)
        else:
            from planbro.storage.postgres import TeamStore

            store = TeamStore(address, data_dir=tmp_path / "local", **options)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
