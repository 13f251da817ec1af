"""Restoring a backup, and what it would lose when the file it replaces can still be read.

A backup is meant for a damaged file. Restored over a readable one it
throws away whatever was saved since the backup was taken ("2 af 2"
becomes "1 af 1"), so that is only done with the user's consent (force):
the refusal, RestoreWouldLose, says which versions would be lost, and the
replaced file is kept as the newest backup (backups.restore), from where
it can be restored in turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planbro.translation import _, ngettext

from planbro.storage import backups, folder, migrations, writing
from planbro.storage.casefile import TABLE, check_case, same_content
from planbro.storage.errors import StoreCorrupt, StoreError, read_data_file
from planbro.storage.lock import WriterLock
from planbro.storage.paths import Layout, default_data_dir, layout_of
from planbro.storage.recorder import Recorder

if TYPE_CHECKING:
    from planbro.crypto.keys import KeyChain


def check_for(layout: Layout, path: Path) -> backups.Check:
    """How to tell a readable copy of the data file at `path` (through the folder's codec)."""
    if Path(path).name == layout.meta.name:
        return migrations.checker(layout)
    return lambda raw, where: check_case(raw, where, layout.codec)


@dataclass(frozen=True)
class Loss:
    """What restoring `backup` over the readable file `path` would throw away."""

    path: Path
    backup: Path
    # Versions in the current file that the backup does not hold.
    lost: tuple[int, ...]
    # Versions in both whose content changed since the backup.
    changed: tuple[int, ...]
    # How many versions the current file holds (0 for a file without versions).
    count: int
    # Where the current file is kept once the backup is restored.
    kept_as: Path

    def message(self) -> str:
        parts = [_("{path} can still be read; restoring {backup} replaces it.").format(
            path=self.path, backup=self.backup)]
        if self.lost:
            parts.append(ngettext("Version {versions} of {count} is lost.",
                                  "Versions {versions} of {count} are lost.",
                                  len(self.lost)).format(versions=_join(self.lost),
                                                         count=self.count))
        if self.changed:
            parts.append(ngettext("Changes made to version {versions} since the backup are lost.",
                                  "Changes made to versions {versions} since the backup are lost.",
                                  len(self.changed)).format(versions=_join(self.changed)))
        if not self.lost and not self.changed and self.count:
            parts.append(_("The backup holds the same versions as the current file."))
        parts.append(_("The current file is kept as the backup {kept}.").format(kept=self.kept_as))
        return " ".join(parts)


class RestoreWouldLose(StoreError):
    """A backup was to be restored over a readable file without the user's consent."""

    def __init__(self, loss: Loss):
        self.loss = loss
        super().__init__(loss.message() + " " + _("Nothing was restored."))


def _join(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in numbers)


def _versions(data: Any) -> dict[int, dict[str, Any]]:
    if not isinstance(data, dict) or not isinstance(data.get(TABLE), dict):
        return {}
    return {doc["version"]: doc for doc in data[TABLE].values()}


def loss(layout: Layout, backup: Path) -> Loss | None:
    """What restoring `backup` would lose; None when its data file is missing or unreadable
    (then the restore loses nothing: the damaged file is kept in damaged/)."""
    backup = Path(backup)
    original = backups.original_of(layout, backup)
    if original is None:
        return None
    check = check_for(layout, original)
    try:
        raw = read_data_file(original)
        if raw is None:
            return None
        current = _versions(check(raw, original))
    except StoreCorrupt:
        return None
    try:
        older = _versions(check(backup.read_bytes(), backup))
    except (OSError, StoreCorrupt):
        older = {}
    lost = tuple(sorted(set(current) - set(older)))
    changed = tuple(sorted(v for v in set(current) & set(older)
                           if not same_content(current[v], older[v])))
    return Loss(original, backup, lost, changed, len(current), backups.slots(layout, original)[0])


def restore_loss(data_dir: str | Path | None, backup: str | Path, *,
                 keys: KeyChain | None = None) -> Loss | None:
    """loss() in the data folder `data_dir` (opened with `keys` when it is encrypted): what
    restoring `backup` there would lose."""
    return loss(layout_of(default_data_dir(data_dir), keys), Path(backup))


def restore(layout: Layout, backup: Path, *, force: bool = False) -> Path:
    """Put `backup` back in place of its data file; RestoreWouldLose when that file can
    still be read, unless `force`. Returns the restored file's path."""
    backup = Path(backup)
    original = backups.original_of(layout, backup) or backup
    # Not a backup, or one that cannot be read: said before anything else.
    backups.read_backup(layout, backup, check_for(layout, original))
    replacing = loss(layout, backup)
    if replacing is not None and not force:
        raise RestoreWouldLose(replacing)
    return backups.restore(layout, backup, check_for(layout, original),
                           over_readable=replacing is not None)


def plan_of(layout: Layout, backup: Path) -> str | None:
    """The plan whose case file `backup` restores; None for meta.json and the like."""
    original = backups.original_of(layout, Path(backup))
    if original is None:
        return None
    plan_id = Layout.plan_id_of(original.name)
    return plan_id if plan_id and original.parent == layout.cases else None


def restore_backup(data_dir: str | Path, backup: str | Path, *, audit: Recorder | None = None,
                   via: str = "app", force: bool = False, keys: KeyChain | None = None) -> Path:
    """Restore `backup` in a folder that cannot be opened (e.g. meta.json is unreadable),
    recorded in `audit` (both or neither: writing.py); `keys` open an encrypted folder.

    Over a file that can still be read only with `force` (else RestoreWouldLose,
    saying what would be lost)."""
    layout = layout_of(default_data_dir(data_dir), keys)
    folder.check_layout(layout)
    lock = WriterLock(layout.lock, layout.root)
    try:
        if audit is not None:
            # A record that must wait is sealed in an encrypted folder (planbro.audit.waiting).
            audit.use_keys(layout.codec.keys)
        pending = writing.begin(audit, via, layout.root, "restore", plan_of(layout, Path(backup)),
                                None)
        with writing.recorded(pending, layout.root):
            return restore(layout, Path(backup), force=force)
    finally:
        lock.release()
