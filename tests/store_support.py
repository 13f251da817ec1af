"""The store a command's test reads back what the command did from (tests/cli/conftest.py's
cli_store): the team store when PLANBRO_STORE names one, else the local data folder."""

from __future__ import annotations

import os

from planbro.storage import PlanStore, default_data_dir


def command_store(*, read: bool = False):
    """The store the commands of this test use, opened as another window would (`read`:
    PlanStore.open, which falls back to reading); close it (it is a context manager)."""
    address = os.environ.get("PLANBRO_STORE", "").strip()
    if address:
        from planbro.storage.postgres import TeamStore

        return TeamStore(address, data_dir=default_data_dir())
    return PlanStore.open(default_data_dir()) if read else PlanStore(default_data_dir())
