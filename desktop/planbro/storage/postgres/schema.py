"""The team store's schema: created and migrated on connection, in order, by a role allowed to.

The schema's version is the highest number in planbro.schema_version; each file
sql/NNNN_name.sql takes it from NNNN-1 to NNNN in one transaction, under an advisory
lock, so two Planbros connecting at once migrate once. A role that may not create
tables (a caseworker's) is told which version this Planbro needs (SchemaOutdated);
a database newer than this Planbro is refused the same way, with the other advice.

┌──────────────────────────────────────────────────────────────────────────┐
│ Why an ordered list of SQL files, and not alembic                        │
│                                                                          │
│ Alembic is SQLAlchemy's, and Planbro has no SQLAlchemy: psycopg alone    │
│ talks to the server, so alembic would bring two dependencies (and their  │
│ release cycles) for what a dozen lines do here. The files are plain      │
│ PostgreSQL: the municipality's IT department reads exactly what will run │
│ on its server, and may run it by hand (psql -1 -f, in order) with its    │
│ own owner role before any caseworker connects. The local store numbers   │
│ its migrations the same way (storage/migrations.py).                     │
└──────────────────────────────────────────────────────────────────────────┘
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import psycopg
from psycopg import sql

from planbro.storage.postgres.errors import SchemaOutdated

# The SQL files' names: a four-digit number, an underscore, what the step does.
FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
# The advisory lock held while the schema is checked and migrated (any fixed number
# of Planbro's own; "planbro" in ASCII).
LOCK_KEY = 0x706C616E62726F


@dataclass(frozen=True)
class Step:
    version: int
    name: str
    text: str


def steps() -> list[Step]:
    """The migrations shipped with this Planbro, in order (1, 2, ... without gaps)."""
    found = []
    for entry in resources.files("planbro.storage.postgres").joinpath("sql").iterdir():
        match = FILE_NAME.match(entry.name)
        if match:
            found.append(Step(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda step: step.version)
    if [step.version for step in found] != list(range(1, len(found) + 1)):
        raise RuntimeError("the team store's SQL files are not numbered 1, 2, ... without gaps")
    return found


def latest() -> int:
    """The schema version this Planbro needs."""
    return len(steps())


def current(connection: psycopg.Connection[tuple[Any, ...]]) -> int:
    """The database's schema version; 0 when it has none (or this role cannot see it)."""
    row = connection.execute("SELECT to_regclass('planbro.schema_version') IS NOT NULL").fetchone()
    if row is None or not row[0]:
        return 0
    found = connection.execute("SELECT max(version) FROM planbro.schema_version").fetchone()
    return int(found[0]) if found and found[0] is not None else 0


def prepare(connection: psycopg.Connection[tuple[Any, ...]]) -> int:
    """Bring the database's schema to latest(), when it is behind and this role may;
    return the version. SchemaOutdated when it cannot be used as it is."""
    needed = latest()
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        have = current(connection)
        if have > needed:
            raise SchemaOutdated.newer(have, needed)
        for step in steps()[have:]:
            try:
                with connection.transaction():
                    connection.execute(sql.SQL(step.text))
                    connection.execute("INSERT INTO planbro.schema_version (version, name) "
                                       "VALUES (%s, %s)", [step.version, step.name])
            except psycopg.errors.InsufficientPrivilege:
                role = connection.info.user
                raise SchemaOutdated.older(have, needed, role) from None
        return needed
