"""What the store refuses, each with a message the user can act on.

str() of every error is already in the user's language (Danish by default);
messages name files by path and plans by their random id only, never by a
citizen's name or CPR number.
"""

from __future__ import annotations

from pathlib import Path

from planbro.fileio.failures import write_failure
from planbro.translation import _


class StoreError(Exception):
    """Base of every storage refusal; str() is the message for the user."""


class StoreLocked(StoreError):
    """Another Planbro process writes to this data folder, or it is opened read-only."""

    def __init__(self, message: str):
        super().__init__(message)

    @classmethod
    def elsewhere(cls, folder: Path) -> StoreLocked:
        return cls(_("Planbro's data in {folder} is open in another window or on another "
                     "computer. You can read the plans here, but changes cannot be saved "
                     "until Planbro is closed there.").format(folder=folder))

    @classmethod
    def read_only(cls, folder: Path) -> StoreLocked:
        return cls(_("Planbro's data in {folder} is opened read-only; changes cannot be "
                     "saved.").format(folder=folder))


class StoreWriteFailed(StoreError):
    """A change could not be written (a full disk, no rights); nothing of it was stored."""

    def __init__(self, message: str, cause: OSError | None = None):
        super().__init__(message)
        self.cause = cause

    @classmethod
    def of(cls, error: OSError, folder: Path) -> StoreWriteFailed:
        """For a data file write in `folder` that failed with `error`."""
        return cls(write_failure(error, folder) + " " + _("Nothing was changed."), error)

    @classmethod
    def audit(cls, error: OSError, folder: Path) -> StoreWriteFailed:
        """For a change refused because its audit record could be neither written nor kept
        waiting in the data folder (writing.py)."""
        return cls(_("The change was not saved, because its record can neither be written to "
                     "the audit log of who viewed and changed plans nor wait in the data folder "
                     "until it can: {reason} Please tell your IT support.").format(
                         reason=write_failure(error, folder)), error)


class StoreCorrupt(StoreError):
    """A data file cannot be read. It is left untouched; `backups` are readable copies, newest first."""

    def __init__(self, path: Path, reason: str, backups: list[Path] | None = None):
        self.path = Path(path)
        self.reason = reason
        self.backups = list(backups or [])
        super().__init__(self._message())

    def _message(self) -> str:
        text = _("The data file {path} cannot be read ({reason}). Planbro has not changed "
                 "it.").format(path=self.path, reason=self.reason)
        if self.backups:
            return text + " " + _("The newest readable backup is {backup}; it can be "
                                  "restored.").format(backup=self.backups[0])
        return text + " " + _("No readable backup of it was found.")

    def with_backups(self, backups: list[Path]) -> StoreCorrupt:
        return StoreCorrupt(self.path, self.reason, backups)


def read_data_file(path: Path) -> bytes | None:
    """The bytes of a data file; None when there is none. One that is there but
    cannot be read is refused as StoreCorrupt naming it, as an unreadable one is."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreCorrupt(path, _("it is a folder, not a file")) from None
    except OSError as error:
        raise StoreCorrupt(path, error.strerror or str(error)) from None


class PlanNotFound(StoreError, KeyError):
    """No such plan (or version), or an id prefix that is too short or ambiguous."""

    def __str__(self) -> str:
        # KeyError's own str() would show the message in quotes.
        return str(self.args[0]) if self.args else ""

    @classmethod
    def no_plan(cls, plan_id: str) -> PlanNotFound:
        return cls(_("There is no plan with the id «{id}».").format(id=plan_id))

    @classmethod
    def no_version(cls, plan_id: str, version: int) -> PlanNotFound:
        return cls(_("The plan «{id}» has no version {version}.").format(id=plan_id, version=version))


class PlanFrozen(StoreError):
    """Tried to change a signed or closed version."""

    @classmethod
    def of(cls, status: str, version: int) -> PlanFrozen:
        if status == "closed":
            return cls(_("The plan is closed (version {version}) and can no longer be "
                         "changed.").format(version=version))
        return cls(_("Version {version} of the plan is signed and cannot be changed. Make a "
                     "new version of the plan to change it.").format(version=version))


class PlanConflict(StoreError):
    """The plan was changed by someone else after this copy of it was read: the save is
    refused whole, so neither overwrites the other (the team store; the local store has
    one writer at a time and never raises it)."""

    @classmethod
    def changed(cls, plan_id: str) -> PlanConflict:
        return cls(_("The plan «{id}» was changed by someone else after you opened it, so your "
                     "changes were not saved over theirs. Open the plan again to see their "
                     "version.").format(id=plan_id))
