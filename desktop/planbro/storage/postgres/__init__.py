"""The team store: a team's plans on PostgreSQL (issue 14), the same Store as the local one.

Imported only when a team store is chosen (--store, PLANBRO_STORE): the local store's
start does not pay for psycopg. Driver: psycopg 3 with psycopg_pool.
"""

from planbro.storage.postgres.connect import is_team_address
from planbro.storage.postgres.errors import (
    SchemaOutdated,
    StoreAccessRefused,
    StoreAddressRefused,
    StoreUnreachable,
)
from planbro.storage.postgres.leases import Lease, LeaseHeld, LeaseLost, LeaseNotBroken
from planbro.storage.postgres.store import TeamStore

# What this package offers to the layers above it.
__all__ = ["is_team_address", "Lease", "LeaseHeld", "LeaseLost", "LeaseNotBroken", "SchemaOutdated",
           "StoreAccessRefused", "StoreAddressRefused", "StoreUnreachable", "TeamStore"]
