"""Opening the team store with its offline queue as the app starts (issue 14).

The queue (storage/postgres/offline.py) is sealed with the data folder's own keys:
asked for here when they do not open by themselves (ui/unlock.py), as for the local
store. The connection line the windows show is ui/common/connection_banner.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from planbro.actions.offline import working_offline


def with_offline_queue(team, folder: Path | str, dialogs, parent: QWidget | None = None):
    """The team store opened at start, its saves kept on this laptop while the server is
    away, sealed with the data folder's keys (asked for when they do not open by
    themselves; when the folder is not encrypted, or stays locked, an offline save is
    refused saying why)."""
    from planbro.ui.unlock import StaysLocked, folder_keys

    try:
        keys = folder_keys(Path(folder), dialogs, parent)
    except StaysLocked:
        keys = None
    return working_offline(team, keys)
