"""Where the file dialogs start: the folder used last, else the user's Documents.

One FolderMemory per Dialogs object, so the caseload, its wizards and the
settings dialog share it; the caseload window gives it the folder saved in
the user's settings (UserSettings.last_folder) and a way to save a new one,
so the next start of Planbro opens its dialogs where the last one ended.
Never the program's own folder, which is where a dialog without a start
folder opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def documents_folder() -> Path:
    """The user's Documents folder (Dokumenter), or the home folder where there is none."""
    from PySide6.QtCore import QStandardPaths

    chosen = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(chosen) if chosen else Path.home()
    return folder if folder.is_dir() else Path.home()


class FolderMemory:
    """The last folder a file was saved in or opened from, for the next dialog."""

    def __init__(self, last: str = "", save: Callable[[str], None] | None = None) -> None:
        self.last = last
        self.save = save

    def recall(self, last: str, save: Callable[[str], None] | None) -> None:
        """Start from `last` (saved by an earlier run); `save` keeps each new one."""
        self.last = last or self.last
        self.save = save

    def start(self) -> Path:
        """Where the next dialog opens: the last folder while it exists, else Documents."""
        if self.last and Path(self.last).is_dir():
            return Path(self.last)
        return documents_folder()

    def place(self, suggested: str) -> str:
        """A suggested file name in the start folder; a path that names its folder stays."""
        path = Path(suggested)
        if path.is_absolute() or path.parent != Path("."):
            return suggested
        return str(self.start() / path)

    def remember(self, folder: str | Path) -> None:
        self.last = str(folder)
        if self.save is not None:
            try:
                self.save(self.last)
            except OSError:
                # Forgetting the folder is a small loss; the file itself is written.
                pass
