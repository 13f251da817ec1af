"""The test PostgreSQL server (tests/pg_server.py) is real: reached over its socket and
TCP, run by the postgres user when the tests run as root, gone when stopped."""

from __future__ import annotations

import os
import pwd

import psycopg
import pytest

from pg_server import SERVER_USER, running_server


def test_the_session_server_answers_on_its_socket_and_on_localhost(pg_server, pg_database):
    with psycopg.connect(pg_server.dsn(pg_database)) as over_socket:
        assert over_socket.info.host == str(pg_server.socket_dir)
        assert over_socket.execute("select current_database()").fetchone() == (pg_database,)
    with psycopg.connect(pg_server.dsn(pg_database, tcp=True)) as over_tcp:
        assert over_tcp.execute("select inet_server_port()").fetchone() == (pg_server.port,)
    with psycopg.connect(pg_server.url(pg_database)) as by_url:
        assert by_url.execute("select 1").fetchone() == (1,)


def test_as_root_the_cluster_belongs_to_the_postgres_user(pg_server):
    owner = pwd.getpwuid(os.stat(pg_server.data).st_uid).pw_name
    assert owner == (SERVER_USER if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name)
    assert oct(os.stat(pg_server.data).st_mode & 0o777) in ("0o700", "0o750")


def test_each_test_database_is_its_own(pg_server, pg_database):
    other = pg_server.new_database()
    try:
        assert other != pg_database
        pg_server.execute("create table only_here (x int)", other)
        with psycopg.connect(pg_server.dsn(pg_database)) as connection:
            found = connection.execute("select to_regclass('only_here')").fetchone()
        assert found == (None,)
    finally:
        pg_server.drop_database(other)


def test_a_stopped_server_refuses_and_a_removed_one_leaves_nothing():
    with running_server() as server:
        dsn = server.dsn()
        server.stop()
        with pytest.raises(psycopg.OperationalError):
            psycopg.connect(dsn, connect_timeout=5)
        server.start()
        with psycopg.connect(dsn) as again:
            assert again.execute("select 1").fetchone() == (1,)
        root = server.root
    assert not root.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(dsn, connect_timeout=5)
