"""Fixtures for the command's tests: the store they run on.

The tests of the commands that touch the store (import, list, show, render, check,
sign, revise, follow-up, diff, export, close) run on both engines: a module opts in
with `pytestmark = pytest.mark.usefixtures("cli_store")`, and its every test then runs
on the local data folder and on the team store, PLANBRO_STORE naming a fresh database
on the real test server (tests/pg_server.py).
"""

from __future__ import annotations

import json

import pytest

# The engines a command's test runs on: the local data folder, the team store.
ENGINES = ("local", "postgresql")


@pytest.fixture(params=ENGINES)
def cli_store(request, monkeypatch):
    """The engine of this run of the test; on "postgresql" PLANBRO_STORE names the team
    database, as a caseworker's installation would."""
    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        monkeypatch.setenv("PLANBRO_STORE", server.url(request.getfixturevalue("pg_database")))
    else:
        monkeypatch.delenv("PLANBRO_STORE", raising=False)
    return request.param


@pytest.fixture
def audit_records(cli_store, request):
    """A function giving the audit records written so far, oldest first, from the store
    the test runs on: the data folder's log, or the team store's audit table."""
    def read() -> list[dict]:
        if cli_store == "local":
            from planbro.audit import AuditLog
            from planbro.storage import default_data_dir

            return AuditLog(default_data_dir()).read().records
        import psycopg

        server = request.getfixturevalue("pg_server")
        database = request.getfixturevalue("pg_database")
        with psycopg.connect(server.dsn(database)) as connection:
            lines = connection.execute("SELECT line FROM planbro.audit ORDER BY seq").fetchall()
        return [json.loads(line) for (line,) in lines]

    return read


@pytest.fixture
def team_url(pg_server, pg_database) -> str:
    """The address of the test's team database (a real server, tests/conftest.py)."""
    return pg_server.url(pg_database)


@pytest.fixture
def rows(pg_server, pg_database):
    """A function running a query on the team database as its owner."""
    import psycopg

    def query(sql: str) -> list[tuple]:
        with psycopg.connect(pg_server.dsn(pg_database)) as connection:
            return connection.execute(sql).fetchall()

    return query
