"""A real, throwaway PostgreSQL server for the tests of the team store (issue 14).

The tests never skip for want of a server: they start one. The cluster lives in a
temporary folder, listens on a unix socket in that folder and on a free localhost
TCP port, trusts every local connection (it holds only test data and is gone at
the end), and runs without fsync: it is thrown away, so a power cut costs nothing.

PostgreSQL refuses to run as root, and CI runs as root: then initdb and pg_ctl run
as the `postgres` user (runuser), the folder chowned to it. A developer runs them
directly, as themself. The binaries are PLANBRO_PG_BIN's, else the newest
/usr/lib/postgresql/<version>/bin (the Debian packages, which .ci/run installs),
else initdb on PATH.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Names the folder of the PostgreSQL binaries, overriding the search below.
BIN_ENV = "PLANBRO_PG_BIN"
# Where the Debian packages put each major version's binaries.
DEBIAN_BINS = "/usr/lib/postgresql/*/bin"
# The OS user that runs the server when the tests run as root.
SERVER_USER = "postgres"
# The cluster's superuser (the IT department's owner role stands in for it in tests).
SUPERUSER = "postgres"
# Settings for a server that is thrown away: nothing needs to survive a crash.
FAST = ("-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        "-c max_connections=100 -c shared_buffers=32MB")


def find_bin() -> Path:
    """The folder holding initdb, pg_ctl and postgres; RuntimeError saying how to get them."""
    named = os.environ.get(BIN_ENV)
    if named:
        return Path(named)
    found = sorted(glob.glob(DEBIAN_BINS), key=lambda p: int(Path(p).parent.name)
                   if Path(p).parent.name.isdigit() else 0)
    found = [p for p in found if (Path(p) / "initdb").is_file()]
    if found:
        return Path(found[-1])
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError("The team store's tests need PostgreSQL's server programs (initdb, pg_ctl): "
                       "install the Debian package postgresql (.ci/run does) or set "
                       f"{BIN_ENV} to their folder.")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PgServer:
    """One throwaway cluster: start(), databases made from a template, stop()."""

    def __init__(self) -> None:
        self.bin = find_bin()
        self.as_root = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="planbro-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self.port = 0
        self.running = False
        # The server's settings (postgres -c …); a benchmark gives durable ones instead.
        self.settings = FAST
        self.socket_dir.mkdir()
        if self.as_root:
            # The server's user must reach its folder: mkdtemp made it root's and 0700.
            shutil.chown(self.root, SERVER_USER, SERVER_USER)
            shutil.chown(self.socket_dir, SERVER_USER, SERVER_USER)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--no-locale", "--no-instructions")

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin / program), *args]
        if self.as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if done.returncode:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr[-3000:]}\n{log}")
        return done

    def start(self) -> None:
        """Start the server (again, on the same port when it ran before)."""
        for _attempt in range(5):
            port = self.port or free_port()
            options = (f"-p {port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 "
                       f"{self.settings}")
            try:
                self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                          "-o", options, "start")
            except RuntimeError:
                if self.port:
                    raise
                continue  # the free port was taken meanwhile: another one
            self.port, self.running = port, True
            return
        raise RuntimeError("PostgreSQL did not start on any free port:\n"
                           + self.log.read_text(errors="replace")[-3000:])

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; `mode` is pg_ctl's (fast, immediate)."""
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
            self.running = False

    def remove(self) -> None:
        with contextlib.suppress(RuntimeError):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    # -- connecting ---------------------------------------------------------------

    def dsn(self, dbname: str = "postgres", *, user: str = SUPERUSER, tcp: bool = False) -> str:
        """A libpq connection string: over the unix socket, or over TCP to localhost."""
        host = "127.0.0.1" if tcp else str(self.socket_dir)
        return f"host={host} port={self.port} dbname={dbname} user={user}"

    def url(self, dbname: str = "postgres", *, user: str = SUPERUSER) -> str:
        """The same over the unix socket, as a postgresql:// URL (--store, PLANBRO_STORE)."""
        from urllib.parse import quote

        return f"postgresql://{user}@/{dbname}?host={quote(str(self.socket_dir), safe='')}&port={self.port}"

    def execute(self, sql: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.dsn(dbname), autocommit=True) as connection:
            connection.execute(sql)

    def new_database(self) -> str:
        """A fresh empty database of its own for one test; its name."""
        name = "t_" + uuid.uuid4().hex[:16]
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def running_server() -> Iterator[PgServer]:
    """A started server, stopped and removed afterwards whatever happened."""
    server = PgServer()
    try:
        server.start()
        yield server
    finally:
        server.remove()
