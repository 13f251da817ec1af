"""Opening the team store with its offline queue as the app starts (issue 14).

The queue (storage/postgres/offline.py) is sealed with the data folder's own keys. A
data folder that is not encrypted yet gets its encryption here exactly as the local
store's first start does (ui/encrypting.py: a new folder without asking, the recovery
key shown once), so that a save while the server is away is kept, not refused; an
encrypted folder's keys are asked for when they do not open by themselves
(ui/unlock.py), as for the local store. The connection line the windows show is
ui/common/connection_banner.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from planbro.actions.offline import working_offline


def with_offline_queue(team, folder: Path | str, dialogs, parent: QWidget | None = None, *,
                       encrypt: bool = True, notes: list[str] | None = None):
    """The team store opened at start, its saves kept on this laptop while the server is
    away, sealed with the data folder's keys. With `encrypt`, a folder that is not
    encrypted is encrypted first (what happened is added to `notes` for the status bar);
    its keys are asked for when they do not open by themselves. When the folder stays
    unencrypted (declined, or `encrypt` off) or locked, an offline save is refused
    saying why."""
    from planbro.ui.encrypting import turn_on_at_start
    from planbro.ui.unlock import StaysLocked, folder_keys

    folder = Path(folder)
    keys = turn_on_at_start(folder, dialogs, parent, notes) if encrypt else None
    if keys is None:
        try:
            keys = folder_keys(folder, dialogs, parent)
        except StaysLocked:
            keys = None
    return working_offline(team, keys)
