"""Which store the app works on: the data folder on this computer, or the team store.

Indstillinger keeps the team store's address (settings.store); PLANBRO_STORE wins over it,
as it does for the command line. An address is checked here once for both the settings
dialog and the start: it must name a team store, and it may not hold a password (those
come from the service file, .pgpass or the OS login, never from the settings file).
"""

from __future__ import annotations

import os
from pathlib import Path

from planbro.translation import _

from planbro.model import Problem, ValidationError

from planbro.settings import UserSettings

from planbro.actions.team import open_team_store

# The environment variable naming the team store; it wins over Indstillinger.
STORE_ENV = "PLANBRO_STORE"
# What PLANBRO_STORE may say to choose the local data folder.
LOCAL_WORDS = ("lokal", "local")


def chosen_address(settings: UserSettings | None) -> tuple[str, str]:
    """The team store's address to open at start and where it was chosen ("PLANBRO_STORE" or
    "settings"); ("", "") for the data folder on this computer."""
    env = os.environ.get(STORE_ENV)
    if env is not None and env.strip():
        text = env.strip()
        return ("", "") if text.lower() in LOCAL_WORDS else (text, STORE_ENV)
    text = settings.store.strip() if settings is not None else ""
    return (text, "settings") if text else ("", "")


def address_field() -> str:
    """The field a refused address is named by (the settings dialog's choice)."""
    return _("The team's database")


def _has_password(text: str) -> bool:
    from psycopg import ProgrammingError
    from psycopg.conninfo import conninfo_to_dict

    from planbro.storage.postgres.connect import PASSWORD_PATTERNS

    if any(pattern.search(text) for pattern in PASSWORD_PATTERNS):
        return True
    try:
        return bool(conninfo_to_dict(text).get("password"))
    except ProgrammingError:
        return False


def address_problem(text: str) -> str:
    """Why `text` cannot be the team store's address ("" when it can), in the user's words."""
    from planbro.storage.postgres import is_team_address

    address = text.strip()
    if not address:
        return _("write the team database's address, e.g. postgresql://server/planbro or "
                 "service=planbro.")
    if not is_team_address(address):
        return _("this is not the address of a team database: write postgresql://server/database "
                 "or service=name.")
    if _has_password(address):
        return _("the address may not contain a password. Planbro never keeps a password in "
                 "its settings: the password comes from the service file (pg_service.conf), "
                 ".pgpass or your Windows login. Remove it from the address.")
    return ""


def checked_address(text: str, field: str = "") -> str:
    """`text` as the team store's address; ValidationError naming `field` (by default the
    settings' choice) otherwise."""
    problem = address_problem(text)
    if problem:
        raise ValidationError([Problem(field or address_field(), problem)])
    return text.strip()


def try_connection(address: str, *, holder: str = "", data_dir: Path | str | None = None) -> None:
    """Open the team store at `address` and close it again: nothing is read or changed.
    ValidationError for a refused address; StoreError (unreachable, refused, outdated schema)
    with the user's message."""
    store = open_team_store(checked_address(address), via="app", holder=holder,
                            data_dir=data_dir)
    store.close()
