"""How a lost team server is told (storage/postgres/connect.py), on a real PostgreSQL
server: stopped under an open store (this module's own server, tests/conftest.py), or the
store's sessions ended by the IT department (pg_terminate_backend). Always in Danish, with
libpq's English only as the marked technical detail."""

from __future__ import annotations

import psycopg
import pytest

from planbro.storage.postgres import StoreUnreachable, TeamStore, connect
from planbro.storage.postgres import store as team_store

# The start of every unreachable server's message.
UNREACHABLE = "Der er ikke forbindelse til teamets database: "
# What the server closing the connection is said as.
CLOSED = "serveren lukkede forbindelsen"


@pytest.fixture
def opened():
    """Stores opened by the test, closed after it (also when the server is gone)."""
    stores: list[TeamStore] = []
    yield stores
    for each in stores:
        each.close()


def test_a_server_stopped_under_an_open_store_is_told_in_danish(
        stoppable_server, stoppable_database, tmp_path, new_plan, opened, monkeypatch):
    # The pool waits a second for a connection, not ten: the same PoolTimeout, sooner.
    monkeypatch.setattr(team_store, "CONNECT_TIMEOUT_S", 1)
    monkeypatch.setattr(connect, "CONNECT_TIMEOUT_S", 1)
    team = TeamStore(stoppable_server.url(stoppable_database), data_dir=tmp_path / "local")
    opened.append(team)
    team.save(new_plan())
    assert len(team.summaries()) == 1

    stoppable_server.stop()
    # The pool's connections, ended by the server's shutdown, each said as the server
    # closing it (libpq's words kept as the detail); then no connection comes at all.
    messages = []
    for _connection in range(team_store.POOL_MAX + 1):
        with pytest.raises(StoreUnreachable) as refused:
            team.summaries()
        messages.append(str(refused.value))
        if CLOSED not in messages[-1]:
            break
    assert messages[0].startswith(UNREACHABLE + CLOSED), messages
    assert all("(Teknisk detalje: terminating connection" in m for m in messages[:-1]), messages
    # The pool's PoolTimeout (an OperationalError too) said as the time waited, not as
    # "couldn't get a connection after 1.00 sec".
    assert messages[-1] == UNREACHABLE + "der kom ingen forbindelse inden for 1 sekunder."
    # The team's audit log says it in the same words (`planbro audit`, the app's notice).
    with pytest.raises(OSError) as unread:
        team.audit.read()
    assert str(unread.value) == messages[-1]

def test_sessions_ended_by_the_it_department_are_told_in_danish(
        pg_server, pg_database, tmp_path, new_plan, opened):
    address = pg_server.url(pg_database)
    mine = TeamStore(address, holder="Anna Jensen", data_dir=tmp_path / "anna")
    leader = TeamStore(address, holder="Teamlederen", data_dir=tmp_path / "leader")
    opened.extend([mine, leader])
    plan = mine.save(new_plan())
    assert leader.leases.holder(plan.id).holder_name == "Anna Jensen"

    with psycopg.connect(pg_server.dsn(pg_database), autocommit=True) as superuser:
        ended = superuser.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()", [pg_database]).fetchall()
    assert ended and all(done for (done,) in ended)
    with pytest.raises(StoreUnreachable) as refused:
        leader.leases.break_lease(plan.id, via="app")
    message = str(refused.value)
    assert message.startswith(UNREACHABLE + CLOSED), message
    # libpq's own words stay, only as the marked detail for the IT department.
    detail = message.index("(Teknisk detalje: ")
    assert "terminating connection" in message[detail:]
    assert "terminating" not in message[:detail]
    # The pool makes a new connection: the lease breaks on the next try.
    assert leader.leases.break_lease(plan.id, via="app").holder_name == "Anna Jensen"


@pytest.mark.parametrize("libpq", [
    "terminating connection due to administrator command",
    "consuming input failed: server closed the connection unexpectedly\n\tThis probably means "
    "the server terminated abnormally\n\tbefore or while processing the request.",
    "the connection is closed",
])
def test_every_word_libpq_has_for_a_closed_connection_is_told(libpq):
    message = str(connect.unreachable(psycopg.OperationalError(libpq)))
    assert message.startswith(UNREACHABLE + CLOSED), message
