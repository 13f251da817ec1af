"""Opening the team store as the app starts, when Indstillinger or PLANBRO_STORE chose it.

A server that cannot be reached, a refused address or a role the schema is too new or
too old for is told in Danish, never as a traceback, and the caseworker may try again,
work in the data folder on this computer instead, or quit.
"""

from __future__ import annotations

from planbro.translation import _

from planbro.model import ValidationError

from planbro.storage import StoreError

from planbro.actions.store_choice import STORE_ENV, address_field, checked_address
from planbro.actions.team import open_team_store

from planbro.ui.app_offline import with_offline_queue

# What the caseworker chose when the team store could not be opened.
USE_LOCAL, QUIT = "local", "quit"


def open_team_at_start(address: str, source: str, settings, folder, dialogs, parent=None, *,
                       encrypt: bool = True, notes: list[str] | None = None):
    """The team store at `address` (chosen in `source`: STORE_ENV or "settings"); USE_LOCAL when
    the caseworker chose the data folder instead, QUIT when they chose to stop. With
    `encrypt`, the data folder for the offline queue is encrypted where it is not yet, as at
    the local store's first start (app_offline.py; what happened is added to `notes`)."""
    title = _("The team's database")
    field = STORE_ENV if source == STORE_ENV else address_field()
    try:
        address = checked_address(address, field)
    except ValidationError as error:
        reason = "\n".join(str(problem) for problem in error.problems)
        return _offer_local(dialogs, parent, title, reason, retry=False)
    holder = settings.caseworker_name if settings is not None else ""
    while True:
        try:
            team = open_team_store(address, via="app", holder=holder, data_dir=folder)
        except StoreError as error:
            chosen = _offer_local(dialogs, parent, title, str(error), retry=True)
            if chosen != "retry":
                return chosen
        else:
            # Saves kept on this laptop while the server is away (app_offline.py).
            return with_offline_queue(team, folder, dialogs, parent, encrypt=encrypt,
                                      notes=notes)


def _offer_local(dialogs, parent, title: str, reason: str, *, retry: bool) -> str:
    text = _("Planbro could not open the team's database:\n{reason}\n\nYou can work in the "
             "data folder on this computer instead: the team's plans are not there, and "
             "what you write there stays on this computer.").format(reason=reason)
    choices = ([_("Try &again")] if retry else []) + [_("Use the &local data folder"), _("&Quit")]
    answers = (["retry"] if retry else []) + [USE_LOCAL, QUIT]
    index = dialogs.choose(parent, title, text, choices, default=0, escape=len(choices) - 1)
    return answers[index] if 0 <= index < len(answers) else QUIT
