"""Shared fixtures: the example plan, a private data folder per test, Danish messages."""

from __future__ import annotations

import os

# Qt tests run without a screen; set before any Qt import anywhere.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from importlib import resources  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

from planbro.translation import set_language  # noqa: E402

# No per-example deadline: on a busy CI machine a slow example must not fail
# a property test; speed is measured by the benchmarks, not by unit tests.
hypothesis_settings.register_profile("planbro", deadline=None)
hypothesis_settings.load_profile("planbro")


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory, monkeypatch):
    """No test touches the user's real data or settings; messages are Danish."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PLANBRO_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PLANBRO_CONFIG_DIR", str(home / "config"))
    set_language("da")
    yield
    set_language("da")


@pytest.fixture(autouse=True)
def _no_real_keyring(monkeypatch):
    """No test touches the machine's credential store (keyring's fail backend), and no
    passphrase leaks in from the environment; tests that need either set them up."""
    import keyring

    from keyring_support import no_credential_store

    previous = no_credential_store()
    monkeypatch.delenv("PLANBRO_PASSPHRASE", raising=False)
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring():
    """A working credential store in memory, in place of the fail backend, for this test."""
    import keyring

    from keyring_support import MemoryKeyring

    store = MemoryKeyring()
    keyring.set_keyring(store)
    return store


@pytest.fixture
def example_path() -> Path:
    with resources.as_file(resources.files("planbro.forms") / "example-plan.json") as path:
        return Path(path)


@pytest.fixture
def example_plan(example_path):
    from planbro.exchange import read_plan_file

    return read_plan_file(example_path)


@pytest.fixture
def plaintext(tmp_path, example_plan):
    """A plaintext data folder (an older Planbro's) holding the example plan, saved twice
    so it has a backup: what turning encryption on starts from."""
    from planbro.storage import PlanStore

    folder = tmp_path / "data"
    with PlanStore(folder) as store:
        store.save(example_plan)
        example_plan.purpose = "Et nyt formål"
        store.save(example_plan)
    return folder


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server for the whole run (tests/pg_server.py), started the first
    time a test asks for it and stopped at the end; never skipped when none is installed."""
    from pg_server import running_server

    with running_server() as server:
        yield server


@pytest.fixture
def pg_database(pg_server):
    """A fresh empty database on the test server for one test; its name. Dropped afterwards."""
    name = pg_server.new_database()
    yield name
    pg_server.drop_database(name)


@pytest.fixture(scope="module")
def stoppable_server():
    """A server of the test module's own, which its tests stop and start again (the offline
    queue's); the session's pg_server stays up for every other test."""
    from pg_server import running_server

    with running_server() as server:
        yield server


@pytest.fixture
def stoppable_database(stoppable_server):
    """A fresh database on the module's own server, which runs when the test begins and is
    started again after it if the test left it stopped."""
    if not stoppable_server.running:
        stoppable_server.start()
    name = stoppable_server.new_database()
    yield name
    if not stoppable_server.running:
        stoppable_server.start()
    stoppable_server.drop_database(name)
