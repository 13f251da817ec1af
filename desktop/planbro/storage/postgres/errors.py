"""What the team store refuses beyond the local store's errors (storage/errors.py).

str() of each is the message for the user, in their language; none names a citizen.
"""

from __future__ import annotations

import re

import psycopg

from planbro.translation import _

from planbro.storage.errors import PlanFrozen, StoreError

# The trigger guarding a signed or closed version's content (sql/0009_frozen_versions.sql):
# the constraint its refusal names, and the refusal's message.
FROZEN_CONSTRAINT = "plan_versions_frozen"
FROZEN_MESSAGE = re.compile(r"^version (\d+) of plan \S+ is (signed|closed):")


class SchemaOutdated(StoreError):
    """The team database's schema is not the version this Planbro uses, and cannot be made so."""

    def __init__(self, message: str, have: int, needed: int):
        super().__init__(message)
        self.have = have
        self.needed = needed

    @classmethod
    def older(cls, have: int, needed: int, role: str) -> SchemaOutdated:
        return cls(_("The team database has schema version {have}, and this Planbro needs version "
                     "{needed}. The database role {role} may not update it: ask the IT department "
                     "to update the database with its owner role (Planbro does it when it connects "
                     "as that role).").format(have=have, needed=needed, role=role), have, needed)

    @classmethod
    def newer(cls, have: int, needed: int) -> SchemaOutdated:
        return cls(_("The team database has schema version {have}, newer than this Planbro knows "
                     "(version {needed}). Install the newer Planbro the database was updated "
                     "for.").format(have=have, needed=needed), have, needed)


class StoreUnreachable(StoreError):
    """The team database cannot be reached (the network, the server, the login)."""

    @classmethod
    def of(cls, reason: str) -> StoreUnreachable:
        return cls(_("The team database cannot be reached: {reason}").format(reason=reason))


class StoreAddressRefused(StoreError):
    """A connection string the team store will not use (no TLS over the network)."""


class StoreAccessRefused(StoreError):
    """The database refused this caseworker's role: no rights, or a row of another unit."""

    @classmethod
    def change(cls, role: str) -> StoreAccessRefused:
        return cls(_("The team database refused the change: the database role {role} may not "
                     "change this plan. A plan belongs to the unit written in it (you as "
                     "caseworker); ask the IT department whether your role works in that unit "
                     "(planbro.unit_members).").format(role=role))

    @classmethod
    def reading(cls, role: str) -> StoreAccessRefused:
        return cls(_("The database role {role} has no access to the team's plans: ask the IT "
                     "department to give it the caseworkers' rights (setup_roles.sql).").format(
            role=role))


def frozen(error: psycopg.errors.IntegrityConstraintViolation) -> Exception:
    """The refusal for the user of a write the server refused as changing a frozen version
    (PlanFrozen, in their language); any other such error as it is."""
    found = FROZEN_MESSAGE.match(error.diag.message_primary or "")
    if error.diag.constraint_name != FROZEN_CONSTRAINT or found is None:
        return error
    return PlanFrozen.of(found[2], int(found[1]))
